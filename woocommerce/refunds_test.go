package woocommerce

import (
	"context"
	"net/http"
	"net/url"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestRefundDecode(t *testing.T) {
	t.Parallel()
	r := assertRoundTrip[Refund](t, fixtureBody(t, "order-refund-create.http"))
	assert.Equal(t, int64(22), r.ID)
	assert.Equal(t, "5", r.Amount.String())
	assert.False(t, r.RefundedPayment)
	q := assertRoundTrip[Refund](t, []byte(`{"id":60,"amount":"10.00","line_items":[{"id":15,"name":"Tee","product_id":11,"quantity":-1,"subtotal":"-10.00","total":"-10.00","refund_total":10,"price":-10}]}`))
	assert.Equal(t, "-1", q.LineItems[0].Quantity.String())
	assert.Equal(t, "-10", q.LineItems[0].Total.String())
	assert.Equal(t, "10", q.LineItems[0].RefundTotal.String())
}

func TestRefundOperations(t *testing.T) {
	t.Parallel()
	refund := fixtureBody(t, "order-refund-create.http")
	runOps(t, []opCase{
		{name: "get", method: http.MethodGet, path: "orders/21/refunds/22", respond: refund,
			call: func(ctx context.Context, c *Client) error { _, err := c.Refunds.Get(ctx, 21, 22); return err }},
		{name: "list", method: http.MethodGet, path: "orders/21/refunds", respond: []byte("[]"), query: url.Values{"per_page": {"20"}, "dp": {"4"}},
			call: func(ctx context.Context, c *Client) error {
				_, _, err := c.Refunds.List(ctx, 21, &RefundListOptions{ListOptions: ListOptions{PerPage: 20}, DecimalPlaces: Ptr(4)})
				return err
			}},
		{name: "all", method: http.MethodGet, path: "orders/21/refunds", respond: []byte("[]"), query: url.Values{"page": {"1"}, "orderby": {"id"}, "order": {"asc"}},
			call: func(ctx context.Context, c *Client) error {
				for _, err := range c.Refunds.All(ctx, 21, nil) {
					return err
				}
				return nil
			}},
		{name: "create without touching the gateway", method: http.MethodPost, path: "orders/21/refunds", respond: refund,
			body: `{"amount":"5","reason":"sample partial refund","api_refund":false,"line_items":[{"id":1,"quantity":"1","refund_total":"5"}]}`,
			call: func(ctx context.Context, c *Client) error {
				_, err := c.Refunds.Create(ctx, 21, RefundRequest{Amount: MustDecimal("5.00"), Reason: "sample partial refund", APIRefund: Ptr(false),
					LineItems: []RefundLineRequest{{ID: 1, Quantity: DecimalFromInt(1), RefundTotal: MustDecimal("5")}}})
				return err
			}},
		{name: "delete", method: http.MethodDelete, path: "orders/21/refunds/22", query: url.Values{"force": {"true"}}, respond: refund,
			call: func(ctx context.Context, c *Client) error { _, err := c.Refunds.Delete(ctx, 21, 22); return err }},
	})
}
