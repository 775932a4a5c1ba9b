package wootest

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/md5"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"
)

type hookRec struct {
	w                 Webhook
	secret            string
	failures          int
	created, modified time.Time
}

// topicHooks are WC_Webhook::get_default_topic_hooks.
var topicHooks = map[string][]string{
	"coupon.created":    {"woocommerce_process_shop_coupon_meta", "woocommerce_new_coupon"},
	"coupon.updated":    {"woocommerce_process_shop_coupon_meta", "woocommerce_update_coupon"},
	"coupon.deleted":    {"wp_trash_post"},
	"coupon.restored":   {"untrashed_post"},
	"customer.created":  {"user_register", "woocommerce_created_customer", "woocommerce_new_customer"},
	"customer.updated":  {"profile_update", "woocommerce_update_customer"},
	"customer.deleted":  {"delete_user"},
	"order.created":     {"woocommerce_new_order"},
	"order.updated":     {"woocommerce_update_order", "woocommerce_order_refunded"},
	"order.deleted":     {"wp_trash_post", "woocommerce_trash_order"},
	"order.restored":    {"untrashed_post", "woocommerce_untrash_order"},
	"product.created":   {"woocommerce_process_product_meta", "woocommerce_new_product", "woocommerce_new_product_variation"},
	"product.updated":   {"woocommerce_process_product_meta", "woocommerce_update_product", "woocommerce_update_product_variation"},
	"product.deleted":   {"wp_trash_post"},
	"product.restored":  {"untrashed_post"},
	"product.published": {"woocommerce_product_published"},
}

func validTopic(t string) bool {
	if _, ok := topicHooks[t]; ok {
		return true
	}
	res, ev, ok := strings.Cut(t, ".")
	return ok && res == "action" && ev != ""
}

func hooksFor(topic string) []string {
	if strings.HasPrefix(topic, "action.") {
		return []string{strings.TrimPrefix(topic, "action.")}
	}
	return append([]string{}, topicHooks[topic]...)
}

func (s *Store) renderWebhook(base string, h *hookRec) Webhook {
	out := h.w
	out.Secret = ""
	res, ev, _ := strings.Cut(h.w.Topic, ".")
	out.Resource, out.Event = res, ev
	out.Hooks = hooksFor(h.w.Topic)
	out.DateCreated, out.DateCreatedGMT = s.datePair(h.created)
	out.DateModified, out.DateModifiedGMT = s.datePair(h.modified)
	out.Links = Links{
		"self":       {{Href: fmt.Sprintf("%s/wp-json/wc/v3/webhooks/%d", base, h.w.ID), TargetHints: allHints()}},
		"collection": {{Href: base + "/wp-json/wc/v3/webhooks"}},
	}
	return out
}

func validDeliveryURL(u string) bool {
	p, err := url.Parse(u)
	return err == nil && (p.Scheme == "http" || p.Scheme == "https") && p.Host != ""
}

// createWebhook registers a webhook; the caller pings it once the store is
// unlocked.
func (s *Store) createWebhook(body map[string]json.RawMessage) (*hookRec, *apiError) {
	if v, ok := body["id"]; ok && asInt(v) != 0 {
		return nil, newErr(400, "woocommerce_rest_webhook_exists", "Cannot create existing webhook.")
	}
	topic := strings.ToLower(asString(body["topic"]))
	if topic == "" || !validTopic(topic) {
		return nil, newErr(400, "woocommerce_rest_webhook_invalid_topic", "Webhook topic is required and must be valid.")
	}
	du := asString(body["delivery_url"])
	if du == "" || !validDeliveryURL(du) {
		return nil, newErr(400, "woocommerce_rest_webhook_invalid_delivery_url", "Webhook delivery URL must be a valid URL starting with http:// or https://.")
	}
	now := s.now()
	name := asString(body["name"])
	if name == "" {
		name = "Webhook created on " + now.In(s.cfg.loc).Format("Jan 02, 2006 @ 03:04 PM")
	}
	status := "active"
	if v, ok := body["status"]; ok && asString(v) != "" {
		status = asString(v)
	}
	secret := asString(body["secret"])
	if secret == "" {
		secret = randomKey(s, 50)
	}
	s.seq.hook++
	h := &hookRec{w: Webhook{ID: s.seq.hook, Name: name, Status: status, Topic: topic, DeliveryURL: du}, secret: secret,
		created: now, modified: now}
	s.hooks[h.w.ID] = h
	return h, nil
}

