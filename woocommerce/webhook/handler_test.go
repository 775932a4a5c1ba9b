package webhook_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/woonexo/woonexo/woocommerce/webhook"
)

const testSecret = "test-webhook-secret-Zq8"

// recorder counts the events a Handler dispatches, per topic.
type recorder struct {
	mu     sync.Mutex
	events []*webhook.Event
}

func (r *recorder) fn(_ context.Context, e *webhook.Event) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.events = append(r.events, e)
	return nil
}

func (r *recorder) count() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return len(r.events)
}

func serve(h http.Handler, r *http.Request) *httptest.ResponseRecorder {
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	return w
}

func newHandler(t *testing.T, opts ...webhook.HandlerOption) *webhook.Handler {
	t.Helper()
	h, err := webhook.NewHandler(testSecret, opts...)
	require.NoError(t, err)
	return h
}

func TestHandlerStatusCodes(t *testing.T) {
	t.Parallel()
	product := []byte(`{"id":11,"type":"simple","sku":"RW-TEE-1"}`)
	signed := func(topic string, body []byte, opts ...webhook.RequestOption) func() *http.Request {
		return func() *http.Request { return webhook.NewTestRequest(topic, body, testSecret, opts...) }
	}
	tests := []struct {
		name       string
		req        func() *http.Request
		fn         webhook.HandlerFunc
		status     int
		dispatched int
	}{
		{"delivery", signed(webhook.TopicProductUpdated, product), nil, http.StatusOK, 1},
		{"ping", func() *http.Request { return webhook.NewTestPing(7) }, nil, http.StatusOK, 0},
		{"GET", func() *http.Request { return httptest.NewRequest(http.MethodGet, "/webhook", nil) }, nil, http.StatusMethodNotAllowed, 0},
		{"PUT", func() *http.Request {
			r := webhook.NewTestRequest(webhook.TopicProductUpdated, product, testSecret)
			r.Method = http.MethodPut
			return r
		}, nil, http.StatusMethodNotAllowed, 0},
		{"unsigned", func() *http.Request {
			r := webhook.NewTestRequest(webhook.TopicProductUpdated, product, testSecret)
			r.Header.Del(webhook.HeaderSignature)
			return r
		}, nil, http.StatusUnauthorized, 0},
		{"signed with another secret", func() *http.Request {
			return webhook.NewTestRequest(webhook.TopicProductUpdated, product, "another")
		}, nil, http.StatusUnauthorized, 0},
		{"ping body with a signature header", func() *http.Request {
			r := webhook.NewTestPing(7)
			r.Header.Set(webhook.HeaderSignature, "AAAA")
			return r
		}, nil, http.StatusUnauthorized, 0},
		{"correctly signed ping body with a topic", func() *http.Request {
			return webhook.NewTestRequest(webhook.TopicProductUpdated, []byte("webhook_id=7"), testSecret)
		}, nil, http.StatusBadRequest, 0},
		{"signed but malformed: no topic", func() *http.Request {
			r := webhook.NewTestRequest(webhook.TopicProductUpdated, product, testSecret)
			r.Header.Del(webhook.HeaderTopic)
			return r
		}, nil, http.StatusBadRequest, 0},
		{"signed but not JSON", signed(webhook.TopicProductUpdated, []byte("id=11")), nil, http.StatusBadRequest, 0},
		{"unknown topic without a function", signed("subscription.updated", []byte(`{"id":1}`)), nil, http.StatusOK, 0},
		{"function fails", signed(webhook.TopicProductUpdated, product), func(context.Context, *webhook.Event) error {
			return errors.New("inbox unavailable")
		}, http.StatusInternalServerError, 1},
		{"function panics", signed(webhook.TopicProductUpdated, product), func(context.Context, *webhook.Event) error {
			panic("boom")
		}, http.StatusInternalServerError, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			h := newHandler(t)
			var calls atomic.Int32
			h.On(webhook.TopicProductUpdated, func(ctx context.Context, e *webhook.Event) error {
				calls.Add(1)
				if tt.fn != nil {
					return tt.fn(ctx, e)
				}
				return nil
			})
			w := serve(h, tt.req())
			assert.Equal(t, tt.status, w.Code, w.Body.String())
			assert.Equal(t, int32(tt.dispatched), calls.Load())
			if tt.status == http.StatusMethodNotAllowed {
				assert.Equal(t, http.MethodPost, w.Header().Get("Allow"))
			}
		})
	}
}

