package wootest_test

import (
	"bufio"
	"bytes"
	"crypto/hmac"
	"crypto/sha1"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"hash"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/woonexo/woonexo/internal/testclock"
	"github.com/woonexo/woonexo/woocommerce/wootest"
)

// enc is RFC 3986 percent-encoding, written independently of the store.
func enc(s string) string {
	var b strings.Builder
	for _, c := range []byte(s) {
		if ('A' <= c && c <= 'Z') || ('a' <= c && c <= 'z') || ('0' <= c && c <= '9') || strings.IndexByte("-._~", c) >= 0 {
			b.WriteByte(c)
		} else {
			fmt.Fprintf(&b, "%%%02X", c)
		}
	}
	return b.String()
}

var nonceSeq atomic.Int64

type oauthOpts struct {
	method    string // HMAC-SHA256 by default
	timestamp int64
	nonce     string
	inHeader  bool
	badSecret bool
}

// signOAuth signs a request with one-legged OAuth 1.0a (RFC 5849 section
// 3.4), query-string or header style.
func signOAuth(req *http.Request, key, secret string, o oauthOpts) {
	if o.method == "" {
		o.method = "HMAC-SHA256"
	}
	if o.timestamp == 0 {
		panic("signOAuth: no timestamp; sign with the store's clock (api.sign)")
	}
	if o.nonce == "" {
		o.nonce = fmt.Sprintf("n%d-%d", o.timestamp, nonceSeq.Add(1))
	}
	if o.badSecret {
		secret += "x"
	}
	oauth := map[string]string{
		"oauth_consumer_key":     key,
		"oauth_nonce":            o.nonce,
		"oauth_signature_method": o.method,
		"oauth_timestamp":        strconv.FormatInt(o.timestamp, 10),
	}
	type pair struct{ k, v string }
	var pairs []pair
	for k, vs := range req.URL.Query() {
		for _, v := range vs {
			pairs = append(pairs, pair{enc(k), enc(v)})
		}
	}
	for k, v := range oauth {
		pairs = append(pairs, pair{enc(k), enc(v)})
	}
	sort.Slice(pairs, func(i, j int) bool {
		if pairs[i].k != pairs[j].k {
			return pairs[i].k < pairs[j].k
		}
		return pairs[i].v < pairs[j].v
	})
	var parts []string
	for _, p := range pairs {
		parts = append(parts, p.k+"="+p.v)
	}
	baseURL := req.URL.Scheme + "://" + req.URL.Host + req.URL.EscapedPath()
	base := req.Method + "&" + enc(baseURL) + "&" + enc(strings.Join(parts, "&"))
	var hf func() hash.Hash = sha256.New
	if o.method == "HMAC-SHA1" {
		hf = sha1.New
	}
	mac := hmac.New(hf, []byte(enc(secret)+"&"))
	mac.Write([]byte(base))
	sig := base64.StdEncoding.EncodeToString(mac.Sum(nil))
	if o.inHeader {
		var hp []string
		for _, k := range []string{"oauth_consumer_key", "oauth_nonce", "oauth_signature_method", "oauth_timestamp"} {
			hp = append(hp, fmt.Sprintf(`%s="%s"`, k, enc(oauth[k])))
		}
		hp = append(hp, fmt.Sprintf(`oauth_signature="%s"`, enc(sig)))
		req.Header.Set("Authorization", "OAuth "+strings.Join(hp, ", "))
		return
	}
	q := req.URL.RawQuery
	var extra []string
	for _, k := range []string{"oauth_consumer_key", "oauth_nonce", "oauth_signature_method", "oauth_timestamp"} {
		extra = append(extra, k+"="+url.QueryEscape(oauth[k]))
	}
	extra = append(extra, "oauth_signature="+url.QueryEscape(sig))
	if q != "" {
		q += "&"
	}
	req.URL.RawQuery = q + strings.Join(extra, "&")
}

// api is a tiny client for the tests: OAuth over HTTP, Basic over TLS.
type api struct {
	t      testing.TB
	srv    *wootest.Server
	key    string
	secret string
}

func newAPI(t testing.TB, srv *wootest.Server) *api {
	return &api{t: t, srv: srv, key: srv.ConsumerKey, secret: srv.ConsumerSecret}
}

// newServer starts a fake store whose clock starts at testclock's instant
// (the recording's, or $WOONEXO_TEST_START) in testclock's zone, unless
// opts set their own.
func newServer(t testing.TB, opts ...wootest.Option) *wootest.Server {
	t.Helper()
	return wootest.NewServer(append([]wootest.Option{wootest.WithClock(testclock.New(t).Now), wootest.WithTimezone(testclock.Zone(t))}, opts...)...)
}

// sign signs req with the api's key as of the store's clock.
func (a *api) sign(req *http.Request, o oauthOpts) { a.signAs(req, a.key, a.secret, o) }

// signAs signs req with key and secret as of the store's clock.
func (a *api) signAs(req *http.Request, key, secret string, o oauthOpts) {
	if o.timestamp == 0 {
		o.timestamp = a.srv.Store.Now().Unix()
	}
	signOAuth(req, key, secret, o)
}

type resp struct {
	status int
	header http.Header
	body   []byte
}

