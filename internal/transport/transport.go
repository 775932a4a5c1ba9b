package transport

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/cenkalti/backoff/v5"
	"golang.org/x/time/rate"
)

// Version is woonexo's version, sent in the default User-Agent.
const Version = "0.1.0"

// DefaultUserAgent names woonexo and its version. Some hosts block Go's own
// "Go-http-client" User-Agent, so a request never goes out with it.
const DefaultUserAgent = "woonexo/" + Version + " (+https://github.com/woonexo/woonexo)"

// Defaults for Config fields left at their zero value.
const (
	DefaultMaxRetries    = 3
	DefaultMinBackoff    = 250 * time.Millisecond
	DefaultMaxBackoff    = 10 * time.Second
	DefaultMaxRetryAfter = 2 * time.Minute
	DefaultMaxBodyBytes  = 64 << 20
)

// Config configures a Client. The zero value works.
type Config struct {
	// HTTPClient sends the requests; http.DefaultClient when nil.
	HTTPClient *http.Client
	// UserAgent is sent on every request; DefaultUserAgent when empty.
	UserAgent string
	// MaxRetries is how many times a retryable failure is retried; 0 means
	// DefaultMaxRetries and a negative value disables retries.
	MaxRetries int
	// MinBackoff and MaxBackoff bound the exponential backoff between tries.
	MinBackoff, MaxBackoff time.Duration
	// MaxRetryAfter caps how long a Retry-After header may make us wait;
	// a longer wait is not retried.
	MaxRetryAfter time.Duration
	// Limiter, when set, is waited on before every attempt (client-side rate
	// limit, for instance NexoPOS's 80 requests a minute).
	Limiter *rate.Limiter
	// Logger receives one debug line per attempt and a warning per retry;
	// nothing is logged when nil.
	Logger *slog.Logger
	// Redactor removes secrets from URLs, errors and log lines.
	Redactor *Redactor
	// RetryStatus decides whether a response is a transient failure worth
	// retrying. When nil, 429, 502, 503 and 504 are.
	RetryStatus func(status int, header http.Header, body []byte) bool
	// Refused decides whether a response says the server refused the
	// request without acting on it (a throttle), so that any method, POST
	// included, may be sent again. When nil, a 429 is.
	Refused func(status int, header http.Header, body []byte) bool
	// RefusedWait is the pause before retrying a refused request that
	// carries no Retry-After; zero means the usual backoff.
	RefusedWait time.Duration
	// MaxBodyBytes caps how much of a response body is read.
	MaxBodyBytes int64
	// Sleep waits for d or until ctx ends; tests replace it. When nil a
	// timer is used.
	Sleep func(ctx context.Context, d time.Duration) error
}

// Client sends requests with retries. It is safe for concurrent use and holds
// no per-call state.
type Client struct {
	cfg Config
}

// New returns a Client for cfg, filling in defaults.
func New(cfg Config) *Client {
	if cfg.HTTPClient == nil {
		cfg.HTTPClient = http.DefaultClient
	}
	if cfg.UserAgent == "" {
		cfg.UserAgent = DefaultUserAgent
	}
	if cfg.MaxRetries == 0 {
		cfg.MaxRetries = DefaultMaxRetries
	}
	if cfg.MaxRetries < 0 {
		cfg.MaxRetries = 0
	}
	if cfg.MinBackoff <= 0 {
		cfg.MinBackoff = DefaultMinBackoff
	}
	if cfg.MaxBackoff <= 0 {
		cfg.MaxBackoff = DefaultMaxBackoff
	}
	if cfg.MaxBackoff < cfg.MinBackoff {
		cfg.MaxBackoff = cfg.MinBackoff
	}
	if cfg.MaxRetryAfter <= 0 {
		cfg.MaxRetryAfter = DefaultMaxRetryAfter
	}
	if cfg.MaxBodyBytes <= 0 {
		cfg.MaxBodyBytes = DefaultMaxBodyBytes
	}
	if cfg.Redactor == nil {
		cfg.Redactor = NewRedactor()
	}
	if cfg.RetryStatus == nil {
		cfg.RetryStatus = DefaultRetryStatus
	}
	if cfg.Refused == nil {
		cfg.Refused = func(status int, _ http.Header, _ []byte) bool { return status == http.StatusTooManyRequests }
	}
	if cfg.Sleep == nil {
		cfg.Sleep = sleep
	}
	return &Client{cfg: cfg}
}

