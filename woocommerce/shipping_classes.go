package woocommerce

import (
	"context"
	"fmt"
	"iter"
)

// ShippingClass is a product shipping class
// (GET /products/shipping_classes/{id}). Products point to it by
// shipping_class_id.
type ShippingClass struct {
	ID          int64  `json:"id"`
	Name        string `json:"name"`
	Slug        string `json:"slug"`
	Description string `json:"description"`
	// Count is the number of published products in the class.
	Count int64 `json:"count"`
	Links Links `json:"_links,omitzero"`
}

// ShippingClassRequest creates or updates a shipping class; only set fields
// are sent. Name is required on create.
type ShippingClassRequest struct {
	Name        string  `json:"name,omitzero"`
	Slug        string  `json:"slug,omitzero"`
	Description *string `json:"description,omitempty"`
}

// ShippingClassListOptions filters GET /products/shipping_classes.
type ShippingClassListOptions struct {
	ListOptions
	Search  string  `url:"search,omitempty"`
	Include []int64 `url:"include,comma,omitempty"`
	Exclude []int64 `url:"exclude,comma,omitempty"`
	// Offset skips this many classes; it takes precedence over Page.
	Offset int `url:"offset,omitempty"`
	// HideEmpty leaves out classes with no products.
	HideEmpty bool `url:"hide_empty,omitempty"`
	// Product limits to the class of this product.
	Product int64  `url:"product,omitempty"`
	Slug    string `url:"slug,omitempty"`
	Order   string `url:"order,omitempty"`
	// OrderBy is id, include, name (the default), slug, term_group,
	// description or count.
	OrderBy string `url:"orderby,omitempty"`
}

// ShippingClassesService manages shipping classes under
// /products/shipping_classes.
type ShippingClassesService struct{ c *Client }

func shippingClassPath(id int64) string { return fmt.Sprintf("products/shipping_classes/%d", id) }

// Get returns the shipping class with id.
func (s *ShippingClassesService) Get(ctx context.Context, id int64) (*ShippingClass, error) {
	op := fmt.Sprintf("get shipping class %d", id)
	if err := checkID(op, id); err != nil {
		return nil, err
	}
	return get[ShippingClass](ctx, s.c, op, shippingClassPath(id), nil)
}

// List returns one page of shipping classes.
func (s *ShippingClassesService) List(ctx context.Context, opts *ShippingClassListOptions) ([]ShippingClass, *Page, error) {
	return list[ShippingClass](ctx, s.c, "list shipping classes", "products/shipping_classes", opts)
}

// All iterates over every shipping class matching opts. When opts sets no
// OrderBy it sorts by id (ascending unless opts.Order says otherwise), so
// that each of the shipping classes comes exactly once: the store's default
// order, by name, gives shipping classes that tie no stable order across
// pages. An OrderBy set in opts is kept; one that is not unique (name, slug,
// count, ...) can repeat or skip shipping classes across pages.
func (s *ShippingClassesService) All(ctx context.Context, opts *ShippingClassListOptions) iter.Seq2[ShippingClass, error] {
	return all[ShippingClass](ctx, s.c, "list shipping classes", "products/shipping_classes", opts)
}

// Create creates a shipping class. It is not retried after a 5xx; a
// duplicate name fails with term_exists, whose Data.ResourceID is the
// existing class.
func (s *ShippingClassesService) Create(ctx context.Context, req ShippingClassRequest) (*ShippingClass, error) {
	return create[ShippingClass](ctx, s.c, "create shipping class", "products/shipping_classes", req)
}

// Update changes the fields set in req on shipping class id.
func (s *ShippingClassesService) Update(ctx context.Context, id int64, req ShippingClassRequest) (*ShippingClass, error) {
	op := fmt.Sprintf("update shipping class %d", id)
	if err := checkID(op, id); err != nil {
		return nil, err
	}
	return update[ShippingClass](ctx, s.c, op, shippingClassPath(id), req)
}

// Delete deletes shipping class id for good (terms have no trash); its
// products are left without a class.
func (s *ShippingClassesService) Delete(ctx context.Context, id int64) (*ShippingClass, error) {
	op := fmt.Sprintf("delete shipping class %d", id)
	if err := checkID(op, id); err != nil {
		return nil, err
	}
	return remove[ShippingClass](ctx, s.c, op, shippingClassPath(id), forceQuery(true))
}

// Batch creates, updates and deletes shipping classes.
func (s *ShippingClassesService) Batch(ctx context.Context, req BatchRequest[ShippingClassRequest]) (*BatchResult[ShippingClass], error) {
	return batch[ShippingClass](ctx, s.c, "batch shipping classes", "products/shipping_classes", req)
}