func (s *Store) updateWebhook(id int64, body map[string]json.RawMessage) (*hookRec, *apiError) {
	h := s.hooks[id]
	if h == nil {
		return nil, newErr(400, "woocommerce_rest_webhook_invalid_id", "ID is invalid.")
	}
	cp := *h
	if v, ok := body["topic"]; ok && asString(v) != "" {
		t := strings.ToLower(asString(v))
		if !validTopic(t) {
			return nil, newErr(400, "woocommerce_rest_webhook_invalid_topic", "Webhook topic must be valid.")
		}
		cp.w.Topic = t
	}
	if v, ok := body["delivery_url"]; ok && asString(v) != "" {
		if !validDeliveryURL(asString(v)) {
			return nil, newErr(400, "woocommerce_rest_webhook_invalid_delivery_url", "Webhook delivery URL must be a valid URL starting with http:// or https://.")
		}
		cp.w.DeliveryURL = asString(v)
	}
	if v, ok := body["secret"]; ok && asString(v) != "" {
		cp.secret = asString(v)
	}
	if v, ok := body["status"]; ok && asString(v) != "" {
		st := strings.ToLower(asString(v))
		if st != "active" && st != "paused" && st != "disabled" {
			return nil, newErr(400, "woocommerce_rest_webhook_invalid_status", "Webhook status must be valid.")
		}
		if st == "active" && cp.w.Status != "active" {
			cp.failures = 0
		}
		cp.w.Status = st
	}
	if v, ok := body["name"]; ok && asString(v) != "" {
		cp.w.Name = asString(v)
	}
	cp.modified = s.now()
	*h = cp
	return h, nil
}

func (s *Store) listWebhooks(rc *reqCtx) *response {
	status := rc.q("status")
	var rows []listRow[*hookRec]
	for _, h := range s.hooks {
		if status != "" && status != "all" && h.w.Status != status {
			continue
		}
		rows = append(rows, listRow[*hookRec]{key: rowKey{id: h.w.ID, created: h.created, modified: h.modified, title: h.w.Name,
			text: strings.ToLower(h.w.Name)}, v: h})
	}
	return listResponse(s, rc, rows, listOpts{defOrderby: "date", defOrder: "desc"},
		func(h *hookRec) any { return s.renderWebhook(rc.base, h) })
}

func webhookBody() []arg {
	return []arg{a("name", tS()), a("status", tE("active", "paused", "disabled")), a("topic", tS()),
		a("delivery_url", tS()), a("secret", tS())}
}

func init() {
	addRoute("/webhooks", map[string]*handler{
		"GET": {fn: (*Store).listWebhooks, perm: permList, args: []arg{
			a("context", tE("view", "edit")), a("page", tI().withMin(1)), a("per_page", tI().withMin(1).withMax(100)),
			a("search", tS()), dateTimeArg("after"), dateTimeArg("before"), a("exclude", tIDs()), a("include", tIDs()),
			a("offset", tI()), a("order", tE("asc", "desc")), a("orderby", tE("date", "id", "title")),
			a("status", tE("all", "active", "paused", "disabled"))}},
		"POST": {fn: func(s *Store, rc *reqCtx) *response {
			h, err := s.createWebhook(rc.body)
			if err != nil {
				return err.response()
			}
			rc.pings = append(rc.pings, ping{id: h.w.ID, url: h.w.DeliveryURL})
			return created(s.renderWebhook(rc.base, h), fmt.Sprintf("%s/wp-json/wc/v3/webhooks/%d", rc.base, h.w.ID))
		}, perm: permCreate, body: webhookBody(), required: []string{"topic", "delivery_url"}},
	})
	addRoute("/webhooks/batch", map[string]*handler{editable: {fn: (*Store).batchWebhooks, perm: permBatch}})
	addRoute("/webhooks/{id}", map[string]*handler{
		"GET": {fn: func(s *Store, rc *reqCtx) *response {
			h := s.hooks[rc.ids[0]]
			if rc.ids[0] == 0 {
				return invalidID("webhook", 404).response()
			}
			if h == nil {
				return newErr(400, "woocommerce_rest_webhook_invalid_id", "ID is invalid.").response()
			}
			return ok(s.renderWebhook(rc.base, h))
		}, perm: permView},
		editable: {fn: func(s *Store, rc *reqCtx) *response {
			h, err := s.updateWebhook(rc.ids[0], rc.body)
			if err != nil {
				return err.response()
			}
			return ok(s.renderWebhook(rc.base, h))
		}, perm: permEdit, body: webhookBody()},
		"DELETE": {fn: func(s *Store, rc *reqCtx) *response {
			out, err := s.deleteWebhook(rc.base, rc.ids[0], rc.force())
			if err != nil {
				return err.response()
			}
			return ok(out)
		}, perm: permDelete, args: []arg{a("force", tB())}},
	})
}

