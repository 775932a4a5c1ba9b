package webhook_test

import (
	"bytes"
	"context"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/woonexo/woonexo/woocommerce/webhook"
)

// FuzzHandler sends arbitrary bodies and topics, signed or not, through the
// Handler: it must never panic, answer only the documented statuses, and
// dispatch only deliveries whose signature verifies.
func FuzzHandler(f *testing.F) {
	f.Add([]byte(`{"id":11,"name":"Tee"}`), "product.updated", true)
	f.Add([]byte(`{"id":11}`), "product.deleted", true)
	f.Add([]byte(`webhook_id=7`), "", false)
	f.Add([]byte(`{"action":"woocommerce_variation_set_stock","arg":{}}`), "action.woocommerce_variation_set_stock", true)
	f.Add([]byte(`not json`), "order.created", true)
	f.Add([]byte(``), "customer.created", false)
	const secret = "fuzz-secret"
	f.Fuzz(func(t *testing.T, body []byte, topic string, sign bool) {
		h, err := webhook.NewHandler(secret)
		if err != nil {
			t.Fatal(err)
		}
		dispatched := false
		h.OnAny(func(ctx context.Context, e *webhook.Event) error {
			dispatched = true
			if err := webhook.Verify(e.Body, e.Signature, secret); err != nil {
				t.Fatalf("dispatched an unverified delivery: %v", err)
			}
			return nil
		})
		var r *http.Request
		if sign {
			r = webhook.NewTestRequest(topic, body, secret)
		} else {
			r = httptest.NewRequest(http.MethodPost, "/webhook", bytes.NewReader(body))
			r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			if topic != "" {
				r.Header.Set("X-WC-Webhook-Topic", topic)
			}
		}
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		switch w.Code {
		case http.StatusOK, http.StatusBadRequest, http.StatusUnauthorized, http.StatusRequestEntityTooLarge:
		default:
			t.Fatalf("status %d for topic %q, signed %v", w.Code, topic, sign)
		}
		if dispatched && !sign {
			t.Fatal("an unsigned request was dispatched")
		}
	})
}
