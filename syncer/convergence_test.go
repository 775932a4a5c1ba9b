package syncer_test

import (
	"bufio"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/woonexo/woonexo/internal/testclock"
	"github.com/woonexo/woonexo/mapping"
	"github.com/woonexo/woonexo/nexopos"
	"github.com/woonexo/woonexo/nexopos/nexopostest"
	"github.com/woonexo/woonexo/syncer"
	"github.com/woonexo/woonexo/woocommerce"
	"github.com/woonexo/woonexo/woocommerce/wootest"
)

// The convergence test of issue 8: seeded random histories of sales, edits,
// new records, deletes, refunds and cancellations on both sides, with
// webhooks dropped, duplicated, delayed and reordered and API calls failing
// (429, 5xx, answers lost after the write), interleaved with engine steps
// whose errors are tolerated. After the history, with the faults off, the
// engine drains its inbox, polls, reconciles, drains and polls again, and
// both sides must agree.
//
//	go test ./syncer/ -run TestConvergence                                                     # 2 seeds x 200 (part of go test ./...)
//	go test ./syncer/ -run TestConvergence -args -convergence                                  # CI size, 20 x 1,000
//	go test ./syncer/ -run TestConvergence -timeout=24h -args -convergence -convergence.seeds=1 -convergence.ops=100000
//	go test ./syncer/ -run TestConvergence -args -convergence -convergence.seed=17 -convergence.logdir=/tmp/conv  # one seed, with its engine log
//
// A failing seed prints its last operations and, for each product whose
// stock ends apart, every stock move of that product on both sides with the
// operation that made it (the ledger, kept up to 10,000 operations).
var (
	convSeeds      = flag.Int("convergence.seeds", 20, "convergence test: number of seeds")
	convOps        = flag.Int("convergence.ops", 1000, "convergence test: operations per seed")
	convSeed       = flag.Int64("convergence.seed", 0, "convergence test: run only this seed")
	convFirst      = flag.Int64("convergence.first", 1, "convergence test: first seed")
	convKeep       = flag.Int("convergence.keep", 80, "convergence test: operations shown when a seed fails")
	convDebug      = flag.Bool("convergence.debug", false, "convergence test: log the engine at debug level")
	convLogDir     = flag.String("convergence.logdir", "", "convergence test: write each seed's operations and the engine's debug log to DIR/seed-N.log")
	convLedger     = flag.Bool("convergence.ledger", true, "convergence test: keep every product's stock moves per operation (slow for large runs; off above 10,000 operations)")
	convEnvelopes  = flag.Float64("convergence.envelopes", 0, "convergence test: share of webhook deliveries whose body is a WordPress error envelope (0.02 finds stock left apart: open)")
	convWebPartial = flag.Bool("convergence.webpartial", false, "convergence test: half of the web refunds are partial (finds stock apart when a partly refunded order is cancelled: open)")
	convCatchUp    = flag.Bool("convergence.catchup", true, "convergence test: run Engine.CatchUp after each poll, as Run does")
	convNexo       = flag.Int("convergence.nexopos", 0, "convergence test: NexoPOS version of every seed (4, 5 or 6); 0 rotates them by seed (seed%3: 0 is 6.x, 1 is 5.x, 2 is 4.x)")
	convRun        = flag.Bool("convergence", false, "convergence test: run it at its CI size (20 seeds x 1,000 operations, or -convergence.seeds/-convergence.ops); without it a short run of 2 seeds x 200 operations")
)

func TestConvergenceUnderFaults(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: the convergence test takes seconds per seed")
	}
	nseeds, ops := *convSeeds, *convOps
	if !*convRun {
		// The everyday run: small, so that go test ./... (and -race)
		// still drives the engine through faults. .ci/run adds the CI
		// size with -convergence.
		nseeds, ops = 2, 200
	}
	seeds := make([]int64, 0, nseeds)
	if *convSeed != 0 {
		seeds = append(seeds, *convSeed)
	} else {
		for i := range nseeds {
			seeds = append(seeds, *convFirst+int64(i))
		}
	}
	for _, seed := range seeds {
		t.Run(fmt.Sprintf("seed=%d", seed), func(t *testing.T) {
			t.Parallel()
			runConvergence(t, seed, ops)
		})
	}
}

// convergence is one seeded history between the fakes.
type convergence struct {
	*harness
	rnd  *rand.Rand
	seed int64
	log  []string // the last operations, for replays
	nlog int
	n    int // sequence for names, SKUs and emails

	stepErrors int
	took       map[string]time.Duration // wall time per operation, for -v

	// ledger, kept when -convergence.ledger is on: every change of a
	// product's stock on either side, with the operation that made it, so
	// that a product whose stock ends apart shows which step moved one side
	// and not the other.
	ledger map[string][]ledgerEntry
	lines  []string // every operation's log line, with the ledger

	logTo io.Writer // -convergence.logdir's file, or nil
}

type ledgerEntry struct {
	op    int
	name  string
	delta float64
}

// stockSnapshot is every product's stock on both sides, keyed "woo #ID" and
// "nexo #ID".
func (c *convergence) stockSnapshot() map[string]float64 {
	out := map[string]float64{}
	for _, p := range c.woo.Store.Products() {
		out[fmt.Sprintf("woo #%d", p.ID)] = float64(stockOf(p))
	}
	for _, p := range c.nexo.Products() {
		out[fmt.Sprintf("nexo #%d", p.ID)] = c.nexo.Stock(p.ID, c.ref.PieceUnitID)
	}
	return out
}

// track runs fn and, with the ledger on, records the stock it moved.
func (c *convergence) track(name string, fn func()) {
	if c.ledger == nil {
		fn()
		return
	}
	before := c.stockSnapshot()
	fn()
	for k, v := range c.stockSnapshot() {
		if d := v - before[k]; d != 0 {
			c.ledger[k] = append(c.ledger[k], ledgerEntry{op: c.nlog, name: name, delta: d})
		}
	}
}

// ledgerOf shows the stock moves of a linked pair side by side.
func (c *convergence) ledgerOf(wooID, nexoID int64) string {
	type row struct {
		ledgerEntry
		side string
	}
	var rows []row
	for _, e := range c.ledger[fmt.Sprintf("woo #%d", wooID)] {
		rows = append(rows, row{e, "woo "})
	}
	for _, e := range c.ledger[fmt.Sprintf("nexo #%d", nexoID)] {
		rows = append(rows, row{e, "nexo"})
	}
	slices.SortStableFunc(rows, func(a, b row) int { return a.op - b.op })
	var b strings.Builder
	for _, r := range rows {
		line := ""
		if r.op < len(c.lines) {
			line = strings.TrimSpace(c.lines[r.op])
		}
		fmt.Fprintf(&b, "\t%s %+g  %s\n", r.side, r.delta, line)
	}
	return b.String()
}

