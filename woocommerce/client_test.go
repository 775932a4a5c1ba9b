package woocommerce

import (
	"bytes"
	"context"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestNewClientValidatesOptions(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		url     string
		opts    []Option
		wantErr string
	}{
		{"empty url", "", nil, "empty store URL"},
		{"relative url", "shop.example.com", nil, "scheme must be http or https"},
		{"ftp", "ftp://shop.example.com", nil, "scheme must be http or https"},
		{"query in url", "https://shop.example.com/?a=1", nil, "must not have a query"},
		{"user info", "https://u:p@shop.example.com", nil, "must not carry user info"},
		{"empty key", "https://s.example", []Option{WithCredentials("", "cs")}, "must not be empty"},
		{"bad auth mode", "https://s.example", []Option{WithAuthMode(AuthMode(9))}, "unknown mode"},
		{"bad override", "https://s.example", []Option{WithMethodOverride(MethodOverride(7))}, "unknown mode"},
		{"zero timeout", "https://s.example", []Option{WithTimeout(0)}, "must be positive"},
		{"negative retries", "https://s.example", []Option{WithRetries(-1)}, "negative"},
		{"bad backoff", "https://s.example", []Option{WithBackoff(time.Second, time.Millisecond)}, "min <= max"},
		{"bad rate", "https://s.example", []Option{WithRateLimit(0, 1)}, "positive rate"},
		{"nil logger", "https://s.example", []Option{WithLogger(nil)}, "nil"},
		{"nil http client", "https://s.example", []Option{WithHTTPClient(nil)}, "nil"},
		{"empty user agent", "https://s.example", []Option{WithUserAgent(" ")}, "empty User-Agent"},
		{"empty prefix", "https://s.example", []Option{WithAPIPrefix("/")}, "invalid prefix"},
		{"empty version", "https://s.example", []Option{WithVersion("")}, "invalid version"},
		{"zero batch limit", "https://s.example", []Option{WithBatchLimit(0)}, "at least 1"},
		{"bad oauth base", "https://s.example", []Option{WithOAuthBaseURL("nope")}, "scheme"},
		{"ok", "https://s.example", []Option{WithCredentials("ck", "cs"), WithTimeout(time.Second), WithRetries(0),
			WithRateLimit(10, 1), WithLogger(slog.Default()), WithUserAgent("x"), WithBatchLimit(50), nil}, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			c, err := NewClient(tc.url, tc.opts...)
			if tc.wantErr == "" {
				require.NoError(t, err)
				require.NotNil(t, c.Products)
				return
			}
			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.wantErr)
			assert.True(t, strings.HasPrefix(err.Error(), "woocommerce: new client: "), err.Error())
		})
	}
}

func TestStoreURLNormalization(t *testing.T) {
	t.Parallel()
	tests := map[string]string{
		"https://Shop.Example.com/":      "https://shop.example.com",
		"https://shop.example.com:443":   "https://shop.example.com",
		"http://shop.example.com:80/wp/": "http://shop.example.com/wp",
		"http://127.0.0.1:8080":          "http://127.0.0.1:8080",
		"  HTTPS://x.example/sub//  ":    "https://x.example/sub",
	}
	for in, want := range tests {
		c, err := NewClient(in)
		require.NoError(t, err, in)
		assert.Equal(t, want, c.StoreURL(), in)
	}
}

func TestPrefixVersionAndUserAgent(t *testing.T) {
	t.Parallel()
	rec := newRecorder(t, jsonServer(200, []byte("[]")))
	c := rec.client(t, WithAPIPrefix("/api/"), WithVersion("wc/v2"), WithUserAgent("my-bridge/1.0"))
	_, _, err := c.Tags.List(context.Background(), nil)
	require.NoError(t, err)
	got := rec.last(t)
	assert.Equal(t, "/api/wc/v2/products/tags", got.Path)
	assert.Equal(t, "my-bridge/1.0", got.Header.Get("User-Agent"))

	rec2 := newRecorder(t, jsonServer(200, []byte("[]")))
	_, _, err = rec2.client(t).Tags.List(context.Background(), nil)
	require.NoError(t, err)
	assert.True(t, strings.HasPrefix(rec2.last(t).Header.Get("User-Agent"), "woonexo/"))
}

func TestMethodOverride(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name       string
		mode       MethodOverride
		wantQuery  url.Values
		wantHeader string
	}{
		{"query", OverrideQuery, url.Values{"_method": {"DELETE"}, "force": {"true"}}, ""},
		{"header", OverrideHeader, url.Values{"force": {"true"}}, "DELETE"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			rec := newRecorder(t, func(w http.ResponseWriter, _ *http.Request, n int) {
				if n == 1 {
					w.WriteHeader(http.StatusServiceUnavailable)
					return
				}
				_, _ = w.Write([]byte(`{"id":3}`))
			})
			c := rec.client(t, WithMethodOverride(tc.mode))
			_, err := c.Coupons.Delete(context.Background(), 3, true)
			require.NoError(t, err)
			got := rec.last(t)
			assert.Equal(t, http.MethodPost, got.Method)
			assert.Equal(t, tc.wantQuery, got.Query)
			assert.Equal(t, tc.wantHeader, got.Header.Get("X-HTTP-Method-Override"))
			assert.Len(t, rec.requests(), 2, "an overridden DELETE is still retried")
		})
	}
}

