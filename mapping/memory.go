package mapping

import (
	"cmp"
	"context"
	"fmt"
	"iter"
	"slices"
	"sync"
	"time"
)

// MemoryStore is a [Store] kept in memory, for tests and demos. Nothing
// survives the process. The zero value is not usable; call [NewMemory].
type MemoryStore struct {
	now func() time.Time

	mu         sync.Mutex
	closed     bool
	byWoo      map[kindID]*Link
	byNexo     map[kindID]*Link
	claims     map[string]memClaim
	cursors    map[string]Cursor
	deliveries map[string]time.Time // key -> expiry
	skips      map[skipKey]Skip
	events     map[string]*Event
	order      []string // event ids in append order
}

type kindID struct {
	kind Kind
	id   int64
}

type skipKey struct {
	kind Kind
	side Side
	id   int64
}

type memClaim struct {
	owner string
	until time.Time
}

var _ Store = (*MemoryStore)(nil)

// NewMemory returns an empty in-memory store. Only [WithClock] has an
// effect; a bad option is reported as an error.
func NewMemory(opts ...Option) (*MemoryStore, error) {
	o, err := buildOptions(opts)
	if err != nil {
		return nil, err
	}
	return &MemoryStore{
		now:        o.now,
		byWoo:      map[kindID]*Link{},
		byNexo:     map[kindID]*Link{},
		claims:     map[string]memClaim{},
		cursors:    map[string]Cursor{},
		deliveries: map[string]time.Time{},
		skips:      map[skipKey]Skip{},
		events:     map[string]*Event{},
	}, nil
}

// lock takes the mutex and checks the store is open and ctx is live.
func (m *MemoryStore) lock(ctx context.Context) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	m.mu.Lock()
	if m.closed {
		m.mu.Unlock()
		return ErrClosed
	}
	return nil
}

func (m *MemoryStore) clock() time.Time { return norm(m.now()) }

// ByWoo implements [Store.ByWoo].
func (m *MemoryStore) ByWoo(ctx context.Context, kind Kind, wooID int64) (Link, error) {
	return m.get(ctx, kind, SideWoo, wooID)
}

// ByNexo implements [Store.ByNexo].
func (m *MemoryStore) ByNexo(ctx context.Context, kind Kind, nexoID int64) (Link, error) {
	return m.get(ctx, kind, SideNexo, nexoID)
}

func (m *MemoryStore) get(ctx context.Context, kind Kind, side Side, id int64) (Link, error) {
	wrap := func(err error) error { return fmt.Errorf("mapping: get %s: %w", sideDesc(kind, side, id), err) }
	if err := kind.validate(); err != nil {
		return Link{}, wrap(err)
	}
	if err := m.lock(ctx); err != nil {
		return Link{}, wrap(err)
	}
	defer m.mu.Unlock()
	idx := m.byWoo
	if side == SideNexo {
		idx = m.byNexo
	}
	l, ok := idx[kindID{kind, id}]
	if !ok {
		return Link{}, wrap(ErrNotFound)
	}
	return *l, nil
}

// Put implements [Store.Put].
func (m *MemoryStore) Put(ctx context.Context, l Link) error {
	wrap := func(err error) error { return fmt.Errorf("mapping: put %s: %w", linkDesc(l), err) }
	if err := l.validate(); err != nil {
		return wrap(err)
	}
	if err := m.lock(ctx); err != nil {
		return wrap(err)
	}
	defer m.mu.Unlock()
	w, n := m.byWoo[kindID{l.Kind, l.WooID}], m.byNexo[kindID{l.Kind, l.NexoID}]
	if w != nil && w.NexoID != l.NexoID {
		return wrap(fmt.Errorf("%w: woo id %d is linked to nexo id %d", ErrConflict, l.WooID, w.NexoID))
	}
	if n != nil && n.WooID != l.WooID {
		return wrap(fmt.Errorf("%w: nexo id %d is linked to woo id %d", ErrConflict, l.NexoID, n.WooID))
	}
	l.WooModified, l.NexoModified = norm(l.WooModified), norm(l.NexoModified)
	l.UpdatedAt = m.clock()
	p := &l
	m.byWoo[kindID{l.Kind, l.WooID}] = p
	m.byNexo[kindID{l.Kind, l.NexoID}] = p
	return nil
}