func (c *convergence) logf(format string, args ...any) {
	line := fmt.Sprintf("%6d ", c.nlog) + fmt.Sprintf(format, args...)
	c.nlog++
	if keep := max(*convKeep, 1); len(c.log) >= keep {
		copy(c.log, c.log[1:])
		c.log = c.log[:keep-1]
	}
	if *convDebug {
		c.t.Log(line)
	}
	if c.logTo != nil {
		fmt.Fprintf(c.logTo, "op %s\n", line)
	}
	c.log = append(c.log, line)
	if c.ledger != nil {
		c.lines = append(c.lines, line)
	}
}

// lockedWriter serialises writes from the engine's goroutines.
type lockedWriter struct {
	mu sync.Mutex
	w  io.Writer
}

func (l *lockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(p)
}

func (c *convergence) next() int { c.n++; return c.n }

// newConvergenceHarness is newHarness with asynchronous webhooks (reorder
// needs a queue), seeded fakes, quick retries and no log output.
func newConvergenceHarness(t *testing.T, seed int64, logTo io.Writer) *harness {
	t.Helper()
	logger := slog.New(slog.NewTextHandler(io.Discard, nil))
	switch {
	case logTo != nil:
		logger = slog.New(slog.NewTextHandler(logTo, &slog.HandlerOptions{Level: slog.LevelDebug}))
	case *convDebug:
		logger = slog.New(slog.NewTextHandler(testWriter{t}, &slog.HandlerOptions{Level: slog.LevelDebug}))
	}
	return newHarnessWith(t, harnessSetup{
		version: convVersion(seed),
		woo:     []wootest.Option{wootest.WithSeed(seed)},
		nexo:    []nexopostest.Option{nexopostest.WithSeed(seed)},
		engine:  []syncer.Option{syncer.WithRetry(8, time.Millisecond, time.Millisecond), syncer.WithWorkerName("convergence")},
		logger:  logger,
		cfg: []harnessOpt{func(c *syncer.Config) {
			// A product trashed on one side is unpublished on the other,
			// so that "the same products on both sides" has one meaning.
			c.OnDelete = map[mapping.Kind]syncer.DeletePolicy{mapping.KindProduct: syncer.DeleteTrash}
		}},
	})
}

// convVersion is the NexoPOS version a seed runs against: every version
// the product claims, in turn, unless -convergence.nexopos names one.
func convVersion(seed int64) nexopos.Version {
	if *convNexo != 0 {
		return nexopos.Version(*convNexo)
	}
	return []nexopos.Version{nexopos.V6, nexopos.V5, nexopos.V4}[seed%3]
}

// faultsOn sets the faults of issue 8 on both fakes.
func (c *convergence) faultsOn() {
	c.woo.Store.SetWebhookFaults(wootest.WebhookFaults{Drop: 0.05, Duplicate: 0.10, Reorder: 0.10, ErrorEnvelope: *convEnvelopes, Delay: 20 * time.Microsecond})
	c.woo.Store.SetFaults("*", wootest.Faults{Rate429: 0.025, Rate5xx: 0.025, TimeoutAfterWrite: 0.02, Hang: time.Millisecond})
	c.nexo.SetFaults(nexopostest.Fault{RateLimited: 0.025, ServerErrors: 0.025, Timeouts: 0.02, Hang: time.Millisecond})
}

func (c *convergence) apiFaultsOff() {
	c.woo.Store.ClearFaults()
	c.nexo.SetFaults()
}

// noFaults runs fn, a write the test makes over HTTP as a person would in
// an admin screen, without API faults.
func (c *convergence) noFaults(fn func() error) error {
	c.apiFaultsOff()
	defer func() {
		c.woo.Store.SetFaults("*", wootest.Faults{Rate429: 0.025, Rate5xx: 0.025, TimeoutAfterWrite: 0.02, Hang: time.Millisecond})
		c.nexo.SetFaults(nexopostest.Fault{RateLimited: 0.025, ServerErrors: 0.025, Timeouts: 0.02, Hang: time.Millisecond})
	}()
	return fn()
}

func runConvergence(t *testing.T, seed int64, ops int) {
	start := time.Now()
	var logTo io.Writer
	if *convLogDir != "" {
		f, err := os.Create(filepath.Join(*convLogDir, fmt.Sprintf("seed-%d.log", seed)))
		require.NoError(t, err)
		w := bufio.NewWriter(f)
		t.Cleanup(func() { _ = w.Flush(); _ = f.Close() })
		logTo = &lockedWriter{w: w}
	}
	h := newConvergenceHarness(t, seed, logTo)
	c := &convergence{harness: h, rnd: rand.New(rand.NewPCG(uint64(seed), 0x5eed)), seed: seed, took: map[string]time.Duration{}, logTo: logTo}
	if *convLedger && ops <= 10000 {
		c.ledger = map[string][]ledgerEntry{}
	}
	t.Logf("seed %d, NexoPOS %s, %d operations (replay: -run 'TestConvergenceUnderFaults/seed=%d$' -convergence.seed=%d -convergence.ops=%d)", seed, convVersion(seed), ops, seed, seed, ops)
	defer func() {
		if t.Failed() {
			t.Logf("FAILED seed %d; last %d of %d operations:\n%s", seed, len(c.log), c.nlog, strings.Join(c.log, "\n"))
		}
	}()

	c.seedCatalogue()
	c.faultsOn()
	for i := 0; i < ops; i++ {
		c.step()
		if ops >= 10000 && (i+1)%(ops/20) == 0 && testing.Verbose() {
			t.Logf("seed %d: %d of %d operations after %s", seed, i+1, ops, time.Since(start).Round(time.Second))
		}
		if i%2000 == 1999 {
			// What a long-running bridge does: forget applied events.
			_, _ = c.store.Purge(c.ctx, c.clock.Now().Add(-time.Second))
		}
	}
	history := time.Since(start)
	if testing.Verbose() {
		var parts []string
		for name, d := range c.took {
			parts = append(parts, fmt.Sprintf("%s %s", name, d.Round(time.Millisecond)))
		}
		slices.Sort(parts)
		t.Logf("time per operation kind: %s", strings.Join(parts, ", "))
	}

	// Faults off; let the engine catch up.
	c.woo.Store.SetWebhookFaults(wootest.WebhookFaults{})
	c.apiFaultsOff()
	c.logf("faults off")
	reconcile := func(what string) func() *syncer.Report {
		return func() *syncer.Report {
			rep, err := c.eng.Reconcile(c.ctx, syncer.ReconcileOptions{})
			require.NoError(t, err)
			for _, e := range rep.Errors {
				t.Errorf("%s: %v", what, e)
			}
			return rep
		}
	}
	final := reconcile("final reconcile")
	for _, step := range []struct {
		name string
		fn   func()
	}{
		{"final drain", c.drainAll}, {"final poll", c.pollStrict}, {"final drain", c.drainAll},
		{"final reconcile", func() { final() }},
		{"final drain", c.drainAll}, {"final poll", c.pollStrict}, {"final drain", c.drainAll},
	} {
		c.track(step.name, step.fn)
		c.logf("%s", step.name)
	}

	c.assertConverged()

	// In step: a second reconcile writes nothing.
	rep := reconcile("second reconcile")()
	for k, n := range rep.Applied {
		if n != 0 {
			t.Errorf("second reconcile applied %d %s actions; plans:\n%v", n, k, plansOf(rep, k))
		}
	}
	t.Logf("seed %d: %d operations, %d engine step errors tolerated; history %s, total %s",
		seed, ops, c.stepErrors, history.Round(time.Millisecond), time.Since(start).Round(time.Millisecond))
}

