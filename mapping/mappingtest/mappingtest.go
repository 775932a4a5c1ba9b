package mappingtest

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/woonexo/woonexo/internal/testclock"
	"github.com/woonexo/woonexo/mapping"
)

// Racers is how many goroutines the race tests start at once.
const Racers = 16

// lease is the lease and TTL of the expiry tests, which advance the suite's
// clock past it instead of sleeping. It must stay well under the minute-long
// leases those tests hold meanwhile.
const lease = 10 * time.Second

// Run runs the conformance suite as parallel subtests of t. It calls open
// once per subtest, with the subtest's t and clock, for a new empty store;
// the suite closes the store when the subtest ends (closing twice must be
// harmless), and open should register any other cleanup (dropping a
// database) with t.Cleanup.
//
// The store must take the current time only from now (for the stores of
// package mapping: mapping.WithClock(now)), for every lease, expiry and
// timestamp. Each subtest's clock stands still at a fixed instant
// ($WOONEXO_TEST_START in RFC 3339 when set, else 2026-11-27T07:08:14Z)
// until the subtest advances it, so the expiry tests need no sleeping and
// nothing depends on the wall clock. Its times are in a zone other than UTC
// ($WOONEXO_TEST_ZONE when set); the store must still return UTC.
func Run(t *testing.T, open func(t *testing.T, now func() time.Time) mapping.Store) {
	tests := []struct {
		name string
		fn   func(t *testing.T, s mapping.Store, clk *testclock.Manual)
	}{
		{"LinkNotFound", testLinkNotFound},
		{"LinkBothDirections", testLinkBothDirections},
		{"LinkUpdate", testLinkUpdate},
		{"LinkKindsAreSeparate", testLinkKindsAreSeparate},
		{"LinkUniqueConflicts", testLinkUniqueConflicts},
		{"LinkConcurrentPuts", testLinkConcurrentPuts},
		{"LinkDelete", testLinkDelete},
		{"LinkList", testLinkList},
		{"LinkInvalid", testLinkInvalid},
		{"ClaimBasics", testClaimBasics},
		{"ClaimRace", testClaimRace},
		{"ClaimLeaseExpiry", testClaimLeaseExpiry},
		{"CursorBasics", testCursorBasics},
		{"CursorRace", testCursorRace},
		{"DeliveryBasics", testDeliveryBasics},
		{"DeliveryRace", testDeliveryRace},
		{"DeliveryExpiry", testDeliveryExpiry},
		{"Skips", testSkips},
		{"InboxAppend", testInboxAppend},
		{"InboxClaimOrderAndDone", testInboxClaimOrderAndDone},
		{"InboxFail", testInboxFail},
		{"InboxExactlyOnce", testInboxExactlyOnce},
		{"InboxDeadWorker", testInboxDeadWorker},
		{"Purge", testPurge},
		{"Closed", testClosed},
		{"ContextCanceled", testContextCanceled},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			clk := testclock.NewManual(clockStart(t))
			s := open(t, clk.Now)
			require.NotNil(t, s, "open returned a nil store")
			t.Cleanup(func() { assert.NoError(t, s.Close()) })
			tc.fn(t, s, clk)
		})
	}
}

// clockStart is the instant the subtests' clocks start at: testclock.Start,
// shown in $WOONEXO_TEST_ZONE when set, else at UTC+13, so that a store
// returning the clock's zone instead of UTC fails.
func clockStart(t *testing.T) time.Time {
	loc := time.FixedZone("UTC+13", 13*3600)
	if os.Getenv(testclock.EnvZone) != "" {
		loc = testclock.Zone(t)
	}
	return testclock.Start(t, testclock.Recorded).In(loc)
}

// utc is how stores return times: UTC, truncated to the microsecond.
func utc(t time.Time) time.Time { return time.UnixMicro(t.UnixMicro()).UTC() }

func sampleLink(kind mapping.Kind, woo, nexo int64) mapping.Link {
	loc := time.FixedZone("UTC+2", 2*3600)
	return mapping.Link{
		Kind: kind, WooID: woo, NexoID: nexo,
		WooFingerprint: "w-" + strconv.FormatInt(woo, 10), NexoFingerprint: "n-" + strconv.FormatInt(nexo, 10),
		WooModified:  time.Date(2025, 3, 4, 5, 6, 7, 123456789, loc),
		NexoModified: time.Date(2025, 3, 4, 5, 6, 8, 0, time.UTC),
		WooStock:     "12", NexoStock: "11.5", WooSales: "7",
	}
}

// requireSameLink compares everything but UpdatedAt, with store precision.
func requireSameLink(t *testing.T, want, got mapping.Link) {
	t.Helper()
	want.WooModified, want.NexoModified = utc(want.WooModified), utc(want.NexoModified)
	want.UpdatedAt = got.UpdatedAt
	require.Equal(t, want, got)
}

func testLinkNotFound(t *testing.T, s mapping.Store, clk *testclock.Manual) {
	ctx := t.Context()
	_, err := s.ByWoo(ctx, mapping.KindProduct, 1)
	require.ErrorIs(t, err, mapping.ErrNotFound)
	_, err = s.ByNexo(ctx, mapping.KindProduct, 1)
	require.ErrorIs(t, err, mapping.ErrNotFound)
	require.ErrorIs(t, s.Delete(ctx, mapping.KindProduct, mapping.SideWoo, 1), mapping.ErrNotFound)
}

