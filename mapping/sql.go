package mapping

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"iter"
	"math"
	"math/rand/v2"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/go-sql-driver/mysql"
	"github.com/jackc/pgx/v5/pgconn"
)

// SQLStore is a [Store] in a SQL database (SQLite, PostgreSQL or
// MySQL/MariaDB) through database/sql. Build one with [Open], [OpenSQLite],
// [OpenPostgres] or [OpenMySQL]. It is safe for concurrent use, and several
// processes may share one database.
type SQLStore struct {
	db     *sql.DB
	d      *dialect
	prefix string
	now    func() time.Time
	closed atomic.Bool

	queries sync.Map // template -> SQL with prefix and placeholders applied
	stmts   sync.Map // template -> *sql.Stmt, when the dialect prepares
}

var _ Store = (*SQLStore)(nil)

// pageSize is how many rows an iterator reads per query; no connection is
// held between pages.
const pageSize = 500

const linkCols = "kind, woo_id, nexo_id, woo_fingerprint, nexo_fingerprint, woo_modified, nexo_modified, woo_stock, nexo_stock, woo_sales, updated_at"

const eventCols = "event_id, source, topic, payload, state, attempts, last_error, lease_owner, lease_until, available_at, created_at, updated_at"

// newSQLStore wraps an opened database, migrates its schema and checks it.
// It closes db when it fails.
func newSQLStore(ctx context.Context, db *sql.DB, d *dialect, opts []Option) (*SQLStore, error) {
	o, err := buildOptions(opts)
	if err != nil {
		_ = db.Close()
		return nil, err
	}
	s := &SQLStore{db: db, d: d, prefix: o.prefix, now: o.now}
	if err := s.migrate(ctx, o.maxVersion); err != nil {
		_ = db.Close()
		return nil, fmt.Errorf("mapping: open %s store: %w", d.name, err)
	}
	return s, nil
}

// q returns the template with table names prefixed ("{p}links") and
// placeholders in the dialect's form, cached.
func (s *SQLStore) q(tmpl string) string {
	if v, ok := s.queries.Load(tmpl); ok {
		return v.(string)
	}
	v := s.d.rebind(strings.ReplaceAll(tmpl, "{p}", s.prefix))
	s.queries.Store(tmpl, v)
	return v
}

func (s *SQLStore) clock() time.Time { return norm(s.now()) }

func (s *SQLStore) check(ctx context.Context) error {
	if s.closed.Load() {
		return ErrClosed
	}
	return ctx.Err()
}

// stmt returns the cached prepared statement for a template, or nil when
// the dialect does not keep prepared statements.
func (s *SQLStore) stmt(ctx context.Context, tmpl string) (*sql.Stmt, error) {
	if !s.d.prepare {
		return nil, nil
	}
	if v, ok := s.stmts.Load(tmpl); ok {
		return v.(*sql.Stmt), nil
	}
	st, err := s.db.PrepareContext(ctx, s.q(tmpl))
	if err != nil {
		return nil, err
	}
	if v, loaded := s.stmts.LoadOrStore(tmpl, st); loaded {
		_ = st.Close()
		return v.(*sql.Stmt), nil
	}
	return st, nil
}

// exec runs one statement on its own (autocommit), again if the server
// chose it as a deadlock's victim (see onDeadlock).
func (s *SQLStore) exec(ctx context.Context, tmpl string, args ...any) (int64, error) {
	st, err := s.stmt(ctx, tmpl)
	if err != nil {
		return 0, err
	}
	var n int64
	err = onDeadlock(ctx, func() error {
		var res sql.Result
		var err error
		if st != nil {
			res, err = st.ExecContext(ctx, args...)
		} else {
			res, err = s.db.ExecContext(ctx, s.q(tmpl), args...)
		}
		if err == nil {
			n, err = res.RowsAffected()
		}
		return err
	})
	return n, err
}

