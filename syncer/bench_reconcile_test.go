package syncer_test

import (
	"context"
	"flag"
	"fmt"
	"net/http"
	"runtime"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/woonexo/woonexo/mapping"
	"github.com/woonexo/woonexo/nexopos"
	"github.com/woonexo/woonexo/nexopos/nexopostest"
	"github.com/woonexo/woonexo/syncer"
	"github.com/woonexo/woonexo/woocommerce"
	"github.com/woonexo/woonexo/woocommerce/wootest"
)

// The full-reconcile benchmark of issue 8 (figures in BENCHMARKS.md):
//
//	go test ./syncer/ -run '^$' -bench BenchmarkFullReconcile -benchtime 1x -reconcile.n 10000 -timeout 1h
var (
	benchN       = flag.Int("reconcile.n", 500, "BenchmarkFullReconcile: products on NexoPOS and customers on WooCommerce")
	benchLatency = flag.Duration("reconcile.latency", 20*time.Millisecond, "BenchmarkFullReconcile: latency added to every request")
	benchWorkers = flag.Int("reconcile.workers", 0, "BenchmarkFullReconcile: ReconcileOptions.Workers (0: the default, 4)")
)

// requestCounter is an http.RoundTripper that counts the requests it sends,
// per method and path.
type requestCounter struct {
	next  http.RoundTripper
	mu    sync.Mutex
	total int
	route map[string]int
}

func newRequestCounter() *requestCounter {
	return &requestCounter{next: http.DefaultTransport, route: map[string]int{}}
}

func (c *requestCounter) RoundTrip(r *http.Request) (*http.Response, error) {
	c.mu.Lock()
	c.total++
	c.route[r.Method+" "+r.URL.Path]++
	c.mu.Unlock()
	return c.next.RoundTrip(r)
}

func (c *requestCounter) client() *http.Client { return &http.Client{Transport: c} }

// reset forgets the requests counted so far.
func (c *requestCounter) reset() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.total, c.route = 0, map[string]int{}
}

// Total returns how many requests were sent.
func (c *requestCounter) Total() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.total
}

// count sums the requests of method whose path ends with suffix; a suffix
// with "{id}" matches any number there.
func (c *requestCounter) count(method, suffix string) int {
	c.mu.Lock()
	defer c.mu.Unlock()
	n := 0
	for k, v := range c.route {
		m, p, _ := strings.Cut(k, " ")
		if m == method && pathMatches(p, suffix) {
			n += v
		}
	}
	return n
}

func pathMatches(path, suffix string) bool {
	if !strings.Contains(suffix, "{id}") {
		return strings.HasSuffix(path, suffix)
	}
	ps, ss := strings.Split(path, "/"), strings.Split(suffix, "/")
	if len(ps) < len(ss) {
		return false
	}
	ps = ps[len(ps)-len(ss):]
	for i, s := range ss {
		if s == "{id}" {
			if ps[i] == "" || strings.Trim(ps[i], "0123456789") != "" {
				return false
			}
		} else if s != ps[i] {
			return false
		}
	}
	return true
}

// routes lists the counts per route, busiest first, with ids folded.
func (c *requestCounter) routes() string {
	c.mu.Lock()
	folded := map[string]int{}
	for k, v := range c.route {
		parts := strings.Split(k, "/")
		for i, p := range parts {
			if p != "" && strings.Trim(p, "0123456789") == "" {
				parts[i] = "{id}"
			}
		}
		folded[strings.Join(parts, "/")] += v
	}
	c.mu.Unlock()
	keys := make([]string, 0, len(folded))
	for k := range folded {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool { return folded[keys[i]] > folded[keys[j]] })
	var b strings.Builder
	for _, k := range keys {
		fmt.Fprintf(&b, "  %6d %s\n", folded[k], k)
	}
	return b.String()
}

// benchWorld is a fake WooCommerce and a fake NexoPOS with an engine
// between them whose clients count their requests.
type benchWorld struct {
	woo      *wootest.Server
	nexo     *nexopostest.Server
	ref      nexopostest.Reference
	category int64 // the default NexoPOS category
	wooReqs  *requestCounter
	nexoReqs *requestCounter
	store    mapping.Store
	eng      *syncer.Engine
}

func newBenchWorld(tb testing.TB, opts ...syncer.Option) *benchWorld {
	tb.Helper()
	w := &benchWorld{wooReqs: newRequestCounter(), nexoReqs: newRequestCounter()}
	w.woo = wootest.NewServer()
	tb.Cleanup(w.woo.Close)
	w.nexo = nexopostest.NewServer(nexopostest.WithThrottle(0))
	tb.Cleanup(w.nexo.Close)
	w.ref = w.nexo.SeedReference()
	ref := w.ref
	walkIn, err := w.nexo.AddCustomer(nexopostest.NewCustomer{FirstName: "Walk-in", LastName: "Customer", Email: "walkin@pos.test"})
	must(tb, err)
	cat, err := w.nexo.AddCategory(nexopostest.NewCategory{Name: "Uncategorized"})
	must(tb, err)
	w.category = cat.ID
	w.store, err = mapping.NewMemory()
	must(tb, err)
	tb.Cleanup(func() { _ = w.store.Close() })
	wc, err := woocommerce.NewClient(w.woo.URL, woocommerce.WithCredentials(w.woo.ConsumerKey, w.woo.ConsumerSecret),
		woocommerce.WithRetries(0), woocommerce.WithHTTPClient(w.wooReqs.client()))
	must(tb, err)
	nc, err := nexopos.NewClient(w.nexo.URL, nexopos.WithToken(w.nexo.Token), nexopos.WithVersion(nexopos.V5),
		nexopos.WithRetries(0), nexopos.WithHTTPClient(w.nexoReqs.client()))
	must(tb, err)
	cfg := syncer.DefaultConfig(syncer.Defaults{CategoryID: cat.ID, UnitGroupID: ref.UnitGroupID, UnitID: ref.PieceUnitID,
		CustomerGroupID: ref.CustomerGroupID, WalkInCustomerID: walkIn.ID})
	w.eng, err = syncer.New(wc, nc, w.store, cfg, opts...)
	must(tb, err)
	return w
}