func testLinkBothDirections(t *testing.T, s mapping.Store, clk *testclock.Manual) {
	ctx := t.Context()
	l := sampleLink(mapping.KindProduct, 12, 40)
	require.NoError(t, s.Put(ctx, l))

	byWoo, err := s.ByWoo(ctx, mapping.KindProduct, 12)
	require.NoError(t, err)
	requireSameLink(t, l, byWoo)
	byNexo, err := s.ByNexo(ctx, mapping.KindProduct, 40)
	require.NoError(t, err)
	require.Equal(t, byWoo, byNexo)
	require.Equal(t, utc(clk.Now()), byWoo.UpdatedAt, "UpdatedAt is not the time of Put on the clock the store was given")
	require.Equal(t, time.UTC, byWoo.UpdatedAt.Location())

	// The other id space is not confused with this one.
	_, err = s.ByWoo(ctx, mapping.KindProduct, 40)
	require.ErrorIs(t, err, mapping.ErrNotFound)
	_, err = s.ByNexo(ctx, mapping.KindProduct, 12)
	require.ErrorIs(t, err, mapping.ErrNotFound)

	// Zero times, empty fingerprints and stocks round-trip as such.
	bare := mapping.Link{Kind: mapping.KindCategory, WooID: 1, NexoID: 2}
	require.NoError(t, s.Put(ctx, bare))
	got, err := s.ByNexo(ctx, mapping.KindCategory, 2)
	require.NoError(t, err)
	requireSameLink(t, bare, got)
	require.True(t, got.WooModified.IsZero() && got.NexoModified.IsZero())
}

func testLinkUpdate(t *testing.T, s mapping.Store, clk *testclock.Manual) {
	ctx := t.Context()
	l := sampleLink(mapping.KindOrder, 7, 8)
	require.NoError(t, s.Put(ctx, l))
	first, err := s.ByWoo(ctx, mapping.KindOrder, 7)
	require.NoError(t, err)

	clk.Advance(time.Millisecond)
	l.WooFingerprint, l.NexoFingerprint = "w2", "n2"
	l.WooModified = l.WooModified.Add(time.Hour)
	l.WooStock, l.NexoStock = "-3", "0"
	require.NoError(t, s.Put(ctx, l))
	got, err := s.ByNexo(ctx, mapping.KindOrder, 8)
	require.NoError(t, err)
	requireSameLink(t, l, got)
	require.True(t, got.UpdatedAt.After(first.UpdatedAt), "UpdatedAt not advanced by the update")
	require.Equal(t, utc(clk.Now()), got.UpdatedAt)

	// Putting the same values again is not a conflict.
	require.NoError(t, s.Put(ctx, l))
	require.NoError(t, s.Put(ctx, l))
}

func testLinkKindsAreSeparate(t *testing.T, s mapping.Store, clk *testclock.Manual) {
	ctx := t.Context()
	require.NoError(t, s.Put(ctx, sampleLink(mapping.KindProduct, 5, 6)))
	require.NoError(t, s.Put(ctx, sampleLink(mapping.KindVariation, 5, 9)))
	require.NoError(t, s.Put(ctx, sampleLink(mapping.KindCustomer, 10, 6)))
	got, err := s.ByWoo(ctx, mapping.KindVariation, 5)
	require.NoError(t, err)
	require.EqualValues(t, 9, got.NexoID)
	got, err = s.ByNexo(ctx, mapping.KindCustomer, 6)
	require.NoError(t, err)
	require.EqualValues(t, 10, got.WooID)
	_, err = s.ByWoo(ctx, mapping.KindCoupon, 5)
	require.ErrorIs(t, err, mapping.ErrNotFound)
}

func testLinkUniqueConflicts(t *testing.T, s mapping.Store, clk *testclock.Manual) {
	ctx := t.Context()
	orig := sampleLink(mapping.KindProduct, 1, 2)
	require.NoError(t, s.Put(ctx, orig))

	for _, l := range []mapping.Link{
		sampleLink(mapping.KindProduct, 1, 3), // woo 1 already linked to nexo 2
		sampleLink(mapping.KindProduct, 4, 2), // nexo 2 already linked to woo 1
	} {
		err := s.Put(ctx, l)
		require.ErrorIs(t, err, mapping.ErrConflict, "put woo=%d nexo=%d", l.WooID, l.NexoID)
	}
	// A link that crosses two existing links conflicts too.
	require.NoError(t, s.Put(ctx, sampleLink(mapping.KindProduct, 5, 6)))
	require.ErrorIs(t, s.Put(ctx, sampleLink(mapping.KindProduct, 1, 6)), mapping.ErrConflict)

	got, err := s.ByWoo(ctx, mapping.KindProduct, 1)
	require.NoError(t, err)
	requireSameLink(t, orig, got)
	for _, id := range []int64{3, 4} {
		_, err = s.ByNexo(ctx, mapping.KindProduct, id)
		require.ErrorIs(t, err, mapping.ErrNotFound)
		_, err = s.ByWoo(ctx, mapping.KindProduct, id)
		require.ErrorIs(t, err, mapping.ErrNotFound)
	}
}

func testLinkConcurrentPuts(t *testing.T, s mapping.Store, clk *testclock.Manual) {
	ctx := t.Context()
	// The same new link from every racer: all succeed, one link results.
	errs := race(func(i int) error { return s.Put(ctx, sampleLink(mapping.KindOrder, 100, 200)) })
	for _, err := range errs {
		require.NoError(t, err)
	}
	_, err := s.ByNexo(ctx, mapping.KindOrder, 200)
	require.NoError(t, err)

	// The same WooCommerce id linked to different NexoPOS ids: one wins.
	errs = race(func(i int) error { return s.Put(ctx, sampleLink(mapping.KindCustomer, 7, int64(1000+i))) })
	wins := 0
	for _, err := range errs {
		if err == nil {
			wins++
			continue
		}
		require.ErrorIs(t, err, mapping.ErrConflict)
	}
	require.Equal(t, 1, wins)
	l, err := s.ByWoo(ctx, mapping.KindCustomer, 7)
	require.NoError(t, err)
	n := 0
	for _, err := range s.List(ctx, mapping.KindCustomer) {
		require.NoError(t, err)
		n++
	}
	require.Equal(t, 1, n, "duplicate links for woo 7 (kept nexo %d)", l.NexoID)
}

