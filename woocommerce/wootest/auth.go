package wootest

import (
	"crypto/hmac"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"hash"
	"net/http"
	"net/url"
	"regexp"
	"sort"
	"strconv"
	"strings"
)

// Permission is what an API key may do.
type Permission string

// The permissions of WooCommerce API keys.
const (
	Read      Permission = "read"
	Write     Permission = "write"
	ReadWrite Permission = "read_write"
)

type apiKey struct {
	secret string
	perm   Permission
	// nonces remembers used nonces by timestamp, as WooCommerce stores
	// them (one nonce per timestamp).
	nonces map[int64]string
}

// AddKey registers an API key pair with the given permission (read, write
// or read_write), replacing any key with the same consumer key.
func (s *Store) AddKey(consumerKey, consumerSecret string, perm Permission) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.keys[consumerKey] = &apiKey{secret: consumerSecret, perm: perm, nonces: map[int64]string{}}
}

func authErr(msg string) *apiError {
	return newErr(401, "woocommerce_rest_authentication_error", msg)
}

// allows checks the key's permission for the method, as WooCommerce does in
// rest_pre_dispatch (before the route is even matched).
func (k *apiKey) allows(method string) *apiError {
	switch method {
	case http.MethodGet, http.MethodHead:
		if k.perm != Read && k.perm != ReadWrite {
			return authErr("The API key provided does not have read permissions.")
		}
	case http.MethodPost, http.MethodPut, http.MethodPatch, http.MethodDelete:
		if k.perm != Write && k.perm != ReadWrite {
			return authErr("The API key provided does not have write permissions.")
		}
	case http.MethodOptions:
	default:
		return authErr("Unknown request method.")
	}
	return nil
}

// authenticate follows WC_REST_Authentication: Basic (and query-string
// keys) only over HTTPS, then OAuth 1.0a. It returns the key, or nil for an
// anonymous request, or the authentication error.
func (s *Store) authenticate(rc *reqCtx, form url.Values) (*apiKey, *apiError) {
	r := rc.r
	if s.isSSL(r) {
		ck, cs := "", ""
		if q := rc.query; q.Get("consumer_key") != "" && q.Get("consumer_secret") != "" {
			ck, cs = q.Get("consumer_key"), q.Get("consumer_secret")
		}
		if ck == "" {
			if u, p, okb := r.BasicAuth(); okb && u != "" && p != "" {
				ck, cs = u, p
			}
		}
		if ck != "" && cs != "" {
			if k := s.keys[ck]; k != nil {
				if subtle.ConstantTimeCompare([]byte(k.secret), []byte(cs)) == 1 {
					return k, nil
				}
				// The error is kept; OAuth is still tried and finds nothing.
				_, oerr, tried := s.oauth(rc, form)
				if tried && oerr != nil {
					return nil, oerr
				}
				return nil, authErr("Consumer secret is invalid.")
			}
		}
	}
	k, oerr, _ := s.oauth(rc, form)
	if oerr != nil {
		return nil, oerr
	}
	return k, nil
}

var oauthParamNames = []string{"oauth_consumer_key", "oauth_timestamp", "oauth_nonce", "oauth_signature", "oauth_signature_method"}

var oauthHeaderRe = regexp.MustCompile(`(oauth_[a-z_-]*)=(:?"([^"]*)"|([^,]*))`)

// oauth performs one-legged OAuth 1.0a. tried reports whether any OAuth
// parameter was present.
func (s *Store) oauth(rc *reqCtx, form url.Values) (key *apiKey, e *apiError, tried bool) {
	params := phpParseQuery(rc.rawQ)
	for k, vs := range form {
		if len(vs) > 0 {
			params.set(phpKeyName(k), &phpVal{s: vs[len(vs)-1]})
		}
	}
	if h := strings.TrimSpace(rc.r.Header.Get("Authorization")); strings.HasPrefix(h, "OAuth ") {
		for _, m := range oauthHeaderRe.FindAllStringSubmatch(h, -1) {
			v := m[4]
			if m[3] != "" {
				v = m[3]
			}
			dv, err := url.QueryUnescape(v)
			if err != nil {
				dv = v
			}
			params.set(m[1], &phpVal{s: dv})
		}
	}
	var missing []string
	have := false
	for _, n := range oauthParamNames {
		v := params.get(n)
		if v == nil || v.isArr || v.s == "" || v.s == "0" {
			missing = append(missing, n)
		} else {
			have = true
		}
	}
	if !have {
		return nil, nil, false
	}
	if len(missing) > 0 {
		msg := "Missing OAuth parameter " + strings.Join(missing, ", ")
		if len(missing) > 1 {
			msg = "Missing OAuth parameters " + strings.Join(missing, ", ")
		}
		return nil, newErr(401, "woocommerce_rest_authentication_missing_parameter", msg), true
	}
	k := s.keys[params.get("oauth_consumer_key").s]
	if k == nil {
		return nil, authErr("Consumer key is invalid."), true
	}

	// Signature.
	given := params.get("oauth_signature").s
	given = strings.ReplaceAll(given, " ", "+")
	if d, err := url.PathUnescape(given); err == nil {
		given = d
	}
	method := params.get("oauth_signature_method").s
	params.del("oauth_signature")
	keys := append([]string(nil), params.order...)
	sort.Strings(keys)
	var pairs []string
	for _, name := range keys {
		pairs = joinParams(pairs, rawurlencode(name), params.vals[name], true)
	}
	reqPath := rc.r.URL.EscapedPath()
	if ru := rc.r.RequestURI; strings.HasPrefix(ru, "/") {
		reqPath, _, _ = strings.Cut(ru, "?")
	}
	baseURI := rc.base + reqPath
	toSign := strings.ToUpper(rc.r.Method) + "&" + rawurlencode(baseURI) + "&" + strings.Join(pairs, "%26")
	var hf func() hash.Hash
	switch method {
	case "HMAC-SHA1":
		hf = sha1.New
	case "HMAC-SHA256":
		hf = sha256.New
	default:
		return nil, authErr("Invalid signature - signature method is invalid."), true
	}
	mac := hmac.New(hf, []byte(k.secret+"&"))
	mac.Write([]byte(toSign))
	want := base64.StdEncoding.EncodeToString(mac.Sum(nil))
	if subtle.ConstantTimeCompare([]byte(want), []byte(given)) != 1 {
		return nil, authErr("Invalid signature - provided signature does not match."), true
	}

	// Timestamp and nonce.
	now := s.now().Unix()
	const window = 15 * 60
	ts, err := strconv.ParseInt(strings.TrimSpace(params.get("oauth_timestamp").s), 10, 64)
	if err != nil || ts < now-window || ts > now+window {
		return nil, authErr("Invalid timestamp."), true
	}
	nonce := params.get("oauth_nonce").s
	for _, n := range k.nonces {
		if n == nonce {
			return nil, authErr("Invalid nonce - nonce has already been used."), true
		}
	}
	k.nonces[ts] = nonce
	for t := range k.nonces {
		if t < now-window {
			delete(k.nonces, t)
		}
	}
	return k, nil, true
}