func plansOf(rep *syncer.Report, k mapping.Kind) string {
	var b strings.Builder
	for _, p := range rep.Plans {
		for _, a := range p.Actions {
			if a.Kind == k {
				b.WriteString(p.String())
				break
			}
		}
	}
	return b.String()
}

// drainAll delivers the queued webhooks and applies the inbox until it is
// empty, waiting out the (short) retry backoff.
func (c *convergence) drainAll() {
	c.t.Helper()
	idle := 0
	for i := 0; i < 10000 && idle < 2; i++ {
		c.woo.Store.Flush()
		n, err := c.eng.ProcessInbox(c.ctx)
		require.NoError(c.t, err)
		if n == 0 {
			idle++
			time.Sleep(3 * time.Millisecond) // past the retry backoff
		} else {
			idle = 0
		}
	}
}

func (c *convergence) pollStrict() {
	c.t.Helper()
	rep, err := c.eng.PollNexo(c.ctx)
	require.NoError(c.t, err)
	for _, e := range rep.Errors {
		c.t.Errorf("final poll: %v", e)
	}
}

// seedCatalogue fills both sides and links them with a reconcile, before
// the faults.
func (c *convergence) seedCatalogue() {
	t := c.t
	for i := 0; i < 6; i++ {
		c.addWooProduct(fmt.Sprintf("Web item %d", i), fmt.Sprintf("W-%d", i), fmt.Sprintf("%d.50", 5+i), 20+c.rnd.IntN(20))
	}
	for i := 0; i < 4; i++ {
		_, err := c.nexo.AddProduct(nexopostest.NewProduct{Name: fmt.Sprintf("POS item %d", i), SKU: fmt.Sprintf("P-%d", i), CategoryID: c.cfg.Defaults.CategoryID,
			Units: []nexopostest.NewUnitQuantity{{UnitID: c.ref.PieceUnitID, SalePrice: float64(3 + i), Stock: float64(20 + c.rnd.IntN(20))}}})
		require.NoError(t, err)
	}
	// One product both sides already sell.
	c.addWooProduct("Shared item", "SH-1", "12.00", 15)
	_, err := c.nexo.AddProduct(nexopostest.NewProduct{Name: "Shared item", SKU: "SH-1", CategoryID: c.cfg.Defaults.CategoryID,
		Units: []nexopostest.NewUnitQuantity{{UnitID: c.ref.PieceUnitID, SalePrice: 12, Stock: 18}}})
	require.NoError(t, err)
	for i := 0; i < 3; i++ {
		_, err := c.woo.Store.AddCustomer(wootest.Customer{Email: fmt.Sprintf("web%d@example.com", i), FirstName: "Web", LastName: fmt.Sprintf("Shopper%d", i)})
		require.NoError(t, err)
		_, err = c.nexo.AddCustomer(nexopostest.NewCustomer{FirstName: "Pos", LastName: fmt.Sprintf("Buyer%d", i), Email: fmt.Sprintf("pos%d@example.com", i)})
		require.NoError(t, err)
	}
	rep, err := c.eng.Reconcile(c.ctx, syncer.ReconcileOptions{})
	require.NoError(t, err)
	require.Empty(t, rep.Errors)
	c.drainAll()
	_, err = c.eng.PollNexo(c.ctx)
	require.NoError(t, err)
	c.drainAll()
}

// ---- the history

type convOp struct {
	name   string
	weight int
	fn     func(c *convergence) (string, error)
}

