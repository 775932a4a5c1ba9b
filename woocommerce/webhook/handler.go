package webhook

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"time"
)

// DefaultDispatchTimeout bounds a function's run unless
// [WithDispatchTimeout] says otherwise. WooCommerce gives up on a delivery
// after a minute.
const DefaultDispatchTimeout = 30 * time.Second

// HandlerFunc processes one verified, de-duplicated event. It runs before
// the response is written: when it returns nil WooCommerce is answered 200,
// so a function that stores the event durably before returning never loses
// one. An error (or a panic) makes the answer 500, which WooCommerce counts
// toward disabling the webhook; see [WithFailureHandoff]. An error wrapping
// [ErrBodyTooLarge] makes it 413 instead: the function cannot keep an event
// that large (its store has a smaller limit than the Handler), and says so
// rather than accepting the event and dropping it.
type HandlerFunc func(ctx context.Context, e *Event) error

// Handler is an http.Handler that receives WooCommerce webhooks. For each
// POST it reads the body once (up to a limit), answers the creation ping,
// verifies the signature, parses the delivery, optionally checks that it
// comes from the configured store, drops duplicates, and calls the function
// registered for the topic, synchronously, before answering. Status codes:
//
//	200  the function returned nil, or no function is registered for the
//	     topic, or the delivery is a duplicate, or it is the ping
//	400  the delivery is malformed (missing headers, body not JSON)
//	401  the signature is missing or wrong
//	403  X-WC-Webhook-Source is not the store (see [WithStoreURL])
//	405  the method is not POST
//	413  the body is longer than the limit, or the function returned an
//	     error wrapping [ErrBodyTooLarge] (unless [WithFailureHandoff]
//	     took the event)
//	500  the function failed (unless [WithFailureHandoff] took the event)
//
// De-duplication marks a delivery before its function runs (so that of two
// concurrent copies only one is dispatched) and takes the mark back when the
// function fails, so that a redelivery is processed. With a [Deduper] that
// is not an [Unmarker], the failed key is remembered in this process and the
// next copy that reaches it is let through once.
//
// A Handler is safe for concurrent use, and functions may be registered
// while it serves.
type Handler struct {
	secrets   []string
	maxBody   int64
	storeHost string
	dedupe    Deduper
	noDedupe  bool
	unmarker  Unmarker
	failed    *failedKeys
	ttl       time.Duration
	handoff   FailureFunc
	log       *slog.Logger
	timeout   time.Duration

	mu       sync.RWMutex
	routes   map[string]HandlerFunc
	fallback HandlerFunc
}

// NewHandler returns a Handler that accepts deliveries signed with secret
// (the webhook's secret in WooCommerce) and answers them 200 until functions
// are registered with [Handler.On] and [Handler.OnAny]. It fails on an empty
// secret or an invalid option. By default it de-duplicates in memory
// ([MemoryDeduper], [DefaultDedupeTTL]) and reads at most
// [DefaultMaxBodyBytes].
func NewHandler(secret string, opts ...HandlerOption) (*Handler, error) {
	if secret == "" {
		return nil, errors.New("webhook: new handler: empty secret")
	}
	h := &Handler{
		secrets: []string{secret},
		maxBody: DefaultMaxBodyBytes,
		ttl:     DefaultDedupeTTL,
		log:     slog.New(slog.DiscardHandler),
		timeout: DefaultDispatchTimeout,
		routes:  make(map[string]HandlerFunc),
	}
	for _, opt := range opts {
		if opt == nil {
			continue
		}
		if err := opt(h); err != nil {
			return nil, fmt.Errorf("webhook: new handler: %w", err)
		}
	}
	if h.dedupe == nil && !h.noDedupe {
		h.dedupe = NewMemoryDeduper(0)
	}
	if h.dedupe != nil {
		if u, ok := h.dedupe.(Unmarker); ok {
			h.unmarker = u
		} else {
			h.failed = newFailedKeys(0)
		}
	}
	return h, nil
}

// MaxBodyBytes returns the largest body the Handler reads: the limit set
// with [WithMaxBodyBytes], or [DefaultMaxBodyBytes].
func (h *Handler) MaxBodyBytes() int64 { return h.maxBody }

// On registers fn for topic, replacing any function registered for it
// before; a nil fn removes it. topic is a full topic ("order.created",
// "action.woocommerce_variation_set_stock") or a resource followed by ".*"
// ("product.*"), which matches the resource's topics that have no function
// of their own.
func (h *Handler) On(topic string, fn HandlerFunc) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if fn == nil {
		delete(h.routes, topic)
		return
	}
	h.routes[topic] = fn
}

// OnAny registers fn for every topic that no [Handler.On] function matches;
// a nil fn removes it. Without it such events are answered 200 and dropped.
func (h *Handler) OnAny(fn HandlerFunc) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.fallback = fn
}

// route returns the function for e, or nil.
func (h *Handler) route(e *Event) HandlerFunc {
	h.mu.RLock()
	defer h.mu.RUnlock()
	if fn, ok := h.routes[e.Topic]; ok {
		return fn
	}
	if fn, ok := h.routes[e.Resource+".*"]; ok {
		return fn
	}
	return h.fallback
}

