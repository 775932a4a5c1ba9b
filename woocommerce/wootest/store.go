package wootest

import (
	"bytes"
	"encoding/json"
	"math/rand"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// Versions the fake reports, those of the store the samples were recorded on.
const (
	WooCommerceVersion = "10.0.2"
	WordPressVersion   = "6.8.8"
)

// The key pair every store knows, with read_write permission.
const (
	DefaultConsumerKey    = "ck_7a3c0d2e9b8f4a6c1e5d7b9a2c4e6f8a0b1c3d5e"
	DefaultConsumerSecret = "cs_2f4e6a8c0b1d3f5a7c9e1b3d5f7a9c0e2b4d6f8a"
)

// userAgent is what WooCommerce sends on webhook deliveries.
const userAgent = "WooCommerce/" + WooCommerceVersion + " Hookshot (WordPress/" + WordPressVersion + ")"

// Option configures a [Store].
type Option func(*config)

type config struct {
	seed         int64
	now          func() time.Time
	loc          *time.Location
	url          string
	urlSet       bool
	syncWebhooks bool
	client       *http.Client
	trustForward bool
	batchLimit   int
	currency     string
	currencySign string
	currencyHTML string
}

// WithSeed seeds the generator behind fault injection, order keys, webhook
// faults and the order of rows that tie on a list's sort key, so that a run
// can be replayed. The default seed is 1.
func WithSeed(seed int64) Option { return func(c *config) { c.seed = seed } }

// WithClock makes the store read the time from now (dates, OAuth timestamp
// window, nonce expiry).
func WithClock(now func() time.Time) Option {
	return func(c *config) {
		if now != nil {
			c.now = now
		}
	}
}

// WithTimezone sets the store's timezone, in which the offset-less dates
// (date_created, ...) are written; the _gmt twins are UTC. The default is UTC.
func WithTimezone(loc *time.Location) Option {
	return func(c *config) {
		if loc != nil {
			c.loc = loc
		}
	}
}

// WithURL sets the store's home URL, used for links and X-WC-Webhook-Source
// when a change does not come from an HTTP request (direct access). Requests
// use their own scheme and host, as a store with a dynamic home URL does.
// [NewServer] sets it to the server's URL.
func WithURL(u string) Option {
	return func(c *config) {
		if u != "" {
			c.url, c.urlSet = strings.TrimRight(u, "/"), true
		}
	}
}

// WithSyncWebhooks delivers webhooks before the call that caused them
// returns, instead of from a background queue.
func WithSyncWebhooks() Option { return func(c *config) { c.syncWebhooks = true } }

// WithWebhookClient sets the HTTP client that delivers webhooks and pings
// (for example one that trusts a TLS test server). The default has
// WooCommerce's 60 second timeout and follows no redirects.
func WithWebhookClient(hc *http.Client) Option {
	return func(c *config) {
		if hc != nil {
			c.client = hc
		}
	}
}

// WithTrustForwardedProto makes the store treat a request with
// "X-Forwarded-Proto: https" as HTTPS, as a WordPress behind a
// TLS-terminating proxy configured for it does: Basic and query-string keys
// are then accepted and OAuth signs https URLs.
func WithTrustForwardedProto() Option { return func(c *config) { c.trustForward = true } }

// WithBatchLimit changes the batch limit (WooCommerce's
// woocommerce_rest_batch_items_limit filter); the default is 100.
func WithBatchLimit(n int) Option {
	return func(c *config) {
		if n > 0 {
			c.batchLimit = n
		}
	}
}

// Store is an in-memory WooCommerce store. It serves the REST API v3 as an
// [http.Handler] and offers direct access for tests. It is safe for
// concurrent use.
type Store struct {
	cfg config

	mu   sync.Mutex
	keys map[string]*apiKey

	seq struct {
		post, term, user, hook, item, meta, orderMeta, itemMeta, comment, attr int64
	}

	products   map[int64]*prod
	categories map[int64]*Category
	tags       map[int64]*Tag
	attrs      map[int64]string
	customers  map[int64]*custRec
	orders     map[int64]*orderRec
	refunds    map[int64]*refundRec
	notes      map[int64][]*OrderNote
	coupons    map[int64]*couponRec
	gateways   []*PaymentGateway
	shipping   []ShippingMethod
	hooks      map[int64]*hookRec

	rngMu sync.Mutex
	rng   *rand.Rand
	// listSeq counts list requests, to seed the order of their ties.
	listSeq atomic.Uint64

	faultMu  sync.Mutex
	faults   []faultRule
	whFaults WebhookFaults

	q *queue
}

// NewStore returns an empty store (a default "Uncategorized" category, the
// bacs, cheque and cod gateways, the flat_rate, free_shipping and
// local_pickup shipping methods, and the default key pair). Call
// [Store.Close] when done to stop its webhook delivery goroutine.
func NewStore(opts ...Option) *Store {
	cfg := config{
		seed:         1,
		now:          time.Now,
		loc:          time.UTC,
		url:          "http://example.test",
		batchLimit:   100,
		currency:     "USD",
		currencySign: "$",
		currencyHTML: "&#36;",
	}
	for _, o := range opts {
		if o != nil {
			o(&cfg)
		}
	}
	if cfg.client == nil {
		cfg.client = &http.Client{
			Timeout:       time.Minute,
			CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
		}
	}
	s := &Store{
		cfg:        cfg,
		keys:       map[string]*apiKey{},
		products:   map[int64]*prod{},
		categories: map[int64]*Category{},
		tags:       map[int64]*Tag{},
		attrs:      map[int64]string{},
		customers:  map[int64]*custRec{},
		orders:     map[int64]*orderRec{},
		refunds:    map[int64]*refundRec{},
		notes:      map[int64][]*OrderNote{},
		coupons:    map[int64]*couponRec{},
		hooks:      map[int64]*hookRec{},
		rng:        rand.New(rand.NewSource(cfg.seed)),
	}
	// A fresh WordPress has used the first post ids (sample content and
	// WooCommerce's pages), terms up to 14 and user 1 (the administrator).
	s.seq.post = 10
	s.seq.term = 14
	s.seq.user = 1
	s.keys[DefaultConsumerKey] = &apiKey{secret: DefaultConsumerSecret, perm: ReadWrite, nonces: map[int64]string{}}
	s.seq.term++
	s.categories[s.seq.term] = &Category{ID: s.seq.term, Name: "Uncategorized", Slug: "uncategorized", Display: "default"}
	s.gateways = defaultGateways()
	s.shipping = defaultShippingMethods()
	s.q = newQueue(s)
	return s
}

func (s *Store) now() time.Time { return s.cfg.now() }

// Now returns the store's current time (its clock, see [WithClock]), for
// tests that sign OAuth requests or compare dates with what the store wrote.
func (s *Store) Now() time.Time { return s.now() }

func (s *Store) intn(n int) int {
	s.rngMu.Lock()
	defer s.rngMu.Unlock()
	return s.rng.Intn(n)
}

func (s *Store) float() float64 {
	s.rngMu.Lock()
	defer s.rngMu.Unlock()
	return s.rng.Float64()
}

// ---- dates ----

func (s *Store) local(t time.Time) string { return t.In(s.cfg.loc).Format("2006-01-02T15:04:05") }
func gmt(t time.Time) string              { return t.UTC().Format("2006-01-02T15:04:05") }

func (s *Store) datePair(t time.Time) (*string, *string) {
	if t.IsZero() {
		return nil, nil
	}
	a, b := s.local(t), gmt(t)
	return &a, &b
}

// ---- request plumbing ----

// reqCtx is one API call being served.
type reqCtx struct {
	r      *http.Request
	method string
	base   string // scheme://host of the store as this request sees it
	query  url.Values
	rawQ   string
	body   map[string]json.RawMessage
	bodyOK bool // body was a JSON object or form
	ids    []int64
	strID  string
	route  *route
	edit   bool // context=edit
	events []event
	pings  []ping
	seen   map[string]bool
}

// param returns a parameter from the JSON/form body, else the query.
func (rc *reqCtx) param(name string) (json.RawMessage, bool) {
	if v, ok := rc.body[name]; ok {
		return v, true
	}
	if vs, ok := rc.query[name]; ok && len(vs) > 0 {
		b, _ := json.Marshal(vs[len(vs)-1])
		return b, true
	}
	return nil, false
}

type response struct {
	status int
	body   any
	header http.Header
}

func ok(body any) *response { return &response{status: http.StatusOK, body: body} }

func created(body any, location string) *response {
	h := http.Header{}
	if location != "" {
		h.Set("Location", location)
	}
	return &response{status: http.StatusCreated, body: body, header: h}
}

// encodeJSON encodes v as PHP's json_encode does by default: no HTML
// escaping, slashes escaped.
func encodeJSON(v any) []byte {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return []byte(`{"code":"internal_server_error","message":"encoding failed","data":{"status":500}}`)
	}
	b := bytes.TrimRight(buf.Bytes(), "\n")
	return bytes.ReplaceAll(b, []byte("/"), []byte(`\/`))
}

