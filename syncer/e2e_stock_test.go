package syncer_test

import (
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/woonexo/woonexo/mapping"
	"github.com/woonexo/woonexo/nexopos"
	"github.com/woonexo/woonexo/nexopos/nexopostest"
	"github.com/woonexo/woonexo/syncer"
	"github.com/woonexo/woonexo/woocommerce"
	"github.com/woonexo/woonexo/woocommerce/wootest"
)

// Issue 14: NexoPOS 4.x has no "set" adjustment. A WooCommerce product
// with managed stock that reaches a 4.x POS by webhook must arrive with its
// count, and a reconcile must leave both counts where they are.
func TestE2EProductFromWooCommerceGetsItsStockOnEveryVersion(t *testing.T) {
	for _, v := range []nexopos.Version{nexopos.V4, nexopos.V5, nexopos.V6} {
		t.Run(v.String(), func(t *testing.T) {
			h := newHarnessOn(t, v)
			h.reconcile()
			mug := h.webProduct("Blue mug", "MUG-BLUE", "9.50", 10)
			h.drain()
			l := h.link(mapping.KindProduct, mug.ID)
			assert.Equal(t, float64(10), h.nexoStock(l.NexoID))
			h.reconcile()
			h.drain()
			assert.Equal(t, int64(10), h.wooStock(mug.ID))
			assert.Equal(t, float64(10), h.nexoStock(l.NexoID))
		})
	}
}

// Issue 14: a create whose initial stock never reached NexoPOS leaves a
// product at 0 there. A reconcile that finds it by SKU before the create is
// retried must finish the create (WooCommerce's count), not take the 0
// that our own half-finished create left over WooCommerce's real count.
func TestE2EReconcileFinishesAHalfCreatedProduct(t *testing.T) {
	h := newHarness(t)
	h.reconcile()
	mug := h.addWooProduct("Blue mug", "MUG-BLUE", "9.50", 10)
	cut := h.engineRefusing(func(r *http.Request, _ int) bool { return r.URL.Path == "/api/products/adjustments" })
	require.Error(t, cut.SyncRecord(h.ctx, syncer.Ref{Kind: mapping.KindProduct, Side: syncer.Woo, ID: mug.ID}, 0))
	np, err := h.nc.Products.GetBySKU(h.ctx, "MUG-BLUE")
	require.NoError(t, err, "the product was made on NexoPOS")
	require.Equal(t, float64(0), h.nexoStock(np.ID))

	h.reconcile()
	h.poll()
	assert.Equal(t, int64(10), h.wooStock(mug.ID), "WooCommerce keeps its count")
	assert.Equal(t, float64(10), h.nexoStock(np.ID), "NexoPOS gets the count the create meant to set")
	h.drain()
	h.poll()
	rep := h.reconcile()
	for k, n := range rep.Applied {
		assert.Zero(t, n, "second reconcile applied %d %s actions: %v", n, k, rep.Plans)
	}
	assert.Equal(t, int64(10), h.wooStock(mug.ID))
	assert.Equal(t, float64(10), h.nexoStock(np.ID))
}

// backorderedWebProduct creates, through WooCommerce's API, a product that
// takes backorders and counts stock below zero.
func (h *harness) backorderedWebProduct(name, sku string, stock int64) *woocommerce.Product {
	h.t.Helper()
	p, err := h.wc.Products.Create(h.ctx, woocommerce.ProductRequest{Name: name, Type: "simple", Status: "publish", SKU: &sku,
		RegularPrice: woocommerce.MustDecimal("5"), ManageStock: woocommerce.Ptr(true), StockQuantity: &stock, Backorders: "yes"})
	require.NoError(h.t, err)
	return p
}

func (h *harness) skipReasons(kind mapping.Kind) []string {
	h.t.Helper()
	var out []string
	for s, err := range h.store.ListSkips(h.ctx, kind) {
		require.NoError(h.t, err)
		out = append(out, s.Reason)
	}
	return out
}

// shopCounts sets WooCommerce product id to count, as a shop that counted
// its shelf, and checks that both sides end at it, in step.
func (h *harness) shopCounts(id, nexoID int64, count int) {
	h.t.Helper()
	require.NoError(h.t, h.woo.Store.SetStock(id, count))
	h.drain()
	h.poll()
	assert.Equal(h.t, float64(count), h.nexoStock(nexoID))
	assert.Equal(h.t, int64(count), h.wooStock(id))
	rep := h.reconcile()
	assert.Zero(h.t, rep.Applied[mapping.KindProduct], "in step")
}