// ServeHTTP implements http.Handler; see [Handler] for what it answers.
func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	remote := slog.String("remote", r.RemoteAddr)
	if r.Method != http.MethodPost {
		w.Header().Set("Allow", http.MethodPost)
		h.reject(ctx, w, http.StatusMethodNotAllowed, "method not allowed", slog.String("method", clip(r.Method)), remote)
		return
	}
	body, err := readBody(http.MaxBytesReader(w, r.Body, h.maxBody), h.maxBody)
	if err != nil {
		if errors.Is(err, ErrBodyTooLarge) {
			h.reject(ctx, w, http.StatusRequestEntityTooLarge, "body too large", slog.Int64("limit", h.maxBody), remote)
			return
		}
		h.reject(ctx, w, http.StatusBadRequest, "could not read body", slog.String("error", err.Error()), remote)
		return
	}
	if id, ok := IsPing(r.Header, body); ok {
		h.log.LogAttrs(ctx, slog.LevelInfo, "webhook: ping answered", slog.Int64("webhook_id", id), remote)
		writeText(w, http.StatusOK, "ok")
		return
	}
	if err := Verify(body, r.Header.Get(HeaderSignature), h.secrets...); err != nil {
		h.reject(ctx, w, http.StatusUnauthorized, err.Error(),
			slog.String("topic", clip(r.Header.Get(HeaderTopic))), slog.String("webhook_id", clip(r.Header.Get(HeaderWebhookID))), remote)
		return
	}
	e, err := ParseHeaders(r.Header, body)
	if err != nil {
		h.reject(ctx, w, http.StatusBadRequest, err.Error(), remote)
		return
	}
	attrs := []slog.Attr{
		slog.String("topic", e.Topic), slog.Int64("webhook_id", e.WebhookID),
		slog.String("delivery_id", e.DeliveryID), slog.Int64("id", e.ID), remote,
	}
	if h.storeHost != "" {
		if host, err := storeHost(e.Source); err != nil || host != h.storeHost {
			h.reject(ctx, w, http.StatusForbidden, "webhook: the delivery comes from another store",
				append(attrs, slog.String("source", clip(e.Source)))...)
			return
		}
	}

	// The function's context outlives the request: WooCommerce hanging up
	// must not abort a function half-way through storing the event.
	dctx := context.WithoutCancel(ctx)
	if h.timeout > 0 {
		var cancel context.CancelFunc
		dctx, cancel = context.WithTimeout(dctx, h.timeout)
		defer cancel()
	}

	key := ""
	if h.dedupe != nil {
		k := DeliveryKey(e)
		seen, err := h.dedupe.SeenOrMark(dctx, k, h.ttl)
		switch {
		case err != nil:
			// Refusing would lose the event for good (WooCommerce does not
			// retry); a duplicate is the lesser harm.
			h.log.LogAttrs(ctx, slog.LevelWarn, "webhook: de-duplication failed, dispatching anyway",
				append(attrs, slog.String("error", err.Error()))...)
		case seen && (h.failed == nil || !h.failed.take(k)):
			h.log.LogAttrs(ctx, slog.LevelInfo, "webhook: duplicate delivery ignored", attrs...)
			writeText(w, http.StatusOK, "duplicate")
			return
		default:
			key = k
		}
	}

	fn := h.route(e)
	if fn == nil {
		h.log.LogAttrs(ctx, slog.LevelDebug, "webhook: no function for topic", attrs...)
		writeText(w, http.StatusOK, "ok")
		return
	}
	err = call(dctx, fn, e)
	if err == nil {
		h.log.LogAttrs(ctx, slog.LevelDebug, "webhook: event processed", attrs...)
		writeText(w, http.StatusOK, "ok")
		return
	}
	if h.handoff != nil {
		herr := call(dctx, func(ctx context.Context, e *Event) error { return h.handoff(ctx, e, err) }, e)
		if herr == nil {
			h.log.LogAttrs(ctx, slog.LevelWarn, "webhook: function failed, event handed off",
				append(attrs, slog.String("error", err.Error()))...)
			writeText(w, http.StatusOK, "accepted")
			return
		}
		err = fmt.Errorf("%w; hand-off failed too: %w", err, herr)
	}
	h.forget(dctx, key, attrs)
	if errors.Is(err, ErrBodyTooLarge) {
		h.log.LogAttrs(ctx, slog.LevelWarn, "webhook: function refused the event as too large",
			append(attrs, slog.Int("size", len(e.Body)), slog.String("error", err.Error()))...)
		http.Error(w, "webhook: event too large", http.StatusRequestEntityTooLarge)
		return
	}
	h.log.LogAttrs(ctx, slog.LevelError, "webhook: function failed", append(attrs, slog.String("error", err.Error()))...)
	http.Error(w, "webhook: processing failed", http.StatusInternalServerError)
}

// forget takes back the de-duplication mark of a failed delivery.
func (h *Handler) forget(ctx context.Context, key string, attrs []slog.Attr) {
	if key == "" {
		return
	}
	if h.unmarker != nil {
		if err := h.unmarker.Unmark(ctx, key); err != nil {
			h.log.LogAttrs(ctx, slog.LevelWarn, "webhook: could not unmark a failed delivery; a redelivery would be dropped",
				append(attrs, slog.String("error", err.Error()))...)
		}
		return
	}
	h.failed.add(key, h.ttl)
}

// call runs fn, turning a panic into an error.
func call(ctx context.Context, fn HandlerFunc, e *Event) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("webhook: function for %s panicked: %v", e.Topic, p)
		}
	}()
	return fn(ctx, e)
}

func (h *Handler) reject(ctx context.Context, w http.ResponseWriter, status int, msg string, attrs ...slog.Attr) {
	h.log.LogAttrs(ctx, slog.LevelWarn, "webhook: request rejected",
		append([]slog.Attr{slog.Int("status", status), slog.String("reason", msg)}, attrs...)...)
	http.Error(w, msg, status)
}

func writeText(w http.ResponseWriter, status int, msg string) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.WriteHeader(status)
	_, _ = w.Write([]byte(strings.TrimSpace(msg) + "\n"))
}
