package syncer

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"github.com/woonexo/woonexo/woocommerce"
)

// WebhookTopics are the WooCommerce topics the engine listens to.
var WebhookTopics = []string{
	"product.created", "product.updated", "product.deleted", "product.restored",
	"order.created", "order.updated", "order.deleted", "order.restored",
	"customer.created", "customer.updated", "customer.deleted",
}

// webhookName prefixes the webhooks EnsureWebhooks manages.
const webhookName = "woonexo: "

// EnsureWebhooks creates (or repairs) the store's webhooks for
// WebhookTopics, delivering to deliveryURL signed with secret: the
// module's "one click" setup. A webhook of ours that WooCommerce disabled
// after failed deliveries, or that points elsewhere, is updated and made
// active again. The store pings deliveryURL when a webhook is created, so
// the receiver must be up.
func (e *Engine) EnsureWebhooks(ctx context.Context, deliveryURL, secret string) error {
	if deliveryURL == "" || secret == "" {
		return errors.New("syncer: ensure webhooks: delivery URL and secret are required")
	}
	have := map[string]woocommerce.Webhook{}
	for h, err := range e.woo.Webhooks.All(ctx, &woocommerce.WebhookListOptions{ListOptions: woocommerce.ListOptions{PerPage: 100}}) {
		if err != nil {
			return fmt.Errorf("syncer: ensure webhooks: %w", err)
		}
		if h.DeliveryURL == deliveryURL || len(h.Name) >= len(webhookName) && h.Name[:len(webhookName)] == webhookName {
			have[h.Topic] = h
		}
	}
	for _, topic := range WebhookTopics {
		req := woocommerce.WebhookRequest{Name: webhookName + topic, Status: "active", Topic: topic, DeliveryURL: deliveryURL, Secret: secret}
		h, ok := have[topic]
		var err error
		switch {
		case !ok:
			_, err = e.woo.Webhooks.Create(ctx, req)
		case h.Status != "active" || h.DeliveryURL != deliveryURL:
			_, err = e.woo.Webhooks.Update(ctx, h.ID, req)
		}
		if err != nil {
			return fmt.Errorf("syncer: ensure webhook %s: %w", topic, err)
		}
	}
	return nil
}

// Run applies the inbox with the configured number of workers, polls
// NexoPOS on its interval and runs a full reconcile on its schedule, until
// ctx ends. It first checks the configuration's defaults against NexoPOS
// ([Engine.CheckDefaults]) and returns that error without starting. Errors
// of single records are logged and retried; otherwise Run returns only when
// ctx ends.
func (e *Engine) Run(ctx context.Context) error {
	if err := e.CheckDefaults(ctx); err != nil {
		return err
	}
	var wg sync.WaitGroup
	for i := 0; i < e.workers; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			e.loop(ctx, 500*time.Millisecond, func(ctx context.Context) {
				if _, err := e.ProcessInbox(ctx); err != nil && ctx.Err() == nil {
					e.log.LogAttrs(ctx, slog.LevelError, "inbox", slog.String("error", err.Error()))
				}
			})
		}()
	}
	wg.Add(1)
	go func() {
		defer wg.Done()
		e.loop(ctx, e.pollEvery, func(ctx context.Context) {
			rep, err := e.PollNexo(ctx)
			if err != nil && ctx.Err() == nil {
				e.log.LogAttrs(ctx, slog.LevelError, "poll", slog.String("error", err.Error()))
			}
			for _, err := range rep.Errors {
				e.log.LogAttrs(ctx, slog.LevelWarn, "poll record", slog.String("error", err.Error()))
			}
			if _, err := e.CatchUp(ctx); err != nil && ctx.Err() == nil {
				e.log.LogAttrs(ctx, slog.LevelError, "catch-up reconcile", slog.String("error", err.Error()))
			}
		})
	}()
	if e.reconEvery > 0 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			e.loop(ctx, e.reconEvery, func(ctx context.Context) {
				if _, err := e.Reconcile(ctx, ReconcileOptions{}); err != nil && ctx.Err() == nil {
					e.log.LogAttrs(ctx, slog.LevelError, "reconcile", slog.String("error", err.Error()))
				}
			})
		}()
	}
	wg.Wait()
	return ctx.Err()
}

func (e *Engine) loop(ctx context.Context, every time.Duration, fn func(context.Context)) {
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		fn(ctx)
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}