var convOpsTable = []convOp{
	// Engine steps.
	{"process-inbox", 14, func(c *convergence) (string, error) {
		c.woo.Store.Flush()
		n, err := c.eng.ProcessInbox(c.ctx)
		return fmt.Sprintf("applied %d events", n), err
	}},
	{"poll-nexo", 7, func(c *convergence) (string, error) {
		rep, err := c.eng.PollNexo(c.ctx)
		if err == nil && len(rep.Errors) > 0 {
			err = rep.Errors[0]
		}
		if err == nil && *convCatchUp {
			// As Run does after each poll: reconcile the kinds that
			// deliveries carrying no record were about.
			_, err = c.eng.CatchUp(c.ctx)
		}
		what := fmt.Sprintf("orders %d products %d moves %d customers %d, %d errors", rep.Orders, rep.Products, rep.StockMovements, rep.Customers, len(rep.Errors))
		if *convDebug {
			for _, e := range rep.Errors {
				what += "\n\t" + e.Error()
			}
		}
		return what, err
	}},

	// WooCommerce: the storefront and the shop owner.
	{"web-checkout-paid", 9, func(c *convergence) (string, error) { return c.webCheckout(true) }},
	{"web-checkout-unpaid", 5, func(c *convergence) (string, error) { return c.webCheckout(false) }},
	{"web-pay-pending", 3, func(c *convergence) (string, error) { return c.webSetStatus("processing", "pending", "on-hold") }},
	{"web-complete", 2, func(c *convergence) (string, error) { return c.webSetStatus("completed", "processing") }},
	{"web-cancel-pending", 2, func(c *convergence) (string, error) { return c.webSetStatus("cancelled", "pending", "on-hold") }},
	{"web-cancel-paid", 2, func(c *convergence) (string, error) { return c.webSetStatus("cancelled", "processing") }},
	{"web-refund", 2, func(c *convergence) (string, error) { return c.webRefund() }},
	{"web-price", 4, func(c *convergence) (string, error) {
		p, ok := c.pickWoo()
		if !ok {
			return "no product", nil
		}
		price := fmt.Sprintf("%d.%02d", 2+c.rnd.IntN(40), c.rnd.IntN(100))
		_, err := c.woo.Store.UpdateProduct(p.ID, func(p *wootest.Product) { p.RegularPrice = price })
		return fmt.Sprintf("woo #%d %s price %s", p.ID, p.SKU, price), err
	}},
	{"web-rename", 2, func(c *convergence) (string, error) {
		p, ok := c.pickWoo()
		if !ok {
			return "no product", nil
		}
		name := fmt.Sprintf("Web renamed %d", c.next())
		_, err := c.woo.Store.UpdateProduct(p.ID, func(p *wootest.Product) { p.Name = name })
		return fmt.Sprintf("woo #%d %s name %q", p.ID, p.SKU, name), err
	}},
	{"web-stock", 5, func(c *convergence) (string, error) {
		p, ok := c.pickWoo()
		if !ok {
			return "no product", nil
		}
		q := max(0, stockOf(p)+c.rnd.IntN(11)-4)
		return fmt.Sprintf("woo #%d %s stock %d -> %d", p.ID, p.SKU, stockOf(p), q), c.woo.Store.SetStock(p.ID, q)
	}},
	{"web-new-product", 2, func(c *convergence) (string, error) {
		n := c.next()
		sku := fmt.Sprintf("WN-%d", n)
		q := int64(5 + c.rnd.IntN(20))
		var id int64
		err := c.noFaults(func() error {
			p, err := c.wc.Products.Create(c.ctx, woocommerce.ProductRequest{Name: fmt.Sprintf("Web new %d", n), Type: "simple", Status: "publish",
				SKU: &sku, RegularPrice: syncer.DecimalFromInt(int64(4 + c.rnd.IntN(30))), ManageStock: woocommerce.Ptr(true), StockQuantity: &q})
			if p != nil {
				id = p.ID
			}
			return err
		})
		return fmt.Sprintf("woo #%d %s stock %d", id, sku, q), err
	}},
	{"web-trash-product", 1, func(c *convergence) (string, error) {
		p, ok := c.pickWoo()
		if !ok {
			return "no product", nil
		}
		return fmt.Sprintf("woo #%d %s", p.ID, p.SKU), c.woo.Store.TrashProduct(p.ID)
	}},
	{"web-new-customer", 2, func(c *convergence) (string, error) {
		email := fmt.Sprintf("webnew%d@example.com", c.next())
		return email, c.noFaults(func() error {
			_, err := c.wc.Customers.Create(c.ctx, woocommerce.CustomerRequest{Email: email, FirstName: woocommerce.Ptr("New"), LastName: woocommerce.Ptr("Webber")})
			return err
		})
	}},
	{"web-edit-customer", 1, func(c *convergence) (string, error) {
		cu, ok := c.pickWooCustomer()
		if !ok {
			return "no customer", nil
		}
		last := fmt.Sprintf("Webedit%d", c.next())
		_, err := c.woo.Store.UpdateCustomer(cu.ID, func(x *wootest.Customer) { x.LastName = last })
		return fmt.Sprintf("woo customer #%d %s last name %s", cu.ID, cu.Email, last), err
	}},

	// NexoPOS: the counter and the back office.
	{"pos-sale", 9, func(c *convergence) (string, error) { return c.posSale(true) }},
	{"pos-hold", 3, func(c *convergence) (string, error) { return c.posSale(false) }},
	{"pos-pay-held", 2, func(c *convergence) (string, error) {
		o, ok := c.pickNexoOrder(func(o nexopostest.Order) bool { return !fromWeb(o) }, "hold")
		if !ok {
			return "no held order", nil
		}
		// The cashier pays a held sale only when its goods are there:
		// NexoPOS refuses the payment otherwise, and what a refused
		// payment leaves behind (the fake: the payment kept, the lines
		// before the short one deducted) is not verified on a real
		// server; the engine cannot tell from the order which lines
		// took stock. Listed as an open limit in BENCHMARKS.md.
		for _, ln := range o.Products {
			if ln.ProductID != 0 && c.nexo.Stock(ln.ProductID, ln.UnitID) < ln.Quantity {
				return fmt.Sprintf("nexo order #%d: not enough stock to pay", o.ID), nil
			}
		}
		return fmt.Sprintf("nexo order #%d pay %.2f", o.ID, o.Total), c.nexo.PayOrder(o.ID, "cash-payment", o.Total)
	}},
	{"pos-void", 2, func(c *convergence) (string, error) {
		o, ok := c.pickNexoOrder(func(o nexopostest.Order) bool { return !fromWeb(o) }, "paid")
		if !ok {
			return "no paid order", nil
		}
		return fmt.Sprintf("nexo order #%d", o.ID), c.nexo.VoidOrder(o.ID, "customer changed their mind")
	}},
	{"pos-refund", 1, func(c *convergence) (string, error) {
		o, ok := c.pickNexoOrder(func(o nexopostest.Order) bool { return !fromWeb(o) }, "paid")
		if !ok {
			return "no paid order", nil
		}
		in := nexopos.RefundInput{PaymentIdentifier: "cash-payment", Total: decimalOf(o.Total)}
		partial := c.rnd.IntN(2) == 0 && len(o.Products) > 0 && o.Products[0].Quantity >= 2
		for _, p := range o.Products {
			in.Products = append(in.Products, nexopos.RefundLine{OrderProductID: p.ID, Quantity: decimalOf(p.Quantity),
				UnitPrice: decimalOf(p.UnitPrice), Condition: nexopos.ConditionUnspoiled, Description: "returned"})
		}
		if partial {
			// Half of the first line comes back.
			p := o.Products[0]
			q := float64(int(p.Quantity / 2))
			in.Products = []nexopos.RefundLine{{OrderProductID: p.ID, Quantity: decimalOf(q), UnitPrice: decimalOf(p.UnitPrice),
				Condition: nexopos.ConditionUnspoiled, Description: "returned"}}
			in.Total = decimalOf(q * p.UnitPrice)
		}
		return fmt.Sprintf("nexo order #%d partial=%v", o.ID, partial), c.noFaults(func() error {
			_, err := c.nc.Orders.Refund(c.ctx, o.ID, in)
			return err
		})
	}},
	{"pos-price", 3, func(c *convergence) (string, error) {
		p, ok := c.pickNexo()
		if !ok {
			return "no product", nil
		}
		price := float64(2+c.rnd.IntN(40)) + float64(c.rnd.IntN(4))*0.25
		return fmt.Sprintf("nexo #%d %s price %.2f", p.ID, p.SKU, price), c.nexo.SetPrice(p.ID, c.ref.PieceUnitID, price)
	}},
	{"pos-rename", 1, func(c *convergence) (string, error) {
		p, ok := c.pickNexo()
		if !ok {
			return "no product", nil
		}
		name := fmt.Sprintf("POS renamed %d", c.next())
		return fmt.Sprintf("nexo #%d %s name %q", p.ID, p.SKU, name), c.nexo.RenameProduct(p.ID, name)
	}},
	{"pos-adjust", 5, func(c *convergence) (string, error) {
		p, ok := c.pickNexo()
		if !ok {
			return "no product", nil
		}
		have := c.nexo.Stock(p.ID, c.ref.PieceUnitID)
		action, q := "added", float64(1+c.rnd.IntN(8))
		if c.rnd.IntN(2) == 0 && have >= 1 {
			action, q = "removed", float64(1+c.rnd.IntN(int(min(have, 5))))
		}
		_, err := c.nexo.Adjust(p.ID, c.ref.PieceUnitID, action, q)
		return fmt.Sprintf("nexo #%d %s %s %.0f (had %.0f)", p.ID, p.SKU, action, q, have), err
	}},
	{"pos-new-product", 2, func(c *convergence) (string, error) {
		n := c.next()
		sku := fmt.Sprintf("PN-%d", n)
		p, err := c.nexo.AddProduct(nexopostest.NewProduct{Name: fmt.Sprintf("POS new %d", n), SKU: sku, CategoryID: c.cfg.Defaults.CategoryID,
			Units: []nexopostest.NewUnitQuantity{{UnitID: c.ref.PieceUnitID, SalePrice: float64(3 + c.rnd.IntN(30)), Stock: float64(5 + c.rnd.IntN(20))}}})
		return fmt.Sprintf("nexo #%d %s", p.ID, sku), err
	}},
	{"pos-new-customer", 2, func(c *convergence) (string, error) {
		n := c.next()
		email := fmt.Sprintf("posnew%d@example.com", n)
		cu, err := c.nexo.AddCustomer(nexopostest.NewCustomer{FirstName: "New", LastName: fmt.Sprintf("Posser%d", n), Email: email})
		return fmt.Sprintf("nexo customer #%d %s", cu.ID, email), err
	}},
}

