package woocommerce

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The expected signatures below were computed outside this package, by a
// Python script that follows WC_REST_Authentication::check_oauth_signature
// line by line (uksort strcmp, rawurlencode of keys and values, nested keys
// as key%5Bsub%5D, each pair rawurlencoded again and joined with %26,
// HMAC-SHA256 with key secret + "&") using hmac, hashlib and
// urllib.parse.quote(s, safe="").
const (
	vecKey       = "ck_0123456789abcdef"
	vecSecret    = "cs_secret~value"
	vecNonce     = "0f1e2d3c4b5a69788796a5b4c3d2e1f0"
	vecTimestamp = 1795761799
	vecHome      = "http://shop.example.com"
	// GET http://shop.example.com/wp-json/wc/v3/products?per_page=100&
	// search=blue hoodie & co&sku=RW-1&filter[period]=week&include=12,13&
	// status=publish
	vecGetBase = "GET&http%3A%2F%2Fshop.example.com%2Fwp-json%2Fwc%2Fv3%2Fproducts&filter%255Bperiod%255D%3Dweek%26include%3D12%252C13%26oauth_consumer_key%3Dck_0123456789abcdef%26oauth_nonce%3D0f1e2d3c4b5a69788796a5b4c3d2e1f0%26oauth_signature_method%3DHMAC-SHA256%26oauth_timestamp%3D1795761799%26per_page%3D100%26search%3Dblue%2520hoodie%2520%2526%2520co%26sku%3DRW-1%26status%3Dpublish"
	vecGetSig  = "n3AFiZgWFYuWUMr4XiHbQF9EXjM7yTb4FQ1vzq6MfW0="
	// POST http://shop.example.com/wp-json/wc/v3/products/42?_method=PUT
	vecPutSig = "UP46znxcfhQrkTauOFQQWG7tR884vLdmdKWGkom4ymE="
)

func vectorClock() Option {
	return withClock(func() time.Time { return time.Unix(vecTimestamp, 0) }, func() string { return vecNonce })
}

func TestOAuthBaseStringMatchesIndependentVector(t *testing.T) {
	t.Parallel()
	params, err := parsePHPQuery("per_page=100&search=blue%20hoodie%20%26%20co&sku=RW-1&filter%5Bperiod%5D=week&include=12%2C13&status=publish")
	require.NoError(t, err)
	params = append(params,
		phpParam{top: "oauth_consumer_key", value: vecKey},
		phpParam{top: "oauth_nonce", value: vecNonce},
		phpParam{top: "oauth_signature_method", value: "HMAC-SHA256"},
		phpParam{top: "oauth_timestamp", value: strconv.Itoa(vecTimestamp)},
	)
	base := oauthBaseString("GET", vecHome+"/wp-json/wc/v3/products", params)
	assert.Equal(t, vecGetBase, base)
	assert.Equal(t, vecGetSig, oauthSignature(base, vecSecret))
}

// TestOAuthRequestsCarryTheVectorSignature signs real requests end to end:
// the client talks to a test server but signs for vecHome, as it would for
// a store behind a proxy.
func TestOAuthRequestsCarryTheVectorSignature(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		opts    []Option
		call    func(context.Context, *Client) error
		method  string
		wantSig string
	}{
		{
			name: "GET with spaces, ampersand, comma and nested key",
			call: func(ctx context.Context, c *Client) error {
				_, err := c.Do(ctx, http.MethodGet, "products", url.Values{
					"per_page": {"100"}, "search": {"blue hoodie & co"}, "sku": {"RW-1"},
					"filter[period]": {"week"}, "include": {"12,13"}, "status": {"publish"},
				}, nil, nil)
				return err
			},
			method: http.MethodGet, wantSig: vecGetSig,
		},
		{
			name: "PUT sent as POST with _method",
			opts: []Option{WithMethodOverride(OverrideQuery)},
			call: func(ctx context.Context, c *Client) error {
				_, err := c.Products.Update(ctx, 42, ProductRequest{Name: "x"})
				return err
			},
			method: http.MethodPost, wantSig: vecPutSig,
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			rec := newRecorder(t, jsonServer(200, []byte("{}")))
			opts := append([]Option{WithCredentials(vecKey, vecSecret), WithOAuthBaseURL(vecHome), vectorClock()}, tc.opts...)
			c := rec.client(t, opts...)
			require.NoError(t, tc.call(context.Background(), c))
			got := rec.last(t)
			assert.Equal(t, tc.method, got.Method)
			assert.Equal(t, tc.wantSig, got.Query.Get("oauth_signature"))
			assert.Equal(t, "HMAC-SHA256", got.Query.Get("oauth_signature_method"))
			assert.Empty(t, got.Header.Get("Authorization"))
		})
	}
}

