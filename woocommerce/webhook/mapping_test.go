package webhook_test

import (
	"context"
	"errors"
	"net/http"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/woonexo/woonexo/mapping"
	"github.com/woonexo/woonexo/woocommerce/webhook"
)

// The mapping stores are Dedupers, so WithDeduper(store) compiles.
var _ webhook.Deduper = mapping.Store(nil)

// With a mapping store (which cannot unmark), duplicates are still dropped
// and a failed delivery is still processed when it comes again.
func TestHandlerWithMappingStore(t *testing.T) {
	t.Parallel()
	store, err := mapping.NewMemory()
	require.NoError(t, err)
	t.Cleanup(func() { _ = store.Close() })
	h := newHandler(t, webhook.WithDeduper(store))
	var calls atomic.Int32
	h.On(webhook.TopicOrderCreated, func(context.Context, *webhook.Event) error {
		if calls.Add(1) == 1 {
			return errors.New("inbox unavailable")
		}
		return nil
	})
	deliver := func() int {
		r := webhook.NewTestRequest(webhook.TopicOrderCreated, []byte(`{"id":21}`), testSecret, webhook.WithDeliveryID("d1"))
		return serve(h, r).Code
	}
	assert.Equal(t, http.StatusInternalServerError, deliver())
	assert.Equal(t, http.StatusOK, deliver(), "the redelivery of a failed delivery is processed")
	assert.Equal(t, http.StatusOK, deliver(), "then it is a duplicate")
	assert.Equal(t, int32(2), calls.Load())
}
