package nexopos

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
)

// NexoPOS sends no webhooks and has no "changed since" endpoint: an outside
// program learns of changes by polling the CRUD lists. The methods here
// walk a list newest first and stop at the caller's cursor. Each returns the
// records found, oldest first, and the cursor to hand back next time.
//
// Timestamps have a one-second resolution, so a record updated in the same
// second as the cursor, but after the previous poll read that second, would
// be lost by a strict "newer than" comparison. The time-based polls
// therefore re-read the cursor's second; records already seen come back
// again and the caller de-duplicates them by id and updated_at (the records
// of the boundary second are listed in the cursor, and Seen reports them).

// pollPageSize is the page size the polls read.
const pollPageSize = 50

// TimeCursor is the position of a time-based poll: the newest updated_at
// seen and the ids updated in that second. The zero value starts from the
// beginning. It round-trips through String and ParseTimeCursor for
// storage.
type TimeCursor struct {
	// Since is the newest updated_at seen.
	Since time.Time
	// IDs are the records already seen whose updated_at is Since.
	IDs []int64
}

// Seen reports whether the record id updated at t was already returned by
// the poll that produced the cursor.
func (c TimeCursor) Seen(id int64, t time.Time) bool {
	if !t.Equal(c.Since) {
		return !t.After(c.Since) && !c.Since.IsZero()
	}
	for _, x := range c.IDs {
		if x == id {
			return true
		}
	}
	return false
}

// String encodes the cursor as "2006-01-02T15:04:05Z|id,id"; empty for the
// zero cursor.
func (c TimeCursor) String() string {
	if c.Since.IsZero() {
		return ""
	}
	ids := make([]string, len(c.IDs))
	for i, id := range c.IDs {
		ids[i] = strconv.FormatInt(id, 10)
	}
	return c.Since.UTC().Format(time.RFC3339) + "|" + strings.Join(ids, ",")
}

// ParseTimeCursor decodes a cursor made by TimeCursor.String.
func ParseTimeCursor(s string) (TimeCursor, error) {
	if s == "" {
		return TimeCursor{}, nil
	}
	ts, ids, _ := strings.Cut(s, "|")
	t, err := time.Parse(time.RFC3339, ts)
	if err != nil {
		return TimeCursor{}, fmt.Errorf("nexopos: parse time cursor %q: %w", s, err)
	}
	c := TimeCursor{Since: t}
	if ids != "" {
		for _, p := range strings.Split(ids, ",") {
			id, err := strconv.ParseInt(p, 10, 64)
			if err != nil {
				return TimeCursor{}, fmt.Errorf("nexopos: parse time cursor %q: bad id %q", s, p)
			}
			c.IDs = append(c.IDs, id)
		}
	}
	return c, nil
}

// MarshalText encodes the cursor with String.
func (c TimeCursor) MarshalText() ([]byte, error) { return []byte(c.String()), nil }

// UnmarshalText decodes a cursor made by MarshalText.
func (c *TimeCursor) UnmarshalText(b []byte) error {
	v, err := ParseTimeCursor(string(b))
	if err == nil {
		*c = v
	}
	return err
}

// pollByTime walks a list sorted by updated_at descending and returns the
// rows updated at or after cur.Since that cur has not seen, oldest first,
// with the next cursor.
func pollByTime[T any](ctx context.Context, c *Client, l crudList, sortColumn string, cur TimeCursor,
	id func(*T) int64, updated func(*T) Time) ([]T, TimeCursor, error) {
	opts := ListOptions{Page: 1, PerPage: pollPageSize}
	if sortColumn != "" {
		opts.Active, opts.Direction = sortColumn, Descending
	}
	var found []T
	next := cur
	for {
		p, err := listCRUD[T](ctx, c, l, &opts)
		if err != nil {
			return nil, cur, fmt.Errorf("page %d: %w", opts.Page, err)
		}
		stop := false
		for i := range p.Items {
			row := &p.Items[i]
			t := updated(row).Time
			if t.IsZero() {
				return nil, cur, fmt.Errorf("row %d has no readable updated_at (the store's date format must be Y-m-d H:i:s for polling)", id(row))
			}
			if !cur.Since.IsZero() && t.Before(cur.Since) {
				stop = true
				break
			}
			if cur.Seen(id(row), t) {
				continue
			}
			found = append(found, *row)
			switch {
			case t.After(next.Since):
				next = TimeCursor{Since: t, IDs: []int64{id(row)}}
			case t.Equal(next.Since):
				next.IDs = appendUnique(next.IDs, id(row))
			}
		}
		if stop || !p.HasNext() {
			break
		}
		opts.Page++
	}
	reverse(found)
	return found, next, nil
}

