package woocommerce

import (
	"context"
	"net/http"
	"net/url"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestOrderNoteDecode(t *testing.T) {
	t.Parallel()
	n := assertRoundTrip[OrderNote](t, jsonFixture(t, "order-note-get.json"))
	assert.Equal(t, "system", n.Author)
	assert.Equal(t, 6, n.DateCreatedGMT.Hour())
}

func TestOrderNoteOperations(t *testing.T) {
	t.Parallel()
	note := jsonFixture(t, "order-note-get.json")
	runOps(t, []opCase{
		{name: "get", method: http.MethodGet, path: "orders/21/notes/281", respond: note,
			call: func(ctx context.Context, c *Client) error { _, err := c.OrderNotes.Get(ctx, 21, 281); return err }},
		{name: "list", method: http.MethodGet, path: "orders/21/notes", respond: []byte("[" + string(note) + "]"),
			query: url.Values{"type": {"internal"}},
			call: func(ctx context.Context, c *Client) error {
				items, err := c.OrderNotes.List(ctx, 21, &OrderNoteListOptions{Type: "internal"})
				if err == nil && len(items) != 1 {
					t.Errorf("decoded %d notes", len(items))
				}
				return err
			}},
		{name: "list without options", method: http.MethodGet, path: "orders/21/notes", respond: []byte("[]"),
			call: func(ctx context.Context, c *Client) error { _, err := c.OrderNotes.List(ctx, 21, nil); return err }},
		{name: "create", method: http.MethodPost, path: "orders/21/notes", respond: note,
			body: `{"note":"Synced to POS as #88"}`,
			call: func(ctx context.Context, c *Client) error {
				_, err := c.OrderNotes.Create(ctx, 21, OrderNoteRequest{Note: "Synced to POS as #88"})
				return err
			}},
		{name: "delete", method: http.MethodDelete, path: "orders/21/notes/281", query: url.Values{"force": {"true"}}, respond: note,
			call: func(ctx context.Context, c *Client) error { _, err := c.OrderNotes.Delete(ctx, 21, 281); return err }},
	})
}
