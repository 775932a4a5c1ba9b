package woocommerce

import (
	"context"
	"net/http"
	"net/url"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestCouponDecode(t *testing.T) {
	t.Parallel()
	c := assertRoundTrip[Coupon](t, jsonFixture(t, "coupon-get.json"))
	assert.Equal(t, "winter10", c.Code)
	assert.Equal(t, "10", c.Amount.String())
	assert.False(t, c.UsageLimit.Valid, "usage_limit null")
	assert.Equal(t, Int(1), c.UsageLimitPerUser, `usage_limit_per_user "1"`)
	assert.False(t, c.MaximumAmount.Valid(), `maximum_amount ""`)
	assert.True(t, c.DateExpires.IsZero())
	assert.Equal(t, []string{"2", "guest@example.org"}, c.UsedBy)
	assert.JSONEq(t, `{"pos_id":7}`, c.MetaData.Value("_woonexo_ref"))
}

func TestCouponOperations(t *testing.T) {
	t.Parallel()
	coupon := jsonFixture(t, "coupon-get.json")
	runOps(t, []opCase{
		{name: "get", method: http.MethodGet, path: "coupons/719", respond: coupon,
			call: func(ctx context.Context, c *Client) error { _, err := c.Coupons.Get(ctx, 719); return err }},
		{name: "list by code", method: http.MethodGet, path: "coupons", respond: []byte("[]"), query: url.Values{"code": {"winter10"}},
			call: func(ctx context.Context, c *Client) error {
				_, _, err := c.Coupons.List(ctx, &CouponListOptions{Code: "winter10"})
				return err
			}},
		{name: "all", method: http.MethodGet, path: "coupons", respond: []byte("[]"), query: url.Values{"page": {"1"}, "orderby": {"id"}, "order": {"asc"}, "per_page": {"100"}},
			call: func(ctx context.Context, c *Client) error {
				for _, err := range c.Coupons.All(ctx, &CouponListOptions{ListOptions: ListOptions{PerPage: 100}}) {
					return err
				}
				return nil
			}},
		{name: "create", method: http.MethodPost, path: "coupons", respond: coupon,
			body: `{"code":"winter10","amount":"10","discount_type":"percent","usage_limit":100,"maximum_amount":""}`,
			call: func(ctx context.Context, c *Client) error {
				_, err := c.Coupons.Create(ctx, CouponRequest{Code: "winter10", Amount: MustDecimal("10.00"), DiscountType: "percent",
					UsageLimit: Ptr(int64(100)), MaximumAmount: &Decimal{}})
				return err
			}},
		{name: "update", method: http.MethodPut, path: "coupons/719", respond: coupon, body: `{"free_shipping":true}`,
			call: func(ctx context.Context, c *Client) error {
				_, err := c.Coupons.Update(ctx, 719, CouponRequest{FreeShipping: Ptr(true)})
				return err
			}},
		{name: "trash", method: http.MethodDelete, path: "coupons/719", respond: coupon,
			call: func(ctx context.Context, c *Client) error { _, err := c.Coupons.Delete(ctx, 719, false); return err }},
		{name: "batch", method: http.MethodPost, path: "coupons/batch", body: `{"delete":[719]}`,
			call: func(ctx context.Context, c *Client) error {
				_, err := c.Coupons.Batch(ctx, BatchRequest[CouponRequest]{Delete: []int64{719}})
				return err
			}},
	})
}
