package woocommerce

import (
	"context"
	"fmt"
	"iter"
)

// Tag is a product tag (GET /products/tags/{id}).
type Tag struct {
	ID          int64  `json:"id"`
	Name        string `json:"name"`
	Slug        string `json:"slug"`
	Description string `json:"description"`
	Count       int64  `json:"count"`
	Links       Links  `json:"_links,omitzero"`
}

// TagRequest creates or updates a tag; only set fields are sent.
type TagRequest struct {
	Name        string  `json:"name,omitzero"`
	Slug        string  `json:"slug,omitzero"`
	Description *string `json:"description,omitempty"`
}

// TagsService manages product tags under /products/tags.
type TagsService struct{ c *Client }

// Get returns the tag with id.
func (s *TagsService) Get(ctx context.Context, id int64) (*Tag, error) {
	op := fmt.Sprintf("get tag %d", id)
	if err := checkID(op, id); err != nil {
		return nil, err
	}
	return get[Tag](ctx, s.c, op, fmt.Sprintf("products/tags/%d", id), nil)
}

// List returns one page of tags.
func (s *TagsService) List(ctx context.Context, opts *TermListOptions) ([]Tag, *Page, error) {
	return list[Tag](ctx, s.c, "list tags", "products/tags", opts)
}

// All iterates over every tag matching opts. When opts sets no OrderBy it
// sorts by id (ascending unless opts.Order says otherwise), so that each of
// the tags comes exactly once: the store's default order, by name, gives tags
// that tie no stable order across pages. An OrderBy set in opts is kept; one
// that is not unique (name, slug, count, ...) can repeat or skip tags across
// pages.
func (s *TagsService) All(ctx context.Context, opts *TermListOptions) iter.Seq2[Tag, error] {
	return all[Tag](ctx, s.c, "list tags", "products/tags", opts)
}

// Create creates a tag. It is not retried after a 5xx.
func (s *TagsService) Create(ctx context.Context, req TagRequest) (*Tag, error) {
	return create[Tag](ctx, s.c, "create tag", "products/tags", req)
}

// Update changes the fields set in req on tag id.
func (s *TagsService) Update(ctx context.Context, id int64, req TagRequest) (*Tag, error) {
	op := fmt.Sprintf("update tag %d", id)
	if err := checkID(op, id); err != nil {
		return nil, err
	}
	return update[Tag](ctx, s.c, op, fmt.Sprintf("products/tags/%d", id), req)
}

// Delete deletes tag id for good (tags have no trash).
func (s *TagsService) Delete(ctx context.Context, id int64) (*Tag, error) {
	op := fmt.Sprintf("delete tag %d", id)
	if err := checkID(op, id); err != nil {
		return nil, err
	}
	return remove[Tag](ctx, s.c, op, fmt.Sprintf("products/tags/%d", id), forceQuery(true))
}

// Batch creates, updates and deletes tags.
func (s *TagsService) Batch(ctx context.Context, req BatchRequest[TagRequest]) (*BatchResult[Tag], error) {
	return batch[Tag](ctx, s.c, "batch tags", "products/tags", req)
}