func (s *Store) deleteWebhook(base string, id int64, force bool) (any, *apiError) {
	if !force {
		return nil, newErr(501, "woocommerce_rest_trash_not_supported", "Webhooks do not support trashing.")
	}
	h := s.hooks[id]
	if h == nil {
		return nil, invalidID("webhook", 404)
	}
	out := s.renderWebhook(base, h)
	delete(s.hooks, id)
	return out, nil
}

// ---- events ----

// event is one webhook delivery to make.
type event struct {
	hookID int64
	topic  string
	arg    int64
	action bool
	base   string
}

type ping struct {
	id  int64
	url string
}

// emit records that topic happened to resource id: every active webhook on
// the topic gets a delivery, once per request (WC_Webhook::is_already_processed).
func (rc *reqCtx) emit(s *Store, topic string, id int64) {
	for _, h := range s.hooks {
		if h.w.Status != "active" || h.w.Topic != topic {
			continue
		}
		key := fmt.Sprintf("%d/%d", h.w.ID, id)
		if rc.seen[key] {
			continue
		}
		rc.seen[key] = true
		rc.events = append(rc.events, event{hookID: h.w.ID, topic: topic, arg: id, base: rc.base})
	}
}

// emitAction fires action.<name> webhooks; WooCommerce's payload for the
// stock actions is {"action": name, "arg": {}}.
func (rc *reqCtx) emitAction(s *Store, name string) {
	topic := "action." + name
	for _, h := range s.hooks {
		if h.w.Status != "active" || h.w.Topic != topic {
			continue
		}
		rc.events = append(rc.events, event{hookID: h.w.ID, topic: topic, action: true, base: rc.base})
	}
}

// payload builds the body of a delivery now, as the action scheduler does
// when it runs: the resource's current GET representation.
func (s *Store) payload(ev event) []byte {
	res, evName, _ := strings.Cut(ev.topic, ".")
	if ev.action {
		return encodeJSON(omap{{"action", evName}, {"arg", struct{}{}}})
	}
	if evName == "deleted" {
		return encodeJSON(omap{{"id", ev.arg}})
	}
	switch res {
	case "product":
		if p := s.products[ev.arg]; p != nil {
			return encodeJSON(s.renderProduct(ev.base, p, false))
		}
		return encodeJSON(invalidID("product", 404).json())
	case "order":
		if r := s.orders[ev.arg]; r != nil {
			return encodeJSON(s.renderOrder(ev.base, r))
		}
		return encodeJSON(invalidID("shop_order", 404).json())
	case "customer":
		if c := s.customers[ev.arg]; c != nil {
			return encodeJSON(s.renderCustomer(ev.base, c))
		}
		return encodeJSON(newErr(404, "woocommerce_rest_invalid_id", "Invalid resource ID.").json())
	case "coupon":
		if c := s.coupons[ev.arg]; c != nil {
			return encodeJSON(s.renderCoupon(ev.base, c))
		}
		return encodeJSON(invalidID("shop_coupon", 404).json())
	}
	return []byte("[]")
}

// Delivery is one webhook delivery the store made (or tried to make).
type Delivery struct {
	WebhookID  int64
	DeliveryID string
	Topic      string
	URL        string
	Body       []byte
	// Status is the receiver's HTTP status, 0 when the request failed.
	Status int
	Err    string
	// Ping is true for the ping sent on creation.
	Ping bool
}

// WebhookFaults perturbs webhook deliveries. Rates are probabilities in
// [0, 1], drawn from the store's seeded generator.
type WebhookFaults struct {
	// Drop loses a delivery: it is never sent.
	Drop float64
	// Duplicate sends a delivery twice (same delivery id and body).
	Duplicate float64
	// Delay waits before each delivery.
	Delay time.Duration
	// Reorder sends a delivery after the one queued behind it
	// (asynchronous delivery only).
	Reorder float64
	// ErrorEnvelope replaces the body of a delivery with a WordPress error
	// envelope, signed as any body: seen on a real store for an order
	// placed through the Store API checkout with synchronous delivery
	// ({"code":"rest_no_route",...}, the resource never built).
	ErrorEnvelope float64
}

// errorEnvelope is the body such a delivery carries.
const errorEnvelope = `{"code":"rest_no_route","message":"No route was found matching the URL and request method.","data":{"status":404}}`

