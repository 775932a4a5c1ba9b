package mapping

import (
	"context"
	"errors"
	"iter"
	"time"
)

// Sentinel errors, wrapped by every store; test them with errors.Is.
var (
	// ErrNotFound means the link, event or record asked for does not exist.
	ErrNotFound = errors.New("not found")
	// ErrConflict means a write would break a uniqueness rule: a link whose
	// WooCommerce id or NexoPOS id is already linked to a different record.
	ErrConflict = errors.New("conflict")
	// ErrInvalid means an argument was rejected before reaching the store
	// (an empty kind, a non-positive id, a negative lease, ...).
	ErrInvalid = errors.New("invalid argument")
	// ErrLeaseLost means an inbox event is no longer claimed by the worker
	// reporting on it: its lease expired and another worker claimed it, or it
	// was already finished.
	ErrLeaseLost = errors.New("lease lost")
	// ErrClosed means the store was closed.
	ErrClosed = errors.New("store closed")
)

// Kind is the kind of record a link joins. Both sides of a link have the same
// kind. The constants cover what the syncer links; other values made of
// lower-case letters, digits, '_', '-' and '.' (at most 64) are accepted.
type Kind string

// Kinds of linked records.
const (
	KindCategory    Kind = "category"
	KindProduct     Kind = "product"
	KindVariation   Kind = "variation"
	KindCustomer    Kind = "customer"
	KindOrder       Kind = "order"
	KindPaymentType Kind = "payment_type"
	KindCoupon      Kind = "coupon"
	KindTax         Kind = "tax"
	KindUnit        Kind = "unit"
)

// Side names one of the two systems kept in step.
type Side string

// The two sides.
const (
	SideWoo  Side = "woocommerce"
	SideNexo Side = "nexopos"
)

// Link records that a WooCommerce record and a NexoPOS record are the same
// thing, and what the syncer last knew of each. A link is unique on
// (Kind, WooID) and on (Kind, NexoID): a record is linked at most once.
type Link struct {
	Kind   Kind
	WooID  int64
	NexoID int64

	// WooFingerprint and NexoFingerprint identify what was last written to or
	// read from each side, so the syncer can recognise its own writes coming
	// back as webhooks or polled changes (echo suppression).
	WooFingerprint  string
	NexoFingerprint string

	// WooModified and NexoModified are the modification times last seen on
	// each side (date_modified_gmt, updated_at), so an older event never
	// overwrites a newer state. Zero means not known.
	WooModified  time.Time
	NexoModified time.Time

	// WooStock and NexoStock are the stock quantities each side had at the
	// last sync, as decimal strings ("12", "-3", "2.5"; NexoPOS quantities
	// can be fractional). The change on a side since then is a delta to apply
	// to the other. Empty means not tracked.
	WooStock  string
	NexoStock string

	// WooSales is WooCommerce's total_sales counter at the last sync
	// (simple and parent products), as a decimal string. A stock change
	// matched by a change of total_sales was made by an order, which
	// reaches NexoPOS as that order, not as a stock delta. Empty means not
	// tracked.
	WooSales string

	// UpdatedAt is set by the store when the link is written; the value given
	// to Put is ignored.
	UpdatedAt time.Time
}

// Cursor is a named poll position (for example "nexopos:products" holding the
// last updated_at seen). Version increases by one on every successful write,
// so writers can compare-and-set.
type Cursor struct {
	Name      string
	Value     string
	Version   int64 // 0 for a cursor never written
	UpdatedAt time.Time
}

// Skip records that a record was not synced and why, for example an order
// with the unknown payment method "cod". There is at most one skip per (Kind,
// Side, ID); recording again replaces the reason.
type Skip struct {
	Kind   Kind
	Side   Side  // the side the skipped record lives on
	ID     int64 // the record's id on that side
	Reason string
	At     time.Time // when it was recorded; set by the store when zero
}

// EventState is where an inbox event is in its life.
type EventState string

// Inbox event states.
const (
	// EventPending events wait for a worker (from AvailableAt on).
	EventPending EventState = "pending"
	// EventClaimed events are held by a worker until LeaseUntil; after that
	// another worker may claim them again.
	EventClaimed EventState = "claimed"
	// EventDone events were applied.
	EventDone EventState = "done"
	// EventFailed events failed without a retry time and wait for a person.
	EventFailed EventState = "failed"
)

// Event is an accepted change waiting in the durable inbox: a WooCommerce
// webhook delivery or a polled NexoPOS change. Events are claimed in the
// order they were appended.
type Event struct {
	ID      string // idempotency key, e.g. "woocommerce:delivery:8c1f..."; unique
	Source  string // e.g. "woocommerce" or "nexopos"
	Topic   string // e.g. "product.updated"
	Payload []byte

	// The fields below are maintained by the store; Append ignores them.
	State       EventState
	Attempts    int       // how many times the event was claimed
	LastError   string    // the cause given to the last Fail
	LeaseOwner  string    // the worker holding the claim
	LeaseUntil  time.Time // when the claim expires
	AvailableAt time.Time // not claimed before this time (retry backoff)
	CreatedAt   time.Time
	UpdatedAt   time.Time
}

