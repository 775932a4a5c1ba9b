// Package nexopos is a typed client for the NexoPOS HTTP API (4.x, 5.x and
// 6.x), the point-of-sale half of a woonexo sync.
//
// Create a [Client] with [NewClient], then use its services:
//
//	c, err := nexopos.NewClient("https://pos.example.com", nexopos.WithToken(token))
//	p, err := c.Products.GetBySKU(ctx, "SPARK-001")
//
// # Authentication
//
// NexoPOS uses Laravel Sanctum personal access tokens ("id|secret"), created
// in the user profile ("API Token" tab). Pass one with [WithToken], or any
// [golang.org/x/oauth2.TokenSource] with [WithTokenSource]; it is sent as a
// Bearer token by golang.org/x/oauth2's Transport. The client always sends
// Accept: application/json, without which NexoPOS answers errors with HTML
// and redirects unauthenticated calls to its login page. The token never
// appears in an error or a log line.
//
// # Versions
//
// [WithVersion] selects the server line: [V4] (URL prefix /api/nexopos/v4,
// customers with name/surname), [V5] or [V6] (the default; prefix /api,
// customers with first_name/last_name). Decoders accept the spellings of
// every line (author and author_id, sale_price_with_tax and
// sale_price_gross, price_with_tax and price_gross, numbers and decimal
// strings), so one model type serves all of them. Writes use the spelling of
// the configured line.
//
// # Pagination
//
// NexoPOS's plain list endpoints (GET /api/products, /api/orders, ...) return
// every row at once; this package exposes them only where they are small
// (units, taxes, categories). Large collections are read page by page through
// the CRUD endpoints (/api/crud/{namespace}): a List method returns one
// [Page] with its metadata, an All method returns an iter.Seq2 over every
// page. [ListOptions] sorts (active, direction), searches and filters
// (queryFilters). CRUD rows carry display strings in cast columns (order
// totals like "USD 6,00 ", statuses like "Paid"); the decoders take the raw
// value from __raw when the server sends it, map the known English labels
// back to raw values, and keep the display text in the row's Display map.
// The polling primitives ([ProductsService.ChangedSince],
// [StockService.MovementsSince], [OrdersService.UpdatedSince],
// [CustomersService.CreatedSince]) sit on top of the CRUD lists.
//
// # Errors
//
// Every failure the server reports is an [*APIError] carrying the HTTP
// status, NexoPOS's status and message, the validation errors where present
// and the start of the body. Success is decided on the JSON "status" as well
// as on the HTTP code, since production NexoPOS answers validation errors,
// throttling and most failures with HTTP 500. Use errors.Is with
// [ErrNotFound], [ErrUnauthorized], [ErrForbidden], [ErrValidation] and
// [ErrRateLimited]; they also cover NexoPOS's irregular answers (a 500 for a
// missing product, a 302 to the login page, a 404 for a category that still
// has children is reported as ErrForbidden, not as not found). Errors are
// wrapped with what was being done: "nexopos: create order: ...".
//
// # Retries
//
// GET, PUT and DELETE requests are retried on 429, 502, 503, 504 and network
// errors with exponential backoff and jitter, honouring Retry-After; POST
// requests are retried only when the server throttled them, since a
// throttled request was never run. NexoPOS throttles 80 requests a minute
// and in production mode answers it as HTTP 500 "Too Many Attempts." without
// a Retry-After; that is recognised as rate limiting and retried after
// [DefaultThrottleWait] (see [WithThrottleWait]). [WithRateLimit] keeps the
// client under the limit in the first place, [WithRetries] changes how many
// times a call is retried.
package nexopos
