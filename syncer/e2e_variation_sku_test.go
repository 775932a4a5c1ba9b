package syncer_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/woonexo/woonexo/mapping"
	"github.com/woonexo/woonexo/woocommerce"
	"github.com/woonexo/woonexo/woocommerce/wootest"
)

// Issues 15 and 16: on a real store a variation without a SKU of its own
// reports its parent's. Each variation must still be a NexoPOS product of
// its own, with its own stock, never linked by that SKU to a sibling's (or
// the parent's) copy.
func TestE2EVariationsWithoutTheirOwnSKUStayApart(t *testing.T) {
	h := newHarness(t)
	shirt, err := h.woo.Store.AddProduct(wootest.Product{Name: "Shirt", SKU: "SHIRT", Type: "variable", Status: "publish",
		Attributes: []wootest.Attribute{{Name: "Colour", Variation: true, Visible: true, Options: []string{"Red", "Blue"}}}})
	require.NoError(t, err)
	red, err := h.woo.Store.AddVariation(shirt.ID, wootest.Variation{RegularPrice: "20.00", ManageStock: true,
		StockQuantity: wootest.Int(5), Attributes: []wootest.VariationAttribute{{Name: "Colour", Option: "Red"}}})
	require.NoError(t, err)
	blue, err := h.woo.Store.AddVariation(shirt.ID, wootest.Variation{RegularPrice: "21.00", ManageStock: true,
		StockQuantity: wootest.Int(3), Attributes: []wootest.VariationAttribute{{Name: "Colour", Option: "Blue"}}})
	require.NoError(t, err)
	v, ok := h.woo.Store.Variation(red.ID)
	require.True(t, ok)
	require.Equal(t, "SHIRT", v.SKU, "the fake shows the parent's SKU, as a real store does")

	h.reconcile()
	lr, lb := h.link(mapping.KindVariation, red.ID), h.link(mapping.KindVariation, blue.ID)
	assert.NotEqual(t, lr.NexoID, lb.NexoID, "two variations, two NexoPOS products")
	assert.Equal(t, float64(5), h.nexoStock(lr.NexoID))
	assert.Equal(t, float64(3), h.nexoStock(lb.NexoID))
	h.drain()
	h.poll()
	h.drain()
	rep := h.reconcile()
	for k, n := range rep.Applied {
		assert.Zero(t, n, "second reconcile applied %d %s actions: %v", n, k, rep.Plans)
	}
	assert.Equal(t, 5, *mustVariation(t, h, red.ID).StockQuantity)
	assert.Equal(t, 3, *mustVariation(t, h, blue.ID).StockQuantity)
}

func mustVariation(t *testing.T, h *harness, id int64) wootest.Variation {
	t.Helper()
	v, ok := h.woo.Store.Variation(id)
	require.True(t, ok)
	require.NotNil(t, v.StockQuantity)
	return v
}

// Issue 15: a variable product created while the engine runs reaches it by
// webhooks (the parent's and each variation's). The parent is not a
// product of its own on NexoPOS (it was created there at price 0), and
// variations without a SKU of their own stay apart, as by a reconcile.
func TestE2EVariableProductCreatedLiveSyncsItsVariationsOnly(t *testing.T) {
	h := newHarness(t)
	h.reconcile()
	sku := "TEE"
	parent, err := h.wc.Products.Create(h.ctx, woocommerce.ProductRequest{Name: "Tee", Type: "variable", Status: "publish", SKU: &sku,
		Attributes: []woocommerce.ProductAttribute{{Name: "Size", Variation: true, Visible: true, Options: []string{"S", "M"}}}})
	require.NoError(t, err)
	var ids []int64
	for i, size := range []string{"S", "M"} {
		q := int64(4 + i)
		v, err := h.wc.Variations.Create(h.ctx, parent.ID, woocommerce.VariationRequest{RegularPrice: woocommerce.MustDecimal("15"),
			ManageStock: woocommerce.Ptr(true), StockQuantity: &q, Attributes: []woocommerce.VariationAttribute{{Name: "Size", Option: size}}})
		require.NoError(t, err)
		ids = append(ids, v.ID)
	}
	h.drain()
	h.drain()
	_, err = h.store.ByWoo(h.ctx, mapping.KindProduct, parent.ID)
	assert.ErrorIs(t, err, mapping.ErrNotFound, "the variable parent is not a NexoPOS product")
	for _, p := range h.nexo.Products() {
		assert.NotEqual(t, "Tee", p.Name, "no NexoPOS product for the parent")
	}
	ls, lm := h.link(mapping.KindVariation, ids[0]), h.link(mapping.KindVariation, ids[1])
	assert.NotEqual(t, ls.NexoID, lm.NexoID)
	assert.Equal(t, float64(4), h.nexoStock(ls.NexoID))
	assert.Equal(t, float64(5), h.nexoStock(lm.NexoID))
	np, _ := h.nexo.Product(ls.NexoID)
	assert.Equal(t, "Tee - S", np.Name)
	rep := h.reconcile()
	for k, n := range rep.Applied {
		assert.Zero(t, n, "the reconcile after applied %d %s actions: %v", n, k, rep.Plans)
	}
}
