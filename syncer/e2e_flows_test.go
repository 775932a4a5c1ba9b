package syncer_test

import (
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/woonexo/woonexo/mapping"
	"github.com/woonexo/woonexo/nexopos/nexopostest"
	"github.com/woonexo/woonexo/syncer"
	"github.com/woonexo/woonexo/woocommerce"
	"github.com/woonexo/woonexo/woocommerce/webhook"
	"github.com/woonexo/woonexo/woocommerce/wootest"
)

func TestE2EReconcileCreatesAndLinksBothWays(t *testing.T) {
	h := newHarness(t)
	cat, err := h.woo.Store.AddCategory(wootest.Category{Name: "Mugs"})
	require.NoError(t, err)
	mug, err := h.woo.Store.AddProduct(wootest.Product{Name: "Blue mug", SKU: "MUG-BLUE", RegularPrice: "9.50", Type: "simple",
		Status: "publish", ManageStock: true, StockQuantity: wootest.Int(12), Categories: []wootest.TermRef{{ID: cat.ID}}})
	require.NoError(t, err)
	shared := h.addWooProduct("Teapot", "POT-1", "25.00", 3)
	// The POS already sells the teapot (same SKU) and has 5 of them, and
	// sells a lamp the web shop does not know.
	pot, err := h.nexo.AddProduct(nexopostest.NewProduct{Name: "Teapot", SKU: "POT-1", CategoryID: h.cfg.Defaults.CategoryID,
		Units: []nexopostest.NewUnitQuantity{{UnitID: h.ref.PieceUnitID, SalePrice: 25, Stock: 5}}})
	require.NoError(t, err)
	lamp, err := h.nexo.AddProduct(nexopostest.NewProduct{Name: "Lamp", SKU: "LAMP-1", CategoryID: h.cfg.Defaults.CategoryID,
		Units: []nexopostest.NewUnitQuantity{{UnitID: h.ref.PieceUnitID, SalePrice: 40, Stock: 2}}})
	require.NoError(t, err)

	rep := h.reconcile()
	assert.Equal(t, 1, rep.Linked[mapping.KindProduct], "the teapot is linked by SKU, not created twice")

	mugLink := h.link(mapping.KindProduct, mug.ID)
	np, ok := h.nexo.Product(mugLink.NexoID)
	require.True(t, ok)
	assert.Equal(t, "Blue mug", np.Name)
	assert.Equal(t, float64(12), h.nexoStock(mugLink.NexoID))
	catLink := h.link(mapping.KindCategory, cat.ID)
	assert.Equal(t, catLink.NexoID, np.CategoryID, "the product went in its category, created first")

	potLink := h.link(mapping.KindProduct, shared.ID)
	assert.Equal(t, pot.ID, potLink.NexoID)
	assert.Equal(t, int64(5), h.wooStock(shared.ID), "at first link the POS count wins")

	lampLink, err := h.store.ByNexo(h.ctx, mapping.KindProduct, lamp.ID)
	require.NoError(t, err)
	wl, ok := h.woo.Store.Product(lampLink.WooID)
	require.True(t, ok)
	assert.Equal(t, "LAMP-1", wl.SKU)
	assert.Equal(t, int64(2), h.wooStock(wl.ID))

	// A second reconcile finds everything in step and writes nothing.
	rep = h.reconcile()
	for k, n := range rep.Applied {
		assert.Zero(t, n, "second reconcile applied %d %s actions: %v", n, k, rep.Plans)
	}
}

func TestE2EWebOrderReachesPOSWithOneDeduction(t *testing.T) {
	h := newHarness(t)
	mug, l := h.syncedMug(10)
	require.Equal(t, float64(10), h.nexoStock(l.NexoID))

	o, err := h.woo.Store.PlaceOrder(wootest.Checkout{PaymentMethod: "cod", Paid: true,
		Billing: wootest.OrderBilling{FirstName: "Ann", LastName: "Lee", Email: "ann@example.com"},
		Items:   []wootest.CheckoutItem{{ProductID: mug.ID, Quantity: 3}}})
	require.NoError(t, err)
	assert.Equal(t, int64(7), h.wooStock(mug.ID))
	require.Positive(t, h.drain())

	ol := h.link(mapping.KindOrder, o.ID)
	no, ok := h.nexo.Order(ol.NexoID)
	require.True(t, ok)
	assert.Equal(t, "paid", no.PaymentStatus)
	assert.Equal(t, float64(7), h.nexoStock(l.NexoID), "one deduction, not two")

	// The order and its stock movement come back on the next poll: no
	// echo reaches WooCommerce.
	h.poll()
	h.drain()
	assert.Equal(t, int64(7), h.wooStock(mug.ID))
	assert.Equal(t, float64(7), h.nexoStock(l.NexoID))
	assert.Len(t, h.woo.Store.Orders(), 1, "the POS copy of a web order is not sent back")
}

