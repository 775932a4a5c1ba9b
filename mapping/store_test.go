package mapping_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/woonexo/woonexo/mapping"
	"github.com/woonexo/woonexo/mapping/mappingtest"
)

func TestMemoryConformance(t *testing.T) {
	t.Parallel()
	mappingtest.Run(t, func(t *testing.T, now func() time.Time) mapping.Store {
		s, err := mapping.NewMemory(mapping.WithClock(now))
		require.NoError(t, err)
		return s
	})
}

func TestSQLConformance(t *testing.T) {
	t.Parallel()
	for _, o := range mapping.SQLOpeners {
		t.Run(o.Name, func(t *testing.T) {
			t.Parallel()
			mappingtest.Run(t, func(t *testing.T, now func() time.Time) mapping.Store {
				return o.Open(t, mapping.WithClock(now))
			})
		})
	}
}

// A table prefix keeps two stores in one database apart.
func TestSQLTablePrefix(t *testing.T) {
	t.Parallel()
	for _, o := range mapping.SQLOpeners {
		t.Run(o.Name, func(t *testing.T) {
			t.Parallel()
			ctx := t.Context()
			dsn := o.DSN(t)
			a, err := o.OpenDSN(ctx, dsn, mapping.WithTablePrefix("shop_a_"))
			require.NoError(t, err)
			defer a.Close()
			b, err := o.OpenDSN(ctx, dsn, mapping.WithTablePrefix("shop_b_"))
			require.NoError(t, err)
			defer b.Close()

			require.NoError(t, a.Put(ctx, mapping.Link{Kind: mapping.KindProduct, WooID: 1, NexoID: 2}))
			require.NoError(t, b.Put(ctx, mapping.Link{Kind: mapping.KindProduct, WooID: 1, NexoID: 3}))
			la, err := a.ByWoo(ctx, mapping.KindProduct, 1)
			require.NoError(t, err)
			lb, err := b.ByWoo(ctx, mapping.KindProduct, 1)
			require.NoError(t, err)
			require.EqualValues(t, 2, la.NexoID)
			require.EqualValues(t, 3, lb.NexoID)
		})
	}
}

// Several replicas starting at once on an empty database all end up on the
// latest schema.
func TestSQLConcurrentMigrations(t *testing.T) {
	t.Parallel()
	for _, o := range mapping.SQLOpeners {
		t.Run(o.Name, func(t *testing.T) {
			t.Parallel()
			dsn := o.DSN(t)
			var wg sync.WaitGroup
			stores := make([]*mapping.SQLStore, 4)
			errs := make([]error, len(stores))
			for i := range stores {
				wg.Go(func() { stores[i], errs[i] = o.OpenDSN(t.Context(), dsn) })
			}
			wg.Wait()
			for i, err := range errs {
				require.NoError(t, err)
				v, err := stores[i].SchemaVersion(t.Context())
				require.NoError(t, err)
				require.Equal(t, 3, v)
				require.NoError(t, stores[i].Close())
			}
		})
	}
}