// Store is the mapping store the syncer uses (its MappingStore). All
// implementations in this package are safe for concurrent use, and the SQL
// ones for use by several processes sharing a database. Every method takes a
// context and honours its cancellation. The conformance suite in
// mapping/mappingtest checks an implementation.
type Store interface {
	// ByWoo returns the link of the given kind whose WooCommerce id is wooID,
	// or an error wrapping ErrNotFound.
	ByWoo(ctx context.Context, kind Kind, wooID int64) (Link, error)
	// ByNexo returns the link of the given kind whose NexoPOS id is nexoID,
	// or an error wrapping ErrNotFound.
	ByNexo(ctx context.Context, kind Kind, nexoID int64) (Link, error)
	// Put creates the link, or updates the link with the same kind, WooID
	// and NexoID. If WooID or NexoID is already linked to another record, it
	// returns an error wrapping ErrConflict and changes nothing; delete the
	// old link first to re-link.
	Put(ctx context.Context, l Link) error
	// Delete removes the link of the given kind whose id on side is id, or
	// returns an error wrapping ErrNotFound.
	Delete(ctx context.Context, kind Kind, side Side, id int64) error
	// List yields the links of a kind in WooCommerce id order. It does not
	// hold a connection or lock while the caller's loop body runs, so the
	// body may call the store. An error is yielded once, and ends the list.
	List(ctx context.Context, kind Kind) iter.Seq2[Link, error]

	// Claim tries to take the lease on key for owner for the given duration.
	// It reports true if owner now holds it: nobody held it, the previous
	// lease expired, or owner already held it (the lease is then extended).
	// Exactly one of several concurrent callers wins.
	Claim(ctx context.Context, key, owner string, lease time.Duration) (bool, error)
	// Release gives up owner's lease on key. Releasing a key owner does not
	// hold is not an error and changes nothing.
	Release(ctx context.Context, key, owner string) error

	// GetCursor returns the named cursor; a cursor never written is returned
	// with Version 0 and an empty Value, without error.
	GetCursor(ctx context.Context, name string) (Cursor, error)
	// CompareAndSetCursor sets the cursor to value if its version is still
	// version (0 for a cursor never written) and reports whether it did; the
	// new version is then version+1.
	CompareAndSetCursor(ctx context.Context, name string, version int64, value string) (bool, error)

	// Seen reports whether the delivery key was marked and has not expired.
	Seen(ctx context.Context, key string) (bool, error)
	// Mark records the delivery key as processed until ttl from now,
	// extending an existing mark.
	Mark(ctx context.Context, key string, ttl time.Duration) error
	// SeenOrMark atomically reports whether the delivery key is marked and
	// unexpired and, if it is not, marks it for ttl. Of several concurrent
	// callers with the same key exactly one gets false. It is what a webhook
	// de-duplicator needs.
	SeenOrMark(ctx context.Context, key string, ttl time.Duration) (seen bool, err error)

	// RecordSkip records (or replaces) why a record was not synced.
	RecordSkip(ctx context.Context, s Skip) error
	// ListSkips yields the skips of a kind ("" for all kinds) ordered by
	// kind, side and id.
	ListSkips(ctx context.Context, kind Kind) iter.Seq2[Skip, error]
	// ClearSkip removes a skip, typically once the record synced; clearing a
	// skip that does not exist is not an error.
	ClearSkip(ctx context.Context, kind Kind, side Side, id int64) error

	// Append adds an event to the inbox in state pending, and reports
	// whether it was added: appending an ID already in the inbox changes
	// nothing and reports false. Once Append returns, the event is durable.
	Append(ctx context.Context, e Event) (added bool, err error)
	// ClaimNext claims for worker the oldest event that is pending and
	// available, or claimed with an expired lease, for the given lease, and
	// increments its Attempts. ok is false when no event is ready. Two
	// workers never hold the same event at once.
	ClaimNext(ctx context.Context, worker string, lease time.Duration) (e Event, ok bool, err error)
	// Done marks an event claimed by worker as applied. It returns an error
	// wrapping ErrLeaseLost if worker no longer holds it, or ErrNotFound.
	Done(ctx context.Context, id, worker string) error
	// Fail records that worker could not apply an event. With a non-zero
	// retryAt the event goes back to pending and is not claimed before
	// retryAt; with a zero retryAt it becomes failed and stays until a person
	// looks at it. Errors as for Done.
	Fail(ctx context.Context, id, worker string, cause error, retryAt time.Time) error
	// GetEvent returns an event by ID, or an error wrapping ErrNotFound.
	GetEvent(ctx context.Context, id string) (Event, error)
	// ListStuck yields, in inbox order, the events that need attention: every
	// failed event, and pending or claimed events that were already claimed
	// at least minAttempts times (minAttempts <= 0 lists failed events only).
	ListStuck(ctx context.Context, minAttempts int) iter.Seq2[Event, error]

	// Purge deletes expired delivery marks, expired claims, and done events
	// last updated before doneBefore, and reports how many rows it deleted.
	Purge(ctx context.Context, doneBefore time.Time) (int64, error)

	// Close releases the store's resources. Calls after Close fail with an
	// error wrapping ErrClosed.
	Close() error
}