func TestOAuthQueryEncodesSpacesAsPercent20(t *testing.T) {
	t.Parallel()
	var rawQuery string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rawQuery = r.URL.RawQuery
		_, _ = w.Write([]byte("[]"))
	}))
	defer srv.Close()
	c, err := NewClient(srv.URL, WithCredentials(vecKey, vecSecret))
	require.NoError(t, err)
	_, _, err = c.Products.List(context.Background(), &ProductListOptions{Search: "a b+c"})
	require.NoError(t, err)
	assert.Contains(t, rawQuery, "search=a%20b%2Bc")
	assert.NotContains(t, rawQuery, "+")
}

// wcStore verifies credentials the way class-wc-rest-authentication.php
// does: Basic and query keys only when it believes it is on HTTPS, OAuth
// 1.0a otherwise (and as the fallback), over its own home URL.
type wcStore struct {
	key, secret string
	ssl         bool   // what is_ssl() says
	home        string // home URL with the scheme the store signs with
	mu          sync.Mutex
	nonces      map[string]bool
	methods     []string // auth method that succeeded, per request
}

func newWCStore(key, secret string) *wcStore {
	return &wcStore{key: key, secret: secret, nonces: map[string]bool{}}
}

func (s *wcStore) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	method, code, msg := s.authenticate(r)
	if code != "" {
		w.Header().Set("Content-Type", "application/json; charset=UTF-8")
		w.WriteHeader(http.StatusUnauthorized)
		fmt.Fprintf(w, `{"code":%q,"message":%q,"data":{"status":401}}`, code, msg)
		return
	}
	s.mu.Lock()
	s.methods = append(s.methods, method)
	s.mu.Unlock()
	w.Header().Set("Content-Type", "application/json; charset=UTF-8")
	w.Header().Set("X-WP-Total", "0")
	w.Header().Set("X-WP-TotalPages", "0")
	_, _ = w.Write([]byte("[]"))
}