func (s *Store) writeResponse(w http.ResponseWriter, rc *reqCtx, res *response) {
	h := w.Header()
	h.Set("Content-Type", "application/json; charset=UTF-8")
	h.Set("X-Robots-Tag", "noindex")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Access-Control-Expose-Headers", "X-WP-Total, X-WP-TotalPages, Link")
	h.Set("Access-Control-Allow-Headers", "Authorization, X-WP-Nonce, Content-Disposition, Content-MD5, Content-Type")
	if rc != nil && res.header.Get("Link") == "" {
		h.Set("Link", "<"+rc.base+"/wp-json/>; rel=\"https://api.w.org/\"")
	}
	if rc != nil && rc.route != nil {
		h.Set("Allow", strings.Join(rc.route.allow(), ", "))
	}
	for k, vs := range res.header {
		// Keep WordPress' spelling of the pagination headers on the wire.
		switch k {
		case "X-Wp-Total":
			k = "X-WP-Total"
		case "X-Wp-Totalpages":
			k = "X-WP-TotalPages"
		}
		h[k] = append(h[k], vs...)
	}
	h.Set("Expires", "Wed, 11 Jan 1984 05:00:00 GMT")
	h.Set("Cache-Control", "no-cache, must-revalidate, max-age=0, no-store, private")
	w.WriteHeader(res.status)
	if rc != nil && rc.r.Method == http.MethodHead {
		return
	}
	_, _ = w.Write(encodeJSON(res.body))
}

