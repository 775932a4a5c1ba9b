package syncer_test

// Deterministic reductions of failures the convergence test found
// (convergence_test.go), one test per engine bug.

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/woonexo/woonexo/mapping"
	"github.com/woonexo/woonexo/nexopos"
	"github.com/woonexo/woonexo/nexopos/nexopostest"
	"github.com/woonexo/woonexo/syncer"
	"github.com/woonexo/woonexo/woocommerce/webhook"
	"github.com/woonexo/woonexo/woocommerce/wootest"
)

// engineLosing returns a second engine on the harness's store whose NexoPOS
// client loses the answer of the requests lose picks (n counts the requests
// lose was asked about that matched the same method and path, from 1): the
// write is made, the engine sees an error.
func (h *harness) engineLosing(lose func(r *http.Request, n int) bool) *syncer.Engine {
	h.t.Helper()
	return h.engineWith(&losingTransport{lose: lose, seen: map[string]int{}})
}

// engineRefusing is engineLosing with the picked requests failing before
// they are sent: no write is made.
func (h *harness) engineRefusing(refuse func(r *http.Request, n int) bool) *syncer.Engine {
	return h.engineWith(&losingTransport{lose: refuse, seen: map[string]int{}, before: true})
}

func (h *harness) engineWith(rt http.RoundTripper) *syncer.Engine {
	h.t.Helper()
	nc, err := nexopos.NewClient(h.nexo.URL, nexopos.WithToken(h.nexo.Token), nexopos.WithVersion(h.version), nexopos.WithRetries(0),
		nexopos.WithHTTPClient(&http.Client{Transport: rt}))
	require.NoError(h.t, err)
	eng, err := syncer.New(h.wc, nc, h.store, h.cfg, syncer.WithWorkerName("lossy"), syncer.WithClock(h.clock.Now))
	require.NoError(h.t, err)
	return eng
}

type losingTransport struct {
	mu     sync.Mutex
	lose   func(r *http.Request, n int) bool
	seen   map[string]int
	before bool // fail before the request is sent (no write)
}

func (t *losingTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	t.mu.Lock()
	k := r.Method + " " + r.URL.Path
	t.seen[k]++
	drop := t.lose(r, t.seen[k])
	t.mu.Unlock()
	if drop && t.before {
		return nil, errors.New("connection refused")
	}
	resp, err := http.DefaultTransport.RoundTrip(r)
	if err != nil || !drop {
		return resp, err
	}
	_ = resp.Body.Close()
	return nil, errors.New("answer lost")
}

// A reconcile that finds the stock changed on both sides since the last
// sync (the WooCommerce webhook was lost, the poll has not run) moves each
// side by the other's delta. Both baselines must end at what the sides then
// hold, whichever move is written first, or the next reconcile moves the
// stock again.
func TestE2EReconcileMergesStockChangedOnBothSides(t *testing.T) {
	h := newHarness(t)
	mug, l := h.syncedMug(10)

	h.woo.Store.SetWebhookFaults(wootest.WebhookFaults{Drop: 1})
	require.NoError(t, h.woo.Store.SetStock(mug.ID, 15)) // +5 on the web
	h.woo.Store.SetWebhookFaults(wootest.WebhookFaults{})
	_, err := h.nexo.Adjust(l.NexoID, h.ref.PieceUnitID, "removed", 2) // -2 at the counter
	require.NoError(t, err)

	h.reconcile()
	assert.Equal(t, int64(13), h.wooStock(mug.ID))
	assert.Equal(t, float64(13), h.nexoStock(l.NexoID))

	rep := h.reconcile()
	assert.Zero(t, rep.Applied[mapping.KindProduct], "in step: the second reconcile moves nothing")
	h.poll()
	h.drain()
	assert.Equal(t, int64(13), h.wooStock(mug.ID))
	assert.Equal(t, float64(13), h.nexoStock(l.NexoID))
}

// Seed 18: the counter sold what the web shop also sold, so NexoPOS refuses
// the paid web order and the engine creates it on hold with a recorded skip;
// that held create loses its answer. The retry finds the held order by its
// note and links it: the skip must stay, or the held copy of a paid order is
// left without a word.
func TestE2EOversoldWebOrderFoundAfterLostAnswerKeepsItsSkip(t *testing.T) {
	h := newHarness(t)
	mug, l := h.syncedMug(2)
	_, err := h.nexo.Sell(h.walkIn, nexopostest.OrderLine{ProductID: l.NexoID, UnitID: h.ref.PieceUnitID, Quantity: 2})
	require.NoError(t, err)

	h.woo.Store.SetWebhookFaults(wootest.WebhookFaults{Drop: 1})
	o, err := h.woo.Store.PlaceOrder(wootest.Checkout{PaymentMethod: "cod", Paid: true,
		Items: []wootest.CheckoutItem{{ProductID: mug.ID, Quantity: 2}}})
	require.NoError(t, err)
	h.woo.Store.SetWebhookFaults(wootest.WebhookFaults{})
	// The paid create is refused (500, no write); the held one is made and
	// its answer lost.
	lossy := h.engineLosing(func(r *http.Request, n int) bool { return r.Method == "POST" && r.URL.Path == "/api/orders" && n == 2 })
	require.Error(t, lossy.SyncRecord(h.ctx, syncer.Ref{Kind: mapping.KindOrder, Side: syncer.Woo, ID: o.ID}, 0))
	require.Len(t, h.nexo.Orders(), 2, "the counter sale and the held web order")

	require.NoError(t, h.eng.SyncRecord(h.ctx, syncer.Ref{Kind: mapping.KindOrder, Side: syncer.Woo, ID: o.ID}, 0))
	ol := h.link(mapping.KindOrder, o.ID)
	no, ok := h.nexo.Order(ol.NexoID)
	require.True(t, ok)
	assert.Equal(t, "hold", no.PaymentStatus)
	var reasons []string
	for s, err := range h.store.ListSkips(h.ctx, mapping.KindOrder) {
		require.NoError(t, err)
		if s.Side == syncer.Woo && s.ID == o.ID {
			reasons = append(reasons, s.Reason)
		}
	}
	assert.Len(t, reasons, 1, "the held copy of a paid order keeps its recorded skip")
	h.poll()
	h.drain()
	h.reconcile()
	assert.Len(t, h.nexo.Orders(), 2)
	assert.Equal(t, float64(h.wooStock(mug.ID)), h.nexoStock(l.NexoID))
}