func (c *convergence) step() {
	total := 0
	for _, op := range convOpsTable {
		total += op.weight
	}
	r := c.rnd.IntN(total)
	for _, op := range convOpsTable {
		if r -= op.weight; r >= 0 {
			continue
		}
		t0 := time.Now()
		var (
			what string
			err  error
		)
		c.track(op.name, func() {
			what, err = op.fn(c)
			// Webhooks go out before the next operation, so that their
			// order (and the faults' draws) depend on the seed alone.
			c.woo.Store.Flush()
		})
		c.took[op.name] += time.Since(t0)
		switch {
		case err != nil && (op.name == "process-inbox" || op.name == "poll-nexo"):
			c.stepErrors++
			c.logf("%-20s %s: tolerated error: %v", op.name, what, err)
		case err != nil:
			c.logf("%-20s %s: refused: %v", op.name, what, err)
		default:
			c.logf("%-20s %s", op.name, what)
		}
		return
	}
}

func stockOf(p wootest.Product) int {
	if p.StockQuantity == nil {
		return 0
	}
	return *p.StockQuantity
}

func decimalOf(f float64) syncer.Decimal {
	var d syncer.Decimal
	_ = d.UnmarshalText([]byte(strconv.FormatFloat(f, 'f', -1, 64)))
	return d
}

func fromWeb(o nexopostest.Order) bool {
	return o.Note != nil && strings.Contains(*o.Note, "woonexo:woocommerce-order:")
}

// pickWoo returns a published simple product that tracks stock.
func (c *convergence) pickWoo() (wootest.Product, bool) {
	return pickAmong(c.rnd, c.woo.Store.ProductIDs(), c.woo.Store.Product, func(p wootest.Product) bool {
		return p.Status == "publish" && p.Type == "simple" && p.ManageStock
	})
}

// pickAmong returns a random record, each with the same chance, among
// those of ids that get finds and ok accepts. It renders a few random
// records first (cheap in a large store where most qualify) and, when none
// qualifies, every one.
func pickAmong[T any](rnd *rand.Rand, ids []int64, get func(int64) (T, bool), ok func(T) bool) (T, bool) {
	var zero T
	if len(ids) == 0 {
		return zero, false
	}
	for range 32 {
		if r, found := get(ids[rnd.IntN(len(ids))]); found && ok(r) {
			return r, true
		}
	}
	var all []T
	for _, id := range ids {
		if r, found := get(id); found && ok(r) {
			all = append(all, r)
		}
	}
	if len(all) == 0 {
		return zero, false
	}
	return all[rnd.IntN(len(all))], true
}

// pickNexo returns an available product that tracks stock in the piece unit.
func (c *convergence) pickNexo() (nexopostest.Product, bool) {
	return pickAmong(c.rnd, c.nexo.ProductIDs(), c.nexo.Product, func(p nexopostest.Product) bool {
		return p.Status == "available" && p.StockManagement == "enabled" && hasUnit(p, c.ref.PieceUnitID)
	})
}

func hasUnit(p nexopostest.Product, unit int64) bool {
	for _, u := range p.Units {
		if u.UnitID == unit {
			return true
		}
	}
	return false
}

// pickNexoOrder returns an order in one of the payment statuses that ok
// accepts.
func (c *convergence) pickNexoOrder(ok func(nexopostest.Order) bool, statuses ...string) (nexopostest.Order, bool) {
	return pickAmong(c.rnd, c.nexo.OrderIDs(statuses...), c.nexo.Order, ok)
}

// pickWooCustomer returns a registered shopper.
func (c *convergence) pickWooCustomer() (wootest.Customer, bool) {
	return pickAmong(c.rnd, c.woo.Store.CustomerIDs(), c.woo.Store.Customer, func(cu wootest.Customer) bool { return cu.Role == "customer" })
}

func (c *convergence) webCheckout(paid bool) (string, error) {
	co := wootest.Checkout{PaymentMethod: "cod", Paid: paid}
	switch r := c.rnd.IntN(10); {
	case r < 2:
		co.PaymentMethod = "bacs"
		if !paid {
			// Bank transfer leaves an order on hold, its stock taken.
			co.Status = "on-hold"
		}
	case r < 3:
		co.PaymentMethod = "stripe" // no NexoPOS payment type: a recorded skip
	}
	cu, ok := c.pickWooCustomer()
	if ok && c.rnd.IntN(2) == 0 {
		co.CustomerID = cu.ID
		co.Billing = wootest.OrderBilling{FirstName: cu.FirstName, LastName: cu.LastName, Email: cu.Email}
	} else {
		co.Billing = wootest.OrderBilling{FirstName: "Guest", LastName: "Shopper", Email: fmt.Sprintf("guest%d@example.com", c.next())}
	}
	seen := map[int64]bool{}
	var desc []string
	for range 1 + c.rnd.IntN(3) {
		p, ok := c.pickWoo()
		if !ok || seen[p.ID] || stockOf(p) < 1 {
			continue
		}
		seen[p.ID] = true
		q := 1 + c.rnd.IntN(min(stockOf(p), 3))
		co.Items = append(co.Items, wootest.CheckoutItem{ProductID: p.ID, Quantity: q})
		desc = append(desc, fmt.Sprintf("%s x%d", p.SKU, q))
	}
	if len(co.Items) == 0 {
		return "nothing in stock", nil
	}
	o, err := c.woo.Store.PlaceOrder(co)
	return fmt.Sprintf("woo order #%d %s customer %d paid=%v: %s", o.ID, co.PaymentMethod, co.CustomerID, paid, strings.Join(desc, ", ")), err
}