// A database created by the first schema version migrates on open and
// keeps its data.
func TestSQLMigratesOlderSchema(t *testing.T) {
	t.Parallel()
	for _, o := range mapping.SQLOpeners {
		t.Run(o.Name, func(t *testing.T) {
			t.Parallel()
			ctx := t.Context()
			dsn := o.DSN(t)
			old, err := o.OpenDSN(ctx, dsn, mapping.WithMaxVersion(1))
			require.NoError(t, err)
			v, err := old.SchemaVersion(ctx)
			require.NoError(t, err)
			require.Equal(t, 1, v)
			// Write as version 1 did: links had no stock columns, there was no inbox.
			_, err = old.DB().ExecContext(ctx, `INSERT INTO links (kind, woo_id, nexo_id, woo_fingerprint, nexo_fingerprint, woo_modified, nexo_modified, updated_at)
				VALUES ('product', 12, 40, 'wf', 'nf', 1700000000000000, 1700000001000000, 1700000002000000)`)
			require.NoError(t, err)
			ok, err := old.CompareAndSetCursor(ctx, "nexopos:products", 0, "v1")
			require.NoError(t, err)
			require.True(t, ok)
			_, err = old.Append(ctx, mapping.Event{ID: "e", Source: "s", Topic: "t"})
			require.Error(t, err, "version 1 has no inbox")
			require.NoError(t, old.Close())

			s, err := o.OpenDSN(ctx, dsn)
			require.NoError(t, err)
			defer s.Close()
			v, err = s.SchemaVersion(ctx)
			require.NoError(t, err)
			require.Equal(t, 3, v)
			l, err := s.ByNexo(ctx, mapping.KindProduct, 40)
			require.NoError(t, err)
			require.Equal(t, mapping.Link{
				Kind: mapping.KindProduct, WooID: 12, NexoID: 40, WooFingerprint: "wf", NexoFingerprint: "nf",
				WooModified: time.UnixMicro(1700000000000000).UTC(), NexoModified: time.UnixMicro(1700000001000000).UTC(),
				UpdatedAt: time.UnixMicro(1700000002000000).UTC(),
			}, l)
			c, err := s.GetCursor(ctx, "nexopos:products")
			require.NoError(t, err)
			require.Equal(t, "v1", c.Value)
			l.WooStock, l.NexoStock, l.WooSales = "5", "4", "2"
			require.NoError(t, s.Put(ctx, l))
			back, err := s.ByWoo(ctx, mapping.KindProduct, 12)
			require.NoError(t, err)
			require.Equal(t, "2", back.WooSales, "version 3 keeps total_sales")
			added, err := s.Append(ctx, mapping.Event{ID: "e", Source: "s", Topic: "t"})
			require.NoError(t, err)
			require.True(t, added)
		})
	}
}

// A database at a version this build does not know is refused, not damaged.
func TestSQLRefusesNewerSchema(t *testing.T) {
	t.Parallel()
	for _, o := range mapping.SQLOpeners {
		t.Run(o.Name, func(t *testing.T) {
			t.Parallel()
			ctx := t.Context()
			dsn := o.DSN(t)
			s, err := o.OpenDSN(ctx, dsn)
			require.NoError(t, err)
			_, err = s.DB().ExecContext(ctx, "INSERT INTO schema_version (version, applied_at) VALUES (99, 0)")
			require.NoError(t, err)
			require.NoError(t, s.Close())
			_, err = o.OpenDSN(ctx, dsn)
			require.ErrorContains(t, err, "schema version 99 is newer than this build supports (3)")
		})
	}
}

