package woocommerce

import (
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"time"

	"golang.org/x/time/rate"
)

// DefaultBatchLimit is how many items WooCommerce accepts in one batch call
// (create, update and delete together) unless the store changed it with the
// woocommerce_rest_batch_items_limit filter.
const DefaultBatchLimit = 100

// AuthMode selects how requests are authenticated.
type AuthMode int

// Authentication modes. WooCommerce checks HTTP Basic and query-string keys
// only when it sees HTTPS, and OAuth 1.0a otherwise (class-wc-rest-authentication.php).
const (
	// AuthAuto uses AuthBasic for https store URLs and AuthOAuth for http.
	AuthAuto AuthMode = iota
	// AuthBasic sends the consumer key and secret as HTTP Basic credentials.
	// It needs an https store URL.
	AuthBasic
	// AuthQuery sends consumer_key and consumer_secret in the query string,
	// for hosts that strip the Authorization header. It needs an https store
	// URL.
	AuthQuery
	// AuthOAuth signs every request with one-legged OAuth 1.0a
	// (HMAC-SHA256). It is the only mode a store accepts over plain http, and
	// it is the one to force over https when a TLS-terminating proxy makes the
	// store believe it is on http (see WithOAuthBaseURL).
	AuthOAuth
)

// String returns the mode's name.
func (m AuthMode) String() string {
	switch m {
	case AuthAuto:
		return "auto"
	case AuthBasic:
		return "basic"
	case AuthQuery:
		return "query"
	case AuthOAuth:
		return "oauth"
	}
	return fmt.Sprintf("AuthMode(%d)", int(m))
}

// MethodOverride selects how PUT and DELETE are sent to hosts whose
// firewall blocks those methods.
type MethodOverride int

// Method override modes. WordPress honours both on any REST route.
const (
	// OverrideNone sends PUT and DELETE as they are.
	OverrideNone MethodOverride = iota
	// OverrideQuery sends POST with a `_method=PUT` (or DELETE) query
	// parameter.
	OverrideQuery
	// OverrideHeader sends POST with an `X-HTTP-Method-Override: PUT` (or
	// DELETE) header.
	OverrideHeader
)

// Option configures a Client in NewClient.
type Option func(*config) error

type config struct {
	key, secret string
	authMode    AuthMode
	oauthBase   *url.URL
	httpClient  *http.Client
	timeout     time.Duration
	retries     int
	retriesSet  bool
	minBackoff  time.Duration
	maxBackoff  time.Duration
	limiter     *rate.Limiter
	logger      *slog.Logger
	userAgent   string
	apiPrefix   string
	version     string
	override    MethodOverride
	batchLimit  int
	now         func() time.Time
	nonce       func() string
}

// WithCredentials sets the REST API consumer key ("ck_...") and consumer
// secret ("cs_..."). The secret is never written to an error or log line.
func WithCredentials(key, secret string) Option {
	return func(c *config) error {
		if strings.TrimSpace(key) == "" || strings.TrimSpace(secret) == "" {
			return errors.New("WithCredentials: consumer key and secret must not be empty")
		}
		c.key, c.secret = key, secret
		return nil
	}
}

// WithAuthMode overrides the authentication mode chosen from the store URL's
// scheme (AuthAuto). AuthBasic and AuthQuery need an https store URL.
func WithAuthMode(m AuthMode) Option {
	return func(c *config) error {
		if m < AuthAuto || m > AuthOAuth {
			return fmt.Errorf("WithAuthMode: unknown mode %d", int(m))
		}
		c.authMode = m
		return nil
	}
}

// WithOAuthBaseURL sets the store address that OAuth signatures are computed
// over, when it differs from the address requests are sent to. WooCommerce
// signs over its own home URL with the scheme it sees: behind a
// TLS-terminating proxy that is "http://" even though clients use https, and
// a mismatch in scheme, host, port or "www" is the classic "Invalid
// signature". Only the scheme, host and path are used.
func WithOAuthBaseURL(storeURL string) Option {
	return func(c *config) error {
		u, err := parseStoreURL(storeURL)
		if err != nil {
			return fmt.Errorf("WithOAuthBaseURL: %w", err)
		}
		c.oauthBase = u
		return nil
	}
}

// WithHTTPClient sets the *http.Client that sends requests. The client is
// copied; if its CheckRedirect is nil the copy refuses redirects (a
// redirected POST silently becomes a GET), and WithTimeout sets the copy's
// Timeout.
func WithHTTPClient(hc *http.Client) Option {
	return func(c *config) error {
		if hc == nil {
			return errors.New("WithHTTPClient: nil *http.Client")
		}
		c.httpClient = hc
		return nil
	}
}

