package syncer

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"iter"
	"log/slog"
	"maps"
	"slices"
	"time"

	"github.com/woonexo/woonexo/mapping"
	"github.com/woonexo/woonexo/woocommerce"
	"github.com/woonexo/woonexo/woocommerce/webhook"
)

// MaxWebhookBodyBytes is the largest webhook body the inbox keeps, and the
// limit of the handler [Engine.WebhookHandler] builds: 8 MiB, the same as
// [webhook.DefaultMaxBodyBytes]. Stored with its topic, ids and header values
// (each clipped to a bound), such a body fits in [mapping.MaxPayloadBytes].
// A handler of your own that passes deliveries to [Engine.Enqueue] should
// read no more than this.
const MaxWebhookBodyBytes = mapping.MaxPayloadBytes - maxEnvelopeBytes

// maxEnvelopeBytes is the room the inbox payload needs besides the body.
// Four header values clipped to maxHeaderValue bytes, each byte at most 6
// once encoded (\u0001), a delivery id of at most 128 printable bytes (2 each
// at most), two int64s and the keys: under 26 KiB.
const maxEnvelopeBytes = 64 << 10

// maxHeaderValue is how much of each free-form header value (topic,
// resource, event, source) the inbox keeps. The headers are not signed and
// the webhook package does not bound them; WooCommerce's are far shorter.
const maxHeaderValue = 1 << 10

// inboxPayload is what the inbox keeps of a webhook delivery.
type inboxPayload struct {
	Topic      string          `json:"topic"`
	Resource   string          `json:"resource"`
	Event      string          `json:"event"`
	WebhookID  int64           `json:"webhook_id"`
	DeliveryID string          `json:"delivery_id"`
	Source     string          `json:"source"`
	ID         int64           `json:"id"`
	Body       json.RawMessage `json:"body"`
}

// WebhookHandler returns the http.Handler to give WooCommerce as the
// webhooks' delivery URL. It verifies each delivery with secret (answering
// the ping), writes it to the store's inbox, and only then answers 200: a
// delivery answered 200 survives a crash, and WooCommerce never retries.
// Duplicates are caught by the inbox, whose event id is the delivery key.
// Apply the inbox with Run or ProcessInbox.
//
// The handler reads bodies of up to [MaxWebhookBodyBytes], all of which the
// inbox keeps, and answers a longer one 413 before anything is stored.
// [webhook.WithMaxBodyBytes] among opts may lower that limit; one above it
// is an error here, not a delivery refused later.
func (e *Engine) WebhookHandler(secret string, opts ...webhook.HandlerOption) (*webhook.Handler, error) {
	all := append([]webhook.HandlerOption{webhook.WithoutDedupe(), webhook.WithLogger(e.log),
		webhook.WithMaxBodyBytes(MaxWebhookBodyBytes)}, opts...)
	h, err := webhook.NewHandler(secret, all...)
	if err != nil {
		return nil, fmt.Errorf("syncer: webhook handler: %w", err)
	}
	if n := h.MaxBodyBytes(); n > MaxWebhookBodyBytes {
		return nil, fmt.Errorf("syncer: webhook handler: body limit %d is above %d, the largest body the inbox keeps (MaxWebhookBodyBytes)",
			n, MaxWebhookBodyBytes)
	}
	h.OnAny(e.Enqueue)
	return h, nil
}