// Reopening a SQLite file keeps everything.
func TestSQLiteReopenKeepsEverything(t *testing.T) {
	t.Parallel()
	ctx := t.Context()
	path := filepath.Join(t.TempDir(), "woonexo.db")
	s, err := mapping.Open(ctx, "sqlite://"+path)
	require.NoError(t, err)
	link := mapping.Link{Kind: mapping.KindProduct, WooID: 12, NexoID: 40, WooFingerprint: "a", NexoFingerprint: "b",
		WooModified: time.Date(2025, 1, 2, 3, 4, 5, 6000, time.UTC), WooStock: "7", NexoStock: "6.5"}
	require.NoError(t, s.Put(ctx, link))
	ok, err := s.Claim(ctx, "create:order:9", "replica-1", time.Hour)
	require.NoError(t, err)
	require.True(t, ok)
	ok, err = s.CompareAndSetCursor(ctx, "nexopos:orders", 0, "2025-01-02 03:04:05")
	require.NoError(t, err)
	require.True(t, ok)
	require.NoError(t, s.Mark(ctx, "delivery-1", time.Hour))
	require.NoError(t, s.RecordSkip(ctx, mapping.Skip{Kind: mapping.KindOrder, Side: mapping.SideWoo, ID: 3, Reason: "unknown payment method 'cod'"}))
	_, err = s.Append(ctx, mapping.Event{ID: "pending", Source: "woocommerce", Topic: "order.created", Payload: []byte(`{"id":3}`)})
	require.NoError(t, err)
	_, err = s.Append(ctx, mapping.Event{ID: "claimed", Source: "woocommerce", Topic: "order.created"})
	require.NoError(t, err)
	_, err = s.Append(ctx, mapping.Event{ID: "zlast", Source: "woocommerce", Topic: "order.created"})
	require.NoError(t, err)
	e, ok, err := s.ClaimNext(ctx, "w", time.Hour)
	require.NoError(t, err)
	require.True(t, ok)
	require.Equal(t, "pending", e.ID)
	require.NoError(t, s.Close())

	s, err = mapping.Open(ctx, "sqlite://"+path)
	require.NoError(t, err)
	defer s.Close()
	got, err := s.ByNexo(ctx, mapping.KindProduct, 40)
	require.NoError(t, err)
	link.UpdatedAt = got.UpdatedAt
	require.Equal(t, link, got)
	ok, err = s.Claim(ctx, "create:order:9", "replica-2", time.Hour)
	require.NoError(t, err)
	require.False(t, ok, "a claim was lost on reopen")
	c, err := s.GetCursor(ctx, "nexopos:orders")
	require.NoError(t, err)
	require.Equal(t, "2025-01-02 03:04:05", c.Value)
	seen, err := s.Seen(ctx, "delivery-1")
	require.NoError(t, err)
	require.True(t, seen)
	n := 0
	for sk, err := range s.ListSkips(ctx, mapping.KindOrder) {
		require.NoError(t, err)
		require.Equal(t, "unknown payment method 'cod'", sk.Reason)
		n++
	}
	require.Equal(t, 1, n)
	e, err = s.GetEvent(ctx, "pending")
	require.NoError(t, err)
	require.Equal(t, mapping.EventClaimed, e.State)
	require.Equal(t, []byte(`{"id":3}`), e.Payload)
	e, ok, err = s.ClaimNext(ctx, "w2", time.Hour)
	require.NoError(t, err)
	require.True(t, ok)
	require.Equal(t, "claimed", e.ID, "the inbox order was lost on reopen")
}

func TestOpenURLs(t *testing.T) {
	t.Parallel()
	ctx := t.Context()
	dir := t.TempDir()

	s, err := mapping.Open(ctx, "memory:")
	require.NoError(t, err)
	require.IsType(t, &mapping.MemoryStore{}, s)
	require.NoError(t, s.Close())

	for _, u := range []string{
		"sqlite://" + filepath.Join(dir, "a.db"),
		"sqlite://localhost" + filepath.Join(dir, "b.db"),
		"sqlite:" + filepath.Join(dir, "c.db") + "?_pragma=synchronous(NORMAL)",
		"sqlite::memory:",
	} {
		s, err := mapping.Open(ctx, u)
		require.NoError(t, err, u)
		require.IsType(t, &mapping.SQLStore{}, s)
		require.NoError(t, s.Put(ctx, mapping.Link{Kind: mapping.KindOrder, WooID: 1, NexoID: 1}), u)
		require.NoError(t, s.Close())
	}
	for _, name := range []string{"a.db", "b.db", "c.db"} {
		_, err := os.Stat(filepath.Join(dir, name))
		require.NoError(t, err)
	}

	if dsn := os.Getenv(mapping.PostgresEnv); strings.HasPrefix(dsn, "postgres") {
		s, err := mapping.Open(ctx, mapping.TempPostgresDSN(t))
		require.NoError(t, err)
		require.NoError(t, s.Close())
	}
	if os.Getenv(mapping.MySQLEnv) != "" {
		s, err := mapping.Open(ctx, "mysql://"+mapping.TempMySQLDSN(t))
		require.NoError(t, err)
		require.NoError(t, s.Close())
	}

	for _, bad := range []string{
		"", "memory", "memory:x", "redis://user:s3cret@host:6379/0", "sqlite://remote.example/x.db",
		"sqlite:", "mysql:user:s3cret@tcp(h)/db", "mysql://user:s3cret@tcp(host:3306)",
	} {
		s, err := mapping.Open(ctx, bad)
		require.Error(t, err, bad)
		require.True(t, s == nil, "a failed Open returned a non-nil Store")
		assert.NotContains(t, err.Error(), "s3cret", "the error leaks the password")
	}
	_, err = mapping.Open(ctx, "redis://x")
	require.ErrorIs(t, err, mapping.ErrInvalid)
	s, err = mapping.Open(ctx, "memory:", mapping.WithClock(nil))
	require.ErrorIs(t, err, mapping.ErrInvalid)
	require.True(t, s == nil, "a failed Open returned a non-nil Store")
	s, err = mapping.Open(ctx, "sqlite::memory:", mapping.WithTablePrefix("Bad-Prefix"))
	require.ErrorIs(t, err, mapping.ErrInvalid)
	require.True(t, s == nil, "a failed Open returned a non-nil Store")
}