func TestE2EPOSSaleBecomesWebOrderWithOneDeduction(t *testing.T) {
	h := newHarness(t)
	mug, l := h.syncedMug(10)

	// A counter sale of 2 mugs and a gift wrap the web shop does not sell.
	sale, err := h.nexo.Sell(h.walkIn,
		nexopostest.OrderLine{ProductID: l.NexoID, UnitID: h.ref.PieceUnitID, Quantity: 2},
		nexopostest.OrderLine{Name: "Gift wrap", UnitID: h.ref.PieceUnitID, Quantity: 1, UnitPrice: 2.5})
	require.NoError(t, err)
	assert.Equal(t, float64(8), h.nexoStock(l.NexoID))

	h.poll()
	h.drain() // the new order's and product's webhooks come back
	h.poll()

	ol, err := h.store.ByNexo(h.ctx, mapping.KindOrder, sale.ID)
	require.NoError(t, err)
	wo, ok := h.woo.Store.Order(ol.WooID)
	require.True(t, ok)
	assert.Equal(t, "completed", wo.Status)
	require.Len(t, wo.FeeLines, 1, "the quick product is a fee line, not dropped")
	assert.Equal(t, "Gift wrap", wo.FeeLines[0].Name)
	require.Len(t, wo.ShippingLines, 1)
	assert.Equal(t, "local_pickup", wo.ShippingLines[0].MethodID)
	assert.Equal(t, int64(8), h.wooStock(mug.ID), "one deduction on WooCommerce")
	assert.Equal(t, float64(8), h.nexoStock(l.NexoID), "and no echo back to NexoPOS")
	assert.Len(t, h.nexo.Orders(), 1)
}

func TestE2EStockEditsOnBothSidesMerge(t *testing.T) {
	h := newHarness(t)
	mug, l := h.syncedMug(10)

	// The shop owner adds 5 on the web while the counter sells 2.
	require.NoError(t, h.woo.Store.SetStock(mug.ID, 15))
	_, err := h.nexo.Sell(h.walkIn, nexopostest.OrderLine{ProductID: l.NexoID, UnitID: h.ref.PieceUnitID, Quantity: 2})
	require.NoError(t, err)
	h.drain()
	h.poll()
	h.drain()
	assert.Equal(t, int64(13), h.wooStock(mug.ID))
	assert.Equal(t, float64(13), h.nexoStock(l.NexoID))
}

func TestE2EPriceChangesTravelBothWays(t *testing.T) {
	h := newHarness(t)
	mug, l := h.syncedMug(10)

	_, err := h.woo.Store.UpdateProduct(mug.ID, func(p *wootest.Product) { p.RegularPrice = "11.00" })
	require.NoError(t, err)
	h.drain()
	np, _ := h.nexo.Product(l.NexoID)
	require.NotEmpty(t, np.Units)
	assert.InDelta(t, 11.0, unitPrice(np, h.ref.PieceUnitID), 0.001)

	require.NoError(t, h.nexo.SetPrice(l.NexoID, h.ref.PieceUnitID, 12.5))
	h.poll()
	h.drain()
	wp, _ := h.woo.Store.Product(mug.ID)
	assert.True(t, woocommerce.MustDecimal("12.5").Equal(woocommerce.MustDecimal(wp.RegularPrice)), "regular price %q", wp.RegularPrice)
	np, _ = h.nexo.Product(l.NexoID)
	assert.InDelta(t, 12.5, unitPrice(np, h.ref.PieceUnitID), 0.001, "the web shop's echo does not undo it")
}