// Enqueue writes a verified webhook event to the inbox. It is the
// webhook.HandlerFunc that WebhookHandler registers; call it yourself when
// you receive webhooks with your own handler.
//
// The inbox keeps the body as received (without its insignificant
// whitespace) and the header values clipped to a bound. An event it cannot
// keep, because the body is over [MaxWebhookBodyBytes] and does not fit in
// [mapping.MaxPayloadBytes], fails with an error wrapping
// [webhook.ErrBodyTooLarge], which a [webhook.Handler] answers 413.
//
// A delivery for a product, order or customer topic whose body is not a
// record (no id: WooCommerce can sign and send a WordPress error envelope,
// {"code":"rest_no_route",...}, in place of the resource) is not stored as
// an event: it is logged with its code, and its kind is reconciled by the
// next [Engine.CatchUp] ([Engine.Run] calls it after every poll), since
// nothing says which record it was about. It is answered 200: WooCommerce
// never retries a delivery and disables a webhook that keeps failing.
func (e *Engine) Enqueue(ctx context.Context, ev *webhook.Event) error {
	if kind, ok := recordKinds[ev.Resource]; ok && ev.ID == 0 {
		e.noteMissed(ctx, kind, ev)
		return nil
	}
	p, err := encodeInboxPayload(inboxPayload{Topic: clipHeader(ev.Topic), Resource: clipHeader(ev.Resource),
		Event: clipHeader(ev.Event), WebhookID: ev.WebhookID, DeliveryID: ev.DeliveryID, Source: clipHeader(ev.Source),
		ID: ev.ID, Body: json.RawMessage(ev.Body)})
	if err != nil {
		return fmt.Errorf("syncer: enqueue %s: %w", ev.Topic, err)
	}
	if len(p) > mapping.MaxPayloadBytes {
		return fmt.Errorf("syncer: enqueue %s #%d: %d bytes with its headers, over the inbox's %d: %w",
			ev.Topic, ev.ID, len(p), mapping.MaxPayloadBytes, webhook.ErrBodyTooLarge)
	}
	added, err := e.store.Append(ctx, mapping.Event{ID: "woocommerce:" + webhook.DeliveryKey(ev), Source: "woocommerce", Topic: ev.Topic, Payload: p})
	if err != nil {
		return fmt.Errorf("syncer: enqueue %s #%d: %w", ev.Topic, ev.ID, err)
	}
	if !added {
		e.log.LogAttrs(ctx, slog.LevelDebug, "duplicate delivery", slog.String("topic", ev.Topic), slog.Int64("id", ev.ID))
	}
	return nil
}

// recordKinds are the kinds of the webhook resources whose body is a
// record with an id.
var recordKinds = map[string]mapping.Kind{"product": mapping.KindProduct, "order": mapping.KindOrder, "customer": mapping.KindCustomer}

// noteMissed records that a delivery about kind carried no record.
func (e *Engine) noteMissed(ctx context.Context, kind mapping.Kind, ev *webhook.Event) {
	var envelope struct {
		Code string `json:"code"`
	}
	_ = json.Unmarshal(ev.Body, &envelope)
	e.log.LogAttrs(ctx, slog.LevelWarn, "webhook: delivery is not a record; its kind is reconciled next",
		slog.String("topic", ev.Topic), slog.Int64("webhook_id", ev.WebhookID), slog.String("delivery_id", ev.DeliveryID),
		slog.String("code", clipHeader(envelope.Code)), slog.String("kind", string(kind)))
	e.flagMissed(kind)
}

// flagMissed marks kinds for the next CatchUp.
func (e *Engine) flagMissed(kinds ...mapping.Kind) {
	e.missedMu.Lock()
	defer e.missedMu.Unlock()
	if e.missed == nil {
		e.missed = map[mapping.Kind]bool{}
	}
	for _, k := range kinds {
		e.missed[k] = true
	}
}

// CatchUp reconciles the kinds that deliveries carrying no record were
// about since the last CatchUp (see Enqueue), and returns that reconcile's
// report; nil when there were none. A kind whose reconcile fails is kept
// for the next call.
func (e *Engine) CatchUp(ctx context.Context) (*Report, error) {
	e.missedMu.Lock()
	kinds := slices.Sorted(maps.Keys(e.missed))
	e.missed = nil
	e.missedMu.Unlock()
	if len(kinds) == 0 {
		return nil, nil
	}
	rep, err := e.Reconcile(ctx, ReconcileOptions{Kinds: kinds})
	if err != nil {
		e.flagMissed(kinds...)
	}
	return rep, err
}

// encodeInboxPayload encodes p as the inbox keeps it. It does not escape
// HTML as json.Marshal does: that turns each <, > and & of the body (product
// descriptions are HTML) into 6 bytes, growing a body up to 6 times.
func encodeInboxPayload(p inboxPayload) ([]byte, error) {
	var buf bytes.Buffer
	buf.Grow(len(p.Body) + 512)
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(p); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n")), nil
}

