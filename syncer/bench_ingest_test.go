package syncer_test

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"runtime"
	"runtime/metrics"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"github.com/woonexo/woonexo/internal/benchcpu"
	"github.com/woonexo/woonexo/mapping"
	"github.com/woonexo/woonexo/nexopos"
	"github.com/woonexo/woonexo/nexopos/nexopostest"
	"github.com/woonexo/woonexo/syncer"
	"github.com/woonexo/woonexo/woocommerce"
	"github.com/woonexo/woonexo/woocommerce/webhook"
	"github.com/woonexo/woonexo/woocommerce/wootest"
)

// ---- webhook ingest: verify + parse + plan, per delivery, on one core

const benchSecret = "bench-webhook-secret"

func benchPayload(b *testing.B, name string) []byte {
	b.Helper()
	body, err := os.ReadFile(filepath.Join("..", "woocommerce", "webhook", "testdata", "payloads", name))
	require.NoError(b, err)
	return body
}

// benchStore links what the payloads name, so that the plans are real
// updates and creates, not needs.
func benchStore(b *testing.B) (mapping.Store, syncer.Config) {
	b.Helper()
	st, err := mapping.NewMemory()
	require.NoError(b, err)
	ctx := context.Background()
	put := func(l mapping.Link) { require.NoError(b, st.Put(ctx, l)) }
	// product.updated.json: product 11 in categories 16 and 20, stock 9, 1 sold.
	put(mapping.Link{Kind: mapping.KindProduct, WooID: 11, NexoID: 111, WooFingerprint: "old", NexoFingerprint: "old", WooStock: "10", WooSales: "1", NexoStock: "10"})
	put(mapping.Link{Kind: mapping.KindCategory, WooID: 16, NexoID: 116})
	put(mapping.Link{Kind: mapping.KindCategory, WooID: 20, NexoID: 120})
	// order.created.json: customer 2, product 12, variation 14 of 13.
	put(mapping.Link{Kind: mapping.KindCustomer, WooID: 2, NexoID: 102})
	put(mapping.Link{Kind: mapping.KindProduct, WooID: 12, NexoID: 112})
	put(mapping.Link{Kind: mapping.KindVariation, WooID: 14, NexoID: 114})
	cfg := syncer.DefaultConfig(syncer.Defaults{CategoryID: 1, UnitGroupID: 1, UnitID: 1, WalkInCustomerID: 1})
	cfg.PaymentMap = map[string]string{"bacs": "bank-payment"}
	return st, cfg
}

// BenchmarkIngest is what the engine does with one delivery before it
// writes anything: verify the signature, parse headers and payload, convert
// the record and plan it against the mapping store.
func BenchmarkIngest(b *testing.B) {
	for _, tc := range []struct{ topic, file string }{
		{webhook.TopicProductUpdated, "product.updated.json"},
		{webhook.TopicOrderCreated, "order.created.json"},
	} {
		b.Run(tc.topic, func(b *testing.B) {
			body := benchPayload(b, tc.file)
			h := webhook.NewTestRequest(tc.topic, body, benchSecret).Header
			st, cfg := benchStore(b)
			ctx := context.Background()
			b.SetBytes(int64(len(body)))
			b.ReportAllocs()
			cpu := benchcpu.Start()
			for b.Loop() {
				if err := webhook.Verify(body, h.Get(webhook.HeaderSignature), benchSecret); err != nil {
					b.Fatal(err)
				}
				ev, err := webhook.ParseHeaders(h, body)
				if err != nil {
					b.Fatal(err)
				}
				var plan syncer.Plan
				if ev.Resource == "product" {
					p, err := ev.Product()
					if err != nil {
						b.Fatal(err)
					}
					plan, err = syncer.PlanProduct(ctx, cfg, st, syncer.ProductFromWoo(*p))
					if err != nil {
						b.Fatal(err)
					}
				} else {
					o, err := ev.Order()
					if err != nil {
						b.Fatal(err)
					}
					plan, err = syncer.PlanOrder(ctx, cfg, st, syncer.OrderFromWoo(*o))
					if err != nil {
						b.Fatal(err)
					}
				}
				if len(plan.Actions) == 0 {
					b.Fatalf("empty plan: %s", plan)
				}
			}
			cpu.Report(b)
			b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "events/s")
		})
	}
}

