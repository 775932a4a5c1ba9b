package syncer_test

import (
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/woonexo/woonexo/mapping"
	"github.com/woonexo/woonexo/nexopos"
	"github.com/woonexo/woonexo/syncer"
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
