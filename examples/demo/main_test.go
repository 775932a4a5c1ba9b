package main

import (
	"bytes"
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The README's first command must end with both sides in step, with the
// SQLite default and with the in-memory store.
func TestDemoEndsInStep(t *testing.T) {
	for _, dsn := range []string{"", "memory:"} {
		t.Run("store="+dsn, func(t *testing.T) {
			ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
			defer cancel()
			var out bytes.Buffer
			require.NoError(t, run(ctx, &out, dsn, false), out.String())
			s := out.String()
			assert.Contains(t, s, "Both sides are in step.")
			assert.Contains(t, s, "Gift wrap", "nothing is printed twice or dropped")
			assert.NotContains(t, s[bytes.Index(out.Bytes(), []byte("After the reconcile")):], "differs")
			assert.Contains(t, s, "orders: WooCommerce 2, NexoPOS 2")
		})
	}
}
