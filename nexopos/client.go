package nexopos

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"time"

	"golang.org/x/oauth2"
	"golang.org/x/time/rate"

	"github.com/woonexo/woonexo/internal/transport"
)

// Version is a NexoPOS release line. It selects the URL prefix and the field
// spellings used in request bodies.
type Version int

// The NexoPOS release lines the client speaks.
const (
	// V4 is NexoPOS 4.x (last 4.8.21): URL prefix /api/nexopos/v4, customers
	// in their own table with name and surname.
	V4 Version = 4
	// V5 is NexoPOS 5.x (last 5.3.10): prefix /api, customers are users with
	// first_name and last_name.
	V5 Version = 5
	// V6 is NexoPOS 6.x, the default: as V5, with author_id, *_gross/*_net
	// price columns (6.1.2+) and decimal money columns (6.2+).
	V6 Version = 6
)

// String returns "4.x", "5.x" or "6.x".
func (v Version) String() string {
	switch v {
	case V4, V5, V6:
		return fmt.Sprintf("%d.x", int(v))
	}
	return fmt.Sprintf("Version(%d)", int(v))
}

// prefix is the path every API route starts with.
func (v Version) prefix() string {
	if v == V4 {
		return "/api/nexopos/v4"
	}
	return "/api"
}

// DefaultThrottleWait is how long the client waits before retrying a request
// NexoPOS throttled without saying for how long (production mode answers
// "Too Many Attempts." as HTTP 500 with no Retry-After). NexoPOS counts
// requests per minute, so a minute is always enough.
const DefaultThrottleWait = 60 * time.Second

// Option configures a Client in NewClient.
type Option func(*config) error

type config struct {
	version      Version
	token        string
	ts           oauth2.TokenSource
	httpClient   *http.Client
	timeout      time.Duration
	retries      *int
	limit        rate.Limit
	burst        int
	logger       *slog.Logger
	userAgent    string
	throttleWait time.Duration
	sleep        func(context.Context, time.Duration) error
}

// WithToken authenticates with a NexoPOS personal access token ("id|secret"),
// sent as a Bearer token through a static oauth2.TokenSource.
func WithToken(token string) Option {
	return func(c *config) error {
		token = strings.TrimSpace(token)
		if token == "" {
			return errors.New("WithToken: empty token")
		}
		c.token = token
		return nil
	}
}

// WithTokenSource authenticates with the Bearer tokens ts returns.
func WithTokenSource(ts oauth2.TokenSource) Option {
	return func(c *config) error {
		if ts == nil {
			return errors.New("WithTokenSource: nil token source")
		}
		c.ts = ts
		return nil
	}
}

// WithVersion selects the NexoPOS release line; the default is V6.
func WithVersion(v Version) Option {
	return func(c *config) error {
		switch v {
		case V4, V5, V6:
			c.version = v
			return nil
		}
		return fmt.Errorf("WithVersion: unknown version %d (use V4, V5 or V6)", int(v))
	}
}

// WithHTTPClient sends requests through hc's transport, keeping its timeout
// and cookie jar. Redirects are never followed: a redirect to the login page
// is how NexoPOS says a request is not authenticated.
func WithHTTPClient(hc *http.Client) Option {
	return func(c *config) error {
		if hc == nil {
			return errors.New("WithHTTPClient: nil client")
		}
		c.httpClient = hc
		return nil
	}
}

// WithTimeout bounds each HTTP attempt (the whole exchange, body included).
func WithTimeout(d time.Duration) Option {
	return func(c *config) error {
		if d <= 0 {
			return fmt.Errorf("WithTimeout: timeout must be positive, got %s", d)
		}
		c.timeout = d
		return nil
	}
}

// WithRetries sets how many times a transient failure is retried; 0
// disables retries. The default is 3.
func WithRetries(n int) Option {
	return func(c *config) error {
		if n < 0 {
			return fmt.Errorf("WithRetries: negative retry count %d", n)
		}
		c.retries = &n
		return nil
	}
}

// WithRateLimit keeps the client under limit requests a second with bursts of
// burst, waiting before a request rather than being throttled. NexoPOS
// allows 80 requests a minute: rate.Every(750*time.Millisecond), 10 is safe.
func WithRateLimit(limit rate.Limit, burst int) Option {
	return func(c *config) error {
		if limit <= 0 || burst <= 0 {
			return fmt.Errorf("WithRateLimit: limit and burst must be positive, got %v and %d", limit, burst)
		}
		c.limit, c.burst = limit, burst
		return nil
	}
}