// onDeadlock runs fn, a statement or a whole transaction, and runs it again
// (up to 5 times, a few milliseconds apart) while it fails as a deadlock's
// victim: the server rolled it back whole and asks for it to be retried.
func onDeadlock(ctx context.Context, fn func() error) error {
	for attempt := 1; ; attempt++ {
		err := fn()
		if err == nil || attempt == 5 || !deadlocked(err) {
			return err
		}
		select {
		case <-ctx.Done():
			return err
		case <-time.After(time.Duration(attempt*(1+rand.IntN(5))) * time.Millisecond):
		}
	}
}

// deadlocked reports whether err is a server's "deadlock, try again":
// MySQL/MariaDB 1213 (and 1205, a lock wait timeout), PostgreSQL 40P01
// and 40001.
func deadlocked(err error) bool {
	var me *mysql.MySQLError
	if errors.As(err, &me) {
		return me.Number == 1213 || me.Number == 1205
	}
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		return pe.Code == "40P01" || pe.Code == "40001"
	}
	return false
}

// queryRow runs a query expected to return at most one row.
func (s *SQLStore) queryRow(ctx context.Context, tmpl string, args ...any) scanner {
	st, err := s.stmt(ctx, tmpl)
	if err != nil {
		return errScanner{err}
	}
	if st != nil {
		return st.QueryRowContext(ctx, args...)
	}
	return s.db.QueryRowContext(ctx, s.q(tmpl), args...)
}

type errScanner struct{ err error }

// Scan returns the error that prevented the query.
func (e errScanner) Scan(...any) error { return e.err }

// insert runs an INSERT and reports false, without error, when the row
// would break a unique constraint.
func (s *SQLStore) insert(ctx context.Context, tmpl string, args ...any) (bool, error) {
	n, err := s.exec(ctx, s.d.insertIgnoring(tmpl), args...)
	if err != nil {
		if s.d.isDuplicate(err) {
			return false, nil
		}
		return false, err
	}
	return n == 1, nil
}

type scanner interface{ Scan(dest ...any) error }

func scanLink(r scanner) (Link, error) {
	var l Link
	var wm, nm, up int64
	err := r.Scan(&l.Kind, &l.WooID, &l.NexoID, &l.WooFingerprint, &l.NexoFingerprint, &wm, &nm, &l.WooStock, &l.NexoStock, &l.WooSales, &up)
	l.WooModified, l.NexoModified, l.UpdatedAt = fromMicros(wm), fromMicros(nm), fromMicros(up)
	return l, err
}

func scanEvent(r scanner) (Event, error) {
	var e Event
	var state string
	var lu, av, cr, up int64
	err := r.Scan(&e.ID, &e.Source, &e.Topic, &e.Payload, &state, &e.Attempts, &e.LastError, &e.LeaseOwner, &lu, &av, &cr, &up)
	e.State = EventState(state)
	e.LeaseUntil, e.AvailableAt, e.CreatedAt, e.UpdatedAt = fromMicros(lu), fromMicros(av), fromMicros(cr), fromMicros(up)
	if e.Payload == nil {
		e.Payload = []byte{}
	}
	return e, err
}

// ByWoo implements [Store.ByWoo].
func (s *SQLStore) ByWoo(ctx context.Context, kind Kind, wooID int64) (Link, error) {
	return s.get(ctx, kind, SideWoo, wooID)
}

// ByNexo implements [Store.ByNexo].
func (s *SQLStore) ByNexo(ctx context.Context, kind Kind, nexoID int64) (Link, error) {
	return s.get(ctx, kind, SideNexo, nexoID)
}

func (s *SQLStore) get(ctx context.Context, kind Kind, side Side, id int64) (Link, error) {
	l, err := s.lookup(ctx, kind, side, id)
	if err != nil {
		return Link{}, fmt.Errorf("mapping: get %s: %w", sideDesc(kind, side, id), err)
	}
	return l, nil
}

func (s *SQLStore) lookup(ctx context.Context, kind Kind, side Side, id int64) (Link, error) {
	if err := kind.validate(); err != nil {
		return Link{}, err
	}
	if err := s.check(ctx); err != nil {
		return Link{}, err
	}
	tmpl := "SELECT " + linkCols + " FROM {p}links WHERE kind = ? AND woo_id = ?"
	if side == SideNexo {
		tmpl = "SELECT " + linkCols + " FROM {p}links WHERE kind = ? AND nexo_id = ?"
	}
	l, err := scanLink(s.queryRow(ctx, tmpl, string(kind), id))
	if errors.Is(err, sql.ErrNoRows) {
		return Link{}, ErrNotFound
	}
	return l, err
}

