package nexopos

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/oauth2"
)

func TestNewClientOptions(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name    string
		base    string
		opts    []Option
		wantErr string
	}{
		{"ok", "https://pos.example.com", []Option{WithToken("1|abc")}, ""},
		{"no token", "https://pos.example.com", nil, "a token is required"},
		{"empty token", "https://pos.example.com", []Option{WithToken(" ")}, "empty token"},
		{"both tokens", "https://pos.example.com", []Option{WithToken("1|abc"), WithTokenSource(oauth2.StaticTokenSource(&oauth2.Token{AccessToken: "x"}))}, "not both"},
		{"relative URL", "pos.example.com", []Option{WithToken("1|abc")}, "absolute http(s) URL"},
		{"bad scheme", "ftp://pos.example.com", []Option{WithToken("1|abc")}, "absolute http(s) URL"},
		{"credentials in URL", "https://u:p@pos.example.com", []Option{WithToken("1|abc")}, "credentials"},
		{"bad version", "https://pos.example.com", []Option{WithToken("1|abc"), WithVersion(7)}, "unknown version"},
		{"bad timeout", "https://pos.example.com", []Option{WithToken("1|abc"), WithTimeout(0)}, "timeout"},
		{"bad retries", "https://pos.example.com", []Option{WithToken("1|abc"), WithRetries(-1)}, "negative retry"},
		{"bad rate", "https://pos.example.com", []Option{WithToken("1|abc"), WithRateLimit(0, 1)}, "positive"},
		{"nil http client", "https://pos.example.com", []Option{WithToken("1|abc"), WithHTTPClient(nil)}, "nil client"},
		{"empty user agent", "https://pos.example.com", []Option{WithToken("1|abc"), WithUserAgent("")}, "empty user agent"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			c, err := NewClient(tc.base, tc.opts...)
			if tc.wantErr == "" {
				require.NoError(t, err)
				assert.Equal(t, V6, c.Version())
				return
			}
			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.wantErr)
			assert.True(t, strings.HasPrefix(err.Error(), "nexopos: new client: "), err.Error())
		})
	}
}

func TestRequestHeadersAndPrefix(t *testing.T) {
	t.Parallel()
	cases := []struct {
		version Version
		base    string
		path    string
	}{
		{V6, "", "/api/user"},
		{V5, "/pos/", "/pos/api/user"},
		{V4, "", "/api/nexopos/v4/user"},
		{V6, "/api", "/api/user"}, // a base URL given with the prefix is tolerated
	}
	for _, tc := range cases {
		t.Run(tc.version.String()+tc.base, func(t *testing.T) {
			t.Parallel()
			f := newFake(t, map[string][]reply{"GET " + tc.path: {{fixture: "v5/01-get-user.json"}}})
			c, err := NewClient(f.srv.URL+tc.base, WithToken(testToken), WithVersion(tc.version), WithUserAgent("woonexo-test"))
			require.NoError(t, err)
			u, err := c.Users.Me(ctx())
			require.NoError(t, err)
			assert.Equal(t, int64(72), u.ID)
			assert.Equal(t, "admin", u.Username)
			r := f.last()
			assert.Equal(t, tc.path, r.Path)
			assert.Equal(t, "application/json", r.Header.Get("Accept"))
			assert.Equal(t, "Bearer "+testToken, r.Header.Get("Authorization"))
			assert.Equal(t, "woonexo-test", r.Header.Get("User-Agent"))
		})
	}
}

func TestTokenSource(t *testing.T) {
	t.Parallel()
	f := newFake(t, map[string][]reply{"GET /api/user": {{fixture: "v5/01-get-user.json"}}})
	ts := oauth2.StaticTokenSource(&oauth2.Token{AccessToken: "9|fromsource"})
	c, err := NewClient(f.srv.URL, WithTokenSource(ts))
	require.NoError(t, err)
	_, err = c.Users.Me(ctx())
	require.NoError(t, err)
	assert.Equal(t, "Bearer 9|fromsource", f.last().Header.Get("Authorization"))
}

func TestRedirectToLoginIsUnauthorized(t *testing.T) {
	t.Parallel()
	f := newFake(t, map[string][]reply{"GET /api/user": {{status: http.StatusFound, header: http.Header{"Location": {"http://pos/sign-in"}, "Content-Type": {"text/html"}}, body: "<html></html>"}}})
	_, err := f.client().Users.Me(ctx())
	require.ErrorIs(t, err, ErrUnauthorized)
	assert.Len(t, f.requests(), 1, "the redirect must not be followed")
}