// Seed 18 again: a product.updated payload is a snapshot, and modification
// times have one-second resolution. A payload queued before a write of ours
// in the same second is not stale by its time, but its stock is older than
// the baseline that write recorded: applied, it makes a delta that never
// happened (here -5, which NexoPOS cannot take from 0 and sets to 0), and the
// payload after it moves the stock back (+5): NexoPOS ends 5 units over.
func TestE2EOlderProductPayloadOfTheSameSecondMovesNoStock(t *testing.T) {
	h := newHarness(t)
	mug, l := h.syncedMug(3)

	// A web sale of all 3; its events wait in the inbox.
	_, err := h.woo.Store.PlaceOrder(wootest.Checkout{PaymentMethod: "cod", Paid: true,
		Items: []wootest.CheckoutItem{{ProductID: mug.ID, Quantity: 3}}})
	require.NoError(t, err)
	// The counter receives 5; the poll carries them to WooCommerce.
	_, err = h.nexo.Adjust(l.NexoID, h.ref.PieceUnitID, "added", 5)
	require.NoError(t, err)
	h.poll()
	require.Equal(t, int64(5), h.wooStock(mug.ID))
	// The counter sells them before the inbox is applied.
	_, err = h.nexo.Sell(h.walkIn, nexopostest.OrderLine{ProductID: l.NexoID, UnitID: h.ref.PieceUnitID, Quantity: 5})
	require.NoError(t, err)

	h.drain()
	h.poll()
	h.drain()
	assert.Equal(t, int64(0), h.wooStock(mug.ID))
	assert.Equal(t, float64(0), h.nexoStock(l.NexoID))
	h.reconcile()
	assert.Equal(t, int64(0), h.wooStock(mug.ID))
	assert.Equal(t, float64(0), h.nexoStock(l.NexoID))
}

// Seed 9: a held web order is cancelled; the delete of its NexoPOS copy is
// made but its answer lost. The retry finds the order gone and must finish
// the job (forget the link), not fail for ever, and a reconcile must not
// plan the cancel again and again.
func TestE2ECancelledHeldOrderWhoseDeleteLostItsAnswer(t *testing.T) {
	h := newHarness(t)
	mug := h.addWooProduct("Blue mug", "MUG-BLUE", "9.50", 10)
	h.reconcile()
	h.woo.Store.SetWebhookFaults(wootest.WebhookFaults{Drop: 1})
	o, err := h.woo.Store.PlaceOrder(wootest.Checkout{PaymentMethod: "cod", Paid: false,
		Items: []wootest.CheckoutItem{{ProductID: mug.ID, Quantity: 2}}})
	require.NoError(t, err)
	require.NoError(t, h.eng.SyncRecord(h.ctx, syncer.Ref{Kind: mapping.KindOrder, Side: syncer.Woo, ID: o.ID}, 0))
	require.Len(t, h.nexo.Orders(), 1)
	require.NoError(t, h.woo.Store.SetOrderStatus(o.ID, "cancelled"))
	h.woo.Store.SetWebhookFaults(wootest.WebhookFaults{})

	lossy := h.engineLosing(func(r *http.Request, _ int) bool { return r.Method == "DELETE" })
	require.Error(t, lossy.SyncRecord(h.ctx, syncer.Ref{Kind: mapping.KindOrder, Side: syncer.Woo, ID: o.ID}, 0))
	require.Empty(t, h.nexo.Orders(), "the held copy was deleted")

	require.NoError(t, h.eng.SyncRecord(h.ctx, syncer.Ref{Kind: mapping.KindOrder, Side: syncer.Woo, ID: o.ID}, 0))
	_, err = h.store.ByWoo(h.ctx, mapping.KindOrder, o.ID)
	assert.ErrorIs(t, err, mapping.ErrNotFound, "the link of the deleted copy is forgotten")
	rep := h.reconcile()
	assert.Zero(t, rep.Applied[mapping.KindOrder], "nothing left to do")
	assert.Empty(t, h.nexo.Orders())
}

// Seed 18 (WN-12): a product new on WooCommerce sells on the web before it
// reaches NexoPOS (its webhook was lost); the order needs it, so the engine
// creates it there first, with a copy of the WooCommerce count the sale
// already lowered, and then the order takes the sale again on NexoPOS. The
// initial stock must add back what such orders, not carried yet, took.
func TestE2EProductNewToThePOSIsNotDeductedTwiceForAnEarlierWebSale(t *testing.T) {
	h := newHarness(t)
	h.reconcile()
	h.woo.Store.SetWebhookFaults(wootest.WebhookFaults{Drop: 1})
	mug := h.addWooProduct("Blue mug", "MUG-BLUE", "9.50", 9)
	o, err := h.woo.Store.PlaceOrder(wootest.Checkout{PaymentMethod: "cod", Paid: true,
		Items: []wootest.CheckoutItem{{ProductID: mug.ID, Quantity: 1}}})
	require.NoError(t, err)
	h.woo.Store.SetWebhookFaults(wootest.WebhookFaults{})

	require.NoError(t, h.eng.SyncRecord(h.ctx, syncer.Ref{Kind: mapping.KindOrder, Side: syncer.Woo, ID: o.ID}, 0))
	l := h.link(mapping.KindProduct, mug.ID)
	assert.Equal(t, int64(8), h.wooStock(mug.ID))
	assert.Equal(t, float64(8), h.nexoStock(l.NexoID), "one deduction on NexoPOS")
	h.poll()
	h.drain()
	h.reconcile()
	assert.Equal(t, int64(8), h.wooStock(mug.ID))
	assert.Equal(t, float64(8), h.nexoStock(l.NexoID))
}

// Seed 2 (WN-4): the counter sells 2 of 3 while the shop owner sets the web
// count from 3 to 0. Together they take 5 of 3: WooCommerce can go below
// zero, NexoPOS cannot, so NexoPOS is set to 0 and the skip recorded. The
// part NexoPOS could not take must come back to WooCommerce, or the two
// counts stay apart for good.
func TestE2EStockNexoPOSCannotTakeBringsWooCommerceToTheSameCount(t *testing.T) {
	h := newHarness(t)
	mug, l := h.syncedMug(3)
	_, err := h.nexo.Sell(h.walkIn, nexopostest.OrderLine{ProductID: l.NexoID, UnitID: h.ref.PieceUnitID, Quantity: 2})
	require.NoError(t, err)
	require.NoError(t, h.woo.Store.SetStock(mug.ID, 0))
	h.drain()
	require.Equal(t, float64(0), h.nexoStock(l.NexoID))
	var reasons []string
	for s, err := range h.store.ListSkips(h.ctx, mapping.KindProduct) {
		require.NoError(t, err)
		reasons = append(reasons, s.Reason)
	}
	assert.Len(t, reasons, 1, "the oversell is recorded (until the product syncs again)")
	h.poll()
	h.drain()
	h.poll()
	h.drain()
	assert.Equal(t, h.nexoStock(l.NexoID), float64(h.wooStock(mug.ID)), "one count on both sides")
	assert.Equal(t, float64(0), h.nexoStock(l.NexoID))
	rep := h.reconcile()
	assert.Zero(t, rep.Applied[mapping.KindProduct])
}

