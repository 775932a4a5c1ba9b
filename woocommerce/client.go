package woocommerce

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"mime"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/woonexo/woonexo/internal/transport"
)

// Client is a WooCommerce REST API v3 client. It is immutable after NewClient
// and safe for concurrent use; its services (Products, Orders, ...) share it.
type Client struct {
	store      *url.URL // normalized store URL, no trailing slash
	apiRoot    string   // store + "/wp-json/wc/v3/"
	auth       *authenticator
	tr         *transport.Client
	redactor   *transport.Redactor
	override   MethodOverride
	batchLimit int

	// Products manages products (/products).
	Products *ProductsService
	// Variations manages the variations of variable products
	// (/products/{id}/variations).
	Variations *VariationsService
	// Categories manages product categories (/products/categories).
	Categories *CategoriesService
	// Tags manages product tags (/products/tags).
	Tags *TagsService
	// Attributes manages global product attributes (/products/attributes).
	Attributes *AttributesService
	// AttributeTerms manages the terms of a global attribute
	// (/products/attributes/{id}/terms).
	AttributeTerms *AttributeTermsService
	// Orders manages orders (/orders).
	Orders *OrdersService
	// OrderNotes manages the notes of an order (/orders/{id}/notes).
	OrderNotes *OrderNotesService
	// Refunds manages the refunds of an order (/orders/{id}/refunds).
	Refunds *RefundsService
	// Customers manages customers (/customers).
	Customers *CustomersService
	// Coupons manages coupons (/coupons).
	Coupons *CouponsService
	// Webhooks manages webhooks (/webhooks).
	Webhooks *WebhooksService
	// ShippingClasses manages product shipping classes
	// (/products/shipping_classes).
	ShippingClasses *ShippingClassesService
	// Reviews manages product reviews (/products/reviews).
	Reviews *ReviewsService
	// CustomerDownloads lists customers' downloads
	// (/customers/{id}/downloads).
	CustomerDownloads *CustomerDownloadsService
	// TaxRates manages tax rates (/taxes).
	TaxRates *TaxRatesService
	// TaxClasses manages tax classes (/taxes/classes).
	TaxClasses *TaxClassesService
	// Settings reads and changes settings (/settings).
	Settings *SettingsService
	// PaymentGateways configures payment gateways (/payment_gateways).
	PaymentGateways *PaymentGatewaysService
	// ShippingZones manages shipping zones and their locations
	// (/shipping/zones).
	ShippingZones *ShippingZonesService
	// ShippingZoneMethods manages the methods of a shipping zone
	// (/shipping/zones/{id}/methods).
	ShippingZoneMethods *ShippingZoneMethodsService
	// ShippingMethods lists shipping method types (/shipping_methods).
	ShippingMethods *ShippingMethodsService
	// SystemStatus reads the system status and runs its tools
	// (/system_status).
	SystemStatus *SystemStatusService
	// Data reads continents, countries and currencies (/data).
	Data *DataService
	// Reports reads the legacy reports (/reports).
	Reports *ReportsService
}

