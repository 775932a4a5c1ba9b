package woocommerce

import (
	"context"
	"encoding/base64"
	"errors"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestAPIErrorFromRealResponses(t *testing.T) {
	t.Parallel()
	tests := []struct {
		fixture  string
		status   int
		code     string
		message  string
		is       error
		notIs    error
		contains string
	}{
		{"error-404-product.http", 404, "woocommerce_rest_product_invalid_id", "Invalid ID.", ErrNotFound, ErrBadRequest,
			"woocommerce: get product 12: HTTP 404 woocommerce_rest_product_invalid_id: Invalid ID."},
		{"error-401-no-auth.http", 401, "woocommerce_rest_cannot_view", "Sorry, you cannot list resources.", ErrUnauthorized, ErrForbidden, "HTTP 401"},
		{"error-401-bad-signature-oauth.http", 401, "woocommerce_rest_authentication_error", "Invalid signature - provided signature does not match.", ErrUnauthorized, ErrNotFound, "Invalid signature"},
		{"error-400-invalid-param.http", 400, "rest_invalid_param", "Invalid parameter(s): type", ErrBadRequest, ErrNotFound,
			"[type: type is not one of simple, grouped, external, and variable.]"},
	}
	for _, tc := range tests {
		t.Run(tc.fixture, func(t *testing.T) {
			t.Parallel()
			f := loadFixture(t, tc.fixture)
			rec := newRecorder(t, func(w http.ResponseWriter, _ *http.Request, _ int) { f.serve(w) })
			_, err := rec.client(t).Products.Get(context.Background(), 12)
			require.Error(t, err)
			var ae *APIError
			require.ErrorAs(t, err, &ae)
			assert.Equal(t, tc.status, ae.StatusCode)
			assert.Equal(t, tc.code, ae.Code)
			assert.Equal(t, tc.message, ae.Message)
			assert.ErrorIs(t, err, tc.is)
			assert.NotErrorIs(t, err, tc.notIs)
			assert.Contains(t, err.Error(), tc.contains)
			assert.JSONEq(t, string(f.Body), string(ae.Body))
		})
	}
}

func TestAPIErrorInvalidParamDetails(t *testing.T) {
	t.Parallel()
	f := loadFixture(t, "error-400-invalid-param.http")
	rec := newRecorder(t, func(w http.ResponseWriter, _ *http.Request, _ int) { f.serve(w) })
	_, err := rec.client(t).Products.Create(context.Background(), ProductRequest{Type: "bogus"})
	var ae *APIError
	require.ErrorAs(t, err, &ae)
	assert.Equal(t, 400, ae.Data.Status)
	assert.Equal(t, map[string]string{"type": "type is not one of simple, grouped, external, and variable."}, ae.Data.Params)
	assert.Equal(t, "rest_not_in_enum", ae.Data.Details["type"].Code)
}

func TestAPIErrorFromHostPages(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		status   int
		ctype    string
		body     string
		is       error
		contains string
	}{
		{"empty 503", 503, "", "", ErrServer, "HTTP 503: Service Unavailable (empty body)"},
		{"html 503", 503, "text/html", "<html><head><title>Service Temporarily Unavailable</title></head><body>busy</body></html>", ErrServer,
			`text/html page "Service Temporarily Unavailable"`},
		{"html 403 from a firewall", 403, "text/html; charset=utf-8", "<html><title>Access denied | shop.example.com used Cloudflare</title></html>", ErrForbidden, "Access denied"},
		{"plain 429", 429, "text/plain", "slow down", ErrRateLimited, "Too Many Requests (text/plain body"},
		{"413 batch too large", 413, "application/json", `{"code":"woocommerce_rest_request_entity_too_large","message":"Unable to accept more than 100 items for this request.","data":{"status":413}}`, ErrTooLarge, "more than 100"},
		{"410 already trashed", 410, "application/json", `{"code":"woocommerce_rest_already_trashed","message":"The product has already been deleted.","data":{"status":410}}`, ErrGone, "already"},
		{"501 trash not supported", 501, "application/json", `{"code":"woocommerce_rest_trash_not_supported","message":"Resource does not support trashing.","data":{"status":501}}`, ErrNotImplemented, "trashing"},
		{"invalid id on update is not found", 400, "application/json", `{"code":"woocommerce_rest_product_invalid_id","message":"Invalid ID.","data":{"status":400}}`, ErrNotFound, "Invalid ID."},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			rec := newRecorder(t, func(w http.ResponseWriter, _ *http.Request, _ int) {
				if tc.ctype != "" {
					w.Header().Set("Content-Type", tc.ctype)
				}
				w.WriteHeader(tc.status)
				_, _ = w.Write([]byte(tc.body))
			})
			_, err := rec.client(t, WithRetries(0)).Products.Update(context.Background(), 5, ProductRequest{Name: "x"})
			require.Error(t, err)
			var ae *APIError
			require.ErrorAs(t, err, &ae)
			assert.Equal(t, tc.status, ae.StatusCode)
			assert.ErrorIs(t, err, tc.is)
			assert.Contains(t, err.Error(), tc.contains)
			assert.True(t, strings.HasPrefix(err.Error(), "woocommerce: update product 5: "), err.Error())
		})
	}
}