// SetWebhookFaults sets the faults applied to webhook deliveries from now
// on; the zero value turns them off.
func (s *Store) SetWebhookFaults(f WebhookFaults) {
	s.faultMu.Lock()
	defer s.faultMu.Unlock()
	s.whFaults = f
}

func (s *Store) webhookFaults() WebhookFaults {
	s.faultMu.Lock()
	defer s.faultMu.Unlock()
	return s.whFaults
}

type job struct {
	ev        event
	reordered bool
}

// queue delivers webhooks in the background, one at a time, like the
// action scheduler's async runner.
type queue struct {
	s          *Store
	mu         sync.Mutex
	cond       *sync.Cond
	jobs       []job
	pending    map[string]bool
	busy       bool
	running    bool
	closed     bool
	idle       chan struct{}
	deliveries []Delivery
}

func newQueue(s *Store) *queue {
	q := &queue{s: s, pending: map[string]bool{}, idle: make(chan struct{})}
	q.cond = sync.NewCond(&q.mu)
	close(q.idle)
	return q
}

func (q *queue) key(ev event) string {
	return fmt.Sprintf("%d/%s/%d", ev.hookID, ev.topic, ev.arg)
}

func (q *queue) push(ev event) {
	q.mu.Lock()
	defer q.mu.Unlock()
	if q.closed {
		return
	}
	if !ev.action {
		// The action scheduler keeps one pending action per webhook and
		// argument.
		k := q.key(ev)
		if q.pending[k] {
			return
		}
		q.pending[k] = true
	}
	if len(q.jobs) == 0 && !q.busy {
		q.idle = make(chan struct{})
	}
	q.jobs = append(q.jobs, job{ev: ev})
	if !q.running {
		q.running = true
		go q.run()
	}
	q.cond.Broadcast()
}

func (q *queue) run() {
	q.mu.Lock()
	for {
		for len(q.jobs) == 0 && !q.closed {
			q.cond.Wait()
		}
		if q.closed && len(q.jobs) == 0 {
			q.running = false
			q.mu.Unlock()
			return
		}
		f := q.s.webhookFaults()
		if f.Delay > 0 {
			// Wait before taking the job, so that later events queue up
			// behind it (as they do behind a slow action scheduler).
			q.busy = true
			q.mu.Unlock()
			time.Sleep(f.Delay)
			q.mu.Lock()
			q.busy = false
		}
		j := q.jobs[0]
		q.jobs = q.jobs[1:]
		if !j.reordered && len(q.jobs) > 0 && f.Reorder > 0 && q.s.float() < f.Reorder {
			// Send the next job first; this one follows it.
			j.reordered = true
			j, q.jobs[0] = q.jobs[0], j
		}
		if !j.ev.action {
			delete(q.pending, q.key(j.ev))
		}
		q.busy = true
		q.mu.Unlock()
		q.s.deliver(j.ev, false)
		q.mu.Lock()
		q.busy = false
		if len(q.jobs) == 0 {
			select {
			case <-q.idle:
			default:
				close(q.idle)
			}
		}
		q.cond.Broadcast()
	}
}

func (q *queue) record(d Delivery) {
	q.mu.Lock()
	defer q.mu.Unlock()
	q.deliveries = append(q.deliveries, d)
}

// dispatch hands events to the queue, or delivers them now with
// WithSyncWebhooks. It must be called without s.mu held.
func (s *Store) dispatch(events []event) {
	for _, ev := range events {
		if s.cfg.syncWebhooks {
			s.deliver(ev, true)
			continue
		}
		s.q.push(ev)
	}
}

// Flush waits until every queued webhook delivery has been made.
func (s *Store) Flush() { _ = s.WaitDeliveries(context.Background()) }

// WaitDeliveries waits until every queued webhook delivery has been made,
// or ctx is done.
func (s *Store) WaitDeliveries(ctx context.Context) error {
	for {
		s.q.mu.Lock()
		idle := s.q.idle
		s.q.mu.Unlock()
		select {
		case <-idle:
			s.q.mu.Lock()
			done := len(s.q.jobs) == 0 && !s.q.busy
			s.q.mu.Unlock()
			if done {
				return nil
			}
		case <-ctx.Done():
			return ctx.Err()
		}
	}
}

