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

func TestShippingClassDecode(t *testing.T) {
	t.Parallel()
	var raws []json.RawMessage
	require.NoError(t, json.Unmarshal(jsonFixture(t, "shipping-class-list.json"), &raws))
	require.Len(t, raws, 2)
	c := assertRoundTrip[ShippingClass](t, raws[0])
	assert.Equal(t, ShippingClass{ID: 31, Name: "Bulky", Slug: "bulky", Description: "Big boxes", Count: 2,
		Links: Links{"self": {{Href: "http://127.0.0.1:8080/wp-json/wc/v3/products/shipping_classes/31"}}, "collection": {{Href: "http://127.0.0.1:8080/wp-json/wc/v3/products/shipping_classes"}}}}, c)
	assertRoundTrip[ShippingClass](t, raws[1])
}

func TestShippingClassOperations(t *testing.T) {
	t.Parallel()
	list := jsonFixture(t, "shipping-class-list.json")
	var raws []json.RawMessage
	require.NoError(t, json.Unmarshal(list, &raws))
	one := []byte(raws[0])
	runOps(t, []opCase{
		{name: "get", method: http.MethodGet, path: "products/shipping_classes/31", respond: one,
			call: func(ctx context.Context, c *Client) error {
				sc, err := c.ShippingClasses.Get(ctx, 31)
				if err == nil && sc.Slug != "bulky" {
					t.Errorf("decoded slug %q", sc.Slug)
				}
				return err
			}},
		{name: "list with filters", method: http.MethodGet, path: "products/shipping_classes", respond: list,
			query: url.Values{"per_page": {"50"}, "page": {"2"}, "search": {"big box"}, "include": {"31,32"}, "exclude": {"9"},
				"offset": {"5"}, "hide_empty": {"true"}, "product": {"12"}, "slug": {"bulky"}, "order": {"desc"}, "orderby": {"count"}},
			call: func(ctx context.Context, c *Client) error {
				items, _, err := c.ShippingClasses.List(ctx, &ShippingClassListOptions{ListOptions: ListOptions{Page: 2, PerPage: 50},
					Search: "big box", Include: []int64{31, 32}, Exclude: []int64{9}, Offset: 5, HideEmpty: true, Product: 12,
					Slug: "bulky", Order: "desc", OrderBy: "count"})
				if err == nil && len(items) != 2 {
					t.Errorf("got %d classes", len(items))
				}
				return err
			}},
		{name: "all", method: http.MethodGet, path: "products/shipping_classes", respond: list, query: url.Values{"page": {"1"}, "orderby": {"id"}, "order": {"asc"}},
			call: func(ctx context.Context, c *Client) error {
				n := 0
				for _, err := range c.ShippingClasses.All(ctx, nil) {
					if err != nil {
						return err
					}
					n++
				}
				if n != 2 {
					t.Errorf("walked %d classes", n)
				}
				return nil
			}},
		{name: "create", method: http.MethodPost, path: "products/shipping_classes", respond: one,
			body: `{"name":"Bulky","description":"Big boxes"}`,
			call: func(ctx context.Context, c *Client) error {
				_, err := c.ShippingClasses.Create(ctx, ShippingClassRequest{Name: "Bulky", Description: Ptr("Big boxes")})
				return err
			}},
		{name: "update", method: http.MethodPut, path: "products/shipping_classes/31", respond: one, body: `{"slug":"big"}`,
			call: func(ctx context.Context, c *Client) error {
				_, err := c.ShippingClasses.Update(ctx, 31, ShippingClassRequest{Slug: "big"})
				return err
			}},
		{name: "delete is forced", method: http.MethodDelete, path: "products/shipping_classes/31", respond: one, query: url.Values{"force": {"true"}},
			call: func(ctx context.Context, c *Client) error { _, err := c.ShippingClasses.Delete(ctx, 31); return err }},
		{name: "batch", method: http.MethodPost, path: "products/shipping_classes/batch",
			body: `{"create":[{"name":"A"}],"update":[{"id":31,"name":"B"}],"delete":[32]}`,
			call: func(ctx context.Context, c *Client) error {
				_, err := c.ShippingClasses.Batch(ctx, BatchRequest[ShippingClassRequest]{
					Create: []ShippingClassRequest{{Name: "A"}},
					Update: []BatchUpdate[ShippingClassRequest]{{ID: 31, Request: ShippingClassRequest{Name: "B"}}},
					Delete: []int64{32},
				})
				return err
			}},
	})
}