func (r resp) json(t testing.TB) any {
	t.Helper()
	var v any
	require.NoError(t, json.Unmarshal(r.body, &v), "body: %s", r.body)
	return v
}

func (r resp) obj(t testing.TB) map[string]any {
	t.Helper()
	m, ok := r.json(t).(map[string]any)
	require.True(t, ok, "not an object: %s", r.body)
	return m
}

func (r resp) list(t testing.TB) []any {
	t.Helper()
	l, ok := r.json(t).([]any)
	require.True(t, ok, "not a list: %s", r.body)
	return l
}

func (a *api) request(method, path string, body any) *http.Request {
	a.t.Helper()
	var rd io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		require.NoError(a.t, err)
		rd = bytes.NewReader(b)
	}
	req, err := http.NewRequest(method, a.srv.URL+"/wp-json/wc/v3"+path, rd)
	require.NoError(a.t, err)
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	return req
}

func (a *api) send(req *http.Request) resp {
	a.t.Helper()
	res, err := a.srv.Client().Do(req)
	require.NoError(a.t, err)
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	require.NoError(a.t, err)
	return resp{status: res.StatusCode, header: res.Header, body: b}
}

// do sends an authenticated request.
func (a *api) do(method, path string, body any) resp {
	a.t.Helper()
	req := a.request(method, path, body)
	if strings.HasPrefix(a.srv.URL, "https://") {
		req.SetBasicAuth(a.key, a.secret)
	} else {
		a.sign(req, oauthOpts{})
	}
	return a.send(req)
}

func num(v any) float64 {
	f, _ := v.(float64)
	return f
}

func id(v map[string]any) int64 { return int64(num(v["id"])) }

// sample is a recorded .http exchange from testdata.
type sample struct {
	status int
	header http.Header
	body   []byte
}

func loadSample(t testing.TB, path string) sample {
	t.Helper()
	raw, err := os.ReadFile(path)
	require.NoError(t, err)
	rd := bufio.NewReader(bytes.NewReader(raw))
	first, _ := rd.ReadString('\n')
	s := sample{header: http.Header{}}
	if f := strings.Fields(first); len(f) >= 2 && strings.HasPrefix(f[0], "HTTP/") {
		s.status, _ = strconv.Atoi(f[1])
	}
	for {
		line, err := rd.ReadString('\n')
		line = strings.TrimRight(line, "\r\n")
		if line == "" || err != nil {
			break
		}
		k, v, _ := strings.Cut(line, ":")
		s.header.Add(strings.TrimSpace(k), strings.TrimSpace(v))
	}
	s.body, _ = io.ReadAll(rd)
	return s
}

func jsonType(v any) string {
	switch v.(type) {
	case nil:
		return "null"
	case string:
		return "string"
	case float64:
		return "number"
	case bool:
		return "boolean"
	case []any:
		return "array"
	case map[string]any:
		return "object"
	}
	return "?"
}

// sameShape checks that got has exactly want's keys with the same JSON
// types, recursing into objects and the first element of arrays of
// objects.
func sameShape(t testing.TB, where string, want, got any) {
	t.Helper()
	wt, gt := jsonType(want), jsonType(got)
	if wt != gt {
		t.Errorf("%s: type %s, want %s (got %v)", where, gt, wt, got)
		return
	}
	switch w := want.(type) {
	case map[string]any:
		g := got.(map[string]any)
		for k, wv := range w {
			gv, ok := g[k]
			if !ok {
				t.Errorf("%s: missing key %q", where, k)
				continue
			}
			sameShape(t, where+"."+k, wv, gv)
		}
		for k := range g {
			if _, ok := w[k]; !ok {
				t.Errorf("%s: extra key %q", where, k)
			}
		}
	case []any:
		g := got.([]any)
		if len(w) > 0 && len(g) > 0 {
			if _, isObj := w[0].(map[string]any); isObj {
				sameShape(t, where+"[0]", w[0], g[0])
			}
		}
	}
}

// receiver records webhook deliveries.
type receiver struct {
	mu     sync.Mutex
	reqs   []recorded
	status atomic.Int32
	url    string
}

type recorded struct {
	header http.Header
	body   []byte
}

func (r *receiver) ServeHTTP(w http.ResponseWriter, req *http.Request) {
	b, _ := io.ReadAll(req.Body)
	r.mu.Lock()
	r.reqs = append(r.reqs, recorded{header: req.Header.Clone(), body: b})
	r.mu.Unlock()
	code := int(r.status.Load())
	if code == 0 {
		code = 200
	}
	w.WriteHeader(code)
}

func (r *receiver) all() []recorded {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]recorded(nil), r.reqs...)
}

// topics lists the X-WC-Webhook-Topic of each delivery ("ping" for pings).
func (r *receiver) topics() []string {
	var out []string
	for _, rq := range r.all() {
		tp := rq.header.Get("X-WC-Webhook-Topic")
		if tp == "" {
			tp = "ping"
		}
		out = append(out, tp)
	}
	return out
}

func newReceiver(t testing.TB) *receiver {
	t.Helper()
	r := &receiver{}
	ts := httptest.NewServer(r)
	t.Cleanup(ts.Close)
	r.url = ts.URL + "/hook"
	return r
}

func jsonUnmarshal(b []byte, v any) error { return json.Unmarshal(b, v) }
