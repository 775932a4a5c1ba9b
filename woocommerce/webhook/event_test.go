package webhook_test

import (
	"bytes"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/woonexo/woonexo/woocommerce"
	"github.com/woonexo/woonexo/woocommerce/webhook"
)

func TestParseRealDeliveries(t *testing.T) {
	t.Parallel()
	type want struct {
		topic, resource, event, deliveryID string
		webhookID, id                      int64
	}
	wants := map[string]want{
		"012-product.created.http":  {"product.created", "product", "created", "b8ae13f922b75c56cf3e458a17a809d5", 1, 11},
		"014-product.deleted.http":  {"product.deleted", "product", "deleted", "a547566182a33cfff42ffe2c3671810f", 3, 11},
		"027-customer.created.http": {"customer.created", "customer", "created", "3ce354ef397c99fff986c977d3e54667", 8, 2},
		"030-order.created.http":    {"order.created", "order", "created", "a1ae8b7eee6d8f2201671b1e2a3129be", 5, 21},
	}
	for _, rec := range realDeliveries(t) {
		t.Run(rec.Name, func(t *testing.T) {
			t.Parallel()
			e, err := webhook.Parse(rec.Request())
			if rec.Name == "001-ping.http" {
				require.ErrorIs(t, err, webhook.ErrPing)
				require.Nil(t, e)
				return
			}
			require.NoError(t, err)
			w, ok := wants[rec.Name]
			require.True(t, ok, "no expectation for %s", rec.Name)
			assert.Equal(t, w.topic, e.Topic)
			assert.Equal(t, w.resource, e.Resource)
			assert.Equal(t, w.event, e.Event)
			assert.Equal(t, w.webhookID, e.WebhookID)
			assert.Equal(t, w.deliveryID, e.DeliveryID)
			assert.Equal(t, w.id, e.ID)
			assert.Equal(t, "http://127.0.0.1:8080/", e.Source)
			assert.Equal(t, rec.Body, e.Body, "the raw body is kept byte for byte")
			require.NoError(t, e.Verify(realSecret))
		})
	}
}

func TestRealDeliveriesDecode(t *testing.T) {
	t.Parallel()
	byName := map[string]recorded{}
	for _, rec := range realDeliveries(t) {
		byName[rec.Name] = rec
	}
	parse := func(name string) *webhook.Event {
		e, err := webhook.Parse(byName[name].Request())
		require.NoError(t, err)
		require.NoError(t, e.Verify(realSecret))
		return e
	}

	p, err := parse("012-product.created.http").Product()
	require.NoError(t, err)
	assert.Equal(t, int64(11), p.ID)
	assert.Equal(t, "RW-TEE-1", p.SKU)
	assert.Equal(t, "19.99", p.RegularPrice.String())
	assert.Equal(t, woocommerce.Int(10), p.StockQuantity)

	id, err := parse("014-product.deleted.http").DeletedID()
	require.NoError(t, err)
	assert.Equal(t, int64(11), id)

	c, err := parse("027-customer.created.http").Customer()
	require.NoError(t, err)
	assert.Equal(t, "jane.doe@example.com", c.Email)

	o, err := parse("030-order.created.http").Order()
	require.NoError(t, err)
	assert.Equal(t, int64(21), o.ID)
	assert.Equal(t, "143.00", o.Total.StringFixed(2))
	require.Len(t, o.LineItems, 2)
	assert.Equal(t, int64(14), o.LineItems[1].VariationID)
}

func TestIsPing(t *testing.T) {
	t.Parallel()
	form := http.Header{"Content-Type": {"application/x-www-form-urlencoded"}}
	with := func(k, v string) http.Header {
		h := form.Clone()
		h[k] = []string{v}
		return h
	}
	tests := []struct {
		name   string
		header http.Header
		body   string
		id     int64
		ok     bool
	}{
		{"the ping", form, "webhook_id=1", 1, true},
		{"no content type", http.Header{}, "webhook_id=42", 42, true},
		{"with a signature", with("X-Wc-Webhook-Signature", "abc="), "webhook_id=1", 0, false},
		{"with a topic", with("X-Wc-Webhook-Topic", "order.created"), "webhook_id=1", 0, false},
		{"with a non-canonical X-WC header", with("x-wc-webhook-id", "1"), "webhook_id=1", 0, false},
		{"empty id", form, "webhook_id=", 0, false},
		{"non-numeric id", form, "webhook_id=1a", 0, false},
		{"negative id", form, "webhook_id=-1", 0, false},
		{"overflowing id", form, "webhook_id=99999999999999999999", 0, false},
		{"more fields", form, "webhook_id=1&topic=order.created", 0, false},
		{"trailing newline", form, "webhook_id=1\n", 0, false},
		{"JSON body", form, `{"webhook_id":1}`, 0, false},
		{"empty body", form, "", 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			id, ok := webhook.IsPing(tt.header, []byte(tt.body))
			assert.Equal(t, tt.ok, ok)
			assert.Equal(t, tt.id, id)
		})
	}
}