// Delete implements [Store.Delete].
func (m *MemoryStore) Delete(ctx context.Context, kind Kind, side Side, id int64) error {
	wrap := func(err error) error { return fmt.Errorf("mapping: delete %s: %w", sideDesc(kind, side, id), err) }
	if err := kind.validate(); err != nil {
		return wrap(err)
	}
	if err := side.validate(); err != nil {
		return wrap(err)
	}
	if err := m.lock(ctx); err != nil {
		return wrap(err)
	}
	defer m.mu.Unlock()
	idx := m.byWoo
	if side == SideNexo {
		idx = m.byNexo
	}
	l, ok := idx[kindID{kind, id}]
	if !ok {
		return wrap(ErrNotFound)
	}
	delete(m.byWoo, kindID{kind, l.WooID})
	delete(m.byNexo, kindID{kind, l.NexoID})
	return nil
}

// List implements [Store.List].
func (m *MemoryStore) List(ctx context.Context, kind Kind) iter.Seq2[Link, error] {
	return func(yield func(Link, error) bool) {
		wrap := func(err error) error { return fmt.Errorf("mapping: list %s links: %w", kind, err) }
		if err := kind.validate(); err != nil {
			yield(Link{}, wrap(err))
			return
		}
		if err := m.lock(ctx); err != nil {
			yield(Link{}, wrap(err))
			return
		}
		var links []Link
		for k, l := range m.byWoo {
			if k.kind == kind {
				links = append(links, *l)
			}
		}
		m.mu.Unlock()
		slices.SortFunc(links, func(a, b Link) int { return cmp.Compare(a.WooID, b.WooID) })
		for _, l := range links {
			if !yield(l, nil) {
				return
			}
		}
	}
}

// Claim implements [Store.Claim].
func (m *MemoryStore) Claim(ctx context.Context, key, owner string, lease time.Duration) (bool, error) {
	wrap := func(err error) error { return fmt.Errorf("mapping: claim %q for %q: %w", key, owner, err) }
	if err := validateClaim(key, owner, lease); err != nil {
		return false, wrap(err)
	}
	if err := m.lock(ctx); err != nil {
		return false, wrap(err)
	}
	defer m.mu.Unlock()
	now := m.clock()
	if c, ok := m.claims[key]; ok && c.owner != owner && c.until.After(now) {
		return false, nil
	}
	m.claims[key] = memClaim{owner: owner, until: norm(now.Add(lease))}
	return true, nil
}

func validateClaim(key, owner string, lease time.Duration) error {
	if err := validateKey("claim key", key); err != nil {
		return err
	}
	if err := validateKey("owner", owner); err != nil {
		return err
	}
	return validateDuration("lease", lease)
}

// Release implements [Store.Release].
func (m *MemoryStore) Release(ctx context.Context, key, owner string) error {
	wrap := func(err error) error { return fmt.Errorf("mapping: release %q for %q: %w", key, owner, err) }
	if err := validateKey("claim key", key); err != nil {
		return wrap(err)
	}
	if err := validateKey("owner", owner); err != nil {
		return wrap(err)
	}
	if err := m.lock(ctx); err != nil {
		return wrap(err)
	}
	defer m.mu.Unlock()
	if c, ok := m.claims[key]; ok && c.owner == owner {
		delete(m.claims, key)
	}
	return nil
}

// GetCursor implements [Store.GetCursor].
func (m *MemoryStore) GetCursor(ctx context.Context, name string) (Cursor, error) {
	wrap := func(err error) error { return fmt.Errorf("mapping: get cursor %q: %w", name, err) }
	if err := validateKey("cursor name", name); err != nil {
		return Cursor{}, wrap(err)
	}
	if err := m.lock(ctx); err != nil {
		return Cursor{}, wrap(err)
	}
	defer m.mu.Unlock()
	c, ok := m.cursors[name]
	if !ok {
		return Cursor{Name: name}, nil
	}
	return c, nil
}