// Issue 14: a WooCommerce count below zero is units owed to backorders.
// NexoPOS cannot hold a debt, so on every path WooCommerce follows the
// POS's count, never below zero, and the backorders are recorded for a
// person: first link.
func TestE2EBackorderedProductFirstLinkedCreatesNoUnit(t *testing.T) {
	h := newHarness(t)
	h.reconcile()
	p := h.backorderedWebProduct("Pre-order kettle", "KETTLE-1", -3)
	h.drain()
	l := h.link(mapping.KindProduct, p.ID)
	assert.Equal(t, float64(0), h.nexoStock(l.NexoID))
	assert.Equal(t, int64(0), h.wooStock(p.ID), "WooCommerce follows the POS: no count below zero there")
	reasons := h.skipReasons(mapping.KindProduct)
	require.Len(t, reasons, 1, "the backorders are recorded for a person")
	assert.Contains(t, reasons[0], "-3")
	assert.Contains(t, reasons[0], "backorder")

	// The shop then counts 7 on the shelf: 7 on both sides, not 10.
	h.shopCounts(p.ID, l.NexoID, 7)
}

// Issue 14, the delta path: a linked product set below zero on WooCommerce
// takes NexoPOS to 0 and WooCommerce follows, with the backorders recorded.
func TestE2EBackorderedCountOnALinkedProductCreatesNoUnit(t *testing.T) {
	h := newHarness(t)
	h.reconcile()
	p := h.backorderedWebProduct("Pre-order kettle", "KETTLE-1", 2)
	h.drain()
	l := h.link(mapping.KindProduct, p.ID)
	require.Equal(t, float64(2), h.nexoStock(l.NexoID))
	require.NoError(t, h.woo.Store.SetStock(p.ID, -3))
	h.drain()
	h.poll()
	h.drain()
	assert.Equal(t, float64(0), h.nexoStock(l.NexoID))
	assert.Equal(t, int64(0), h.wooStock(p.ID))
	assert.NotEmpty(t, h.skipReasons(mapping.KindProduct), "recorded for a person")
	h.shopCounts(p.ID, l.NexoID, 7)
}

// Issue 14: NexoPOS 5.x does not change an order's updated_at when it is
// paid, and quick products make no stock movement, so a held counter order
// of quick products paid later left no trace a poll read: only the hourly
// reconcile carried it. It must reach WooCommerce within one poll.
func TestE2EHeldCounterOrderOfQuickProductsPaidLaterReachesWooCommerceByThePoll(t *testing.T) {
	h := newHarness(t)
	h.reconcile()
	h.poll()
	held, err := h.nexo.AddOrder(nexopostest.NewOrder{CustomerID: h.walkIn, Hold: true,
		Lines: []nexopostest.OrderLine{{Name: "Gift wrap", UnitID: h.ref.PieceUnitID, Quantity: 2, UnitPrice: 2.5}}})
	require.NoError(t, err)
	h.poll()
	h.drain()
	before, _ := h.nexo.Order(held.ID)
	// Past the poll's boundary window, so that only what changes now counts.
	time.Sleep(2100 * time.Millisecond)
	require.NoError(t, h.nexo.PayOrder(held.ID, "cash-payment", 5))
	after, _ := h.nexo.Order(held.ID)
	require.Equal(t, before.UpdatedAt, after.UpdatedAt, "the fake keeps updated_at on payment, as 5.3.10 does")

	h.poll()
	h.drain()
	ol, err := h.store.ByNexo(h.ctx, mapping.KindOrder, held.ID)
	require.NoError(t, err, "the paid order is carried by the poll")
	wo, ok := h.woo.Store.Order(ol.WooID)
	require.True(t, ok)
	assert.Equal(t, "completed", wo.Status)
	require.Len(t, wo.FeeLines, 1)
	assert.Equal(t, "Gift wrap", wo.FeeLines[0].Name)
}

