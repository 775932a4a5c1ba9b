package woocommerce

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestShippingZoneDecode(t *testing.T) {
	t.Parallel()
	var raws []json.RawMessage
	require.NoError(t, json.Unmarshal(jsonFixture(t, "shipping-zones.json"), &raws))
	require.Len(t, raws, 2)
	z0 := assertRoundTrip[ShippingZone](t, raws[0])
	assert.Equal(t, int64(0), z0.ID)
	assert.Equal(t, "Locations not covered by your other zones", z0.Name)
	z := assertRoundTrip[ShippingZone](t, raws[1])
	assert.Equal(t, ShippingZone{ID: 3, Name: "Portugal", Order: 1, Links: z.Links}, z)

	require.NoError(t, json.Unmarshal(jsonFixture(t, "shipping-zone-locations.json"), &raws))
	l := assertRoundTrip[ShippingZoneLocation](t, raws[1])
	assert.Equal(t, "1000...1999", l.Code)
	assert.Equal(t, "postcode", l.Type)
}

func TestShippingZoneOperations(t *testing.T) {
	t.Parallel()
	list := jsonFixture(t, "shipping-zones.json")
	var raws []json.RawMessage
	require.NoError(t, json.Unmarshal(list, &raws))
	zone := []byte(raws[1])
	locs := jsonFixture(t, "shipping-zone-locations.json")
	runOps(t, []opCase{
		{name: "list", method: http.MethodGet, path: "shipping/zones", respond: list,
			call: func(ctx context.Context, c *Client) error {
				zs, err := c.ShippingZones.List(ctx)
				if err == nil {
					assert.Len(t, zs, 2)
				}
				return err
			}},
		{name: "get zone 0", method: http.MethodGet, path: "shipping/zones/0", respond: raws[0],
			call: func(ctx context.Context, c *Client) error { _, err := c.ShippingZones.Get(ctx, 0); return err }},
		{name: "get", method: http.MethodGet, path: "shipping/zones/3", respond: zone,
			call: func(ctx context.Context, c *Client) error { _, err := c.ShippingZones.Get(ctx, 3); return err }},
		{name: "create", method: http.MethodPost, path: "shipping/zones", respond: zone, body: `{"name":"Portugal","order":1}`,
			call: func(ctx context.Context, c *Client) error {
				_, err := c.ShippingZones.Create(ctx, ShippingZoneRequest{Name: "Portugal", Order: Ptr(int64(1))})
				return err
			}},
		{name: "update", method: http.MethodPut, path: "shipping/zones/3", respond: zone, body: `{"order":0}`,
			call: func(ctx context.Context, c *Client) error {
				_, err := c.ShippingZones.Update(ctx, 3, ShippingZoneRequest{Order: Ptr(int64(0))})
				return err
			}},
		{name: "delete is forced", method: http.MethodDelete, path: "shipping/zones/3", respond: zone, query: url.Values{"force": {"true"}},
			call: func(ctx context.Context, c *Client) error { _, err := c.ShippingZones.Delete(ctx, 3); return err }},
		{name: "locations", method: http.MethodGet, path: "shipping/zones/3/locations", respond: locs,
			call: func(ctx context.Context, c *Client) error {
				ls, err := c.ShippingZones.Locations(ctx, 3)
				if err == nil {
					assert.Len(t, ls, 2)
					assert.Equal(t, "PT", ls[0].Code)
				}
				return err
			}},
		{name: "update locations sends a bare list without links", method: http.MethodPut, path: "shipping/zones/3/locations", respond: locs,
			body: `[{"code":"PT","type":"country"},{"code":"1000...1999","type":"postcode"}]`,
			call: func(ctx context.Context, c *Client) error {
				_, err := c.ShippingZones.UpdateLocations(ctx, 3, []ShippingZoneLocation{
					{Code: "PT", Type: "country", Links: Links{"describes": {{Href: "x"}}}},
					{Code: "1000...1999", Type: "postcode"},
				})
				return err
			}},
		{name: "clear locations", method: http.MethodPut, path: "shipping/zones/3/locations", respond: []byte(`[]`), body: `[]`,
			call: func(ctx context.Context, c *Client) error {
				ls, err := c.ShippingZones.UpdateLocations(ctx, 3, nil)
				if err == nil {
					assert.Empty(t, ls)
				}
				return err
			}},
	})
}