// webSetStatus moves a web order in one of the statuses from to status to.
func (c *convergence) webSetStatus(to string, from ...string) (string, error) {
	o, ok := c.pickWebOrder(from...)
	if !ok {
		return "no " + strings.Join(from, " or ") + " order", nil
	}
	return fmt.Sprintf("woo order #%d %s -> %s", o.ID, o.Status, to), c.woo.Store.SetOrderStatus(o.ID, to)
}

// webRefund refunds a paid web order on WooCommerce: in full, or, with
// -convergence.webpartial and half the time, two units of one of its lines
// (restocked), which leaves the order processing or completed.
func (c *convergence) webRefund() (string, error) {
	o, ok := c.pickWebOrder("processing", "completed")
	if !ok {
		return "no paid order", nil
	}
	if len(o.Refunds) > 0 {
		return fmt.Sprintf("woo order #%d already refunded in part", o.ID), nil
	}
	if li := o.LineItems[0]; *convWebPartial && c.rnd.IntN(2) == 0 && li.Quantity >= 3 {
		unit, _ := strconv.ParseFloat(li.Subtotal, 64)
		amount := woocommerce.MustDecimal(strconv.FormatFloat(2*unit/float64(li.Quantity), 'f', 2, 64))
		err := c.noFaults(func() error {
			_, err := c.wc.Refunds.Create(c.ctx, o.ID, woocommerce.RefundRequest{Amount: amount, Reason: "two returned",
				LineItems: []woocommerce.RefundLineRequest{{ID: li.ID, Quantity: woocommerce.MustDecimal("2"), RefundTotal: amount}},
				APIRefund: woocommerce.Ptr(false), APIRestock: woocommerce.Ptr(true)})
			return err
		})
		return fmt.Sprintf("woo order #%d partial refund %s (2 of line %d)", o.ID, amount, li.ID), err
	}
	_, err := c.woo.Store.RefundOrder(o.ID, o.Total, "returned")
	return fmt.Sprintf("woo order #%d refund %s", o.ID, o.Total), err
}

// pickWebOrder returns a shopper's order (not one woonexo made from a POS
// sale) in one of statuses.
func (c *convergence) pickWebOrder(statuses ...string) (wootest.Order, bool) {
	return pickAmong(c.rnd, c.woo.Store.OrderIDs(statuses...), c.woo.Store.Order, func(o wootest.Order) bool {
		return wooMeta(o, syncer.MetaNexoOrderID) == ""
	})
}

// wooRefundedOf is the money o's refunds gave back (their totals are
// negative).
func wooRefundedOf(o wootest.Order) float64 {
	var sum float64
	for _, r := range o.Refunds {
		v, _ := strconv.ParseFloat(r.Total, 64)
		sum -= v
	}
	return sum
}

// nexoRefundedOf is the money o's refunds gave back, shipping included.
func nexoRefundedOf(o nexopostest.Order) float64 {
	var sum float64
	for _, r := range o.Refunds {
		sum += r.Total + r.Shipping
	}
	return sum
}

func wooMeta(o wootest.Order, key string) string {
	for _, m := range o.MetaData {
		if m.Key == key {
			return fmt.Sprint(m.Value)
		}
	}
	return ""
}

func (c *convergence) posSale(paid bool) (string, error) {
	customer := c.walkIn
	if c.rnd.IntN(2) == 0 {
		cu, ok := pickAmong(c.rnd, c.nexo.CustomerIDs(), c.nexo.Customer, func(cu nexopostest.Customer) bool {
			return cu.ID != c.walkIn && strings.HasSuffix(cu.Email, "@example.com")
		})
		if ok {
			customer = cu.ID
		}
	}
	seen := map[int64]bool{}
	var lines []nexopostest.OrderLine
	var desc []string
	for range 1 + c.rnd.IntN(3) {
		p, ok := c.pickNexo()
		have := c.nexo.Stock(p.ID, c.ref.PieceUnitID)
		if !ok || seen[p.ID] || have < 1 {
			continue
		}
		seen[p.ID] = true
		q := float64(1 + c.rnd.IntN(int(min(have, 3))))
		lines = append(lines, nexopostest.OrderLine{ProductID: p.ID, UnitID: c.ref.PieceUnitID, Quantity: q})
		desc = append(desc, fmt.Sprintf("%s x%.0f", p.SKU, q))
	}
	if c.rnd.IntN(6) == 0 {
		lines = append(lines, nexopostest.OrderLine{Name: "Gift wrap", UnitID: c.ref.PieceUnitID, Quantity: 1, UnitPrice: 2.5})
		desc = append(desc, "quick gift wrap")
	}
	if len(lines) == 0 {
		return "nothing in stock", nil
	}
	var (
		o   nexopostest.Order
		err error
	)
	if paid {
		o, err = c.nexo.Sell(customer, lines...)
	} else {
		o, err = c.nexo.AddOrder(nexopostest.NewOrder{CustomerID: customer, Lines: lines, Hold: true})
	}
	return fmt.Sprintf("nexo order #%d customer %d paid=%v: %s", o.ID, customer, paid, strings.Join(desc, ", ")), err
}

// ---- the end state

