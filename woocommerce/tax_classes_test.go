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

func TestTaxClassDecode(t *testing.T) {
	t.Parallel()
	var raws []json.RawMessage
	require.NoError(t, json.Unmarshal(jsonFixture(t, "tax-class-list.json"), &raws))
	require.Len(t, raws, 3)
	c := assertRoundTrip[TaxClass](t, raws[0])
	assert.Equal(t, "standard", c.Slug)
	assert.Equal(t, "Standard rate", c.Name)
}

func TestTaxClassOperations(t *testing.T) {
	t.Parallel()
	runOps(t, []opCase{
		{name: "list", method: http.MethodGet, path: "taxes/classes", respond: jsonFixture(t, "tax-class-list.json"),
			call: func(ctx context.Context, c *Client) error {
				cs, err := c.TaxClasses.List(ctx)
				if err == nil {
					assert.Len(t, cs, 3)
				}
				return err
			}},
		{name: "get unwraps the one-element list", method: http.MethodGet, path: "taxes/classes/reduced-rate", respond: jsonFixture(t, "tax-class-get.json"),
			call: func(ctx context.Context, c *Client) error {
				tc, err := c.TaxClasses.Get(ctx, "reduced-rate")
				if err == nil {
					assert.Equal(t, "Reduced rate", tc.Name)
				}
				return err
			}},
		{name: "get of a bare object", method: http.MethodGet, path: "taxes/classes/zero-rate", respond: []byte(`{"slug":"zero-rate","name":"Zero rate"}`),
			call: func(ctx context.Context, c *Client) error {
				tc, err := c.TaxClasses.Get(ctx, "zero-rate")
				if err == nil {
					assert.Equal(t, "Zero rate", tc.Name)
				}
				return err
			}},
		{name: "get of an empty list is not found", method: http.MethodGet, path: "taxes/classes/gone", respond: []byte(`[]`),
			call: func(ctx context.Context, c *Client) error { _, err := c.TaxClasses.Get(ctx, "gone"); return err },
			checkResp: func(t *testing.T, err error) {
				require.ErrorIs(t, err, ErrNotFound)
				assert.Contains(t, err.Error(), `woocommerce: get tax class "gone"`)
			}},
		{name: "slug with a space is escaped", method: http.MethodGet, path: "taxes/classes/my class", respond: []byte(`[{"slug":"my-class","name":"My class"}]`),
			call: func(ctx context.Context, c *Client) error { _, err := c.TaxClasses.Get(ctx, "my class"); return err }},
		{name: "create", method: http.MethodPost, path: "taxes/classes", respond: []byte(`{"slug":"zero-rate","name":"Zero rate"}`), body: `{"name":"Zero rate"}`,
			call: func(ctx context.Context, c *Client) error {
				_, err := c.TaxClasses.Create(ctx, TaxClassRequest{Name: "Zero rate"})
				return err
			}},
		{name: "delete is forced", method: http.MethodDelete, path: "taxes/classes/zero-rate", query: url.Values{"force": {"true"}},
			respond: []byte(`{"slug":"zero-rate","name":"Zero rate"}`),
			call: func(ctx context.Context, c *Client) error {
				_, err := c.TaxClasses.Delete(ctx, "zero-rate")
				return err
			}},
	})
}

func TestStringIDsFailBeforeAnyRequest(t *testing.T) {
	t.Parallel()
	rec := newRecorder(t, jsonServer(200, []byte("{}")))
	c := rec.client(t)
	ctx := context.Background()
	_, err := c.TaxClasses.Get(ctx, "")
	require.ErrorContains(t, err, `woocommerce: get tax class "": empty slug`)
	_, err = c.TaxClasses.Delete(ctx, "..")
	require.ErrorContains(t, err, "invalid slug")
	_, err = c.TaxClasses.Create(ctx, TaxClassRequest{})
	require.Error(t, err)
	_, err = c.Settings.Get(ctx, "general", "")
	require.Error(t, err)
	_, err = c.Settings.List(ctx, ".")
	require.Error(t, err)
	_, err = c.PaymentGateways.Update(ctx, "", PaymentGatewayRequest{})
	require.Error(t, err)
	_, err = c.ShippingMethods.Get(ctx, "")
	require.Error(t, err)
	_, err = c.SystemStatus.RunTool(ctx, "")
	require.Error(t, err)
	_, err = c.Data.Currency(ctx, "")
	require.Error(t, err)
	_, err = c.ShippingZones.Get(ctx, -1)
	require.ErrorContains(t, err, "woocommerce: get shipping zone -1")
	_, err = c.ShippingZones.Update(ctx, 0, ShippingZoneRequest{Name: "x"})
	require.Error(t, err, "zone 0 cannot be updated")
	_, err = c.ShippingZoneMethods.Get(ctx, 0, 0)
	require.Error(t, err)
	_, err = c.ShippingZoneMethods.Create(ctx, 3, ShippingZoneMethodRequest{})
	require.ErrorContains(t, err, "empty method_id")
	_, err = c.CustomerDownloads.List(ctx, 0)
	require.Error(t, err)
	_, err = c.Reviews.Delete(ctx, 0, true)
	require.Error(t, err)
	assert.Empty(t, rec.requests())
}
