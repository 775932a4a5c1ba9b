package wootest_test

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/woonexo/woonexo/woocommerce/wootest"
)

func verify(body []byte, secret, sig string) bool {
	mac := hmac.New(sha256.New, []byte(secret))
	mac.Write(body)
	return hmac.Equal([]byte(base64.StdEncoding.EncodeToString(mac.Sum(nil))), []byte(sig))
}

func hook(t *testing.T, a *api, topic, url string) int64 {
	t.Helper()
	r := a.do("POST", "/webhooks", map[string]any{"name": topic, "topic": topic, "delivery_url": url, "secret": "s3cret"})
	require.Equal(t, 201, r.status, "%s", r.body)
	return id(r.obj(t))
}

func TestSampleSignatures(t *testing.T) {
	t.Parallel()
	for _, name := range []string{"012-product.created.http", "014-product.deleted.http", "027-customer.created.http", "030-order.created.http"} {
		s := loadSample(t, "testdata/webhooks/"+name)
		// The recorded request line parses as a header-less status; the
		// signature is over the raw body.
		assert.True(t, verify(s.body, "realwoo-webhook-secret", s.header.Get("X-WC-Webhook-Signature")), name)
	}
}

func TestWebhookPingAndDeliveries(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	defer srv.Close()
	a := newAPI(t, srv)
	rec := newReceiver(t)

	hid := hook(t, a, "product.created", rec.url)
	// The ping arrives before the create call returns.
	require.Len(t, rec.all(), 1)
	p := rec.all()[0]
	ping := loadSample(t, "testdata/webhooks/001-ping.http")
	assert.Equal(t, fmt.Sprintf("webhook_id=%d", hid), string(p.body))
	assert.Equal(t, "application/x-www-form-urlencoded", p.header.Get("Content-Type"))
	assert.Equal(t, ping.header.Get("User-Agent"), p.header.Get("User-Agent"))
	assert.Empty(t, p.header.Get("X-WC-Webhook-Signature"))
	assert.Empty(t, p.header.Get("X-WC-Webhook-Topic"))

	hook(t, a, "product.updated", rec.url)
	hook(t, a, "product.deleted", rec.url)
	hook(t, a, "customer.created", rec.url)
	hook(t, a, "order.created", rec.url)
	hook(t, a, "order.updated", rec.url)

	r := a.do("POST", "/products", map[string]any{"name": "Realwoo Tee", "regular_price": "19.99", "sku": "RW-TEE-1", "manage_stock": true, "stock_quantity": 10})
	require.Equal(t, 201, r.status)
	pid := id(r.obj(t))
	srv.Store.Flush()

	all := rec.all()
	last := all[len(all)-1]
	assert.Equal(t, "product.created", last.header.Get("X-WC-Webhook-Topic"))
	assert.Equal(t, "product", last.header.Get("X-WC-Webhook-Resource"))
	assert.Equal(t, "created", last.header.Get("X-WC-Webhook-Event"))
	assert.Equal(t, fmt.Sprint(hid), last.header.Get("X-WC-Webhook-ID"))
	assert.Equal(t, srv.URL+"/", last.header.Get("X-WC-Webhook-Source"))
	assert.Len(t, last.header.Get("X-WC-Webhook-Delivery-ID"), 32)
	assert.Equal(t, "WooCommerce/10.0.2 Hookshot (WordPress/6.8.8)", last.header.Get("User-Agent"))
	assert.True(t, verify(last.body, "s3cret", last.header.Get("X-WC-Webhook-Signature")), "signature verifies")
	sample := loadSample(t, "testdata/webhooks/012-product.created.http")
	var want, got any
	require.NoError(t, json.Unmarshal(sample.body, &want))
	require.NoError(t, json.Unmarshal(last.body, &got))
	sameShape(t, "product.created", want, got)

	// Trash: product.deleted with {"id": N}; force delete: nothing.
	n := len(rec.all())
	require.Equal(t, 200, a.do("DELETE", fmt.Sprintf("/products/%d", pid), nil).status)
	srv.Store.Flush()
	all = rec.all()
	require.Len(t, all, n+1)
	assert.Equal(t, "product.deleted", all[n].header.Get("X-WC-Webhook-Topic"))
	assert.JSONEq(t, fmt.Sprintf(`{"id":%d}`, pid), string(all[n].body))
	require.Equal(t, 200, a.do("DELETE", fmt.Sprintf("/products/%d?force=true", pid), nil).status)
	p2, _ := srv.Store.AddProduct(wootest.Product{Name: "Gone"})
	require.Equal(t, 200, a.do("DELETE", fmt.Sprintf("/products/%d?force=true", p2.ID), nil).status)
	srv.Store.Flush()
	assert.Len(t, rec.all(), n+1, "force delete sends no webhook")

	// Customers and orders.
	n = len(rec.all())
	r = a.do("POST", "/customers", map[string]any{"email": "jane.doe@example.com"})
	require.Equal(t, 201, r.status)
	srv.Store.Flush()
	assert.Equal(t, []string{"customer.created"}, rec.topics()[n:])
	cs := loadSample(t, "testdata/webhooks/027-customer.created.http")
	require.NoError(t, json.Unmarshal(cs.body, &want))
	require.NoError(t, json.Unmarshal(rec.all()[n].body, &got))
	sameShape(t, "customer.created", want, got)

	n = len(rec.all())
	pr, _ := srv.Store.AddProduct(wootest.Product{Name: "Hoodie", RegularPrice: "39", ManageStock: true, StockQuantity: wootest.Int(5)})
	cust := id(a.do("GET", "/customers", nil).list(t)[0].(map[string]any))
	r = a.do("POST", "/orders", map[string]any{"customer_id": cust, "set_paid": true, "line_items": []any{map[string]any{"product_id": pr.ID, "quantity": 1}}})
	require.Equal(t, 201, r.status)
	srv.Store.Flush()
	assert.Equal(t, []string{"order.created", "product.updated", "order.updated"}, rec.topics()[n:],
		"order.created then order.updated; the stock change fires product.updated")
	os := loadSample(t, "testdata/webhooks/030-order.created.http")
	require.NoError(t, json.Unmarshal(os.body, &want))
	require.NoError(t, json.Unmarshal(rec.all()[n].body, &got))
	sameShape(t, "order.created", want, got)
}

