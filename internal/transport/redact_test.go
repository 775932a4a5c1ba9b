package transport

import (
	"errors"
	"net/url"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestRedactorStringRemovesEchoedParameters checks that values of sensitive
// parameters are removed from free text by name, whatever their value: an
// OAuth nonce or signature is new on every request, so no list of literal
// secrets can hold it.
func TestRedactorStringRemovesEchoedParameters(t *testing.T) {
	t.Parallel()
	const (
		key   = "ck_fake_key_0123456789"
		nonce = "fakenonce0123456789abcdef"
		sig   = "FakeSig+/0123456789abcdef="
	)
	sigQ := url.QueryEscape(sig)
	tests := []struct {
		name   string
		in     string
		hidden []string
		kept   []string
	}{
		{"query string", "bad query oauth_consumer_key=" + key + "&oauth_nonce=" + nonce + "&oauth_signature=" + sigQ + "&per_page=10",
			[]string{key, nonce, sigQ}, []string{"per_page=10", "oauth_signature="}},
		{"query keys", "GET /x?consumer_key=" + key + "&consumer_secret=cs_fake_secret_0123&page=2",
			[]string{key, "cs_fake_secret_0123"}, []string{"page=2"}},
		{"oauth header", `Authorization: OAuth oauth_consumer_key="` + key + `", oauth_nonce="` + nonce + `", oauth_signature="` + sigQ + `"`,
			[]string{key, nonce, sigQ}, []string{"Authorization: OAuth"}},
		{"json members", `{"oauth_consumer_key":"` + key + `","oauth_nonce": "` + nonce + `","oauth_signature":"` + `FakeSig+\/0123456789abcdef=` + `","page":"2"}`,
			[]string{key, nonce, "FakeSig+", "0123456789abcdef="}, []string{`"page":"2"`}},
		{"json in json", `{"message":"{\"consumer_secret\":\"cs_fake_secret_0123\"}"}`,
			[]string{"cs_fake_secret_0123"}, []string{`{"message":`}},
		{"basic header", "Authorization: Basic Y2tfZmFrZTpjc19mYWtl", []string{"Y2tfZmFrZTpjc19mYWtl"}, []string{"Authorization: Basic"}},
		{"bearer header in json", `{"HTTP_AUTHORIZATION":"Bearer 7|fakeToken0123"}`, []string{"fakeToken0123"}, []string{"Bearer"}},
		{"ordinary text", "The key field is required. A token of thanks.", nil, []string{"The key field is required. A token of thanks."}},
		{"meta data keys", `{"meta_data":[{"key":"_sku","value":"MUG"}]}`, nil, []string{`{"key":"_sku","value":"MUG"}`}},
	}
	r := NewRedactor()
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			got := r.String(tc.in)
			for _, h := range tc.hidden {
				assert.NotContains(t, got, h)
			}
			for _, k := range tc.kept {
				assert.Contains(t, got, k)
			}
		})
	}
}

// TestRedactorURLKeepsNonSecrets checks that a sensitive value is replaced
// while the rest of the URL stays readable for diagnosis.
func TestRedactorURLKeepsNonSecrets(t *testing.T) {
	t.Parallel()
	r := NewRedactor()
	got := r.URLString("https://shop.test/wp-json/wc/v3/products?oauth_signature=abc%2Bdef&page=2")
	assert.NotContains(t, got, "abc")
	assert.Contains(t, got, "page=2")
	assert.Contains(t, got, "https://shop.test/wp-json/wc/v3/products")
}

// TestURLParseErrorHidesTheURL checks that the reason a URL does not parse
// is given without the URL or any part of it that might be a secret.
func TestURLParseErrorHidesTheURL(t *testing.T) {
	t.Parallel()
	tests := []struct {
		raw    string
		hidden []string
		reason string
	}{
		{"http://user:fake_password@[::1", []string{"user", "fake_password"}, "missing ']' in host"},
		{"http://ck_fake:cs_fake_secret_0123/", []string{"ck_fake", "cs_fake_secret_0123"}, "invalid port"},
		{"https://shop%zz.example/?consumer_secret=cs_fake", []string{"shop", "%zz", "cs_fake"}, "invalid URL escape"},
		{"https://[fe80::zz%25x]/?token=tok_fake", []string{"fe80", "zz", "tok_fake"}, "invalid IP address"},
		{"http://sh\x7fop/?password=pw_fake", []string{"pw_fake", "sh"}, "invalid control character"},
		{"https://shop\x20x.example/?password=pw_fake", []string{"pw_fake", "shop"}, "invalid character"},
	}
	for _, tc := range tests {
		t.Run(tc.reason, func(t *testing.T) {
			t.Parallel()
			_, perr := url.Parse(tc.raw)
			require.Error(t, perr, "the case must be a URL that does not parse")
			err := URLParseError(perr)
			require.Error(t, err)
			for _, h := range tc.hidden {
				assert.NotContains(t, err.Error(), h)
			}
			assert.Contains(t, err.Error(), tc.reason)
			var ue *url.Error
			assert.False(t, errors.As(err, &ue), "a *url.Error repeats the URL: it must not be in the chain")
		})
	}
	assert.NoError(t, URLParseError(nil))
}

// TestSafeURL checks what of a URL an error message may repeat: scheme,
// host and path, never user info, query or fragment.
func TestSafeURL(t *testing.T) {
	t.Parallel()
	u, err := url.Parse("ftp://ck_fake:cs_fake_secret@shop.example/shop?consumer_secret=cs_fake_q#frag_fake")
	require.NoError(t, err)
	got := SafeURL(u)
	assert.Equal(t, "ftp://shop.example/shop", got)
	assert.Empty(t, SafeURL(nil))
}

// TestRedactorParam checks that a value keyed by a sensitive name is hidden
// whole, and any other value keeps what is not a secret.
func TestRedactorParam(t *testing.T) {
	t.Parallel()
	r := NewRedactor("cs_fake_secret_0123")
	assert.Equal(t, Redacted, r.Param("OAuth_Signature", "got fakesig0123"))
	assert.Equal(t, "per_page is REDACTED", r.Param("per_page", "per_page is cs_fake_secret_0123"))
}