// CompareAndSetCursor implements [Store.CompareAndSetCursor].
func (m *MemoryStore) CompareAndSetCursor(ctx context.Context, name string, version int64, value string) (bool, error) {
	wrap := func(err error) error {
		return fmt.Errorf("mapping: set cursor %q at version %d: %w", name, version, err)
	}
	if err := validateCursorSet(name, version, value); err != nil {
		return false, wrap(err)
	}
	if err := m.lock(ctx); err != nil {
		return false, wrap(err)
	}
	defer m.mu.Unlock()
	if m.cursors[name].Version != version {
		return false, nil
	}
	m.cursors[name] = Cursor{Name: name, Value: value, Version: version + 1, UpdatedAt: m.clock()}
	return true, nil
}

func validateCursorSet(name string, version int64, value string) error {
	if err := validateKey("cursor name", name); err != nil {
		return err
	}
	if version < 0 {
		return fmt.Errorf("%w: version %d is negative", ErrInvalid, version)
	}
	return validateText("cursor value", value, maxLimitLen)
}

// Seen implements [Store.Seen].
func (m *MemoryStore) Seen(ctx context.Context, key string) (bool, error) {
	wrap := func(err error) error { return fmt.Errorf("mapping: check delivery %q: %w", key, err) }
	if err := validateKey("delivery key", key); err != nil {
		return false, wrap(err)
	}
	if err := m.lock(ctx); err != nil {
		return false, wrap(err)
	}
	defer m.mu.Unlock()
	exp, ok := m.deliveries[key]
	return ok && exp.After(m.clock()), nil
}

// Mark implements [Store.Mark].
func (m *MemoryStore) Mark(ctx context.Context, key string, ttl time.Duration) error {
	wrap := func(err error) error { return fmt.Errorf("mapping: mark delivery %q: %w", key, err) }
	if err := validateDelivery(key, ttl); err != nil {
		return wrap(err)
	}
	if err := m.lock(ctx); err != nil {
		return wrap(err)
	}
	defer m.mu.Unlock()
	m.deliveries[key] = norm(m.clock().Add(ttl))
	return nil
}

func validateDelivery(key string, ttl time.Duration) error {
	if err := validateKey("delivery key", key); err != nil {
		return err
	}
	return validateDuration("ttl", ttl)
}

// SeenOrMark implements [Store.SeenOrMark].
func (m *MemoryStore) SeenOrMark(ctx context.Context, key string, ttl time.Duration) (bool, error) {
	wrap := func(err error) error { return fmt.Errorf("mapping: check and mark delivery %q: %w", key, err) }
	if err := validateDelivery(key, ttl); err != nil {
		return false, wrap(err)
	}
	if err := m.lock(ctx); err != nil {
		return false, wrap(err)
	}
	defer m.mu.Unlock()
	now := m.clock()
	if exp, ok := m.deliveries[key]; ok && exp.After(now) {
		return true, nil
	}
	m.deliveries[key] = norm(now.Add(ttl))
	return false, nil
}

// RecordSkip implements [Store.RecordSkip].
func (m *MemoryStore) RecordSkip(ctx context.Context, s Skip) error {
	wrap := func(err error) error {
		return fmt.Errorf("mapping: record skip of %s %s %d: %w", s.Side, s.Kind, s.ID, err)
	}
	if err := s.validate(); err != nil {
		return wrap(err)
	}
	if err := m.lock(ctx); err != nil {
		return wrap(err)
	}
	defer m.mu.Unlock()
	if s.At.IsZero() {
		s.At = m.clock()
	}
	s.At = norm(s.At)
	m.skips[skipKey{s.Kind, s.Side, s.ID}] = s
	return nil
}

