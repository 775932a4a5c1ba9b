package webhook_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/woonexo/woonexo/woocommerce/webhook"
)

// A function that cannot keep an event that large says so with an error
// wrapping ErrBodyTooLarge: WooCommerce is answered 413, never 200, and
// other errors stay 500.
func TestHandlerFunctionRefusesTooLarge(t *testing.T) {
	t.Parallel()
	tooLarge := fmt.Errorf("inbox: payload of 9000000 bytes: %w", webhook.ErrBodyTooLarge)
	tests := []struct {
		name    string
		fnErr   error
		handoff webhook.FailureFunc
		status  int
	}{
		{"too large", tooLarge, nil, http.StatusRequestEntityTooLarge},
		{"too large, wrapped twice", fmt.Errorf("enqueue: %w", tooLarge), nil, http.StatusRequestEntityTooLarge},
		{"other error", errors.New("inbox unavailable"), nil, http.StatusInternalServerError},
		{"too large, hand-off fails", tooLarge, func(context.Context, *webhook.Event, error) error { return errors.New("queue full") },
			http.StatusRequestEntityTooLarge},
		{"too large, handed off", tooLarge, func(context.Context, *webhook.Event, error) error { return nil }, http.StatusOK},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var opts []webhook.HandlerOption
			if tt.handoff != nil {
				opts = append(opts, webhook.WithFailureHandoff(tt.handoff))
			}
			h := newHandler(t, opts...)
			var calls atomic.Int32
			h.On(webhook.TopicOrderUpdated, func(context.Context, *webhook.Event) error { calls.Add(1); return tt.fnErr })
			deliver := func() int {
				r := webhook.NewTestRequest(webhook.TopicOrderUpdated, []byte(`{"id":21}`), testSecret, webhook.WithDeliveryID("d1"))
				return serve(h, r).Code
			}
			require.Equal(t, tt.status, deliver())
			deliver()
			if tt.status == http.StatusOK {
				assert.Equal(t, int32(1), calls.Load(), "a handed-off event stays marked")
			} else {
				assert.Equal(t, int32(2), calls.Load(), "a refused delivery is unmarked: its copy is processed")
			}
		})
	}
}

func TestHandlerMaxBodyBytes(t *testing.T) {
	t.Parallel()
	assert.Equal(t, webhook.DefaultMaxBodyBytes, newHandler(t).MaxBodyBytes())
	assert.Equal(t, int64(64), newHandler(t, webhook.WithMaxBodyBytes(64)).MaxBodyBytes())
}