// NewClient returns a client for the store at storeURL (the WordPress home
// URL, e.g. "https://shop.example.com" or "https://example.com/shop").
// Invalid options or an invalid URL fail here rather than on the first call.
func NewClient(storeURL string, opts ...Option) (*Client, error) {
	store, err := parseStoreURL(storeURL)
	if err != nil {
		return nil, fmt.Errorf("woocommerce: new client: %w", err)
	}
	cfg := config{
		apiPrefix:  "wp-json",
		version:    "wc/v3",
		batchLimit: DefaultBatchLimit,
	}
	for _, opt := range opts {
		if opt == nil {
			continue
		}
		if err := opt(&cfg); err != nil {
			return nil, fmt.Errorf("woocommerce: new client: %w", err)
		}
	}

	mode := cfg.authMode
	if mode == AuthAuto {
		mode = AuthBasic
		if store.Scheme == "http" {
			mode = AuthOAuth
		}
	}
	if cfg.key != "" && (mode == AuthBasic || mode == AuthQuery) && store.Scheme != "https" {
		return nil, fmt.Errorf("woocommerce: new client: auth mode %s needs an https store URL: WooCommerce accepts it only over TLS, and it would send the secret in clear", mode)
	}

	// The consumer key is redacted too: with the nonce and signature (which
	// the redactor finds by name) it is what a store or proxy echoing the
	// request repeats.
	redactor := transport.NewRedactor(cfg.secret, cfg.key)
	if cfg.key != "" {
		// The Basic credentials, should a host echo the Authorization header.
		redactor.Add(base64.StdEncoding.EncodeToString([]byte(cfg.key + ":" + cfg.secret)))
	}
	c := &Client{
		store:      store,
		apiRoot:    store.String() + "/" + cfg.apiPrefix + "/" + cfg.version + "/",
		redactor:   redactor,
		override:   cfg.override,
		batchLimit: cfg.batchLimit,
	}
	if cfg.key != "" {
		signBase := store
		if cfg.oauthBase != nil {
			signBase = cfg.oauthBase
		}
		c.auth = &authenticator{
			mode: mode, key: cfg.key, secret: cfg.secret,
			store: store, signBase: signBase,
			now: cfg.now, nonce: cfg.nonce,
		}
		if c.auth.now == nil {
			c.auth.now = time.Now
		}
		if c.auth.nonce == nil {
			c.auth.nonce = newNonce
		}
	}

	hc := &http.Client{}
	if cfg.httpClient != nil {
		cp := *cfg.httpClient
		hc = &cp
	}
	if hc.CheckRedirect == nil {
		hc.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	}
	if cfg.timeout > 0 {
		hc.Timeout = cfg.timeout
	}
	retries := 0 // transport default
	if cfg.retriesSet {
		retries = cfg.retries
		if retries == 0 {
			retries = -1
		}
	}
	c.tr = transport.New(transport.Config{
		HTTPClient: hc,
		UserAgent:  cfg.userAgent,
		MaxRetries: retries,
		MinBackoff: cfg.minBackoff,
		MaxBackoff: cfg.maxBackoff,
		Limiter:    cfg.limiter,
		Logger:     cfg.logger,
		Redactor:   redactor,
	})

	c.Products = &ProductsService{c: c}
	c.Variations = &VariationsService{c: c}
	c.Categories = &CategoriesService{c: c}
	c.Tags = &TagsService{c: c}
	c.Attributes = &AttributesService{c: c}
	c.AttributeTerms = &AttributeTermsService{c: c}
	c.Orders = &OrdersService{c: c}
	c.OrderNotes = &OrderNotesService{c: c}
	c.Refunds = &RefundsService{c: c}
	c.Customers = &CustomersService{c: c}
	c.Coupons = &CouponsService{c: c}
	c.Webhooks = &WebhooksService{c: c}
	c.ShippingClasses = &ShippingClassesService{c: c}
	c.Reviews = &ReviewsService{c: c}
	c.CustomerDownloads = &CustomerDownloadsService{c: c}
	c.TaxRates = &TaxRatesService{c: c}
	c.TaxClasses = &TaxClassesService{c: c}
	c.Settings = &SettingsService{c: c}
	c.PaymentGateways = &PaymentGatewaysService{c: c}
	c.ShippingZones = &ShippingZonesService{c: c}
	c.ShippingZoneMethods = &ShippingZoneMethodsService{c: c}
	c.ShippingMethods = &ShippingMethodsService{c: c}
	c.SystemStatus = &SystemStatusService{c: c}
	c.Data = &DataService{c: c}
	c.Reports = &ReportsService{c: c}
	return c, nil
}

// StoreURL returns the normalized store URL the client talks to.
func (c *Client) StoreURL() string { return c.store.String() }

// BatchLimit returns how many items one batch call carries.
func (c *Client) BatchLimit() int { return c.batchLimit }

// parseStoreURL checks and normalizes a store URL: absolute http(s), a host,
// no query, fragment or user info, lower-case scheme and host, no default
// port and no trailing slash.
func parseStoreURL(raw string) (*url.URL, error) {
	if strings.TrimSpace(raw) == "" {
		return nil, errors.New("empty store URL")
	}
	// The URL is never repeated whole in an error: user info and query
	// may hold the credentials (consumer_secret=...). transport.SafeURL
	// keeps the scheme, host and path only.
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil {
		return nil, fmt.Errorf("invalid store URL: %w", transport.URLParseError(err))
	}
	u.Scheme = strings.ToLower(u.Scheme)
	if u.Scheme != "http" && u.Scheme != "https" {
		return nil, fmt.Errorf("store URL %q: scheme must be http or https", transport.SafeURL(u))
	}
	if u.Host == "" {
		return nil, fmt.Errorf("store URL %q has no host", transport.SafeURL(u))
	}
	if u.User != nil {
		return nil, errors.New("store URL must not carry user info; use WithCredentials")
	}
	if u.RawQuery != "" || u.Fragment != "" || u.ForceQuery {
		return nil, fmt.Errorf("store URL %q must not have a query or fragment", transport.SafeURL(u))
	}
	u.Host = strings.ToLower(u.Host)
	if p := u.Port(); (u.Scheme == "http" && p == "80") || (u.Scheme == "https" && p == "443") {
		u.Host = strings.TrimSuffix(u.Host, ":"+p)
	}
	u.Path = strings.TrimRight(u.Path, "/")
	u.RawPath = ""
	return u, nil
}

