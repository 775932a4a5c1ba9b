// Package mapping remembers which WooCommerce record is which NexoPOS record,
// what was last synced for each, and what work has already been done, so a
// sync never creates a record twice and two replicas never do the same work.
//
// A [Store] holds:
//
//   - links ([Link]): one per pair of records of the same [Kind], with the
//     fingerprint of what was last written to each side, the modification time
//     last seen on each side, and the stock each side had at the last sync
//     (stock is a counter: the syncer applies deltas, not absolute numbers);
//   - claims: a named lease that exactly one caller holds at a time, so only
//     one replica creates the other side of a record ([Store.Claim]);
//   - poll cursors, read and written with compare-and-set ([Store.GetCursor],
//     [Store.CompareAndSetCursor]);
//   - processed webhook deliveries with an expiry ([Store.SeenOrMark]);
//   - skips: what was not synced and why ([Skip]), for users to list;
//   - an inbox of accepted events ([Event]): WooCommerce never retries a
//     delivery, so an event is appended before the webhook is answered and
//     survives the process dying before it is applied.
//
// # Implementations
//
// [NewMemory] keeps everything in memory (tests, demos). [Open] picks a store
// by URL:
//
//	memory:
//	sqlite:///var/lib/woonexo/map.db   (absolute path)
//	sqlite:map.db                      (relative path)
//	postgres://user:pass@host:5432/db?sslmode=disable
//	mysql://user:pass@tcp(host:3306)/db
//
// SQLite (pure Go, no cgo) is the embedded default: WAL mode, a busy timeout
// and one connection, which serialises writes in the process. PostgreSQL and
// MySQL/MariaDB (10.6+ or MySQL 8, for SKIP LOCKED) suit several replicas
// sharing one store.
//
// # Schema
//
// The SQL stores create and migrate their own tables from SQL embedded in
// the package, recording the version in a schema_version table; migrations
// run under a lock, so replicas may start at the same time. [WithTablePrefix]
// lets several stores share one database.
//
// # Atomicity
//
// Every operation that decides who wins (a claim, a cursor compare-and-set, a
// delivery de-duplication, claiming an inbox event, a link insert) is a single
// conditional statement checked by rows affected, an insert guarded by a
// unique constraint, or a locking read (SELECT ... FOR UPDATE SKIP LOCKED),
// never a read followed by a write.
//
// # Time
//
// Times are stored as microseconds since the Unix epoch and returned in UTC,
// so a time read back equals the time written truncated to the microsecond.
// Leases and expiries are judged by the clock of the process ([WithClock]);
// replicas sharing a store need clocks kept in step (NTP), which is the norm.
//
// # Errors
//
// Errors say what was being done ("mapping: put product link woo=12
// nexo=40: ...") and wrap the sentinels [ErrNotFound], [ErrConflict],
// [ErrInvalid], [ErrLeaseLost] and [ErrClosed] for use with errors.Is.
package mapping
