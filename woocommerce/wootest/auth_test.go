package wootest_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/woonexo/woonexo/woocommerce/wootest"
)

func errCode(t *testing.T, r resp) (string, string, float64) {
	t.Helper()
	m := r.obj(t)
	data, _ := m["data"].(map[string]any)
	code, _ := m["code"].(string)
	msg, _ := m["message"].(string)
	return code, msg, num(data["status"])
}

func TestAuthPlainHTTP(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	defer srv.Close()
	a := newAPI(t, srv)

	t.Run("oauth query string", func(t *testing.T) {
		r := a.do("GET", "/products", nil)
		assert.Equal(t, 200, r.status, "%s", r.body)
	})
	t.Run("oauth header, HMAC-SHA1, with query parameters", func(t *testing.T) {
		req := a.request("GET", "/products?per_page=5&search=a%20b&orderby=id", nil)
		a.sign(req, oauthOpts{method: "HMAC-SHA1", inHeader: true})
		r := a.send(req)
		assert.Equal(t, 200, r.status, "%s", r.body)
	})
	t.Run("oauth signs nested query arrays", func(t *testing.T) {
		req := a.request("GET", "/products?include[]=1&include[]=2", nil)
		signOAuthPHP(t, req, a.key, a.secret, a.srv.Store.Now())
		r := a.send(req)
		assert.Equal(t, 200, r.status, "%s", r.body)
	})
	t.Run("basic auth is ignored over plain HTTP", func(t *testing.T) {
		req := a.request("GET", "/products", nil)
		req.SetBasicAuth(a.key, a.secret)
		r := a.send(req)
		code, msg, st := errCode(t, r)
		assert.Equal(t, 401, r.status)
		assert.Equal(t, "woocommerce_rest_cannot_view", code)
		assert.Equal(t, "Sorry, you cannot list resources.", msg)
		assert.Equal(t, 401.0, st)
	})
	t.Run("query-string keys are ignored over plain HTTP", func(t *testing.T) {
		req := a.request("GET", "/products?consumer_key="+a.key+"&consumer_secret="+a.secret, nil)
		r := a.send(req)
		code, _, _ := errCode(t, r)
		assert.Equal(t, 401, r.status)
		assert.Equal(t, "woocommerce_rest_cannot_view", code)
	})
	t.Run("bad signature", func(t *testing.T) {
		req := a.request("GET", "/products", nil)
		a.sign(req, oauthOpts{badSecret: true})
		r := a.send(req)
		assert.Equal(t, 401, r.status)
		assert.JSONEq(t, `{"code":"woocommerce_rest_authentication_error","message":"Invalid signature - provided signature does not match.","data":{"status":401}}`, string(r.body))
	})
	t.Run("signature over another host is invalid", func(t *testing.T) {
		req := a.request("GET", "/products", nil)
		u := *req.URL
		req.URL.Host = "localhost:1"
		a.sign(req, oauthOpts{})
		req.URL.Host = u.Host
		r := a.send(req)
		_, msg, _ := errCode(t, r)
		assert.Equal(t, 401, r.status)
		assert.Equal(t, "Invalid signature - provided signature does not match.", msg)
	})
	t.Run("reused nonce", func(t *testing.T) {
		ts := a.srv.Store.Now().Unix()
		req := a.request("GET", "/products", nil)
		a.sign(req, oauthOpts{nonce: "same-nonce-1", timestamp: ts})
		assert.Equal(t, 200, a.send(req).status)
		req = a.request("GET", "/products?page=1", nil)
		a.sign(req, oauthOpts{nonce: "same-nonce-1", timestamp: ts + 1})
		r := a.send(req)
		_, msg, _ := errCode(t, r)
		assert.Equal(t, 401, r.status)
		assert.Equal(t, "Invalid nonce - nonce has already been used.", msg)
	})
	t.Run("stale timestamp", func(t *testing.T) {
		req := a.request("GET", "/products", nil)
		a.sign(req, oauthOpts{timestamp: a.srv.Store.Now().Add(-16 * time.Minute).Unix()})
		r := a.send(req)
		_, msg, _ := errCode(t, r)
		assert.Equal(t, 401, r.status)
		assert.Equal(t, "Invalid timestamp.", msg)
	})
	t.Run("unknown consumer key", func(t *testing.T) {
		req := a.request("GET", "/products", nil)
		a.signAs(req, "ck_nope", a.secret, oauthOpts{})
		r := a.send(req)
		_, msg, _ := errCode(t, r)
		assert.Equal(t, 401, r.status)
		assert.Equal(t, "Consumer key is invalid.", msg)
	})
	t.Run("unsupported signature method", func(t *testing.T) {
		req := a.request("GET", "/products", nil)
		a.sign(req, oauthOpts{method: "PLAINTEXT"})
		r := a.send(req)
		_, msg, _ := errCode(t, r)
		assert.Equal(t, "Invalid signature - signature method is invalid.", msg)
	})
	t.Run("missing oauth parameter", func(t *testing.T) {
		req := a.request("GET", "/products?oauth_consumer_key="+a.key, nil)
		r := a.send(req)
		code, msg, _ := errCode(t, r)
		assert.Equal(t, 401, r.status)
		assert.Equal(t, "woocommerce_rest_authentication_missing_parameter", code)
		assert.Equal(t, "Missing OAuth parameters oauth_timestamp, oauth_nonce, oauth_signature, oauth_signature_method", msg)
	})
	t.Run("anonymous create", func(t *testing.T) {
		r := a.send(a.request("POST", "/products", map[string]any{"name": "x"}))
		code, msg, _ := errCode(t, r)
		assert.Equal(t, 401, r.status)
		assert.Equal(t, "woocommerce_rest_cannot_create", code)
		assert.Equal(t, "Sorry, you are not allowed to create resources.", msg)
	})
}

