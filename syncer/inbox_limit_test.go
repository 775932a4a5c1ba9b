package syncer_test

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/woonexo/woonexo/mapping"
	"github.com/woonexo/woonexo/syncer"
	"github.com/woonexo/woonexo/woocommerce/webhook"
)

const (
	testBodyLimit  = syncer.MaxWebhookBodyBytes
	testInboxLimit = mapping.MaxPayloadBytes
)

// One body limit: what the webhook package reads by default is what the
// syncer's handler reads, and the inbox has room for it and its envelope.
func TestWebhookBodyLimitsAgree(t *testing.T) {
	t.Parallel()
	assert.Equal(t, webhook.DefaultMaxBodyBytes, int64(syncer.MaxWebhookBodyBytes))
	assert.Less(t, int64(syncer.MaxWebhookBodyBytes), int64(mapping.MaxPayloadBytes))
	h := newHarness(t)
	hook, err := h.eng.WebhookHandler(hookSecret)
	require.NoError(t, err)
	assert.Equal(t, int64(syncer.MaxWebhookBodyBytes), hook.MaxBodyBytes())
}

// productBody returns a product.updated payload of exactly n bytes whose
// description is filled with pad.
func productBody(t *testing.T, n int, pad string) []byte {
	t.Helper()
	head, tail := `{"id":77,"type":"simple","description":"`, `"}`
	fill := n - len(head) - len(tail)
	require.GreaterOrEqual(t, fill, 0)
	b := make([]byte, 0, n)
	b = append(b, head...)
	b = append(b, strings.Repeat(pad, fill/len(pad)+1)[:fill]...)
	b = append(b, tail...)
	require.Len(t, b, n)
	return b
}

// inboxEvent returns the inbox event of the delivery r will make, if stored.
func inboxEvent(t *testing.T, h *harness, r *http.Request, body []byte) (mapping.Event, error) {
	t.Helper()
	ev, err := webhook.ParseHeaders(r.Header, body)
	require.NoError(t, err)
	return h.store.GetEvent(h.ctx, "woocommerce:"+webhook.DeliveryKey(ev))
}

// The handler WebhookHandler builds takes what the inbox can keep and
// refuses, with 413 before any 200, what it cannot: a verified delivery is
// never answered 200 and dropped, nor accepted and then lost to a 500.
func TestWebhookHandlerBodyLimit(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	hook, err := h.eng.WebhookHandler(hookSecret)
	require.NoError(t, err)

	// Header values are not signed and not bounded by the webhook package;
	// the inbox clips them so that they cannot push a body over.
	worstHeaders := func(r *http.Request) {
		long := strings.Repeat("\x01\"", 64<<10)
		r.Header.Set(webhook.HeaderSource, "https://shop.example/"+long)
		r.Header.Set(webhook.HeaderResource, "product"+long)
		r.Header.Set(webhook.HeaderEvent, "updated"+long)
	}
	tests := []struct {
		name    string
		size    int
		pad     string
		headers func(*http.Request)
		status  int
	}{
		{"small", 1 << 10, "x", nil, http.StatusOK},
		{"at the limit", testBodyLimit, "x", nil, http.StatusOK},
		// json.Marshal turned each <, > and & of a json.RawMessage into
		// \u003c (6 bytes): 2 MiB of HTML grew past the inbox's limit.
		{"HTML, escaping would grow it past the inbox", 2 << 20, "<&>", nil, http.StatusOK},
		{"HTML at the limit", testBodyLimit, "<b>&</b>", nil, http.StatusOK},
		{"at the limit, longest headers", testBodyLimit, "x", worstHeaders, http.StatusOK},
		{"one byte over", testBodyLimit + 1, "x", nil, http.StatusRequestEntityTooLarge},
		{"over the inbox's own limit", testInboxLimit + 1, "x", nil, http.StatusRequestEntityTooLarge},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			body := productBody(t, tt.size, tt.pad)
			r := webhook.NewTestRequest(webhook.TopicProductUpdated, body, hookSecret)
			if tt.headers != nil {
				tt.headers(r)
			}
			w := httptest.NewRecorder()
			hook.ServeHTTP(w, r)
			require.Equal(t, tt.status, w.Code, w.Body.String())

			stored, err := inboxEvent(t, h, r, body)
			if tt.status != http.StatusOK {
				require.ErrorIs(t, err, mapping.ErrNotFound, "a refused delivery is not in the inbox")
				return
			}
			require.NoError(t, err, "a delivery answered 200 is in the inbox")
			assert.LessOrEqual(t, len(stored.Payload), testInboxLimit)
			var p struct {
				Topic, Resource, Event, Source string
				ID                             int64
				Body                           json.RawMessage
			}
			require.NoError(t, json.Unmarshal(stored.Payload, &p))
			assert.True(t, bytes.Equal(body, p.Body), "the body is kept as received, not HTML-escaped")
			assert.Equal(t, webhook.TopicProductUpdated, p.Topic)
			assert.Equal(t, int64(77), p.ID)
			if tt.headers == nil {
				assert.Equal(t, "product", p.Resource)
				assert.Equal(t, "updated", p.Event)
				assert.Equal(t, "https://shop.example/", p.Source)
			} else {
				assert.True(t, strings.HasPrefix(p.Source, "https://shop.example/\x01\""), "a long header is clipped, not dropped")
			}
		})
	}
}

