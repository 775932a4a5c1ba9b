package syncer_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/woonexo/woonexo/mapping"
	"github.com/woonexo/woonexo/woocommerce/wootest"
)

// Issue 15: WooCommerce can sign and deliver a WordPress error envelope in
// place of the order ({"code":"rest_no_route",...}; seen on a real store).
// The engine stored it as an event for id 0, tried to sync "order #0", and
// the order reached NexoPOS only at the next hourly reconcile. It must be
// answered 200 (WooCommerce disables a webhook that keeps failing), kept
// out of the inbox, and its kind reconciled by the next catch-up.
func TestE2EErrorEnvelopeDeliveryIsCaughtUpNotStored(t *testing.T) {
	h := newHarness(t)
	mug, l := h.syncedMug(10)
	h.woo.Store.SetWebhookFaults(wootest.WebhookFaults{ErrorEnvelope: 1})
	o, err := h.woo.Store.PlaceOrder(wootest.Checkout{PaymentMethod: "cod", Paid: true, Items: []wootest.CheckoutItem{{ProductID: mug.ID, Quantity: 2}}})
	require.NoError(t, err)
	h.woo.Store.SetWebhookFaults(wootest.WebhookFaults{})
	h.woo.Store.Flush()
	var envelopes int
	for _, d := range h.woo.Store.Deliveries() {
		if string(d.Body) != "" && d.Body[0] == '{' && string(d.Body[2:6]) == "code" {
			envelopes++
			assert.Equal(t, 200, d.Status, "answered 200: WooCommerce disables a webhook that keeps failing")
		}
	}
	require.NotZero(t, envelopes, "the fake sent error envelopes")
	n, err := h.eng.ProcessInbox(h.ctx)
	require.NoError(t, err)
	for s, err := range h.store.ListSkips(h.ctx, "") {
		require.NoError(t, err)
		assert.NotZero(t, s.ID, "nothing recorded for id 0: %v", s)
	}
	_, err = h.store.ByWoo(h.ctx, mapping.KindOrder, o.ID)
	require.ErrorIs(t, err, mapping.ErrNotFound, "the order is not known yet (%d events applied)", n)

	rep, err := h.eng.CatchUp(h.ctx)
	require.NoError(t, err)
	require.NotNil(t, rep, "a catch-up reconcile ran")
	ol := h.link(mapping.KindOrder, o.ID)
	no, ok := h.nexo.Order(ol.NexoID)
	require.True(t, ok)
	assert.Equal(t, "paid", no.PaymentStatus)
	assert.Equal(t, float64(8), h.nexoStock(l.NexoID))
	rep, err = h.eng.CatchUp(h.ctx)
	require.NoError(t, err)
	assert.Nil(t, rep, "nothing left to catch up")
}
