package nexopostest

import (
	"encoding/json"
	"fmt"
	"html"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
)

// apiError is an error answer, shaped as NexoPOS in production mode
// (APP_DEBUG=false) renders it.
type apiError struct {
	status int
	kind   errKind
	msg    string
}

type errKind int

const (
	kindException  errKind = iota // 500 {status, message, previous}
	kindNotAllowed                // 403 {status, data:null, message}
	kindNotFound                  // 404 {status, message} (NexoPOS NotFoundException)
	kindHTTP404                   // 404 {message} (route or model not found)
)

func (e *apiError) Error() string { return e.msg }

// errException is any exception the production handler turns into a 500:
// validation failures, SQL errors, "not found" thrown as plain exceptions.
func errException(format string, a ...any) *apiError {
	return &apiError{status: 500, kind: kindException, msg: sprintf(format, a...)}
}

func errNotAllowed(format string, a ...any) *apiError {
	return &apiError{status: 403, kind: kindNotAllowed, msg: sprintf(format, a...)}
}

func errNotFound(format string, a ...any) *apiError {
	return &apiError{status: 404, kind: kindNotFound, msg: sprintf(format, a...)}
}

// errModel is Laravel's ModelNotFoundException for a route-bound model.
func errModel(model string, id string) *apiError {
	m := "No query results for model [App\\Models\\" + model + "]"
	if id == "" {
		m += "."
	} else {
		m += " " + id
	}
	return &apiError{status: 404, kind: kindHTTP404, msg: m}
}

func sprintf(format string, a ...any) string {
	if len(a) == 0 {
		return format
	}
	return fmt.Sprintf(format, a...)
}

// call is one request being served.
type call struct {
	h      *Handler
	w      http.ResponseWriter
	r      *http.Request
	base   string
	json   bool
	body   obj
	rawArr []any
	params []string
	query  url.Values
	path   string // path below the prefix, without leading slash
	// rate limit headers to send, when the request was counted
	limit, remaining int
	counted          bool
}

type handlerFunc func(c *call) (any, *apiError)

type route struct {
	method  string
	pattern []string
	fn      handlerFunc
}

