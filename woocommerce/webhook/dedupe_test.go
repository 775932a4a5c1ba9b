package webhook

import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/woonexo/woonexo/internal/testclock"
)

func newTestDeduper(max int) (*MemoryDeduper, *testclock.Manual) {
	clock := testclock.NewManual(time.Date(2026, 11, 27, 6, 43, 0, 0, time.UTC))
	d := NewMemoryDeduper(max)
	d.now = clock.Now
	return d, clock
}

func TestMemoryDeduperSeenOrMark(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	d, clock := newTestDeduper(10)
	seen, err := d.SeenOrMark(ctx, "a", time.Minute)
	require.NoError(t, err)
	assert.False(t, seen, "first sight")
	seen, _ = d.SeenOrMark(ctx, "a", time.Minute)
	assert.True(t, seen, "second sight")
	seen, _ = d.SeenOrMark(ctx, "b", time.Minute)
	assert.False(t, seen, "another key")

	clock.Advance(time.Minute - time.Nanosecond)
	seen, _ = d.SeenOrMark(ctx, "a", time.Minute)
	assert.True(t, seen, "just before expiry")
	clock.Advance(time.Nanosecond)
	seen, _ = d.SeenOrMark(ctx, "a", time.Minute)
	assert.False(t, seen, "expired marks are forgotten")
	assert.Equal(t, 1, d.Len(), "b expired too and was swept; a was marked again")
}

func TestMemoryDeduperBoundedSize(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	d, _ := newTestDeduper(3)
	for i := range 5 {
		seen, err := d.SeenOrMark(ctx, fmt.Sprint(i), time.Hour)
		require.NoError(t, err)
		require.False(t, seen)
	}
	assert.Equal(t, 3, d.Len())
	for _, k := range []string{"2", "3", "4"} {
		seen, _ := d.SeenOrMark(ctx, k, time.Hour)
		assert.True(t, seen, "the newest keys are kept: %s", k)
	}
	seen, _ := d.SeenOrMark(ctx, "0", time.Hour)
	assert.False(t, seen, "the oldest key was evicted")
	assert.Equal(t, 3, d.Len())
}

func TestMemoryDeduperUnmark(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	d, _ := newTestDeduper(0)
	_, _ = d.SeenOrMark(ctx, "a", time.Hour)
	require.NoError(t, d.Unmark(ctx, "a"))
	require.NoError(t, d.Unmark(ctx, "never-marked"))
	seen, _ := d.SeenOrMark(ctx, "a", time.Hour)
	assert.False(t, seen)
	assert.Equal(t, 1, d.Len())
}

func TestMemoryDeduperContext(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	d := NewMemoryDeduper(0)
	_, err := d.SeenOrMark(ctx, "a", time.Hour)
	require.ErrorIs(t, err, context.Canceled)
	require.ErrorIs(t, d.Unmark(ctx, "a"), context.Canceled)
	assert.Equal(t, 0, d.Len())
}

func TestMemoryDeduperConcurrent(t *testing.T) {
	t.Parallel()
	d := NewMemoryDeduper(0)
	var winners atomic.Int32
	var wg sync.WaitGroup
	for range 64 {
		wg.Go(func() {
			seen, err := d.SeenOrMark(context.Background(), "same", time.Hour)
			if err == nil && !seen {
				winners.Add(1)
			}
		})
	}
	wg.Wait()
	assert.Equal(t, int32(1), winners.Load())
}

func TestFailedKeysTakeOnce(t *testing.T) {
	t.Parallel()
	f := newFailedKeys(0)
	clock := testclock.NewManual(testclock.Recorded)
	f.set.now = clock.Now
	assert.False(t, f.take("k"))
	f.add("k", time.Minute)
	assert.True(t, f.take("k"))
	assert.False(t, f.take("k"), "a failed key lets one redelivery through")
	f.add("k", time.Minute)
	clock.Advance(time.Minute)
	assert.False(t, f.take("k"), "an expired failure does not")
}

func TestDeliveryKey(t *testing.T) {
	t.Parallel()
	base := Event{WebhookID: 5, DeliveryID: "a1ae8b7eee6d8f2201671b1e2a3129be", Body: []byte(`{"id":21}`)}
	key := DeliveryKey(&base)
	assert.Equal(t, "woocommerce:5:a1ae8b7eee6d8f2201671b1e2a3129be:", key[:len("woocommerce:5:a1ae8b7eee6d8f2201671b1e2a3129be:")])
	assert.Len(t, key, len("woocommerce:5:a1ae8b7eee6d8f2201671b1e2a3129be:")+64)
	same := base
	same.Topic = "order.deleted" // not part of the key
	assert.Equal(t, key, DeliveryKey(&same))

	for name, e := range map[string]Event{
		"other webhook":  {WebhookID: 6, DeliveryID: base.DeliveryID, Body: base.Body},
		"other delivery": {WebhookID: 5, DeliveryID: "b" + base.DeliveryID[1:], Body: base.Body},
		"other body":     {WebhookID: 5, DeliveryID: base.DeliveryID, Body: []byte(`{"id":22}`)},
	} {
		assert.NotEqual(t, key, DeliveryKey(&e), name)
	}
}