// Issue 14: a WooCommerce on-hold order (bank transfer) has taken its
// stock on WooCommerce but is held, unpaid, in NexoPOS, where a held order
// takes none: the counter could sell units the shop no longer has. The
// units are reserved on NexoPOS while the order is held, and given back
// when it is paid (the payment takes them) or cancelled.
func TestE2EOnHoldWebOrderReservesItsStockOnThePOS(t *testing.T) {
	for _, end := range []string{"processing", "cancelled"} {
		t.Run(end, func(t *testing.T) {
			h := newHarness(t)
			mug, l := h.syncedMug(10)
			o, err := h.woo.Store.PlaceOrder(wootest.Checkout{PaymentMethod: "bacs", Status: "on-hold",
				Items: []wootest.CheckoutItem{{ProductID: mug.ID, Quantity: 3}}})
			require.NoError(t, err)
			require.Equal(t, int64(7), h.wooStock(mug.ID), "on-hold takes WooCommerce stock")
			h.drain()
			ol := h.link(mapping.KindOrder, o.ID)
			no, _ := h.nexo.Order(ol.NexoID)
			assert.Equal(t, "hold", no.PaymentStatus)
			assert.Equal(t, float64(7), h.nexoStock(l.NexoID), "the held order's units are not for sale at the counter")
			h.poll()
			h.drain()
			assert.Equal(t, int64(7), h.wooStock(mug.ID), "the reservation does not travel back as a POS change")

			require.NoError(t, h.woo.Store.SetOrderStatus(o.ID, end))
			h.drain()
			h.poll()
			h.drain()
			want := map[string]int64{"processing": 7, "cancelled": 10}[end]
			assert.Equal(t, want, h.wooStock(mug.ID))
			assert.Equal(t, float64(want), h.nexoStock(l.NexoID))
			if end == "processing" {
				no, _ = h.nexo.Order(ol.NexoID)
				assert.Equal(t, "paid", no.PaymentStatus)
			}
			rep := h.reconcile()
			assert.Zero(t, rep.Applied[mapping.KindProduct], "in step")
			assert.Equal(t, want, h.wooStock(mug.ID))
			assert.Equal(t, float64(want), h.nexoStock(l.NexoID))
		})
	}
}

// Issue 14: a partial refund at the counter (10 of 20) reaches WooCommerce
// as a refund of what was refunded, with its lines and quantities, and the
// order stays completed there (WooCommerce's status for a partly refunded
// order), not as a full refund that marks it refunded.
func TestE2EPartialRefundAtTheCounterIsPartialOnWooCommerce(t *testing.T) {
	h := newHarness(t)
	mug, l := h.syncedMug(30)
	sale, ol := h.counterSale(l.NexoID, 20)
	require.Equal(t, int64(10), h.wooStock(mug.ID))

	no, _ := h.nexo.Order(sale.ID)
	_, err := h.nc.Orders.Refund(h.ctx, sale.ID, nexopos.RefundInput{PaymentIdentifier: "cash-payment", Total: nexopos.MustDecimal("95"),
		Products: []nexopos.RefundLine{{OrderProductID: no.Products[0].ID, Quantity: nexopos.MustDecimal("10"), UnitPrice: nexopos.MustDecimal("9.50"),
			Condition: nexopos.ConditionUnspoiled, Description: "returned"}}})
	require.NoError(t, err)
	h.poll()
	h.drain()
	h.poll()

	wo, ok := h.woo.Store.Order(ol.WooID)
	require.True(t, ok)
	assert.Equal(t, "completed", wo.Status, "a partly refunded order stays completed on WooCommerce")
	refunds := h.woo.Store.Refunds(ol.WooID)
	require.Len(t, refunds, 1)
	assert.Equal(t, "95.00", refunds[0].Amount)
	require.Len(t, refunds[0].LineItems, 1, "the refund names its line")
	assert.Equal(t, -10, refunds[0].LineItems[0].Quantity)
	assert.Equal(t, int64(20), h.wooStock(mug.ID), "the 10 returned at the counter are back on WooCommerce, once")
	assert.Equal(t, float64(20), h.nexoStock(l.NexoID))
	rep := h.reconcile()
	assert.Zero(t, rep.Applied[mapping.KindOrder], "in step")
	assert.Len(t, h.woo.Store.Refunds(ol.WooID), 1)
}

