package woocommerce

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestNewClientURLErrorsHideSecrets checks that a store URL NewClient
// refuses is never repeated whole: user info and query may hold the
// credentials a user pasted into it.
func TestNewClientURLErrorsHideSecrets(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		url    string
		hidden []string
		want   []string // substrings of the error
	}{
		{"unparsable with user info", "http://fakeuser:fake_password@[::1", []string{"fakeuser", "fake_password"}, []string{"missing ']' in host"}},
		{"credentials taken for a port", "http://ck_fake_key:cs_fake_secret_0123/", []string{"ck_fake_key", "cs_fake_secret_0123"}, []string{"invalid port"}},
		{"bad escape in host", "https://sh%zzop.example/?consumer_secret=cs_fake_secret_0123", []string{"cs_fake_secret_0123", "%zz"}, []string{"invalid URL escape"}},
		{"secret query", "https://shop.example/?consumer_secret=cs_fake_secret%zz", []string{"cs_fake_secret", "consumer_secret"}, []string{"https://shop.example", "query"}},
		{"key and secret query", "https://shop.example/shop?consumer_key=ck_fake_key&consumer_secret=cs_fake_secret_0123", []string{"ck_fake_key", "cs_fake_secret_0123"}, []string{"https://shop.example/shop"}},
		{"bad scheme with credentials", "ftp://ck_fake_key:cs_fake_secret_0123@shop.example/?oauth_signature=fakesig0123", []string{"ck_fake_key", "cs_fake_secret_0123", "fakesig0123"}, []string{"ftp://shop.example", "scheme"}},
		{"no host with credentials", "https://ck_fake_key:cs_fake_secret_0123@/?token=faketoken0123", []string{"ck_fake_key", "cs_fake_secret_0123", "faketoken0123"}, []string{"no host"}},
		{"fragment with a secret", "https://shop.example/#cs_fake_secret_0123", []string{"cs_fake_secret_0123"}, []string{"https://shop.example"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			c, err := NewClient(tc.url, WithCredentials("ck_fake_key", "cs_fake_secret_0123"))
			require.Error(t, err)
			assert.Nil(t, c)
			msg := err.Error()
			assert.True(t, strings.HasPrefix(msg, "woocommerce: new client: "), "the error names the operation")
			for _, h := range tc.hidden {
				assert.NotContains(t, msg, h)
			}
			for _, w := range tc.want {
				assert.Contains(t, msg, w)
			}
			var ue *url.Error
			assert.False(t, errors.As(err, &ue), "a *url.Error repeats the URL whole")
		})
	}
}

// TestAPIErrorRedactsEchoedCredentials drives a store (or a proxy before
// it) that answers 401 or 500 with a body repeating the request's query
// string and Authorization header, in every auth mode: the consumer key and
// secret, the OAuth nonce and signature must not reach the *APIError.
func TestAPIErrorRedactsEchoedCredentials(t *testing.T) {
	t.Parallel()
	const key, secret, nonce = "ck_fake_consumer_key_0123", "cs_fake_consumer_secret_0123", "fakenonce0123456789abcdef"

	// echo is the body of an answer: what the store saw, repeated.
	type echo func(r *http.Request) string
	echoes := map[string]echo{
		"wordpress error": func(r *http.Request) string {
			return `{"code":"woocommerce_rest_authentication_error","message":"Invalid signature for ` + r.URL.RawQuery + ` ` + r.Header.Get("Authorization") + `",` +
				`"data":{"status":401,"params":{"oauth_signature":"got ` + r.URL.Query().Get("oauth_signature") + `"},"query":"` + r.URL.RawQuery + `"}}`
		},
		"php json echo": func(r *http.Request) string {
			q := r.URL.Query()
			m := `{"code":"proxy","message":"denied","request":{`
			for _, k := range []string{"oauth_consumer_key", "oauth_nonce", "oauth_signature", "consumer_key", "consumer_secret"} {
				m += `"` + k + `":"` + strings.ReplaceAll(q.Get(k), "/", `\/`) + `",`
			}
			return m + `"HTTP_AUTHORIZATION":"` + r.Header.Get("Authorization") + `"}}`
		},
		"html page": func(r *http.Request) string {
			return "<html><title>Error " + r.URL.String() + "</title><p>Authorization: " + r.Header.Get("Authorization") + "</p></html>"
		},
	}

	for _, mode := range []AuthMode{AuthOAuth, AuthQuery, AuthBasic} {
		for _, status := range []int{http.StatusUnauthorized, http.StatusInternalServerError} {
			for name, body := range echoes {
				t.Run(mode.String()+"/"+http.StatusText(status)+"/"+name, func(t *testing.T) {
					t.Parallel()
					var mu sync.Mutex
					var seen []string // every credential the server saw
					srv := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
						q := r.URL.Query()
						mu.Lock()
						for _, k := range []string{"oauth_consumer_key", "oauth_nonce", "oauth_signature", "consumer_key", "consumer_secret"} {
							if v := q.Get(k); v != "" {
								seen = append(seen, v, url.QueryEscape(v), rfc3986(v))
							}
						}
						if a := r.Header.Get("Authorization"); a != "" {
							seen = append(seen, strings.TrimPrefix(a, "Basic "))
						}
						mu.Unlock()
						w.Header().Set("Content-Type", "application/json")
						w.WriteHeader(status)
						_, _ = w.Write([]byte(body(r)))
					}))
					t.Cleanup(srv.Close)

					c, err := NewClient(srv.URL, WithCredentials(key, secret), WithAuthMode(mode), WithHTTPClient(srv.Client()), WithRetries(0),
						withClock(func() time.Time { return time.Unix(1_800_000_000, 0) }, func() string { return nonce }))
					require.NoError(t, err)
					_, _, err = c.Products.List(context.Background(), &ProductListOptions{Search: "mug"})
					require.Error(t, err)
					var ae *APIError
					require.ErrorAs(t, err, &ae)
					assert.Equal(t, status, ae.StatusCode)

					mu.Lock()
					hidden := append([]string{key, secret, nonce}, seen...)
					mu.Unlock()
					require.Greater(t, len(hidden), 3, "the server saw the credentials")
					for where, s := range map[string]string{"Error()": err.Error(), "Message": ae.Message, "Body": string(ae.Body), "Data.Raw": string(ae.Data.Raw)} {
						for _, h := range hidden {
							assert.NotContains(t, s, h, where)
						}
					}
					for k, v := range ae.Data.Params {
						for _, h := range hidden {
							assert.NotContains(t, v, h, "Data.Params[%s]", k)
						}
					}
				})
			}
		}
	}
}