// WithTimeout bounds each HTTP attempt (connection, headers and body). The
// context passed to a call bounds the whole call, retries included.
func WithTimeout(d time.Duration) Option {
	return func(c *config) error {
		if d <= 0 {
			return fmt.Errorf("WithTimeout: timeout must be positive, got %v", d)
		}
		c.timeout = d
		return nil
	}
}

// WithRetries sets how many times a transient failure (429, 502, 503, 504 or
// a network error) is retried; 0 disables retries. The default is 3. Only
// idempotent requests are retried, plus any request the store refused with
// 429; a POST that creates something is never replayed after a 5xx.
func WithRetries(n int) Option {
	return func(c *config) error {
		if n < 0 {
			return fmt.Errorf("WithRetries: negative retry count %d", n)
		}
		c.retries, c.retriesSet = n, true
		return nil
	}
}

// WithBackoff sets the bounds of the exponential backoff (with jitter)
// between retries. A Retry-After header from the store takes precedence.
func WithBackoff(min, max time.Duration) Option {
	return func(c *config) error {
		if min <= 0 || max < min {
			return fmt.Errorf("WithBackoff: need 0 < min <= max, got %v and %v", min, max)
		}
		c.minBackoff, c.maxBackoff = min, max
		return nil
	}
}

// WithRateLimit limits the client to r requests a second with bursts of
// burst, counting every attempt. Shared hosts often answer bursts with 429
// or 503.
func WithRateLimit(r rate.Limit, burst int) Option {
	return func(c *config) error {
		if r <= 0 || burst < 1 {
			return fmt.Errorf("WithRateLimit: need a positive rate and burst, got %v and %d", r, burst)
		}
		c.limiter = rate.NewLimiter(r, burst)
		return nil
	}
}

// WithLogger logs one debug line per HTTP attempt and a warning per retry,
// with secrets redacted.
func WithLogger(l *slog.Logger) Option {
	return func(c *config) error {
		if l == nil {
			return errors.New("WithLogger: nil *slog.Logger")
		}
		c.logger = l
		return nil
	}
}

// WithUserAgent replaces the default User-Agent ("woonexo/<version> ...").
// Some hosts block Go's own default User-Agent, so an empty one is refused.
func WithUserAgent(ua string) Option {
	return func(c *config) error {
		if strings.TrimSpace(ua) == "" {
			return errors.New("WithUserAgent: empty User-Agent")
		}
		c.userAgent = ua
		return nil
	}
}

// WithAPIPrefix sets the REST API prefix, "wp-json" unless the site changed
// it with the rest_url_prefix filter.
func WithAPIPrefix(prefix string) Option {
	return func(c *config) error {
		p := strings.Trim(prefix, "/")
		if p == "" || strings.ContainsAny(p, "?#") {
			return fmt.Errorf("WithAPIPrefix: invalid prefix %q", prefix)
		}
		c.apiPrefix = p
		return nil
	}
}

// WithVersion sets the API namespace, "wc/v3" by default.
func WithVersion(version string) Option {
	return func(c *config) error {
		v := strings.Trim(version, "/")
		if v == "" || strings.ContainsAny(v, "?#") {
			return fmt.Errorf("WithVersion: invalid version %q", version)
		}
		c.version = v
		return nil
	}
}

// WithMethodOverride sends PUT and DELETE as POST with the real method in a
// `_method` query parameter or an X-HTTP-Method-Override header, for hosts
// whose firewall blocks PUT and DELETE. Such requests are still retried as
// the idempotent calls they are.
func WithMethodOverride(m MethodOverride) Option {
	return func(c *config) error {
		if m < OverrideNone || m > OverrideHeader {
			return fmt.Errorf("WithMethodOverride: unknown mode %d", int(m))
		}
		c.override = m
		return nil
	}
}

// WithBatchLimit sets how many items one batch call may carry (default
// DefaultBatchLimit). Larger batches are split into several calls.
func WithBatchLimit(n int) Option {
	return func(c *config) error {
		if n < 1 {
			return fmt.Errorf("WithBatchLimit: limit must be at least 1, got %d", n)
		}
		c.batchLimit = n
		return nil
	}
}

// WithClock sets the clock that OAuth 1.0a timestamps are taken from
// (time.Now by default). WooCommerce refuses a timestamp more than 15
// minutes away from its own clock, so a fake store running at another date
// and the client signing for it must share one clock.
func WithClock(now func() time.Time) Option {
	return func(c *config) error {
		if now == nil {
			return errors.New("WithClock: clock must not be nil")
		}
		c.now = now
		return nil
	}
}