// BenchmarkIngestFloor is the least any receiver does with the same bytes:
// HMAC-SHA256 of the body compared with the signature, and json.Unmarshal
// into the same type.
func BenchmarkIngestFloor(b *testing.B) {
	for _, tc := range []struct{ topic, file string }{
		{webhook.TopicProductUpdated, "product.updated.json"},
		{webhook.TopicOrderCreated, "order.created.json"},
	} {
		b.Run(tc.topic, func(b *testing.B) {
			body := benchPayload(b, tc.file)
			sig := webhook.NewTestRequest(tc.topic, body, benchSecret).Header.Get(webhook.HeaderSignature)
			b.SetBytes(int64(len(body)))
			b.ReportAllocs()
			cpu := benchcpu.Start()
			for b.Loop() {
				want, err := base64.StdEncoding.DecodeString(sig)
				if err != nil {
					b.Fatal(err)
				}
				mac := hmac.New(sha256.New, []byte(benchSecret))
				mac.Write(body)
				if !hmac.Equal(mac.Sum(nil), want) {
					b.Fatal("signature")
				}
				var err2 error
				if tc.file == "product.updated.json" {
					var p woocommerce.Product
					err2 = json.Unmarshal(body, &p)
				} else {
					var o woocommerce.Order
					err2 = json.Unmarshal(body, &o)
				}
				if err2 != nil {
					b.Fatal(err2)
				}
			}
			cpu.Report(b)
			b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "events/s")
		})
	}
}

// ---- steady state: requests per poll when nothing changed, per change

// countingTransport counts the requests that go through it.
type countingTransport struct {
	n    atomic.Int64
	next http.RoundTripper
}

func (c *countingTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	c.n.Add(1)
	return c.next.RoundTrip(r)
}

// TestSteadyStateRequests measures (and bounds) what an idle engine costs:
// the HTTP requests of one PollNexo when nothing changed, and the requests
// per changed record on each side. Run with -v to see the figures.
func TestSteadyStateRequests(t *testing.T) {
	if testing.Short() {
		t.Skip("waits 6s for the poll's re-read window")
	}
	h := newHarness(t)
	const products, customers = 200, 50
	for i := range products {
		h.addWooProduct(fmt.Sprintf("Item %d", i), fmt.Sprintf("SKU-%d", i), "9.50", 20)
	}
	for i := range customers {
		_, err := h.woo.Store.AddCustomer(wootest.Customer{Email: fmt.Sprintf("c%d@example.com", i), FirstName: "C", LastName: strconv.Itoa(i)})
		require.NoError(t, err)
	}
	h.reconcile()
	h.drain()

	// Swap in an engine whose clients count requests (same store, so the
	// webhooks the first engine's handler receives land in its inbox).
	wooCount := &countingTransport{next: http.DefaultTransport}
	nexoCount := &countingTransport{next: http.DefaultTransport}
	wc, err := woocommerce.NewClient(h.woo.URL, woocommerce.WithCredentials(h.woo.ConsumerKey, h.woo.ConsumerSecret), woocommerce.WithRetries(0),
		woocommerce.WithHTTPClient(&http.Client{Transport: wooCount}), woocommerce.WithClock(h.clock.Now))
	require.NoError(t, err)
	nc, err := nexopos.NewClient(h.nexo.URL, nexopos.WithToken(h.nexo.Token), nexopos.WithVersion(nexopos.V5), nexopos.WithRetries(0),
		nexopos.WithHTTPClient(&http.Client{Transport: nexoCount}))
	require.NoError(t, err)
	eng, err := syncer.New(wc, nc, h.store, h.cfg, syncer.WithClock(h.clock.Now))
	require.NoError(t, err)
	h.eng = eng
	count := func(fn func()) (woo, nexo int64) {
		w0, n0 := wooCount.n.Load(), nexoCount.n.Load()
		fn()
		return wooCount.n.Load() - w0, nexoCount.n.Load() - n0
	}

	// Past the poll's re-read window of the cursor's second.
	h.poll()
	time.Sleep(6 * time.Second)
	h.poll()
	w, n := count(func() { h.poll() })
	t.Logf("PollNexo, nothing changed (%d products, %d customers): %d WooCommerce + %d NexoPOS requests", products, customers, w, n)
	require.Zero(t, w)
	// One page per poll cursor, except that NexoPOS 5.x lists customers by
	// updated_at, so the new-customer poll reads every customer page (50 a
	// page): 4 + ceil(customers/50) + the empty check.
	require.LessOrEqual(t, n, int64(4+(customers+49)/50+3))

	// k price changes at the counter.
	const k = 10
	var links []mapping.Link
	for l, err := range h.store.List(h.ctx, mapping.KindProduct) {
		require.NoError(t, err)
		if len(links) < k {
			links = append(links, l)
		}
	}
	for i, l := range links {
		require.NoError(t, h.nexo.SetPrice(l.NexoID, h.ref.PieceUnitID, 11+float64(i)))
	}
	w, n = count(func() { h.poll() })
	t.Logf("PollNexo, %d NexoPOS price changes: %d WooCommerce + %d NexoPOS requests, %.1f per changed record", k, w, n, float64(w+n)/k)

	// k counter sales of one line each.
	for _, l := range links {
		_, err := h.nexo.Sell(h.walkIn, nexopostest.OrderLine{ProductID: l.NexoID, UnitID: h.ref.PieceUnitID, Quantity: 1})
		require.NoError(t, err)
	}
	w, n = count(func() { h.poll() })
	w2, n2 := count(func() { h.drain() }) // the new orders' webhooks come back
	t.Logf("PollNexo, %d counter sales: %d WooCommerce + %d NexoPOS requests, %.1f per sale; their webhooks: %d + %d",
		k, w, n, float64(w+n)/k, w2, n2)

	// k price changes on the web (one product.updated each).
	for i, l := range links {
		_, err := h.woo.Store.UpdateProduct(l.WooID, func(p *wootest.Product) { p.RegularPrice = fmt.Sprintf("%d.25", 20+i) })
		require.NoError(t, err)
	}
	w, n = count(func() { h.drain() })
	t.Logf("inbox, %d WooCommerce price changes: %d WooCommerce + %d NexoPOS requests, %.1f per changed record", k, w, n, float64(w+n)/k)
}

