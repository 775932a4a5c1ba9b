package syncer_test

import (
	"context"
	"log/slog"
	"net/http/httptest"
	"testing"

	"github.com/stretchr/testify/require"
	"github.com/woonexo/woonexo/internal/testclock"
	"github.com/woonexo/woonexo/mapping"
	"github.com/woonexo/woonexo/nexopos"
	"github.com/woonexo/woonexo/nexopos/nexopostest"
	"github.com/woonexo/woonexo/syncer"
	"github.com/woonexo/woonexo/woocommerce"
	"github.com/woonexo/woonexo/woocommerce/wootest"
)

const hookSecret = "e2e-webhook-secret"

// harness runs the engine between a fake WooCommerce and a fake NexoPOS,
// with WooCommerce's webhooks delivered to the engine's handler.
type harness struct {
	t      *testing.T
	ctx    context.Context
	woo    *wootest.Server
	nexo   *nexopostest.Server
	ref    nexopostest.Reference
	walkIn int64
	store  mapping.Store
	wc     *woocommerce.Client
	nc     *nexopos.Client
	eng    *syncer.Engine
	cfg    syncer.Config
	// clock is every part's clock: both fakes, both clients, the store
	// and the engine (unless the setup gives the engine its own).
	clock *testclock.Clock
	// version is the NexoPOS version the fake plays and the client speaks.
	version nexopos.Version
}

type harnessOpt func(*syncer.Config)

// harnessSetup says how a harness differs from the default one:
// synchronous webhooks, unseeded fakes, debug logs to the test log.
type harnessSetup struct {
	woo    []wootest.Option
	nexo   []nexopostest.Option
	engine []syncer.Option
	logger *slog.Logger
	cfg    []harnessOpt
	// version is the NexoPOS version (default 5.x).
	version nexopos.Version
}

func newHarness(t *testing.T, opts ...harnessOpt) *harness {
	t.Helper()
	return newHarnessWith(t, harnessSetup{woo: []wootest.Option{wootest.WithSyncWebhooks()}, cfg: opts})
}

// newHarnessOn is newHarness against NexoPOS version v.
func newHarnessOn(t *testing.T, v nexopos.Version, opts ...harnessOpt) *harness {
	t.Helper()
	return newHarnessWith(t, harnessSetup{woo: []wootest.Option{wootest.WithSyncWebhooks()}, cfg: opts, version: v})
}

func newHarnessWith(t *testing.T, setup harnessSetup) *harness {
	t.Helper()
	ctx := context.Background()
	h := &harness{t: t, ctx: ctx, clock: testclock.New(t), version: setup.version}
	if h.version == 0 {
		h.version = nexopos.V5
	}
	h.woo = wootest.NewServer(append([]wootest.Option{wootest.WithClock(h.clock.Now), wootest.WithTimezone(testclock.Zone(t))}, setup.woo...)...)
	t.Cleanup(h.woo.Close)
	h.nexo = nexopostest.NewServer(append([]nexopostest.Option{nexopostest.WithThrottle(0), nexopostest.WithClock(h.clock.Now),
		nexopostest.WithVersion(nexopostest.Version(h.version))}, setup.nexo...)...)
	t.Cleanup(h.nexo.Close)
	h.ref = h.nexo.SeedReference()
	walkIn, err := h.nexo.AddCustomer(nexopostest.NewCustomer{FirstName: "Walk-in", LastName: "Customer", Email: "walkin@pos.test"})
	require.NoError(t, err)
	h.walkIn = walkIn.ID
	cat, err := h.nexo.AddCategory(nexopostest.NewCategory{Name: "Uncategorized"})
	require.NoError(t, err)

	store, err := mapping.NewMemory(mapping.WithClock(h.clock.Now))
	require.NoError(t, err)
	t.Cleanup(func() { _ = store.Close() })
	h.store = store
	h.wc, err = woocommerce.NewClient(h.woo.URL, woocommerce.WithCredentials(h.woo.ConsumerKey, h.woo.ConsumerSecret), woocommerce.WithRetries(0), woocommerce.WithClock(h.clock.Now))
	require.NoError(t, err)
	h.nc, err = nexopos.NewClient(h.nexo.URL, nexopos.WithToken(h.nexo.Token), nexopos.WithVersion(h.version), nexopos.WithRetries(0))
	require.NoError(t, err)

	h.cfg = syncer.DefaultConfig(syncer.Defaults{CategoryID: cat.ID, UnitGroupID: h.ref.UnitGroupID, UnitID: h.ref.PieceUnitID,
		CustomerGroupID: h.ref.CustomerGroupID, WalkInCustomerID: h.walkIn})
	h.cfg.PaymentMap = map[string]string{"bacs": "bank-payment", "cod": "cash-payment"}
	h.cfg.ShippingMethodID, h.cfg.ShippingMethodTitle = "local_pickup", "Picked up at the shop"
	for _, o := range setup.cfg {
		o(&h.cfg)
	}
	logger := setup.logger
	if logger == nil {
		logger = slog.New(slog.NewTextHandler(testWriter{t}, &slog.HandlerOptions{Level: slog.LevelDebug}))
	}
	h.eng, err = syncer.New(h.wc, h.nc, store, h.cfg, append([]syncer.Option{syncer.WithLogger(logger), syncer.WithClock(h.clock.Now)}, setup.engine...)...)
	require.NoError(t, err)

	hook, err := h.eng.WebhookHandler(hookSecret)
	require.NoError(t, err)
	hs := httptest.NewServer(hook)
	t.Cleanup(hs.Close)
	require.NoError(t, h.eng.EnsureWebhooks(ctx, hs.URL, hookSecret))
	return h
}

