package webhook

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
)

// TestUserAgent is the User-Agent of the requests [NewTestRequest] builds,
// the one a WooCommerce 10.0.2 store on WordPress 6.8.8 sends.
const TestUserAgent = "WooCommerce/10.0.2 Hookshot (WordPress/6.8.8)"

// RequestOption changes a request built by [NewTestRequest] or
// [SignedRequest].
type RequestOption func(*testDelivery)

type testDelivery struct {
	webhookID  int64
	deliveryID string
	source     string
}

// WithWebhookID sets X-WC-Webhook-ID (default 1).
func WithWebhookID(id int64) RequestOption {
	return func(d *testDelivery) { d.webhookID = id }
}

// WithDeliveryID sets X-WC-Webhook-Delivery-ID (default: 32 random hex
// digits, shaped like WooCommerce's, different for each request).
func WithDeliveryID(id string) RequestOption {
	return func(d *testDelivery) { d.deliveryID = id }
}

// WithSource sets X-WC-Webhook-Source (default "https://shop.example/").
func WithSource(storeURL string) RequestOption {
	return func(d *testDelivery) { d.source = storeURL }
}

// NewTestRequest returns a delivery of topic as a WooCommerce store would
// send it, for passing to a [Handler] (or any http.Handler) in tests: POST
// to /webhook, the payload as body, every X-WC-Webhook-* header, and a
// signature made with secret. The payload is sent as is; sign the bytes a
// store would send (its JSON escapes slashes as \/) when that matters.
//
// Like httptest.NewRequest it returns a server-side request; use
// [SignedRequest] to send one with an http.Client.
func NewTestRequest(topic string, payload []byte, secret string, opts ...RequestOption) *http.Request {
	r := httptest.NewRequest(http.MethodPost, "/webhook", bytes.NewReader(payload))
	setDeliveryHeaders(r.Header, topic, payload, secret, opts)
	return r
}

// SignedRequest is like [NewTestRequest] but returns a client request to url,
// for sending a signed delivery to a running receiver with an http.Client.
func SignedRequest(ctx context.Context, url, topic string, payload []byte, secret string, opts ...RequestOption) (*http.Request, error) {
	r, err := http.NewRequestWithContext(ctx, http.MethodPost, url, bytes.NewReader(payload))
	if err != nil {
		return nil, fmt.Errorf("webhook: build signed request: %w", err)
	}
	setDeliveryHeaders(r.Header, topic, payload, secret, opts)
	return r, nil
}

// NewTestPing returns the ping a store sends when webhook webhookID is
// created: a form body "webhook_id=N" and no X-WC-Webhook-* header.
func NewTestPing(webhookID int64) *http.Request {
	body := "webhook_id=" + strconv.FormatInt(webhookID, 10)
	r := httptest.NewRequest(http.MethodPost, "/webhook", strings.NewReader(body))
	r.Header.Set("User-Agent", TestUserAgent)
	r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	return r
}

func setDeliveryHeaders(h http.Header, topic string, payload []byte, secret string, opts []RequestOption) {
	d := testDelivery{webhookID: 1, source: "https://shop.example/"}
	for _, opt := range opts {
		if opt != nil {
			opt(&d)
		}
	}
	if d.deliveryID == "" {
		var b [16]byte
		_, _ = rand.Read(b[:])
		d.deliveryID = hex.EncodeToString(b[:])
	}
	resource, event, _ := strings.Cut(topic, ".")
	h.Set("User-Agent", TestUserAgent)
	h.Set("Content-Type", "application/json")
	h.Set(HeaderSource, d.source)
	h.Set(HeaderTopic, topic)
	h.Set(HeaderResource, resource)
	h.Set(HeaderEvent, event)
	h.Set(HeaderSignature, Sign(payload, secret))
	h.Set(HeaderWebhookID, strconv.FormatInt(d.webhookID, 10))
	h.Set(HeaderDeliveryID, d.deliveryID)
}