func TestE2ENewCustomersBothWaysAndAdministratorLinked(t *testing.T) {
	h := newHarness(t)
	h.reconcile()
	// A shopper registers (through the API, which fires customer.created).
	wc, err := h.wc.Customers.Create(h.ctx, woocommerce.CustomerRequest{Email: "web@example.com", FirstName: woocommerce.Ptr("Wendy"), LastName: woocommerce.Ptr("Web")})
	require.NoError(t, err)
	h.drain()
	l := h.link(mapping.KindCustomer, wc.ID)
	nc, ok := h.nexo.Customer(l.NexoID)
	require.True(t, ok)
	assert.Equal(t, "web@example.com", nc.Email)

	// A POS customer whose email belongs to a WooCommerce administrator is
	// linked, not failed with "username already in use".
	admin, err := h.woo.Store.AddCustomer(wootest.Customer{Email: "boss@example.com", FirstName: "Bo", LastName: "Boss", Role: "administrator"})
	require.NoError(t, err)
	h.drain()
	posBoss, err := h.nexo.AddCustomer(nexopostest.NewCustomer{FirstName: "Bo", LastName: "Boss", Email: "boss@example.com"})
	require.NoError(t, err)
	posNew, err := h.nexo.AddCustomer(nexopostest.NewCustomer{FirstName: "Pat", LastName: "Pos", Email: "pat@example.com"})
	require.NoError(t, err)
	h.poll()
	bl, err := h.store.ByNexo(h.ctx, mapping.KindCustomer, posBoss.ID)
	require.NoError(t, err)
	assert.Equal(t, admin.ID, bl.WooID)
	pl, err := h.store.ByNexo(h.ctx, mapping.KindCustomer, posNew.ID)
	require.NoError(t, err)
	wpat, ok := h.woo.Store.Customer(pl.WooID)
	require.True(t, ok)
	assert.Equal(t, "pat@example.com", wpat.Email)
}

func TestE2EUnmappedPaymentIsRecordedAndStockMoves(t *testing.T) {
	h := newHarness(t)
	mug, l := h.syncedMug(10)
	o, err := h.woo.Store.PlaceOrder(wootest.Checkout{PaymentMethod: "stripe", Paid: true,
		Items: []wootest.CheckoutItem{{ProductID: mug.ID, Quantity: 4}}})
	require.NoError(t, err)
	h.drain()
	h.drain()
	assert.Empty(t, h.nexo.Orders(), "no NexoPOS order without a payment type")
	assert.Equal(t, float64(6), h.nexoStock(l.NexoID), "the stock still moves, once")
	var reasons []string
	for s, err := range h.store.ListSkips(h.ctx, mapping.KindOrder) {
		require.NoError(t, err)
		if s.ID == o.ID {
			reasons = append(reasons, s.Reason)
		}
	}
	require.Len(t, reasons, 1)
	assert.Contains(t, reasons[0], `"stripe"`)
	h.poll()
	assert.Equal(t, int64(6), h.wooStock(mug.ID), "the adjustment does not echo")
}

func TestE2EHeldWebOrderPaidThenCancelled(t *testing.T) {
	h := newHarness(t)
	mug, l := h.syncedMug(10)

	o, err := h.woo.Store.PlaceOrder(wootest.Checkout{PaymentMethod: "bacs", Items: []wootest.CheckoutItem{{ProductID: mug.ID, Quantity: 2}}})
	require.NoError(t, err)
	h.drain()
	ol := h.link(mapping.KindOrder, o.ID)
	no, _ := h.nexo.Order(ol.NexoID)
	assert.Equal(t, "hold", no.PaymentStatus)
	assert.Equal(t, float64(10), h.nexoStock(l.NexoID))

	// Cancelled before payment: the held order is deleted, and NexoPOS
	// stock does not grow (voiding would have added 2 phantom units).
	require.NoError(t, h.woo.Store.SetOrderStatus(o.ID, "cancelled"))
	h.drain()
	_, ok := h.nexo.Order(ol.NexoID)
	assert.False(t, ok)
	assert.Equal(t, float64(10), h.nexoStock(l.NexoID))

	// Another one is paid later, then cancelled: paid takes, void returns.
	o2, err := h.woo.Store.PlaceOrder(wootest.Checkout{PaymentMethod: "bacs", Items: []wootest.CheckoutItem{{ProductID: mug.ID, Quantity: 3}}})
	require.NoError(t, err)
	h.drain()
	require.NoError(t, h.woo.Store.SetOrderStatus(o2.ID, "processing"))
	h.drain()
	assert.Equal(t, int64(7), h.wooStock(mug.ID))
	assert.Equal(t, float64(7), h.nexoStock(l.NexoID))
	require.NoError(t, h.woo.Store.SetOrderStatus(o2.ID, "cancelled"))
	h.drain()
	h.poll()
	h.drain()
	assert.Equal(t, int64(10), h.wooStock(mug.ID))
	assert.Equal(t, float64(10), h.nexoStock(l.NexoID))
}