// joinParams renders one normalised parameter as WooCommerce's
// join_with_equals_sign does: nested arrays become key%5Bsub%5D, and each
// "key=value" string is RFC 3986 encoded once more.
func joinParams(out []string, key string, v *phpVal, top bool) []string {
	if v.isArr {
		for _, sub := range v.order {
			out = joinParams(out, key+"%5B"+sub+"%5D", v.vals[sub], false)
		}
		return out
	}
	return append(out, rawurlencode(key+"="+rawurlencode(v.s)))
}

// rawurlencode is PHP's rawurlencode (RFC 3986: only A-Z a-z 0-9 - _ . ~
// stay as they are).
func rawurlencode(s string) string {
	const hexd = "0123456789ABCDEF"
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_' || c == '.' || c == '~' {
			b.WriteByte(c)
			continue
		}
		b.WriteByte('%')
		b.WriteByte(hexd[c>>4])
		b.WriteByte(hexd[c&15])
	}
	return b.String()
}

// phpVal is a value of PHP's $_GET: a string or an ordered array.
type phpVal struct {
	s     string
	isArr bool
	order []string
	vals  map[string]*phpVal
	next  int
}

func newArr() *phpVal { return &phpVal{isArr: true, vals: map[string]*phpVal{}} }

func (a *phpVal) get(k string) *phpVal {
	if a == nil || !a.isArr {
		return nil
	}
	return a.vals[k]
}

func (a *phpVal) set(k string, v *phpVal) {
	if _, exists := a.vals[k]; !exists {
		a.order = append(a.order, k)
	}
	a.vals[k] = v
	if n, err := strconv.Atoi(k); err == nil && n >= a.next {
		a.next = n + 1
	}
}

func (a *phpVal) del(k string) {
	if _, exists := a.vals[k]; !exists {
		return
	}
	delete(a.vals, k)
	for i, o := range a.order {
		if o == k {
			a.order = append(a.order[:i], a.order[i+1:]...)
			break
		}
	}
}

// phpKeyName applies PHP's mangling of top-level variable names: spaces and
// dots become underscores.
func phpKeyName(k string) string {
	return strings.NewReplacer(" ", "_", ".", "_").Replace(k)
}

// phpParseQuery parses a query string as PHP fills $_GET, with a[b]=1 and
// a[]=1 building arrays.
func phpParseQuery(raw string) *phpVal {
	root := newArr()
	for _, part := range strings.Split(raw, "&") {
		if part == "" {
			continue
		}
		k, v, _ := strings.Cut(part, "=")
		dk, err := url.QueryUnescape(k)
		if err != nil {
			dk = k
		}
		dv, err := url.QueryUnescape(v)
		if err != nil {
			dv = v
		}
		if dk == "" {
			continue
		}
		name, subs := dk, []string(nil)
		if i := strings.IndexByte(dk, '['); i > 0 {
			rest := dk[i:]
			name = dk[:i]
			for strings.HasPrefix(rest, "[") {
				j := strings.IndexByte(rest, ']')
				if j < 0 {
					break
				}
				subs = append(subs, rest[1:j])
				rest = rest[j+1:]
			}
		}
		name = phpKeyName(name)
		if len(subs) == 0 {
			root.set(name, &phpVal{s: dv})
			continue
		}
		cur := root
		keys := append([]string{name}, subs...)
		for i, key := range keys {
			if key == "" && i > 0 {
				key = strconv.Itoa(cur.next)
			}
			if i == len(keys)-1 {
				cur.set(key, &phpVal{s: dv})
				break
			}
			nxt := cur.get(key)
			if nxt == nil || !nxt.isArr {
				nxt = newArr()
				cur.set(key, nxt)
			}
			cur = nxt
		}
	}
	return root
}