// ListSkips implements [Store.ListSkips].
func (m *MemoryStore) ListSkips(ctx context.Context, kind Kind) iter.Seq2[Skip, error] {
	return func(yield func(Skip, error) bool) {
		wrap := func(err error) error { return fmt.Errorf("mapping: list %s skips: %w", kind, err) }
		if kind != "" {
			if err := kind.validate(); err != nil {
				yield(Skip{}, wrap(err))
				return
			}
		}
		if err := m.lock(ctx); err != nil {
			yield(Skip{}, wrap(err))
			return
		}
		var skips []Skip
		for k, s := range m.skips {
			if kind == "" || k.kind == kind {
				skips = append(skips, s)
			}
		}
		m.mu.Unlock()
		slices.SortFunc(skips, func(a, b Skip) int {
			return cmp.Or(cmp.Compare(a.Kind, b.Kind), cmp.Compare(a.Side, b.Side), cmp.Compare(a.ID, b.ID))
		})
		for _, s := range skips {
			if !yield(s, nil) {
				return
			}
		}
	}
}

// ClearSkip implements [Store.ClearSkip].
func (m *MemoryStore) ClearSkip(ctx context.Context, kind Kind, side Side, id int64) error {
	wrap := func(err error) error { return fmt.Errorf("mapping: clear skip of %s %s %d: %w", side, kind, id, err) }
	if err := (Skip{Kind: kind, Side: side, ID: id}).validate(); err != nil {
		return wrap(err)
	}
	if err := m.lock(ctx); err != nil {
		return wrap(err)
	}
	defer m.mu.Unlock()
	delete(m.skips, skipKey{kind, side, id})
	return nil
}

// Append implements [Store.Append].
func (m *MemoryStore) Append(ctx context.Context, e Event) (bool, error) {
	wrap := func(err error) error { return fmt.Errorf("mapping: append event %q: %w", e.ID, err) }
	if err := e.validate(); err != nil {
		return false, wrap(err)
	}
	if err := m.lock(ctx); err != nil {
		return false, wrap(err)
	}
	defer m.mu.Unlock()
	if _, ok := m.events[e.ID]; ok {
		return false, nil
	}
	now := m.clock()
	ev := &Event{
		ID: e.ID, Source: e.Source, Topic: e.Topic, Payload: slices.Clone(e.Payload),
		State: EventPending, LeaseUntil: time.Time{}, AvailableAt: now, CreatedAt: now, UpdatedAt: now,
	}
	if ev.Payload == nil {
		ev.Payload = []byte{}
	}
	m.events[e.ID] = ev
	m.order = append(m.order, e.ID)
	return true, nil
}

func copyEvent(e *Event) Event {
	c := *e
	c.Payload = slices.Clone(e.Payload)
	return c
}

// ClaimNext implements [Store.ClaimNext].
func (m *MemoryStore) ClaimNext(ctx context.Context, worker string, lease time.Duration) (Event, bool, error) {
	wrap := func(err error) error { return fmt.Errorf("mapping: claim next event for %q: %w", worker, err) }
	if err := validateKey("worker", worker); err != nil {
		return Event{}, false, wrap(err)
	}
	if err := validateDuration("lease", lease); err != nil {
		return Event{}, false, wrap(err)
	}
	if err := m.lock(ctx); err != nil {
		return Event{}, false, wrap(err)
	}
	defer m.mu.Unlock()
	now := m.clock()
	for _, id := range m.order {
		e := m.events[id]
		ready := e.State == EventPending && !e.AvailableAt.After(now) ||
			e.State == EventClaimed && !e.LeaseUntil.After(now)
		if !ready {
			continue
		}
		e.State = EventClaimed
		e.LeaseOwner = worker
		e.LeaseUntil = norm(now.Add(lease))
		e.Attempts++
		e.UpdatedAt = now
		return copyEvent(e), true, nil
	}
	return Event{}, false, nil
}

