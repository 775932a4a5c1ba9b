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

func TestShippingZoneMethodDecode(t *testing.T) {
	t.Parallel()
	var raws []json.RawMessage
	require.NoError(t, json.Unmarshal(jsonFixture(t, "shipping-zone-methods.json"), &raws))
	require.Len(t, raws, 2)
	m := assertRoundTrip[ShippingZoneMethod](t, raws[0])
	assert.Equal(t, int64(5), m.InstanceID)
	assert.Equal(t, "flat_rate", m.MethodID)
	assert.Equal(t, FlexInt(1), m.Order)
	assert.Equal(t, "4.90", m.Settings["cost"].ValueString())
	choices, err := m.Settings["tax_status"].Choices()
	require.NoError(t, err)
	assert.Equal(t, map[string]string{"taxable": "Taxable", "none": "None"}, choices)

	p := assertRoundTrip[ShippingZoneMethod](t, raws[1])
	assert.Equal(t, FlexInt(2), p.Order, `order "2" as a string`)
	assert.Empty(t, p.Settings, "settings [] is an empty map")
	assert.False(t, p.Enabled)
}

func TestShippingZoneMethodOperations(t *testing.T) {
	t.Parallel()
	list := jsonFixture(t, "shipping-zone-methods.json")
	var raws []json.RawMessage
	require.NoError(t, json.Unmarshal(list, &raws))
	one := []byte(raws[0])
	runOps(t, []opCase{
		{name: "list", method: http.MethodGet, path: "shipping/zones/3/methods", respond: list,
			call: func(ctx context.Context, c *Client) error {
				ms, err := c.ShippingZoneMethods.List(ctx, 3)
				if err == nil {
					assert.Len(t, ms, 2)
				}
				return err
			}},
		{name: "list of zone 0", method: http.MethodGet, path: "shipping/zones/0/methods", respond: []byte(`[]`),
			call: func(ctx context.Context, c *Client) error { _, err := c.ShippingZoneMethods.List(ctx, 0); return err }},
		{name: "get", method: http.MethodGet, path: "shipping/zones/3/methods/5", respond: one,
			call: func(ctx context.Context, c *Client) error { _, err := c.ShippingZoneMethods.Get(ctx, 3, 5); return err }},
		{name: "create", method: http.MethodPost, path: "shipping/zones/3/methods", respond: one,
			body: `{"method_id":"flat_rate","enabled":true,"settings":{"cost":"4.90","title":"Flat rate"}}`,
			call: func(ctx context.Context, c *Client) error {
				_, err := c.ShippingZoneMethods.Create(ctx, 3, ShippingZoneMethodRequest{MethodID: "flat_rate", Enabled: Ptr(true),
					Settings: map[string]any{"cost": "4.90", "title": "Flat rate"}})
				return err
			}},
		{name: "update", method: http.MethodPut, path: "shipping/zones/3/methods/5", respond: one, body: `{"order":2,"enabled":false}`,
			call: func(ctx context.Context, c *Client) error {
				_, err := c.ShippingZoneMethods.Update(ctx, 3, 5, ShippingZoneMethodRequest{Order: Ptr(int64(2)), Enabled: Ptr(false)})
				return err
			}},
		{name: "delete is forced", method: http.MethodDelete, path: "shipping/zones/3/methods/5", respond: one, query: url.Values{"force": {"true"}},
			call: func(ctx context.Context, c *Client) error {
				_, err := c.ShippingZoneMethods.Delete(ctx, 3, 5)
				return err
			}},
	})
}
