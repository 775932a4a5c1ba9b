package woocommerce

import (
	"context"
	"net/http"
	"net/url"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestWebhookDecode(t *testing.T) {
	t.Parallel()
	w := assertRoundTrip[Webhook](t, jsonFixture(t, "webhook-get.json"))
	assert.Equal(t, "order.created", w.Topic)
	assert.Equal(t, []string{"woocommerce_new_order"}, w.Hooks)
}

func TestWebhookOperations(t *testing.T) {
	t.Parallel()
	hook := jsonFixture(t, "webhook-get.json")
	runOps(t, []opCase{
		{name: "get", method: http.MethodGet, path: "webhooks/5", respond: hook,
			call: func(ctx context.Context, c *Client) error { _, err := c.Webhooks.Get(ctx, 5); return err }},
		{name: "list", method: http.MethodGet, path: "webhooks", respond: []byte("[]"), query: url.Values{"status": {"disabled"}},
			call: func(ctx context.Context, c *Client) error {
				_, _, err := c.Webhooks.List(ctx, &WebhookListOptions{Status: "disabled"})
				return err
			}},
		{name: "all", method: http.MethodGet, path: "webhooks", respond: []byte("[]"), query: url.Values{"page": {"1"}, "orderby": {"id"}, "order": {"asc"}},
			call: func(ctx context.Context, c *Client) error {
				for _, err := range c.Webhooks.All(ctx, nil) {
					return err
				}
				return nil
			}},
		{name: "create", method: http.MethodPost, path: "webhooks", respond: hook,
			body: `{"name":"Order created","topic":"order.created","delivery_url":"https://bridge.example/hook","secret":"s3cret"}`,
			call: func(ctx context.Context, c *Client) error {
				_, err := c.Webhooks.Create(ctx, WebhookRequest{Name: "Order created", Topic: "order.created", DeliveryURL: "https://bridge.example/hook", Secret: "s3cret"})
				return err
			}},
		{name: "re-enable", method: http.MethodPut, path: "webhooks/5", respond: hook, body: `{"status":"active"}`,
			call: func(ctx context.Context, c *Client) error {
				_, err := c.Webhooks.Update(ctx, 5, WebhookRequest{Status: "active"})
				return err
			}},
		{name: "delete", method: http.MethodDelete, path: "webhooks/5", query: url.Values{"force": {"true"}}, respond: hook,
			call: func(ctx context.Context, c *Client) error { _, err := c.Webhooks.Delete(ctx, 5); return err }},
		{name: "batch", method: http.MethodPost, path: "webhooks/batch", body: `{"create":[{"topic":"product.updated","delivery_url":"https://b.example/h"}]}`,
			call: func(ctx context.Context, c *Client) error {
				_, err := c.Webhooks.Batch(ctx, BatchRequest[WebhookRequest]{Create: []WebhookRequest{{Topic: "product.updated", DeliveryURL: "https://b.example/h"}}})
				return err
			}},
	})
}
