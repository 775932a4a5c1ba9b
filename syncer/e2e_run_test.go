package syncer_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/woonexo/woonexo/mapping"
	"github.com/woonexo/woonexo/nexopos/nexopostest"
	"github.com/woonexo/woonexo/syncer"
	"github.com/woonexo/woonexo/woocommerce/wootest"
)

// Under Run, the inbox workers and the poller work at the same time: the
// order's write and its baseline move must not interleave with a sync of
// the same product (found by the bridge's tests: the sale was counted
// twice).
func TestE2ERunCountsAWebOrderOnce(t *testing.T) {
	for i := 0; i < 5; i++ {
		h := newHarness(t)
		mug := h.addWooProduct("Blue mug", "MUG-BLUE", "9.50", 10)
		h.reconcile()
		l := h.link(mapping.KindProduct, mug.ID)
		h.poll()
		eng, err := syncer.New(h.wc, h.nc, h.store, h.cfg, syncer.WithSchedule(20*time.Millisecond, 0), syncer.WithWorkers(3), syncer.WithClock(h.clock.Now))
		require.NoError(t, err)
		ctx, cancel := context.WithCancel(context.Background())
		done := make(chan struct{})
		go func() { _ = eng.Run(ctx); close(done) }()

		o, err := h.woo.Store.PlaceOrder(wootest.Checkout{PaymentMethod: "cod", Paid: true,
			Items: []wootest.CheckoutItem{{ProductID: mug.ID, Quantity: 3}}})
		require.NoError(t, err)
		require.Eventually(t, func() bool {
			_, err := h.store.ByWoo(h.ctx, mapping.KindOrder, o.ID)
			return err == nil
		}, 10*time.Second, 5*time.Millisecond)
		time.Sleep(300 * time.Millisecond) // several polls and every webhook
		cancel()
		<-done
		assert.Equal(t, int64(7), h.wooStock(mug.ID), "round %d", i)
		assert.Equal(t, float64(7), h.nexoStock(l.NexoID), "round %d", i)
	}
}

// The counter sold what the web shop also sold: NexoPOS refuses the paid
// order for want of stock. The order is kept on hold there and the
// conflict recorded for a person, not retried forever.
func TestE2EOversoldWebOrderIsKeptOnHoldAndRecorded(t *testing.T) {
	h := newHarness(t)
	mug, l := h.syncedMug(2)
	_, err := h.nexo.Sell(h.walkIn, nexopostest.OrderLine{ProductID: l.NexoID, UnitID: h.ref.PieceUnitID, Quantity: 2})
	require.NoError(t, err)
	o, err := h.woo.Store.PlaceOrder(wootest.Checkout{PaymentMethod: "cod", Paid: true,
		Items: []wootest.CheckoutItem{{ProductID: mug.ID, Quantity: 2}}})
	require.NoError(t, err)
	h.drain()

	ol := h.link(mapping.KindOrder, o.ID)
	no, ok := h.nexo.Order(ol.NexoID)
	require.True(t, ok)
	assert.Equal(t, "hold", no.PaymentStatus)
	var reasons []string
	for s, err := range h.store.ListSkips(h.ctx, mapping.KindOrder) {
		require.NoError(t, err)
		if s.ID == o.ID {
			reasons = append(reasons, s.Reason)
		}
	}
	require.Len(t, reasons, 1)
	assert.Contains(t, reasons[0], "not enough stock")
	n := 0
	for ev, err := range h.eng.Stuck(h.ctx, 1) {
		require.NoError(t, err)
		n++
		t.Log(ev.ID, ev.LastError)
	}
	assert.Zero(t, n, "nothing left failing in the inbox")
}
