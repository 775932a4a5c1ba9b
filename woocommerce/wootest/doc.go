// Package wootest is an in-memory fake WooCommerce store for tests, in the
// spirit of net/http/httptest.
//
// A [Store] is an [http.Handler] that serves the WooCommerce REST API v3 under
// /wp-json/wc/v3/ the way a real WooCommerce 10.0.2 store does: the same
// routes, status codes, error codes and messages, and bodies with the same
// field names and JSON types (money as strings, sale_price "" when unset,
// line_items[].price as a number, dates without an offset plus their _gmt
// twins, _links). [NewServer] and [NewTLSServer] start it on a loopback
// port:
//
//	srv := wootest.NewServer()
//	defer srv.Close()
//	p, _ := srv.Store.AddProduct(wootest.Product{Name: "Tee", RegularPrice: "19.99",
//		ManageStock: true, StockQuantity: wootest.Int(10)})
//	// point the code under test at srv.URL with srv.ConsumerKey/srv.ConsumerSecret
//
// The fake is built from WooCommerce's source and from traffic recorded on a
// real store, not from what any client sends, so a client that works against
// it should work against a real store, and one that is lenient where the
// store is strict fails here too.
//
// # Authentication
//
// Every store knows the key pair [DefaultConsumerKey]/[DefaultConsumerSecret]
// (read_write); [Store.AddKey] adds more, with read, write or read_write
// permission. As in WooCommerce, HTTP Basic and the consumer_key /
// consumer_secret query parameters are accepted only when the request came
// over TLS (or, with [WithTrustForwardedProto], when X-Forwarded-Proto says
// https). Otherwise only OAuth 1.0a one-legged signatures are accepted
// (HMAC-SHA1 or HMAC-SHA256, in the query string, a form body or an
// "Authorization: OAuth" header), with a ±15 minute timestamp window and
// nonces that may not repeat. A missing or unusable credential answers 401
// woocommerce_rest_cannot_view (or cannot_create, cannot_edit, ...); a bad
// one answers 401 woocommerce_rest_authentication_error; a read-only key that
// writes gets 401.
//
// # Pagination
//
// Lists take page, per_page (1 to 100, else 400 rest_invalid_param), offset,
// search, include, exclude, after, before, modified_after, modified_before,
// dates_are_gmt, order and orderby, plus each resource's own filters (sku,
// status, type, category, tag, parent, email, role, customer, product, ...).
// They answer X-WP-Total and X-WP-TotalPages and a Link header with prev and
// next only, as the real store does.
//
// Rows that tie on the sort key (the default date, when a batch created
// them in one second; a name, slug, price, ...) come in a different order on
// every request, as MySQL gives ties no order and each page is a separate
// query: walking pages sorted by such a key can repeat some rows and skip
// others, as it can on a real store. Sort by id (or include) to see every row
// once. The order of ties is drawn from [WithSeed] and a request counter.
//
// # Stock
//
// Orders move stock as WooCommerce does: an order that becomes processing,
// completed or on-hold (set_paid true, a PUT of the status, [Store.PlaceOrder]
// with Paid) reduces the stock of each line once and records _reduced_stock
// on the line; cancelled or back to pending restores it. total_sales follows
// paid orders.
//
// # Webhooks
//
// Webhooks registered over REST or with [Store.AddWebhook] receive a ping on
// creation (form body webhook_id=N, unsigned) and then a POST for every
// matching event, signed with base64(HMAC-SHA256(body, secret)) and carrying
// the X-WC-Webhook-* headers. The payload is the GET representation of the
// resource built when the delivery runs, {"id": N} for *.deleted. Deliveries
// are asynchronous, like WordPress' action scheduler (pending duplicates are
// coalesced); [Store.Flush] and [Store.WaitDeliveries] wait for them, and
// [WithSyncWebhooks] delivers before the API call returns. There are no
// retries; answers outside 200..302 are failures, and a webhook whose failure
// count already exceeds five is disabled by its next failure.
//
// The quirks observed on a real store are reproduced: trashing a product
// sends product.deleted with {"id": N}, force-deleting one sends nothing,
// a new order sends order.created then order.updated, and a stock change on a
// variation sends product.updated with the variation as payload.
//
// # Faults
//
// [Store.SetFaults] injects latency, 429 and 5xx answers, and writes whose
// answer is lost, per route; [Store.SetWebhookFaults] drops, duplicates,
// delays and reorders deliveries. Both draw from a generator seeded with
// [WithSeed], so a failing run can be replayed.
//
// # Direct access
//
// Tests seed the store without HTTP ([Store.AddProduct], [Store.AddCategory],
// [Store.AddCustomer], [Store.AddOrder], ...: no webhooks, no stock effects),
// read it ([Store.Product], [Store.Orders], ...: the same structs the API
// serves) and act as the shop owner would in the admin ([Store.UpdateProduct],
// [Store.SetStock], [Store.TrashProduct], [Store.PlaceOrder],
// [Store.SetOrderStatus], ...), which fires webhooks like the real store.
package wootest