// ---- memory: listing 100,000 products through the iterator

// productPages serves n synthetic products (the ~5 KB product.updated
// payload with its id changed) 100 to a page, as WooCommerce pages them.
func productPages(tb testing.TB, n int) *httptest.Server {
	tb.Helper()
	body, err := os.ReadFile(filepath.Join("..", "woocommerce", "webhook", "testdata", "payloads", "product.updated.json"))
	require.NoError(tb, err)
	var tmpl map[string]any
	require.NoError(tb, json.Unmarshal(body, &tmpl))
	delete(tmpl, "id")
	rest, err := json.Marshal(tmpl)
	require.NoError(tb, err)
	rest = rest[1:] // without the opening brace
	pages := (n + 99) / 100
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		page, _ := strconv.Atoi(r.URL.Query().Get("page"))
		page = max(page, 1)
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("X-WP-Total", strconv.Itoa(n))
		w.Header().Set("X-WP-TotalPages", strconv.Itoa(pages))
		var buf bytes.Buffer
		buf.WriteByte('[')
		for i := (page - 1) * 100; i < min(page*100, n); i++ {
			if buf.Len() > 1 {
				buf.WriteByte(',')
			}
			fmt.Fprintf(&buf, `{"id":%d,`, i+1)
			buf.Write(rest)
		}
		buf.WriteByte(']')
		_, _ = w.Write(buf.Bytes())
	}))
	tb.Cleanup(srv.Close)
	return srv
}

// peakHeapAbove samples the live heap every millisecond while fn runs and
// returns the highest value seen above the heap before it.
func peakHeapAbove(fn func()) (peak uint64) {
	runtime.GC()
	sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	metrics.Read(sample)
	base := sample[0].Value.Uint64()
	var mu sync.Mutex
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		s := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
		t := time.NewTicker(time.Millisecond)
		defer t.Stop()
		for {
			select {
			case <-done:
				return
			case <-t.C:
				metrics.Read(s)
				if v := s[0].Value.Uint64(); v > base {
					mu.Lock()
					peak = max(peak, v-base)
					mu.Unlock()
				}
			}
		}
	}()
	fn()
	close(done)
	wg.Wait()
	return peak
}

// BenchmarkListProducts lists N products through ProductsService.All,
// keeping only a count, and reports the peak heap above the starting heap:
// it must not grow with N (one page is held at a time).
func BenchmarkListProducts(b *testing.B) {
	for _, n := range []int{10_000, 100_000} {
		b.Run(fmt.Sprintf("N=%d", n), func(b *testing.B) {
			srv := productPages(b, n)
			wc, err := woocommerce.NewClient(srv.URL, woocommerce.WithCredentials("ck_x", "cs_x"), woocommerce.WithRetries(0))
			require.NoError(b, err)
			ctx := context.Background()
			var peak uint64
			cpu := benchcpu.Start()
			for b.Loop() {
				p := peakHeapAbove(func() {
					seen := 0
					for _, err := range wc.Products.All(ctx, &woocommerce.ProductListOptions{ListOptions: woocommerce.ListOptions{PerPage: 100}}) {
						if err != nil {
							b.Fatal(err)
						}
						seen++
					}
					if seen != n {
						b.Fatalf("listed %d of %d", seen, n)
					}
				})
				peak = max(peak, p)
			}
			cpu.Report(b)
			b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MiB")
			b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "products/s")
		})
	}
}
