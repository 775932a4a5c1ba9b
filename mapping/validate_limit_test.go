package mapping_test

import (
	"bytes"
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/woonexo/woonexo/mapping"
)

// Every store keeps a payload of exactly MaxPayloadBytes, byte for byte, and
// refuses one byte more with ErrInvalid.
func TestEventPayloadLimit(t *testing.T) {
	t.Parallel()
	const limit = mapping.MaxPayloadBytes
	stores := []struct {
		name string
		open func(t *testing.T) mapping.Store
	}{
		{"memory", func(t *testing.T) mapping.Store {
			s, err := mapping.Open(context.Background(), "memory:")
			require.NoError(t, err)
			t.Cleanup(func() { _ = s.Close() })
			return s
		}},
	}
	for _, o := range mapping.SQLOpeners {
		stores = append(stores, struct {
			name string
			open func(t *testing.T) mapping.Store
		}{o.Name, func(t *testing.T) mapping.Store { return o.Open(t) }})
	}
	for _, st := range stores {
		t.Run(st.name, func(t *testing.T) {
			t.Parallel()
			ctx := context.Background()
			s := st.open(t)
			full := bytes.Repeat([]byte("<x&"), limit/3+1)[:limit]
			added, err := s.Append(ctx, mapping.Event{ID: "woo:full", Source: "woocommerce", Topic: "product.updated", Payload: full})
			require.NoError(t, err)
			require.True(t, added)
			got, err := s.GetEvent(ctx, "woo:full")
			require.NoError(t, err)
			assert.True(t, bytes.Equal(full, got.Payload), "the payload comes back as written")

			_, err = s.Append(ctx, mapping.Event{ID: "woo:over", Source: "woocommerce", Topic: "product.updated", Payload: append(full, 'x')})
			require.ErrorIs(t, err, mapping.ErrInvalid)
			_, err = s.GetEvent(ctx, "woo:over")
			require.ErrorIs(t, err, mapping.ErrNotFound)
		})
	}
}