// Seed 19 (WN-21 and others): a paid web order that NexoPOS refuses (the
// counter sold the same units) is kept on hold, and the NexoPOS baseline
// still moves by what the order would have taken, so that the units come
// back to WooCommerce as NexoPOS's own change. That change must travel now:
// a held order makes no stock movement for a poll to see, so when the
// order is carried by a reconcile (after its product step) the two counts
// stayed apart until the next reconcile.
func TestE2EOversoldWebOrderCarriedByAReconcileLeavesTheCountsInStep(t *testing.T) {
	h := newHarness(t)
	mug, l := h.syncedMug(2)

	h.woo.Store.SetWebhookFaults(wootest.WebhookFaults{Drop: 1})
	_, err := h.woo.Store.PlaceOrder(wootest.Checkout{PaymentMethod: "cod", Paid: true,
		Items: []wootest.CheckoutItem{{ProductID: mug.ID, Quantity: 2}}})
	require.NoError(t, err)
	h.woo.Store.SetWebhookFaults(wootest.WebhookFaults{})
	_, err = h.nexo.Sell(h.walkIn, nexopostest.OrderLine{ProductID: l.NexoID, UnitID: h.ref.PieceUnitID, Quantity: 2})
	require.NoError(t, err)
	h.poll()
	h.drain()
	// Past the poll's boundary window: the next poll reads only what
	// changes from now on.
	time.Sleep(2100 * time.Millisecond)

	h.reconcile() // carries the web order: refused paid, kept on hold
	h.drain()
	h.poll()
	h.drain()
	assert.Equal(t, float64(h.wooStock(mug.ID)), h.nexoStock(l.NexoID), "one count on both sides")
	rep := h.reconcile()
	assert.Zero(t, rep.Applied[mapping.KindProduct], "in step: the second reconcile moves nothing")
	assert.Equal(t, float64(h.wooStock(mug.ID)), h.nexoStock(l.NexoID))
}

// Seed 13: a paid web order kept on hold in NexoPOS (refused paid: the
// counter sold the same units) is refunded on WooCommerce. There is no
// payment to refund in NexoPOS; the engine did nothing and said nothing, and
// the skip of the oversell had been cleared when the refund synced.
func TestE2ERefundOfAWebOrderKeptOnHoldIsRecorded(t *testing.T) {
	h := newHarness(t)
	mug, l := h.syncedMug(2)
	_, err := h.nexo.Sell(h.walkIn, nexopostest.OrderLine{ProductID: l.NexoID, UnitID: h.ref.PieceUnitID, Quantity: 2})
	require.NoError(t, err)
	o, err := h.woo.Store.PlaceOrder(wootest.Checkout{PaymentMethod: "cod", Paid: true,
		Items: []wootest.CheckoutItem{{ProductID: mug.ID, Quantity: 2}}})
	require.NoError(t, err)
	h.drain()
	_, err = h.woo.Store.RefundOrder(o.ID, "19.00", "returned")
	require.NoError(t, err)
	h.drain()

	ol := h.link(mapping.KindOrder, o.ID)
	no, ok := h.nexo.Order(ol.NexoID)
	require.True(t, ok)
	require.Equal(t, "hold", no.PaymentStatus)
	var reasons []string
	for s, err := range h.store.ListSkips(h.ctx, mapping.KindOrder) {
		require.NoError(t, err)
		if s.Side == syncer.Woo && s.ID == o.ID {
			reasons = append(reasons, s.Reason)
		}
	}
	require.Len(t, reasons, 1, "the held copy of a refunded order is recorded")
	assert.Contains(t, reasons[0], "nothing to refund")
}

// Seeds 1, 2 and 13: a product trashed on WooCommerce whose product.deleted
// webhook was lost stayed available on NexoPOS for good: a reconcile lists
// only the products not in the trash, so it never saw the trash, and it
// kept syncing the NexoPOS side to the trashed product.
func TestE2EReconcileCarriesATrashWhoseWebhookWasLost(t *testing.T) {
	h := newHarness(t, func(c *syncer.Config) {
		c.OnDelete = map[mapping.Kind]syncer.DeletePolicy{mapping.KindProduct: syncer.DeleteTrash}
	})
	mug, l := h.syncedMug(4)
	h.woo.Store.SetWebhookFaults(wootest.WebhookFaults{Drop: 1})
	require.NoError(t, h.woo.Store.TrashProduct(mug.ID))
	h.woo.Store.SetWebhookFaults(wootest.WebhookFaults{})

	h.reconcile()
	np, ok := h.nexo.Product(l.NexoID)
	require.True(t, ok)
	assert.Equal(t, "unavailable", np.Status, "the trash reaches NexoPOS")
	rep := h.reconcile()
	assert.Zero(t, rep.Applied[mapping.KindProduct])
}

// Seeds 5, 10, 14, 19 (the second reconcile moving stock from NexoPOS): a
// counter sale that no poll carried is carried by a reconcile twice over:
// its product step carries the sold units as a NexoPOS stock change, then
// its order step makes the WooCommerce order, which takes them again and
// moves the NexoPOS baseline so that the units come back as NexoPOS's own
// change. A poll carries that change because it syncs the products after
// the orders; the reconcile did not, so the counts stayed apart until the
// next reconcile.
func TestE2EReconcileOfAnUnpolledCounterSaleDeductsOnce(t *testing.T) {
	h := newHarness(t)
	mug, l := h.syncedMug(10)
	_, err := h.nexo.Sell(h.walkIn, nexopostest.OrderLine{ProductID: l.NexoID, UnitID: h.ref.PieceUnitID, Quantity: 2})
	require.NoError(t, err)

	h.reconcile()
	assert.Equal(t, int64(8), h.wooStock(mug.ID), "one deduction on WooCommerce")
	assert.Equal(t, float64(8), h.nexoStock(l.NexoID))
	h.drain() // the webhooks of the reconcile's writes
	rep := h.reconcile()
	assert.Zero(t, rep.Applied[mapping.KindProduct], "in step: the second reconcile moves nothing; plans:\n%v", rep.Plans)
	assert.Equal(t, int64(8), h.wooStock(mug.ID))
}