func testLinkDelete(t *testing.T, s mapping.Store, clk *testclock.Manual) {
	ctx := t.Context()
	require.NoError(t, s.Put(ctx, sampleLink(mapping.KindProduct, 1, 2)))
	require.NoError(t, s.Put(ctx, sampleLink(mapping.KindProduct, 3, 4)))

	require.NoError(t, s.Delete(ctx, mapping.KindProduct, mapping.SideWoo, 1))
	_, err := s.ByWoo(ctx, mapping.KindProduct, 1)
	require.ErrorIs(t, err, mapping.ErrNotFound)
	_, err = s.ByNexo(ctx, mapping.KindProduct, 2)
	require.ErrorIs(t, err, mapping.ErrNotFound)

	require.NoError(t, s.Delete(ctx, mapping.KindProduct, mapping.SideNexo, 4))
	_, err = s.ByWoo(ctx, mapping.KindProduct, 3)
	require.ErrorIs(t, err, mapping.ErrNotFound)

	require.ErrorIs(t, s.Delete(ctx, mapping.KindProduct, mapping.SideNexo, 4), mapping.ErrNotFound)
	require.ErrorIs(t, s.Delete(ctx, mapping.KindProduct, mapping.Side("both"), 1), mapping.ErrInvalid)

	// After a delete both ids may be linked again, crosswise.
	require.NoError(t, s.Put(ctx, sampleLink(mapping.KindProduct, 1, 4)))
	require.NoError(t, s.Put(ctx, sampleLink(mapping.KindProduct, 3, 2)))
}

func testLinkList(t *testing.T, s mapping.Store, clk *testclock.Manual) {
	ctx := t.Context()
	// Enough links to span several pages of a paging implementation.
	const n = 1234
	for i := n; i >= 1; i-- {
		require.NoError(t, s.Put(ctx, mapping.Link{Kind: mapping.KindProduct, WooID: int64(i), NexoID: int64(i + 10000)}))
	}
	require.NoError(t, s.Put(ctx, sampleLink(mapping.KindCategory, 1, 1)))

	var ids []int64
	for l, err := range s.List(ctx, mapping.KindProduct) {
		require.NoError(t, err)
		require.Equal(t, mapping.KindProduct, l.Kind)
		require.Equal(t, l.WooID+10000, l.NexoID)
		ids = append(ids, l.WooID)
	}
	require.Len(t, ids, n)
	for i, id := range ids {
		require.EqualValues(t, i+1, id, "links not in WooCommerce id order")
	}

	// break stops the iteration; the loop body may write to the store.
	seen := 0
	for l, err := range s.List(ctx, mapping.KindProduct) {
		require.NoError(t, err)
		l.WooFingerprint = "touched"
		require.NoError(t, s.Put(ctx, l))
		if seen++; seen == 3 {
			break
		}
	}
	require.Equal(t, 3, seen)
	got, err := s.ByWoo(ctx, mapping.KindProduct, 3)
	require.NoError(t, err)
	require.Equal(t, "touched", got.WooFingerprint)

	for _, err := range s.List(ctx, mapping.KindCoupon) {
		require.NoError(t, err)
		t.Fatal("List of a kind without links yielded a link")
	}
	for _, err := range s.List(ctx, "") {
		require.ErrorIs(t, err, mapping.ErrInvalid)
	}
}

func testLinkInvalid(t *testing.T, s mapping.Store, clk *testclock.Manual) {
	ctx := t.Context()
	good := sampleLink(mapping.KindProduct, 1, 2)
	bad := map[string]func(l *mapping.Link){
		"empty kind":       func(l *mapping.Link) { l.Kind = "" },
		"upper-case kind":  func(l *mapping.Link) { l.Kind = "Product" },
		"zero woo id":      func(l *mapping.Link) { l.WooID = 0 },
		"negative nexo id": func(l *mapping.Link) { l.NexoID = -2 },
		"stock word":       func(l *mapping.Link) { l.WooStock = "many" },
		"stock exponent":   func(l *mapping.Link) { l.NexoStock = "1e3" },
		"invalid utf-8":    func(l *mapping.Link) { l.WooFingerprint = "\xff\xfe" },
		"nul byte":         func(l *mapping.Link) { l.NexoFingerprint = "a\x00b" },
		"year 10000":       func(l *mapping.Link) { l.WooModified = time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC) },
	}
	for name, mutate := range bad {
		l := good
		mutate(&l)
		require.ErrorIs(t, s.Put(ctx, l), mapping.ErrInvalid, name)
	}
	_, err := s.ByWoo(ctx, "", 1)
	require.ErrorIs(t, err, mapping.ErrInvalid)
	for l, err := range s.List(ctx, mapping.KindProduct) {
		require.NoError(t, err)
		t.Fatalf("an invalid link was stored: %+v", l)
	}
}