func (h *Handler) routes() []route {
	def := []struct {
		m, p string
		f    handlerFunc
	}{
		{"GET", "user", (*call).getUser},
		{"POST", "users/create-token", (*call).createToken},
		{"GET", "users/tokens", (*call).listTokens},
		{"DELETE", "users/tokens/{s}", (*call).deleteToken},

		{"GET", "products", (*call).listProducts},
		{"DELETE", "products", (*call).deleteAllProducts},
		{"POST", "products", (*call).createProduct},
		{"POST", "products/search", (*call).searchProducts},
		{"POST", "products/adjustments", (*call).adjustStock},
		{"GET", "products/search/using-barcode/{s}", (*call).searchUsingBarcode},
		{"GET", "products/{s}", (*call).getProduct},
		{"PUT", "products/{s}", (*call).updateProduct},
		{"DELETE", "products/{s}", (*call).deleteProduct},
		{"GET", "products/{s}/history", (*call).productHistory},
		{"GET", "products/{s}/units", (*call).productUnits},
		{"GET", "products/{s}/units/quantities", (*call).productUnitsQuantities},
		{"GET", "products/{s}/units/{s}/quantity", (*call).productUnitQuantity},

		{"GET", "categories", (*call).listCategories},
		{"GET", "categories/{n}", (*call).getCategory},
		{"GET", "categories/{n}/products", (*call).categoryProducts},
		{"POST", "categories", (*call).createCategory},
		{"PUT", "categories/{s}", (*call).updateCategory},
		{"DELETE", "categories/{s}", (*call).deleteCategory},

		{"GET", "customers", (*call).listCustomers},
		{"GET", "customers/{n}", (*call).getCustomer},
		{"POST", "customers", (*call).createCustomerAPI},
		{"POST", "customers/search", (*call).searchCustomers},
		{"PUT", "customers/{s}", (*call).updateCustomerAPI},
		{"DELETE", "customers/{s}", (*call).deleteCustomer},
		{"GET", "customers/{s}/addresses", (*call).customerAddresses},
		{"GET", "customers/{s}/group", (*call).customerGroup},
		{"GET", "customers/{s}/orders", (*call).customerOrders},
		{"GET", "customers-groups", (*call).listCustomerGroups},
		{"GET", "customers-groups/{s}", (*call).getCustomerGroup},
		{"GET", "customers-groups/{s}/customers", (*call).customerGroupCustomers},

		{"GET", "orders", (*call).listOrders},
		{"GET", "orders/payments", (*call).supportedPayments},
		{"GET", "orders/{n}", (*call).getOrder},
		{"GET", "orders/{n}/products", (*call).orderProducts},
		{"GET", "orders/{n}/payments", (*call).orderPayments},
		{"GET", "orders/{n}/refunds", (*call).orderRefunds},
		{"POST", "orders", (*call).createOrder},
		{"PUT", "orders/{n}", (*call).updateOrder},
		{"DELETE", "orders/{s}", (*call).deleteOrder},
		{"POST", "orders/{s}/payments", (*call).addPayment},
		{"POST", "orders/{s}/refund", (*call).refundOrder},
		{"POST", "orders/{s}/void", (*call).voidOrder},
		{"POST", "orders/{s}/processing", (*call).orderProcessing},
		{"POST", "orders/{s}/delivery", (*call).orderDelivery},

		{"GET", "units", (*call).listUnits},
		{"GET", "units/{s}", (*call).getUnit},
		{"GET", "units/{s}/group", (*call).getUnitParentGroup},
		{"GET", "units/{s}/siblings", (*call).getUnitSiblings},
		{"GET", "units-groups", (*call).listUnitGroups},
		{"GET", "units-groups/{s}", (*call).getUnitGroup},
		{"GET", "units-groups/{s}/units", (*call).unitGroupUnits},
		{"GET", "taxes", (*call).listTaxes},
		{"GET", "taxes/{n}", (*call).getTax},
		{"GET", "taxes/groups", (*call).listTaxGroups},
		{"GET", "taxes/groups/{s}", (*call).getTaxGroup},

		{"GET", "crud/{s}", (*call).crudList},
		{"POST", "crud/{s}", (*call).crudCreate},
		{"PUT", "crud/{s}/{n}", (*call).crudUpdate},
		{"DELETE", "crud/{s}/{s}", (*call).crudDelete},
	}
	out := make([]route, len(def))
	for i, d := range def {
		out[i] = route{method: d.m, pattern: strings.Split(d.p, "/"), fn: d.f}
	}
	return out
}

func matchPattern(pattern, segs []string) ([]string, bool) {
	if len(pattern) != len(segs) {
		return nil, false
	}
	var params []string
	for i, p := range pattern {
		switch p {
		case "{s}":
			if segs[i] == "" {
				return nil, false
			}
			params = append(params, segs[i])
		case "{n}":
			if segs[i] == "" || strings.Trim(segs[i], "0123456789") != "" {
				return nil, false
			}
			params = append(params, segs[i])
		default:
			if p != segs[i] {
				return nil, false
			}
		}
	}
	return params, true
}

// expectsJSON mirrors Laravel's Request::expectsJson.
func expectsJSON(r *http.Request) bool {
	accept := r.Header.Get("Accept")
	first := strings.TrimSpace(strings.Split(accept, ",")[0])
	first = strings.TrimSpace(strings.Split(first, ";")[0])
	if strings.Contains(first, "/json") || strings.Contains(first, "+json") {
		return true
	}
	ajax := r.Header.Get("X-Requested-With") == "XMLHttpRequest"
	anyType := accept == "" || first == "*/*" || first == "*"
	return ajax && anyType && r.Header.Get("X-PJAX") == ""
}