// Seed 13 (WN-40): a product new on WooCommerce is created on NexoPOS but
// the request that sets its initial stock fails. Before the WooCommerce
// side retries, a poll finds the NexoPOS product unlinked and syncs it the
// other way: creating it on WooCommerce finds it there by SKU and links
// the two with NexoPOS at 0 (for want of the set) and WooCommerce at its
// count, each as its baseline: apart for good. WooCommerce's count must win.
func TestE2EInterruptedInitialStockFoundFromThePOSSideIsFinished(t *testing.T) {
	h := newHarness(t)
	h.reconcile()
	h.poll()
	h.woo.Store.SetWebhookFaults(wootest.WebhookFaults{Drop: 1})
	mug := h.addWooProduct("Blue mug", "MUG-BLUE", "9.50", 12)
	h.woo.Store.SetWebhookFaults(wootest.WebhookFaults{})
	cut := h.engineRefusing(func(r *http.Request, _ int) bool { return r.URL.Path == "/api/products/adjustments" })
	require.Error(t, cut.SyncRecord(h.ctx, syncer.Ref{Kind: mapping.KindProduct, Side: syncer.Woo, ID: mug.ID}, 0))
	np, err := h.nc.Products.GetBySKU(h.ctx, "MUG-BLUE")
	require.NoError(t, err, "the product was made on NexoPOS")
	require.Equal(t, float64(0), h.nexoStock(np.ID))

	h.poll() // finds the new NexoPOS product and links it from that side
	h.drain()
	h.reconcile()
	h.drain()
	h.poll()
	assert.Equal(t, int64(12), h.wooStock(mug.ID))
	assert.Equal(t, float64(12), h.nexoStock(np.ID))
}

// Seed 10: a held web order is paid on the web after the counter sold the
// same units; NexoPOS refuses the payment ("this action will cause negative
// stock"). Like a refused paid create, it is recorded for a person, not
// retried for ever (nor failed again by every reconcile), and the counts
// end the same on both sides.
func TestE2ERefusedPaymentOfAHeldWebOrderIsRecorded(t *testing.T) {
	h := newHarness(t)
	mug, l := h.syncedMug(2)
	o, err := h.woo.Store.PlaceOrder(wootest.Checkout{PaymentMethod: "cod", Paid: false,
		Items: []wootest.CheckoutItem{{ProductID: mug.ID, Quantity: 2}}})
	require.NoError(t, err)
	h.drain()
	_, err = h.nexo.Sell(h.walkIn, nexopostest.OrderLine{ProductID: l.NexoID, UnitID: h.ref.PieceUnitID, Quantity: 2})
	require.NoError(t, err)
	require.NoError(t, h.woo.Store.SetOrderStatus(o.ID, "processing"))
	h.drain()

	n := 0
	for ev, err := range h.eng.Stuck(h.ctx, 1) {
		require.NoError(t, err)
		n++
		t.Log(ev.ID, ev.LastError)
	}
	assert.Zero(t, n, "nothing left failing in the inbox")
	var reasons []string
	for s, err := range h.store.ListSkips(h.ctx, mapping.KindOrder) {
		require.NoError(t, err)
		if s.Side == syncer.Woo && s.ID == o.ID {
			reasons = append(reasons, s.Reason)
		}
	}
	assert.Len(t, reasons, 1, "the refused payment is recorded")
	h.poll()
	h.drain()
	rep := h.reconcile()
	assert.Empty(t, rep.Errors)
	h.drain()
	h.poll()
	assert.Equal(t, float64(h.wooStock(mug.ID)), h.nexoStock(l.NexoID), "one count on both sides")
}

// Seed 13 (WN-9): a product new on WooCommerce is made on NexoPOS with its
// stock, but the read that would link it fails. The counter sells one
// before the WooCommerce side retries; a poll finds the NexoPOS product
// unlinked, and creating it on WooCommerce finds it there by SKU. It was
// linked with each side's own count as its baseline, so the counts stayed
// one apart for good; it must be linked as a reconcile links a pair found
// by SKU (the POS count wins).
func TestE2EProductFoundOnWooCommerceBySKUIsLinkedAsAReconcileDoes(t *testing.T) {
	h := newHarness(t)
	h.reconcile()
	h.poll()
	h.woo.Store.SetWebhookFaults(wootest.WebhookFaults{Drop: 1})
	mug := h.addWooProduct("Blue mug", "MUG-BLUE", "9.50", 10)
	h.woo.Store.SetWebhookFaults(wootest.WebhookFaults{})
	productRead := regexp.MustCompile(`^/api/products/\d+$`)
	cut := h.engineRefusing(func(r *http.Request, _ int) bool { return r.Method == "GET" && productRead.MatchString(r.URL.Path) })
	require.Error(t, cut.SyncRecord(h.ctx, syncer.Ref{Kind: mapping.KindProduct, Side: syncer.Woo, ID: mug.ID}, 0))
	np, err := h.nc.Products.GetBySKU(h.ctx, "MUG-BLUE")
	require.NoError(t, err)
	require.Equal(t, float64(10), h.nexoStock(np.ID), "made with its stock, not linked")
	_, err = h.nexo.Sell(h.walkIn, nexopostest.OrderLine{ProductID: np.ID, UnitID: h.ref.PieceUnitID, Quantity: 1})
	require.NoError(t, err)

	h.poll()
	h.drain()
	h.poll()
	h.drain()
	assert.Equal(t, int64(9), h.wooStock(mug.ID))
	assert.Equal(t, float64(9), h.nexoStock(np.ID))
	h.reconcile()
	h.drain()
	assert.Equal(t, int64(9), h.wooStock(mug.ID))
	assert.Equal(t, float64(9), h.nexoStock(np.ID))
}