// Errors name the operation and the record.
func TestErrorMessages(t *testing.T) {
	t.Parallel()
	ctx := t.Context()
	mem, err := mapping.NewMemory()
	require.NoError(t, err)
	sqlite, err := mapping.OpenSQLite(ctx, ":memory:")
	require.NoError(t, err)
	defer sqlite.Close()
	for _, s := range []mapping.Store{mem, sqlite} {
		name := fmt.Sprintf("%T", s)
		require.NoError(t, s.Put(ctx, mapping.Link{Kind: mapping.KindProduct, WooID: 12, NexoID: 41}))
		err := s.Put(ctx, mapping.Link{Kind: mapping.KindProduct, WooID: 12, NexoID: 40})
		require.EqualError(t, err, "mapping: put product link woo=12 nexo=40: conflict: woo id 12 is linked to nexo id 41", name)
		_, err = s.ByNexo(ctx, mapping.KindOrder, 7)
		require.EqualError(t, err, "mapping: get order link nexo=7: not found", name)
		err = s.Done(ctx, "ev-1", "worker-a")
		require.EqualError(t, err, `mapping: mark event "ev-1" done for "worker-a": not found`, name)
	}
}

// A fixed clock makes lease expiry testable without sleeping.
func TestWithClock(t *testing.T) {
	t.Parallel()
	ctx := t.Context()
	now := time.Date(2025, 6, 1, 12, 0, 0, 0, time.UTC)
	var mu sync.Mutex
	clock := func() time.Time { mu.Lock(); defer mu.Unlock(); return now }
	advance := func(d time.Duration) { mu.Lock(); now = now.Add(d); mu.Unlock() }
	mem, err := mapping.NewMemory(mapping.WithClock(clock))
	require.NoError(t, err)
	sqlite, err := mapping.OpenSQLite(ctx, ":memory:", mapping.WithClock(clock))
	require.NoError(t, err)
	defer sqlite.Close()
	for _, s := range []mapping.Store{mem, sqlite} {
		ok, err := s.Claim(ctx, "k", "a", time.Hour)
		require.NoError(t, err)
		require.True(t, ok)
		advance(59 * time.Minute)
		ok, err = s.Claim(ctx, "k", "b", time.Hour)
		require.NoError(t, err)
		require.False(t, ok)
		advance(time.Minute)
		ok, err = s.Claim(ctx, "k", "b", time.Hour)
		require.NoError(t, err)
		require.True(t, ok, "%T: a lease is still held at its expiry instant", s)
		require.NoError(t, s.Put(ctx, mapping.Link{Kind: mapping.KindTax, WooID: 1, NexoID: 1}))
		l, err := s.ByWoo(ctx, mapping.KindTax, 1)
		require.NoError(t, err)
		require.Equal(t, clock(), l.UpdatedAt)
	}
}

func ExampleOpen() {
	ctx := context.Background()
	store, err := mapping.Open(ctx, "memory:")
	if err != nil {
		panic(err)
	}
	defer store.Close()

	_ = store.Put(ctx, mapping.Link{Kind: mapping.KindProduct, WooID: 12, NexoID: 40, WooStock: "5", NexoStock: "5"})
	l, err := store.ByNexo(ctx, mapping.KindProduct, 40)
	fmt.Println(l.WooID, err)

	// Only one replica creates the NexoPOS order for WooCommerce order 981.
	won, _ := store.Claim(ctx, "create:order:woo=981", "replica-a", time.Minute)
	lost, _ := store.Claim(ctx, "create:order:woo=981", "replica-b", time.Minute)
	fmt.Println(won, lost)
	// Output:
	// 12 <nil>
	// true false
}