// ServeHTTP serves the NexoPOS API.
func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	c := &call{h: h, w: w, r: r, base: scheme + "://" + r.Host, json: expectsJSON(r), query: r.URL.Query()}

	f := h.faults.pick(h, r)
	if f != nil {
		if !f.before(c) {
			return
		}
	}

	prefix := h.Prefix() + "/"
	p := r.URL.Path
	switch {
	case strings.HasPrefix(p, prefix):
		c.path = strings.TrimPrefix(p, prefix)
	case p == "/api/user":
		c.path = "user"
	default:
		c.writeError(&apiError{status: 404, kind: kindHTTP404, msg: "The route " + strings.TrimPrefix(p, "/") + " could not be found."})
		return
	}
	segs := strings.Split(strings.TrimSuffix(c.path, "/"), "/")
	var (
		found   *route
		allowed []string
	)
	for _, rt := range h.table {
		params, ok := matchPattern(rt.pattern, segs)
		if !ok {
			continue
		}
		if rt.method != r.Method && !(rt.method == "GET" && r.Method == http.MethodHead) {
			allowed = append(allowed, rt.method)
			continue
		}
		rt := rt
		found = &rt
		c.params = params
		break
	}
	if found == nil {
		if len(allowed) > 0 {
			c.writeError(errException("The %s method is not supported for route %s. Supported methods: %s.", r.Method, strings.TrimPrefix(p, "/"), strings.Join(dedupe(allowed), ", ")))
			return
		}
		c.writeError(&apiError{status: 404, kind: kindHTTP404, msg: "The route " + strings.TrimPrefix(p, "/") + " could not be found."})
		return
	}

	if !c.authenticate() {
		if c.json {
			c.writeJSON(401, obj{{"message", "Unauthenticated."}})
		} else {
			w.Header().Set("Location", c.base+"/sign-in")
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.WriteHeader(http.StatusFound)
			_, _ = io.WriteString(w, redirectPage(c.base+"/sign-in"))
		}
		return
	}
	if !c.throttle() {
		c.counted = false
		c.writeError(errException("Too Many Attempts."))
		return
	}
	c.readBody()

	out, aerr := h.serveLocked(found.fn, c)

	if f != nil && !f.afterWrite(c) {
		return
	}
	if aerr != nil {
		c.writeError(aerr)
		return
	}
	c.writeJSON(200, out)
}

func dedupe(s []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, v := range s {
		if !seen[v] {
			seen[v] = true
			out = append(out, v)
			if v == "GET" {
				out = append(out, "HEAD")
			}
		}
	}
	return out
}

func (c *call) readBody() {
	c.body = obj{}
	if c.r.Body == nil {
		return
	}
	data, err := io.ReadAll(io.LimitReader(c.r.Body, 8<<20))
	if err != nil || len(strings.TrimSpace(string(data))) == 0 {
		return
	}
	v, err := decodeOrdered(data)
	if err != nil {
		return
	}
	switch v := v.(type) {
	case obj:
		c.body = v
	case []any:
		c.rawArr = v
		// PHP decodes a JSON list as an array indexed 0..n-1
		for i, e := range v {
			c.body = append(c.body, kv{strconv.Itoa(i), e})
		}
	}
}

func (c *call) authenticate() bool {
	auth := c.r.Header.Get("Authorization")
	if !strings.HasPrefix(auth, "Bearer ") {
		return false
	}
	tok := strings.TrimSpace(strings.TrimPrefix(auth, "Bearer "))
	c.h.mu.Lock()
	defer c.h.mu.Unlock()
	for _, t := range c.h.st.tokens {
		if t.Plain == tok {
			now := c.h.now()
			t.LastUsed = &now
			t.UpdatedAt = now
			return true
		}
	}
	return false
}

func (c *call) throttle() bool {
	max := c.h.cfg.throttle
	if max <= 0 {
		return true
	}
	ok, remaining := c.h.limiter.hit(c.h.cfg.now(), max)
	if !ok {
		return false
	}
	c.counted, c.limit, c.remaining = true, max, remaining
	return true
}

func (c *call) setCommonHeaders(contentType string) {
	hd := c.w.Header()
	hd.Set("Cache-Control", "no-cache, private")
	if c.counted {
		hd.Set("X-RateLimit-Limit", strconv.Itoa(c.limit))
		hd.Set("X-RateLimit-Remaining", strconv.Itoa(c.remaining))
	}
	hd.Set("Content-Type", contentType)
	hd.Set("Access-Control-Allow-Origin", "*")
}

func (c *call) writeJSON(status int, v any) {
	if c.h.cfg.version == V6 {
		v = renameV6(v)
	}
	data, err := json.Marshal(v)
	if err != nil {
		status = 500
		data, _ = json.Marshal(obj{{"status", "error"}, {"message", err.Error()}, {"previous", c.base}})
	}
	c.setCommonHeaders("application/json")
	c.w.WriteHeader(status)
	_, _ = c.w.Write(data)
}

