// Package nexopostest is an in-memory fake NexoPOS for tests, in the spirit
// of net/http/httptest: [NewServer] starts it on a local port, [NewHandler]
// gives the bare [http.Handler] to mount or call in process.
//
// The fake imitates a NexoPOS 5.3.10 in production mode (APP_DEBUG=false),
// from real recorded traffic and from NexoPOS's source, on the points a
// client or a syncer depends on: status codes, the shape and JSON types of
// every body, error messages, and the stock effect of every order
// operation. [WithVersion] switches to the 4.x routes and customer fields
// or to the 6.x column names. The default is 5.x because it is the line
// the recordings come from.
//
// # Authentication
//
// Requests need "Authorization: Bearer <token>" with a Sanctum token of the
// administrator ([Server.Token], or [Handler.AdminToken]); any other token
// is 401 {"message":"Unauthenticated."}. Without "Accept: application/json"
// an unauthenticated request is a 302 to /sign-in and errors are HTML
// pages, as on the real server.
//
// # Errors
//
// Writes answer {"status":"success","message","data"}; single GETs and
// plain lists are bare JSON. Validation failures and service exceptions
// are HTTP 500 {"status":"error","message","previous"} (including GET
// /api/products/{unknown}); "not allowed" is 403
// {"status":"error","data":null,"message"}; NexoPOS's own not-found is 404
// {"status":"error","message"}; a missing model in the URL is 404
// {"message":"No query results for model [App\\Models\\Order] 9"}.
//
// # Throttling
//
// 80 requests a minute per user (configurable with [WithThrottle]), counted
// after authentication, in a fixed window opened by the first request, with
// X-RateLimit-Limit and X-RateLimit-Remaining on the answers. Past the limit
// the production exception handler answers 500 {"status":"error","message":
// "Too Many Attempts.","previous"} and, because it renders the exception
// itself, without the rate-limit or Retry-After headers Laravel would send
// in debug mode. [WithClock] moves the window without sleeping.
//
// # Stock
//
// Stock lives per product and unit. Orders take it only when they become
// paid or partially paid; deleting or voiding an unpaid order, or replacing
// its lines, returns stock that was never taken (the "phantom" returns the
// real server makes), so that a syncer which triggers them is caught.
// Payments and refunds leave an order's updated_at unchanged, as recorded.
//
// # Pagination
//
// The plain lists (GET /api/products, /api/customers, /api/orders,
// /api/categories) return everything; /api/crud/{namespace} pages with
// Laravel's paginator, display-string casts and queryFilters whose keys
// reach "SQL" as on the real server (an ambiguous column is a 500).
// ns.customers comes by updated_at desc on 4.x and 5.x (CustomerCrud's
// hook, which a query with active skips), by id desc on 6.x. A page
// renders its own rows only, so that polling a large fake stays cheap.
//
// # Faults
//
// [Handler.SetFaults] injects latency, 429 and 5xx answers, and timeouts
// after the write was made, per method and path, drawn from the generator
// seeded by [WithSeed] so that a failing run can be replayed.
//
// # Direct access
//
// Tests seed and inspect the data without HTTP: [Handler.SeedReference],
// [Handler.AddProduct], [Handler.AddCustomer], [Handler.Sell],
// [Handler.Adjust], [Handler.Stock], [Handler.History], [Handler.Orders].
package nexopostest
