package nexopos

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

type pollRow struct {
	ID        int64
	UpdatedAt string
}

// pollServer serves rows (already in the list's order) as ns.products,
// ns.orders and the global history, recording the queries.
type pollServer struct {
	mu      sync.Mutex
	rows    []pollRow
	queries []string
}

func (s *pollServer) set(rows ...pollRow) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.rows = rows
}

func (s *pollServer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.queries = append(s.queries, r.URL.Path+"?"+r.URL.RawQuery)
	q := r.URL.Query()
	page, _ := strconv.Atoi(q.Get("page"))
	per, _ := strconv.Atoi(q.Get("per_page"))
	var data []map[string]any
	for i := (page - 1) * per; i < min(page*per, len(s.rows)); i++ {
		data = append(data, map[string]any{"id": s.rows[i].ID, "updated_at": s.rows[i].UpdatedAt,
			"payment_status": "Paid", "total": "USD 1,00 ", "operation_type": "Added"})
	}
	last := max(1, (len(s.rows)+per-1)/per)
	_ = json.NewEncoder(w).Encode(map[string]any{"current_page": page, "last_page": last, "per_page": per, "total": len(s.rows), "data": data})
}

func newPoll(t *testing.T, opts ...Option) (*pollServer, *Client) {
	t.Helper()
	ps := &pollServer{}
	srv := httptest.NewServer(ps)
	t.Cleanup(srv.Close)
	c, err := NewClient(srv.URL, append([]Option{WithToken(testToken)}, opts...)...)
	require.NoError(t, err)
	return ps, c
}

func ids[T any](rows []T, id func(*T) int64) []int64 {
	out := []int64{}
	for i := range rows {
		out = append(out, id(&rows[i]))
	}
	return out
}

func TestProductsChangedSinceSameSecond(t *testing.T) {
	t.Parallel()
	ps, c := newPoll(t)
	pid := func(p *Product) int64 { return p.ID }

	ps.set(pollRow{2, "2026-11-27 07:10:00"}, pollRow{1, "2026-11-27 07:09:00"})
	got, cur, err := c.Products.ChangedSince(ctx(), TimeCursor{})
	require.NoError(t, err)
	assert.Equal(t, []int64{1, 2}, ids(got, pid), "oldest first")
	assert.Equal(t, "2026-11-27T07:10:00Z|2", cur.String())

	// Product 3 is updated in the same second as product 2, after the poll.
	ps.set(pollRow{3, "2026-11-27 07:10:00"}, pollRow{2, "2026-11-27 07:10:00"}, pollRow{1, "2026-11-27 07:09:00"})
	got, cur, err = c.Products.ChangedSince(ctx(), cur)
	require.NoError(t, err)
	assert.Equal(t, []int64{3}, ids(got, pid), "a record of the boundary second is not lost, and 2 is not repeated")
	assert.Equal(t, "2026-11-27T07:10:00Z|2,3", cur.String())

	// Nothing new.
	got, cur2, err := c.Products.ChangedSince(ctx(), cur)
	require.NoError(t, err)
	assert.Empty(t, got)
	assert.Equal(t, cur, cur2)

	// Product 1 updated later comes back; the cursor moves on.
	ps.set(pollRow{1, "2026-11-27 07:11:05"}, pollRow{3, "2026-11-27 07:10:00"}, pollRow{2, "2026-11-27 07:10:00"})
	got, cur, err = c.Products.ChangedSince(ctx(), cur)
	require.NoError(t, err)
	assert.Equal(t, []int64{1}, ids(got, pid))
	assert.Equal(t, "2026-11-27T07:11:05Z|1", cur.String())

	back, err := ParseTimeCursor(cur.String())
	require.NoError(t, err)
	assert.Equal(t, cur.IDs, back.IDs)
	assert.True(t, cur.Since.Equal(back.Since))
	_, err = ParseTimeCursor("yesterday|1")
	assert.Error(t, err)
}

func TestPollStopsAtCursor(t *testing.T) {
	t.Parallel()
	ps, c := newPoll(t)
	var rows []pollRow
	base := time.Date(2026, 11, 27, 8, 0, 0, 0, time.UTC)
	for i := 200; i >= 1; i-- {
		rows = append(rows, pollRow{int64(i), base.Add(time.Duration(i) * time.Minute).Format("2006-01-02 15:04:05")})
	}
	ps.set(rows...)
	cur := TimeCursor{Since: base.Add(190 * time.Minute), IDs: []int64{190}}
	got, next, err := c.Orders.UpdatedSince(ctx(), cur)
	require.NoError(t, err)
	assert.Equal(t, []int64{191, 192, 193, 194, 195, 196, 197, 198, 199, 200}, ids(got, func(o *Order) int64 { return o.ID }))
	assert.Equal(t, []int64{200}, next.IDs)
	assert.Len(t, ps.queries, 1, "only the first page is read")
	assert.Contains(t, ps.queries[0], "active=nexopos_orders.updated_at")
	assert.Contains(t, ps.queries[0], "direction=desc")
	assert.Equal(t, PaymentStatusPaid, got[0].PaymentStatus)
}

