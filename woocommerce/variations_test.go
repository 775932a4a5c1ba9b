package woocommerce

import (
	"context"
	"net/http"
	"net/url"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestVariationDecode(t *testing.T) {
	t.Parallel()
	v := assertRoundTrip[Variation](t, fixtureBody(t, "variation-get.http"))
	assert.Equal(t, int64(13), v.ParentID)
	assert.Nil(t, v.Image, "image null")
	assert.Equal(t, []VariationAttribute{{ID: 1, Name: "Size", Slug: "pa_size", Option: "M"}}, v.Attributes)
	assert.Equal(t, Int(5), v.StockQuantity)

	q := assertRoundTrip[Variation](t, jsonFixture(t, "variation-quirks.json"))
	assert.Equal(t, StockManagedByParent, q.ManageStock)
	assert.True(t, q.ManageStock.Managed())
	assert.Equal(t, Int(12), q.StockQuantity, `stock "12" as a string`)
	assert.Equal(t, "55", q.Price.String(), "price as a number")
	assert.False(t, q.SalePrice.Valid(), "sale_price null")
	assert.Equal(t, "0.45", q.Weight)
	assert.Equal(t, int64(50), q.Image.ID)
}

func TestVariationOperations(t *testing.T) {
	t.Parallel()
	body := fixtureBody(t, "variation-get.http")
	runOps(t, []opCase{
		{name: "get", method: http.MethodGet, path: "products/13/variations/14", respond: body,
			call: func(ctx context.Context, c *Client) error { _, err := c.Variations.Get(ctx, 13, 14); return err }},
		{name: "list", method: http.MethodGet, path: "products/13/variations", respond: []byte("[]"),
			query: url.Values{"sku": {"RW-VHOODIE-M"}, "per_page": {"50"}},
			call: func(ctx context.Context, c *Client) error {
				_, _, err := c.Variations.List(ctx, 13, &VariationListOptions{ListOptions: ListOptions{PerPage: 50}, SKU: "RW-VHOODIE-M"})
				return err
			}},
		{name: "all", method: http.MethodGet, path: "products/13/variations", respond: []byte("[]"),
			query: url.Values{"page": {"1"}, "orderby": {"id"}, "order": {"asc"}},
			call: func(ctx context.Context, c *Client) error {
				for _, err := range c.Variations.All(ctx, 13, nil) {
					return err
				}
				return nil
			}},
		{name: "create", method: http.MethodPost, path: "products/13/variations", respond: body,
			body: `{"regular_price":"55","attributes":[{"id":1,"option":"M"}],"manage_stock":true,"stock_quantity":5}`,
			call: func(ctx context.Context, c *Client) error {
				_, err := c.Variations.Create(ctx, 13, VariationRequest{RegularPrice: MustDecimal("55.00"),
					Attributes: []VariationAttribute{{ID: 1, Option: "M"}}, ManageStock: Ptr(true), StockQuantity: Ptr(int64(5))})
				return err
			}},
		{name: "update", method: http.MethodPut, path: "products/13/variations/14", respond: body,
			body: `{"stock_quantity":0,"image":{"id":50}}`,
			call: func(ctx context.Context, c *Client) error {
				_, err := c.Variations.Update(ctx, 13, 14, VariationRequest{StockQuantity: Ptr(int64(0)), Image: &ImageRequest{ID: 50}})
				return err
			}},
		{name: "delete", method: http.MethodDelete, path: "products/13/variations/14", query: url.Values{"force": {"true"}}, respond: body,
			call: func(ctx context.Context, c *Client) error {
				_, err := c.Variations.Delete(ctx, 13, 14, true)
				return err
			}},
		{name: "batch", method: http.MethodPost, path: "products/13/variations/batch",
			body: `{"update":[{"id":14,"stock_quantity":4}]}`,
			call: func(ctx context.Context, c *Client) error {
				_, err := c.Variations.Batch(ctx, 13, BatchRequest[VariationRequest]{Update: []BatchUpdate[VariationRequest]{{ID: 14, Request: VariationRequest{StockQuantity: Ptr(int64(4))}}}})
				return err
			}},
	})
}