// finish moves an event claimed by worker out of the claimed state.
func (m *MemoryStore) finish(ctx context.Context, id, worker string, apply func(e *Event, now time.Time)) error {
	if err := validateKey("event id", id); err != nil {
		return err
	}
	if err := validateKey("worker", worker); err != nil {
		return err
	}
	if err := m.lock(ctx); err != nil {
		return err
	}
	defer m.mu.Unlock()
	e, ok := m.events[id]
	if !ok {
		return ErrNotFound
	}
	if e.State != EventClaimed || e.LeaseOwner != worker {
		return fmt.Errorf("%w: event is %s by %q", ErrLeaseLost, e.State, e.LeaseOwner)
	}
	now := m.clock()
	apply(e, now)
	e.LeaseOwner = ""
	e.LeaseUntil = time.Time{}
	e.UpdatedAt = now
	return nil
}

// Done implements [Store.Done].
func (m *MemoryStore) Done(ctx context.Context, id, worker string) error {
	err := m.finish(ctx, id, worker, func(e *Event, _ time.Time) { e.State = EventDone })
	if err != nil {
		return fmt.Errorf("mapping: mark event %q done for %q: %w", id, worker, err)
	}
	return nil
}

// Fail implements [Store.Fail].
func (m *MemoryStore) Fail(ctx context.Context, id, worker string, cause error, retryAt time.Time) error {
	err := validateTime("retry time", retryAt)
	if err == nil {
		err = m.finish(ctx, id, worker, func(e *Event, now time.Time) {
			e.LastError = errorText(cause)
			if retryAt.IsZero() {
				e.State = EventFailed
				return
			}
			e.State = EventPending
			e.AvailableAt = norm(retryAt)
		})
	}
	if err != nil {
		return fmt.Errorf("mapping: mark event %q failed for %q: %w", id, worker, err)
	}
	return nil
}

// GetEvent implements [Store.GetEvent].
func (m *MemoryStore) GetEvent(ctx context.Context, id string) (Event, error) {
	wrap := func(err error) error { return fmt.Errorf("mapping: get event %q: %w", id, err) }
	if err := validateKey("event id", id); err != nil {
		return Event{}, wrap(err)
	}
	if err := m.lock(ctx); err != nil {
		return Event{}, wrap(err)
	}
	defer m.mu.Unlock()
	e, ok := m.events[id]
	if !ok {
		return Event{}, wrap(ErrNotFound)
	}
	return copyEvent(e), nil
}

// ListStuck implements [Store.ListStuck].
func (m *MemoryStore) ListStuck(ctx context.Context, minAttempts int) iter.Seq2[Event, error] {
	return func(yield func(Event, error) bool) {
		if err := m.lock(ctx); err != nil {
			yield(Event{}, fmt.Errorf("mapping: list stuck events: %w", err))
			return
		}
		var out []Event
		for _, id := range m.order {
			e := m.events[id]
			if isStuck(e, minAttempts) {
				out = append(out, copyEvent(e))
			}
		}
		m.mu.Unlock()
		for _, e := range out {
			if !yield(e, nil) {
				return
			}
		}
	}
}

func isStuck(e *Event, minAttempts int) bool {
	switch e.State {
	case EventFailed:
		return true
	case EventPending, EventClaimed:
		return minAttempts > 0 && e.Attempts >= minAttempts
	}
	return false
}

// Purge implements [Store.Purge].
func (m *MemoryStore) Purge(ctx context.Context, doneBefore time.Time) (int64, error) {
	if err := m.lock(ctx); err != nil {
		return 0, fmt.Errorf("mapping: purge: %w", err)
	}
	defer m.mu.Unlock()
	now := m.clock()
	var n int64
	for k, exp := range m.deliveries {
		if !exp.After(now) {
			delete(m.deliveries, k)
			n++
		}
	}
	for k, c := range m.claims {
		if !c.until.After(now) {
			delete(m.claims, k)
			n++
		}
	}
	doneBefore = norm(doneBefore)
	kept := m.order[:0]
	for _, id := range m.order {
		e := m.events[id]
		if e.State == EventDone && e.UpdatedAt.Before(doneBefore) {
			delete(m.events, id)
			n++
			continue
		}
		kept = append(kept, id)
	}
	clear(m.order[len(kept):])
	m.order = kept
	return n, nil
}

// Close implements [Store.Close]. Closing twice is not an error.
func (m *MemoryStore) Close() error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.closed = true
	return nil
}
