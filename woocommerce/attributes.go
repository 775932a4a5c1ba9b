package woocommerce

import (
	"context"
	"fmt"
	"iter"
	"net/http"
)

// Attribute is a global product attribute (GET /products/attributes/{id}),
// such as Size with slug "pa_size".
type Attribute struct {
	ID   int64  `json:"id"`
	Name string `json:"name"`
	Slug string `json:"slug"`
	// Type is "select" in core WooCommerce.
	Type string `json:"type"`
	// OrderBy is menu_order, name, name_num or id.
	OrderBy     string `json:"order_by"`
	HasArchives bool   `json:"has_archives"`
	Links       Links  `json:"_links,omitzero"`
}

// AttributeRequest creates or updates an attribute; only set fields are sent.
type AttributeRequest struct {
	Name        string `json:"name,omitzero"`
	Slug        string `json:"slug,omitzero"`
	Type        string `json:"type,omitzero"`
	OrderBy     string `json:"order_by,omitzero"`
	HasArchives *bool  `json:"has_archives,omitempty"`
}

// AttributesService manages global product attributes under
// /products/attributes.
type AttributesService struct{ c *Client }

// Get returns the attribute with id.
func (s *AttributesService) Get(ctx context.Context, id int64) (*Attribute, error) {
	op := fmt.Sprintf("get attribute %d", id)
	if err := checkID(op, id); err != nil {
		return nil, err
	}
	return get[Attribute](ctx, s.c, op, fmt.Sprintf("products/attributes/%d", id), nil)
}

// List returns every attribute: the endpoint is not paginated.
func (s *AttributesService) List(ctx context.Context) ([]Attribute, error) {
	var out []Attribute
	if _, err := s.c.send(ctx, call{op: "list attributes", method: http.MethodGet, path: "products/attributes"}, &out); err != nil {
		return nil, err
	}
	return out, nil
}

// Create creates an attribute. It is not retried after a 5xx.
func (s *AttributesService) Create(ctx context.Context, req AttributeRequest) (*Attribute, error) {
	return create[Attribute](ctx, s.c, "create attribute", "products/attributes", req)
}

// Update changes the fields set in req on attribute id.
func (s *AttributesService) Update(ctx context.Context, id int64, req AttributeRequest) (*Attribute, error) {
	op := fmt.Sprintf("update attribute %d", id)
	if err := checkID(op, id); err != nil {
		return nil, err
	}
	return update[Attribute](ctx, s.c, op, fmt.Sprintf("products/attributes/%d", id), req)
}

// Delete deletes attribute id and its terms for good.
func (s *AttributesService) Delete(ctx context.Context, id int64) (*Attribute, error) {
	op := fmt.Sprintf("delete attribute %d", id)
	if err := checkID(op, id); err != nil {
		return nil, err
	}
	return remove[Attribute](ctx, s.c, op, fmt.Sprintf("products/attributes/%d", id), forceQuery(true))
}

// Batch creates, updates and deletes attributes.
func (s *AttributesService) Batch(ctx context.Context, req BatchRequest[AttributeRequest]) (*BatchResult[Attribute], error) {
	return batch[Attribute](ctx, s.c, "batch attributes", "products/attributes", req)
}

// AttributeTerm is a term of a global attribute
// (GET /products/attributes/{attribute_id}/terms/{id}), such as "M" of Size.
type AttributeTerm struct {
	ID          int64  `json:"id"`
	Name        string `json:"name"`
	Slug        string `json:"slug"`
	Description string `json:"description"`
	MenuOrder   int64  `json:"menu_order"`
	Count       int64  `json:"count"`
	Links       Links  `json:"_links,omitzero"`
}

// AttributeTermRequest creates or updates a term; only set fields are sent.
type AttributeTermRequest struct {
	Name        string  `json:"name,omitzero"`
	Slug        string  `json:"slug,omitzero"`
	Description *string `json:"description,omitempty"`
	MenuOrder   *int64  `json:"menu_order,omitempty"`
}