// seedNexoProducts adds n products with stock to NexoPOS, straight into the
// fake (no requests).
func (w *benchWorld) seedNexoProducts(tb testing.TB, n int) {
	tb.Helper()
	for i := range n {
		_, err := w.nexo.AddProduct(nexopostest.NewProduct{Name: fmt.Sprintf("POS product %d", i), SKU: fmt.Sprintf("POS-%06d", i),
			CategoryID: w.category, Units: []nexopostest.NewUnitQuantity{{UnitID: w.ref.PieceUnitID, SalePrice: float64(1 + i%50), Stock: float64(i % 40)}}})
		must(tb, err)
	}
}

// seedWooCustomers adds n customers to WooCommerce, straight into the fake.
func (w *benchWorld) seedWooCustomers(tb testing.TB, n int) {
	tb.Helper()
	for i := range n {
		_, err := w.woo.Store.AddCustomer(wootest.Customer{Email: fmt.Sprintf("shopper%06d@example.com", i),
			FirstName: "Shopper", LastName: fmt.Sprintf("N%d", i), Role: "customer", Username: fmt.Sprintf("shopper%06d", i)})
		must(tb, err)
	}
}

func must(tb testing.TB, err error) {
	tb.Helper()
	if err != nil {
		tb.Fatal(err)
	}
}

// peakHeap samples the heap in use until stop is called and returns the
// highest value seen.
func peakHeap() (stop func() uint64) {
	var peak atomic.Uint64
	sample := func() {
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		if ms.HeapInuse > peak.Load() {
			peak.Store(ms.HeapInuse)
		}
	}
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Go(func() {
		t := time.NewTicker(20 * time.Millisecond)
		defer t.Stop()
		for {
			select {
			case <-done:
				return
			case <-t.C:
				sample()
			}
		}
	})
	return func() uint64 {
		close(done)
		wg.Wait()
		sample()
		return peak.Load()
	}
}

func ceilDiv(a, b int) int { return (a + b - 1) / b }

// BenchmarkFullReconcile reconciles N products that exist only on NexoPOS
// (they are created on WooCommerce, in batches) and N customers that exist
// only on WooCommerce (they are created on NexoPOS, which has no batch
// endpoint, by the worker pool), every request of both fakes delayed by
// -reconcile.latency. It reports the requests per side, the floor, and the
// peak heap of the process (both fakes run in it). Run it once per size
// (-benchtime 1x): each iteration seeds fresh fakes, outside the timer.
func BenchmarkFullReconcile(b *testing.B) {
	n := *benchN
	for b.Loop() {
		b.StopTimer()
		w := newBenchWorld(b)
		w.seedNexoProducts(b, n)
		w.seedWooCustomers(b, n)
		// A first reconcile also primes the NexoPOS poll cursors, which
		// today reads every product and stock movement once; a scheduled
		// reconcile does not. Prime them first and count that apart.
		if _, err := w.eng.PollNexo(context.Background()); err != nil {
			b.Fatal(err)
		}
		prime := w.nexoReqs.Total()
		w.nexoReqs.reset()
		w.woo.Store.SetFaults("*", wootest.Faults{Latency: *benchLatency})
		w.nexo.SetFaults(nexopostest.Fault{Latency: *benchLatency})
		runtime.GC()
		var before runtime.MemStats
		runtime.ReadMemStats(&before)
		stop := peakHeap()
		b.StartTimer()

		start := time.Now()
		rep, err := w.eng.Reconcile(context.Background(), syncer.ReconcileOptions{Workers: *benchWorkers})
		took := time.Since(start)

		b.StopTimer()
		peak := stop()
		must(b, err)
		if len(rep.Errors) > 0 {
			b.Fatalf("%d records failed; first: %v", len(rep.Errors), rep.Errors[0])
		}
		if got := rep.Applied[mapping.KindProduct] + rep.Applied[mapping.KindCustomer]; got != 2*n {
			b.Fatalf("applied %d actions, want %d:\n%s", got, 2*n, rep)
		}
		wooFloor, nexoFloor := 2*ceilDiv(n, 100), n+2*ceilDiv(n, 100)
		b.ReportMetric(float64(w.wooReqs.Total()), "woo-req")
		b.ReportMetric(float64(wooFloor), "woo-floor")
		b.ReportMetric(float64(w.nexoReqs.Total()), "nexo-req")
		b.ReportMetric(float64(nexoFloor), "nexo-floor")
		b.ReportMetric(float64(prime), "nexo-prime-req")
		b.ReportMetric(took.Seconds(), "wall-s")
		b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MB")
		b.ReportMetric(float64(int64(peak)-int64(before.HeapInuse))/(1<<20), "heap-growth-MB")
		b.Logf("N=%d: took %s (priming the poll cursors beforehand: %d NexoPOS requests)\nWooCommerce: %d requests (floor %d)\n%sNexoPOS: %d requests (floor %d)\n%s",
			n, took.Round(time.Millisecond), prime, w.wooReqs.Total(), wooFloor, w.wooReqs.routes(), w.nexoReqs.Total(), nexoFloor, w.nexoReqs.routes())
		b.StartTimer()
	}
}