// isSSL reports whether the store sees this request as HTTPS (is_ssl()).
func (s *Store) isSSL(r *http.Request) bool {
	if r.TLS != nil {
		return true
	}
	return s.cfg.trustForward && strings.EqualFold(strings.TrimSpace(r.Header.Get("X-Forwarded-Proto")), "https")
}

func (s *Store) baseURL(r *http.Request) string {
	scheme := "http"
	if s.isSSL(r) {
		scheme = "https"
	}
	host := r.Host
	if host == "" {
		if u, err := url.Parse(s.cfg.url); err == nil && u.Host != "" {
			host = u.Host
		}
	}
	return scheme + "://" + host
}

// ServeHTTP serves the REST API under /wp-json/.
func (s *Store) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	rule, hasFault := s.faultFor(r)
	if hasFault {
		if done := s.applyFaultBefore(w, r, rule); done {
			return
		}
	}
	if hasFault && rule.TimeoutAfterWrite > 0 && s.float() < rule.TimeoutAfterWrite {
		// Apply the call, then lose the answer.
		s.serve(discardWriter{h: http.Header{}}, r)
		s.hangAndDrop(r, rule)
		return
	}
	s.serve(w, r)
}

type discardWriter struct{ h http.Header }

func (d discardWriter) Header() http.Header         { return d.h }
func (d discardWriter) Write(b []byte) (int, error) { return len(b), nil }
func (d discardWriter) WriteHeader(int)             {}

func (s *Store) serve(w http.ResponseWriter, r *http.Request) {
	p := r.URL.Path
	rest, isAPI := strings.CutPrefix(p, "/wp-json")
	if rr := r.URL.Query().Get("rest_route"); rr != "" && (p == "/" || p == "" || p == "/index.php") {
		rest, isAPI = rr, true
	}
	if !isAPI || (rest != "" && !strings.HasPrefix(rest, "/")) {
		w.Header().Set("Content-Type", "text/html; charset=UTF-8")
		w.WriteHeader(http.StatusNotFound)
		_, _ = w.Write([]byte("<!DOCTYPE html><html><head><title>Page not found</title></head><body><h1>Not Found</h1></body></html>"))
		return
	}
	rest = strings.TrimRight(rest, "/")
	rc := &reqCtx{r: r, base: s.baseURL(r), query: r.URL.Query(), rawQ: r.URL.RawQuery, seen: map[string]bool{}}
	rc.method = strings.ToUpper(r.Method)
	if m := rc.query.Get("_method"); m != "" {
		rc.method = strings.ToUpper(m)
	} else if m := r.Header.Get("X-HTTP-Method-Override"); m != "" {
		rc.method = strings.ToUpper(m)
	}
	if rc.method == http.MethodHead {
		rc.method = http.MethodGet
	}

	// Read the body once: OAuth may sign form parameters.
	raw, _ := readBody(r)
	form := parseFormBody(r, raw)

	res := s.handle(rc, rest, raw, form)
	// WooCommerce pings a new webhook before it answers.
	for _, p := range rc.pings {
		s.sendPing(p)
	}
	s.writeResponse(w, rc, res)
	s.dispatch(rc.events)
}

