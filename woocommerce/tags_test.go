package woocommerce

import (
	"context"
	"net/http"
	"net/url"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestTagDecode(t *testing.T) {
	t.Parallel()
	tag := assertRoundTrip[Tag](t, jsonFixture(t, "tag-get.json"))
	assert.Equal(t, int64(34), tag.ID)
	assert.Equal(t, int64(4), tag.Count)
}

func TestTagOperations(t *testing.T) {
	t.Parallel()
	runOps(t, []opCase{
		{name: "get", method: http.MethodGet, path: "products/tags/34",
			call: func(ctx context.Context, c *Client) error { _, err := c.Tags.Get(ctx, 34); return err }},
		{name: "list", method: http.MethodGet, path: "products/tags", respond: []byte("[]"),
			query: url.Values{"search": {"win"}, "product": {"12"}},
			call: func(ctx context.Context, c *Client) error {
				_, _, err := c.Tags.List(ctx, &TermListOptions{Search: "win", Product: 12})
				return err
			}},
		{name: "all", method: http.MethodGet, path: "products/tags", respond: []byte("[]"), query: url.Values{"page": {"1"}, "orderby": {"id"}, "order": {"asc"}},
			call: func(ctx context.Context, c *Client) error {
				for _, err := range c.Tags.All(ctx, nil) {
					return err
				}
				return nil
			}},
		{name: "create", method: http.MethodPost, path: "products/tags", body: `{"name":"Winter"}`,
			call: func(ctx context.Context, c *Client) error {
				_, err := c.Tags.Create(ctx, TagRequest{Name: "Winter"})
				return err
			}},
		{name: "update", method: http.MethodPut, path: "products/tags/34", body: `{"slug":"cold"}`,
			call: func(ctx context.Context, c *Client) error {
				_, err := c.Tags.Update(ctx, 34, TagRequest{Slug: "cold"})
				return err
			}},
		{name: "delete", method: http.MethodDelete, path: "products/tags/34", query: url.Values{"force": {"true"}},
			call: func(ctx context.Context, c *Client) error { _, err := c.Tags.Delete(ctx, 34); return err }},
		{name: "batch", method: http.MethodPost, path: "products/tags/batch", body: `{"update":[{"id":34,"name":"W"}]}`,
			call: func(ctx context.Context, c *Client) error {
				_, err := c.Tags.Batch(ctx, BatchRequest[TagRequest]{Update: []BatchUpdate[TagRequest]{{ID: 34, Request: TagRequest{Name: "W"}}}})
				return err
			}},
	})
}
