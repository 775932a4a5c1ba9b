package woocommerce

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"
)

// authenticator adds credentials to each attempt of a request. It is called
// through transport.Request.Authorize, so an OAuth timestamp and nonce are
// fresh on every retry.
type authenticator struct {
	mode     AuthMode // never AuthAuto
	key      string
	secret   string
	store    *url.URL // the URL requests go to
	signBase *url.URL // the URL the store signs over (WithOAuthBaseURL)
	now      func() time.Time
	nonce    func() string
}

func (a *authenticator) authorize(r *http.Request) error {
	switch a.mode {
	case AuthBasic:
		r.SetBasicAuth(a.key, a.secret)
		return nil
	case AuthQuery:
		q := r.URL.Query()
		q.Set("consumer_key", a.key)
		q.Set("consumer_secret", a.secret)
		r.URL.RawQuery = encodeQuery(q)
		return nil
	case AuthOAuth:
		return a.signOAuth(r)
	}
	return fmt.Errorf("unsupported auth mode %s", a.mode)
}

// signOAuth signs r with one-legged OAuth 1.0a, HMAC-SHA256, and puts the
// OAuth parameters in the query string, the way WooCommerce's own clients
// do (it also reads them there on hosts that strip the Authorization
// header).
func (a *authenticator) signOAuth(r *http.Request) error {
	params, err := parsePHPQuery(r.URL.RawQuery)
	if err != nil {
		return err
	}
	// Parameters left over from a Link header must not be signed twice.
	params = slices.DeleteFunc(params, func(p phpParam) bool { return strings.HasPrefix(p.top, "oauth_") })
	oauth := []phpParam{
		{top: "oauth_consumer_key", value: a.key},
		{top: "oauth_nonce", value: a.nonce()},
		{top: "oauth_signature_method", value: "HMAC-SHA256"},
		{top: "oauth_timestamp", value: strconv.FormatInt(a.now().Unix(), 10)},
	}
	all := append(slices.Clone(params), oauth...)
	base := oauthBaseString(r.Method, a.signingURL(r.URL), all)
	sig := oauthSignature(base, a.secret)

	var b strings.Builder
	for _, p := range params {
		appendParam(&b, p.rawKey(), p.value)
	}
	for _, p := range oauth {
		appendParam(&b, p.top, p.value)
	}
	appendParam(&b, "oauth_signature", sig)
	r.URL.RawQuery = b.String()
	return nil
}

func appendParam(b *strings.Builder, k, v string) {
	if b.Len() > 0 {
		b.WriteByte('&')
	}
	b.WriteString(rfc3986(k))
	b.WriteByte('=')
	b.WriteString(rfc3986(v))
}

// signingURL is the URL WooCommerce puts in the base string: its home URL
// (scheme as the store sees it) followed by the request path below it.
func (a *authenticator) signingURL(u *url.URL) string {
	rel := strings.TrimPrefix(u.EscapedPath(), a.store.EscapedPath())
	return a.signBase.Scheme + "://" + a.signBase.Host + a.signBase.EscapedPath() + rel
}

// oauthBaseString builds the string WooCommerce signs
// (WC_REST_Authentication::check_oauth_signature): the method, the
// percent-encoded URL and the parameters sorted by their top-level name
// (PHP strcmp), each "key=value" pair percent-encoded and joined with "%26".
// Nested parameters are named key%5Bsub%5D as PHP's $_GET holds them.
func oauthBaseString(method, signingURL string, params []phpParam) string {
	sorted := slices.Clone(params)
	slices.SortStableFunc(sorted, func(x, y phpParam) int { return strings.Compare(x.top, y.top) })
	pairs := make([]string, 0, len(sorted))
	for _, p := range sorted {
		key := rfc3986(p.top)
		for _, s := range p.sub {
			key += "%5B" + s + "%5D"
		}
		pairs = append(pairs, rfc3986(key+"="+rfc3986(p.value)))
	}
	return strings.ToUpper(method) + "&" + rfc3986(signingURL) + "&" + strings.Join(pairs, "%26")
}

// oauthSignature is base64(HMAC-SHA256(base, secret + "&")): one-legged
// OAuth has no token secret.
func oauthSignature(base, secret string) string {
	m := hmac.New(sha256.New, []byte(secret+"&"))
	m.Write([]byte(base))
	return base64.StdEncoding.EncodeToString(m.Sum(nil))
}

// newNonce returns 32 random hexadecimal characters.
func newNonce() string {
	var b [16]byte
	_, _ = rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

// phpParam is one leaf of a query string as PHP's $_GET holds it:
// "a[b][]=c" is top "a", sub ["b", "0"], value "c".
type phpParam struct {
	top   string
	sub   []string
	value string
}

func (p phpParam) rawKey() string {
	k := p.top
	for _, s := range p.sub {
		k += "[" + s + "]"
	}
	return k
}

// parsePHPQuery parses a query string the way PHP fills $_GET, which is what
// WooCommerce signs: "+" and %20 are spaces, "key[sub]" nests, "key[]"
// appends with the next index, and a repeated key keeps its last value.
func parsePHPQuery(raw string) ([]phpParam, error) {
	var out []phpParam
	next := map[string]int{} // next index for "key[]"
	for part := range strings.SplitSeq(raw, "&") {
		if part == "" {
			continue
		}
		k, v, _ := strings.Cut(part, "=")
		key, err := url.QueryUnescape(k)
		if err != nil {
			return nil, fmt.Errorf("oauth: malformed query parameter name: %w", err)
		}
		val, err := url.QueryUnescape(v)
		if err != nil {
			return nil, fmt.Errorf("oauth: malformed query parameter value: %w", err)
		}
		p, err := splitPHPKey(key)
		if err != nil {
			return nil, err
		}
		p.value = val
		for i, s := range p.sub {
			if s == "" {
				prefix := p.top + "[" + strings.Join(p.sub[:i], "][") + "]"
				p.sub[i] = strconv.Itoa(next[prefix])
				next[prefix]++
			}
		}
		// PHP: a later identical key replaces the earlier one.
		out = slices.DeleteFunc(out, func(q phpParam) bool { return q.top == p.top && slices.Equal(q.sub, p.sub) })
		out = append(out, p)
	}
	return out, nil
}

func splitPHPKey(key string) (phpParam, error) {
	i := strings.IndexByte(key, '[')
	if i <= 0 || !strings.HasSuffix(key, "]") {
		if key == "" {
			return phpParam{}, errors.New("oauth: empty query parameter name")
		}
		return phpParam{top: phpTopKey(key)}, nil
	}
	p := phpParam{top: phpTopKey(key[:i])}
	rest := key[i:]
	for rest != "" {
		if rest[0] != '[' {
			// PHP ignores anything after the last bracket pair; keep it simple.
			break
		}
		j := strings.IndexByte(rest, ']')
		if j < 0 {
			break
		}
		p.sub = append(p.sub, rest[1:j])
		rest = rest[j+1:]
	}
	return p, nil
}

// phpTopKey applies PHP's renaming of top-level query keys: spaces and dots
// become underscores.
func phpTopKey(k string) string {
	return strings.NewReplacer(" ", "_", ".", "_").Replace(k)
}