func TestMovementsSince(t *testing.T) {
	t.Parallel()
	ps, c := newPoll(t)
	var rows []pollRow
	for i := 120; i >= 1; i-- {
		rows = append(rows, pollRow{int64(i), "2026-11-27 07:09:28"})
	}
	ps.set(rows...)
	hid := func(h *HistoryEntry) int64 { return h.ID }
	got, last, err := c.Stock.MovementsSince(ctx(), 60)
	require.NoError(t, err)
	require.Len(t, got, 60)
	assert.Equal(t, int64(61), got[0].ID)
	assert.Equal(t, int64(120), got[59].ID)
	assert.Equal(t, int64(120), last)
	assert.Len(t, ps.queries, 2)
	assert.Equal(t, ActionAdded, got[0].OperationType)

	got, last, err = c.Stock.MovementsSince(ctx(), 120)
	require.NoError(t, err)
	assert.Empty(t, ids(got, hid))
	assert.Equal(t, int64(120), last)

	_, _, err = c.Stock.MovementsSince(ctx(), -1)
	require.Error(t, err)
}

func TestCustomersCreatedSince(t *testing.T) {
	t.Parallel()
	for _, v := range []Version{V6, V5} {
		t.Run(v.String(), func(t *testing.T) {
			t.Parallel()
			ps, c := newPoll(t, WithVersion(v))
			if v == V6 {
				ps.set(pollRow{9, "2026-11-27 07:00:00"}, pollRow{8, "2026-11-27 07:00:00"}, pollRow{7, "2026-11-27 07:00:00"})
			} else { // 5.x lists by updated_at: an old customer updated recently comes first
				ps.set(pollRow{3, "2026-11-27 09:00:00"}, pollRow{9, "2026-11-27 08:00:00"}, pollRow{8, "2026-11-27 07:00:00"}, pollRow{7, "2026-11-27 06:00:00"})
			}
			got, next, err := c.Customers.CreatedSince(ctx(), CustomerCursor{AfterID: 7})
			require.NoError(t, err)
			assert.Equal(t, []int64{8, 9}, ids(got, func(c *Customer) int64 { return c.ID }))
			assert.Equal(t, int64(9), next.AfterID)
			if v == V6 {
				assert.True(t, next.Since.IsZero())
			} else {
				assert.Equal(t, "9|2026-11-27T09:00:00Z", next.String())
			}
			for _, q := range ps.queries {
				assert.NotContains(t, q, "active=", "ns.customers must never be sorted")
			}
		})
	}
}

// On 5.x the walk stops at the first customer updated before the previous
// poll's newest updated_at, instead of reading every page every poll.
func TestCustomersCreatedSinceStopsAtTime(t *testing.T) {
	t.Parallel()
	ps, c := newPoll(t, WithVersion(V5))
	var rows []pollRow
	// Newest first: 200 customers, one a second from 08:00 down.
	for i := range 200 {
		rows = append(rows, pollRow{int64(200 - i), time.Date(2026, 11, 27, 8, 0, 0, 0, time.UTC).Add(-time.Duration(i) * time.Second).Format(time.DateTime)})
	}
	// An old customer edited after the previous poll, and a new one made in
	// that poll's last second.
	rows = append([]pollRow{{201, "2026-11-27 08:00:00"}, {5, "2026-11-27 08:00:00"}}, rows...)
	ps.set(rows...)
	got, next, err := c.Customers.CreatedSince(ctx(), CustomerCursor{AfterID: 200, Since: time.Date(2026, 11, 27, 8, 0, 0, 0, time.UTC)})
	require.NoError(t, err)
	assert.Equal(t, []int64{201}, ids(got, func(c *Customer) int64 { return c.ID }))
	assert.Equal(t, CustomerCursor{AfterID: 201, Since: time.Date(2026, 11, 27, 8, 0, 0, 0, time.UTC)}, next)
	assert.Len(t, ps.queries, 1, "one page, not all five")

	// Without a time (a cursor stored by an older version) every page is read.
	ps.queries = nil
	got, next, err = c.Customers.CreatedSince(ctx(), CustomerCursor{AfterID: 199})
	require.NoError(t, err)
	assert.Equal(t, []int64{200, 201}, ids(got, func(c *Customer) int64 { return c.ID }))
	assert.Equal(t, int64(201), next.AfterID)
	assert.Len(t, ps.queries, 5)
}

func TestCustomerCursorRoundTrip(t *testing.T) {
	t.Parallel()
	for _, c := range []CustomerCursor{{}, {AfterID: 12}, {AfterID: 12, Since: time.Date(2026, 11, 27, 8, 0, 1, 0, time.UTC)}} {
		got, err := ParseCustomerCursor(c.String())
		require.NoError(t, err)
		assert.Equal(t, c, got)
	}
	got, err := ParseCustomerCursor("")
	require.NoError(t, err)
	assert.Equal(t, CustomerCursor{}, got)
	for _, bad := range []string{"x", "-1", "3|yesterday"} {
		_, err := ParseCustomerCursor(bad)
		assert.Error(t, err, bad)
	}
}

func TestPollUnreadableDate(t *testing.T) {
	t.Parallel()
	ps, c := newPoll(t)
	ps.set(pollRow{1, "27/11/2026 07:00"})
	_, cur, err := c.Orders.UpdatedSince(ctx(), TimeCursor{})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "Y-m-d H:i:s")
	assert.Equal(t, TimeCursor{}, cur)
}