// A POS sale whose WooCommerce order fails to be written must not travel
// as a stock change meanwhile: the poll holds the stock cursor back at the
// sale's movement, and the next poll writes the order, which takes the
// stock once.
func TestE2EFailedPOSOrderHoldsItsStockMovement(t *testing.T) {
	h := newHarness(t)
	mug, l := h.syncedMug(10)

	_, err := h.nexo.Sell(h.walkIn, nexopostest.OrderLine{ProductID: l.NexoID, UnitID: h.ref.PieceUnitID, Quantity: 2})
	require.NoError(t, err)
	_, err = h.nexo.Adjust(l.NexoID, h.ref.PieceUnitID, "added", 5) // a later movement of the same product
	require.NoError(t, err)
	h.woo.Store.SetFaults("POST /wc/v3/orders", wootest.Faults{Rate5xx: 1})
	rep, err := h.eng.PollNexo(h.ctx)
	require.NoError(t, err)
	require.NotEmpty(t, rep.Errors, "the order write failed")
	assert.Equal(t, int64(10), h.wooStock(mug.ID), "nothing travels while the sale's order is not written")

	h.woo.Store.ClearFaults()
	h.poll()
	h.drain()
	require.Len(t, h.woo.Store.Orders(), 1)
	assert.Equal(t, int64(13), h.wooStock(mug.ID), "the sale once (as its order) and the adjustment")
	assert.Equal(t, float64(13), h.nexoStock(l.NexoID))
	h.reconcile()
	assert.Equal(t, int64(13), h.wooStock(mug.ID))
}

// A paid web order whose webhooks were lost and which is refunded (without
// restocking) before the engine ever sees it still took WooCommerce stock:
// NexoPOS loses the same units, once, and the reason is recorded.
func TestE2ERefundedBeforeSyncedWebOrderMovesItsStock(t *testing.T) {
	h := newHarness(t)
	mug, l := h.syncedMug(10)

	h.woo.Store.SetWebhookFaults(wootest.WebhookFaults{Drop: 1})
	o, err := h.woo.Store.PlaceOrder(wootest.Checkout{PaymentMethod: "cod", Paid: true,
		Items: []wootest.CheckoutItem{{ProductID: mug.ID, Quantity: 3}}})
	require.NoError(t, err)
	_, err = h.woo.Store.RefundOrder(o.ID, o.Total, "returned")
	require.NoError(t, err)
	h.woo.Store.Flush()
	h.woo.Store.SetWebhookFaults(wootest.WebhookFaults{})
	require.Equal(t, int64(7), h.wooStock(mug.ID), "a refund without restock keeps the stock taken")

	h.reconcile()
	h.drain()
	assert.Equal(t, float64(7), h.nexoStock(l.NexoID))
	h.reconcile()
	require.NoError(t, h.eng.SyncRecord(h.ctx, syncer.Ref{Kind: mapping.KindOrder, Side: syncer.Woo, ID: o.ID}, 0))
	h.poll()
	assert.Equal(t, float64(7), h.nexoStock(l.NexoID), "once")
	assert.Equal(t, int64(7), h.wooStock(mug.ID))
	var reasons []string
	for s, err := range h.store.ListSkips(h.ctx, mapping.KindOrder) {
		require.NoError(t, err)
		reasons = append(reasons, s.Reason)
	}
	assert.Contains(t, strings.Join(reasons, "\n"), "refunded before it was ever synced")
}

// Seed 16 (WN-108): a product new to NexoPOS is made there with room for an
// earlier web sale (see the test above), but the answer after its initial
// stock is lost. The retry finds it by SKU; its baseline must be the count
// that attempt set, not WooCommerce's (which the sale already lowered), or
// the order's deduction comes back to WooCommerce as a POS change.
func TestE2ELostAnswerAfterInitialStockKeepsTheSetCount(t *testing.T) {
	h := newHarness(t)
	h.reconcile()
	h.woo.Store.SetWebhookFaults(wootest.WebhookFaults{Drop: 1})
	mug := h.addWooProduct("Blue mug", "MUG-BLUE", "9.50", 5)
	o, err := h.woo.Store.PlaceOrder(wootest.Checkout{PaymentMethod: "cod", Paid: true,
		Items: []wootest.CheckoutItem{{ProductID: mug.ID, Quantity: 3}}})
	require.NoError(t, err)
	h.woo.Store.SetWebhookFaults(wootest.WebhookFaults{})

	lossy := h.engineFailingReadsAfterStockSet()
	require.Error(t, lossy.SyncRecord(h.ctx, syncer.Ref{Kind: mapping.KindOrder, Side: syncer.Woo, ID: o.ID}, 0))
	np, err := h.nc.Products.GetBySKU(h.ctx, "MUG-BLUE")
	require.NoError(t, err)
	require.Equal(t, float64(5), h.nexoStock(np.ID), "made with room for the web sale")

	require.NoError(t, h.eng.SyncRecord(h.ctx, syncer.Ref{Kind: mapping.KindOrder, Side: syncer.Woo, ID: o.ID}, 0))
	h.poll()
	h.drain()
	h.reconcile()
	h.poll()
	assert.Equal(t, int64(2), h.wooStock(mug.ID))
	assert.Equal(t, float64(2), h.nexoStock(np.ID))
}

// Seed 1 (WN-70): a web order held in NexoPOS is paid on the web, but that
// webhook is lost; then it is refunded without restocking. The engine sees
// it go from pending to refunded: the held order goes, and the stock the
// sale took on WooCommerce is taken on NexoPOS too, once.
func TestE2EHeldWebOrderPaidAndRefundedUnseenMovesItsStock(t *testing.T) {
	h := newHarness(t)
	mug, l := h.syncedMug(10)
	o, err := h.woo.Store.PlaceOrder(wootest.Checkout{PaymentMethod: "cod", Paid: false,
		Items: []wootest.CheckoutItem{{ProductID: mug.ID, Quantity: 3}}})
	require.NoError(t, err)
	h.drain()
	require.Len(t, h.nexo.Orders(), 1, "held in NexoPOS")

	h.woo.Store.SetWebhookFaults(wootest.WebhookFaults{Drop: 1})
	require.NoError(t, h.woo.Store.SetOrderStatus(o.ID, "processing"))
	h.woo.Store.Flush()
	h.woo.Store.SetWebhookFaults(wootest.WebhookFaults{})
	_, err = h.woo.Store.RefundOrder(o.ID, "28.50", "returned")
	require.NoError(t, err)
	h.drain()
	h.poll()
	h.drain()
	h.reconcile()
	h.poll()
	assert.Equal(t, int64(7), h.wooStock(mug.ID))
	assert.Equal(t, float64(7), h.nexoStock(l.NexoID))
	for _, no := range h.nexo.Orders() {
		assert.NotEqual(t, "hold", no.PaymentStatus, "the held order is gone")
	}
	rep := h.reconcile()
	assert.Zero(t, rep.Applied[mapping.KindOrder]+rep.Applied[mapping.KindProduct])
	assert.Equal(t, float64(7), h.nexoStock(l.NexoID), "once")
}

