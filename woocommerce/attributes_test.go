package woocommerce

import (
	"context"
	"net/http"
	"net/url"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestAttributeDecode(t *testing.T) {
	t.Parallel()
	a := assertRoundTrip[Attribute](t, jsonFixture(t, "attribute-get.json"))
	assert.Equal(t, "pa_size", a.Slug)
	term := assertRoundTrip[AttributeTerm](t, jsonFixture(t, "attribute-term-get.json"))
	assert.Equal(t, "M", term.Name)
}

func TestAttributeOperations(t *testing.T) {
	t.Parallel()
	runOps(t, []opCase{
		{name: "get", method: http.MethodGet, path: "products/attributes/1",
			call: func(ctx context.Context, c *Client) error { _, err := c.Attributes.Get(ctx, 1); return err }},
		{name: "list", method: http.MethodGet, path: "products/attributes", respond: []byte(`[{"id":1,"name":"Size"}]`),
			call: func(ctx context.Context, c *Client) error {
				items, err := c.Attributes.List(ctx)
				if err == nil && (len(items) != 1 || items[0].Name != "Size") {
					t.Errorf("decoded %+v", items)
				}
				return err
			}},
		{name: "create", method: http.MethodPost, path: "products/attributes", body: `{"name":"Color","has_archives":false}`,
			call: func(ctx context.Context, c *Client) error {
				_, err := c.Attributes.Create(ctx, AttributeRequest{Name: "Color", HasArchives: Ptr(false)})
				return err
			}},
		{name: "update", method: http.MethodPut, path: "products/attributes/1", body: `{"order_by":"name"}`,
			call: func(ctx context.Context, c *Client) error {
				_, err := c.Attributes.Update(ctx, 1, AttributeRequest{OrderBy: "name"})
				return err
			}},
		{name: "delete", method: http.MethodDelete, path: "products/attributes/1", query: url.Values{"force": {"true"}},
			call: func(ctx context.Context, c *Client) error { _, err := c.Attributes.Delete(ctx, 1); return err }},
		{name: "batch", method: http.MethodPost, path: "products/attributes/batch", body: `{"delete":[1]}`,
			call: func(ctx context.Context, c *Client) error {
				_, err := c.Attributes.Batch(ctx, BatchRequest[AttributeRequest]{Delete: []int64{1}})
				return err
			}},
		{name: "term get", method: http.MethodGet, path: "products/attributes/1/terms/20",
			call: func(ctx context.Context, c *Client) error { _, err := c.AttributeTerms.Get(ctx, 1, 20); return err }},
		{name: "term list", method: http.MethodGet, path: "products/attributes/1/terms", respond: []byte("[]"),
			query: url.Values{"slug": {"m"}},
			call: func(ctx context.Context, c *Client) error {
				_, _, err := c.AttributeTerms.List(ctx, 1, &TermListOptions{Slug: "m"})
				return err
			}},
		{name: "term all", method: http.MethodGet, path: "products/attributes/1/terms", respond: []byte("[]"), query: url.Values{"page": {"1"}, "orderby": {"id"}, "order": {"asc"}},
			call: func(ctx context.Context, c *Client) error {
				for _, err := range c.AttributeTerms.All(ctx, 1, nil) {
					return err
				}
				return nil
			}},
		{name: "term create", method: http.MethodPost, path: "products/attributes/1/terms", body: `{"name":"XL","menu_order":4}`,
			call: func(ctx context.Context, c *Client) error {
				_, err := c.AttributeTerms.Create(ctx, 1, AttributeTermRequest{Name: "XL", MenuOrder: Ptr(int64(4))})
				return err
			}},
		{name: "term update", method: http.MethodPut, path: "products/attributes/1/terms/20", body: `{"description":"medium"}`,
			call: func(ctx context.Context, c *Client) error {
				_, err := c.AttributeTerms.Update(ctx, 1, 20, AttributeTermRequest{Description: Ptr("medium")})
				return err
			}},
		{name: "term delete", method: http.MethodDelete, path: "products/attributes/1/terms/20", query: url.Values{"force": {"true"}},
			call: func(ctx context.Context, c *Client) error { _, err := c.AttributeTerms.Delete(ctx, 1, 20); return err }},
		{name: "term batch", method: http.MethodPost, path: "products/attributes/1/terms/batch", body: `{"create":[{"name":"S"}]}`,
			call: func(ctx context.Context, c *Client) error {
				_, err := c.AttributeTerms.Batch(ctx, 1, BatchRequest[AttributeTermRequest]{Create: []AttributeTermRequest{{Name: "S"}}})
				return err
			}},
	})
}