func testClaimBasics(t *testing.T, s mapping.Store, clk *testclock.Manual) {
	ctx := t.Context()
	ok, err := s.Claim(ctx, "create:order:1", "a", time.Minute)
	require.NoError(t, err)
	require.True(t, ok)
	ok, err = s.Claim(ctx, "create:order:1", "b", time.Minute)
	require.NoError(t, err)
	require.False(t, ok, "a claim held by a was given to b")
	ok, err = s.Claim(ctx, "create:order:1", "a", time.Minute)
	require.NoError(t, err)
	require.True(t, ok, "the holder could not extend its claim")
	ok, err = s.Claim(ctx, "create:order:2", "b", time.Minute)
	require.NoError(t, err)
	require.True(t, ok, "claims on different keys interfered")

	require.NoError(t, s.Release(ctx, "create:order:1", "b")) // not b's: no effect
	ok, err = s.Claim(ctx, "create:order:1", "b", time.Minute)
	require.NoError(t, err)
	require.False(t, ok, "a release by a non-holder freed the claim")

	require.NoError(t, s.Release(ctx, "create:order:1", "a"))
	ok, err = s.Claim(ctx, "create:order:1", "b", time.Minute)
	require.NoError(t, err)
	require.True(t, ok, "a released claim could not be taken")
	require.NoError(t, s.Release(ctx, "never:claimed", "a"))

	_, err = s.Claim(ctx, "", "a", time.Minute)
	require.ErrorIs(t, err, mapping.ErrInvalid)
	_, err = s.Claim(ctx, "k", "", time.Minute)
	require.ErrorIs(t, err, mapping.ErrInvalid)
	_, err = s.Claim(ctx, "k", "a", 0)
	require.ErrorIs(t, err, mapping.ErrInvalid)
}

func testClaimRace(t *testing.T, s mapping.Store, clk *testclock.Manual) {
	ctx := t.Context()
	for round := range 3 {
		key := fmt.Sprintf("create:product:sku-%d", round)
		var wins atomic.Int32
		errs := race(func(i int) error {
			ok, err := s.Claim(ctx, key, fmt.Sprintf("replica-%d", i), time.Minute)
			if ok {
				wins.Add(1)
			}
			return err
		})
		for _, err := range errs {
			require.NoError(t, err)
		}
		require.EqualValues(t, 1, wins.Load(), "round %d: %d racers won the claim", round, wins.Load())
	}
}

func testClaimLeaseExpiry(t *testing.T, s mapping.Store, clk *testclock.Manual) {
	ctx := t.Context()
	ok, err := s.Claim(ctx, "k", "crashed", lease)
	require.NoError(t, err)
	require.True(t, ok)
	ok, err = s.Claim(ctx, "k", "other", lease)
	require.NoError(t, err)
	require.False(t, ok)
	clk.Advance(lease - time.Microsecond)
	ok, err = s.Claim(ctx, "k", "other", lease)
	require.NoError(t, err)
	require.False(t, ok, "a lease was taken over before it expired")

	clk.Advance(time.Microsecond)
	// The expired lease goes to exactly one of the racers.
	var wins atomic.Int32
	errs := race(func(i int) error {
		ok, err := s.Claim(ctx, "k", fmt.Sprintf("r%d", i), time.Minute)
		if ok {
			wins.Add(1)
		}
		return err
	})
	for _, err := range errs {
		require.NoError(t, err)
	}
	require.EqualValues(t, 1, wins.Load())
	ok, err = s.Claim(ctx, "k", "crashed", lease)
	require.NoError(t, err)
	require.False(t, ok, "the expired holder got its claim back from the new holder")
}

func testCursorBasics(t *testing.T, s mapping.Store, clk *testclock.Manual) {
	ctx := t.Context()
	c, err := s.GetCursor(ctx, "nexopos:products")
	require.NoError(t, err)
	require.Equal(t, mapping.Cursor{Name: "nexopos:products"}, c)

	ok, err := s.CompareAndSetCursor(ctx, "nexopos:products", 0, "2025-01-01 10:00:00")
	require.NoError(t, err)
	require.True(t, ok)
	ok, err = s.CompareAndSetCursor(ctx, "nexopos:products", 0, "stale")
	require.NoError(t, err)
	require.False(t, ok, "creating an existing cursor succeeded")

	c, err = s.GetCursor(ctx, "nexopos:products")
	require.NoError(t, err)
	require.Equal(t, "2025-01-01 10:00:00", c.Value)
	require.EqualValues(t, 1, c.Version)
	require.Equal(t, utc(clk.Now()), c.UpdatedAt)

	ok, err = s.CompareAndSetCursor(ctx, "nexopos:products", 1, "2025-01-02 00:00:00")
	require.NoError(t, err)
	require.True(t, ok)
	ok, err = s.CompareAndSetCursor(ctx, "nexopos:products", 1, "stale")
	require.NoError(t, err)
	require.False(t, ok, "a stale version was accepted")
	ok, err = s.CompareAndSetCursor(ctx, "nexopos:products", 7, "future")
	require.NoError(t, err)
	require.False(t, ok, "a future version was accepted")

	c, err = s.GetCursor(ctx, "nexopos:products")
	require.NoError(t, err)
	require.Equal(t, "2025-01-02 00:00:00", c.Value)
	require.EqualValues(t, 2, c.Version)

	other, err := s.GetCursor(ctx, "nexopos:orders")
	require.NoError(t, err)
	require.Zero(t, other.Version)

	_, err = s.CompareAndSetCursor(ctx, "", 0, "x")
	require.ErrorIs(t, err, mapping.ErrInvalid)
	_, err = s.CompareAndSetCursor(ctx, "c", -1, "x")
	require.ErrorIs(t, err, mapping.ErrInvalid)
}

