package wootest_test

import (
	"context"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/woonexo/woonexo/internal/testclock"
	"github.com/woonexo/woonexo/woocommerce/wootest"
)

// statuses records the status of n product list calls.
func statuses(t *testing.T, seed int64, n int) []int {
	srv := newServer(t, wootest.WithSeed(seed))
	defer srv.Close()
	srv.Store.SetFaults("GET /wc/v3/products", wootest.Faults{Rate429: 0.3, Rate5xx: 0.3})
	a := newAPI(t, srv)
	var out []int
	for i := 0; i < n; i++ {
		out = append(out, a.do("GET", "/products", nil).status)
	}
	return out
}

func TestFaultsSeeded(t *testing.T) {
	t.Parallel()
	first := statuses(t, 42, 30)
	again := statuses(t, 42, 30)
	assert.Equal(t, first, again, "the same seed replays the same faults")
	seen := map[int]bool{}
	for _, s := range first {
		seen[s/100*100] = true
		if s == 429 {
			seen[429] = true
		}
	}
	assert.True(t, seen[200] && seen[429] && seen[500], "a mix of answers: %v", first)
}

func TestFaultsPatterns(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	defer srv.Close()
	a := newAPI(t, srv)
	srv.Store.SetFaults("/wc/v3/orders/**", wootest.Faults{Rate5xx: 1})
	assert.Equal(t, 200, a.do("GET", "/products", nil).status)
	assert.GreaterOrEqual(t, a.do("GET", "/orders", nil).status, 500)
	srv.Store.SetFaults("/wc/v3/orders/**", wootest.Faults{})
	assert.Equal(t, 200, a.do("GET", "/orders", nil).status)

	srv.Store.SetFaults("*", wootest.Faults{Latency: 30 * time.Millisecond})
	start := time.Now()
	a.do("GET", "/products", nil)
	assert.GreaterOrEqual(t, time.Since(start), 30*time.Millisecond)
	srv.Store.ClearFaults()
}

func TestTimeoutAfterWrite(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	defer srv.Close()
	a := newAPI(t, srv)
	srv.Store.SetFaults("POST /wc/v3/products", wootest.Faults{TimeoutAfterWrite: 1, Hang: 10 * time.Millisecond})
	req := a.request("POST", "/products", map[string]any{"name": "Lost answer", "sku": "LOST"})
	a.sign(req, oauthOpts{})
	_, err := srv.Client().Do(req)
	require.Error(t, err, "the answer is lost")
	require.Len(t, srv.Store.Products(), 1, "but the write happened")

	// A client that retries the create blindly now hits the SKU.
	srv.Store.ClearFaults()
	r := a.do("POST", "/products", map[string]any{"name": "Lost answer", "sku": "LOST"})
	code, _, _ := errCode(t, r)
	assert.Equal(t, "product_invalid_sku", code)

	// With a client timeout shorter than Hang, the client gives up first.
	srv.Store.SetFaults("POST /wc/v3/products", wootest.Faults{TimeoutAfterWrite: 1, Hang: time.Minute})
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
	defer cancel()
	req = a.request("POST", "/products", map[string]any{"name": "Two"})
	a.sign(req, oauthOpts{})
	_, err = srv.Client().Do(req.WithContext(ctx))
	require.Error(t, err)
}

func TestWebhookFaults(t *testing.T) {
	t.Parallel()
	run := func(f wootest.WebhookFaults) []string {
		srv := newServer(t, wootest.WithSeed(7), wootest.WithSyncWebhooks())
		defer srv.Close()
		rec := newReceiver(t)
		_, err := srv.Store.AddWebhook(wootest.Webhook{Topic: "product.created", DeliveryURL: rec.url, Secret: "k"})
		require.NoError(t, err)
		srv.Store.SetWebhookFaults(f)
		a := newAPI(t, srv)
		for i := 0; i < 20; i++ {
			require.Equal(t, 201, a.do("POST", "/products", map[string]any{"name": "P"}).status)
		}
		var ids []string
		for _, r := range rec.all()[1:] {
			// The delivery id has one-second resolution, so compare bodies.
			ids = append(ids, string(r.body[:12]))
		}
		return ids
	}
	assert.Len(t, run(wootest.WebhookFaults{}), 20)
	dropped := run(wootest.WebhookFaults{Drop: 0.5})
	assert.Less(t, len(dropped), 20)
	assert.Greater(t, len(dropped), 0)
	assert.Equal(t, dropped, run(wootest.WebhookFaults{Drop: 0.5}), "seeded")
	dup := run(wootest.WebhookFaults{Duplicate: 1})
	assert.Len(t, dup, 40)
	assert.Equal(t, dup[0], dup[1], "a duplicate repeats the delivery")
}

func TestWebhookReorder(t *testing.T) {
	t.Parallel()
	srv := newServer(t, wootest.WithSeed(3))
	defer srv.Close()
	rec := newReceiver(t)
	_, err := srv.Store.AddWebhook(wootest.Webhook{Topic: "product.created", DeliveryURL: rec.url, Secret: "k"})
	require.NoError(t, err)
	srv.Store.SetWebhookFaults(wootest.WebhookFaults{Reorder: 1, Delay: 5 * time.Millisecond})
	a := newAPI(t, srv)
	var created []float64
	for i := 0; i < 4; i++ {
		created = append(created, float64(id(a.do("POST", "/products", map[string]any{"name": "P"}).obj(t))))
	}
	srv.Store.Flush()
	var got []float64
	for _, r := range rec.all()[1:] {
		var m map[string]any
		require.NoError(t, jsonUnmarshal(r.body, &m))
		got = append(got, m["id"].(float64))
	}
	assert.ElementsMatch(t, created, got)
	assert.NotEqual(t, created, got, "deliveries arrive out of order")
}

func TestServeHTTPDirect(t *testing.T) {
	t.Parallel()
	st := wootest.NewStore(wootest.WithClock(testclock.New(t).Now))
	defer st.Close()
	req, _ := http.NewRequest("GET", "http://shop.test/wp-json/wc/v3/products", nil)
	req.RequestURI = "/wp-json/wc/v3/products"
	signOAuth(req, wootest.DefaultConsumerKey, wootest.DefaultConsumerSecret, oauthOpts{timestamp: st.Now().Unix()})
	rw := &recorderWriter{h: http.Header{}}
	st.ServeHTTP(rw, req)
	assert.Equal(t, 200, rw.code, "%s", rw.body)
}

type recorderWriter struct {
	h    http.Header
	code int
	body []byte
}

func (r *recorderWriter) Header() http.Header { return r.h }
func (r *recorderWriter) Write(b []byte) (int, error) {
	r.body = append(r.body, b...)
	return len(b), nil
}
func (r *recorderWriter) WriteHeader(c int) { r.code = c }