func (s *wcStore) authenticate(r *http.Request) (method, code, msg string) {
	q := r.URL.Query()
	if s.ssl {
		key, secret := q.Get("consumer_key"), q.Get("consumer_secret")
		method = "query"
		if key == "" || secret == "" {
			key, secret, _ = r.BasicAuth()
			method = "basic"
		}
		if key != "" && secret != "" {
			if key != s.key {
				return "", "woocommerce_rest_cannot_view", "Sorry, you cannot list resources."
			}
			if subtle.ConstantTimeCompare([]byte(secret), []byte(s.secret)) != 1 {
				return "", "woocommerce_rest_authentication_error", "Consumer secret is invalid."
			}
			return method, "", ""
		}
	}
	// OAuth: $_GET merged with the Authorization header parameters.
	params := map[string]any{}
	for k, vs := range q {
		if i := strings.Index(k, "["); i > 0 && strings.HasSuffix(k, "]") {
			top, sub := k[:i], k[i+1:len(k)-1]
			m, _ := params[top].(map[string]string)
			if m == nil {
				m = map[string]string{}
			}
			m[sub] = vs[len(vs)-1]
			params[top] = m
			continue
		}
		params[k] = vs[len(vs)-1]
	}
	if h := r.Header.Get("Authorization"); strings.HasPrefix(h, "OAuth ") {
		re := regexp.MustCompile(`(oauth_[a-z_-]*)=(:?"([^"]*)"|([^,]*))`)
		for _, m := range re.FindAllStringSubmatch(h, -1) {
			v := m[3]
			if v == "" {
				v = m[4]
			}
			dec, _ := url.QueryUnescape(v)
			params[m[1]] = dec
		}
	}
	var missing []string
	for _, n := range []string{"oauth_consumer_key", "oauth_timestamp", "oauth_nonce", "oauth_signature", "oauth_signature_method"} {
		if v, _ := params[n].(string); v == "" {
			missing = append(missing, n)
		}
	}
	if len(missing) == 5 {
		return "", "woocommerce_rest_cannot_view", "Sorry, you cannot list resources."
	}
	if len(missing) > 0 {
		return "", "woocommerce_rest_authentication_missing_parameter", "Missing OAuth parameters " + strings.Join(missing, ", ")
	}
	if params["oauth_consumer_key"] != s.key {
		return "", "woocommerce_rest_authentication_error", "Consumer key is invalid."
	}
	given := params["oauth_signature"].(string)
	delete(params, "oauth_signature")
	raw := func(s string) string { return strings.ReplaceAll(url.QueryEscape(s), "+", "%20") }
	keys := make([]string, 0, len(params))
	for k := range params {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var pairs []string
	for _, k := range keys {
		switch v := params[k].(type) {
		case string:
			pairs = append(pairs, raw(raw(k)+"="+raw(v)))
		case map[string]string:
			subs := make([]string, 0, len(v))
			for sk := range v {
				subs = append(subs, sk)
			}
			sort.Strings(subs)
			for _, sk := range subs {
				pairs = append(pairs, raw(raw(k)+"%5B"+sk+"%5D="+raw(v[sk])))
			}
		}
	}
	base := r.Method + "&" + raw(s.home+r.URL.EscapedPath()) + "&" + strings.Join(pairs, "%26")
	if params["oauth_signature_method"] != "HMAC-SHA256" && params["oauth_signature_method"] != "HMAC-SHA1" {
		return "", "woocommerce_rest_authentication_error", "Invalid signature - signature method is invalid."
	}
	mac := hmac.New(sha256.New, []byte(s.secret+"&"))
	mac.Write([]byte(base))
	want := base64.StdEncoding.EncodeToString(mac.Sum(nil))
	if !hmac.Equal([]byte(want), []byte(given)) {
		return "", "woocommerce_rest_authentication_error", "Invalid signature - provided signature does not match."
	}
	ts, _ := strconv.ParseInt(params["oauth_timestamp"].(string), 10, 64)
	if d := time.Since(time.Unix(ts, 0)); d > 15*time.Minute || d < -15*time.Minute {
		return "", "woocommerce_rest_authentication_error", "Invalid timestamp."
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	nonce := params["oauth_nonce"].(string)
	if s.nonces[nonce] {
		return "", "woocommerce_rest_authentication_error", "Invalid nonce - nonce has already been used."
	}
	s.nonces[nonce] = true
	return "oauth", "", ""
}

func TestAuthModesAgainstAWooCommerceStyleStore(t *testing.T) {
	t.Parallel()
	const key, secret = "ck_live_key", "cs_live_secret"
	tests := []struct {
		name       string
		tls        bool
		storeSSL   bool // is_ssl() on the store
		storeHTTP  bool // store signs over http:// (behind a TLS proxy)
		proxyBase  bool // client told the store's base URL (WithOAuthBaseURL)
		opts       []Option
		wantMethod string
		wantCode   string
	}{
		{name: "auto over https is Basic", tls: true, storeSSL: true, wantMethod: "basic"},
		{name: "query over https", tls: true, storeSSL: true, opts: []Option{WithAuthMode(AuthQuery)}, wantMethod: "query"},
		{name: "oauth forced over https", tls: true, storeSSL: true, opts: []Option{WithAuthMode(AuthOAuth)}, wantMethod: "oauth"},
		{name: "auto over http is OAuth", wantMethod: "oauth"},
		{name: "behind a TLS proxy Basic is ignored", tls: true, storeHTTP: true, wantCode: "woocommerce_rest_cannot_view"},
		{name: "behind a TLS proxy OAuth must sign for http", tls: true, storeHTTP: true,
			opts: []Option{WithAuthMode(AuthOAuth)}, wantCode: "woocommerce_rest_authentication_error"},
		{name: "behind a TLS proxy OAuth with the store's base URL", tls: true, storeHTTP: true,
			opts: []Option{WithAuthMode(AuthOAuth)}, proxyBase: true, wantMethod: "oauth"},
		{name: "wrong secret over http", opts: []Option{WithCredentials(key, "cs_wrong_secret")}, wantCode: "woocommerce_rest_authentication_error"},
		{name: "wrong secret over https", tls: true, storeSSL: true, opts: []Option{WithCredentials(key, "cs_wrong_secret")}, wantCode: "woocommerce_rest_authentication_error"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			store := newWCStore(key, secret)
			store.ssl = tc.storeSSL
			var srv *httptest.Server
			if tc.tls {
				srv = httptest.NewTLSServer(store)
			} else {
				srv = httptest.NewServer(store)
			}
			defer srv.Close()
			host := strings.TrimPrefix(strings.TrimPrefix(srv.URL, "https://"), "http://")
			store.home = srv.URL
			if tc.storeHTTP {
				store.home = "http://" + host
			}
			opts := []Option{WithCredentials(key, secret), WithHTTPClient(srv.Client()), WithRetries(0)}
			opts = append(opts, tc.opts...)
			if tc.proxyBase {
				opts = append(opts, WithOAuthBaseURL("http://"+host))
			}
			c, err := NewClient(srv.URL, opts...)
			require.NoError(t, err)
			_, _, err = c.Products.List(context.Background(), nil)
			if tc.wantCode != "" {
				require.Error(t, err)
				var ae *APIError
				require.ErrorAs(t, err, &ae)
				assert.Equal(t, tc.wantCode, ae.Code)
				assert.ErrorIs(t, err, ErrUnauthorized)
				assert.NotContains(t, err.Error(), secret)
				assert.NotContains(t, err.Error(), "cs_wrong_secret")
				return
			}
			require.NoError(t, err)
			store.mu.Lock()
			defer store.mu.Unlock()
			assert.Equal(t, []string{tc.wantMethod}, store.methods)
		})
	}
}

func TestOAuthSignsEveryAttemptAfresh(t *testing.T) {
	t.Parallel()
	store := newWCStore("ck_k", "cs_s")
	var mu sync.Mutex
	var nonces []string
	calls := 0
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		calls++
		n := calls
		nonces = append(nonces, r.URL.Query().Get("oauth_nonce"))
		mu.Unlock()
		if n == 1 {
			w.WriteHeader(http.StatusServiceUnavailable)
			return
		}
		store.ServeHTTP(w, r)
	}))
	defer srv.Close()
	store.home = srv.URL
	c, err := NewClient(srv.URL, WithCredentials("ck_k", "cs_s"), WithBackoff(time.Millisecond, time.Millisecond))
	require.NoError(t, err)
	_, _, err = c.Products.List(context.Background(), nil)
	require.NoError(t, err)
	require.Len(t, nonces, 2)
	assert.NotEqual(t, nonces[0], nonces[1], "a retry reuses the nonce, which the store rejects")
}