func testCursorRace(t *testing.T, s mapping.Store, clk *testclock.Manual) {
	ctx := t.Context()
	// Every racer increments a counter held in the cursor by read and
	// compare-and-set; no increment may be lost.
	const perRacer = 5
	errs := race(func(int) error {
		for done := 0; done < perRacer; {
			c, err := s.GetCursor(ctx, "counter")
			if err != nil {
				return err
			}
			n := 0
			if c.Value != "" {
				if n, err = strconv.Atoi(c.Value); err != nil {
					return err
				}
			}
			ok, err := s.CompareAndSetCursor(ctx, "counter", c.Version, strconv.Itoa(n+1))
			if err != nil {
				return err
			}
			if ok {
				done++
			}
		}
		return nil
	})
	for _, err := range errs {
		require.NoError(t, err)
	}
	c, err := s.GetCursor(ctx, "counter")
	require.NoError(t, err)
	require.Equal(t, strconv.Itoa(Racers*perRacer), c.Value)
	require.EqualValues(t, Racers*perRacer, c.Version)
}

func testDeliveryBasics(t *testing.T, s mapping.Store, clk *testclock.Manual) {
	ctx := t.Context()
	seen, err := s.Seen(ctx, "d1")
	require.NoError(t, err)
	require.False(t, seen)
	require.NoError(t, s.Mark(ctx, "d1", time.Hour))
	require.NoError(t, s.Mark(ctx, "d1", time.Hour)) // marking again is fine
	seen, err = s.Seen(ctx, "d1")
	require.NoError(t, err)
	require.True(t, seen)

	seen, err = s.SeenOrMark(ctx, "d1", time.Hour)
	require.NoError(t, err)
	require.True(t, seen)
	seen, err = s.SeenOrMark(ctx, "d2", time.Hour)
	require.NoError(t, err)
	require.False(t, seen)
	seen, err = s.SeenOrMark(ctx, "d2", time.Hour)
	require.NoError(t, err)
	require.True(t, seen)
	seen, err = s.Seen(ctx, "D2") // keys are case-sensitive
	require.NoError(t, err)
	require.False(t, seen)

	require.ErrorIs(t, s.Mark(ctx, "", time.Hour), mapping.ErrInvalid)
	_, err = s.SeenOrMark(ctx, "d3", -time.Second)
	require.ErrorIs(t, err, mapping.ErrInvalid)
}

func testDeliveryRace(t *testing.T, s mapping.Store, clk *testclock.Manual) {
	ctx := t.Context()
	for round := range 3 {
		key := fmt.Sprintf("delivery-%d", round)
		var fresh atomic.Int32
		errs := race(func(int) error {
			seen, err := s.SeenOrMark(ctx, key, time.Hour)
			if err == nil && !seen {
				fresh.Add(1)
			}
			return err
		})
		for _, err := range errs {
			require.NoError(t, err)
		}
		require.EqualValues(t, 1, fresh.Load(), "round %d: %d racers processed the delivery", round, fresh.Load())
	}
}

func testDeliveryExpiry(t *testing.T, s mapping.Store, clk *testclock.Manual) {
	ctx := t.Context()
	require.NoError(t, s.Mark(ctx, "old", lease))
	seen, err := s.SeenOrMark(ctx, "old", lease)
	require.NoError(t, err)
	require.True(t, seen)
	clk.Advance(lease - time.Microsecond)
	seen, err = s.Seen(ctx, "old")
	require.NoError(t, err)
	require.True(t, seen, "a delivery expired before its TTL")
	clk.Advance(time.Microsecond)
	seen, err = s.Seen(ctx, "old")
	require.NoError(t, err)
	require.False(t, seen, "an expired delivery is still seen")

	var fresh atomic.Int32
	errs := race(func(int) error {
		seen, err := s.SeenOrMark(ctx, "old", time.Hour)
		if err == nil && !seen {
			fresh.Add(1)
		}
		return err
	})
	for _, err := range errs {
		require.NoError(t, err)
	}
	require.EqualValues(t, 1, fresh.Load(), "an expired delivery was re-marked by %d racers", fresh.Load())
}