// Put implements [Store.Put].
func (s *SQLStore) Put(ctx context.Context, l Link) error {
	if err := s.put(ctx, l); err != nil {
		return fmt.Errorf("mapping: put %s: %w", linkDesc(l), err)
	}
	return nil
}

func (s *SQLStore) put(ctx context.Context, l Link) error {
	if err := l.validate(); err != nil {
		return err
	}
	if err := s.check(ctx); err != nil {
		return err
	}
	now := micros(s.clock())
	wm, nm := micros(l.WooModified), micros(l.NexoModified)
	update := func() (bool, error) {
		n, err := s.exec(ctx, `UPDATE {p}links SET woo_fingerprint = ?, nexo_fingerprint = ?, woo_modified = ?, nexo_modified = ?,
			woo_stock = ?, nexo_stock = ?, woo_sales = ?, updated_at = ? WHERE kind = ? AND woo_id = ? AND nexo_id = ?`,
			l.WooFingerprint, l.NexoFingerprint, wm, nm, l.WooStock, l.NexoStock, l.WooSales, now, string(l.Kind), l.WooID, l.NexoID)
		return n == 1, err
	}
	// The link exists: update it. Otherwise insert it, relying on the two
	// unique keys; if that loses, either a concurrent Put inserted the same
	// link (update it) or an id is linked elsewhere (conflict).
	if ok, err := update(); ok || err != nil {
		return err
	}
	ok, err := s.insert(ctx, "INSERT INTO {p}links ("+linkCols+") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
		string(l.Kind), l.WooID, l.NexoID, l.WooFingerprint, l.NexoFingerprint, wm, nm, l.WooStock, l.NexoStock, l.WooSales, now)
	if ok || err != nil {
		return err
	}
	if ok, err := update(); ok || err != nil {
		return err
	}
	return s.conflict(ctx, l)
}

// conflict explains why l could not be written, for the error message.
func (s *SQLStore) conflict(ctx context.Context, l Link) error {
	if w, err := s.lookup(ctx, l.Kind, SideWoo, l.WooID); err == nil && w.NexoID != l.NexoID {
		return fmt.Errorf("%w: woo id %d is linked to nexo id %d", ErrConflict, l.WooID, w.NexoID)
	}
	if n, err := s.lookup(ctx, l.Kind, SideNexo, l.NexoID); err == nil && n.WooID != l.WooID {
		return fmt.Errorf("%w: nexo id %d is linked to woo id %d", ErrConflict, l.NexoID, n.WooID)
	}
	return fmt.Errorf("%w: the link changed concurrently", ErrConflict)
}

// Delete implements [Store.Delete].
func (s *SQLStore) Delete(ctx context.Context, kind Kind, side Side, id int64) error {
	err := func() error {
		if err := kind.validate(); err != nil {
			return err
		}
		if err := side.validate(); err != nil {
			return err
		}
		if err := s.check(ctx); err != nil {
			return err
		}
		tmpl := "DELETE FROM {p}links WHERE kind = ? AND woo_id = ?"
		if side == SideNexo {
			tmpl = "DELETE FROM {p}links WHERE kind = ? AND nexo_id = ?"
		}
		n, err := s.exec(ctx, tmpl, string(kind), id)
		if err == nil && n == 0 {
			err = ErrNotFound
		}
		return err
	}()
	if err != nil {
		return fmt.Errorf("mapping: delete %s: %w", sideDesc(kind, side, id), err)
	}
	return nil
}

// pages yields the rows of successive pages; page runs one query for the
// rows after the last one yielded (nil before the first) and returns them
// all, so no connection is held while the caller's loop body runs.
func pages[T any](ctx context.Context, s *SQLStore, wrap func(error) error, page func(last *T) ([]T, error)) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		var last *T
		for {
			if err := s.check(ctx); err != nil {
				var zero T
				yield(zero, wrap(err))
				return
			}
			rows, err := page(last)
			if err != nil {
				var zero T
				yield(zero, wrap(err))
				return
			}
			for i := range rows {
				if !yield(rows[i], nil) {
					return
				}
			}
			if len(rows) < pageSize {
				return
			}
			last = &rows[len(rows)-1]
		}
	}
}