func TestVariationStockWebhook(t *testing.T) {
	t.Parallel()
	srv := newServer(t, wootest.WithSyncWebhooks())
	defer srv.Close()
	rec := newReceiver(t)
	st := srv.Store
	_, err := st.AddWebhook(wootest.Webhook{Topic: "product.updated", DeliveryURL: rec.url, Secret: "k"})
	require.NoError(t, err)
	_, err = st.AddWebhook(wootest.Webhook{Topic: "action.woocommerce_variation_set_stock", DeliveryURL: rec.url, Secret: "k"})
	require.NoError(t, err)
	parent, _ := st.AddProduct(wootest.Product{Name: "Variable Hoodie", Type: "variable",
		Attributes: []wootest.Attribute{{ID: 1, Name: "Size", Variation: true, Options: []string{"M"}}}})
	v, err := st.AddVariation(parent.ID, wootest.Variation{RegularPrice: "55", ManageStock: true, StockQuantity: wootest.Int(5),
		Attributes: []wootest.VariationAttribute{{ID: 1, Option: "M"}}})
	require.NoError(t, err)

	require.NoError(t, st.SetStock(v.ID, 2))
	reqs := rec.all()
	require.Len(t, reqs, 4, "two pings, product.updated, action")
	assert.Equal(t, "product.updated", reqs[2].header.Get("X-WC-Webhook-Topic"))
	var payload map[string]any
	require.NoError(t, json.Unmarshal(reqs[2].body, &payload))
	assert.Equal(t, "variation", payload["type"])
	assert.Equal(t, float64(parent.ID), payload["parent_id"])
	assert.Equal(t, float64(v.ID), payload["id"])
	assert.Equal(t, 2.0, payload["stock_quantity"])
	assert.JSONEq(t, `{"action":"woocommerce_variation_set_stock","arg":{}}`, string(reqs[3].body))
}

func TestWebhookDisabledAfterFailures(t *testing.T) {
	t.Parallel()
	srv := newServer(t, wootest.WithSyncWebhooks())
	defer srv.Close()
	rec := newReceiver(t)
	rec.status.Store(500)
	w, err := srv.Store.AddWebhook(wootest.Webhook{Topic: "product.updated", DeliveryURL: rec.url, Secret: "k"})
	require.NoError(t, err)
	assert.Equal(t, "active", w.Status, "a failed ping does not stop the webhook")
	p, _ := srv.Store.AddProduct(wootest.Product{Name: "A"})
	for i := 1; i <= 7; i++ {
		_, err := srv.Store.UpdateProduct(p.ID, func(p *wootest.Product) { p.Description = fmt.Sprint(i) })
		require.NoError(t, err)
		got, _ := srv.Store.Webhook(w.ID)
		if i <= 6 {
			// WooCommerce disables only when a failure finds more than five
			// already counted.
			require.Equal(t, "active", got.Status, "after %d failures", i)
		} else {
			require.Equal(t, "disabled", got.Status, "after %d failures", i)
		}
	}
	n := len(rec.all())
	_, _ = srv.Store.UpdateProduct(p.ID, func(p *wootest.Product) { p.Description = "again" })
	assert.Len(t, rec.all(), n, "a disabled webhook receives nothing")

	// No retries: each event was sent exactly once (1 ping + 7 deliveries).
	assert.Equal(t, 8, n)

	// A success resets the count.
	a := newAPI(t, srv)
	rec.status.Store(200)
	r := a.do("PUT", fmt.Sprintf("/webhooks/%d", w.ID), map[string]any{"status": "active"})
	require.Equal(t, 200, r.status)
	_, _ = srv.Store.UpdateProduct(p.ID, func(p *wootest.Product) { p.Description = "ok" })
	got, _ := srv.Store.Webhook(w.ID)
	assert.Equal(t, "active", got.Status)
}