// clipHeader bounds a header value kept in the inbox to maxHeaderValue bytes.
func clipHeader(s string) string {
	if len(s) > maxHeaderValue {
		return s[:maxHeaderValue]
	}
	return s
}

// ProcessInbox applies the inbox events that are ready, one after another,
// until none is left, and reports how many it applied. An event that fails
// goes back to the inbox with a backoff, and after the configured number of
// attempts is marked failed (see Stuck); it is never dropped.
func (e *Engine) ProcessInbox(ctx context.Context) (int, error) {
	n := 0
	for {
		ok, err := e.processOne(ctx)
		if err != nil || !ok {
			return n, err
		}
		n++
	}
}

// processOne claims and applies one event; ok is false when none was ready.
func (e *Engine) processOne(ctx context.Context) (bool, error) {
	ev, ok, err := e.store.ClaimNext(ctx, e.worker, e.lease)
	if err != nil || !ok {
		return false, err
	}
	applyErr := e.applyEvent(ctx, ev)
	bg := context.WithoutCancel(ctx)
	if applyErr == nil {
		return true, e.store.Done(bg, ev.ID, e.worker)
	}
	kind := mapping.Kind(resourceKind(ev.Topic))
	e.stats.add(kind, func(c *Counts) { c.Retried++ })
	var retryAt time.Time
	if !errors.Is(applyErr, errPermanent) && ev.Attempts < e.maxAttempts {
		retryAt = nowUTC(e.now).Add(e.backoff(ev.Attempts))
	}
	e.log.LogAttrs(ctx, slog.LevelWarn, "event failed", slog.String("event", ev.ID), slog.String("topic", ev.Topic),
		slog.Int("attempt", ev.Attempts), slog.Time("retry_at", retryAt), slog.String("error", applyErr.Error()))
	if err := e.store.Fail(bg, ev.ID, e.worker, applyErr, retryAt); err != nil {
		return true, err
	}
	return true, nil
}

var errPermanent = errors.New("permanent")

func resourceKind(topic string) string {
	for i := 0; i < len(topic); i++ {
		if topic[i] == '.' {
			switch r := topic[:i]; r {
			case "product":
				return string(mapping.KindProduct)
			default:
				return r
			}
		}
	}
	return topic
}

// Stuck yields the inbox events that failed for good or were tried at
// least minAttempts times, with their last error.
func (e *Engine) Stuck(ctx context.Context, minAttempts int) iter.Seq2[mapping.Event, error] {
	return e.store.ListStuck(ctx, minAttempts)
}