func appendUnique(ids []int64, id int64) []int64 {
	for _, x := range ids {
		if x == id {
			return ids
		}
	}
	return append(append([]int64(nil), ids...), id)
}

func reverse[T any](s []T) {
	for i, j := 0, len(s)-1; i < j; i, j = i+1, j-1 {
		s[i], s[j] = s[j], s[i]
	}
}

// ChangedSince returns the products created or updated since cur, oldest
// first, and the cursor for the next call. ns.products lists the newest
// update first; the walk stops at the first row older than the cursor.
// Rows from the cursor's second that cur has not seen are returned, so
// nothing updated within one second is lost.
func (s *ProductsService) ChangedSince(ctx context.Context, cur TimeCursor) ([]Product, TimeCursor, error) {
	out, next, err := pollByTime(ctx, s.c, productsList, "", cur,
		func(p *Product) int64 { return p.ID }, func(p *Product) Time { return p.UpdatedAt })
	if err != nil {
		return nil, cur, wrap("poll changed products", err)
	}
	return out, next, nil
}

// UpdatedSince returns the orders created or updated since cur, oldest
// first, and the cursor for the next call. It sorts ns.orders by
// nexopos_orders.updated_at descending. Payments, refunds and voids leave
// an order's updated_at as it was (seen on 5.3.10): see OpenIDs.
func (s *OrdersService) UpdatedSince(ctx context.Context, cur TimeCursor) ([]Order, TimeCursor, error) {
	out, next, err := pollByTime(ctx, s.c, ordersList, "nexopos_orders.updated_at", cur,
		func(o *Order) int64 { return o.ID }, func(o *Order) Time { return o.UpdatedAt })
	if err != nil {
		return nil, cur, wrap("poll updated orders", err)
	}
	return out, next, nil
}

// openPaymentStatuses are the payment statuses of an order that a later
// payment changes without a trace in updated_at or, for a partially paid
// order or one of quick products only, in the stock history.
var openPaymentStatuses = []string{PaymentStatusHold, PaymentStatusUnpaid, PaymentStatusPartiallyPaid}

// IsOpenPaymentStatus reports whether an order's payment status is open
// (hold, unpaid or partially_paid): a later payment changes it without a
// trace in updated_at.
func IsOpenPaymentStatus(status string) bool { return slices.Contains(openPaymentStatuses, status) }

// OpenIDs returns, in ascending order, the ids of the orders whose payment
// status is open: hold, unpaid or partially_paid, one filtered listing of
// ns.orders per status, 100 rows a page. A poller that keeps the previous set finds
// the orders that left it (paid, voided or deleted) without reading every
// order.
func (s *OrdersService) OpenIDs(ctx context.Context) ([]int64, error) {
	var ids []int64
	for _, status := range openPaymentStatuses {
		opts := &ListOptions{PerPage: 100, QueryFilters: map[string]string{"nexopos_orders.payment_status": status}}
		for o, err := range s.All(ctx, opts) {
			if err != nil {
				return nil, wrap("list open orders", err)
			}
			ids = append(ids, o.ID)
		}
	}
	slices.Sort(ids)
	return slices.Compact(ids), nil
}

// MovementsSince returns the stock movements (ns.global-products-history)
// with an id above afterID, oldest first, and the highest id seen, the
// cursor for the next call (afterID when there is none). History ids only
// grow, so no movement is lost or repeated.
func (s *StockService) MovementsSince(ctx context.Context, afterID int64) ([]HistoryEntry, int64, error) {
	out, last, err := pollByID(ctx, s.c, globalHistoryList, afterID,
		func(h *HistoryEntry) int64 { return h.ID })
	if err != nil {
		return nil, afterID, wrap("poll stock movements", err)
	}
	return out, last, nil
}

// CustomerCursor is the position of the new-customer poll: the highest
// customer id seen and, for NexoPOS 4.x and 5.x, the newest updated_at
// seen. The zero value starts from the beginning. It round-trips through
// String and ParseCustomerCursor for storage.
type CustomerCursor struct {
	// AfterID is the highest customer id seen.
	AfterID int64
	// Since is the newest updated_at seen (4.x and 5.x; zero on 6.x).
	Since time.Time
}