// Response describes the HTTP response to a call made with Client.Do.
type Response struct {
	// StatusCode is the HTTP status of the last attempt.
	StatusCode int
	// Header holds the response headers.
	Header http.Header
	// Page is the pagination metadata read from the headers.
	Page Page
	// Attempts is how many times the request was sent.
	Attempts int
}

// Do calls any endpoint under the API namespace: path is relative to it
// ("products/12", "system_status"), query is encoded as sent, body (when not
// nil) is encoded as JSON and the response is decoded into out (when not
// nil). It authenticates, retries and reports errors exactly like the typed
// services, which makes it the escape hatch for endpoints and fields this
// package does not cover. A POST is not retried after a 5xx.
func (c *Client) Do(ctx context.Context, method, path string, query url.Values, body, out any) (*Response, error) {
	op := strings.ToLower(method) + " " + strings.TrimLeft(path, "/")
	resp, err := c.send(ctx, call{op: op, method: method, path: strings.TrimLeft(path, "/"), query: query, body: body}, out)
	if resp == nil {
		return nil, err
	}
	return &Response{StatusCode: resp.StatusCode, Header: resp.Header, Page: parsePage(resp.Header, query), Attempts: resp.Attempts}, err
}

// call is one API call as the services describe it.
type call struct {
	op        string // what is being done, for errors: "get product 42"
	method    string
	path      string // relative to the API root
	query     url.Values
	body      any
	retrySafe bool // a POST that may be sent twice without harm
}

// send performs cl, decodes a 2xx JSON body into out and turns anything else
// into an error that names the operation. The response is returned whenever
// one was had, even with an error.
func (c *Client) send(ctx context.Context, cl call, out any) (*transport.Response, error) {
	if ctx == nil {
		return nil, fmt.Errorf("woocommerce: %s: nil context", cl.op)
	}
	u, err := url.Parse(c.apiRoot + cl.path)
	if err != nil {
		return nil, fmt.Errorf("woocommerce: %s: invalid path %q: %w", cl.op, cl.path, err)
	}
	method := strings.ToUpper(cl.method)
	query := cl.query
	header := http.Header{"Accept": {"application/json"}}
	retrySafe := cl.retrySafe
	if c.override != OverrideNone && (method == http.MethodPut || method == http.MethodDelete || method == http.MethodPatch) {
		if c.override == OverrideQuery {
			query = cloneValues(query)
			query.Set("_method", method)
		} else {
			header.Set("X-HTTP-Method-Override", method)
		}
		method = http.MethodPost
		retrySafe = true // the logical method is idempotent
	}
	u.RawQuery = encodeQuery(query)

	var body []byte
	if cl.body != nil {
		var buf bytes.Buffer
		enc := json.NewEncoder(&buf)
		enc.SetEscapeHTML(false)
		if err := enc.Encode(cl.body); err != nil {
			return nil, fmt.Errorf("woocommerce: %s: encode request body: %w", cl.op, err)
		}
		body = bytes.TrimRight(buf.Bytes(), "\n")
		header.Set("Content-Type", "application/json")
	}

	req := transport.Request{Method: method, URL: u, Header: header, Body: body, RetrySafe: retrySafe}
	if c.auth != nil {
		req.Authorize = c.auth.authorize
	}
	resp, err := c.tr.Do(ctx, req)
	if err != nil {
		return nil, fmt.Errorf("woocommerce: %s: %w", cl.op, err)
	}
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return resp, fmt.Errorf("woocommerce: %s: %w", cl.op, c.newAPIError(resp))
	}
	if out != nil {
		if err := decodeBody(resp, out); err != nil {
			return resp, fmt.Errorf("woocommerce: %s: %w", cl.op, err)
		}
	}
	return resp, nil
}

