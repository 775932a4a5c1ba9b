package woocommerce

import (
	"context"
	"encoding/json"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestPaymentGatewayDecode(t *testing.T) {
	t.Parallel()
	var raws []json.RawMessage
	require.NoError(t, json.Unmarshal(jsonFixture(t, "payment-gateways.json"), &raws))
	require.Len(t, raws, 3)
	var methods []string

	bacs := assertRoundTrip[PaymentGateway](t, raws[0])
	assert.Equal(t, "bacs", bacs.ID)
	assert.False(t, bacs.Order.Valid, `order "" is unset`)
	assert.False(t, bacs.Enabled)
	assert.Equal(t, StringList{"products"}, bacs.MethodSupports)
	require.Contains(t, bacs.Settings, "title")
	assert.Equal(t, "Direct bank transfer", bacs.Settings["title"].ValueString())

	// method_supports comes as an object ({"0":..., "2":...}); it decodes
	// to the list it stands for, so that one member cannot round-trip as is.
	var cod PaymentGateway
	require.NoError(t, json.Unmarshal(raws[1], &cod))
	var asList map[string]any
	require.NoError(t, json.Unmarshal(raws[1], &asList))
	asList["method_supports"] = []string{"products", "refunds"}
	fixed, err := json.Marshal(asList)
	require.NoError(t, err)
	rt := assertRoundTrip[PaymentGateway](t, fixed)
	assert.Equal(t, cod.MethodSupports, rt.MethodSupports)
	assert.Equal(t, cod.Order, rt.Order)
	assert.Len(t, rt.Settings, 2)
	assert.Equal(t, Int(2), cod.Order)
	assert.Equal(t, StringList{"products", "refunds"}, cod.MethodSupports, "supports sent as an object after PHP unset an entry")
	methods, err = cod.Settings["enable_for_methods"].ValueStrings()
	require.NoError(t, err)
	assert.Equal(t, []string{"flat_rate", "local_pickup"}, methods)
	choices, err := cod.Settings["enable_for_methods"].Choices()
	require.NoError(t, err)
	assert.Equal(t, map[string]string{"flat_rate": "Any &quot;Flat rate&quot; method"}, choices, "grouped options flattened")
	assert.True(t, cod.Settings["enable_for_virtual"].Checked())

	pos := assertRoundTrip[PaymentGateway](t, raws[2])
	assert.Equal(t, Int(7), pos.Order, `order "7" as a string`)
	assert.Empty(t, pos.Settings, "settings [] is an empty map")
}

func TestPaymentGatewayOperations(t *testing.T) {
	t.Parallel()
	list := jsonFixture(t, "payment-gateways.json")
	var raws []json.RawMessage
	require.NoError(t, json.Unmarshal(list, &raws))
	cod := []byte(raws[1])
	runOps(t, []opCase{
		{name: "list", method: http.MethodGet, path: "payment_gateways", respond: list,
			call: func(ctx context.Context, c *Client) error {
				gs, err := c.PaymentGateways.List(ctx)
				if err == nil {
					assert.Len(t, gs, 3)
				}
				return err
			}},
		{name: "get", method: http.MethodGet, path: "payment_gateways/cod", respond: cod,
			call: func(ctx context.Context, c *Client) error {
				g, err := c.PaymentGateways.Get(ctx, "cod")
				if err == nil {
					assert.True(t, g.Enabled)
				}
				return err
			}},
		{name: "update", method: http.MethodPut, path: "payment_gateways/cod", respond: cod,
			body: `{"enabled":true,"order":0,"title":"Cash","settings":{"instructions":"Pay the driver","enable_for_methods":["flat_rate"]}}`,
			call: func(ctx context.Context, c *Client) error {
				_, err := c.PaymentGateways.Update(ctx, "cod", PaymentGatewayRequest{Enabled: Ptr(true), Order: Ptr(int64(0)), Title: Ptr("Cash"),
					Settings: map[string]any{"instructions": "Pay the driver", "enable_for_methods": []string{"flat_rate"}}})
				return err
			}},
	})
}