// AttributeTermsService manages the terms of a global attribute under
// /products/attributes/{attribute_id}/terms.
type AttributeTermsService struct{ c *Client }

func termsPath(attributeID int64) string {
	return fmt.Sprintf("products/attributes/%d/terms", attributeID)
}

// Get returns term id of attributeID.
func (s *AttributeTermsService) Get(ctx context.Context, attributeID, id int64) (*AttributeTerm, error) {
	op := fmt.Sprintf("get term %d of attribute %d", id, attributeID)
	if err := checkID(op, attributeID, id); err != nil {
		return nil, err
	}
	return get[AttributeTerm](ctx, s.c, op, fmt.Sprintf("%s/%d", termsPath(attributeID), id), nil)
}

// List returns one page of the terms of attributeID.
func (s *AttributeTermsService) List(ctx context.Context, attributeID int64, opts *TermListOptions) ([]AttributeTerm, *Page, error) {
	op := fmt.Sprintf("list terms of attribute %d", attributeID)
	if err := checkID(op, attributeID); err != nil {
		return nil, nil, err
	}
	return list[AttributeTerm](ctx, s.c, op, termsPath(attributeID), opts)
}

// All iterates over every term of attributeID matching opts. When opts sets
// no OrderBy it sorts by id (ascending unless opts.Order says otherwise), so
// that each of the terms comes exactly once: the store's default order, by
// name, gives terms that tie no stable order across pages. An OrderBy set in
// opts is kept; one that is not unique (name, slug, count, ...) can repeat or
// skip terms across pages.
func (s *AttributeTermsService) All(ctx context.Context, attributeID int64, opts *TermListOptions) iter.Seq2[AttributeTerm, error] {
	op := fmt.Sprintf("list terms of attribute %d", attributeID)
	if err := checkID(op, attributeID); err != nil {
		return errSeq[AttributeTerm](err)
	}
	return all[AttributeTerm](ctx, s.c, op, termsPath(attributeID), opts)
}

// Create creates a term of attributeID. It is not retried after a 5xx.
func (s *AttributeTermsService) Create(ctx context.Context, attributeID int64, req AttributeTermRequest) (*AttributeTerm, error) {
	op := fmt.Sprintf("create term of attribute %d", attributeID)
	if err := checkID(op, attributeID); err != nil {
		return nil, err
	}
	return create[AttributeTerm](ctx, s.c, op, termsPath(attributeID), req)
}

// Update changes the fields set in req on term id of attributeID.
func (s *AttributeTermsService) Update(ctx context.Context, attributeID, id int64, req AttributeTermRequest) (*AttributeTerm, error) {
	op := fmt.Sprintf("update term %d of attribute %d", id, attributeID)
	if err := checkID(op, attributeID, id); err != nil {
		return nil, err
	}
	return update[AttributeTerm](ctx, s.c, op, fmt.Sprintf("%s/%d", termsPath(attributeID), id), req)
}

// Delete deletes term id of attributeID for good (terms have no trash).
func (s *AttributeTermsService) Delete(ctx context.Context, attributeID, id int64) (*AttributeTerm, error) {
	op := fmt.Sprintf("delete term %d of attribute %d", id, attributeID)
	if err := checkID(op, attributeID, id); err != nil {
		return nil, err
	}
	return remove[AttributeTerm](ctx, s.c, op, fmt.Sprintf("%s/%d", termsPath(attributeID), id), forceQuery(true))
}

// Batch creates, updates and deletes terms of attributeID.
func (s *AttributeTermsService) Batch(ctx context.Context, attributeID int64, req BatchRequest[AttributeTermRequest]) (*BatchResult[AttributeTerm], error) {
	op := fmt.Sprintf("batch terms of attribute %d", attributeID)
	if err := checkID(op, attributeID); err != nil {
		return nil, err
	}
	return batch[AttributeTerm](ctx, s.c, op, termsPath(attributeID), req)
}