// String encodes the cursor as "id" or "id|2006-01-02T15:04:05Z".
func (c CustomerCursor) String() string {
	s := strconv.FormatInt(c.AfterID, 10)
	if !c.Since.IsZero() {
		s += "|" + c.Since.UTC().Format(time.RFC3339)
	}
	return s
}

// ParseCustomerCursor decodes a cursor made by CustomerCursor.String. An
// empty string is the zero cursor; a bare id (what versions before the
// time bound stored) is a cursor without Since.
func ParseCustomerCursor(s string) (CustomerCursor, error) {
	if s == "" {
		return CustomerCursor{}, nil
	}
	ids, ts, hasTime := strings.Cut(s, "|")
	id, err := strconv.ParseInt(ids, 10, 64)
	if err != nil || id < 0 {
		return CustomerCursor{}, fmt.Errorf("nexopos: parse customer cursor %q: bad id %q", s, ids)
	}
	c := CustomerCursor{AfterID: id}
	if hasTime {
		if c.Since, err = time.Parse(time.RFC3339, ts); err != nil {
			return CustomerCursor{}, fmt.Errorf("nexopos: parse customer cursor %q: %w", s, err)
		}
	}
	return c, nil
}

// CreatedSince returns the customers with an id above cur.AfterID, oldest
// first, and the cursor for the next call.
//
// NexoPOS 6 lists customers by id descending: the walk stops at AfterID.
// 4.x and 5.x list them by updated_at descending (customers are never
// sorted explicitly: that lists administrators too). A customer created
// after the previous poll read the list was updated no earlier than the
// newest updated_at that poll saw, so there the walk stops at the first
// row older than cur.Since; with a zero Since it reads every page.
func (s *CustomersService) CreatedSince(ctx context.Context, cur CustomerCursor) ([]Customer, CustomerCursor, error) {
	if cur.AfterID < 0 {
		return nil, cur, wrap("poll new customers", invalid(fmt.Errorf("negative cursor %d", cur.AfterID)))
	}
	var (
		out  []Customer
		next = cur
		err  error
	)
	if s.c.version == V6 {
		out, next.AfterID, err = pollByID(ctx, s.c, customersList, cur.AfterID, func(c *Customer) int64 { return c.ID })
	} else {
		out, next, err = s.createdByUpdate(ctx, cur)
	}
	if err != nil {
		return nil, cur, wrap("poll new customers", err)
	}
	return out, next, nil
}

// createdByUpdate walks ns.customers as 4.x and 5.x sort it, by updated_at
// descending, down to the first row older than cur.Since, and keeps the
// rows above cur.AfterID.
func (s *CustomersService) createdByUpdate(ctx context.Context, cur CustomerCursor) ([]Customer, CustomerCursor, error) {
	rows, tc, err := pollByTime(ctx, s.c, customersList, "", TimeCursor{Since: cur.Since},
		func(c *Customer) int64 { return c.ID }, func(c *Customer) Time { return c.UpdatedAt })
	if err != nil {
		return nil, cur, err
	}
	next := CustomerCursor{AfterID: cur.AfterID, Since: tc.Since}
	var found []Customer
	for _, c := range rows {
		if c.ID > cur.AfterID {
			found = append(found, c)
			next.AfterID = max(next.AfterID, c.ID)
		}
	}
	sortByID(found, func(c *Customer) int64 { return c.ID })
	return found, next, nil
}

// pollByID walks a list sorted by id descending and returns the rows
// above afterID in ascending id order.
func pollByID[T any](ctx context.Context, c *Client, l crudList, afterID int64,
	id func(*T) int64) ([]T, int64, error) {
	if afterID < 0 {
		return nil, afterID, invalid(fmt.Errorf("negative cursor %d", afterID))
	}
	opts := ListOptions{Page: 1, PerPage: pollPageSize}
	var found []T
	last := afterID
	for {
		p, err := listCRUD[T](ctx, c, l, &opts)
		if err != nil {
			return nil, afterID, fmt.Errorf("page %d: %w", opts.Page, err)
		}
		stop := false
		for i := range p.Items {
			row := &p.Items[i]
			rid := id(row)
			if rid <= afterID {
				stop = true
				break
			}
			found = append(found, *row)
			last = max(last, rid)
		}
		if stop || !p.HasNext() {
			break
		}
		opts.Page++
	}
	sortByID(found, id)
	return found, last, nil
}

func sortByID[T any](s []T, id func(*T) int64) {
	slices.SortStableFunc(s, func(a, b T) int { return cmp.Compare(id(&a), id(&b)) })
}
