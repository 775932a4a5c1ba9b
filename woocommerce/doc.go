// Package woocommerce is a client for the WooCommerce REST API v3
// (/wp-json/wc/v3).
//
// A [Client] is made once with [NewClient] and shared: it is immutable and
// safe for concurrent use. Each resource has a service on it
// ([Client.Products], [Client.Orders], [Client.Customers], ...) whose methods
// take a context first:
//
//	c, err := woocommerce.NewClient("https://shop.example.com",
//		woocommerce.WithCredentials("ck_...", "cs_..."))
//	p, err := c.Products.Get(ctx, 42)
//
// Endpoints without a typed method can be called with [Client.Do], which
// authenticates, retries and reports errors the same way.
//
// # Authentication
//
// WooCommerce accepts three ways of presenting a REST API key, and which one
// works depends on what the store believes about the connection
// (class-wc-rest-authentication.php):
//
//   - [AuthBasic], HTTP Basic with the consumer key and secret, only when the
//     store sees HTTPS. It is the default for https URLs.
//   - [AuthQuery], consumer_key and consumer_secret in the query string, also
//     only over HTTPS, for hosts that strip the Authorization header (their
//     symptom is a 401 woocommerce_rest_cannot_view).
//   - [AuthOAuth], one-legged OAuth 1.0a signed with HMAC-SHA256, the only
//     mode a store accepts over plain http, and the default there. Each
//     attempt, retries included, gets a fresh timestamp and nonce. Force it
//     with [WithAuthMode] for a store behind a TLS-terminating proxy, and name
//     the address the store signs over with [WithOAuthBaseURL] ("http://..."
//     in that case); a mismatch in scheme, host, port or "www" is what the
//     store reports as "Invalid signature".
//
// The consumer secret, the Basic credentials and every signed or keyed query
// string are redacted from errors and log lines.
//
// # Pagination
//
// List methods return one page and its [Page] metadata (X-WP-Total,
// X-WP-TotalPages and the Link header). All methods return an
// iter.Seq2[T, error] that walks every page:
//
//	for p, err := range c.Products.All(ctx, &woocommerce.ProductListOptions{
//		ListOptions: woocommerce.ListOptions{PerPage: 100},
//	}) {
//		if err != nil {
//			return err
//		}
//		...
//	}
//
// The iterator follows X-WP-TotalPages and the Link header and never stops at
// a short page (WooCommerce drops items it cannot read, so a short page may
// come before more), yields an error once and stops, stops on break without
// fetching another page, and works on a copy of the options. Date filters
// ([DateFilters]) are sent in UTC with dates_are_gmt=true.
//
// WooCommerce sorts lists by date (or name) by default, and rows that tie on
// the sort key come in no stable order across pages: MySQL gives ties no
// order and each page is a separate LIMIT/OFFSET query, so a walk over
// products a batch created in one second repeats some and never sees others.
// When the options set no OrderBy, the All methods therefore ask for
// orderby=id (order=asc unless the options set Order), which every list
// accepts and which is unique, so each item comes exactly once. An OrderBy
// set in the options is kept as given: a non-unique one (date, modified,
// name, title, price, ...) can repeat or skip items across pages. List sends
// the options as they are.
//
// # Batches
//
// Resources with a batch endpoint have a Batch method taking a
// [BatchRequest]. A request larger than the store's limit (100, see
// [WithBatchLimit]) is split into several calls. The store answers 200 even
// when items fail, so the [BatchResult] carries each item's outcome with its
// own [*APIError]; [BatchResult.Err] joins them.
//
// # Errors
//
// A non-2xx answer is an [*APIError] with the HTTP status, WooCommerce's code
// and message, the invalid parameters of a rest_invalid_param error and the
// raw body (truncated and redacted). An HTML page from a host or proxy, an
// empty 503 or a redirect is still an *APIError, with a message that says
// what came back. Errors match sentinels with errors.Is: [ErrNotFound] (also
// for woocommerce_rest_*_invalid_id, which updates answer with 400),
// [ErrUnauthorized], [ErrForbidden], [ErrRateLimited], [ErrBadRequest],
// [ErrServer] and others. Every error says what was being done:
//
//	woocommerce: get product 42: HTTP 404 woocommerce_rest_product_invalid_id: Invalid ID.
//
// # Retries
//
// Transient failures (429, 502, 503, 504 and network errors) are retried
// with capped exponential backoff and jitter, honouring Retry-After and
// stopping as soon as the context ends ([WithRetries], [WithBackoff]). GET,
// PUT and DELETE are retried and resend their whole body; a POST that creates
// something is retried only after a 429 (the store refused it without acting),
// never after a 5xx or a network error, because the store may have created
// it: look it up by a stable key (SKU, email, a reference in meta_data)
// before creating again. Batch calls without creates are retried like
// updates. Redirects are not followed, since a redirected POST turns into a
// GET; use the final address as the store URL.
//
// # Values
//
// Money is a [Decimal] (exact, never float64) that decodes WooCommerce's
// strings, plugins' numbers, "" and null; dates are a [Time] that decodes the
// offset-less local dates and their _gmt twins; [NullInt] and [FlexInt] take
// the integers WooCommerce sends as null, strings or floats; [ManageStock]
// takes true, false and "parent"; meta_data values are raw JSON
// ([MetaData]). Request types send only the fields that are set.
package woocommerce
