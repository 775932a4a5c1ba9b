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

func TestCategoryDecode(t *testing.T) {
	t.Parallel()
	var raws []json.RawMessage
	require.NoError(t, json.Unmarshal(fixtureBody(t, "category-list.http"), &raws))
	require.Len(t, raws, 3)
	c := assertRoundTrip[Category](t, raws[1])
	assert.Equal(t, Category{ID: 16, Name: "Shirts", Slug: "shirts", Description: "All shirts", Display: "default", Count: 1,
		Links: Links{"self": {{Href: "http://127.0.0.1:8080/wp-json/wc/v3/products/categories/16"}}, "collection": {{Href: "http://127.0.0.1:8080/wp-json/wc/v3/products/categories"}}}}, c)
	img := assertRoundTrip[Category](t, []byte(`{"id":5,"image":{"id":9,"src":"http://x/a.jpg","name":"a","alt":"","date_created":"2026-01-02T03:04:05","date_created_gmt":"2026-01-02T02:04:05","date_modified":null,"date_modified_gmt":null}}`))
	require.NotNil(t, img.Image)
	assert.Equal(t, int64(9), img.Image.ID)
}

func TestCategoryOperations(t *testing.T) {
	t.Parallel()
	list := fixtureBody(t, "category-list.http")
	runOps(t, []opCase{
		{name: "get", method: http.MethodGet, path: "products/categories/16",
			call: func(ctx context.Context, c *Client) error { _, err := c.Categories.Get(ctx, 16); return err }},
		{name: "list top level", method: http.MethodGet, path: "products/categories", respond: list,
			query: url.Values{"parent": {"0"}, "per_page": {"100"}, "hide_empty": {"true"}, "orderby": {"name"}},
			call: func(ctx context.Context, c *Client) error {
				items, _, err := c.Categories.List(ctx, &TermListOptions{ListOptions: ListOptions{PerPage: 100}, Parent: Ptr(int64(0)), HideEmpty: true, OrderBy: "name"})
				if err == nil && len(items) != 3 {
					t.Errorf("got %d categories", len(items))
				}
				return err
			}},
		{name: "all", method: http.MethodGet, path: "products/categories", respond: list, query: url.Values{"page": {"1"}, "orderby": {"id"}, "order": {"asc"}, "per_page": {"100"}},
			call: func(ctx context.Context, c *Client) error {
				n := 0
				for _, err := range c.Categories.All(ctx, &TermListOptions{ListOptions: ListOptions{PerPage: 100}}) {
					if err != nil {
						return err
					}
					n++
				}
				if n != 3 {
					t.Errorf("walked %d categories", n)
				}
				return nil
			}},
		{name: "create", method: http.MethodPost, path: "products/categories",
			body: `{"name":"Hats","parent":16,"image":{"src":"http://x/h.jpg"}}`,
			call: func(ctx context.Context, c *Client) error {
				_, err := c.Categories.Create(ctx, CategoryRequest{Name: "Hats", Parent: Ptr(int64(16)), Image: &ImageRequest{Src: "http://x/h.jpg"}})
				return err
			}},
		{name: "update", method: http.MethodPut, path: "products/categories/16", body: `{"description":""}`,
			call: func(ctx context.Context, c *Client) error {
				_, err := c.Categories.Update(ctx, 16, CategoryRequest{Description: Ptr("")})
				return err
			}},
		{name: "delete is forced", method: http.MethodDelete, path: "products/categories/16", query: url.Values{"force": {"true"}},
			call: func(ctx context.Context, c *Client) error { _, err := c.Categories.Delete(ctx, 16); return err }},
		{name: "batch", method: http.MethodPost, path: "products/categories/batch", body: `{"create":[{"name":"A"}],"delete":[3]}`,
			call: func(ctx context.Context, c *Client) error {
				_, err := c.Categories.Batch(ctx, BatchRequest[CategoryRequest]{Create: []CategoryRequest{{Name: "A"}}, Delete: []int64{3}})
				return err
			}},
	})
}
