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

func TestTaxRateDecode(t *testing.T) {
	t.Parallel()
	var raws []json.RawMessage
	require.NoError(t, json.Unmarshal(jsonFixture(t, "tax-rate-list.json"), &raws))
	require.Len(t, raws, 2)
	r := assertRoundTrip[TaxRate](t, raws[0])
	assert.Equal(t, int64(7), r.ID)
	assert.True(t, r.Rate.Equal(MustDecimal("4")), `rate "4.0000" is a string`)
	assert.Equal(t, []string{"35014", "35036"}, r.Postcodes)
	assert.Equal(t, []string{"ALPINE", "BROOKSIDE"}, r.Cities)
	assert.Equal(t, "35014;35036", r.Postcode)
	assert.Equal(t, "standard", r.Class)
	assert.False(t, r.Shipping)

	r2 := assertRoundTrip[TaxRate](t, raws[1])
	assert.True(t, r2.Compound)
	assert.Empty(t, r2.Postcodes)
	assert.Equal(t, int64(2), r2.Priority)
}

func TestTaxRateRequestEncoding(t *testing.T) {
	t.Parallel()
	b, err := json.Marshal(TaxRateRequest{Country: Ptr(""), Rate: MustDecimal("4.5"), Name: "State", Shipping: Ptr(false), Postcodes: []string{"35014"}})
	require.NoError(t, err)
	assert.JSONEq(t, `{"country":"","rate":"4.5","name":"State","shipping":false,"postcodes":["35014"]}`, string(b))
	b, err = json.Marshal(TaxRateRequest{})
	require.NoError(t, err)
	assert.JSONEq(t, `{}`, string(b))
}

func TestTaxRateOperations(t *testing.T) {
	t.Parallel()
	list := jsonFixture(t, "tax-rate-list.json")
	var raws []json.RawMessage
	require.NoError(t, json.Unmarshal(list, &raws))
	one := []byte(raws[0])
	runOps(t, []opCase{
		{name: "get", method: http.MethodGet, path: "taxes/7", respond: one,
			call: func(ctx context.Context, c *Client) error { _, err := c.TaxRates.Get(ctx, 7); return err }},
		{name: "list with filters", method: http.MethodGet, path: "taxes", respond: list,
			query: url.Values{"per_page": {"100"}, "page": {"3"}, "class": {"reduced-rate"}, "offset": {"1"}, "order": {"desc"}, "orderby": {"priority"}},
			call: func(ctx context.Context, c *Client) error {
				items, _, err := c.TaxRates.List(ctx, &TaxRateListOptions{ListOptions: ListOptions{Page: 3, PerPage: 100}, Class: "reduced-rate", Offset: 1, Order: "desc", OrderBy: "priority"})
				if err == nil && len(items) != 2 {
					t.Errorf("got %d rates", len(items))
				}
				return err
			}},
		{name: "all", method: http.MethodGet, path: "taxes", respond: list, query: url.Values{"page": {"1"}, "orderby": {"id"}, "order": {"asc"}, "per_page": {"100"}},
			call: func(ctx context.Context, c *Client) error {
				n := 0
				for _, err := range c.TaxRates.All(ctx, &TaxRateListOptions{ListOptions: ListOptions{PerPage: 100}}) {
					if err != nil {
						return err
					}
					n++
				}
				assert.Equal(t, 2, n)
				return nil
			}},
		{name: "create", method: http.MethodPost, path: "taxes", respond: one,
			body: `{"country":"US","state":"AL","postcodes":["35014","35036"],"cities":["Alpine"],"rate":"4","name":"State Tax","shipping":false}`,
			call: func(ctx context.Context, c *Client) error {
				_, err := c.TaxRates.Create(ctx, TaxRateRequest{Country: Ptr("US"), State: Ptr("AL"), Postcodes: []string{"35014", "35036"},
					Cities: []string{"Alpine"}, Rate: MustDecimal("4"), Name: "State Tax", Shipping: Ptr(false)})
				return err
			}},
		{name: "update", method: http.MethodPut, path: "taxes/7", respond: one, body: `{"priority":2,"class":"zero-rate"}`,
			call: func(ctx context.Context, c *Client) error {
				_, err := c.TaxRates.Update(ctx, 7, TaxRateRequest{Priority: Ptr(int64(2)), Class: "zero-rate"})
				return err
			}},
		{name: "delete is forced", method: http.MethodDelete, path: "taxes/7", respond: one, query: url.Values{"force": {"true"}},
			call: func(ctx context.Context, c *Client) error { _, err := c.TaxRates.Delete(ctx, 7); return err }},
		{name: "batch", method: http.MethodPost, path: "taxes/batch", body: `{"create":[{"rate":"20","name":"VAT"}],"delete":[7]}`,
			call: func(ctx context.Context, c *Client) error {
				_, err := c.TaxRates.Batch(ctx, BatchRequest[TaxRateRequest]{Create: []TaxRateRequest{{Rate: MustDecimal("20"), Name: "VAT"}}, Delete: []int64{7}})
				return err
			}},
	})
}