// signOAuthPHP signs as WooCommerce's own PHP client does for array
// parameters: include[]=1&include[]=2 is signed as include[0], include[1].
func signOAuthPHP(t *testing.T, req *http.Request, key, secret string, now time.Time) {
	t.Helper()
	q := req.URL.Query()
	idx := map[string]int{}
	nq := url.Values{}
	for _, part := range strings.Split(req.URL.RawQuery, "&") {
		k, v, _ := strings.Cut(part, "=")
		k, _ = url.QueryUnescape(k)
		v, _ = url.QueryUnescape(v)
		if name, ok := strings.CutSuffix(k, "[]"); ok {
			k = name + "[" + string(rune('0'+idx[name])) + "]"
			idx[name]++
		}
		nq.Add(k, v)
	}
	_ = q
	signed := req.Clone(req.Context())
	signed.URL.RawQuery = nq.Encode()
	signOAuth(signed, key, secret, oauthOpts{timestamp: now.Unix()})
	// Keep the original query, add the OAuth parameters of the signed copy.
	extra := url.Values{}
	for k, vs := range signed.URL.Query() {
		if strings.HasPrefix(k, "oauth_") {
			extra[k] = vs
		}
	}
	req.URL.RawQuery += "&" + extra.Encode()
}

func TestAuthTLS(t *testing.T) {
	t.Parallel()
	srv := wootest.NewTLSServer()
	defer srv.Close()
	a := newAPI(t, srv)

	r := a.do("GET", "/products", nil)
	assert.Equal(t, 200, r.status, "basic over TLS: %s", r.body)

	req := a.request("GET", "/products?consumer_key="+url.QueryEscape(a.key)+"&consumer_secret="+url.QueryEscape(a.secret), nil)
	assert.Equal(t, 200, a.send(req).status, "query keys over TLS")

	req = a.request("GET", "/products", nil)
	a.sign(req, oauthOpts{})
	assert.Equal(t, 200, a.send(req).status, "oauth over TLS")

	req = a.request("GET", "/products", nil)
	req.SetBasicAuth(a.key, "cs_wrong")
	r = a.send(req)
	_, msg, _ := errCode(t, r)
	assert.Equal(t, 401, r.status)
	assert.Equal(t, "Consumer secret is invalid.", msg)

	req = a.request("GET", "/products", nil)
	req.SetBasicAuth("ck_unknown", "cs_x")
	r = a.send(req)
	code, _, _ := errCode(t, r)
	assert.Equal(t, "woocommerce_rest_cannot_view", code, "an unknown Basic key is anonymous")
}

func TestForwardedProto(t *testing.T) {
	t.Parallel()
	for _, trust := range []bool{false, true} {
		var opts []wootest.Option
		if trust {
			opts = append(opts, wootest.WithTrustForwardedProto())
		}
		srv := newServer(t, opts...)
		a := newAPI(t, srv)
		req := a.request("GET", "/products", nil)
		req.Header.Set("X-Forwarded-Proto", "https")
		req.SetBasicAuth(a.key, a.secret)
		r := a.send(req)
		if trust {
			assert.Equal(t, 200, r.status)
		} else {
			assert.Equal(t, 401, r.status)
		}
		srv.Close()
	}
}

func TestKeyPermissions(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	defer srv.Close()
	srv.Store.AddKey("ck_read", "cs_read", wootest.Read)
	srv.Store.AddKey("ck_write", "cs_write", wootest.Write)
	ro := newAPI(t, srv)
	ro.key, ro.secret = "ck_read", "cs_read"
	wo := newAPI(t, srv)
	wo.key, wo.secret = "ck_write", "cs_write"

	assert.Equal(t, 200, ro.do("GET", "/products", nil).status)
	r := ro.do("POST", "/products", map[string]any{"name": "Nope"})
	code, msg, _ := errCode(t, r)
	assert.Equal(t, 401, r.status, "a read-only key that writes gets 401, not 403")
	assert.Equal(t, "woocommerce_rest_authentication_error", code)
	assert.Equal(t, "The API key provided does not have write permissions.", msg)
	assert.Empty(t, srv.Store.Products(), "nothing was created")

	r = ro.do("DELETE", "/no/such/route", nil)
	assert.Equal(t, 401, r.status, "the permission check runs before routing")

	r = wo.do("GET", "/products", nil)
	_, msg, _ = errCode(t, r)
	assert.Equal(t, 401, r.status)
	assert.Equal(t, "The API key provided does not have read permissions.", msg)
	assert.Equal(t, 201, wo.do("POST", "/products", map[string]any{"name": "Yes"}).status)
}

func TestClockWindow(t *testing.T) {
	t.Parallel()
	now := time.Date(2026, 11, 27, 6, 43, 0, 0, time.UTC)
	srv := newServer(t, wootest.WithClock(func() time.Time { return now }))
	defer srv.Close()
	a := newAPI(t, srv)
	for _, tc := range []struct {
		offset time.Duration
		ok     bool
	}{{-14 * time.Minute, true}, {14 * time.Minute, true}, {-16 * time.Minute, false}, {16 * time.Minute, false}} {
		req := a.request("GET", "/products", nil)
		a.sign(req, oauthOpts{timestamp: now.Add(tc.offset).Unix()})
		r := a.send(req)
		require.Equal(t, tc.ok, r.status == 200, "offset %v: %s", tc.offset, r.body)
	}
}