func TestWebhookREST(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	defer srv.Close()
	a := newAPI(t, srv)
	rec := newReceiver(t)
	r := a.do("POST", "/webhooks", map[string]any{"topic": "product.nope", "delivery_url": rec.url})
	code, _, _ := errCode(t, r)
	assert.Equal(t, "woocommerce_rest_webhook_invalid_topic", code)
	r = a.do("POST", "/webhooks", map[string]any{"topic": "product.created", "delivery_url": "ftp://x"})
	code, _, _ = errCode(t, r)
	assert.Equal(t, "woocommerce_rest_webhook_invalid_delivery_url", code)
	r = a.do("POST", "/webhooks", map[string]any{"topic": "product.created"})
	code, _, _ = errCode(t, r)
	assert.Equal(t, "rest_missing_callback_param", code)

	hid := hook(t, a, "order.updated", rec.url)
	r = a.do("GET", fmt.Sprintf("/webhooks/%d", hid), nil)
	w := r.obj(t)
	assert.Equal(t, "active", w["status"])
	assert.Equal(t, "order", w["resource"])
	assert.Equal(t, []any{"woocommerce_update_order", "woocommerce_order_refunded"}, w["hooks"])
	assert.NotContains(t, w, "secret")
	r = a.do("DELETE", fmt.Sprintf("/webhooks/%d", hid), nil)
	assert.Equal(t, 501, r.status)
	r = a.do("DELETE", fmt.Sprintf("/webhooks/%d?force=true", hid), nil)
	assert.Equal(t, 200, r.status)
}

func TestDirectAccessWebhooks(t *testing.T) {
	t.Parallel()
	// Synchronous, so that no pending delivery is coalesced with the next.
	srv := newServer(t, wootest.WithSyncWebhooks())
	defer srv.Close()
	rec := newReceiver(t)
	st := srv.Store
	for _, topic := range []string{"product.updated", "product.deleted", "product.restored", "order.created", "order.updated", "order.deleted", "order.restored", "customer.updated", "customer.deleted"} {
		_, err := st.AddWebhook(wootest.Webhook{Topic: topic, DeliveryURL: rec.url, Secret: "k"})
		require.NoError(t, err)
	}
	start := len(rec.all())
	p, _ := st.AddProduct(wootest.Product{Name: "A", RegularPrice: "3", ManageStock: true, StockQuantity: wootest.Int(3)})
	c, _ := st.AddCustomer(wootest.Customer{Email: "c@example.com"})
	require.NoError(t, st.TrashProduct(p.ID))
	require.NoError(t, st.RestoreProduct(p.ID))
	o, err := st.PlaceOrder(wootest.Checkout{CustomerID: c.ID, Items: []wootest.CheckoutItem{{ProductID: p.ID, Quantity: 1}}})
	require.NoError(t, err)
	require.NoError(t, st.SetOrderStatus(o.ID, "processing"))
	require.NoError(t, st.TrashOrder(o.ID))
	require.NoError(t, st.RestoreOrder(o.ID))
	_, err = st.UpdateCustomer(c.ID, func(c *wootest.Customer) { c.FirstName = "Cee" })
	require.NoError(t, err)
	require.NoError(t, st.DeleteCustomer(c.ID))
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	require.NoError(t, st.WaitDeliveries(ctx))
	assert.Equal(t, []string{"product.deleted", "product.restored", "order.created", "order.updated",
		"product.updated", "order.updated", "order.deleted", "order.restored", "customer.updated", "customer.deleted"}, rec.topics()[start:])
	pp, _ := st.Product(p.ID)
	assert.Equal(t, "publish", pp.Status)
	assert.Equal(t, 2, *pp.StockQuantity)
	assert.Equal(t, 1, pp.TotalSales)
}

func TestWebhookCoalescing(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	defer srv.Close()
	rec := newReceiver(t)
	rec.status.Store(200)
	st := srv.Store
	_, _ = st.AddWebhook(wootest.Webhook{Topic: "product.updated", DeliveryURL: rec.url, Secret: "k"})
	// Slow deliveries keep the queue busy so that pending ones coalesce.
	st.SetWebhookFaults(wootest.WebhookFaults{Delay: 20 * time.Millisecond})
	p, _ := st.AddProduct(wootest.Product{Name: "A"})
	q, _ := st.AddProduct(wootest.Product{Name: "B"})
	_, _ = st.UpdateProduct(q.ID, func(p *wootest.Product) { p.Description = "first" })
	for i := 0; i < 5; i++ {
		_, _ = st.UpdateProduct(p.ID, func(p *wootest.Product) { p.Description = fmt.Sprint(i) })
	}
	st.Flush()
	topics := rec.topics()[1:]
	assert.Less(t, len(topics), 6, "pending deliveries of the same product are coalesced: %v", topics)
	var body map[string]any
	require.NoError(t, json.Unmarshal(rec.all()[len(rec.all())-1].body, &body))
	assert.Equal(t, "4", body["description"], "the payload is built when the delivery runs")
}