func (c *call) writeError(e *apiError) {
	if !c.json {
		c.setCommonHeaders("text/html; charset=UTF-8")
		c.w.WriteHeader(e.status)
		title := "An Error Occured"
		switch e.kind {
		case kindNotAllowed:
			title = "Not Allowed Action"
		case kindHTTP404, kindNotFound:
			title = "Page Not Found"
		}
		_, _ = io.WriteString(c.w, errorPage(title, e.msg, c.base))
		return
	}
	switch e.kind {
	case kindNotAllowed:
		c.writeJSON(e.status, obj{{"status", "error"}, {"data", nil}, {"message", e.msg}})
	case kindNotFound:
		c.writeJSON(e.status, obj{{"status", "error"}, {"message", e.msg}})
	case kindHTTP404:
		c.writeJSON(e.status, obj{{"message", e.msg}})
	default:
		c.writeJSON(e.status, obj{{"status", "error"}, {"message", e.msg}, {"previous", c.base}})
	}
}

func errorPage(title, msg, base string) string {
	return `<!DOCTYPE html>
<html lang="en" class="light">
<head>
    <meta charset="UTF-8">
    <title>` + html.EscapeString(title) + `</title>
</head>
<body>
    <h1>` + html.EscapeString(title) + `</h1>
    <p>` + html.EscapeString(msg) + `</p>
    <a href="` + html.EscapeString(base) + `">Go Back</a>
</body>
</html>
`
}

func redirectPage(to string) string {
	e := html.EscapeString(to)
	return `<!DOCTYPE html>
<html>
    <head>
        <meta charset="UTF-8" />
        <meta http-equiv="refresh" content="0;url='` + e + `'" />
        <title>Redirecting to ` + e + `</title>
    </head>
    <body>
        Redirecting to <a href="` + e + `">` + e + `</a>.
    </body>
</html>`
}

// v6Renames are the column renames of NexoPOS 6.1.2+.
var v6Renames = map[string]string{
	"sale_price_with_tax":         "sale_price_gross",
	"sale_price_without_tax":      "sale_price_net",
	"wholesale_price_with_tax":    "wholesale_price_gross",
	"wholesale_price_without_tax": "wholesale_price_net",
	"custom_price_with_tax":       "custom_price_gross",
	"custom_price_without_tax":    "custom_price_net",
	"price_with_tax":              "price_gross",
	"price_without_tax":           "price_net",
	"total_price_with_tax":        "total_price_gross",
	"total_price_without_tax":     "total_price_net",
	"author":                      "author_id",
}

func renameV6(v any) any {
	switch v := v.(type) {
	case obj:
		out := make(obj, len(v))
		for i, p := range v {
			k := p.k
			if n, ok := v6Renames[k]; ok {
				k = n
			}
			out[i] = kv{k, renameV6(p.v)}
		}
		return out
	case []obj:
		out := make([]any, len(v))
		for i, e := range v {
			out[i] = renameV6(e)
		}
		return out
	case []any:
		out := make([]any, len(v))
		for i, e := range v {
			out[i] = renameV6(e)
		}
		return out
	}
	return v
}

// param returns the i-th path parameter.
func (c *call) param(i int) string {
	if i < len(c.params) {
		s, err := url.PathUnescape(c.params[i])
		if err == nil {
			return s
		}
		return c.params[i]
	}
	return ""
}

// paramID parses the i-th path parameter as an id; ok is false when it is
// not a positive integer.
func (c *call) paramID(i int) (int64, bool) {
	id, err := strconv.ParseInt(c.param(i), 10, 64)
	return id, err == nil && id > 0
}

func success(message string, data any) obj {
	o := obj{{"status", "success"}, {"message", message}}
	if data != nil {
		o = append(o, kv{"data", data})
	}
	return o
}

// serveLocked runs a route handler under the state lock. A bug in the fake
// must not leave the lock held: a panic becomes the 500 a PHP error would be.
func (h *Handler) serveLocked(fn handlerFunc, c *call) (out any, aerr *apiError) {
	h.mu.Lock()
	defer h.mu.Unlock()
	defer func() {
		if r := recover(); r != nil {
			out, aerr = nil, errException("%v", r)
		}
	}()
	return fn(c)
}