// The recorded deliveries, replayed as the store sent them, are verified,
// dispatched once each, and the ping is answered without dispatch.
func TestHandlerRealDeliveries(t *testing.T) {
	t.Parallel()
	h, err := webhook.NewHandler(realSecret, webhook.WithStoreURL("https://127.0.0.1:8080"))
	require.NoError(t, err)
	var rec recorder
	h.OnAny(rec.fn)
	for _, d := range realDeliveries(t) {
		w := serve(h, d.Request())
		require.Equal(t, http.StatusOK, w.Code, "%s: %s", d.Name, w.Body.String())
	}
	require.Equal(t, 4, rec.count(), "4 events, the ping not dispatched")
	topics := []string{}
	for _, e := range rec.events {
		topics = append(topics, e.Topic)
	}
	assert.Equal(t, []string{"product.created", "product.deleted", "customer.created", "order.created"}, topics)

	for _, d := range realDeliveries(t) {
		require.Equal(t, http.StatusOK, serve(h, d.Request()).Code)
	}
	require.Equal(t, 4, rec.count(), "the same deliveries again are duplicates")
}

func TestHandlerDuplicateDispatchedOnce(t *testing.T) {
	t.Parallel()
	h := newHandler(t)
	var rec recorder
	h.OnAny(rec.fn)
	body := []byte(`{"id":21,"status":"processing"}`)
	first := webhook.NewTestRequest(webhook.TopicOrderCreated, body, testSecret, webhook.WithDeliveryID("a1ae8b7eee6d8f2201671b1e2a3129be"))
	second := webhook.NewTestRequest(webhook.TopicOrderCreated, body, testSecret, webhook.WithDeliveryID("a1ae8b7eee6d8f2201671b1e2a3129be"))

	w := serve(h, first)
	require.Equal(t, http.StatusOK, w.Code)
	assert.Equal(t, "ok\n", w.Body.String())
	w = serve(h, second)
	require.Equal(t, http.StatusOK, w.Code, "a duplicate is answered 200")
	assert.Equal(t, "duplicate\n", w.Body.String())
	assert.Equal(t, 1, rec.count())

	// Same second (same delivery id), different body: another event.
	other := webhook.NewTestRequest(webhook.TopicOrderCreated, []byte(`{"id":22}`), testSecret, webhook.WithDeliveryID("a1ae8b7eee6d8f2201671b1e2a3129be"))
	require.Equal(t, http.StatusOK, serve(h, other).Code)
	// Same body, another delivery: another event (action payloads repeat).
	later := webhook.NewTestRequest(webhook.TopicOrderCreated, body, testSecret, webhook.WithDeliveryID("b1ae8b7eee6d8f2201671b1e2a3129be"))
	require.Equal(t, http.StatusOK, serve(h, later).Code)
	// Same delivery id and body from another webhook: another event.
	otherHook := webhook.NewTestRequest(webhook.TopicOrderCreated, body, testSecret, webhook.WithWebhookID(2), webhook.WithDeliveryID("a1ae8b7eee6d8f2201671b1e2a3129be"))
	require.Equal(t, http.StatusOK, serve(h, otherHook).Code)
	assert.Equal(t, 4, rec.count())
}

func TestHandlerWithoutDedupe(t *testing.T) {
	t.Parallel()
	h := newHandler(t, webhook.WithoutDedupe())
	var rec recorder
	h.OnAny(rec.fn)
	for range 2 {
		r := webhook.NewTestRequest(webhook.TopicOrderCreated, []byte(`{"id":1}`), testSecret, webhook.WithDeliveryID("same"))
		require.Equal(t, http.StatusOK, serve(h, r).Code)
	}
	assert.Equal(t, 2, rec.count())
}