func testSkips(t *testing.T, s mapping.Store, clk *testclock.Manual) {
	ctx := t.Context()
	at := time.Date(2025, 5, 6, 7, 8, 9, 999, time.FixedZone("x", -3600))
	skips := []mapping.Skip{
		{Kind: mapping.KindOrder, Side: mapping.SideWoo, ID: 30, Reason: "unknown payment method 'cod'", At: at},
		{Kind: mapping.KindOrder, Side: mapping.SideWoo, ID: 4, Reason: "unknown payment method 'bacs'", At: at},
		{Kind: mapping.KindOrder, Side: mapping.SideNexo, ID: 4, Reason: "customer has no email", At: at},
		{Kind: mapping.KindProduct, Side: mapping.SideNexo, ID: 9, Reason: "no SKU"},
	}
	for _, sk := range skips {
		require.NoError(t, s.RecordSkip(ctx, sk))
	}
	list := func(kind mapping.Kind) []mapping.Skip {
		var out []mapping.Skip
		for sk, err := range s.ListSkips(ctx, kind) {
			require.NoError(t, err)
			out = append(out, sk)
		}
		return out
	}
	orders := list(mapping.KindOrder)
	require.Len(t, orders, 3)
	// Ordered by kind, side, id.
	require.Equal(t, []int64{4, 4, 30}, []int64{orders[0].ID, orders[1].ID, orders[2].ID})
	require.Equal(t, []mapping.Side{mapping.SideNexo, mapping.SideWoo, mapping.SideWoo}, []mapping.Side{orders[0].Side, orders[1].Side, orders[2].Side})
	require.Equal(t, "unknown payment method 'cod'", orders[2].Reason)
	require.Equal(t, utc(at), orders[2].At)

	all := list("")
	require.Len(t, all, 4)
	require.Equal(t, mapping.KindProduct, all[3].Kind)
	require.Equal(t, utc(clk.Now()), all[3].At, "a skip recorded without a time did not get the store clock's time")

	// Recording again replaces the reason; it does not add a skip.
	require.NoError(t, s.RecordSkip(ctx, mapping.Skip{Kind: mapping.KindOrder, Side: mapping.SideWoo, ID: 30, Reason: "unknown payment method 'cheque'"}))
	orders = list(mapping.KindOrder)
	require.Len(t, orders, 3)
	require.Equal(t, "unknown payment method 'cheque'", orders[2].Reason)

	require.NoError(t, s.ClearSkip(ctx, mapping.KindOrder, mapping.SideWoo, 30))
	require.NoError(t, s.ClearSkip(ctx, mapping.KindOrder, mapping.SideWoo, 30)) // already gone
	require.Len(t, list(mapping.KindOrder), 2)
	require.Empty(t, list(mapping.KindCoupon))

	require.ErrorIs(t, s.RecordSkip(ctx, mapping.Skip{Kind: mapping.KindOrder, Side: "pos", ID: 1}), mapping.ErrInvalid)
	require.ErrorIs(t, s.RecordSkip(ctx, mapping.Skip{Kind: mapping.KindOrder, Side: mapping.SideWoo}), mapping.ErrInvalid)

	// Enough skips to span several pages of a paging implementation.
	for i := range 1100 {
		require.NoError(t, s.RecordSkip(ctx, mapping.Skip{Kind: mapping.KindCustomer, Side: mapping.Side([]mapping.Side{mapping.SideWoo, mapping.SideNexo}[i%2]), ID: int64(i + 1), Reason: "r"}))
	}
	customers := list(mapping.KindCustomer)
	require.Len(t, customers, 1100)
	require.Len(t, list(""), 1103)
	for i := 1; i < len(customers); i++ {
		a, b := customers[i-1], customers[i]
		require.True(t, a.Side < b.Side || a.Side == b.Side && a.ID < b.ID, "skips out of order at %d", i)
	}
}

func testInboxAppend(t *testing.T, s mapping.Store, clk *testclock.Manual) {
	ctx := t.Context()
	payload := []byte("{\"id\":12}\x00\xff")
	added, err := s.Append(ctx, mapping.Event{ID: "woo:1", Source: "woocommerce", Topic: "product.updated", Payload: payload, Attempts: 9, State: mapping.EventDone})
	require.NoError(t, err)
	require.True(t, added)
	added, err = s.Append(ctx, mapping.Event{ID: "woo:1", Source: "woocommerce", Topic: "product.deleted", Payload: []byte("other")})
	require.NoError(t, err)
	require.False(t, added, "a duplicate event id was appended")

	e, err := s.GetEvent(ctx, "woo:1")
	require.NoError(t, err)
	require.Equal(t, "woo:1", e.ID)
	require.Equal(t, "woocommerce", e.Source)
	require.Equal(t, "product.updated", e.Topic)
	require.Equal(t, payload, e.Payload)
	require.Equal(t, mapping.EventPending, e.State)
	require.Zero(t, e.Attempts)
	require.Empty(t, e.LastError)
	require.Empty(t, e.LeaseOwner)
	require.Equal(t, utc(clk.Now()), e.CreatedAt)
	require.False(t, e.AvailableAt.After(clk.Now()))

	added, err = s.Append(ctx, mapping.Event{ID: "nexo:1", Source: "nexopos", Topic: "order.created"})
	require.NoError(t, err)
	require.True(t, added)
	e, err = s.GetEvent(ctx, "nexo:1")
	require.NoError(t, err)
	require.NotNil(t, e.Payload)
	require.Empty(t, e.Payload)

	_, err = s.GetEvent(ctx, "missing")
	require.ErrorIs(t, err, mapping.ErrNotFound)
	_, err = s.Append(ctx, mapping.Event{ID: ""})
	require.ErrorIs(t, err, mapping.ErrInvalid)
}

func testInboxClaimOrderAndDone(t *testing.T, s mapping.Store, clk *testclock.Manual) {
	ctx := t.Context()
	_, ok, err := s.ClaimNext(ctx, "w1", time.Minute)
	require.NoError(t, err)
	require.False(t, ok, "an empty inbox gave an event")

	for i := range 3 {
		_, err := s.Append(ctx, mapping.Event{ID: fmt.Sprintf("e%d", i), Source: "woocommerce", Topic: "order.created", Payload: []byte{byte(i)}})
		require.NoError(t, err)
	}
	for i := range 3 {
		e, ok, err := s.ClaimNext(ctx, "w1", time.Minute)
		require.NoError(t, err)
		require.True(t, ok)
		require.Equal(t, fmt.Sprintf("e%d", i), e.ID, "events not claimed in append order")
		require.Equal(t, []byte{byte(i)}, e.Payload)
		require.Equal(t, mapping.EventClaimed, e.State)
		require.Equal(t, "w1", e.LeaseOwner)
		require.Equal(t, 1, e.Attempts)
		require.Equal(t, utc(clk.Now().Add(time.Minute)), e.LeaseUntil)
	}
	_, ok, err = s.ClaimNext(ctx, "w2", time.Minute)
	require.NoError(t, err)
	require.False(t, ok, "an event held by w1 was given to w2")

	require.ErrorIs(t, s.Done(ctx, "e0", "w2"), mapping.ErrLeaseLost)
	require.NoError(t, s.Done(ctx, "e0", "w1"))
	require.ErrorIs(t, s.Done(ctx, "e0", "w1"), mapping.ErrLeaseLost, "an event was finished twice")
	require.ErrorIs(t, s.Done(ctx, "nope", "w1"), mapping.ErrNotFound)
	e, err := s.GetEvent(ctx, "e0")
	require.NoError(t, err)
	require.Equal(t, mapping.EventDone, e.State)
	require.Empty(t, e.LeaseOwner)

	_, ok, err = s.ClaimNext(ctx, "w2", time.Minute)
	require.NoError(t, err)
	require.False(t, ok, "a done event was claimed again")

	_, _, err = s.ClaimNext(ctx, "", time.Minute)
	require.ErrorIs(t, err, mapping.ErrInvalid)
	_, _, err = s.ClaimNext(ctx, "w", 0)
	require.ErrorIs(t, err, mapping.ErrInvalid)
}