// WithLogger logs one debug line per HTTP attempt and a warning per retry.
// Tokens are never logged.
func WithLogger(l *slog.Logger) Option {
	return func(c *config) error {
		c.logger = l
		return nil
	}
}

// WithUserAgent replaces the default User-Agent.
func WithUserAgent(ua string) Option {
	return func(c *config) error {
		if strings.TrimSpace(ua) == "" {
			return errors.New("WithUserAgent: empty user agent")
		}
		c.userAgent = ua
		return nil
	}
}

// WithThrottleWait sets how long to wait before retrying a request that was
// throttled without a Retry-After header; the default is
// DefaultThrottleWait.
func WithThrottleWait(d time.Duration) Option {
	return func(c *config) error {
		if d < 0 {
			return fmt.Errorf("WithThrottleWait: negative duration %s", d)
		}
		c.throttleWait = d
		return nil
	}
}

// withSleep replaces the retry sleep; tests use it.
func withSleep(f func(context.Context, time.Duration) error) Option {
	return func(c *config) error { c.sleep = f; return nil }
}

// Client talks to one NexoPOS installation. It is immutable after NewClient
// and safe for concurrent use.
type Client struct {
	base     *url.URL
	version  Version
	tr       *transport.Client
	redactor *transport.Redactor

	// Products reads and writes products and their unit quantities.
	Products *ProductsService
	// Stock adjusts stock and reads stock movements.
	Stock *StockService
	// Categories reads and writes product categories.
	Categories *CategoriesService
	// Customers reads and writes customers and their addresses.
	Customers *CustomersService
	// CustomerGroups reads and writes customer groups.
	CustomerGroups *CustomerGroupsService
	// Orders creates, reads, pays, refunds and voids orders.
	Orders *OrdersService
	// PaymentTypes reads and writes payment types.
	PaymentTypes *PaymentTypesService
	// Units reads and writes units of measure.
	Units *UnitsService
	// UnitGroups reads and writes unit groups.
	UnitGroups *UnitGroupsService
	// Taxes reads and writes taxes.
	Taxes *TaxesService
	// TaxGroups reads and writes tax groups.
	TaxGroups *TaxGroupsService
	// Users reads the user the token belongs to.
	Users *UsersService
}

type service struct{ c *Client }

// NewClient returns a client for the NexoPOS installed at baseURL (for
// instance "https://pos.example.com", or a sub-folder install
// "https://example.com/pos"). A token option is required.
func NewClient(baseURL string, opts ...Option) (*Client, error) {
	cfg := config{version: V6, throttleWait: DefaultThrottleWait}
	for _, o := range opts {
		if o == nil {
			continue
		}
		if err := o(&cfg); err != nil {
			return nil, fmt.Errorf("nexopos: new client: %w", err)
		}
	}
	// The URL is never repeated whole in an error: user info and query
	// may hold a password or a token. transport.SafeURL keeps the
	// scheme, host and path only.
	u, err := url.Parse(strings.TrimSpace(baseURL))
	if err != nil {
		return nil, fmt.Errorf("nexopos: new client: base URL is not a valid URL: %w", transport.URLParseError(err))
	}
	if (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("nexopos: new client: base URL %q must be an absolute http(s) URL", transport.SafeURL(u))
	}
	if u.User != nil {
		return nil, errors.New("nexopos: new client: base URL must not carry credentials")
	}
	u.Path = strings.TrimRight(u.Path, "/")
	u.RawPath, u.RawQuery, u.Fragment = "", "", ""
	for _, suffix := range []string{"/api/nexopos/v4", "/api"} {
		u.Path = strings.TrimSuffix(u.Path, suffix)
	}
	ts := cfg.ts
	switch {
	case cfg.token != "" && ts != nil:
		return nil, errors.New("nexopos: new client: use WithToken or WithTokenSource, not both")
	case cfg.token != "":
		ts = oauth2.StaticTokenSource(&oauth2.Token{AccessToken: cfg.token, TokenType: "Bearer"})
	case ts == nil:
		return nil, errors.New("nexopos: new client: a token is required (WithToken or WithTokenSource)")
	}

	base := http.DefaultTransport
	hc := &http.Client{}
	if cfg.httpClient != nil {
		*hc = *cfg.httpClient
		if hc.Transport != nil {
			base = hc.Transport
		}
	}
	if cfg.timeout > 0 {
		hc.Timeout = cfg.timeout
	}
	hc.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	hc.Transport = &oauth2.Transport{Source: ts, Base: base}

	redactor := transport.NewRedactor(cfg.token)
	tcfg := transport.Config{
		HTTPClient:  hc,
		UserAgent:   cfg.userAgent,
		Logger:      cfg.logger,
		Redactor:    redactor,
		RetryStatus: retryStatus,
		Refused:     throttled,
		RefusedWait: cfg.throttleWait,
		Sleep:       cfg.sleep,
	}
	if cfg.retries != nil {
		tcfg.MaxRetries = *cfg.retries
		if *cfg.retries == 0 {
			tcfg.MaxRetries = -1
		}
	}
	if cfg.limit > 0 {
		tcfg.Limiter = rate.NewLimiter(cfg.limit, cfg.burst)
	}
	if cfg.throttleWait > transport.DefaultMaxRetryAfter {
		tcfg.MaxRetryAfter = cfg.throttleWait
	}
	c := &Client{base: u, version: cfg.version, tr: transport.New(tcfg), redactor: redactor}
	c.Products = &ProductsService{c: c}
	c.Stock = &StockService{c: c}
	c.Categories = &CategoriesService{c: c}
	c.Customers = &CustomersService{c: c}
	c.CustomerGroups = &CustomerGroupsService{c: c}
	c.Orders = &OrdersService{c: c}
	c.PaymentTypes = &PaymentTypesService{c: c}
	c.Units = &UnitsService{c: c}
	c.UnitGroups = &UnitGroupsService{c: c}
	c.Taxes = &TaxesService{c: c}
	c.TaxGroups = &TaxGroupsService{c: c}
	c.Users = &UsersService{c: c}
	return c, nil
}

