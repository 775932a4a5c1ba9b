package transport

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func noSleep(ctx context.Context, d time.Duration) error { return ctx.Err() }

func mustURL(t *testing.T, s string) *url.URL {
	t.Helper()
	u, err := url.Parse(s)
	require.NoError(t, err)
	return u
}

func TestRetryPolicyByMethod(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name      string
		method    string
		retrySafe bool
		status    int
		wantCalls int32
	}{
		{"GET 503 retried", http.MethodGet, false, 503, 4},
		{"PUT 502 retried", http.MethodPut, false, 502, 4},
		{"DELETE 504 retried", http.MethodDelete, false, 504, 4},
		{"POST 503 not replayed", http.MethodPost, false, 503, 1},
		{"POST 502 not replayed", http.MethodPost, false, 502, 1},
		{"POST 429 retried (refused unprocessed)", http.MethodPost, false, 429, 4},
		{"POST marked safe 503 retried", http.MethodPost, true, 503, 4},
		{"GET 500 not retried", http.MethodGet, false, 500, 1},
		{"GET 404 not retried", http.MethodGet, false, 404, 1},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			var calls atomic.Int32
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				calls.Add(1)
				w.WriteHeader(c.status)
			}))
			defer srv.Close()
			cl := New(Config{MaxRetries: 3, Sleep: noSleep})
			resp, err := cl.Do(context.Background(), Request{Method: c.method, URL: mustURL(t, srv.URL), Body: []byte(`{}`), RetrySafe: c.retrySafe})
			require.NoError(t, err)
			assert.Equal(t, c.status, resp.StatusCode)
			assert.Equal(t, c.wantCalls, calls.Load())
			assert.Equal(t, int(c.wantCalls), resp.Attempts)
		})
	}
}

func TestRetriedPUTResendsWholeBody(t *testing.T) {
	t.Parallel()
	body := strings.Repeat(`{"name":"a product with a long body"}`, 1000)
	var calls atomic.Int32
	var bodies []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		bodies = append(bodies, string(b))
		if calls.Add(1) < 3 {
			w.WriteHeader(http.StatusServiceUnavailable)
			return
		}
		_, _ = w.Write([]byte(`{"ok":true}`))
	}))
	defer srv.Close()
	cl := New(Config{Sleep: noSleep})
	resp, err := cl.Do(context.Background(), Request{Method: http.MethodPut, URL: mustURL(t, srv.URL), Body: []byte(body)})
	require.NoError(t, err)
	assert.Equal(t, 200, resp.StatusCode)
	require.Len(t, bodies, 3)
	for _, b := range bodies {
		assert.Equal(t, body, b)
	}
}

func TestRetryAfterHonoured(t *testing.T) {
	t.Parallel()
	var calls atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if calls.Add(1) == 1 {
			w.Header().Set("Retry-After", "7")
			w.WriteHeader(http.StatusTooManyRequests)
			return
		}
		w.WriteHeader(200)
	}))
	defer srv.Close()
	var waits []time.Duration
	cl := New(Config{Sleep: func(ctx context.Context, d time.Duration) error { waits = append(waits, d); return nil }})
	resp, err := cl.Do(context.Background(), Request{Method: http.MethodGet, URL: mustURL(t, srv.URL)})
	require.NoError(t, err)
	assert.Equal(t, 200, resp.StatusCode)
	assert.Equal(t, []time.Duration{7 * time.Second}, waits)
}

func TestRetryAfterTooLongNotRetried(t *testing.T) {
	t.Parallel()
	var calls atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		calls.Add(1)
		w.Header().Set("Retry-After", "3600")
		w.WriteHeader(http.StatusServiceUnavailable)
	}))
	defer srv.Close()
	cl := New(Config{Sleep: noSleep})
	resp, err := cl.Do(context.Background(), Request{Method: http.MethodGet, URL: mustURL(t, srv.URL)})
	require.NoError(t, err)
	assert.Equal(t, 503, resp.StatusCode)
	assert.Equal(t, int32(1), calls.Load())
}

func TestBackoffStopsWhenContextEnds(t *testing.T) {
	t.Parallel()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusServiceUnavailable)
	}))
	defer srv.Close()
	cl := New(Config{MinBackoff: time.Hour, MaxBackoff: time.Hour})
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err := cl.Do(ctx, Request{Method: http.MethodGet, URL: mustURL(t, srv.URL)})
	require.Error(t, err)
	assert.ErrorIs(t, err, context.DeadlineExceeded)
	assert.Less(t, time.Since(start), 5*time.Second)
}