func testInboxFail(t *testing.T, s mapping.Store, clk *testclock.Manual) {
	ctx := t.Context()
	for _, id := range []string{"retry", "give-up", "ok"} {
		_, err := s.Append(ctx, mapping.Event{ID: id, Source: "woocommerce", Topic: "order.created"})
		require.NoError(t, err)
	}
	claim := func(want string) mapping.Event {
		t.Helper()
		e, ok, err := s.ClaimNext(ctx, "w", time.Minute)
		require.NoError(t, err)
		require.True(t, ok, "nothing to claim, want %s", want)
		require.Equal(t, want, e.ID)
		return e
	}
	claim("retry")
	retryAt := clk.Now().Add(lease)
	require.NoError(t, s.Fail(ctx, "retry", "w", errors.New("nexopos: 503 Service Unavailable"), retryAt))
	claim("give-up")
	require.NoError(t, s.Fail(ctx, "give-up", "w", errors.New("unknown payment method 'cod'"), time.Time{}))
	require.ErrorIs(t, s.Fail(ctx, "give-up", "w", errors.New("again"), time.Time{}), mapping.ErrLeaseLost)

	e, err := s.GetEvent(ctx, "retry")
	require.NoError(t, err)
	require.Equal(t, mapping.EventPending, e.State)
	require.Equal(t, "nexopos: 503 Service Unavailable", e.LastError)
	require.Equal(t, utc(retryAt), e.AvailableAt)
	e, err = s.GetEvent(ctx, "give-up")
	require.NoError(t, err)
	require.Equal(t, mapping.EventFailed, e.State)
	require.Equal(t, "unknown payment method 'cod'", e.LastError)

	// "retry" waits for its retry time; "give-up" is never claimed again.
	claim("ok")
	_, ok, err := s.ClaimNext(ctx, "w", time.Minute)
	require.NoError(t, err)
	require.False(t, ok, "an event was claimed before its retry time")
	clk.Advance(lease - time.Microsecond)
	_, ok, err = s.ClaimNext(ctx, "w", time.Minute)
	require.NoError(t, err)
	require.False(t, ok, "an event was claimed before its retry time")
	clk.Advance(time.Microsecond)
	e = claim("retry")
	require.Equal(t, 2, e.Attempts)
	require.Equal(t, "nexopos: 503 Service Unavailable", e.LastError)

	stuck := func(minAttempts int) []string {
		var ids []string
		for e, err := range s.ListStuck(ctx, minAttempts) {
			require.NoError(t, err)
			ids = append(ids, e.ID)
		}
		return ids
	}
	require.Equal(t, []string{"give-up"}, stuck(0))
	require.Equal(t, []string{"retry", "give-up"}, stuck(2))
	require.Equal(t, []string{"retry", "give-up", "ok"}, stuck(1))
	require.NoError(t, s.Done(ctx, "retry", "w"))
	require.Equal(t, []string{"give-up", "ok"}, stuck(1))

	// A nil cause is still recorded as something.
	_, err = s.Append(ctx, mapping.Event{ID: "nil-cause", Source: "nexopos", Topic: "x"})
	require.NoError(t, err)
	claim("nil-cause")
	require.NoError(t, s.Fail(ctx, "nil-cause", "w", nil, time.Time{}))
	e, err = s.GetEvent(ctx, "nil-cause")
	require.NoError(t, err)
	require.NotEmpty(t, e.LastError)
}