func TestErrorIsTable(t *testing.T) {
	t.Parallel()
	all := []error{ErrBadRequest, ErrUnauthorized, ErrForbidden, ErrNotFound, ErrGone, ErrTooLarge, ErrRateLimited, ErrNotImplemented, ErrServer, ErrRedirect}
	tests := []struct {
		status int
		code   string
		want   []error
	}{
		{400, "rest_invalid_param", []error{ErrBadRequest}},
		{400, "woocommerce_rest_order_invalid_id", []error{ErrBadRequest, ErrNotFound}},
		{401, "", []error{ErrUnauthorized}},
		{403, "", []error{ErrForbidden}},
		{404, "rest_no_route", []error{ErrNotFound}},
		{410, "", []error{ErrGone}},
		{413, "", []error{ErrTooLarge}},
		{429, "", []error{ErrRateLimited}},
		{500, "", []error{ErrServer}},
		{501, "", []error{ErrNotImplemented, ErrServer}},
		{503, "", []error{ErrServer}},
		{301, "", []error{ErrRedirect}},
		{418, "", nil},
	}
	for _, tc := range tests {
		e := &APIError{StatusCode: tc.status, Code: tc.code}
		for _, s := range all {
			want := false
			for _, w := range tc.want {
				if w == s {
					want = true
				}
			}
			assert.Equal(t, want, errors.Is(e, s), "status %d code %q vs %v", tc.status, tc.code, s)
		}
	}
}

func TestSuccessWithHTMLIsAClearError(t *testing.T) {
	t.Parallel()
	rec := newRecorder(t, func(w http.ResponseWriter, _ *http.Request, _ int) {
		w.Header().Set("Content-Type", "text/html; charset=UTF-8")
		_, _ = w.Write([]byte("<!doctype html><html><title>My Shop</title></html>"))
	})
	_, err := rec.client(t).Products.Get(context.Background(), 1)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "woocommerce: get product 1: decode response: HTTP 200 answered with text/html, not JSON")
}

func TestRedirectIsNotFollowed(t *testing.T) {
	t.Parallel()
	rec := newRecorder(t, func(w http.ResponseWriter, r *http.Request, _ int) {
		http.Redirect(w, r, "https://shop.example.com"+r.URL.Path+"?consumer_secret=cs_leak_me_not", http.StatusMovedPermanently)
	})
	_, err := rec.client(t).Products.Create(context.Background(), ProductRequest{Name: "x"})
	require.ErrorIs(t, err, ErrRedirect)
	assert.Contains(t, err.Error(), "store redirected to")
	assert.NotContains(t, err.Error(), "cs_leak_me_not")
	reqs := rec.requests()
	require.Len(t, reqs, 1)
	assert.Equal(t, http.MethodPost, reqs[0].Method)
}

// TestSecretNeverInErrors drives every failure path that carries a URL or a
// body with the consumer secret in reach, in all auth modes.
func TestSecretNeverInErrors(t *testing.T) {
	t.Parallel()
	const key, secret = "ck_visible_key", "cs_TopSecret/+=&value"

	// A dead server: *url.Error carries the request URL.
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	deadAddr := ln.Addr().String()
	deadURL := "http://" + deadAddr
	require.NoError(t, ln.Close())

	echo := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		// A host error page that echoes the request URL and headers.
		w.WriteHeader(http.StatusBadGateway)
		_, _ = w.Write([]byte("<html><title>Bad gateway for " + r.URL.String() + "</title>" + r.Header.Get("Authorization") + "</html>"))
	}))
	t.Cleanup(echo.Close)
	echoJSON := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusBadRequest)
		_, _ = w.Write([]byte(`{"code":"x","message":"bad query ` + r.URL.RawQuery + `"}`))
	}))
	t.Cleanup(echoJSON.Close)

	tests := []struct {
		name string
		url  string
		opts []Option
	}{
		{"oauth dead server", deadURL, nil},
		{"query dead server", "https://" + deadAddr, []Option{WithAuthMode(AuthQuery)}},
		{"basic dead server", "https://" + deadAddr, nil},
		{"basic echo page", echo.URL, []Option{WithHTTPClient(echo.Client())}},
		{"query echo page", echo.URL, []Option{WithAuthMode(AuthQuery), WithHTTPClient(echo.Client())}},
		{"query echo json", echoJSON.URL, []Option{WithAuthMode(AuthQuery), WithHTTPClient(echoJSON.Client())}},
		{"oauth echo json", echoJSON.URL, []Option{WithAuthMode(AuthOAuth), WithHTTPClient(echoJSON.Client())}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			opts := append([]Option{WithCredentials(key, secret), WithRetries(1), WithBackoff(1e6, 2e6)}, tc.opts...)
			c, err := NewClient(tc.url, opts...)
			require.NoError(t, err)
			_, _, err = c.Products.List(context.Background(), &ProductListOptions{Search: "x"})
			require.Error(t, err)
			assertNoSecret(t, err.Error(), secret)
			var ae *APIError
			if errors.As(err, &ae) {
				assertNoSecret(t, string(ae.Body), secret)
				assertNoSecret(t, ae.Message, secret)
			}
			var ue *url.Error
			if errors.As(err, &ue) {
				assertNoSecret(t, ue.URL, secret)
			}
		})
	}
}

func assertNoSecret(t *testing.T, s, secret string) {
	t.Helper()
	basic := base64.StdEncoding.EncodeToString([]byte("ck_visible_key:" + secret))
	for _, form := range []string{secret, url.QueryEscape(secret), url.PathEscape(secret), rfc3986(secret), basic} {
		assert.NotContains(t, s, form)
	}
}