// Version returns the NexoPOS line the client was configured for.
func (c *Client) Version() Version { return c.version }

// BaseURL returns the installation's URL, without the API prefix.
func (c *Client) BaseURL() string { return c.base.String() }

// endpoint builds the URL of an API route; path is relative to the API
// prefix and its segments must already be escaped.
func (c *Client) endpoint(path string, q url.Values) *url.URL {
	u := *c.base
	u.Path = u.Path + c.version.prefix() + "/" + strings.TrimLeft(path, "/")
	if len(q) > 0 {
		u.RawQuery = q.Encode()
	}
	return &u
}

// call sends one request and decodes a successful answer into out (when not
// nil). in, when not nil, is sent as a JSON body. The error is an *APIError
// for any answer the server gave that is not a success.
func (c *Client) call(ctx context.Context, method, path string, q url.Values, in, out any) error {
	if ctx == nil {
		return errors.New("nil context")
	}
	h := http.Header{}
	h.Set("Accept", "application/json")
	var body []byte
	if in != nil {
		var err error
		if body, err = json.Marshal(in); err != nil {
			return fmt.Errorf("encoding request: %w", err)
		}
		h.Set("Content-Type", "application/json")
	}
	resp, err := c.tr.Do(ctx, transport.Request{Method: method, URL: c.endpoint(path, q), Header: h, Body: body})
	if err != nil {
		return err
	}
	if apiErr := checkResponse(resp.StatusCode, resp.Header, resp.Body); apiErr != nil {
		apiErr.Message = c.redactor.String(apiErr.Message)
		apiErr.Body = c.redactor.String(apiErr.Body)
		return apiErr
	}
	if out == nil {
		return nil
	}
	if err := json.Unmarshal(resp.Body, out); err != nil {
		return fmt.Errorf("decoding response (HTTP %d): %w", resp.StatusCode, err)
	}
	return nil
}

// envelope is the answer NexoPOS gives to writes:
// {"status":"success","message":"...","data":{...}}.
type envelope[T any] struct {
	Status  string `json:"status"`
	Message string `json:"message"`
	Data    T      `json:"data"`
}

// crudEntry is the data of a CRUD create or update:
// {"entry":{...},"editUrl":...}.
type crudEntry[T any] struct {
	Entry T `json:"entry"`
}

// Result is the status and message NexoPOS answers a write with, for the
// writes whose answer carries no record.
type Result struct {
	// Status is "success".
	Status string `json:"status"`
	// Message is NexoPOS's human-readable confirmation.
	Message string `json:"message"`
}