func testInboxExactlyOnce(t *testing.T, s mapping.Store, clk *testclock.Manual) {
	ctx := t.Context()
	const events, workers = 120, 8
	for i := range events {
		_, err := s.Append(ctx, mapping.Event{ID: fmt.Sprintf("ev-%03d", i), Source: "woocommerce", Topic: "order.updated"})
		require.NoError(t, err)
	}
	var mu sync.Mutex
	applied := map[string]int{}
	var wg sync.WaitGroup
	errs := make(chan error, workers)
	for w := range workers {
		wg.Go(func() {
			worker := fmt.Sprintf("worker-%d", w)
			for {
				e, ok, err := s.ClaimNext(ctx, worker, time.Minute)
				if err != nil {
					errs <- err
					return
				}
				if !ok {
					return
				}
				mu.Lock()
				applied[e.ID]++
				mu.Unlock()
				if err := s.Done(ctx, e.ID, worker); err != nil {
					errs <- err
					return
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		require.NoError(t, err)
	}
	require.Len(t, applied, events)
	for id, n := range applied {
		require.Equal(t, 1, n, "event %s applied %d times", id, n)
	}
	for i := range events {
		e, err := s.GetEvent(ctx, fmt.Sprintf("ev-%03d", i))
		require.NoError(t, err)
		require.Equal(t, mapping.EventDone, e.State)
		require.Equal(t, 1, e.Attempts)
	}
}

func testInboxDeadWorker(t *testing.T, s mapping.Store, clk *testclock.Manual) {
	ctx := t.Context()
	_, err := s.Append(ctx, mapping.Event{ID: "orphan", Source: "woocommerce", Topic: "order.created"})
	require.NoError(t, err)
	e, ok, err := s.ClaimNext(ctx, "dies", lease)
	require.NoError(t, err)
	require.True(t, ok)
	require.Equal(t, "orphan", e.ID)

	_, ok, err = s.ClaimNext(ctx, "survivor", time.Minute)
	require.NoError(t, err)
	require.False(t, ok, "a leased event was claimed before its lease expired")
	clk.Advance(lease - time.Microsecond)
	_, ok, err = s.ClaimNext(ctx, "survivor", time.Minute)
	require.NoError(t, err)
	require.False(t, ok, "a leased event was claimed before its lease expired")

	clk.Advance(time.Microsecond)
	// The expired event goes to exactly one of the racing workers.
	var got atomic.Int32
	errs := race(func(i int) error {
		e, ok, err := s.ClaimNext(ctx, fmt.Sprintf("survivor-%d", i), time.Minute)
		if ok {
			got.Add(1)
			if e.ID != "orphan" || e.Attempts != 2 {
				return fmt.Errorf("reclaimed %s with %d attempts, want orphan with 2", e.ID, e.Attempts)
			}
			return s.Done(ctx, e.ID, e.LeaseOwner)
		}
		return err
	})
	for _, err := range errs {
		require.NoError(t, err)
	}
	require.EqualValues(t, 1, got.Load())
	require.ErrorIs(t, s.Done(ctx, "orphan", "dies"), mapping.ErrLeaseLost, "the dead worker finished an event it lost")
	e, err = s.GetEvent(ctx, "orphan")
	require.NoError(t, err)
	require.Equal(t, mapping.EventDone, e.State)
}

func testPurge(t *testing.T, s mapping.Store, clk *testclock.Manual) {
	ctx := t.Context()
	for _, id := range []string{"done", "pending"} {
		_, err := s.Append(ctx, mapping.Event{ID: id, Source: "woocommerce", Topic: "x"})
		require.NoError(t, err)
	}
	e, ok, err := s.ClaimNext(ctx, "w", time.Minute)
	require.NoError(t, err)
	require.True(t, ok)
	require.NoError(t, s.Done(ctx, e.ID, "w"))
	require.NoError(t, s.Mark(ctx, "live", time.Hour))
	ok, err = s.Claim(ctx, "held", "w", time.Hour)
	require.NoError(t, err)
	require.True(t, ok)

	n, err := s.Purge(ctx, clk.Now().Add(-time.Hour))
	require.NoError(t, err)
	require.Zero(t, n, "purged something newer than the cut-off")
	n, err = s.Purge(ctx, clk.Now().Add(time.Hour))
	require.NoError(t, err)
	require.EqualValues(t, 1, n)
	_, err = s.GetEvent(ctx, "done")
	require.ErrorIs(t, err, mapping.ErrNotFound)
	_, err = s.GetEvent(ctx, "pending")
	require.NoError(t, err)
	seen, err := s.Seen(ctx, "live")
	require.NoError(t, err)
	require.True(t, seen)

	// An hour on, the mark and the claim have expired: both are purged.
	clk.Advance(time.Hour)
	n, err = s.Purge(ctx, clk.Now().Add(-2*time.Hour))
	require.NoError(t, err)
	require.EqualValues(t, 2, n)
	seen, err = s.Seen(ctx, "live")
	require.NoError(t, err)
	require.False(t, seen)
	_, err = s.GetEvent(ctx, "pending")
	require.NoError(t, err)
}

func testClosed(t *testing.T, s mapping.Store, clk *testclock.Manual) {
	ctx := t.Context()
	require.NoError(t, s.Put(ctx, sampleLink(mapping.KindProduct, 1, 2)))
	require.NoError(t, s.Close())
	_, err := s.ByWoo(ctx, mapping.KindProduct, 1)
	require.ErrorIs(t, err, mapping.ErrClosed)
	require.ErrorIs(t, s.Put(ctx, sampleLink(mapping.KindProduct, 3, 4)), mapping.ErrClosed)
	_, err = s.Claim(ctx, "k", "o", time.Minute)
	require.ErrorIs(t, err, mapping.ErrClosed)
	for _, err := range s.List(ctx, mapping.KindProduct) {
		require.ErrorIs(t, err, mapping.ErrClosed)
	}
}

func testContextCanceled(t *testing.T, s mapping.Store, clk *testclock.Manual) {
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	_, err := s.ByWoo(ctx, mapping.KindProduct, 1)
	require.ErrorIs(t, err, context.Canceled)
	require.ErrorIs(t, s.Put(ctx, sampleLink(mapping.KindProduct, 1, 2)), context.Canceled)
	_, err = s.Append(ctx, mapping.Event{ID: "e", Source: "s", Topic: "t"})
	require.ErrorIs(t, err, context.Canceled)
	_, err = s.ByWoo(t.Context(), mapping.KindProduct, 1)
	require.ErrorIs(t, err, mapping.ErrNotFound, "a put with a canceled context was written")
}

// race runs fn in Racers goroutines released at once and returns their
// errors, indexed by racer.
func race(fn func(i int) error) []error {
	errs := make([]error, Racers)
	start := make(chan struct{})
	var wg sync.WaitGroup
	for i := range Racers {
		wg.Go(func() {
			<-start
			errs[i] = fn(i)
		})
	}
	close(start)
	wg.Wait()
	return errs
}