// Seed 18 (WN-209): a product new on WooCommerce is made on NexoPOS from its
// product.created event, but the answer is lost; its price changes before
// the retry, which comes from the product.updated event and finds the
// product by SKU. The NexoPOS product must get the new price: the link it
// makes says both sides are in step.
func TestE2ERetriedProductCreateCarriesTheNewerContent(t *testing.T) {
	h := newHarness(t)
	h.reconcile()
	h.woo.Store.SetWebhookFaults(wootest.WebhookFaults{Drop: 1})
	mug := h.addWooProduct("Blue mug", "MUG-BLUE", "9.50", 8)
	h.woo.Store.SetWebhookFaults(wootest.WebhookFaults{})

	lossy := h.engineLosing(func(r *http.Request, _ int) bool { return r.Method == "GET" && strings.Contains(r.URL.Path, "/units") })
	require.Error(t, lossy.SyncRecord(h.ctx, syncer.Ref{Kind: mapping.KindProduct, Side: syncer.Woo, ID: mug.ID}, 0))
	np, err := h.nc.Products.GetBySKU(h.ctx, "MUG-BLUE")
	require.NoError(t, err, "made on NexoPOS")

	_, err = h.woo.Store.UpdateProduct(mug.ID, func(p *wootest.Product) { p.RegularPrice = "13.87"; p.Name = "Blue mug XL" })
	require.NoError(t, err)
	h.drain()
	h.reconcile()
	got, err := h.nc.Products.Get(h.ctx, np.ID)
	require.NoError(t, err)
	assert.Equal(t, "Blue mug XL", got.Name)
	units, err := h.nc.Products.Units(h.ctx, np.ID)
	require.NoError(t, err)
	require.NotEmpty(t, units)
	assert.Equal(t, "13.87", units[0].SalePrice.String())
}

// Seed 12 (WN-90): as above, a create whose answer is lost after the
// initial stock is set; WooCommerce's stock changes before the retry. The
// retry links with the baselines the first attempt copied, so the change
// travels.
func TestE2ELostAnswerAfterInitialStockCarriesALaterChange(t *testing.T) {
	h := newHarness(t)
	h.reconcile()
	h.woo.Store.SetWebhookFaults(wootest.WebhookFaults{Drop: 1})
	mug := h.addWooProduct("Blue mug", "MUG-BLUE", "9.50", 7)
	h.woo.Store.SetWebhookFaults(wootest.WebhookFaults{})

	lossy := h.engineFailingReadsAfterStockSet()
	require.Error(t, lossy.SyncRecord(h.ctx, syncer.Ref{Kind: mapping.KindProduct, Side: syncer.Woo, ID: mug.ID}, 0))
	np, err := h.nc.Products.GetBySKU(h.ctx, "MUG-BLUE")
	require.NoError(t, err)
	require.Equal(t, float64(7), h.nexoStock(np.ID))

	require.NoError(t, h.woo.Store.SetStock(mug.ID, 8))
	h.drain()
	h.reconcile()
	h.poll()
	assert.Equal(t, int64(8), h.wooStock(mug.ID))
	assert.Equal(t, float64(8), h.nexoStock(np.ID))
}

// Seed 9 (WN-213): a product new on WooCommerce is made on NexoPOS with its
// initial stock, but the answer is lost; a web order sells 3 before the
// retry, and a poll finds the NexoPOS product first and links it from that
// side. The link must use the baselines the create copied: linking both
// at WooCommerce's (lowered) count would send the order's 3 units back to
// WooCommerce as a POS change.
func TestE2ELostAnswerAfterInitialStockLinkedFromThePOSSide(t *testing.T) {
	h := newHarness(t)
	h.reconcile()
	h.poll()
	h.woo.Store.SetWebhookFaults(wootest.WebhookFaults{Drop: 1})
	mug := h.addWooProduct("Blue mug", "MUG-BLUE", "9.50", 8)
	lossy := h.engineFailingReadsAfterStockSet()
	require.Error(t, lossy.SyncRecord(h.ctx, syncer.Ref{Kind: mapping.KindProduct, Side: syncer.Woo, ID: mug.ID}, 0))
	np, err := h.nc.Products.GetBySKU(h.ctx, "MUG-BLUE")
	require.NoError(t, err)
	_, err = h.woo.Store.PlaceOrder(wootest.Checkout{PaymentMethod: "cod", Paid: true,
		Items: []wootest.CheckoutItem{{ProductID: mug.ID, Quantity: 3}}})
	require.NoError(t, err)
	h.woo.Store.Flush()
	h.woo.Store.SetWebhookFaults(wootest.WebhookFaults{})

	h.poll() // finds the NexoPOS product and links it from that side
	h.reconcile()
	h.drain()
	h.poll()
	assert.Equal(t, int64(5), h.wooStock(mug.ID))
	assert.Equal(t, float64(5), h.nexoStock(np.ID))
	rep := h.reconcile()
	assert.Zero(t, rep.Applied[mapping.KindProduct])
}

// Seed 4 (WN-19): a product new on WooCommerce reaches NexoPOS from an older
// copy (a product.updated sent between two web orders, applied after
// both). Its initial NexoPOS count is worked out from WooCommerce's count
// now, or the later order would be counted twice.
func TestE2EProductCreatedFromAnOlderCopyCountsEachEarlierSaleOnce(t *testing.T) {
	h := newHarness(t)
	h.reconcile()
	h.woo.Store.SetWebhookFaults(wootest.WebhookFaults{Drop: 1})
	mug := h.addWooProduct("Blue mug", "MUG-BLUE", "9.50", 11)
	_, err := h.woo.Store.PlaceOrder(wootest.Checkout{PaymentMethod: "cod", Paid: true,
		Items: []wootest.CheckoutItem{{ProductID: mug.ID, Quantity: 3}}})
	require.NoError(t, err)
	between, ok := h.woo.Store.Product(mug.ID)
	require.True(t, ok)
	_, err = h.woo.Store.PlaceOrder(wootest.Checkout{PaymentMethod: "cod", Paid: true,
		Items: []wootest.CheckoutItem{{ProductID: mug.ID, Quantity: 3}}})
	require.NoError(t, err)
	h.woo.Store.Flush()
	h.woo.Store.SetWebhookFaults(wootest.WebhookFaults{})

	body, err := json.Marshal(between)
	require.NoError(t, err)
	ev, err := webhook.Parse(webhook.NewTestRequest("product.updated", body, hookSecret))
	require.NoError(t, err)
	require.NoError(t, h.eng.Enqueue(h.ctx, ev))
	h.drain()
	h.reconcile()
	h.drain()
	h.poll()
	l := h.link(mapping.KindProduct, mug.ID)
	assert.Equal(t, int64(5), h.wooStock(mug.ID))
	assert.Equal(t, float64(5), h.nexoStock(l.NexoID))
	rep := h.reconcile()
	assert.Zero(t, rep.Applied[mapping.KindProduct])
}

