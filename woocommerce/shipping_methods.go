package woocommerce

import (
	"context"
	"fmt"
)

// ShippingMethod is a shipping method type the store offers
// (GET /shipping_methods/{id}): flat_rate, free_shipping, local_pickup, ...
// Zones hold instances of them (ShippingZoneMethod).
type ShippingMethod struct {
	ID          string `json:"id"`
	Title       string `json:"title"`
	Description string `json:"description"`
	Links       Links  `json:"_links,omitzero"`
}

// ShippingMethodsService lists the shipping method types:
// GET /shipping_methods and GET /shipping_methods/{id} (read-only).
type ShippingMethodsService struct{ c *Client }

// List returns every shipping method type. The list is not paginated.
func (s *ShippingMethodsService) List(ctx context.Context) ([]ShippingMethod, error) {
	out, err := get[[]ShippingMethod](ctx, s.c, "list shipping methods", "shipping_methods", nil)
	if err != nil {
		return nil, err
	}
	return *out, nil
}

// Get returns the shipping method type with id ("flat_rate", ...).
func (s *ShippingMethodsService) Get(ctx context.Context, id string) (*ShippingMethod, error) {
	op := fmt.Sprintf("get shipping method %q", id)
	seg, err := pathSegment(op, "id", id)
	if err != nil {
		return nil, err
	}
	return get[ShippingMethod](ctx, s.c, op, "shipping_methods/"+seg, nil)
}