// The caller may lower the handler's limit but not raise it above what the
// inbox keeps: that fails when the handler is built, not on a delivery.
func TestWebhookHandlerLimitOption(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	_, err := h.eng.WebhookHandler(hookSecret, webhook.WithMaxBodyBytes(testBodyLimit+1))
	require.Error(t, err)
	assert.Contains(t, err.Error(), "syncer: webhook handler")

	hook, err := h.eng.WebhookHandler(hookSecret, webhook.WithMaxBodyBytes(4<<10))
	require.NoError(t, err)
	for _, tt := range []struct {
		size   int
		status int
	}{{4 << 10, http.StatusOK}, {4<<10 + 1, http.StatusRequestEntityTooLarge}} {
		body := productBody(t, tt.size, "x")
		r := webhook.NewTestRequest(webhook.TopicProductUpdated, body, hookSecret)
		w := httptest.NewRecorder()
		hook.ServeHTTP(w, r)
		assert.Equal(t, tt.status, w.Code, "%d bytes", tt.size)
	}
}

// Enqueue behind a handler of the caller's own, with a higher limit, refuses
// what the inbox cannot keep with an error wrapping webhook.ErrBodyTooLarge,
// which the handler answers 413.
func TestEnqueueRefusesWhatTheInboxCannotKeep(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	hook, err := webhook.NewHandler(hookSecret, webhook.WithoutDedupe(), webhook.WithMaxBodyBytes(2*testInboxLimit))
	require.NoError(t, err)
	hook.OnAny(h.eng.Enqueue)

	body := productBody(t, testInboxLimit, "x") // fits the handler, not the inbox with its envelope
	r := webhook.NewTestRequest(webhook.TopicProductUpdated, body, hookSecret)
	w := httptest.NewRecorder()
	hook.ServeHTTP(w, r)
	assert.Equal(t, http.StatusRequestEntityTooLarge, w.Code, w.Body.String())
	_, err = inboxEvent(t, h, r, body)
	require.ErrorIs(t, err, mapping.ErrNotFound)

	ev, err := webhook.ParseHeaders(webhook.NewTestRequest(webhook.TopicProductUpdated, body, hookSecret).Header, body)
	require.NoError(t, err)
	err = h.eng.Enqueue(context.Background(), ev)
	require.ErrorIs(t, err, webhook.ErrBodyTooLarge)
	assert.Contains(t, err.Error(), "syncer: enqueue product.updated #77")

	// Whitespace is not kept, so a body with plenty fits even when longer
	// than the limit.
	spaced := append(productBody(t, testBodyLimit, "x"), bytes.Repeat([]byte(" "), 1<<20)...)
	ev, err = webhook.ParseHeaders(webhook.NewTestRequest(webhook.TopicProductUpdated, spaced, hookSecret).Header, spaced)
	require.NoError(t, err)
	require.NoError(t, h.eng.Enqueue(context.Background(), ev))
}
