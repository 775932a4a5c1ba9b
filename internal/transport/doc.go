// Package transport is the HTTP layer that the woocommerce and nexopos
// clients share: one place that sends a request, keeps its body so that a
// retry resends it whole, retries what is safe to retry, honours Retry-After,
// backs off with jitter, waits on an optional rate limiter, logs through slog
// and redacts secrets from every error and log line.
//
// It knows nothing about either API: it returns the status, headers and body
// of the last attempt, and each API package turns them into its own errors.
package transport
