package woocommerce

import (
	"context"
	"fmt"
	"net/http"
)

// OrderNote is a note on an order (GET /orders/{order_id}/notes/{id}).
type OrderNote struct {
	ID             int64  `json:"id"`
	Author         string `json:"author"`
	DateCreated    Time   `json:"date_created"`
	DateCreatedGMT Time   `json:"date_created_gmt"`
	Note           string `json:"note"`
	// CustomerNote is true for a note shown to (and emailed to) the
	// customer; false for a private note.
	CustomerNote bool `json:"customer_note"`
	// AddedByUser is true when a user, not the system, wrote the note.
	AddedByUser bool  `json:"added_by_user"`
	Links       Links `json:"_links,omitzero"`
}

// OrderNoteRequest adds a note to an order.
type OrderNoteRequest struct {
	Note string `json:"note"`
	// CustomerNote makes the note visible to the customer, who is emailed.
	CustomerNote bool `json:"customer_note,omitzero"`
	// AddedByUser attributes the note to the API key's user.
	AddedByUser bool `json:"added_by_user,omitzero"`
}

// OrderNoteListOptions filters GET /orders/{id}/notes.
type OrderNoteListOptions struct {
	// Type is any (the default), customer or internal.
	Type string `url:"type,omitempty"`
}

// OrderNotesService manages the notes of an order under
// /orders/{order_id}/notes. Notes cannot be updated.
type OrderNotesService struct{ c *Client }

func notesPath(orderID int64) string { return fmt.Sprintf("orders/%d/notes", orderID) }

// Get returns note id of orderID.
func (s *OrderNotesService) Get(ctx context.Context, orderID, id int64) (*OrderNote, error) {
	op := fmt.Sprintf("get note %d of order %d", id, orderID)
	if err := checkID(op, orderID, id); err != nil {
		return nil, err
	}
	return get[OrderNote](ctx, s.c, op, fmt.Sprintf("%s/%d", notesPath(orderID), id), nil)
}

// List returns every note of orderID: the endpoint is not paginated.
func (s *OrderNotesService) List(ctx context.Context, orderID int64, opts *OrderNoteListOptions) ([]OrderNote, error) {
	op := fmt.Sprintf("list notes of order %d", orderID)
	if err := checkID(op, orderID); err != nil {
		return nil, err
	}
	q, err := encodeOptions(opts)
	if err != nil {
		return nil, fmt.Errorf("woocommerce: %s: %w", op, err)
	}
	var out []OrderNote
	if _, err := s.c.send(ctx, call{op: op, method: http.MethodGet, path: notesPath(orderID), query: q}, &out); err != nil {
		return nil, err
	}
	return out, nil
}

// Create adds a note to orderID. It is not retried after a 5xx.
func (s *OrderNotesService) Create(ctx context.Context, orderID int64, req OrderNoteRequest) (*OrderNote, error) {
	op := fmt.Sprintf("create note of order %d", orderID)
	if err := checkID(op, orderID); err != nil {
		return nil, err
	}
	return create[OrderNote](ctx, s.c, op, notesPath(orderID), req)
}

// Delete deletes note id of orderID for good (notes have no trash).
func (s *OrderNotesService) Delete(ctx context.Context, orderID, id int64) (*OrderNote, error) {
	op := fmt.Sprintf("delete note %d of order %d", id, orderID)
	if err := checkID(op, orderID, id); err != nil {
		return nil, err
	}
	return remove[OrderNote](ctx, s.c, op, fmt.Sprintf("%s/%d", notesPath(orderID), id), forceQuery(true))
}
