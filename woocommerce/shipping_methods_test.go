package woocommerce

import (
	"context"
	"encoding/json"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestShippingMethodDecode(t *testing.T) {
	t.Parallel()
	var raws []json.RawMessage
	require.NoError(t, json.Unmarshal(jsonFixture(t, "shipping-methods.json"), &raws))
	require.Len(t, raws, 3)
	m := assertRoundTrip[ShippingMethod](t, raws[0])
	assert.Equal(t, "flat_rate", m.ID)
	assert.Equal(t, "Flat rate", m.Title)
	assertRoundTrip[ShippingMethod](t, raws[2])
}

func TestShippingMethodOperations(t *testing.T) {
	t.Parallel()
	list := jsonFixture(t, "shipping-methods.json")
	var raws []json.RawMessage
	require.NoError(t, json.Unmarshal(list, &raws))
	runOps(t, []opCase{
		{name: "list", method: http.MethodGet, path: "shipping_methods", respond: list,
			call: func(ctx context.Context, c *Client) error {
				ms, err := c.ShippingMethods.List(ctx)
				if err == nil {
					assert.Len(t, ms, 3)
				}
				return err
			}},
		{name: "get", method: http.MethodGet, path: "shipping_methods/free_shipping", respond: raws[1],
			call: func(ctx context.Context, c *Client) error {
				m, err := c.ShippingMethods.Get(ctx, "free_shipping")
				if err == nil {
					assert.Equal(t, "Free shipping", m.Title)
				}
				return err
			}},
	})
}