// drain applies every queued webhook event.
func (h *harness) drain() int {
	h.t.Helper()
	h.woo.Store.Flush()
	n, err := h.eng.ProcessInbox(h.ctx)
	require.NoError(h.t, err)
	return n
}

func (h *harness) poll() syncer.PollReport {
	h.t.Helper()
	rep, err := h.eng.PollNexo(h.ctx)
	require.NoError(h.t, err)
	for _, e := range rep.Errors {
		h.t.Errorf("poll: %v", e)
	}
	return rep
}

func (h *harness) reconcile() *syncer.Report {
	h.t.Helper()
	rep, err := h.eng.Reconcile(h.ctx, syncer.ReconcileOptions{})
	require.NoError(h.t, err)
	for _, e := range rep.Errors {
		h.t.Errorf("reconcile: %v", e)
	}
	return rep
}

func (h *harness) link(kind mapping.Kind, wooID int64) mapping.Link {
	h.t.Helper()
	l, err := h.store.ByWoo(h.ctx, kind, wooID)
	require.NoError(h.t, err, "%s woo #%d is not linked", kind, wooID)
	return l
}

// nexoStock is the NexoPOS stock of a product in the mirrored unit.
func (h *harness) nexoStock(nexoID int64) float64 { return h.nexo.Stock(nexoID, h.ref.PieceUnitID) }

func (h *harness) wooStock(id int64) int64 {
	h.t.Helper()
	p, ok := h.woo.Store.Product(id)
	require.True(h.t, ok)
	require.NotNil(h.t, p.StockQuantity)
	return int64(*p.StockQuantity)
}

func (h *harness) addWooProduct(name, sku, price string, stock int) wootest.Product {
	h.t.Helper()
	p, err := h.woo.Store.AddProduct(wootest.Product{Name: name, SKU: sku, RegularPrice: price, Type: "simple", Status: "publish",
		ManageStock: true, StockQuantity: wootest.Int(stock)})
	require.NoError(h.t, err)
	return p
}

// webProduct creates a product through WooCommerce's API, as a shop
// manager does: its product.created webhook is delivered.
func (h *harness) webProduct(name, sku, price string, stock int64) *woocommerce.Product {
	h.t.Helper()
	p, err := h.wc.Products.Create(h.ctx, woocommerce.ProductRequest{Name: name, Type: "simple", Status: "publish", SKU: &sku,
		RegularPrice: woocommerce.MustDecimal(price), ManageStock: woocommerce.Ptr(true), StockQuantity: &stock})
	require.NoError(h.t, err)
	return p
}

func unitPrice(p nexopostest.Product, unitID int64) float64 {
	for _, u := range p.Units {
		if u.UnitID == unitID {
			return u.SalePriceEdit
		}
	}
	return -1
}

// testWriter sends log lines to the test log, shown when a test fails.
type testWriter struct{ t *testing.T }

func (w testWriter) Write(p []byte) (int, error) {
	w.t.Helper()
	w.t.Log(string(p))
	return len(p), nil
}

// syncedMug adds a "Blue mug" with stock to the store, reconciles, and
// returns the product and its link.
func (h *harness) syncedMug(stock int) (wootest.Product, mapping.Link) {
	h.t.Helper()
	mug := h.addWooProduct("Blue mug", "MUG-BLUE", "9.50", stock)
	h.reconcile()
	return mug, h.link(mapping.KindProduct, mug.ID)
}