func TestNewClientRefusesSecretsInClear(t *testing.T) {
	t.Parallel()
	for _, m := range []AuthMode{AuthBasic, AuthQuery} {
		_, err := NewClient("http://shop.example.com", WithCredentials("ck_a", "cs_b"), WithAuthMode(m))
		require.Error(t, err, m.String())
		assert.Contains(t, err.Error(), "needs an https store URL")
	}
	_, err := NewClient("http://shop.example.com", WithCredentials("ck_a", "cs_b"), WithAuthMode(AuthOAuth))
	require.NoError(t, err)
}

func TestParsePHPQuery(t *testing.T) {
	t.Parallel()
	tests := []struct {
		raw  string
		want []phpParam
	}{
		{"a=1&b=x+y", []phpParam{{top: "a", value: "1"}, {top: "b", value: "x y"}}},
		{"a=1&a=2", []phpParam{{top: "a", value: "2"}}},
		{"f%5Bx%5D=1&f[y]=2", []phpParam{{top: "f", sub: []string{"x"}, value: "1"}, {top: "f", sub: []string{"y"}, value: "2"}}},
		{"l[]=a&l[]=b", []phpParam{{top: "l", sub: []string{"0"}, value: "a"}, {top: "l", sub: []string{"1"}, value: "b"}}},
		{"a.b=1", []phpParam{{top: "a_b", value: "1"}}},
		{"flag", []phpParam{{top: "flag"}}},
	}
	for _, tc := range tests {
		got, err := parsePHPQuery(tc.raw)
		require.NoError(t, err, tc.raw)
		assert.Equal(t, tc.want, got, tc.raw)
	}
	_, err := parsePHPQuery("a=%zz")
	assert.Error(t, err)
}