// applyEvent syncs what one webhook event says changed.
func (e *Engine) applyEvent(ctx context.Context, ev mapping.Event) error {
	var p inboxPayload
	if err := json.Unmarshal(ev.Payload, &p); err != nil {
		return fmt.Errorf("%w: inbox event %s: %v", errPermanent, ev.ID, err)
	}
	decode := func(v any) error {
		if err := json.Unmarshal(p.Body, v); err != nil {
			return fmt.Errorf("%w: decode %s payload: %v", errPermanent, p.Topic, err)
		}
		return nil
	}
	switch p.Resource {
	case "product":
		if p.Event == webhook.EventDeleted {
			return e.confirmDelete(ctx, Ref{mapping.KindProduct, Woo, p.ID})
		}
		var wp woocommerce.Product
		if err := decode(&wp); err != nil {
			return err
		}
		rec := ProductFromWoo(wp)
		src := Ref{productKind(rec), Woo, rec.ID}
		if rec.Variation && rec.ParentID != 0 {
			// A variation's payload lacks what only its parent knows (the
			// name's first part, the category, whether its SKU is its own):
			// read both, as a reconcile does.
			v, err := e.wooVariation(ctx, rec.ParentID, rec.ID)
			if isNotFound(err) {
				return e.confirmDelete(ctx, Ref{mapping.KindProduct, Woo, p.ID})
			}
			if err != nil {
				return err
			}
			if !v.Modified.Before(rec.Modified) {
				rec = v
			}
		} else if fresh, err := e.freshProduct(ctx, rec); err != nil {
			return err
		} else if fresh != nil {
			rec = *fresh
		}
		_, err := e.run(ctx, src, func(ctx context.Context) (Plan, error) { return PlanProduct(ctx, e.cfg, e.store, rec) }, false, 0)
		return err
	case "order":
		if p.Event == webhook.EventDeleted {
			return e.confirmDelete(ctx, Ref{mapping.KindOrder, Woo, p.ID})
		}
		var wo woocommerce.Order
		if err := decode(&wo); err != nil {
			return err
		}
		rec := OrderFromWoo(wo)
		_, err := e.run(ctx, Ref{mapping.KindOrder, Woo, rec.ID}, func(ctx context.Context) (Plan, error) { return PlanOrder(ctx, e.cfg, e.store, rec) }, false, 0)
		return err
	case "customer":
		if p.Event == webhook.EventDeleted {
			return e.confirmDelete(ctx, Ref{mapping.KindCustomer, Woo, p.ID})
		}
		var wc woocommerce.Customer
		if err := decode(&wc); err != nil {
			return err
		}
		rec := CustomerFromWoo(wc)
		_, err := e.run(ctx, Ref{mapping.KindCustomer, Woo, rec.ID}, func(ctx context.Context) (Plan, error) { return PlanCustomer(ctx, e.cfg, e.store, rec) }, false, 0)
		return err
	}
	// Coupons travel as order totals; action.* payloads name no record.
	e.stats.add(mapping.Kind(p.Resource), func(c *Counts) { c.Skipped++ })
	return nil
}

// freshProduct reads a product again when its webhook payload is not newer
// than what the link last saw on WooCommerce. Modification times have
// one-second resolution, so such a payload may be older than the stock
// baseline (a duplicate, a delivery that was reordered, or one queued
// before a later read or write of ours): its stock and sales would make a
// delta that never happened. It returns nil when the payload can be used.
func (e *Engine) freshProduct(ctx context.Context, rec Product) (*Product, error) {
	link, linked, err := lookup(ctx, e.store, productKind(rec), Woo, rec.ID)
	if err != nil || !linked || rec.Modified.After(link.WooModified) {
		return nil, err
	}
	p, err := e.fetchProduct(ctx, Woo, rec.ID)
	if isNotFound(err) {
		return nil, nil // gone: its deleted event says so
	}
	if err != nil {
		return nil, err
	}
	return &p, nil
}

// confirmDelete reads the record from WooCommerce before acting on a
// "deleted" webhook: only a record that is gone or in the trash is treated
// as deleted; one that exists is synced as it is now.
func (e *Engine) confirmDelete(ctx context.Context, ref Ref) error {
	gone := false
	switch ref.Kind {
	case mapping.KindProduct:
		p, err := e.woo.Products.Get(ctx, ref.ID)
		switch {
		case isNotFound(err):
			gone = true
		case err != nil:
			return err
		case p.Status == "trash":
			gone = true
		case p.Type == "variation":
			ref.Kind = mapping.KindVariation
		}
	case mapping.KindOrder:
		o, err := e.woo.Orders.Get(ctx, ref.ID)
		switch {
		case isNotFound(err):
			gone = true
		case err != nil:
			return err
		case o.Status == "trash":
			gone = true
		}
		if gone {
			// A deleted web order is a cancelled one for NexoPOS.
			rec := Order{Side: Woo, ID: ref.ID, State: OrderCancelled, RawStatus: "deleted"}
			_, err := e.run(ctx, ref, func(ctx context.Context) (Plan, error) { return PlanOrder(ctx, e.cfg, e.store, rec) }, false, 0)
			return err
		}
	case mapping.KindCustomer:
		_, err := e.woo.Customers.Get(ctx, ref.ID)
		switch {
		case isNotFound(err):
			gone = true
		case err != nil:
			return err
		}
	}
	if !gone {
		return e.SyncRecord(ctx, ref, 0)
	}
	_, err := e.run(ctx, ref, func(ctx context.Context) (Plan, error) { return PlanDelete(ctx, e.cfg, e.store, ref) }, false, 0)
	return err
}