// decodeBody decodes a successful response, explaining the usual reason a
// store answers 200 with something that is not JSON.
func decodeBody(resp *transport.Response, out any) error {
	body := bytes.TrimSpace(resp.Body)
	// Some hosts and plugins emit a UTF-8 BOM or PHP notices before the JSON.
	body = bytes.TrimPrefix(body, []byte("\xef\xbb\xbf"))
	if len(body) == 0 {
		return fmt.Errorf("decode response: HTTP %d with an empty body", resp.StatusCode)
	}
	if err := json.Unmarshal(body, out); err != nil {
		if ct := contentType(resp.Header); ct != "" && ct != "application/json" {
			return fmt.Errorf("decode response: HTTP %d answered with %s, not JSON (is the store URL right, and are WordPress permalinks enabled?): %w", resp.StatusCode, ct, err)
		}
		return fmt.Errorf("decode response: %w", err)
	}
	return nil
}

func contentType(h http.Header) string {
	ct := h.Get("Content-Type")
	if ct == "" {
		return ""
	}
	mt, _, err := mime.ParseMediaType(ct)
	if err != nil {
		return ct
	}
	return mt
}

func cloneValues(v url.Values) url.Values {
	out := make(url.Values, len(v)+1)
	for k, vs := range v {
		out[k] = slices.Clone(vs)
	}
	return out
}

// encodeQuery encodes v sorted by key with RFC 3986 percent-encoding (a
// space is %20, never "+"), the form every OAuth implementation and PHP read
// the same way.
func encodeQuery(v url.Values) string {
	if len(v) == 0 {
		return ""
	}
	keys := make([]string, 0, len(v))
	for k := range v {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	var b strings.Builder
	for _, k := range keys {
		for _, val := range v[k] {
			if b.Len() > 0 {
				b.WriteByte('&')
			}
			b.WriteString(rfc3986(k))
			b.WriteByte('=')
			b.WriteString(rfc3986(val))
		}
	}
	return b.String()
}

// rfc3986 percent-encodes everything but the unreserved characters
// (ALPHA, DIGIT, "-", ".", "_", "~"), as PHP's rawurlencode does.
func rfc3986(s string) string {
	const hex = "0123456789ABCDEF"
	n := 0
	for i := 0; i < len(s); i++ {
		if !unreserved(s[i]) {
			n++
		}
	}
	if n == 0 {
		return s
	}
	b := make([]byte, 0, len(s)+2*n)
	for i := 0; i < len(s); i++ {
		ch := s[i]
		if unreserved(ch) {
			b = append(b, ch)
		} else {
			b = append(b, '%', hex[ch>>4], hex[ch&15])
		}
	}
	return string(b)
}

func unreserved(ch byte) bool {
	return 'A' <= ch && ch <= 'Z' || 'a' <= ch && ch <= 'z' || '0' <= ch && ch <= '9' ||
		ch == '-' || ch == '.' || ch == '_' || ch == '~'
}

// get fetches one resource.
func get[T any](ctx context.Context, c *Client, op, path string, q url.Values) (*T, error) {
	out := new(T)
	if _, err := c.send(ctx, call{op: op, method: http.MethodGet, path: path, query: q}, out); err != nil {
		return nil, err
	}
	return out, nil
}

// create POSTs body and decodes the created resource. It is never retried
// after a 5xx or a network error: the store may have created it already.
func create[T any](ctx context.Context, c *Client, op, path string, body any) (*T, error) {
	out := new(T)
	if _, err := c.send(ctx, call{op: op, method: http.MethodPost, path: path, body: body}, out); err != nil {
		return nil, err
	}
	return out, nil
}

// update PUTs body (a partial update: WooCommerce changes only the fields
// sent) and decodes the updated resource.
func update[T any](ctx context.Context, c *Client, op, path string, body any) (*T, error) {
	out := new(T)
	if _, err := c.send(ctx, call{op: op, method: http.MethodPut, path: path, body: body}, out); err != nil {
		return nil, err
	}
	return out, nil
}

// remove DELETEs a resource. With force false WooCommerce moves it to the
// trash (where the resource supports that); with force true it deletes it
// for good. The store answers with the resource as it was.
func remove[T any](ctx context.Context, c *Client, op, path string, q url.Values) (*T, error) {
	out := new(T)
	if _, err := c.send(ctx, call{op: op, method: http.MethodDelete, path: path, query: q}, out); err != nil {
		return nil, err
	}
	return out, nil
}

// forceQuery is the query of a DELETE.
func forceQuery(force bool) url.Values {
	if force {
		return url.Values{"force": {"true"}}
	}
	return nil
}