func (c *convergence) assertConverged() {
	t := c.t
	t.Helper()

	// Products: by SKU, published on WooCommerce = available on NexoPOS.
	woo := map[string]wootest.Product{}
	for _, p := range c.woo.Store.Products() {
		if p.Status == "trash" {
			continue
		}
		if prev, dup := woo[p.SKU]; dup {
			t.Errorf("WooCommerce has SKU %q twice: #%d and #%d", p.SKU, prev.ID, p.ID)
		}
		woo[p.SKU] = p
	}
	nexo := map[string]nexopostest.Product{}
	for _, p := range c.nexo.Products() {
		if prev, dup := nexo[p.SKU]; dup {
			t.Errorf("NexoPOS has SKU %q twice: #%d and #%d", p.SKU, prev.ID, p.ID)
		}
		if p.Status == "available" {
			nexo[p.SKU] = p
		}
	}
	for sku, w := range woo {
		n, ok := nexo[sku]
		if !ok {
			t.Errorf("product %s (woo #%d %q) is not an available NexoPOS product", sku, w.ID, w.Name)
			continue
		}
		if w.Name != n.Name {
			t.Errorf("product %s: name %q on WooCommerce, %q on NexoPOS", sku, w.Name, n.Name)
		}
		if wp, np := w.RegularPrice, unitPrice(n, c.ref.PieceUnitID); decimalOfString(wp) != np {
			t.Errorf("product %s: price %s on WooCommerce, %v on NexoPOS", sku, wp, np)
		}
		if ws, ns := stockOf(w), c.nexo.Stock(n.ID, c.ref.PieceUnitID); float64(ws) != ns {
			t.Errorf("product %s (woo #%d, nexo #%d): stock %d on WooCommerce, %v on NexoPOS", sku, w.ID, n.ID, ws, ns)
			if c.ledger != nil {
				t.Logf("stock moves of %s:\n%s", sku, c.ledgerOf(w.ID, n.ID))
			}
		}
	}
	for sku, n := range nexo {
		if _, ok := woo[sku]; !ok {
			t.Errorf("product %s (nexo #%d %q) is not on WooCommerce", sku, n.ID, n.Name)
		}
	}

	// Customers: by email.
	wooC := map[string]wootest.Customer{}
	for _, cu := range c.woo.Store.Customers() {
		e := strings.ToLower(cu.Email)
		if _, dup := wooC[e]; dup {
			t.Errorf("WooCommerce has customer %s twice", e)
		}
		wooC[e] = cu
	}
	nexoC := map[string]nexopostest.Customer{}
	for _, cu := range c.nexo.Customers() {
		if cu.ID == c.walkIn {
			continue
		}
		e := strings.ToLower(cu.Email)
		if _, dup := nexoC[e]; dup {
			t.Errorf("NexoPOS has customer %s twice", e)
		}
		nexoC[e] = cu
	}
	for e, w := range wooC {
		n, ok := nexoC[e]
		if !ok {
			if w.Role == "customer" {
				t.Errorf("customer %s (woo #%d) is not on NexoPOS", e, w.ID)
			}
			continue
		}
		if nl := deref(n.LastName); w.FirstName != n.FirstName || w.LastName != nl {
			t.Errorf("customer %s: %q %q on WooCommerce, %q %q on NexoPOS", e, w.FirstName, w.LastName, n.FirstName, nl)
		}
	}
	for e, n := range nexoC {
		if _, ok := wooC[e]; !ok {
			t.Errorf("customer %s (nexo #%d) is not on WooCommerce", e, n.ID)
		}
	}

	// Orders.
	skips := map[string]string{}
	for s, err := range c.store.ListSkips(c.ctx, "") {
		require.NoError(t, err)
		if strings.TrimSpace(s.Reason) == "" {
			t.Errorf("skip of %s %s #%d has no reason", s.Side, s.Kind, s.ID)
		}
		skips[fmt.Sprintf("%s:%s:%d", s.Kind, s.Side, s.ID)] = s.Reason
	}
	skipOf := func(side mapping.Side, id int64) (string, bool) {
		r, ok := skips[fmt.Sprintf("%s:%s:%d", mapping.KindOrder, side, id)]
		return r, ok
	}
	nexoByWoo := map[int64][]nexopostest.Order{}
	nexoOrders := map[int64]nexopostest.Order{}
	for _, o := range c.nexo.Orders() {
		nexoOrders[o.ID] = o
		if m := convNote.FindStringSubmatch(deref(o.Note)); m != nil {
			id, _ := strconv.ParseInt(m[1], 10, 64)
			nexoByWoo[id] = append(nexoByWoo[id], o)
		}
	}
	wooByNexo := map[int64][]wootest.Order{}
	for _, o := range c.woo.Store.Orders() {
		if ref := wooMeta(o, syncer.MetaNexoOrderID); ref != "" {
			id, _ := strconv.ParseInt(ref, 10, 64)
			wooByNexo[id] = append(wooByNexo[id], o)
		}
	}
	for _, o := range c.woo.Store.Orders() {
		if wooMeta(o, syncer.MetaNexoOrderID) != "" {
			continue // a POS sale, checked from its side
		}
		copies := nexoByWoo[o.ID]
		if len(copies) > 1 {
			t.Errorf("web order #%d exists %d times in NexoPOS", o.ID, len(copies))
			continue
		}
		reason, skipped := skipOf(mapping.SideWoo, o.ID)
		state := syncer.WooOrderState(o.Status)
		if o.PaymentMethod == "stripe" && (state == syncer.OrderPaid || state == syncer.OrderPending) {
			if len(copies) != 0 {
				t.Errorf("web order #%d paid with an unmapped method reached NexoPOS", o.ID)
			}
			if state == syncer.OrderPaid && (!skipped || !strings.Contains(reason, "stripe")) {
				t.Errorf("web order #%d (%s, unmapped payment) has no recorded skip (got %q)", o.ID, o.Status, reason)
			}
			continue
		}
		want := map[syncer.OrderState][]string{
			syncer.OrderPaid:      {"paid"},
			syncer.OrderPending:   {"hold"},
			syncer.OrderCancelled: {"order_void", ""},
			// A refund and a void both give the money back; a web order
			// refunded while its paid state was still being carried can
			// end voided (its stock is checked above either way).
			syncer.OrderRefunded: {"refunded", "partially_refunded", "order_void", ""},
		}[state]
		got := ""
		if len(copies) == 1 {
			got = copies[0].PaymentStatus
		}
		if state == syncer.OrderPaid && len(o.Refunds) > 0 {
			// Refunded in part on WooCommerce, which keeps it paid.
			want = []string{"partially_refunded"}
		}
		if !slices.Contains(want, got) && !skipped {
			t.Errorf("web order #%d is %s; its NexoPOS copy is %q (want one of %q), and no skip says why", o.ID, o.Status, got, want)
		}
		if state == syncer.OrderPaid && len(o.Refunds) > 0 && len(copies) == 1 && !skipped {
			wooRefunded, nexoRefunded := wooRefundedOf(o), nexoRefundedOf(copies[0])
			if math.Abs(nexoRefunded-wooRefunded) > 0.005 {
				t.Errorf("web order #%d: %.2f refunded on WooCommerce, %.2f on its NexoPOS copy #%d", o.ID, wooRefunded, nexoRefunded, copies[0].ID)
			}
		}
	}
	for _, o := range nexoOrders {
		if fromWeb(o) {
			continue
		}
		copies := wooByNexo[o.ID]
		if len(copies) > 1 {
			t.Errorf("POS order #%d exists %d times in WooCommerce", o.ID, len(copies))
			continue
		}
		got := ""
		if len(copies) == 1 {
			got = copies[0].Status
		}
		want := map[string][]string{
			"paid":               {"completed"},
			"partially_paid":     {"completed"},
			"hold":               {""},
			"unpaid":             {""},
			"order_void":         {"cancelled", ""},
			"refunded":           {"refunded", ""},
			"partially_refunded": {"completed", ""},
		}[o.PaymentStatus]
		_, skipped := skipOf(mapping.SideNexo, o.ID)
		if !slices.Contains(want, got) && !skipped {
			t.Errorf("POS order #%d is %s; its WooCommerce copy is %q (want one of %q), and no skip says why", o.ID, o.PaymentStatus, got, want)
		}
		if len(copies) == 1 && !skipped {
			// The money refunded at the counter is refunded on WooCommerce,
			// no more and no less.
			nexoRefunded, wooRefunded := nexoRefundedOf(o), wooRefundedOf(copies[0])
			if math.Abs(nexoRefunded-wooRefunded) > 0.005 {
				t.Errorf("POS order #%d: %.2f refunded at the counter, %.2f on its WooCommerce copy #%d", o.ID, nexoRefunded, wooRefunded, copies[0].ID)
			}
		}
	}
}

