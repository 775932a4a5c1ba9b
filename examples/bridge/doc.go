// Command bridge keeps a WooCommerce store and a NexoPOS point of sale in
// step, as a service: it receives the store's webhooks, polls NexoPOS for
// changes, runs a full reconcile at start and on a schedule, and answers
// health checks.
//
// Usage:
//
//	export WOONEXO_STORE_URL=https://shop.example.com
//	export WOONEXO_CONSUMER_KEY=ck_... WOONEXO_CONSUMER_SECRET=cs_...
//	export WOONEXO_NEXOPOS_URL=https://pos.example.com WOONEXO_NEXOPOS_TOKEN=...
//	export WOONEXO_WEBHOOK_SECRET=$(openssl rand -hex 32)
//	export WOONEXO_PUBLIC_URL=https://bridge.example.com
//	go run ./examples/bridge -unit-group 1 -unit 1 -walk-in-customer 1 \
//		-default-category 1 -payment-map cod=cash-payment,bacs=bank-payment \
//		-shipping-method-id local_pickup -shipping-method-title "Picked up at the shop"
//
// Every flag has an environment variable (run with -h for the list); a flag
// given on the command line wins. Secrets (the consumer secret, the NexoPOS
// token, the webhook secret, a store URL with a password) are read from the
// environment or from a file (-consumer-secret-file, -nexopos-token-file,
// -webhook-secret-file, -store-file), never from a flag, since other users
// of the machine can read command lines. They are never logged.
//
// The mapping store is a SQLite file (woonexo.db) by default; set
// WOONEXO_STORE_DSN to postgres://... or mysql://... to run several
// replicas behind a load balancer.
//
// HTTP routes:
//
//	POST /webhooks/woocommerce  WooCommerce webhooks, verified and written to the store's inbox
//	GET  /healthz               200 {"status":"ok","stuck":N,"counts":{"product":{"synced":...}}}
//
// When WOONEXO_PUBLIC_URL (-public-url) is set, the store's webhooks are
// created or repaired at start to deliver to <public-url>/webhooks/woocommerce
// (WooCommerce must be able to reach that URL). Otherwise create them in
// WooCommerce (Settings > Advanced > Webhooks) with the same secret.
//
// NexoPOS throttles its API (60 to 80 requests a minute by default): the
// bridge spaces its requests by -nexopos-rate (750ms, bursts of 5).
//
// SIGINT or SIGTERM stops the bridge gracefully: it stops accepting
// requests, lets those in flight finish, stops the engine and closes the
// store.
package main