func TestTokenNeverInErrorsOrLogs(t *testing.T) {
	t.Parallel()
	// The server echoes the token in its message, as a proxy might.
	f := newFake(t, map[string][]reply{"GET /api/user": {{status: 500, body: `{"status":"error","message":"bad token ` + testToken + `"}`}}})
	var logs bytes.Buffer
	c := f.client(WithLogger(slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))), WithRetries(0))
	_, err := c.Users.Me(ctx())
	require.Error(t, err)
	assert.NotContains(t, err.Error(), testToken)
	var apiErr *APIError
	require.ErrorAs(t, err, &apiErr)
	assert.NotContains(t, apiErr.Body, testToken)
	assert.NotContains(t, logs.String(), testToken)
	assert.Contains(t, logs.String(), "http request", "the logger must have been used")

	// A network error names the URL, never the token.
	c2, err := NewClient("http://127.0.0.1:1", WithToken(testToken), WithRetries(0))
	require.NoError(t, err)
	_, err = c2.Users.Me(ctx())
	require.Error(t, err)
	assert.NotContains(t, err.Error(), testToken)
}

func TestRetriesTransientGet(t *testing.T) {
	t.Parallel()
	f := newFake(t, map[string][]reply{"GET /api/user": {{status: 503, body: "busy"}, {status: 502, body: "busy"}, {fixture: "v5/01-get-user.json"}}})
	u, err := f.client().Users.Me(ctx())
	require.NoError(t, err)
	assert.Equal(t, int64(72), u.ID)
	assert.Len(t, f.requests(), 3)
}

func TestThrottleIsRetriedAfterPause(t *testing.T) {
	t.Parallel()
	throttled := reply{status: 500, body: `{"status":"error","message":"Too Many Attempts.","previous":"http://pos"}`}
	f := newFake(t, map[string][]reply{
		"POST /api/orders": {throttled, {fixture: "v5/28-create-order.json"}},
	})
	var waits []time.Duration
	c, err := NewClient(f.srv.URL, WithToken(testToken), WithThrottleWait(7*time.Second),
		withSleep(func(_ context.Context, d time.Duration) error { waits = append(waits, d); return nil }))
	require.NoError(t, err)
	o, err := c.Orders.Create(ctx(), sampleOrderInput())
	require.NoError(t, err, "a throttled POST was never run and must be retried")
	assert.Equal(t, int64(1), o.ID)
	assert.Equal(t, []time.Duration{7 * time.Second}, waits)
	assert.Len(t, f.requests(), 2)
}

func TestThrottleExhaustedIsRateLimited(t *testing.T) {
	t.Parallel()
	for _, rep := range []reply{
		{status: 500, body: `{"status":"error","message":"Too Many Attempts.","previous":"http://pos"}`},
		{status: 429, body: `{"message":"Too Many Attempts."}`, header: http.Header{"Retry-After": {"1"}}},
	} {
		f := newFake(t, map[string][]reply{"GET /api/user": {rep}})
		_, err := f.client(WithRetries(2)).Users.Me(ctx())
		require.ErrorIs(t, err, ErrRateLimited)
		assert.Len(t, f.requests(), 3)
		var apiErr *APIError
		require.ErrorAs(t, err, &apiErr)
		assert.Equal(t, rep.status, apiErr.StatusCode, "the status the server sent is reported")
	}
}

func TestPostNotRetriedOnServerError(t *testing.T) {
	t.Parallel()
	f := newFake(t, map[string][]reply{"POST /api/orders": {{status: 503, body: "down"}}})
	_, err := f.client().Orders.Create(ctx(), sampleOrderInput())
	require.Error(t, err)
	assert.Len(t, f.requests(), 1, "an order may have been placed; it must not be posted twice")
}

func TestContextCanceled(t *testing.T) {
	t.Parallel()
	f := newFake(t, map[string][]reply{"GET /api/user": {{fixture: "v5/01-get-user.json"}}})
	c2, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := f.client().Users.Me(c2)
	require.Error(t, err)
	assert.True(t, errors.Is(err, context.Canceled), err.Error())
}