func (s *Store) handle(rc *reqCtx, rest string, raw []byte, form url.Values) *response {
	wcRoute := strings.HasPrefix(strings.TrimPrefix(rest, "/"), "wc/") || strings.HasPrefix(strings.TrimPrefix(rest, "/"), "wc-")

	s.mu.Lock()
	defer s.mu.Unlock()

	var key *apiKey
	if wcRoute {
		k, aerr := s.authenticate(rc, form)
		if aerr != nil {
			return aerr.response()
		}
		key = k
		if key != nil {
			if perr := key.allows(rc.method); perr != nil {
				return perr.response()
			}
		}
	}
	rt, ids, strID, found := matchRoute(rest)
	if !found {
		if rest == "" || rest == "/wc/v3" {
			return ok(s.index(rc, rest))
		}
		return errNoRoute.response()
	}
	h := rt.handlers[rc.method]
	if h == nil {
		return errNoRoute.response()
	}
	rc.route, rc.ids, rc.strID = rt, ids, strID
	if rc.query.Get("context") == "edit" {
		rc.edit = true
	}
	if jerr := rc.parseBody(raw, form); jerr != nil {
		return jerr.response()
	}
	if verr := h.validate(rc); verr != nil {
		return verr.response()
	}
	if key == nil {
		if perr := s.anonymousDenied(rc, h); perr != nil {
			return perr.response()
		}
	}
	return h.fn(s, rc)
}

// anonymousDenied answers the permission callback for a request without a
// usable key. CRUD controllers let a request for an id that does not exist
// through, so that it gets the invalid id error.
func (s *Store) anonymousDenied(rc *reqCtx, h *handler) *apiError {
	if h.exists != nil && !h.exists(s, rc) {
		return nil
	}
	return permError(h.perm)
}

func readBody(r *http.Request) ([]byte, error) {
	if r.Body == nil {
		return nil, nil
	}
	var buf bytes.Buffer
	_, err := buf.ReadFrom(http.MaxBytesReader(nil, r.Body, 32<<20))
	return buf.Bytes(), err
}

func isJSONContent(r *http.Request) bool {
	ct := strings.ToLower(r.Header.Get("Content-Type"))
	if i := strings.IndexByte(ct, ';'); i >= 0 {
		ct = ct[:i]
	}
	ct = strings.TrimSpace(ct)
	return ct == "application/json" || strings.HasSuffix(ct, "+json")
}

func parseFormBody(r *http.Request, raw []byte) url.Values {
	ct := strings.ToLower(r.Header.Get("Content-Type"))
	if !strings.HasPrefix(ct, "application/x-www-form-urlencoded") || r.Method != http.MethodPost {
		return nil
	}
	v, err := url.ParseQuery(string(raw))
	if err != nil {
		return nil
	}
	return v
}

// parseBody decodes a JSON body (only with a JSON content type, as
// WordPress does) or a form body into rc.body.
func (rc *reqCtx) parseBody(raw []byte, form url.Values) *apiError {
	rc.body = map[string]json.RawMessage{}
	if isJSONContent(rc.r) {
		if len(bytes.TrimSpace(raw)) == 0 {
			return nil
		}
		var v any
		dec := json.NewDecoder(bytes.NewReader(raw))
		dec.UseNumber()
		if err := dec.Decode(&v); err != nil || dec.More() {
			return &apiError{Status: 400, Code: "rest_invalid_json", Message: "Invalid JSON body passed.",
				Data: omap{{"json_error_code", 4}, {"json_error_message", "Syntax error"}}}
		}
		if obj, isObj := v.(map[string]any); isObj {
			for k, val := range obj {
				b, _ := json.Marshal(val)
				rc.body[k] = b
			}
			rc.bodyOK = true
		}
		return nil
	}
	for k, vs := range form {
		if len(vs) == 0 {
			continue
		}
		b, _ := json.Marshal(vs[len(vs)-1])
		rc.body[k] = b
		rc.bodyOK = true
	}
	return nil
}

// index answers GET /wp-json/ and /wp-json/wc/v3 with a minimal route list.
func (s *Store) index(rc *reqCtx, rest string) any {
	routes := omap{}
	for _, r := range routeTable {
		routes = append(routes, kv{"/wc/v3" + r.display, omap{{"namespace", "wc/v3"}, {"methods", r.allow()}}})
	}
	if rest == "" {
		return omap{{"name", "WooCommerce"}, {"description", ""}, {"url", rc.base}, {"home", rc.base},
			{"namespaces", []string{"wc/v3"}}, {"routes", routes}}
	}
	return omap{{"namespace", "wc/v3"}, {"routes", routes}}
}

// ---- ordered JSON objects ----

type kv struct {
	k string
	v any
}

// omap is a JSON object that keeps its key order.
type omap []kv

func (m omap) MarshalJSON() ([]byte, error) {
	var buf bytes.Buffer
	buf.WriteByte('{')
	for i, e := range m {
		if i > 0 {
			buf.WriteByte(',')
		}
		k, _ := json.Marshal(e.k)
		buf.Write(k)
		buf.WriteByte(':')
		var b bytes.Buffer
		enc := json.NewEncoder(&b)
		enc.SetEscapeHTML(false)
		if err := enc.Encode(e.v); err != nil {
			return nil, err
		}
		buf.Write(bytes.TrimRight(b.Bytes(), "\n"))
	}
	buf.WriteByte('}')
	return buf.Bytes(), nil
}
