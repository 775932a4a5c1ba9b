// Package webhook receives WooCommerce webhooks: it verifies their
// signature, answers the creation ping, decodes the payload into the
// woocommerce package's types, drops duplicates, and gives WooCommerce
// status codes that tell it the truth.
//
// The quickest way in is the [Handler]:
//
//	h, err := webhook.NewHandler(os.Getenv("WOONEXO_WEBHOOK_SECRET"))
//	if err != nil { ... }
//	h.On(webhook.TopicOrderCreated, func(ctx context.Context, e *webhook.Event) error {
//		order, err := e.Order()
//		if err != nil {
//			return err
//		}
//		return queue.Append(ctx, order) // store it durably before answering
//	})
//	http.Handle("/webhook", h)
//
// # What WooCommerce sends
//
// A delivery is a POST whose body is JSON and whose X-WC-Webhook-* headers
// name the topic ("product.updated"), resource, event, webhook id, delivery
// id and the store's URL (see the Header constants). For created, updated
// and restored topics the body is the same JSON as a GET of the record; for
// *.deleted it is {"id": N} ([Event.DeletedID]); for action.* topics it is
// {"action": "woocommerce_...", "arg": ...} ([Event.Action]). A variation's
// changes arrive as product.* with "type": "variation" ([Event.IsVariation],
// [Event.Variation]). Topics this package does not know are delivered with
// their raw JSON in [Event.Body], not refused.
//
// # Signatures
//
// X-WC-Webhook-Signature is the base64 HMAC-SHA256 of the raw body under the
// webhook's secret. [Verify] checks it in constant time against one or more
// secrets (to rotate a secret, accept both while the store changes over) and
// fails with [ErrNotSigned] or [ErrInvalidSignature], which reveal nothing
// about the expected value. Verify the bytes as received: WooCommerce's JSON
// escapes slashes ("http:\/\/"), so a body decoded and encoded again no
// longer matches. Only the body is signed; the headers, including the topic
// and the delivery id, are not, and nothing says when a delivery was made,
// so a captured delivery can be replayed. De-duplication refuses a replay of
// the same delivery for [DefaultDedupeTTL].
//
// # The ping
//
// When a webhook is created, the store
// POSTs the form body "webhook_id=N" with no X-WC-Webhook-* header and no
// signature, and activates the webhook only if the answer is exactly 200.
// [IsPing] recognises it; the Handler answers it 200 and never dispatches
// it. A request with any X-WC-Webhook-* header is never taken for a ping, so
// a forged event cannot slip through unsigned, and a ping has no topic, so
// it carries no event.
//
// # Status codes and failures
//
// WooCommerce counts any answer outside 200..302 (and a timeout, after a
// minute) as a failure, and disables the webhook after more than five
// consecutive failures (the filter woocommerce_max_webhook_delivery_failures
// can change five); an administrator has to re-activate it by hand. It
// never retries a delivery: a delivery that failed is lost unless something
// reconciles later. The Handler therefore answers 200 whenever it is done
// with a delivery (processed, duplicate, ping, or no function for the
// topic), 4xx only for requests that are not valid deliveries (401 bad or
// missing signature, 400 malformed, 403 another store, 405 not POST, 413
// too large), and 500 only when your function fails. With
// [WithFailureHandoff] a failed event is handed to your function (to queue
// it) and WooCommerce gets 200 instead, which keeps the webhook enabled.
//
// Functions run synchronously, before the response is written, so a
// function that appends the event to a durable inbox and then returns nil
// guarantees that every 200 corresponds to a stored event. Their context is
// not cancelled if the store hangs up; [WithDispatchTimeout] bounds them.
//
// # De-duplication
//
// A store can deliver the same event more than once (several WordPress
// hooks feed one topic, and a checkout saves an order several times). The
// Handler drops a delivery it has already processed, keyed by
// [DeliveryKey]: webhook id, delivery id and the SHA-256 of the body (the
// delivery id has one-second resolution, so it does not identify an event
// by itself). Keys live in a [Deduper]: the bounded, expiring
// [MemoryDeduper] by default, or a mapping store ([WithDeduper]) shared by
// several replicas.
//
// A delivery is marked before its function runs, so that of two concurrent
// copies exactly one is dispatched, and unmarked if the function fails, so
// that a redelivery is processed rather than dropped. A Deduper that also
// implements [Unmarker] is unmarked directly; for one that does not, the
// Handler remembers the failed key in memory and lets the next copy through
// once (this only helps when that copy reaches the same process). A copy
// that arrives while the first one is still being processed is answered 200
// as a duplicate even if the first then fails.
//
// # Testing
//
// [NewTestRequest] builds a correctly signed delivery with every header, for
// an http.Handler in tests; [SignedRequest] builds one to send to a running
// receiver; [NewTestPing] builds the ping; [Sign] computes a signature.
package webhook