var convNote = regexp.MustCompile(`woonexo:woocommerce-order:(\d+)`)

func decimalOfString(s string) float64 {
	f, _ := strconv.ParseFloat(s, 64)
	return f
}

func deref(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}

// ---- reductions of failing seeds to deterministic tests

// Seed 18: a paid web order with an unmapped payment moves NexoPOS stock by
// adjustment; when it is cancelled WooCommerce restocks it, and NexoPOS must
// get the stock back too.
func TestE2ECancelledUnmappedWebOrderGivesStockBack(t *testing.T) {
	h := newHarness(t)
	mug, l := h.syncedMug(10)
	o, err := h.woo.Store.PlaceOrder(wootest.Checkout{PaymentMethod: "stripe", Paid: true,
		Items: []wootest.CheckoutItem{{ProductID: mug.ID, Quantity: 3}}})
	require.NoError(t, err)
	h.drain()
	require.Equal(t, float64(7), h.nexoStock(l.NexoID))

	require.NoError(t, h.woo.Store.SetOrderStatus(o.ID, "cancelled"))
	h.drain()
	h.poll()
	h.drain()
	require.Equal(t, int64(10), h.wooStock(mug.ID))
	require.Equal(t, float64(10), h.nexoStock(l.NexoID), "the adjustment is given back")
	// Once: the order's later events change nothing.
	require.NoError(t, h.eng.SyncRecord(h.ctx, syncer.Ref{Kind: mapping.KindOrder, Side: syncer.Woo, ID: o.ID}, 0))
	h.reconcile()
	require.Equal(t, float64(10), h.nexoStock(l.NexoID))
	require.Equal(t, int64(10), h.wooStock(mug.ID))
}

// Seed 11: a POS sale's WooCommerce order is created but the answer is
// lost. The order is linked later by the reference it carries; the stock
// baselines its create would have moved must move then, or the sale is
// deducted twice on WooCommerce (once by the order, once as a delta).
func TestE2ETimedOutWooOrderCreateDeductsOnce(t *testing.T) {
	h := newHarness(t)
	mug, l := h.syncedMug(10)

	_, err := h.nexo.Sell(h.walkIn, nexopostest.OrderLine{ProductID: l.NexoID, UnitID: h.ref.PieceUnitID, Quantity: 2})
	require.NoError(t, err)
	h.woo.Store.SetFaults("POST /wc/v3/orders", wootest.Faults{TimeoutAfterWrite: 1, Hang: time.Millisecond})
	rep, err := h.eng.PollNexo(h.ctx)
	require.NoError(t, err)
	require.NotEmpty(t, rep.Errors, "the order create lost its answer")
	h.woo.Store.ClearFaults()
	require.Len(t, h.woo.Store.Orders(), 1, "the order was made")

	h.drain() // its order.created names the POS order: linked
	h.poll()
	h.drain()
	h.reconcile()
	h.drain()
	assert.Equal(t, int64(8), h.wooStock(mug.ID), "one deduction on WooCommerce")
	assert.Equal(t, float64(8), h.nexoStock(l.NexoID))
	assert.Len(t, h.woo.Store.Orders(), 1)
}

// The other way: a web order's NexoPOS copy is made but the answer is lost.
func TestE2ETimedOutNexoOrderCreateDeductsOnce(t *testing.T) {
	h := newHarness(t)
	mug, l := h.syncedMug(10)

	h.nexo.SetFaults(nexopostest.Fault{Method: "POST", Path: "/api/orders", Timeouts: 1, Hang: time.Millisecond})
	_, err := h.woo.Store.PlaceOrder(wootest.Checkout{PaymentMethod: "cod", Paid: true, Items: []wootest.CheckoutItem{{ProductID: mug.ID, Quantity: 3}}})
	require.NoError(t, err)
	h.woo.Store.Flush()
	_, err = h.eng.ProcessInbox(h.ctx) // the creates lose their answers; retries are not due yet
	require.NoError(t, err)
	h.nexo.SetFaults()
	require.NotEmpty(t, h.nexo.Orders(), "the order was made")
	h.poll() // finds the order, which names the web order: linked
	h.drain()
	h.reconcile()
	h.drain()
	h.poll()
	assert.Len(t, h.nexo.Orders(), 1)
	assert.Equal(t, int64(7), h.wooStock(mug.ID), "one deduction on WooCommerce")
	assert.Equal(t, float64(7), h.nexoStock(l.NexoID))
}

// A POS order whose WooCommerce create keeps failing: each retry looks for
// the order of the earlier attempts among the orders changed since the
// previous attempt, not since the first (the list would grow at every try).
func TestE2ERetriedOrderCreateSearchesFromTheLastAttempt(t *testing.T) {
	var mu sync.Mutex
	now := testclock.Start(t, testclock.Recorded)
	clock := func() time.Time { mu.Lock(); defer mu.Unlock(); return now }
	h := newHarnessWith(t, harnessSetup{woo: []wootest.Option{wootest.WithSyncWebhooks()}, engine: []syncer.Option{syncer.WithClock(clock)}})
	_, l := h.syncedMug(10)
	o, err := h.nexo.Sell(h.walkIn, nexopostest.OrderLine{ProductID: l.NexoID, UnitID: h.ref.PieceUnitID, Quantity: 1})
	require.NoError(t, err)
	ref := syncer.Ref{Kind: mapping.KindOrder, Side: syncer.Nexo, ID: o.ID}
	intent := func() string {
		c, err := h.store.GetCursor(h.ctx, fmt.Sprintf("create-intent:%s:%s:%d", mapping.KindOrder, syncer.Nexo, o.ID))
		require.NoError(t, err)
		return c.Value
	}
	minuteBefore := func(t time.Time) string { return t.Add(-time.Minute).Format(time.RFC3339) }

	h.woo.Store.SetFaults("POST /wc/v3/orders", wootest.Faults{Rate5xx: 1})
	first := clock()
	require.Error(t, h.eng.SyncRecord(h.ctx, ref, 0))
	assert.Equal(t, minuteBefore(first), intent())

	mu.Lock()
	now = now.Add(2 * time.Hour)
	mu.Unlock()
	require.Error(t, h.eng.SyncRecord(h.ctx, ref, 0))
	assert.Equal(t, minuteBefore(clock()), intent(), "the retry found nothing: the next one looks from here")

	h.woo.Store.ClearFaults()
	require.NoError(t, h.eng.SyncRecord(h.ctx, ref, 0))
	assert.Len(t, h.woo.Store.Orders(), 1)
	link, err := h.store.ByNexo(h.ctx, mapping.KindOrder, o.ID)
	require.NoError(t, err)
	assert.NotZero(t, link.WooID)
}
