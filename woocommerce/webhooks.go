package woocommerce

import (
	"context"
	"fmt"
	"iter"
)

// Webhook is a webhook registered on the store (GET /webhooks/{id}).
type Webhook struct {
	ID   int64  `json:"id"`
	Name string `json:"name"`
	// Status is active, paused or disabled. The store disables a webhook
	// after more than 5 consecutive failed deliveries.
	Status string `json:"status"`
	// Topic is resource.event, such as order.created, or action.<hook>.
	Topic    string   `json:"topic"`
	Resource string   `json:"resource"`
	Event    string   `json:"event"`
	Hooks    []string `json:"hooks"`
	// DeliveryURL receives the deliveries.
	DeliveryURL     string `json:"delivery_url"`
	DateCreated     Time   `json:"date_created"`
	DateCreatedGMT  Time   `json:"date_created_gmt"`
	DateModified    Time   `json:"date_modified"`
	DateModifiedGMT Time   `json:"date_modified_gmt"`
	Links           Links  `json:"_links,omitzero"`
}

// WebhookRequest creates or updates a webhook; only set fields are sent.
// Creating one makes the store send a ping (form body webhook_id=N) to
// DeliveryURL, which must answer 200.
type WebhookRequest struct {
	Name        string `json:"name,omitzero"`
	Status      string `json:"status,omitzero"`
	Topic       string `json:"topic,omitzero"`
	DeliveryURL string `json:"delivery_url,omitzero"`
	// Secret signs deliveries (X-WC-Webhook-Signature); the store makes
	// one up when it is empty on create, and never returns it.
	Secret string `json:"secret,omitzero"`
}

// WebhookListOptions filters GET /webhooks.
type WebhookListOptions struct {
	ListOptions
	DateFilters
	Search string `url:"search,omitempty"`
	// Status is all (the default), active, paused or disabled.
	Status  string  `url:"status,omitempty"`
	Include []int64 `url:"include,comma,omitempty"`
	Exclude []int64 `url:"exclude,comma,omitempty"`
	Order   string  `url:"order,omitempty"`
	OrderBy string  `url:"orderby,omitempty"`
}

// WebhooksService manages webhooks: GET/POST /webhooks,
// GET/PUT/DELETE /webhooks/{id}, POST /webhooks/batch.
type WebhooksService struct{ c *Client }

// Get returns the webhook with id.
func (s *WebhooksService) Get(ctx context.Context, id int64) (*Webhook, error) {
	op := fmt.Sprintf("get webhook %d", id)
	if err := checkID(op, id); err != nil {
		return nil, err
	}
	return get[Webhook](ctx, s.c, op, fmt.Sprintf("webhooks/%d", id), nil)
}

// List returns one page of webhooks.
func (s *WebhooksService) List(ctx context.Context, opts *WebhookListOptions) ([]Webhook, *Page, error) {
	return list[Webhook](ctx, s.c, "list webhooks", "webhooks", opts)
}

// All iterates over every webhook matching opts. When opts sets no OrderBy it
// sorts by id (ascending unless opts.Order says otherwise), so that each of
// the webhooks comes exactly once: the store's default order, by date, gives
// webhooks that tie no stable order across pages. An OrderBy set in opts is
// kept; one that is not unique (date, title, ...) can repeat or skip webhooks
// across pages.
func (s *WebhooksService) All(ctx context.Context, opts *WebhookListOptions) iter.Seq2[Webhook, error] {
	return all[Webhook](ctx, s.c, "list webhooks", "webhooks", opts)
}

// Create registers a webhook. It is not retried after a 5xx.
func (s *WebhooksService) Create(ctx context.Context, req WebhookRequest) (*Webhook, error) {
	return create[Webhook](ctx, s.c, "create webhook", "webhooks", req)
}

// Update changes the fields set in req on webhook id; setting Status to
// "active" re-enables a webhook the store disabled.
func (s *WebhooksService) Update(ctx context.Context, id int64, req WebhookRequest) (*Webhook, error) {
	op := fmt.Sprintf("update webhook %d", id)
	if err := checkID(op, id); err != nil {
		return nil, err
	}
	return update[Webhook](ctx, s.c, op, fmt.Sprintf("webhooks/%d", id), req)
}

// Delete deletes webhook id for good (webhooks have no trash).
func (s *WebhooksService) Delete(ctx context.Context, id int64) (*Webhook, error) {
	op := fmt.Sprintf("delete webhook %d", id)
	if err := checkID(op, id); err != nil {
		return nil, err
	}
	return remove[Webhook](ctx, s.c, op, fmt.Sprintf("webhooks/%d", id), forceQuery(true))
}

// Batch creates, updates and deletes webhooks.
func (s *WebhooksService) Batch(ctx context.Context, req BatchRequest[WebhookRequest]) (*BatchResult[Webhook], error) {
	return batch[Webhook](ctx, s.c, "batch webhooks", "webhooks", req)
}
