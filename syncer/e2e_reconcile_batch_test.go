package syncer_test

import (
	"fmt"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/woonexo/woonexo/mapping"
	"github.com/woonexo/woonexo/nexopos/nexopostest"
	"github.com/woonexo/woonexo/syncer"
	"github.com/woonexo/woonexo/woocommerce/wootest"
)

// TestE2EReconcileBatchesWooWrites reconciles 250 POS-only products, two
// POS products that the store already sells (same SKU, other stock), 30
// store-only customers and 2 POS-only customers, one of whose email
// someone registers on the store after the reconcile listed its customers.
// WooCommerce's product creates and stock updates go in batch calls of 100,
// NexoPOS's stock is read a page of products at a time, the customer the
// store refuses in the batch is reported with the store's reason, and
// everything else is linked.
func TestE2EReconcileBatchesWooWrites(t *testing.T) {
	t.Parallel()
	var w *benchWorld
	var once sync.Once
	w = newBenchWorld(t, syncer.WithProgress(func(p syncer.Progress) {
		if p.Kind == mapping.KindCustomer {
			// Customers are listed; the batch has not been sent yet.
			once.Do(func() {
				_, err := w.woo.Store.AddCustomer(wootest.Customer{Email: "pos2@example.com", Role: "customer", Username: "late"})
				assert.NoError(t, err)
			})
		}
	}))
	const n = 250
	w.seedNexoProducts(t, n)
	ref := w.ref
	shared := map[string]int{"SHARED-1": 4, "SHARED-2": 9} // store stock; the POS has 7 of each
	for sku, stock := range shared {
		_, err := w.woo.Store.AddProduct(wootest.Product{Name: sku, SKU: sku, RegularPrice: "5.00", Type: "simple", Status: "publish",
			ManageStock: true, StockQuantity: wootest.Int(stock)})
		require.NoError(t, err)
		_, err = w.nexo.AddProduct(nexopostest.NewProduct{Name: sku, SKU: sku, CategoryID: w.category,
			Units: []nexopostest.NewUnitQuantity{{UnitID: ref.PieceUnitID, SalePrice: 5, Stock: 7}}})
		require.NoError(t, err)
	}
	w.seedWooCustomers(t, 30)
	for i, email := range []string{"pos1@example.com", "pos2@example.com"} {
		_, err := w.nexo.AddCustomer(nexopostest.NewCustomer{FirstName: "POS", LastName: fmt.Sprint(i), Email: email})
		require.NoError(t, err)
	}

	rep, err := w.eng.Reconcile(t.Context(), syncer.ReconcileOptions{})
	require.NoError(t, err)

	// One WooCommerce batch call per 100 items: 250 creates and 2 stock
	// updates are 3 calls; nothing went one by one.
	assert.Equal(t, 3, w.wooReqs.count("POST", "/products/batch"), w.wooReqs.routes())
	assert.Zero(t, w.wooReqs.count("POST", "/wc/v3/products"), "no single product create")
	assert.Zero(t, w.wooReqs.count("PUT", "/products/{id}"), "no single product update")
	assert.Zero(t, w.wooReqs.count("GET", "/products/{id}"), "no read per product")
	assert.Equal(t, 1, w.wooReqs.count("POST", "/customers/batch"))
	assert.Equal(t, 1, w.wooReqs.count("GET", "/customers"), "one listing page; creates look emails up in it")
	// NexoPOS stock: 254 unit quantities in pages of 100, no read per
	// product; 30 customer creates, no search per customer.
	assert.Equal(t, 3, w.nexoReqs.count("GET", "/crud/ns.products-units"), w.nexoReqs.routes())
	assert.Zero(t, w.nexoReqs.count("GET", "/products/{id}/units"))
	assert.Equal(t, 30, w.nexoReqs.count("POST", "/crud/ns.customers"))
	assert.Zero(t, w.nexoReqs.count("POST", "/customers/search"))

	// Every created product is linked, with its stock on WooCommerce.
	assert.Equal(t, n+2, countLinks(t, w.store, mapping.KindProduct))
	for _, p := range w.nexo.Products() {
		l, err := w.store.ByNexo(t.Context(), mapping.KindProduct, p.ID)
		require.NoError(t, err, "NexoPOS product %s is not linked", p.SKU)
		wp, ok := w.woo.Store.Product(l.WooID)
		require.True(t, ok)
		assert.Equal(t, p.SKU, wp.SKU)
		require.NotNil(t, wp.StockQuantity)
		assert.Equal(t, w.nexo.Stock(p.ID, ref.PieceUnitID), float64(*wp.StockQuantity), p.SKU)
	}
	assert.Len(t, w.woo.Store.Products(), n+2, "the shared products were linked, not created again")

	// The refused customer is reported with WooCommerce's reason; the
	// others are linked both ways.
	require.Len(t, rep.Errors, 1, "%v", rep.Errors)
	assert.ErrorContains(t, rep.Errors[0], "registration-error-email-exists")
	assert.ErrorContains(t, rep.Errors[0], "nexopos customer #")
	assert.Equal(t, 31, countLinks(t, w.store, mapping.KindCustomer))

	// A second reconcile finds both sides in step: no write at all.
	w.wooReqs.reset()
	w.nexoReqs.reset()
	rep, err = w.eng.Reconcile(t.Context(), syncer.ReconcileOptions{})
	require.NoError(t, err)
	assert.Zero(t, rep.Applied[mapping.KindProduct], "%v", rep.Plans)
	assert.Zero(t, w.wooReqs.count("POST", "/products/batch"))
	assert.Zero(t, w.nexoReqs.count("POST", "/crud/ns.customers"))
	assert.Empty(t, rep.Errors)
	assert.Equal(t, 32, countLinks(t, w.store, mapping.KindCustomer), "the late customer is linked by email")
}

func countLinks(t *testing.T, s mapping.Store, kind mapping.Kind) int {
	t.Helper()
	n := 0
	for _, err := range s.List(t.Context(), kind) {
		require.NoError(t, err)
		n++
	}
	return n
}