func TestRetries(t *testing.T) {
	t.Parallel()
	const order = `{"id":21}`
	tests := []struct {
		name      string
		first     int // status of the first answer
		call      func(context.Context, *Client) error
		wantCalls int
		wantErr   error
	}{
		{"POST create is not replayed after 503", 503, func(ctx context.Context, c *Client) error {
			_, err := c.Orders.Create(ctx, OrderRequest{Status: "pending"})
			return err
		}, 1, ErrServer},
		{"POST create is not replayed after 502", 502, func(ctx context.Context, c *Client) error {
			_, err := c.Refunds.Create(ctx, 21, RefundRequest{Amount: MustDecimal("5")})
			return err
		}, 1, ErrServer},
		{"POST create is retried after 429", 429, func(ctx context.Context, c *Client) error {
			_, err := c.Orders.Create(ctx, OrderRequest{Status: "pending"})
			return err
		}, 2, nil},
		{"PUT is retried after 503", 503, func(ctx context.Context, c *Client) error {
			_, err := c.Orders.Update(ctx, 21, OrderRequest{Status: "completed", CustomerNote: Ptr(strings.Repeat("long note ", 500))})
			return err
		}, 2, nil},
		{"GET is retried after 504", 504, func(ctx context.Context, c *Client) error {
			_, err := c.Orders.Get(ctx, 21)
			return err
		}, 2, nil},
		{"batch of updates is retried", 503, func(ctx context.Context, c *Client) error {
			_, err := c.Orders.Batch(ctx, BatchRequest[OrderRequest]{Update: []BatchUpdate[OrderRequest]{{ID: 21, Request: OrderRequest{Status: "completed"}}}})
			return err
		}, 2, nil},
		{"batch with creates is not replayed", 503, func(ctx context.Context, c *Client) error {
			_, err := c.Orders.Batch(ctx, BatchRequest[OrderRequest]{Create: []OrderRequest{{Status: "pending"}}})
			return err
		}, 1, ErrServer},
		{"404 is not retried", 404, func(ctx context.Context, c *Client) error {
			_, err := c.Orders.Get(ctx, 21)
			return err
		}, 1, ErrNotFound},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			rec := newRecorder(t, func(w http.ResponseWriter, _ *http.Request, n int) {
				if n == 1 {
					w.WriteHeader(tc.first)
					return
				}
				_, _ = w.Write([]byte(order))
			})
			err := tc.call(context.Background(), rec.client(t))
			if tc.wantErr != nil {
				require.ErrorIs(t, err, tc.wantErr)
			} else {
				require.NoError(t, err)
			}
			reqs := rec.requests()
			require.Len(t, reqs, tc.wantCalls)
			for _, r := range reqs[1:] {
				assert.Equal(t, reqs[0].Body, r.Body, "a retry must resend the whole body")
				assert.Equal(t, reqs[0].Method, r.Method)
				assert.Equal(t, reqs[0].Query, r.Query)
			}
			if len(reqs) > 1 && len(reqs[0].Body) > 0 {
				assert.Greater(t, len(reqs[1].Body), 0)
			}
		})
	}
}

func TestRetryHonoursRetryAfterAndContext(t *testing.T) {
	t.Parallel()
	rec := newRecorder(t, func(w http.ResponseWriter, _ *http.Request, _ int) {
		w.Header().Set("Retry-After", "30")
		w.WriteHeader(http.StatusTooManyRequests)
	})
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err := rec.client(t).Products.Get(ctx, 1)
	require.Error(t, err)
	assert.ErrorIs(t, err, context.DeadlineExceeded)
	assert.Less(t, time.Since(start), 5*time.Second, "the wait ended with the context")
	assert.Len(t, rec.requests(), 1)
}

func TestLogLinesCarryNoSecret(t *testing.T) {
	t.Parallel()
	var buf bytes.Buffer
	logger := slog.New(slog.NewTextHandler(&buf, &slog.HandlerOptions{Level: slog.LevelDebug}))
	rec := newRecorder(t, func(w http.ResponseWriter, _ *http.Request, n int) {
		if n == 1 {
			w.WriteHeader(http.StatusServiceUnavailable)
			return
		}
		_, _ = w.Write([]byte("[]"))
	})
	c := rec.client(t, WithCredentials("ck_key_visible", "cs_log_secret"), WithLogger(logger))
	_, _, err := c.Products.List(context.Background(), nil)
	require.NoError(t, err)
	out := buf.String()
	assert.Contains(t, out, "http retry")
	assert.NotContains(t, out, "cs_log_secret")
	assert.NotContains(t, out, "oauth_signature=", "signed URLs are not logged")
}

func TestDoEscapeHatch(t *testing.T) {
	t.Parallel()
	rec := newRecorder(t, func(w http.ResponseWriter, _ *http.Request, _ int) {
		w.Header().Set("X-WP-Total", "3")
		w.Header().Set("X-WP-TotalPages", "1")
		_, _ = w.Write([]byte(`[{"id":"standard"}]`))
	})
	var out []struct{ ID string }
	resp, err := rec.client(t).Do(context.Background(), http.MethodGet, "/taxes/classes", url.Values{"page": {"1"}}, nil, &out)
	require.NoError(t, err)
	assert.Equal(t, 200, resp.StatusCode)
	assert.Equal(t, int64(3), resp.Page.Total)
	assert.Equal(t, "standard", out[0].ID)
	assert.Equal(t, "/wp-json/wc/v3/taxes/classes", rec.last(t).Path)
}

func TestNilContextIsAnError(t *testing.T) {
	t.Parallel()
	c, err := NewClient("https://s.example")
	require.NoError(t, err)
	//lint:ignore SA1012 testing the nil-context guard
	_, err = c.Products.Get(nil, 1) //nolint:staticcheck
	require.ErrorContains(t, err, "nil context")
}