func TestParseMalformed(t *testing.T) {
	t.Parallel()
	good := webhook.NewTestRequest(webhook.TopicOrderDeleted, []byte(`{"id":21}`), "s", webhook.WithWebhookID(5))
	tests := []struct {
		name   string
		edit   func(h http.Header)
		body   string
		ok     bool
		wantID int64
	}{
		{"valid", nil, `{"id":21}`, true, 21},
		{"missing topic", func(h http.Header) { h.Del(webhook.HeaderTopic) }, `{"id":21}`, false, 0},
		{"topic without event", func(h http.Header) { h.Set(webhook.HeaderTopic, "order") }, `{"id":21}`, false, 0},
		{"topic without resource", func(h http.Header) { h.Set(webhook.HeaderTopic, ".deleted") }, `{"id":21}`, false, 0},
		{"topic with a space", func(h http.Header) { h.Set(webhook.HeaderTopic, "order. deleted") }, `{"id":21}`, false, 0},
		{"missing webhook id", func(h http.Header) { h.Del(webhook.HeaderWebhookID) }, `{"id":21}`, false, 0},
		{"non-numeric webhook id", func(h http.Header) { h.Set(webhook.HeaderWebhookID, "five") }, `{"id":21}`, false, 0},
		{"zero webhook id", func(h http.Header) { h.Set(webhook.HeaderWebhookID, "0") }, `{"id":21}`, false, 0},
		{"missing delivery id", func(h http.Header) { h.Del(webhook.HeaderDeliveryID) }, `{"id":21}`, false, 0},
		{"huge delivery id", func(h http.Header) { h.Set(webhook.HeaderDeliveryID, strings.Repeat("a", 129)) }, `{"id":21}`, false, 0},
		{"empty body", nil, ``, false, 0},
		{"blank body", nil, " \n", false, 0},
		{"not JSON", nil, `id=21`, false, 0},
		{"truncated JSON", nil, `{"id":2`, false, 0},
		{"JSON array for a known resource", nil, `[{"id":21}]`, false, 0},
		{"JSON string for a known resource", nil, `"21"`, false, 0},
		{"trailing garbage", nil, `{"id":21}x`, false, 0},
		{"id as a string of digits", nil, `{"id":"21"}`, true, 21},
		{"no id", nil, `{}`, true, 0},
		{"id null", nil, `{"id":null}`, true, 0},
		{"resource and event headers absent", func(h http.Header) {
			h.Del(webhook.HeaderResource)
			h.Del(webhook.HeaderEvent)
		}, `{"id":21}`, true, 21},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			h := good.Header.Clone()
			if tt.edit != nil {
				tt.edit(h)
			}
			e, err := webhook.ParseHeaders(h, []byte(tt.body))
			if !tt.ok {
				require.ErrorIs(t, err, webhook.ErrMalformed)
				require.Nil(t, e)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, "order.deleted", e.Topic)
			assert.Equal(t, "order", e.Resource)
			assert.Equal(t, "deleted", e.Event)
			assert.Equal(t, int64(5), e.WebhookID)
			assert.Equal(t, tt.wantID, e.ID)
		})
	}
}

// Topics the package does not know keep their raw JSON and are not errors.
func TestParseUnknownTopic(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, topic, body string
		ok                bool
	}{
		{"unknown resource, object", "subscription.updated", `{"id":7,"status":"active"}`, true},
		{"unknown resource, array", "booking.batch", `[1,2,3]`, true},
		{"unknown event of a known resource", "product.archived", `{"id":7}`, true},
		{"unknown resource, not JSON", "subscription.updated", `status=active`, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			r := webhook.NewTestRequest(tt.topic, []byte(tt.body), "s")
			e, err := webhook.Parse(r)
			if !tt.ok {
				require.ErrorIs(t, err, webhook.ErrMalformed)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.topic, e.Topic)
			assert.Equal(t, []byte(tt.body), e.Body)
			var v any
			require.NoError(t, e.Decode(&v))
			assert.NotNil(t, v)
		})
	}
}

func TestParseBodyLimit(t *testing.T) {
	t.Parallel()
	// Not JSON, so that parsing stops at the first byte: the point is
	// whether the body was read or refused.
	exact := bytes.Repeat([]byte("x"), int(webhook.DefaultMaxBodyBytes))
	_, err := webhook.Parse(webhook.NewTestRequest("subscription.updated", exact, "s"))
	require.ErrorIs(t, err, webhook.ErrMalformed, "a body of exactly the limit is read")

	over := append(exact, 'x')
	_, err = webhook.Parse(webhook.NewTestRequest("subscription.updated", over, "s"))
	require.ErrorIs(t, err, webhook.ErrBodyTooLarge)
	require.NotErrorIs(t, err, webhook.ErrMalformed)
}

type failingReader struct{}

func (failingReader) Read([]byte) (int, error) { return 0, io.ErrUnexpectedEOF }

func TestParseReadError(t *testing.T) {
	t.Parallel()
	r := httptest.NewRequest(http.MethodPost, "/", failingReader{})
	_, err := webhook.Parse(r)
	require.ErrorIs(t, err, io.ErrUnexpectedEOF)
	assert.Contains(t, err.Error(), "read body")
}
