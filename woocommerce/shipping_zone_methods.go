package woocommerce

import (
	"context"
	"fmt"
)

// ShippingZoneMethod is a shipping method in a zone
// (GET /shipping/zones/{zone_id}/methods/{instance_id}): an instance of a
// ShippingMethod with its own settings (cost, min_amount, ...).
type ShippingZoneMethod struct {
	// ID is the instance id, as InstanceID.
	ID         int64 `json:"id"`
	InstanceID int64 `json:"instance_id"`
	// Title is the instance's title at checkout.
	Title   string  `json:"title"`
	Order   FlexInt `json:"order"`
	Enabled bool    `json:"enabled"`
	// MethodID is the method type: flat_rate, free_shipping, ...
	MethodID          string     `json:"method_id"`
	MethodTitle       string     `json:"method_title"`
	MethodDescription string     `json:"method_description"`
	Settings          SettingMap `json:"settings"`
	Links             Links      `json:"_links,omitzero"`
}

// ShippingZoneMethodRequest adds a method to a zone or updates one; only set
// fields are sent. MethodID is required when adding and ignored on update.
type ShippingZoneMethodRequest struct {
	MethodID string `json:"method_id,omitzero"`
	Order    *int64 `json:"order,omitempty"`
	Enabled  *bool  `json:"enabled,omitempty"`
	// Settings sets the instance's settings by id ("title", "cost", ...),
	// as strings.
	Settings map[string]any `json:"settings,omitzero"`
}

// ShippingZoneMethodsService manages the methods of a shipping zone under
// /shipping/zones/{zone_id}/methods. Zone 0 ("Locations not covered by your
// other zones") has methods like any other zone.
type ShippingZoneMethodsService struct{ c *Client }

func zoneMethodsPath(zoneID int64) string { return fmt.Sprintf("shipping/zones/%d/methods", zoneID) }

// List returns the methods of zoneID. The list is not paginated.
func (s *ShippingZoneMethodsService) List(ctx context.Context, zoneID int64) ([]ShippingZoneMethod, error) {
	op := fmt.Sprintf("list methods of shipping zone %d", zoneID)
	if err := checkZoneID(op, zoneID); err != nil {
		return nil, err
	}
	out, err := get[[]ShippingZoneMethod](ctx, s.c, op, zoneMethodsPath(zoneID), nil)
	if err != nil {
		return nil, err
	}
	return *out, nil
}

// Get returns method instanceID of zoneID.
func (s *ShippingZoneMethodsService) Get(ctx context.Context, zoneID, instanceID int64) (*ShippingZoneMethod, error) {
	op := fmt.Sprintf("get method %d of shipping zone %d", instanceID, zoneID)
	if err := checkZoneID(op, zoneID); err != nil {
		return nil, err
	}
	if err := checkID(op, instanceID); err != nil {
		return nil, err
	}
	return get[ShippingZoneMethod](ctx, s.c, op, fmt.Sprintf("%s/%d", zoneMethodsPath(zoneID), instanceID), nil)
}

// Create adds a method of type req.MethodID to zoneID. It is not retried
// after a 5xx.
func (s *ShippingZoneMethodsService) Create(ctx context.Context, zoneID int64, req ShippingZoneMethodRequest) (*ShippingZoneMethod, error) {
	op := fmt.Sprintf("create method of shipping zone %d", zoneID)
	if err := checkZoneID(op, zoneID); err != nil {
		return nil, err
	}
	if req.MethodID == "" {
		return nil, fmt.Errorf("woocommerce: %s: empty method_id", op)
	}
	return create[ShippingZoneMethod](ctx, s.c, op, zoneMethodsPath(zoneID), req)
}

// Update changes the fields set in req on method instanceID of zoneID. An
// invalid setting value fails the whole update with
// rest_setting_value_invalid.
func (s *ShippingZoneMethodsService) Update(ctx context.Context, zoneID, instanceID int64, req ShippingZoneMethodRequest) (*ShippingZoneMethod, error) {
	op := fmt.Sprintf("update method %d of shipping zone %d", instanceID, zoneID)
	if err := checkZoneID(op, zoneID); err != nil {
		return nil, err
	}
	if err := checkID(op, instanceID); err != nil {
		return nil, err
	}
	return update[ShippingZoneMethod](ctx, s.c, op, fmt.Sprintf("%s/%d", zoneMethodsPath(zoneID), instanceID), req)
}

// Delete removes method instanceID from zoneID for good.
func (s *ShippingZoneMethodsService) Delete(ctx context.Context, zoneID, instanceID int64) (*ShippingZoneMethod, error) {
	op := fmt.Sprintf("delete method %d of shipping zone %d", instanceID, zoneID)
	if err := checkZoneID(op, zoneID); err != nil {
		return nil, err
	}
	if err := checkID(op, instanceID); err != nil {
		return nil, err
	}
	return remove[ShippingZoneMethod](ctx, s.c, op, fmt.Sprintf("%s/%d", zoneMethodsPath(zoneID), instanceID), forceQuery(true))
}