// collect runs a query and scans every row.
func collect[T any](ctx context.Context, s *SQLStore, scan func(scanner) (T, error), tmpl string, args ...any) ([]T, error) {
	st, err := s.stmt(ctx, tmpl)
	if err != nil {
		return nil, err
	}
	var rows *sql.Rows
	if st != nil {
		rows, err = st.QueryContext(ctx, args...)
	} else {
		rows, err = s.db.QueryContext(ctx, s.q(tmpl), args...)
	}
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []T
	for rows.Next() {
		v, err := scan(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

// List implements [Store.List].
func (s *SQLStore) List(ctx context.Context, kind Kind) iter.Seq2[Link, error] {
	wrap := func(err error) error { return fmt.Errorf("mapping: list %s links: %w", kind, err) }
	if err := kind.validate(); err != nil {
		return func(yield func(Link, error) bool) { yield(Link{}, wrap(err)) }
	}
	return pages(ctx, s, wrap, func(last *Link) ([]Link, error) {
		after := int64(math.MinInt64)
		if last != nil {
			after = last.WooID
		}
		return collect(ctx, s, scanLink, fmt.Sprintf("SELECT "+linkCols+" FROM {p}links WHERE kind = ? AND woo_id > ? ORDER BY woo_id LIMIT %d", pageSize), string(kind), after)
	})
}

// Claim implements [Store.Claim].
func (s *SQLStore) Claim(ctx context.Context, key, owner string, lease time.Duration) (bool, error) {
	ok, err := func() (bool, error) {
		if err := validateClaim(key, owner, lease); err != nil {
			return false, err
		}
		if err := s.check(ctx); err != nil {
			return false, err
		}
		now := s.clock()
		until := micros(now.Add(lease))
		// Nobody holds it: the insert wins. Someone does: take it over only
		// if it is ours or expired, in one conditional update.
		ok, err := s.insert(ctx, "INSERT INTO {p}claims (claim_key, owner, lease_until) VALUES (?, ?, ?)", key, owner, until)
		if ok || err != nil {
			return ok, err
		}
		n, err := s.exec(ctx, "UPDATE {p}claims SET owner = ?, lease_until = ? WHERE claim_key = ? AND (owner = ? OR lease_until <= ?)",
			owner, until, key, owner, micros(now))
		return n == 1, err
	}()
	if err != nil {
		return false, fmt.Errorf("mapping: claim %q for %q: %w", key, owner, err)
	}
	return ok, nil
}

// Release implements [Store.Release].
func (s *SQLStore) Release(ctx context.Context, key, owner string) error {
	err := validateKey("claim key", key)
	if err == nil {
		err = validateKey("owner", owner)
	}
	if err == nil {
		err = s.check(ctx)
	}
	if err == nil {
		_, err = s.exec(ctx, "DELETE FROM {p}claims WHERE claim_key = ? AND owner = ?", key, owner)
	}
	if err != nil {
		return fmt.Errorf("mapping: release %q for %q: %w", key, owner, err)
	}
	return nil
}

// GetCursor implements [Store.GetCursor].
func (s *SQLStore) GetCursor(ctx context.Context, name string) (Cursor, error) {
	c := Cursor{Name: name}
	err := validateKey("cursor name", name)
	if err == nil {
		err = s.check(ctx)
	}
	if err == nil {
		var up int64
		err = s.queryRow(ctx, "SELECT value, version, updated_at FROM {p}cursors WHERE name = ?", name).
			Scan(&c.Value, &c.Version, &up)
		c.UpdatedAt = fromMicros(up)
		if errors.Is(err, sql.ErrNoRows) {
			return Cursor{Name: name}, nil
		}
	}
	if err != nil {
		return Cursor{}, fmt.Errorf("mapping: get cursor %q: %w", name, err)
	}
	return c, nil
}

// CompareAndSetCursor implements [Store.CompareAndSetCursor].
func (s *SQLStore) CompareAndSetCursor(ctx context.Context, name string, version int64, value string) (bool, error) {
	ok, err := func() (bool, error) {
		if err := validateCursorSet(name, version, value); err != nil {
			return false, err
		}
		if err := s.check(ctx); err != nil {
			return false, err
		}
		now := micros(s.clock())
		if version == 0 {
			return s.insert(ctx, "INSERT INTO {p}cursors (name, value, version, updated_at) VALUES (?, ?, 1, ?)", name, value, now)
		}
		n, err := s.exec(ctx, "UPDATE {p}cursors SET value = ?, version = version + 1, updated_at = ? WHERE name = ? AND version = ?",
			value, now, name, version)
		return n == 1, err
	}()
	if err != nil {
		return false, fmt.Errorf("mapping: set cursor %q at version %d: %w", name, version, err)
	}
	return ok, nil
}

// Seen implements [Store.Seen].
func (s *SQLStore) Seen(ctx context.Context, key string) (bool, error) {
	seen, err := s.seen(ctx, key)
	if err != nil {
		return false, fmt.Errorf("mapping: check delivery %q: %w", key, err)
	}
	return seen, nil
}

func (s *SQLStore) seen(ctx context.Context, key string) (bool, error) {
	if err := validateKey("delivery key", key); err != nil {
		return false, err
	}
	if err := s.check(ctx); err != nil {
		return false, err
	}
	var one int
	err := s.queryRow(ctx, "SELECT 1 FROM {p}deliveries WHERE delivery_key = ? AND expires_at > ?", key, micros(s.clock())).Scan(&one)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	return err == nil, err
}

// Mark implements [Store.Mark].
func (s *SQLStore) Mark(ctx context.Context, key string, ttl time.Duration) error {
	err := validateDelivery(key, ttl)
	if err == nil {
		err = s.check(ctx)
	}
	if err == nil {
		_, err = s.exec(ctx, s.d.upsert("{p}deliveries", []string{"delivery_key", "expires_at"}, []string{"delivery_key"}, []string{"expires_at"}),
			key, micros(s.clock().Add(ttl)))
	}
	if err != nil {
		return fmt.Errorf("mapping: mark delivery %q: %w", key, err)
	}
	return nil
}

// SeenOrMark implements [Store.SeenOrMark].
func (s *SQLStore) SeenOrMark(ctx context.Context, key string, ttl time.Duration) (bool, error) {
	seen, err := func() (bool, error) {
		if err := validateDelivery(key, ttl); err != nil {
			return false, err
		}
		// A new key: the insert wins. An expired mark: one conditional
		// update wins. An unexpired mark: seen. A mark that vanished in
		// between (purged) or expired in between: try again.
		for range 5 {
			if err := s.check(ctx); err != nil {
				return false, err
			}
			now := s.clock()
			exp := micros(now.Add(ttl))
			ok, err := s.insert(ctx, "INSERT INTO {p}deliveries (delivery_key, expires_at) VALUES (?, ?)", key, exp)
			if ok || err != nil {
				return false, err
			}
			n, err := s.exec(ctx, "UPDATE {p}deliveries SET expires_at = ? WHERE delivery_key = ? AND expires_at <= ?", exp, key, micros(now))
			if n == 1 || err != nil {
				return false, err
			}
			seen, err := s.seen(ctx, key)
			if seen || err != nil {
				return seen, err
			}
		}
		return false, errors.New("the mark kept changing under contention")
	}()
	if err != nil {
		return false, fmt.Errorf("mapping: check and mark delivery %q: %w", key, err)
	}
	return seen, nil
}

// RecordSkip implements [Store.RecordSkip].
func (s *SQLStore) RecordSkip(ctx context.Context, sk Skip) error {
	err := sk.validate()
	if err == nil {
		err = s.check(ctx)
	}
	if err == nil {
		at := sk.At
		if at.IsZero() {
			at = s.clock()
		}
		_, err = s.exec(ctx, s.d.upsert("{p}skips", []string{"kind", "side", "record_id", "reason", "recorded_at"},
			[]string{"kind", "side", "record_id"}, []string{"reason", "recorded_at"}),
			string(sk.Kind), string(sk.Side), sk.ID, sk.Reason, micros(at))
	}
	if err != nil {
		return fmt.Errorf("mapping: record skip of %s %s %d: %w", sk.Side, sk.Kind, sk.ID, err)
	}
	return nil
}

func scanSkip(r scanner) (Skip, error) {
	var sk Skip
	var at int64
	err := r.Scan(&sk.Kind, &sk.Side, &sk.ID, &sk.Reason, &at)
	sk.At = fromMicros(at)
	return sk, err
}

// ListSkips implements [Store.ListSkips].
func (s *SQLStore) ListSkips(ctx context.Context, kind Kind) iter.Seq2[Skip, error] {
	wrap := func(err error) error { return fmt.Errorf("mapping: list %s skips: %w", kind, err) }
	if kind != "" {
		if err := kind.validate(); err != nil {
			return func(yield func(Skip, error) bool) { yield(Skip{}, wrap(err)) }
		}
	}
	const cols = "SELECT kind, side, record_id, reason, recorded_at FROM {p}skips WHERE "
	order := fmt.Sprintf(" ORDER BY kind, side, record_id LIMIT %d", pageSize)
	return pages(ctx, s, wrap, func(last *Skip) ([]Skip, error) {
		switch {
		case kind == "" && last == nil:
			return collect(ctx, s, scanSkip, cols+"1 = 1"+order)
		case kind == "":
			return collect(ctx, s, scanSkip, cols+"(kind > ? OR kind = ? AND (side > ? OR side = ? AND record_id > ?))"+order,
				string(last.Kind), string(last.Kind), string(last.Side), string(last.Side), last.ID)
		case last == nil:
			return collect(ctx, s, scanSkip, cols+"kind = ?"+order, string(kind))
		default:
			return collect(ctx, s, scanSkip, cols+"kind = ? AND (side > ? OR side = ? AND record_id > ?)"+order,
				string(kind), string(last.Side), string(last.Side), last.ID)
		}
	})
}

// ClearSkip implements [Store.ClearSkip].
func (s *SQLStore) ClearSkip(ctx context.Context, kind Kind, side Side, id int64) error {
	err := Skip{Kind: kind, Side: side, ID: id}.validate()
	if err == nil {
		err = s.check(ctx)
	}
	if err == nil {
		_, err = s.exec(ctx, "DELETE FROM {p}skips WHERE kind = ? AND side = ? AND record_id = ?", string(kind), string(side), id)
	}
	if err != nil {
		return fmt.Errorf("mapping: clear skip of %s %s %d: %w", side, kind, id, err)
	}
	return nil
}

// Append implements [Store.Append].
func (s *SQLStore) Append(ctx context.Context, e Event) (bool, error) {
	ok, err := func() (bool, error) {
		if err := e.validate(); err != nil {
			return false, err
		}
		if err := s.check(ctx); err != nil {
			return false, err
		}
		now := micros(s.clock())
		payload := e.Payload
		if payload == nil {
			payload = []byte{}
		}
		return s.insert(ctx, "INSERT INTO {p}inbox ("+eventCols+") VALUES (?, ?, ?, ?, ?, 0, '', '', ?, ?, ?, ?)",
			e.ID, e.Source, e.Topic, payload, string(EventPending), micros(time.Time{}), now, now, now)
	}()
	if err != nil {
		return false, fmt.Errorf("mapping: append event %q: %w", e.ID, err)
	}
	return ok, nil
}

// readyCond selects events ClaimNext may take; its two parameters are now.
const readyCond = "state IN ('pending', 'claimed') AND (state = 'pending' AND available_at <= ? OR state = 'claimed' AND lease_until <= ?)"

// ClaimNext implements [Store.ClaimNext].
func (s *SQLStore) ClaimNext(ctx context.Context, worker string, lease time.Duration) (Event, bool, error) {
	var (
		e  Event
		ok bool
	)
	err := onDeadlock(ctx, func() error {
		var err error
		e, ok, err = s.claimNext(ctx, worker, lease)
		return err
	})
	if err != nil {
		return Event{}, false, fmt.Errorf("mapping: claim next event for %q: %w", worker, err)
	}
	return e, ok, nil
}

func (s *SQLStore) claimNext(ctx context.Context, worker string, lease time.Duration) (Event, bool, error) {
	if err := validateKey("worker", worker); err != nil {
		return Event{}, false, err
	}
	if err := validateDuration("lease", lease); err != nil {
		return Event{}, false, err
	}
	if err := s.check(ctx); err != nil {
		return Event{}, false, err
	}
	now := s.clock()
	args := []any{string(EventClaimed), worker, micros(now.Add(lease)), micros(now)}
	const set = "UPDATE {p}inbox SET state = ?, lease_owner = ?, lease_until = ?, attempts = attempts + 1, updated_at = ? WHERE seq = "
	if s.d.claimReturning {
		// One statement: the subquery picks the oldest ready event, locked
		// and skipping events other workers are locking (PostgreSQL), or
		// under SQLite's single writer.
		e, err := scanEvent(s.queryRow(ctx, set+"(SELECT seq FROM {p}inbox WHERE "+readyCond+
			" ORDER BY seq LIMIT 1"+s.d.lockSkipLocked+") RETURNING "+eventCols, append(args, micros(now), micros(now))...))
		if errors.Is(err, sql.ErrNoRows) {
			return Event{}, false, nil
		}
		return e, err == nil, err
	}
	// MySQL has no UPDATE ... RETURNING: lock the row, update it, read it
	// back, in one transaction.
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return Event{}, false, err
	}
	defer func() { _ = tx.Rollback() }()
	var seq int64
	err = tx.QueryRowContext(ctx, s.q("SELECT seq FROM {p}inbox WHERE "+readyCond+" ORDER BY seq LIMIT 1"+s.d.lockSkipLocked),
		micros(now), micros(now)).Scan(&seq)
	if errors.Is(err, sql.ErrNoRows) {
		return Event{}, false, nil
	}
	if err != nil {
		return Event{}, false, err
	}
	if _, err := tx.ExecContext(ctx, s.q(set+"?"), append(args, seq)...); err != nil {
		return Event{}, false, err
	}
	e, err := scanEvent(tx.QueryRowContext(ctx, s.q("SELECT "+eventCols+" FROM {p}inbox WHERE seq = ?"), seq))
	if err != nil {
		return Event{}, false, err
	}
	if err := tx.Commit(); err != nil {
		return Event{}, false, err
	}
	return e, true, nil
}

// finish moves an event claimed by worker out of the claimed state with
// one conditional update; set assigns state, available_at and last_error.
func (s *SQLStore) finish(ctx context.Context, id, worker string, state EventState, availableAt time.Time, lastError string) error {
	if err := validateKey("event id", id); err != nil {
		return err
	}
	if err := validateKey("worker", worker); err != nil {
		return err
	}
	if err := validateTime("retry time", availableAt); err != nil {
		return err
	}
	if err := s.check(ctx); err != nil {
		return err
	}
	now := s.clock()
	if availableAt.IsZero() {
		availableAt = now
	}
	n, err := s.exec(ctx, `UPDATE {p}inbox SET state = ?, available_at = ?, last_error = CASE WHEN ? THEN ? ELSE last_error END,
		lease_owner = '', lease_until = ?, updated_at = ? WHERE event_id = ? AND state = 'claimed' AND lease_owner = ?`,
		string(state), micros(availableAt), lastError != "", lastError, micros(time.Time{}), micros(now), id, worker)
	if err != nil || n == 1 {
		return err
	}
	var cur, owner string
	err = s.queryRow(ctx, "SELECT state, lease_owner FROM {p}inbox WHERE event_id = ?", id).Scan(&cur, &owner)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return ErrNotFound
	case err != nil:
		return err
	}
	return fmt.Errorf("%w: event is %s by %q", ErrLeaseLost, cur, owner)
}

// Done implements [Store.Done].
func (s *SQLStore) Done(ctx context.Context, id, worker string) error {
	if err := s.finish(ctx, id, worker, EventDone, time.Time{}, ""); err != nil {
		return fmt.Errorf("mapping: mark event %q done for %q: %w", id, worker, err)
	}
	return nil
}

// Fail implements [Store.Fail].
func (s *SQLStore) Fail(ctx context.Context, id, worker string, cause error, retryAt time.Time) error {
	state := EventPending
	if retryAt.IsZero() {
		state = EventFailed
	}
	if err := s.finish(ctx, id, worker, state, retryAt, errorText(cause)); err != nil {
		return fmt.Errorf("mapping: mark event %q failed for %q: %w", id, worker, err)
	}
	return nil
}

// GetEvent implements [Store.GetEvent].
func (s *SQLStore) GetEvent(ctx context.Context, id string) (Event, error) {
	err := validateKey("event id", id)
	if err == nil {
		err = s.check(ctx)
	}
	var e Event
	if err == nil {
		e, err = scanEvent(s.queryRow(ctx, "SELECT "+eventCols+" FROM {p}inbox WHERE event_id = ?", id))
		if errors.Is(err, sql.ErrNoRows) {
			err = ErrNotFound
		}
	}
	if err != nil {
		return Event{}, fmt.Errorf("mapping: get event %q: %w", id, err)
	}
	return e, nil
}

// ListStuck implements [Store.ListStuck].
func (s *SQLStore) ListStuck(ctx context.Context, minAttempts int) iter.Seq2[Event, error] {
	if minAttempts <= 0 {
		minAttempts = math.MaxInt32
	}
	type seqEvent struct {
		seq int64
		Event
	}
	scan := func(r scanner) (seqEvent, error) {
		var se seqEvent
		e, err := scanEvent(rowPrefix{r, &se.seq})
		se.Event = e
		return se, err
	}
	wrap := func(err error) error { return fmt.Errorf("mapping: list stuck events: %w", err) }
	it := pages(ctx, s, wrap, func(last *seqEvent) ([]seqEvent, error) {
		after := int64(0)
		if last != nil {
			after = last.seq
		}
		return collect(ctx, s, scan, fmt.Sprintf("SELECT seq, "+eventCols+" FROM {p}inbox WHERE seq > ? AND "+
			"(state = 'failed' OR state IN ('pending', 'claimed') AND attempts >= ?) ORDER BY seq LIMIT %d", pageSize), after, minAttempts)
	})
	return func(yield func(Event, error) bool) {
		for se, err := range it {
			if !yield(se.Event, err) {
				return
			}
		}
	}
}

// rowPrefix scans one leading column into prefix and the rest as asked.
type rowPrefix struct {
	r      scanner
	prefix any
}

// Scan scans the leading column into p.prefix, then dest.
func (p rowPrefix) Scan(dest ...any) error { return p.r.Scan(append([]any{p.prefix}, dest...)...) }

// Purge implements [Store.Purge].
func (s *SQLStore) Purge(ctx context.Context, doneBefore time.Time) (int64, error) {
	var total int64
	err := s.check(ctx)
	if err == nil {
		now := micros(s.clock())
		for _, st := range []struct {
			tmpl string
			arg  int64
		}{
			{"DELETE FROM {p}deliveries WHERE expires_at <= ?", now},
			{"DELETE FROM {p}claims WHERE lease_until <= ?", now},
			{"DELETE FROM {p}inbox WHERE state = 'done' AND updated_at < ?", micros(doneBefore)},
		} {
			var n int64
			if n, err = s.exec(ctx, st.tmpl, st.arg); err != nil {
				break
			}
			total += n
		}
	}
	if err != nil {
		return total, fmt.Errorf("mapping: purge: %w", err)
	}
	return total, nil
}

// Close implements [Store.Close]. Closing twice is not an error.
func (s *SQLStore) Close() error {
	if s.closed.Swap(true) {
		return nil
	}
	s.stmts.Range(func(_, v any) bool { _ = v.(*sql.Stmt).Close(); return true })
	if err := s.db.Close(); err != nil {
		return fmt.Errorf("mapping: close %s store: %w", s.d.name, err)
	}
	return nil
}