// Redactor returns the client's redactor.
func (c *Client) Redactor() *Redactor { return c.cfg.Redactor }

// DefaultRetryStatus reports whether status is a transient failure: 429, 502,
// 503 or 504.
func DefaultRetryStatus(status int, _ http.Header, _ []byte) bool {
	switch status {
	case http.StatusTooManyRequests, http.StatusBadGateway, http.StatusServiceUnavailable, http.StatusGatewayTimeout:
		return true
	}
	return false
}

// Request is one logical call. Its Body is kept whole, so every attempt sends
// the same bytes.
type Request struct {
	Method string
	URL    *url.URL
	Header http.Header
	Body   []byte
	// RetrySafe marks a non-idempotent request (POST) as safe to retry: the
	// caller knows that sending it twice does no harm. GET, HEAD, PUT,
	// DELETE and OPTIONS are always retried on transient failures; any
	// method is retried after a refusal (Config.Refused: a 429 by default),
	// which says the server did not act on it.
	RetrySafe bool
	// Authorize, when set, is called on every attempt just before it is
	// sent, so per-attempt signatures (OAuth nonces and timestamps) are
	// fresh.
	Authorize func(*http.Request) error
}

// Response is what the last attempt received.
type Response struct {
	StatusCode int
	Header     http.Header
	Body       []byte
	// Attempts is how many times the request was sent.
	Attempts int
}

func (r Request) idempotent() bool {
	switch r.Method {
	case http.MethodGet, http.MethodHead, http.MethodPut, http.MethodDelete, http.MethodOptions:
		return true
	}
	return r.RetrySafe
}

// Do sends req, retrying transient failures. It returns the last response
// whatever its status; the error is non-nil only when no response was had
// (network failure, context ended, body over the limit), and it is redacted.
func (c *Client) Do(ctx context.Context, req Request) (*Response, error) {
	if req.URL == nil {
		return nil, errors.New("transport: request without URL")
	}
	bo := backoff.NewExponentialBackOff()
	bo.InitialInterval = c.cfg.MinBackoff
	bo.MaxInterval = c.cfg.MaxBackoff
	bo.RandomizationFactor = 0.5
	bo.Multiplier = 2
	bo.Reset()

	safeURL := c.cfg.Redactor.URL(req.URL)
	for attempt := 1; ; attempt++ {
		if c.cfg.Limiter != nil {
			if err := c.cfg.Limiter.Wait(ctx); err != nil {
				return nil, fmt.Errorf("%s %s: rate limiter: %w", req.Method, safeURL, ctxErr(ctx, err))
			}
		}
		start := time.Now()
		resp, err := c.once(ctx, req)
		elapsed := time.Since(start)
		if err != nil {
			if ctx.Err() != nil {
				return nil, c.cfg.Redactor.Error(err)
			}
			if attempt > c.cfg.MaxRetries || !req.idempotent() {
				return nil, c.cfg.Redactor.Error(err)
			}
			wait := bo.NextBackOff()
			c.logRetry(ctx, req.Method, safeURL, attempt, 0, wait, c.cfg.Redactor.Error(err))
			if err := c.cfg.Sleep(ctx, wait); err != nil {
				return nil, fmt.Errorf("%s %s: %w", req.Method, safeURL, err)
			}
			continue
		}
		resp.Attempts = attempt
		if c.cfg.Logger != nil {
			c.cfg.Logger.LogAttrs(ctx, slog.LevelDebug, "http request",
				slog.String("method", req.Method), slog.String("url", safeURL),
				slog.Int("status", resp.StatusCode), slog.Int("attempt", attempt),
				slog.Duration("elapsed", elapsed))
		}
		if !c.cfg.RetryStatus(resp.StatusCode, resp.Header, resp.Body) || attempt > c.cfg.MaxRetries {
			return resp, nil
		}
		refused := c.cfg.Refused(resp.StatusCode, resp.Header, resp.Body)
		if !req.idempotent() && !refused {
			return resp, nil
		}
		wait := bo.NextBackOff()
		ra, ok := RetryAfter(resp.Header, time.Now())
		if !ok && refused && c.cfg.RefusedWait > 0 {
			ra, ok = c.cfg.RefusedWait, true
		}
		if ok {
			if ra > c.cfg.MaxRetryAfter {
				return resp, nil
			}
			wait = ra
		}
		c.logRetry(ctx, req.Method, safeURL, attempt, resp.StatusCode, wait, nil)
		if err := c.cfg.Sleep(ctx, wait); err != nil {
			return nil, fmt.Errorf("%s %s: %w", req.Method, safeURL, err)
		}
	}
}

