package webhook_test

import (
	"errors"
	"net/http"
	"strings"
	"testing"

	"github.com/woonexo/woonexo/woocommerce/webhook"
)

// FuzzVerify: Verify never panics, and accepts exactly the signature Sign
// computes. Seed corpus: testdata/fuzz/FuzzVerify.
func FuzzVerify(f *testing.F) {
	f.Add([]byte(`{"id":11}`), "/NYdhw0uw6XAyvgCdaW6ciG097GJ9fKHgUU9cK0DuCE=", realSecret)
	f.Add([]byte(""), "", "")
	f.Fuzz(func(t *testing.T, body []byte, signature, secret string) {
		err := webhook.Verify(body, signature, secret)
		switch {
		case err == nil:
			if secret == "" || webhook.Sign(body, secret) != strings.TrimSpace(signature) {
				t.Fatalf("accepted signature %q for secret %q", signature, secret)
			}
		case !errors.Is(err, webhook.ErrNotSigned) && !errors.Is(err, webhook.ErrInvalidSignature) && !errors.Is(err, webhook.ErrNoSecret):
			t.Fatalf("unexpected error %v", err)
		}
		if secret != "" {
			if err := webhook.Verify(body, webhook.Sign(body, secret), secret); err != nil {
				t.Fatalf("own signature rejected: %v", err)
			}
		}
	})
}

// FuzzParse: ParseHeaders never panics on any headers and body, keeps the
// body as is, and no accessor panics on what it accepted. Seed corpus:
// testdata/fuzz/FuzzParse.
func FuzzParse(f *testing.F) {
	f.Add("product.updated", "product", "updated", "1", "b8ae13f922b75c56cf3e458a17a809d5", []byte(`{"id":11,"type":"simple"}`))
	f.Add("", "", "", "", "", []byte("webhook_id=1"))
	f.Fuzz(func(t *testing.T, topic, resource, event, webhookID, deliveryID string, body []byte) {
		h := http.Header{}
		for name, v := range map[string]string{
			webhook.HeaderTopic: topic, webhook.HeaderResource: resource, webhook.HeaderEvent: event,
			webhook.HeaderWebhookID: webhookID, webhook.HeaderDeliveryID: deliveryID,
		} {
			if v != "" {
				h.Set(name, v)
			}
		}
		e, err := webhook.ParseHeaders(h, body)
		if err != nil {
			if e != nil {
				t.Fatal("an event with an error")
			}
			if !errors.Is(err, webhook.ErrPing) && !errors.Is(err, webhook.ErrMalformed) {
				t.Fatalf("unexpected error %v", err)
			}
			if _, ping := webhook.IsPing(h, body); ping != errors.Is(err, webhook.ErrPing) {
				t.Fatalf("IsPing %v but error %v", ping, err)
			}
			return
		}
		if e.Topic == "" || e.WebhookID <= 0 || e.DeliveryID == "" || string(e.Body) != string(body) {
			t.Fatalf("accepted an incomplete event %+v", e)
		}
		_, _ = e.Product()
		_, _ = e.Variation()
		_, _ = e.Order()
		_, _ = e.Customer()
		_, _ = e.Coupon()
		_, _ = e.DeletedID()
		_, _, _ = e.Action()
		var v any
		_ = e.Decode(&v)
		_ = webhook.DeliveryKey(e)
	})
}