// Seed 19 (PN-106): a reconcile finds a product trashed on WooCommerce
// (its webhook lost) and unpublishes it on NexoPOS; a second reconcile must
// leave the pair alone (it moved the counter's stock change to the trashed
// product, so the test's "the second reconcile applies nothing" failed).
func TestE2EReconcileLeavesATrashedPairAlone(t *testing.T) {
	h := newHarnessWith(t, harnessSetup{cfg: []harnessOpt{func(c *syncer.Config) {
		c.OnDelete = map[mapping.Kind]syncer.DeletePolicy{mapping.KindProduct: syncer.DeleteTrash}
	}}})
	mug, l := h.syncedMug(10)
	h.woo.Store.SetWebhookFaults(wootest.WebhookFaults{Drop: 1})
	require.NoError(t, h.woo.Store.TrashProduct(mug.ID))
	h.woo.Store.Flush()
	h.woo.Store.SetWebhookFaults(wootest.WebhookFaults{})
	_, err := h.nexo.Adjust(l.NexoID, h.ref.PieceUnitID, "added", 5)
	require.NoError(t, err)
	h.reconcile() // finds the trash, and unpublishes the NexoPOS product
	rep := h.reconcile()
	assert.Zero(t, rep.Applied[mapping.KindProduct], "plans:\n%v", rep.Plans)
}

// A poll holds its stock cursor at the movement of a POS order that failed
// to sync. A product moved both before that movement (by the counter) and
// after it (by a web order the engine wrote, whose baseline move is already
// made) must not travel with the older count: its stock waits for the next
// poll, which reads all its movements. (Found while reducing seed 6, whose
// PN-22 ended a unit apart; that seed's cause is not shown to be this.)
func TestE2EHeldBackPollDoesNotSyncAnOlderCount(t *testing.T) {
	h := newHarness(t)
	cup := h.addWooProduct("Red cup", "CUP-RED", "4.00", 10)
	mug, l := h.syncedMug(10)
	h.poll()
	cl := h.link(mapping.KindProduct, cup.ID)

	_, err := h.nexo.Adjust(l.NexoID, h.ref.PieceUnitID, "added", 2) // the counter: 12
	require.NoError(t, err)
	_, err = h.nexo.Sell(h.walkIn, nexopostest.OrderLine{ProductID: cl.NexoID, UnitID: h.ref.PieceUnitID, Quantity: 1})
	require.NoError(t, err)
	_, err = h.woo.Store.PlaceOrder(wootest.Checkout{PaymentMethod: "cod", Paid: true,
		Items: []wootest.CheckoutItem{{ProductID: mug.ID, Quantity: 1}}})
	require.NoError(t, err)
	h.drain() // the web order reaches NexoPOS: 11

	h.woo.Store.SetFaults("POST /wc/v3/orders", wootest.Faults{Rate5xx: 1})
	rep, err := h.eng.PollNexo(h.ctx)
	require.NoError(t, err)
	require.NotEmpty(t, rep.Errors)
	assert.Equal(t, int64(9), h.wooStock(mug.ID), "held: no count older than its last movement travels")
	h.woo.Store.ClearFaults()
	h.poll()
	h.drain()
	assert.Equal(t, int64(11), h.wooStock(mug.ID))
	assert.Equal(t, float64(11), h.nexoStock(l.NexoID))
	assert.Equal(t, int64(9), h.wooStock(cup.ID))
	rep2 := h.reconcile()
	assert.Zero(t, rep2.Applied[mapping.KindProduct])
}

// Seed 6 (PN-22): a product new at the counter is made on WooCommerce but
// the answer is lost, so no link is kept; a web order sells one before the
// retry, which finds the WooCommerce product by SKU. Linking both at
// WooCommerce's count (already lowered by the order, which NexoPOS has not
// taken yet) made the order's unit come back to WooCommerce as a POS
// change once the order reached NexoPOS.
func TestE2EPairFoundBySKUCountsUncarriedWebOrders(t *testing.T) {
	h := newHarness(t)
	h.reconcile()
	h.poll()
	np := h.bowlCopiedToWooWithLostAnswer(7, 19)
	bowl := h.wooProductBySKU("BOWL-GREEN")
	require.NotZero(t, bowl.ID, "made on WooCommerce")

	h.woo.Store.SetWebhookFaults(wootest.WebhookFaults{Drop: 1})
	_, err := h.woo.Store.PlaceOrder(wootest.Checkout{PaymentMethod: "cod", Paid: true,
		Items: []wootest.CheckoutItem{{ProductID: bowl.ID, Quantity: 1}}})
	require.NoError(t, err)
	h.woo.Store.Flush()
	h.woo.Store.SetWebhookFaults(wootest.WebhookFaults{})

	require.NoError(t, h.eng.SyncRecord(h.ctx, syncer.Ref{Kind: mapping.KindProduct, Side: syncer.Nexo, ID: np.ID}, 0))
	h.reconcile() // carries the order
	h.drain()
	h.poll()
	h.drain()
	assert.Equal(t, int64(18), h.wooStock(bowl.ID))
	assert.Equal(t, float64(18), h.nexoStock(np.ID))
	rep := h.reconcile()
	assert.Zero(t, rep.Applied[mapping.KindProduct])
}

// Seed 13 (PN-191): a product new at the counter is made on WooCommerce but
// the answer is lost; its price changes at the counter; then WooCommerce's
// product.created comes in, and its create on NexoPOS finds the POS product
// by SKU. The link must not call the two in step: the POS product's newer
// price travels to WooCommerce.
func TestE2EPairFoundBySKUWithOtherContentIsNotInStep(t *testing.T) {
	h := newHarness(t)
	h.reconcile()
	h.poll()
	np := h.bowlCopiedToWooWithLostAnswer(15, 10)
	require.NoError(t, h.nexo.SetPrice(np.ID, h.ref.PieceUnitID, 25))

	h.drain() // product.created from WooCommerce: linked from that side
	h.poll()
	h.reconcile()
	bowl := h.wooProductBySKU("BOWL-GREEN")
	require.NotZero(t, bowl.ID)
	assert.Equal(t, 25.0, decimalOfString(bowl.RegularPrice), "the POS price")
	rep := h.reconcile()
	assert.Zero(t, rep.Applied[mapping.KindProduct])
}

