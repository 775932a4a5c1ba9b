package woocommerce

import (
	"context"
	"fmt"
)

// ShippingZone is a shipping zone (GET /shipping/zones/{id}). Zone 0 is
// "Locations not covered by your other zones": it can be read and given
// methods, but not renamed, given locations or deleted.
type ShippingZone struct {
	ID    int64  `json:"id"`
	Name  string `json:"name"`
	Order int64  `json:"order"`
	Links Links  `json:"_links,omitzero"`
}

// ShippingZoneRequest creates or updates a shipping zone; only set fields
// are sent. Name is required on create.
type ShippingZoneRequest struct {
	Name  string `json:"name,omitzero"`
	Order *int64 `json:"order,omitempty"`
}

// ShippingZoneLocation is a place a zone covers. As a request it is sent as
// {"code", "type"}.
type ShippingZoneLocation struct {
	// Code is a country ("US"), a state ("US:CA"), a continent ("EU") or a
	// postcode ("90210", "SW1*", "10000...19999").
	Code string `json:"code"`
	// Type is country (the default), state, continent or postcode.
	Type  string `json:"type,omitzero"`
	Links Links  `json:"_links,omitzero"`
}

// ShippingZonesService manages shipping zones and their locations:
// GET/POST /shipping/zones, GET/PUT/DELETE /shipping/zones/{id} and
// GET/PUT /shipping/zones/{id}/locations. The store answers 404
// rest_no_route to all of them when shipping is disabled.
type ShippingZonesService struct{ c *Client }

func shippingZonePath(id int64) string { return fmt.Sprintf("shipping/zones/%d", id) }

// List returns every shipping zone, zone 0 first. The list is not
// paginated.
func (s *ShippingZonesService) List(ctx context.Context) ([]ShippingZone, error) {
	out, err := get[[]ShippingZone](ctx, s.c, "list shipping zones", "shipping/zones", nil)
	if err != nil {
		return nil, err
	}
	return *out, nil
}

// Get returns the shipping zone with id; 0 is the zone for locations not
// covered by the others.
func (s *ShippingZonesService) Get(ctx context.Context, id int64) (*ShippingZone, error) {
	op := fmt.Sprintf("get shipping zone %d", id)
	if err := checkZoneID(op, id); err != nil {
		return nil, err
	}
	return get[ShippingZone](ctx, s.c, op, shippingZonePath(id), nil)
}

// Create creates a shipping zone. It is not retried after a 5xx.
func (s *ShippingZonesService) Create(ctx context.Context, req ShippingZoneRequest) (*ShippingZone, error) {
	return create[ShippingZone](ctx, s.c, "create shipping zone", "shipping/zones", req)
}

// Update changes the fields set in req on shipping zone id (not zone 0).
func (s *ShippingZonesService) Update(ctx context.Context, id int64, req ShippingZoneRequest) (*ShippingZone, error) {
	op := fmt.Sprintf("update shipping zone %d", id)
	if err := checkID(op, id); err != nil {
		return nil, err
	}
	return update[ShippingZone](ctx, s.c, op, shippingZonePath(id), req)
}

// Delete deletes shipping zone id for good, with its locations and methods
// (zones have no trash).
func (s *ShippingZonesService) Delete(ctx context.Context, id int64) (*ShippingZone, error) {
	op := fmt.Sprintf("delete shipping zone %d", id)
	if err := checkID(op, id); err != nil {
		return nil, err
	}
	return remove[ShippingZone](ctx, s.c, op, shippingZonePath(id), forceQuery(true))
}

// Locations returns the locations of shipping zone id.
func (s *ShippingZonesService) Locations(ctx context.Context, id int64) ([]ShippingZoneLocation, error) {
	op := fmt.Sprintf("get locations of shipping zone %d", id)
	if err := checkZoneID(op, id); err != nil {
		return nil, err
	}
	out, err := get[[]ShippingZoneLocation](ctx, s.c, op, shippingZonePath(id)+"/locations", nil)
	if err != nil {
		return nil, err
	}
	return *out, nil
}

// UpdateLocations replaces the locations of shipping zone id (not zone 0)
// with locs and returns them as stored; an empty locs removes them all. The
// store silently drops a location with no code or an unknown type.
func (s *ShippingZonesService) UpdateLocations(ctx context.Context, id int64, locs []ShippingZoneLocation) ([]ShippingZoneLocation, error) {
	op := fmt.Sprintf("update locations of shipping zone %d", id)
	if err := checkID(op, id); err != nil {
		return nil, err
	}
	body := make([]ShippingZoneLocation, len(locs))
	for i, l := range locs {
		body[i] = ShippingZoneLocation{Code: l.Code, Type: l.Type} // never send _links
	}
	out, err := update[[]ShippingZoneLocation](ctx, s.c, op, shippingZonePath(id)+"/locations", body)
	if err != nil {
		return nil, err
	}
	return *out, nil
}