func (c *Client) logRetry(ctx context.Context, method, u string, attempt, status int, wait time.Duration, err error) {
	if c.cfg.Logger == nil {
		return
	}
	attrs := []slog.Attr{
		slog.String("method", method), slog.String("url", u), slog.Int("attempt", attempt),
		slog.Duration("wait", wait),
	}
	if status != 0 {
		attrs = append(attrs, slog.Int("status", status))
	}
	if err != nil {
		attrs = append(attrs, slog.String("error", err.Error()))
	}
	c.cfg.Logger.LogAttrs(ctx, slog.LevelWarn, "http retry", attrs...)
}

func (c *Client) once(ctx context.Context, req Request) (*Response, error) {
	var body io.Reader
	if req.Body != nil {
		body = bytes.NewReader(req.Body)
	}
	hr, err := http.NewRequestWithContext(ctx, req.Method, req.URL.String(), body)
	if err != nil {
		return nil, err
	}
	if req.Body != nil {
		b := req.Body
		hr.GetBody = func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(b)), nil }
	}
	for k, vs := range req.Header {
		hr.Header[k] = append([]string(nil), vs...)
	}
	if hr.Header.Get("User-Agent") == "" {
		hr.Header.Set("User-Agent", c.cfg.UserAgent)
	}
	if req.Authorize != nil {
		if err := req.Authorize(hr); err != nil {
			return nil, err
		}
	}
	hresp, err := c.cfg.HTTPClient.Do(hr)
	if err != nil {
		return nil, err
	}
	defer hresp.Body.Close()
	data, err := io.ReadAll(io.LimitReader(hresp.Body, c.cfg.MaxBodyBytes+1))
	if err != nil {
		return nil, fmt.Errorf("%s %s: reading response body: %w", req.Method, c.cfg.Redactor.URL(req.URL), err)
	}
	if int64(len(data)) > c.cfg.MaxBodyBytes {
		return nil, fmt.Errorf("%s %s: response body larger than %d bytes", req.Method, c.cfg.Redactor.URL(req.URL), c.cfg.MaxBodyBytes)
	}
	return &Response{StatusCode: hresp.StatusCode, Header: hresp.Header, Body: data}, nil
}

// RetryAfter parses a Retry-After header (seconds or an HTTP date) relative
// to now.
func RetryAfter(h http.Header, now time.Time) (time.Duration, bool) {
	v := strings.TrimSpace(h.Get("Retry-After"))
	if v == "" {
		return 0, false
	}
	if secs, err := strconv.Atoi(v); err == nil {
		if secs < 0 {
			return 0, false
		}
		return time.Duration(secs) * time.Second, true
	}
	if t, err := http.ParseTime(v); err == nil {
		d := t.Sub(now)
		if d < 0 {
			d = 0
		}
		return d, true
	}
	return 0, false
}

func sleep(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

func ctxErr(ctx context.Context, err error) error {
	if ctx.Err() != nil {
		return ctx.Err()
	}
	return err
}