// markOnly is a Deduper that cannot unmark, like the mapping stores.
type markOnly struct{ d *webhook.MemoryDeduper }

func (m markOnly) SeenOrMark(ctx context.Context, key string, ttl time.Duration) (bool, error) {
	return m.d.SeenOrMark(ctx, key, ttl)
}

// A delivery whose function failed is processed when it comes again; one
// that succeeded is not.
func TestHandlerRetryAfterFailure(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		opts []webhook.HandlerOption
	}{
		{"memory deduper (unmarks)", nil},
		{"deduper without Unmark", []webhook.HandlerOption{webhook.WithDeduper(markOnly{webhook.NewMemoryDeduper(0)})}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			h := newHandler(t, tt.opts...)
			var calls atomic.Int32
			failures := 2
			h.On(webhook.TopicOrderUpdated, func(context.Context, *webhook.Event) error {
				if int(calls.Add(1)) <= failures {
					return errors.New("inbox unavailable")
				}
				return nil
			})
			deliver := func() int {
				r := webhook.NewTestRequest(webhook.TopicOrderUpdated, []byte(`{"id":21}`), testSecret, webhook.WithDeliveryID("d1"))
				return serve(h, r).Code
			}
			assert.Equal(t, http.StatusInternalServerError, deliver())
			assert.Equal(t, http.StatusInternalServerError, deliver(), "the redelivery is processed (and fails again)")
			assert.Equal(t, http.StatusOK, deliver(), "the next redelivery is processed and succeeds")
			assert.Equal(t, http.StatusOK, deliver(), "then it is a duplicate")
			assert.Equal(t, int32(3), calls.Load())
		})
	}
}

func TestHandlerFailureHandoff(t *testing.T) {
	t.Parallel()
	fnErr := errors.New("inbox unavailable")
	t.Run("handed off", func(t *testing.T) {
		t.Parallel()
		var got []error
		var gotEvents []*webhook.Event
		h := newHandler(t, webhook.WithFailureHandoff(func(_ context.Context, e *webhook.Event, err error) error {
			got = append(got, err)
			gotEvents = append(gotEvents, e)
			return nil
		}))
		var calls atomic.Int32
		h.On(webhook.TopicOrderUpdated, func(context.Context, *webhook.Event) error { calls.Add(1); return fnErr })
		r := func() *http.Request {
			return webhook.NewTestRequest(webhook.TopicOrderUpdated, []byte(`{"id":21}`), testSecret, webhook.WithDeliveryID("d1"))
		}
		w := serve(h, r())
		assert.Equal(t, http.StatusOK, w.Code, "WooCommerce is told the event was taken")
		require.Len(t, got, 1)
		assert.ErrorIs(t, got[0], fnErr)
		assert.Equal(t, int64(21), gotEvents[0].ID)
		assert.Equal(t, http.StatusOK, serve(h, r()).Code)
		assert.Equal(t, int32(1), calls.Load(), "a handed-off event stays marked: the copy is a duplicate")
	})
	t.Run("hand-off fails", func(t *testing.T) {
		t.Parallel()
		h := newHandler(t, webhook.WithFailureHandoff(func(context.Context, *webhook.Event, error) error {
			return errors.New("queue full")
		}))
		var calls atomic.Int32
		h.On(webhook.TopicOrderUpdated, func(context.Context, *webhook.Event) error { calls.Add(1); return fnErr })
		r := func() *http.Request {
			return webhook.NewTestRequest(webhook.TopicOrderUpdated, []byte(`{"id":21}`), testSecret, webhook.WithDeliveryID("d1"))
		}
		assert.Equal(t, http.StatusInternalServerError, serve(h, r()).Code)
		assert.Equal(t, http.StatusInternalServerError, serve(h, r()).Code)
		assert.Equal(t, int32(2), calls.Load(), "not handed off: unmarked, so the copy is processed")
	})
}