func TestE2E150CategoriesAllReachThePOS(t *testing.T) {
	h := newHarness(t)
	var last wootest.Category
	for i := 0; i < 150; i++ {
		parent := int64(0)
		if i%3 != 0 {
			parent = last.ID // chains of parents, created before their children
		}
		c, err := h.woo.Store.AddCategory(wootest.Category{Name: fmt.Sprintf("Category %03d", i), Parent: parent})
		require.NoError(t, err)
		if i%3 == 0 {
			last = c
		}
	}
	h.reconcile()
	// 150 plus the POS's own "Uncategorized", which goes to the web shop.
	assert.Len(t, h.nexo.Categories(), 151)
	for _, c := range h.woo.Store.Categories() {
		l := h.link(mapping.KindCategory, c.ID)
		if c.Parent != 0 {
			pl := h.link(mapping.KindCategory, c.Parent)
			var nc nexopostest.Category
			for _, x := range h.nexo.Categories() {
				if x.ID == l.NexoID {
					nc = x
				}
			}
			require.NotNil(t, nc.ParentID, "category %q keeps its parent", c.Name)
			assert.Equal(t, pl.NexoID, *nc.ParentID, "category %q keeps its parent", c.Name)
		}
	}
}

func TestE2ETimedOutCreateIsFoundNotRepeated(t *testing.T) {
	h := newHarness(t)
	mug := h.addWooProduct("Blue mug", "MUG-BLUE", "9.50", 10)
	h.reconcile()
	// NexoPOS makes the order, but the answer is lost.
	h.nexo.SetFaults(nexopostest.Fault{Method: "POST", Path: "/api/orders", Timeouts: 1, Hang: 50 * time.Millisecond})
	o, err := h.woo.Store.PlaceOrder(wootest.Checkout{PaymentMethod: "cod", Paid: true, Items: []wootest.CheckoutItem{{ProductID: mug.ID, Quantity: 1}}})
	require.NoError(t, err)
	h.woo.Store.Flush()
	// order.created: the create times out after NexoPOS made the order.
	// order.updated (or the retry of order.created) then finds it by the
	// note instead of creating it again.
	_, err = h.eng.ProcessInbox(h.ctx)
	require.NoError(t, err)
	require.Len(t, h.nexo.Orders(), 1, "one order, not two")
	l := h.link(mapping.KindOrder, o.ID)
	assert.Equal(t, h.nexo.Orders()[0].ID, l.NexoID)
	pl := h.link(mapping.KindProduct, mug.ID)
	assert.Equal(t, float64(9), h.nexoStock(pl.NexoID))

	h.nexo.SetFaults()
	require.NoError(t, h.eng.SyncRecord(h.ctx, syncer.Ref{Kind: mapping.KindOrder, Side: syncer.Woo, ID: o.ID}, 0))
	assert.Len(t, h.nexo.Orders(), 1)
}

func TestE2EReconcileRepairsLostWebhooks(t *testing.T) {
	h := newHarness(t)
	mug, l := h.syncedMug(10)

	h.woo.Store.SetWebhookFaults(wootest.WebhookFaults{Drop: 1})
	_, err := h.woo.Store.UpdateProduct(mug.ID, func(p *wootest.Product) { p.Name = "Royal blue mug"; p.RegularPrice = "10.00" })
	require.NoError(t, err)
	require.NoError(t, h.woo.Store.SetStock(mug.ID, 4))
	newOne := h.addWooProduct("Saucer", "SAU-1", "3.00", 6)
	assert.Zero(t, h.drain(), "every delivery was lost")

	h.woo.Store.SetWebhookFaults(wootest.WebhookFaults{})
	h.reconcile()
	np, _ := h.nexo.Product(l.NexoID)
	assert.Equal(t, "Royal blue mug", np.Name)
	assert.InDelta(t, 10.0, unitPrice(np, h.ref.PieceUnitID), 0.001)
	assert.Equal(t, float64(4), h.nexoStock(l.NexoID))
	sl := h.link(mapping.KindProduct, newOne.ID)
	assert.Equal(t, float64(6), h.nexoStock(sl.NexoID))
}

