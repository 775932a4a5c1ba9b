package woocommerce

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestReportDecode(t *testing.T) {
	t.Parallel()
	var raws []json.RawMessage
	require.NoError(t, json.Unmarshal(jsonFixture(t, "reports-list.json"), &raws))
	r := assertRoundTrip[Report](t, raws[2])
	assert.Equal(t, "orders/totals", r.Slug)

	require.NoError(t, json.Unmarshal(jsonFixture(t, "reports-sales.json"), &raws))
	require.Len(t, raws, 1)
	s := assertRoundTrip[SalesReport](t, raws[0])
	assert.True(t, s.TotalSales.Equal(MustDecimal("147")))
	assert.True(t, s.TotalRefunds.Equal(MustDecimal("5")), "total_refunds sent as a number")
	assert.Equal(t, FlexInt(3), s.TotalOrders)
	assert.Equal(t, "day", s.TotalsGroupedBy)
	require.Len(t, s.Totals, 2)
	day := s.Totals["2026-11-27"]
	assert.Equal(t, FlexInt(4), day.Items)
	assert.True(t, day.Shipping.Equal(MustDecimal("15")))
	assert.True(t, s.Totals["2026-11-26"].Sales.Valid(), `"0.00" is a set zero`)

	var empty SalesReport
	require.NoError(t, json.Unmarshal([]byte(`{"totals":[]}`), &empty))
	assert.Empty(t, empty.Totals, "PHP's empty array")

	require.NoError(t, json.Unmarshal(jsonFixture(t, "reports-top-sellers.json"), &raws))
	top := assertRoundTrip[TopSeller](t, raws[0])
	assert.Equal(t, int64(12), top.ProductID)
	kg := assertRoundTrip[TopSeller](t, raws[1])
	assert.True(t, kg.Quantity.Equal(MustDecimal("1.5")), "fractional quantity")

	require.NoError(t, json.Unmarshal(jsonFixture(t, "reports-orders-totals.json"), &raws))
	tot := assertRoundTrip[ReportTotal](t, raws[1])
	assert.Equal(t, ReportTotal{Slug: "processing", Name: "Processing", Total: 2}, tot)
	assert.Equal(t, FlexInt(0), assertRoundTrip[ReportTotal](t, raws[3]).Total, `"0" as a string`)
}

func TestReportOperations(t *testing.T) {
	t.Parallel()
	totals := jsonFixture(t, "reports-orders-totals.json")
	runOps(t, []opCase{
		{name: "list", method: http.MethodGet, path: "reports", respond: jsonFixture(t, "reports-list.json"),
			call: func(ctx context.Context, c *Client) error {
				rs, err := c.Reports.List(ctx)
				if err == nil {
					assert.Len(t, rs, 4)
				}
				return err
			}},
		{name: "sales by dates", method: http.MethodGet, path: "reports/sales", respond: jsonFixture(t, "reports-sales.json"),
			query: url.Values{"date_min": {"2026-11-01"}, "date_max": {"2026-11-30"}},
			call: func(ctx context.Context, c *Client) error {
				r, err := c.Reports.Sales(ctx, &ReportPeriodOptions{DateMin: time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC), DateMax: time.Date(2026, 11, 30, 0, 0, 0, 0, time.UTC)})
				if err == nil {
					assert.Equal(t, FlexInt(1), r.TotalCustomers)
				}
				return err
			}},
		{name: "sales this week", method: http.MethodGet, path: "reports/sales", respond: jsonFixture(t, "reports-sales.json"),
			call: func(ctx context.Context, c *Client) error { _, err := c.Reports.Sales(ctx, nil); return err }},
		{name: "sales empty answer", method: http.MethodGet, path: "reports/sales", respond: []byte(`[]`),
			call: func(ctx context.Context, c *Client) error { _, err := c.Reports.Sales(ctx, nil); return err },
			checkResp: func(t *testing.T, err error) {
				require.ErrorIs(t, err, ErrNotFound)
				assert.Contains(t, err.Error(), "woocommerce: get sales report:")
			}},
		{name: "top sellers by period", method: http.MethodGet, path: "reports/top_sellers", respond: jsonFixture(t, "reports-top-sellers.json"),
			query: url.Values{"period": {"last_month"}},
			call: func(ctx context.Context, c *Client) error {
				ts, err := c.Reports.TopSellers(ctx, &ReportPeriodOptions{Period: "last_month"})
				if err == nil {
					assert.Len(t, ts, 2)
				}
				return err
			}},
		{name: "orders totals", method: http.MethodGet, path: "reports/orders/totals", respond: totals,
			call: func(ctx context.Context, c *Client) error { _, err := c.Reports.OrdersTotals(ctx); return err }},
		{name: "products totals", method: http.MethodGet, path: "reports/products/totals", respond: []byte(`[{"slug":"simple","name":"Simple product","total":3}]`),
			call: func(ctx context.Context, c *Client) error { _, err := c.Reports.ProductsTotals(ctx); return err }},
		{name: "customers totals", method: http.MethodGet, path: "reports/customers/totals", respond: []byte(`[{"slug":"paying","name":"Paying customer","total":1}]`),
			call: func(ctx context.Context, c *Client) error { _, err := c.Reports.CustomersTotals(ctx); return err }},
		{name: "coupons totals", method: http.MethodGet, path: "reports/coupons/totals", respond: []byte(`[{"slug":"percent","name":"Percentage discount","total":1}]`),
			call: func(ctx context.Context, c *Client) error { _, err := c.Reports.CouponsTotals(ctx); return err }},
		{name: "reviews totals", method: http.MethodGet, path: "reports/reviews/totals", respond: []byte(`[{"slug":"rated_5_out_of_5","name":"Rated 5 out of 5","total":1}]`),
			call: func(ctx context.Context, c *Client) error { _, err := c.Reports.ReviewsTotals(ctx); return err }},
	})
}