func TestHandlerRouting(t *testing.T) {
	t.Parallel()
	h := newHandler(t)
	var mu sync.Mutex
	var got []string
	mark := func(name string) webhook.HandlerFunc {
		return func(_ context.Context, e *webhook.Event) error {
			mu.Lock()
			defer mu.Unlock()
			got = append(got, name+":"+e.Topic)
			return nil
		}
	}
	h.On(webhook.TopicProductUpdated, mark("exact"))
	h.On("product.*", mark("resource"))
	h.OnAny(mark("any"))
	for _, topic := range []string{"product.updated", "product.deleted", "order.created", "action.woocommerce_variation_set_stock"} {
		require.Equal(t, http.StatusOK, serve(h, webhook.NewTestRequest(topic, []byte(`{"id":1}`), testSecret)).Code)
	}
	h.On(webhook.TopicProductUpdated, nil)
	h.OnAny(nil)
	require.Equal(t, http.StatusOK, serve(h, webhook.NewTestRequest("product.updated", []byte(`{"id":2}`), testSecret)).Code)
	require.Equal(t, http.StatusOK, serve(h, webhook.NewTestRequest("order.created", []byte(`{"id":2}`), testSecret)).Code)
	assert.Equal(t, []string{
		"exact:product.updated", "resource:product.deleted", "any:order.created",
		"any:action.woocommerce_variation_set_stock", "resource:product.updated",
	}, got)
}

func TestHandlerStoreURL(t *testing.T) {
	t.Parallel()
	tests := []struct {
		store, source string
		status        int
	}{
		{"https://shop.example", "https://shop.example/", http.StatusOK},
		{"https://shop.example", "http://shop.example/", http.StatusOK},
		{"http://shop.example/", "https://shop.example/", http.StatusOK},
		{"shop.example", "http://SHOP.example/", http.StatusOK},
		{"https://shop.example", "https://shop.example:443/", http.StatusOK},
		{"https://shop.example", "http://shop.example:80/", http.StatusOK},
		{"https://shop.example/", "https://shop.example/store/", http.StatusOK},
		{"http://127.0.0.1:8080", "http://127.0.0.1:8080/", http.StatusOK},
		{"https://shop.example", "https://evil.example/", http.StatusForbidden},
		{"https://shop.example", "https://shop.example.evil.example/", http.StatusForbidden},
		{"https://shop.example", "https://shop.example:8443/", http.StatusForbidden},
		{"http://127.0.0.1:8080", "http://127.0.0.1:9090/", http.StatusForbidden},
		{"https://shop.example", "", http.StatusForbidden},
		{"https://shop.example", "::not a url", http.StatusForbidden},
	}
	for _, tt := range tests {
		t.Run(tt.store+" "+tt.source, func(t *testing.T) {
			t.Parallel()
			h := newHandler(t, webhook.WithStoreURL(tt.store))
			var rec recorder
			h.OnAny(rec.fn)
			r := webhook.NewTestRequest(webhook.TopicOrderCreated, []byte(`{"id":1}`), testSecret)
			r.Header.Set(webhook.HeaderSource, tt.source)
			assert.Equal(t, tt.status, serve(h, r).Code)
			assert.Equal(t, tt.status == http.StatusOK, rec.count() == 1)
		})
	}
}

func TestHandlerBodyLimit(t *testing.T) {
	t.Parallel()
	h := newHandler(t, webhook.WithMaxBodyBytes(64))
	var rec recorder
	h.OnAny(rec.fn)
	fits := []byte(`{"id":1,"pad":"` + strings.Repeat("x", 64-17) + `"}`)
	require.Len(t, fits, 64)
	assert.Equal(t, http.StatusOK, serve(h, webhook.NewTestRequest(webhook.TopicOrderCreated, fits, testSecret)).Code)
	over := []byte(`{"id":2,"pad":"` + strings.Repeat("x", 64-16) + `"}`)
	assert.Equal(t, http.StatusRequestEntityTooLarge, serve(h, webhook.NewTestRequest(webhook.TopicOrderCreated, over, testSecret)).Code)
	assert.Equal(t, 1, rec.count())

	// The default limit is 10 MiB.
	h = newHandler(t)
	h.OnAny(rec.fn)
	big := append([]byte(`{"id":3,"pad":"`), bytes.Repeat([]byte("x"), int(webhook.DefaultMaxBodyBytes))...)
	big = append(big, `"}`...)
	assert.Equal(t, http.StatusRequestEntityTooLarge, serve(h, webhook.NewTestRequest(webhook.TopicOrderCreated, big, testSecret)).Code)
	assert.Equal(t, 1, rec.count())
}