// Seed 2 (WN-67): as TestE2EInterruptedInitialStockFoundFromThePOSSideIsFinished,
// with a web order (not carried yet) between the interrupted create and the
// poll that links the pair: the count the link finishes setting must leave
// room for that order, which takes it on NexoPOS when it is carried.
func TestE2EInterruptedInitialStockFinishedFromThePOSSideCountsUncarriedOrders(t *testing.T) {
	h := newHarness(t)
	h.reconcile()
	h.poll()
	h.woo.Store.SetWebhookFaults(wootest.WebhookFaults{Drop: 1})
	mug := h.addWooProduct("Blue mug", "MUG-BLUE", "9.50", 12)
	cut := h.engineRefusing(func(r *http.Request, _ int) bool { return r.URL.Path == "/api/products/adjustments" })
	require.Error(t, cut.SyncRecord(h.ctx, syncer.Ref{Kind: mapping.KindProduct, Side: syncer.Woo, ID: mug.ID}, 0))
	np, err := h.nc.Products.GetBySKU(h.ctx, "MUG-BLUE")
	require.NoError(t, err, "the product was made on NexoPOS")
	_, err = h.woo.Store.PlaceOrder(wootest.Checkout{PaymentMethod: "cod", Paid: true,
		Items: []wootest.CheckoutItem{{ProductID: mug.ID, Quantity: 1}}})
	require.NoError(t, err)
	h.woo.Store.Flush()
	h.woo.Store.SetWebhookFaults(wootest.WebhookFaults{})

	h.poll() // finds the new NexoPOS product and links it from that side
	h.drain()
	h.reconcile()
	h.drain()
	h.poll()
	assert.Equal(t, int64(11), h.wooStock(mug.ID))
	assert.Equal(t, float64(11), h.nexoStock(np.ID))
	rep := h.reconcile()
	assert.Zero(t, rep.Applied[mapping.KindProduct])
}

// Found at 10,000 operations (seed 1): a NexoPOS customer create that finds
// the email already taken (made since the caller looked: an earlier attempt
// whose answer was lost, or another path of the same reconcile) links that
// customer instead of failing.
func TestE2ECustomerCreateFindingItsEmailTakenLinks(t *testing.T) {
	h := newHarness(t)
	h.reconcile()
	h.woo.Store.SetWebhookFaults(wootest.WebhookFaults{Drop: 1})
	cu, err := h.woo.Store.AddCustomer(wootest.Customer{Email: "ann@example.com", FirstName: "Ann", LastName: "Webber"})
	require.NoError(t, err)
	h.woo.Store.SetWebhookFaults(wootest.WebhookFaults{})
	// The reconcile lists NexoPOS customers first; the customer appears
	// on NexoPOS after that listing, before the reconcile creates it.
	listed, added := false, false
	eng := h.engineRefusing(func(r *http.Request, _ int) bool {
		switch {
		case r.Method == "GET" && strings.Contains(r.URL.Path, "ns.customers"):
			listed = true
		case listed && !added:
			added = true
			_, err := h.nexo.AddCustomer(nexopostest.NewCustomer{FirstName: "Ann", LastName: "Webber", Email: "ann@example.com"})
			require.NoError(t, err)
		}
		return false
	})
	rep, err := eng.Reconcile(h.ctx, syncer.ReconcileOptions{})
	require.NoError(t, err)
	assert.Empty(t, rep.Errors)
	l, err := h.store.ByWoo(h.ctx, mapping.KindCustomer, cu.ID)
	require.NoError(t, err)
	assert.NotZero(t, l.NexoID)
}

// Found at 10,000 operations (seed 1): WooCommerce lists customers by name
// by default, and pages of a sort with ties (many shoppers called "New
// Webber") may repeat some customers and skip others, so a reconcile missed
// a customer whose webhook was lost. The reconcile walks them by id.
func TestE2EReconcileSeesEverySameNamedCustomer(t *testing.T) {
	h := newHarness(t)
	h.reconcile()
	h.woo.Store.SetWebhookFaults(wootest.WebhookFaults{Drop: 1})
	for i := range 250 {
		_, err := h.woo.Store.AddCustomer(wootest.Customer{Email: fmt.Sprintf("webnew%d@example.com", i), FirstName: "New", LastName: "Webber"})
		require.NoError(t, err)
	}
	h.woo.Store.Flush()
	h.woo.Store.SetWebhookFaults(wootest.WebhookFaults{})
	rep := h.reconcile()
	assert.Empty(t, rep.Errors)
	n := 0
	for _, cu := range h.nexo.Customers() {
		if strings.HasPrefix(cu.Email, "webnew") {
			n++
		}
	}
	assert.Equal(t, 250, n, "every customer reached NexoPOS in one reconcile")
}

// engineFailingReadsAfterStockSet is an engine whose NexoPOS reads fail once
// a stock adjustment has been sent: a create that sets its initial stock
// and then loses every answer.
func (h *harness) engineFailingReadsAfterStockSet() *syncer.Engine {
	adjusted := false
	return h.engineRefusing(func(r *http.Request, _ int) bool {
		if r.URL.Path == "/api/products/adjustments" {
			adjusted = true
			return false
		}
		return adjusted && r.Method == "GET"
	})
}

// bowlCopiedToWooWithLostAnswer adds a "Green bowl" (BOWL-GREEN) at the
// counter and syncs it to WooCommerce, where it is made but the answer is
// lost: no link is kept.
func (h *harness) bowlCopiedToWooWithLostAnswer(price float64, stock float64) nexopostest.Product {
	h.t.Helper()
	np, err := h.nexo.AddProduct(nexopostest.NewProduct{Name: "Green bowl", SKU: "BOWL-GREEN", CategoryID: h.cfg.Defaults.CategoryID,
		Units: []nexopostest.NewUnitQuantity{{UnitID: h.ref.PieceUnitID, SalePrice: price, Stock: stock}}})
	require.NoError(h.t, err)
	h.woo.Store.SetFaults("POST /wc/v3/products", wootest.Faults{TimeoutAfterWrite: 1, Hang: time.Millisecond})
	require.Error(h.t, h.eng.SyncRecord(h.ctx, syncer.Ref{Kind: mapping.KindProduct, Side: syncer.Nexo, ID: np.ID}, 0))
	h.woo.Store.ClearFaults()
	return np
}

// wooProductBySKU returns the WooCommerce product with sku (zero if none).
func (h *harness) wooProductBySKU(sku string) wootest.Product {
	for _, p := range h.woo.Store.Products() {
		if p.SKU == sku {
			return p
		}
	}
	return wootest.Product{}
}
