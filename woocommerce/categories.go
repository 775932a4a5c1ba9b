package woocommerce

import (
	"context"
	"fmt"
	"iter"
)

// Category is a product category (GET /products/categories/{id}).
type Category struct {
	ID          int64  `json:"id"`
	Name        string `json:"name"`
	Slug        string `json:"slug"`
	Parent      int64  `json:"parent"`
	Description string `json:"description"`
	// Display is default, products, subcategories or both.
	Display string `json:"display"`
	// Image is nil when the category has none.
	Image     *Image `json:"image"`
	MenuOrder int64  `json:"menu_order"`
	Count     int64  `json:"count"`
	Links     Links  `json:"_links,omitzero"`
}

// CategoryRequest creates or updates a category; only set fields are sent.
type CategoryRequest struct {
	Name        string        `json:"name,omitzero"`
	Slug        string        `json:"slug,omitzero"`
	Parent      *int64        `json:"parent,omitempty"`
	Description *string       `json:"description,omitempty"`
	Display     string        `json:"display,omitzero"`
	Image       *ImageRequest `json:"image,omitempty"`
	MenuOrder   *int64        `json:"menu_order,omitempty"`
}

// TermListOptions filters the lists of categories, tags and attribute terms.
type TermListOptions struct {
	ListOptions
	Search  string  `url:"search,omitempty"`
	Include []int64 `url:"include,comma,omitempty"`
	Exclude []int64 `url:"exclude,comma,omitempty"`
	// HideEmpty leaves out terms with no products.
	HideEmpty bool `url:"hide_empty,omitempty"`
	// Parent limits to children of this term (categories and hierarchical
	// attributes only); nil for any parent, 0 for top-level terms.
	Parent *int64 `url:"parent,omitempty"`
	// Product limits to terms assigned to this product.
	Product int64  `url:"product,omitempty"`
	Slug    string `url:"slug,omitempty"`
	Order   string `url:"order,omitempty"`
	// OrderBy is id, include, name, slug, term_group, description or count
	// (plus menu_order for categories and terms).
	OrderBy string `url:"orderby,omitempty"`
}

// CategoriesService manages product categories under /products/categories.
// There are no category webhooks, so a sync has to poll them.
type CategoriesService struct{ c *Client }

// Get returns the category with id.
func (s *CategoriesService) Get(ctx context.Context, id int64) (*Category, error) {
	op := fmt.Sprintf("get category %d", id)
	if err := checkID(op, id); err != nil {
		return nil, err
	}
	return get[Category](ctx, s.c, op, fmt.Sprintf("products/categories/%d", id), nil)
}

// List returns one page of categories.
func (s *CategoriesService) List(ctx context.Context, opts *TermListOptions) ([]Category, *Page, error) {
	return list[Category](ctx, s.c, "list categories", "products/categories", opts)
}

// All iterates over every category matching opts, however many there are.
// When opts sets no OrderBy it sorts by id (ascending unless opts.Order says
// otherwise), so that each of the categories comes exactly once: the store's
// default order, by name, gives categories that tie no stable order across
// pages. An OrderBy set in opts is kept; one that is not unique (name, slug,
// count, ...) can repeat or skip categories across pages.
func (s *CategoriesService) All(ctx context.Context, opts *TermListOptions) iter.Seq2[Category, error] {
	return all[Category](ctx, s.c, "list categories", "products/categories", opts)
}

// Create creates a category. It is not retried after a 5xx; a duplicate
// name under the same parent fails with term_exists, whose
// Data.ResourceID is the existing category.
func (s *CategoriesService) Create(ctx context.Context, req CategoryRequest) (*Category, error) {
	return create[Category](ctx, s.c, "create category", "products/categories", req)
}

// Update changes the fields set in req on category id.
func (s *CategoriesService) Update(ctx context.Context, id int64, req CategoryRequest) (*Category, error) {
	op := fmt.Sprintf("update category %d", id)
	if err := checkID(op, id); err != nil {
		return nil, err
	}
	return update[Category](ctx, s.c, op, fmt.Sprintf("products/categories/%d", id), req)
}

// Delete deletes category id for good (categories have no trash).
func (s *CategoriesService) Delete(ctx context.Context, id int64) (*Category, error) {
	op := fmt.Sprintf("delete category %d", id)
	if err := checkID(op, id); err != nil {
		return nil, err
	}
	return remove[Category](ctx, s.c, op, fmt.Sprintf("products/categories/%d", id), forceQuery(true))
}

// Batch creates, updates and deletes categories.
func (s *CategoriesService) Batch(ctx context.Context, req BatchRequest[CategoryRequest]) (*BatchResult[Category], error) {
	return batch[Category](ctx, s.c, "batch categories", "products/categories", req)
}