// Many deliveries at once, each sent several times concurrently: each event
// is dispatched exactly once. Run with -race.
func TestHandlerConcurrent(t *testing.T) {
	t.Parallel()
	h := newHandler(t)
	var mu sync.Mutex
	counts := map[int64]int{}
	h.On("order.*", func(_ context.Context, e *webhook.Event) error {
		mu.Lock()
		defer mu.Unlock()
		counts[e.ID]++
		return nil
	})
	const events, copies = 50, 4
	var wg sync.WaitGroup
	codes := make(chan int, events*copies)
	for i := range events {
		body := []byte(fmt.Sprintf(`{"id":%d}`, i+1))
		for range copies {
			wg.Go(func() {
				r := webhook.NewTestRequest(webhook.TopicOrderUpdated, body, testSecret, webhook.WithDeliveryID(fmt.Sprintf("d%d", i)))
				codes <- serve(h, r).Code
			})
		}
		// Registering while serving is allowed.
		if i == events/2 {
			h.On("unused.topic", func(context.Context, *webhook.Event) error { return nil })
		}
	}
	wg.Wait()
	close(codes)
	for code := range codes {
		require.Equal(t, http.StatusOK, code)
	}
	require.Len(t, counts, events)
	for id, n := range counts {
		require.Equal(t, 1, n, "event %d", id)
	}
}

// failingDeduper always fails.
type failingDeduper struct{}

func (failingDeduper) SeenOrMark(context.Context, string, time.Duration) (bool, error) {
	return false, errors.New("database is down")
}

// A broken de-duplication store must not lose the event: WooCommerce would
// never send it again.
func TestHandlerDedupeErrorDispatchesAnyway(t *testing.T) {
	t.Parallel()
	h := newHandler(t, webhook.WithDeduper(failingDeduper{}))
	var rec recorder
	h.OnAny(rec.fn)
	r := webhook.NewTestRequest(webhook.TopicOrderCreated, []byte(`{"id":1}`), testSecret)
	assert.Equal(t, http.StatusOK, serve(h, r).Code)
	assert.Equal(t, 1, rec.count())
}

// The function's context is not cancelled when the store hangs up, and is
// bounded by the dispatch timeout.
func TestHandlerDispatchContext(t *testing.T) {
	t.Parallel()
	h := newHandler(t, webhook.WithDispatchTimeout(time.Hour))
	var ctxErr error
	var hasDeadline bool
	h.OnAny(func(ctx context.Context, _ *webhook.Event) error {
		ctxErr = ctx.Err()
		_, hasDeadline = ctx.Deadline()
		return nil
	})
	reqCtx, cancel := context.WithCancel(context.Background())
	cancel() // the store has hung up
	r := webhook.NewTestRequest(webhook.TopicOrderCreated, []byte(`{"id":1}`), testSecret).WithContext(reqCtx)
	assert.Equal(t, http.StatusOK, serve(h, r).Code)
	assert.NoError(t, ctxErr)
	assert.True(t, hasDeadline)
}

func TestHandlerSecretRotation(t *testing.T) {
	t.Parallel()
	h := newHandler(t, webhook.WithSecrets("previous-secret"))
	var rec recorder
	h.OnAny(rec.fn)
	body := []byte(`{"id":1}`)
	assert.Equal(t, http.StatusOK, serve(h, webhook.NewTestRequest(webhook.TopicOrderCreated, body, testSecret)).Code)
	assert.Equal(t, http.StatusOK, serve(h, webhook.NewTestRequest(webhook.TopicOrderCreated, body, "previous-secret")).Code)
	assert.Equal(t, http.StatusUnauthorized, serve(h, webhook.NewTestRequest(webhook.TopicOrderCreated, body, "older-secret")).Code)
	assert.Equal(t, 2, rec.count())
}

func TestNewHandlerErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		secret string
		opt    webhook.HandlerOption
	}{
		{"empty secret", "", nil},
		{"empty extra secret", "s", webhook.WithSecrets("")},
		{"zero body limit", "s", webhook.WithMaxBodyBytes(0)},
		{"empty store URL", "s", webhook.WithStoreURL("")},
		{"store URL without host", "s", webhook.WithStoreURL("https:///path")},
		{"nil deduper", "s", webhook.WithDeduper(nil)},
		{"zero TTL", "s", webhook.WithDedupeTTL(0)},
		{"nil hand-off", "s", webhook.WithFailureHandoff(nil)},
		{"negative timeout", "s", webhook.WithDispatchTimeout(-time.Second)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			h, err := webhook.NewHandler(tt.secret, tt.opt)
			require.Error(t, err)
			assert.Nil(t, h)
			assert.True(t, strings.HasPrefix(err.Error(), "webhook: new handler: "), err.Error())
		})
	}
	_, err := webhook.NewHandler("s", webhook.WithDedupeTTL(time.Minute), webhook.WithLogger(nil), webhook.WithDispatchTimeout(0), nil)
	require.NoError(t, err)
}

// No secret, and no signature the store computed, appears in a response, a
// log line or an error, whatever the request.
func TestNoSecretInOutput(t *testing.T) {
	t.Parallel()
	const oldSecret = "previous-secret-Kp3"
	var logs bytes.Buffer
	logger := slog.New(slog.NewJSONHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	var handoffs atomic.Int32
	h := newHandler(t, webhook.WithSecrets(oldSecret), webhook.WithLogger(logger), webhook.WithStoreURL("shop.example"),
		webhook.WithMaxBodyBytes(1024),
		webhook.WithFailureHandoff(func(_ context.Context, _ *webhook.Event, err error) error {
			handoffs.Add(1)
			logger.Error("handed off", "error", err)
			return errors.New("queue full")
		}))
	h.On(webhook.TopicOrderCreated, func(context.Context, *webhook.Event) error { return errors.New("inbox unavailable") })
	h.On(webhook.TopicProductCreated, func(context.Context, *webhook.Event) error { return nil })

	body := []byte(`{"id":1}`)
	reqs := []*http.Request{
		webhook.NewTestRequest(webhook.TopicProductCreated, body, testSecret),
		webhook.NewTestRequest(webhook.TopicProductCreated, body, oldSecret),
		webhook.NewTestRequest(webhook.TopicOrderCreated, body, testSecret),
		webhook.NewTestRequest(webhook.TopicOrderCreated, body, "forged"),
		webhook.NewTestRequest(webhook.TopicOrderCreated, []byte("nope"), testSecret),
		webhook.NewTestRequest(webhook.TopicOrderCreated, bytes.Repeat([]byte("x"), 2048), testSecret),
		webhook.NewTestRequest(webhook.TopicOrderCreated, body, testSecret, webhook.WithSource("https://evil.example/")),
		webhook.NewTestPing(1),
	}
	unsigned := webhook.NewTestRequest(webhook.TopicOrderCreated, body, testSecret)
	unsigned.Header.Del(webhook.HeaderSignature)
	reqs = append(reqs, unsigned)

	var out strings.Builder
	for _, r := range reqs {
		w := serve(h, r)
		out.WriteString(w.Body.String())
		for k, v := range w.Header() {
			out.WriteString(k + strings.Join(v, ","))
		}
	}
	require.Positive(t, handoffs.Load())
	for _, secret := range []string{testSecret, oldSecret} {
		for _, err := range []error{
			webhook.Verify(body, webhook.Sign(body, "forged"), secret),
			webhook.Verify(body, "", secret),
		} {
			out.WriteString(err.Error())
		}
	}
	out.Write(logs.Bytes())
	all := out.String()
	require.Contains(t, all, "request rejected", "the log was written")
	for _, s := range []string{testSecret, oldSecret, webhook.Sign(body, testSecret), webhook.Sign(body, oldSecret)} {
		assert.NotContains(t, all, s)
	}
}
