// Package woonexo keeps a WooCommerce store and a NexoPOS point of sale in
// step: one stock, one catalogue, one customer list, every order on both
// sides.
//
// It is a set of packages that fit together but stand alone:
//
//   - [github.com/woonexo/woonexo/woocommerce]: a typed client for the
//     WooCommerce REST API v3 (all three authentication modes, pagination as
//     iterators, batch writes with per-item errors, typed errors, retries).
//   - [github.com/woonexo/woonexo/woocommerce/webhook]: webhook signature
//     verification, ping handling, typed payloads and an http.Handler.
//   - [github.com/woonexo/woonexo/nexopos]: a typed client for the NexoPOS
//     API, 4.x, 5.x and 6.x.
//   - [github.com/woonexo/woonexo/mapping]: which WooCommerce id is which
//     NexoPOS id, with fingerprints, cursors, claims and a durable inbox, in
//     memory, SQLite (the embedded default), PostgreSQL or MySQL/MariaDB.
//   - [github.com/woonexo/woonexo/syncer]: pure reconciliation functions that
//     turn a change into a plan, and an engine that applies plans, receives
//     webhooks, polls NexoPOS and runs full reconciles.
//   - woocommerce/wootest and nexopos/nexopostest: in-memory fake servers for
//     tests and demos, built to behave like the real ones.
//
// The API packages import neither each other nor anything above them;
// mapping imports neither API package; syncer imports all three. Run
// `go run ./examples/demo` to watch a web order, a counter sale, a price
// change and new customers travel both ways between two in-process fakes.
package woonexo