func TestNetworkErrorRetriedForGETOnly(t *testing.T) {
	t.Parallel()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {}))
	u := mustURL(t, srv.URL)
	srv.Close() // connection refused from now on
	var sleeps atomic.Int32
	cl := New(Config{MaxRetries: 2, Sleep: func(ctx context.Context, d time.Duration) error { sleeps.Add(1); return nil }})
	_, err := cl.Do(context.Background(), Request{Method: http.MethodGet, URL: u})
	require.Error(t, err)
	assert.Equal(t, int32(2), sleeps.Load())

	sleeps.Store(0)
	_, err = cl.Do(context.Background(), Request{Method: http.MethodPost, URL: u, Body: []byte("{}")})
	require.Error(t, err)
	assert.Equal(t, int32(0), sleeps.Load(), "a POST must not be replayed after a network error")
}

func TestAuthorizeRunsPerAttemptAndUserAgent(t *testing.T) {
	t.Parallel()
	var seen []string
	var uas []string
	var calls atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		seen = append(seen, r.Header.Get("Authorization"))
		uas = append(uas, r.Header.Get("User-Agent"))
		if calls.Add(1) == 1 {
			w.WriteHeader(502)
		}
	}))
	defer srv.Close()
	n := 0
	cl := New(Config{Sleep: noSleep})
	_, err := cl.Do(context.Background(), Request{Method: http.MethodGet, URL: mustURL(t, srv.URL), Authorize: func(r *http.Request) error {
		n++
		r.Header.Set("Authorization", "nonce-"+string(rune('0'+n)))
		return nil
	}})
	require.NoError(t, err)
	assert.Equal(t, []string{"nonce-1", "nonce-2"}, seen)
	assert.Equal(t, DefaultUserAgent, uas[0])
	assert.True(t, strings.HasPrefix(uas[0], "woonexo/"))
}

func TestSecretsRedactedFromURLError(t *testing.T) {
	t.Parallel()
	const secret = "cs_0123456789abcdef"
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {}))
	base := srv.URL
	srv.Close()
	u := mustURL(t, base+"/wp-json/wc/v3/products?consumer_key=ck_abc&consumer_secret="+secret+"&page=2")
	cl := New(Config{MaxRetries: -1, Redactor: NewRedactor(secret)})
	_, err := cl.Do(context.Background(), Request{Method: http.MethodGet, URL: u})
	require.Error(t, err)
	assert.NotContains(t, err.Error(), secret)
	assert.NotContains(t, err.Error(), "ck_abc")
	assert.Contains(t, err.Error(), "page=2")
	var ue *url.Error
	assert.True(t, errors.As(err, &ue), "the *url.Error type is kept: %T", err)
}

func TestRedactor(t *testing.T) {
	t.Parallel()
	r := NewRedactor("s3cr3t/with+chars")
	assert.Equal(t, "token REDACTED here", r.String("token s3cr3t/with+chars here"))
	assert.NotContains(t, r.String("q="+url.QueryEscape("s3cr3t/with+chars")), "s3cr3t")
	assert.Equal(t, "https://REDACTED@shop.test/x?oauth_signature=REDACTED&page=1",
		r.URLString("https://user:pw@shop.test/x?oauth_signature=abc&page=1"))
	// Short strings are not treated as secrets (they would blank out ordinary text).
	r2 := NewRedactor("ab")
	assert.Equal(t, "about", r2.String("about"))
}

func TestRetryAfterParse(t *testing.T) {
	t.Parallel()
	now := time.Date(2026, 11, 27, 8, 0, 0, 0, time.UTC)
	h := http.Header{}
	_, ok := RetryAfter(h, now)
	assert.False(t, ok)
	h.Set("Retry-After", "12")
	d, ok := RetryAfter(h, now)
	assert.True(t, ok)
	assert.Equal(t, 12*time.Second, d)
	h.Set("Retry-After", now.Add(30*time.Second).Format(http.TimeFormat))
	d, ok = RetryAfter(h, now)
	assert.True(t, ok)
	assert.Equal(t, 30*time.Second, d)
	h.Set("Retry-After", "soon")
	_, ok = RetryAfter(h, now)
	assert.False(t, ok)
}

func TestRefusedIsRetriedForAnyMethodWithItsWait(t *testing.T) {
	t.Parallel()
	var calls atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if calls.Add(1) == 1 {
			w.WriteHeader(http.StatusInternalServerError)
			_, _ = w.Write([]byte(`throttled`))
			return
		}
		w.WriteHeader(http.StatusCreated)
	}))
	defer srv.Close()
	var waits []time.Duration
	cl := New(Config{
		RetryStatus: func(status int, _ http.Header, body []byte) bool { return string(body) == "throttled" },
		Refused:     func(status int, _ http.Header, body []byte) bool { return string(body) == "throttled" },
		RefusedWait: 9 * time.Second,
		Sleep:       func(ctx context.Context, d time.Duration) error { waits = append(waits, d); return nil },
	})
	resp, err := cl.Do(context.Background(), Request{Method: http.MethodPost, URL: mustURL(t, srv.URL), Body: []byte(`{}`)})
	require.NoError(t, err)
	assert.Equal(t, http.StatusCreated, resp.StatusCode, "a refused POST was never run and is sent again")
	assert.Equal(t, []time.Duration{9 * time.Second}, waits)
}