// Deliveries returns the deliveries made so far (pings included), oldest
// first.
func (s *Store) Deliveries() []Delivery {
	s.q.mu.Lock()
	defer s.q.mu.Unlock()
	out := make([]Delivery, len(s.q.deliveries))
	for i, d := range s.q.deliveries {
		out[i] = d
		out[i].Body = append([]byte(nil), d.Body...)
	}
	return out
}

// Close stops the delivery queue after the queued deliveries are made.
func (s *Store) Close() {
	s.Flush()
	s.q.mu.Lock()
	s.q.closed = true
	s.q.cond.Broadcast()
	s.q.mu.Unlock()
}

func deliveryID(hookID int64, t time.Time) string {
	sum := md5.Sum([]byte(fmt.Sprintf("%d%d", hookID, t.Unix())))
	return hex.EncodeToString(sum[:])
}

// sign is X-WC-Webhook-Signature: base64(HMAC-SHA256(body, secret)).
func sign(body []byte, secret string) string {
	mac := hmac.New(sha256.New, []byte(secret))
	mac.Write(body)
	return base64.StdEncoding.EncodeToString(mac.Sum(nil))
}

// deliver makes one delivery (WC_Webhook::deliver) and tracks failures.
func (s *Store) deliver(ev event, delay bool) {
	f := s.webhookFaults()
	if delay && f.Delay > 0 {
		time.Sleep(f.Delay)
	}
	s.mu.Lock()
	h := s.hooks[ev.hookID]
	if h == nil {
		s.mu.Unlock()
		return
	}
	body := s.payload(ev)
	secret, target, topic := h.secret, h.w.DeliveryURL, h.w.Topic
	did := deliveryID(h.w.ID, s.now())
	s.mu.Unlock()

	if f.Drop > 0 && s.float() < f.Drop {
		return
	}
	if f.ErrorEnvelope > 0 && s.float() < f.ErrorEnvelope && !strings.HasPrefix(topic, "action.") {
		body = []byte(errorEnvelope)
	}
	times := 1
	if f.Duplicate > 0 && s.float() < f.Duplicate {
		times = 2
	}
	res, evName, _ := strings.Cut(topic, ".")
	for i := 0; i < times; i++ {
		d := Delivery{WebhookID: ev.hookID, DeliveryID: did, Topic: topic, URL: target, Body: body}
		req, err := http.NewRequest(http.MethodPost, target, bytes.NewReader(body))
		if err == nil {
			req.Header.Set("User-Agent", userAgent)
			req.Header.Set("Content-Type", "application/json")
			req.Header.Set("X-WC-Webhook-Source", ev.base+"/")
			req.Header.Set("X-WC-Webhook-Topic", topic)
			req.Header.Set("X-WC-Webhook-Resource", res)
			req.Header.Set("X-WC-Webhook-Event", evName)
			req.Header.Set("X-WC-Webhook-Signature", sign(body, secret))
			req.Header.Set("X-WC-Webhook-ID", fmt.Sprint(ev.hookID))
			req.Header.Set("X-WC-Webhook-Delivery-ID", did)
			var resp *http.Response
			resp, err = s.cfg.client.Do(req)
			if err == nil {
				d.Status = resp.StatusCode
				_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 1<<20))
				_ = resp.Body.Close()
			}
		}
		if err != nil {
			d.Err = err.Error()
		}
		s.q.record(d)
		s.trackResult(ev.hookID, d.Status)
	}
}

// trackResult is WC_Webhook::log_delivery's failure accounting: 200..302
// resets the count; anything else increments it, and a failure when more
// than five are already counted disables the webhook.
func (s *Store) trackResult(hookID int64, status int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	h := s.hooks[hookID]
	if h == nil {
		return
	}
	if status >= 200 && status < 303 {
		h.failures = 0
		return
	}
	if h.failures > 5 {
		h.w.Status = "disabled"
		return
	}
	h.failures++
}

// sendPing is WC_Webhook::deliver_ping: a form POST with webhook_id, no
// X-WC headers and no signature.
func (s *Store) sendPing(p ping) {
	body := []byte("webhook_id=" + fmt.Sprint(p.id))
	d := Delivery{WebhookID: p.id, URL: p.url, Body: body, Ping: true}
	req, err := http.NewRequest(http.MethodPost, p.url, bytes.NewReader(body))
	if err == nil {
		req.Header.Set("User-Agent", userAgent)
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		var resp *http.Response
		resp, err = s.cfg.client.Do(req)
		if err == nil {
			d.Status = resp.StatusCode
			_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 1<<20))
			_ = resp.Body.Close()
		}
	}
	if err != nil {
		d.Err = err.Error()
	}
	s.q.record(d)
}
