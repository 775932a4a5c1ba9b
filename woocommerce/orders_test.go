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

func TestOrderDecodeRealSample(t *testing.T) {
	t.Parallel()
	o := assertRoundTrip[Order](t, fixtureBody(t, "order-get.http"))
	assert.Equal(t, int64(21), o.ID)
	assert.Equal(t, "processing", o.Status)
	assert.Equal(t, "143", o.Total.String())
	assert.Equal(t, "abc-123", o.MetaData.Value("_realwoo_ref"))
	assert.Equal(t, "jane.doe@example.com", o.Billing.Email)
	assert.Empty(t, o.Shipping.Email)
	assert.True(t, o.DateCompleted.IsZero())
	assert.Equal(t, time.Date(2026, 11, 27, 6, 43, 23, 0, time.UTC), o.DatePaidGMT.Time)
	require.Len(t, o.LineItems, 2)
	li := o.LineItems[0]
	assert.Equal(t, "39", li.Price.String(), "price is a JSON number")
	assert.Equal(t, "2", li.Quantity.String())
	assert.Equal(t, FlexInt(0), li.Image.ID, `image id ""`)
	assert.Equal(t, "Variable Hoodie", o.LineItems[1].ParentName)
	assert.Equal(t, "Size", o.LineItems[1].MetaData[0].DisplayKey)
	assert.Equal(t, "10", o.ShippingLines[0].Total.String())
}

func TestOrderDecodeQuirks(t *testing.T) {
	t.Parallel()
	o := assertRoundTrip[Order](t, jsonFixture(t, "order-quirks.json"))
	assert.Equal(t, "1.5", o.LineItems[0].Quantity.String(), "fractional quantity")
	assert.Equal(t, "9.540000000000001", o.LineItems[0].Price.String(), "computed price kept exactly")
	assert.Equal(t, "0.98", o.ShippingTax.String(), "money as a number")
	assert.True(t, o.DatePaid.IsZero())
	assert.Equal(t, "-10", o.Refunds[0].Total.String())
	assert.Equal(t, FlexInt(44), o.LineItems[1].Image.ID)
	assert.Equal(t, "21", o.TaxLines[0].RatePercent.String())
	assert.Equal(t, "3", o.MetaData.Value("_count"))
	var blob struct {
		A int
		B []*bool
	}
	m, ok := o.MetaData.Get("_plugin_blob")
	require.True(t, ok)
	require.NoError(t, m.Decode(&blob))
	assert.Equal(t, 1, blob.A)
	assert.Equal(t, "pos-order-88", o.MetaData.Value("_woonexo_ref"))
	assert.Equal(t, "0.5", o.FeeLines[0].Amount.String())
	assert.Equal(t, "€", o.CurrencySymbol)
}

func TestOrderRequestEncoding(t *testing.T) {
	t.Parallel()
	req := OrderRequest{
		Status: "pending", CustomerID: Ptr(int64(2)), PaymentMethod: "bacs",
		Billing:  &Address{FirstName: "Jane", Email: "jane@example.com"},
		MetaData: []MetaData{StringMeta("_woonexo_ref", "pos-88")},
		LineItems: []LineItemRequest{
			{ProductID: 12, Quantity: DecimalFromInt(2)},
			{Name: "Quick product", Quantity: MustDecimal("1"), Total: MustDecimal("3.50")},
		},
		ShippingLines: []ShippingLineRequest{{MethodID: "flat_rate", MethodTitle: "Flat Rate", Total: MustDecimal("10.00")}},
		CouponLines:   []CouponLineRequest{{Code: "winter10"}},
		SetPaid:       Ptr(false),
	}
	b, err := json.Marshal(req)
	require.NoError(t, err)
	assert.JSONEq(t, `{"status":"pending","customer_id":2,"payment_method":"bacs",
		"billing":{"first_name":"Jane","last_name":"","company":"","address_1":"","address_2":"","city":"","state":"","postcode":"","country":"","email":"jane@example.com","phone":""},
		"meta_data":[{"key":"_woonexo_ref","value":"pos-88"}],
		"line_items":[{"product_id":12,"quantity":"2"},{"name":"Quick product","quantity":"1","total":"3.5"}],
		"shipping_lines":[{"method_id":"flat_rate","method_title":"Flat Rate","total":"10"}],
		"coupon_lines":[{"code":"winter10"}],"set_paid":false}`, string(b))
}

func TestOrderOperations(t *testing.T) {
	t.Parallel()
	order := fixtureBody(t, "order-get.http")
	runOps(t, []opCase{
		{name: "get", method: http.MethodGet, path: "orders/21", respond: order,
			call: func(ctx context.Context, c *Client) error { _, err := c.Orders.Get(ctx, 21); return err }},
		{name: "list", method: http.MethodGet, path: "orders", respond: []byte("[" + string(order) + "]"),
			query: url.Values{"status": {"processing,on-hold"}, "customer": {"2"}, "after": {"2026-11-01T00:00:00"},
				"dates_are_gmt": {"true"}, "search": {"abc-123"}, "dp": {"2"}, "orderby": {"modified"}, "order": {"asc"}},
			call: func(ctx context.Context, c *Client) error {
				items, _, err := c.Orders.List(ctx, &OrderListOptions{Status: []string{"processing", "on-hold"}, Customer: 2,
					DateFilters: DateFilters{After: time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)}, Search: "abc-123",
					DecimalPlaces: Ptr(2), OrderBy: "modified", Order: "asc"})
				if err == nil && len(items) != 1 {
					t.Errorf("decoded %d orders", len(items))
				}
				return err
			}},
		{name: "all", method: http.MethodGet, path: "orders", respond: []byte("[]"), query: url.Values{"page": {"1"}, "orderby": {"id"}, "order": {"asc"}, "product": {"12"}},
			call: func(ctx context.Context, c *Client) error {
				for _, err := range c.Orders.All(ctx, &OrderListOptions{Product: 12}) {
					return err
				}
				return nil
			}},
		{name: "create", method: http.MethodPost, path: "orders", respond: order,
			body: `{"status":"pending","meta_data":[{"key":"_ref","value":"r1"}],"line_items":[{"product_id":12,"quantity":"2"}]}`,
			call: func(ctx context.Context, c *Client) error {
				_, err := c.Orders.Create(ctx, OrderRequest{Status: "pending", MetaData: []MetaData{StringMeta("_ref", "r1")},
					LineItems: []LineItemRequest{{ProductID: 12, Quantity: DecimalFromInt(2)}}})
				return err
			}},
		{name: "update status", method: http.MethodPut, path: "orders/21", respond: order, body: `{"status":"cancelled"}`,
			call: func(ctx context.Context, c *Client) error {
				_, err := c.Orders.Update(ctx, 21, OrderRequest{Status: "cancelled"})
				return err
			}},
		{name: "trash", method: http.MethodDelete, path: "orders/21", respond: order,
			call: func(ctx context.Context, c *Client) error { _, err := c.Orders.Delete(ctx, 21, false); return err }},
		{name: "batch", method: http.MethodPost, path: "orders/batch", body: `{"update":[{"id":21,"status":"completed"}]}`,
			call: func(ctx context.Context, c *Client) error {
				_, err := c.Orders.Batch(ctx, BatchRequest[OrderRequest]{Update: []BatchUpdate[OrderRequest]{{ID: 21, Request: OrderRequest{Status: "completed"}}}})
				return err
			}},
	})
}
