// Command webhook-receiver receives WooCommerce webhooks and logs each
// verified event. It answers the creation ping, refuses unsigned and forged
// requests, drops duplicates, and shuts down gracefully on SIGINT/SIGTERM.
//
// Usage:
//
//	WOONEXO_WEBHOOK_SECRET=... go run ./examples/webhook-receiver -addr :8080 -path /webhook
//
// In WooCommerce (Settings > Advanced > Webhooks), set the delivery URL to
// http(s)://<this host>:8080/webhook and the secret to the same value.
//
// The secret is read from the environment variable WOONEXO_WEBHOOK_SECRET or
// from the file named by -secret-file, never from a flag (other users of the
// machine can read command lines). It is never logged.
package main