// counterSale sells quantity pieces of NexoPOS product nexoID at the
// counter, polls it to WooCommerce, and returns the sale and its link.
func (h *harness) counterSale(nexoID int64, quantity float64) (nexopostest.Order, mapping.Link) {
	h.t.Helper()
	sale, err := h.nexo.Sell(h.walkIn, nexopostest.OrderLine{ProductID: nexoID, UnitID: h.ref.PieceUnitID, Quantity: quantity})
	require.NoError(h.t, err)
	h.poll()
	h.drain()
	h.poll()
	ol, err := h.store.ByNexo(h.ctx, mapping.KindOrder, sale.ID)
	require.NoError(h.t, err, "the counter sale reached WooCommerce")
	return sale, ol
}

// A second partial refund at the counter reaches WooCommerce too, and the
// order is refunded there once the refunds reach its total.
func TestE2ESecondPartialRefundAtTheCounterIsCarried(t *testing.T) {
	h := newHarness(t)
	_, l := h.syncedMug(30)
	sale, ol := h.counterSale(l.NexoID, 20)
	no, _ := h.nexo.Order(sale.ID)
	refund := func(q string, total string) {
		_, err := h.nc.Orders.Refund(h.ctx, sale.ID, nexopos.RefundInput{PaymentIdentifier: "cash-payment", Total: nexopos.MustDecimal(total),
			Products: []nexopos.RefundLine{{OrderProductID: no.Products[0].ID, Quantity: nexopos.MustDecimal(q), UnitPrice: nexopos.MustDecimal("9.50"),
				Condition: nexopos.ConditionUnspoiled, Description: "returned"}}})
		require.NoError(t, err)
		h.poll()
		h.drain()
		h.poll()
	}
	refund("10", "95")
	refund("10", "95")
	refunds := h.woo.Store.Refunds(ol.WooID)
	require.Len(t, refunds, 2)
	wo, _ := h.woo.Store.Order(ol.WooID)
	assert.Equal(t, "refunded", wo.Status)
	rep := h.reconcile()
	assert.Zero(t, rep.Applied[mapping.KindOrder], "in step")
	assert.Len(t, h.woo.Store.Refunds(ol.WooID), 2)
}

// Issue 14: a partial refund on WooCommerce (the order stays processing)
// reaches NexoPOS as a refund of those lines and quantities, once, and the
// stock WooCommerce puts back reaches NexoPOS once.
func TestE2EPartialRefundOnWooCommerceReachesThePOS(t *testing.T) {
	h := newHarness(t)
	mug, l := h.syncedMug(10)
	o, err := h.woo.Store.PlaceOrder(wootest.Checkout{PaymentMethod: "cod", Paid: true, Items: []wootest.CheckoutItem{{ProductID: mug.ID, Quantity: 4}}})
	require.NoError(t, err)
	h.drain()
	ol := h.link(mapping.KindOrder, o.ID)
	require.Equal(t, float64(6), h.nexoStock(l.NexoID))

	_, err = h.wc.Refunds.Create(h.ctx, o.ID, woocommerce.RefundRequest{Amount: woocommerce.MustDecimal("19.00"), Reason: "two broken",
		LineItems: []woocommerce.RefundLineRequest{{ID: o.LineItems[0].ID, Quantity: woocommerce.MustDecimal("2"), RefundTotal: woocommerce.MustDecimal("19.00")}},
		APIRefund: woocommerce.Ptr(false), APIRestock: woocommerce.Ptr(true)})
	require.NoError(t, err)
	wo, _ := h.woo.Store.Order(o.ID)
	require.Equal(t, "processing", wo.Status, "a partial refund leaves the order processing")
	require.Equal(t, int64(8), h.wooStock(mug.ID))
	h.drain()
	h.poll()
	h.drain()

	no, _ := h.nexo.Order(ol.NexoID)
	assert.Equal(t, "partially_refunded", no.PaymentStatus)
	require.Len(t, no.Refunds, 1, "one refund, carried once")
	assert.Equal(t, float64(19), no.Refunds[0].Total)
	assert.Equal(t, float64(8), h.nexoStock(l.NexoID), "the 2 WooCommerce put back reach NexoPOS once")
	assert.Equal(t, int64(8), h.wooStock(mug.ID))
	rep := h.reconcile()
	assert.Zero(t, rep.Applied[mapping.KindOrder], "in step")
	no, _ = h.nexo.Order(ol.NexoID)
	assert.Len(t, no.Refunds, 1)
}