func TestE2EStaleAndDuplicateDeliveriesChangeNothing(t *testing.T) {
	h := newHarness(t)
	mug, l := h.syncedMug(10)

	h.woo.Store.SetWebhookFaults(wootest.WebhookFaults{Duplicate: 1})
	require.NoError(t, h.woo.Store.SetStock(mug.ID, 7))
	h.drain()
	assert.Equal(t, float64(7), h.nexoStock(l.NexoID), "a delivery sent twice is applied once")

	// Replay an older product.updated (stock 10, a minute earlier): it is
	// stale and ignored.
	old, ok := h.woo.Store.Product(mug.ID)
	require.True(t, ok)
	old.StockQuantity = wootest.Int(10)
	earlier := h.clock.Now().UTC().Add(-time.Minute).Format("2006-01-02T15:04:05")
	old.DateModifiedGMT = &earlier
	body, err := json.Marshal(old)
	require.NoError(t, err)
	req := webhook.NewTestRequest("product.updated", body, hookSecret)
	ev, err := webhook.Parse(req)
	require.NoError(t, err)
	require.NoError(t, h.eng.Enqueue(h.ctx, ev))
	h.drain()
	assert.Equal(t, float64(7), h.nexoStock(l.NexoID))
}

func TestE2EVariationsAreProductsOfTheirOwnInThePOS(t *testing.T) {
	h := newHarness(t)
	shirt, err := h.woo.Store.AddProduct(wootest.Product{Name: "Shirt", Type: "variable", Status: "publish",
		Attributes: []wootest.Attribute{{Name: "Colour", Variation: true, Visible: true, Options: []string{"Red", "Blue"}}}})
	require.NoError(t, err)
	red, err := h.woo.Store.AddVariation(shirt.ID, wootest.Variation{SKU: "SHIRT-RED", RegularPrice: "20.00", ManageStock: true,
		StockQuantity: wootest.Int(5), Attributes: []wootest.VariationAttribute{{Name: "Colour", Option: "Red"}}})
	require.NoError(t, err)
	_, err = h.woo.Store.AddVariation(shirt.ID, wootest.Variation{SKU: "SHIRT-BLUE", RegularPrice: "21.00", ManageStock: true,
		StockQuantity: wootest.Int(3), Attributes: []wootest.VariationAttribute{{Name: "Colour", Option: "Blue"}}})
	require.NoError(t, err)
	h.reconcile()

	l := h.link(mapping.KindVariation, red.ID)
	np, ok := h.nexo.Product(l.NexoID)
	require.True(t, ok)
	assert.Equal(t, "Shirt - Red", np.Name)
	assert.Equal(t, "SHIRT-RED", np.SKU)
	assert.Equal(t, float64(5), h.nexoStock(l.NexoID))

	// A web order of 2 red shirts: the variation's stock webhook and the
	// order both arrive; NexoPOS loses 2, not 4.
	_, err = h.woo.Store.PlaceOrder(wootest.Checkout{PaymentMethod: "cod", Paid: true,
		Items: []wootest.CheckoutItem{{ProductID: shirt.ID, VariationID: red.ID, Quantity: 2}}})
	require.NoError(t, err)
	h.drain()
	h.poll()
	h.drain()
	assert.Equal(t, float64(3), h.nexoStock(l.NexoID))
	v, ok := h.woo.Store.Variation(red.ID)
	require.True(t, ok)
	require.NotNil(t, v.StockQuantity)
	assert.Equal(t, 3, *v.StockQuantity)

	// A counter sale of the red shirt reaches the variation.
	_, err = h.nexo.Sell(h.walkIn, nexopostest.OrderLine{ProductID: l.NexoID, UnitID: h.ref.PieceUnitID, Quantity: 1})
	require.NoError(t, err)
	h.poll()
	h.drain()
	h.poll()
	v, _ = h.woo.Store.Variation(red.ID)
	assert.Equal(t, 2, *v.StockQuantity)
	assert.Equal(t, float64(2), h.nexoStock(l.NexoID))
}

func TestE2ESyncSelectedBySKUAndDryRun(t *testing.T) {
	h := newHarness(t)
	mug := h.addWooProduct("Blue mug", "MUG-BLUE", "9.50", 10)

	rep, err := h.eng.Reconcile(h.ctx, syncer.ReconcileOptions{DryRun: true})
	require.NoError(t, err)
	var plans []string
	for _, p := range rep.Plans {
		plans = append(plans, p.String())
	}
	all := strings.Join(plans, "")
	assert.Contains(t, all, "create nexopos category from woocommerce category #", "the dry run shows the creates")
	assert.Contains(t, all, "need   woocommerce category #", "and that the product waits for its category")
	assert.Empty(t, h.nexo.Products(), "and writes nothing")

	require.NoError(t, h.eng.SyncSKU(h.ctx, "MUG-BLUE"))
	l := h.link(mapping.KindProduct, mug.ID)
	assert.Equal(t, float64(10), h.nexoStock(l.NexoID))
	assert.ErrorContains(t, h.eng.SyncSKU(h.ctx, "NOPE"), "no product has it")
}
