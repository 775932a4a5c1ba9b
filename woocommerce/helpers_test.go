package woocommerce

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// withClock fixes the OAuth timestamp and nonce, for test vectors.
func withClock(now func() time.Time, nonce func() string) Option {
	return func(c *config) error {
		c.now, c.nonce = now, nonce
		return nil
	}
}

// fixture is a recorded HTTP response from testdata/*.http.
type fixture struct {
	Status int
	Header http.Header
	Body   []byte
}

// loadFixture parses a recorded response (status line, headers, blank line,
// body) from testdata.
func loadFixture(t testing.TB, name string) fixture {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join("testdata", name))
	require.NoError(t, err)
	resp, err := http.ReadResponse(bufio.NewReader(bytes.NewReader(raw)), nil)
	require.NoError(t, err, "parse %s", name)
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	return fixture{Status: resp.StatusCode, Header: resp.Header, Body: bytes.TrimSpace(body)}
}

// fixtureBody returns just the JSON body of a recorded response.
func fixtureBody(t testing.TB, name string) []byte { return loadFixture(t, name).Body }

// serve writes f as the response.
func (f fixture) serve(w http.ResponseWriter) {
	for k, vs := range f.Header {
		switch http.CanonicalHeaderKey(k) {
		case "Content-Length", "Connection", "Date", "Host":
			continue
		}
		w.Header()[k] = vs
	}
	w.WriteHeader(f.Status)
	_, _ = w.Write(f.Body)
}

// recorded is one request a test server received.
type recorded struct {
	Method string
	Path   string
	Query  url.Values
	Header http.Header
	Body   []byte
}

// recorder is a test server that records requests and answers with
// whatever respond returns.
type recorder struct {
	mu   sync.Mutex
	reqs []recorded
	srv  *httptest.Server
}

func newRecorder(t *testing.T, respond func(w http.ResponseWriter, r *http.Request, n int)) *recorder {
	t.Helper()
	rec := &recorder{}
	rec.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		r.Body = io.NopCloser(bytes.NewReader(body))
		rec.mu.Lock()
		rec.reqs = append(rec.reqs, recorded{Method: r.Method, Path: r.URL.Path, Query: r.URL.Query(), Header: r.Header.Clone(), Body: body})
		n := len(rec.reqs)
		rec.mu.Unlock()
		respond(w, r, n)
	}))
	t.Cleanup(rec.srv.Close)
	return rec
}

func (r *recorder) requests() []recorded {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]recorded(nil), r.reqs...)
}

func (r *recorder) last(t *testing.T) recorded {
	t.Helper()
	reqs := r.requests()
	require.NotEmpty(t, reqs, "no request reached the server")
	return reqs[len(reqs)-1]
}

// client returns a client for the recorder without credentials and with
// fast retries.
func (r *recorder) client(t *testing.T, opts ...Option) *Client {
	t.Helper()
	base := []Option{WithBackoff(time.Millisecond, 2*time.Millisecond)}
	c, err := NewClient(r.srv.URL, append(base, opts...)...)
	require.NoError(t, err)
	return c
}

// jsonServer answers every request with status and body.
func jsonServer(status int, body []byte) func(http.ResponseWriter, *http.Request, int) {
	return func(w http.ResponseWriter, _ *http.Request, _ int) {
		w.Header().Set("Content-Type", "application/json; charset=UTF-8")
		w.WriteHeader(status)
		_, _ = w.Write(body)
	}
}

// opCase is one service operation and the exact request it must send.
type opCase struct {
	name      string
	call      func(ctx context.Context, c *Client) error
	method    string
	path      string // below /wp-json/wc/v3/
	query     url.Values
	body      string // JSON, compared semantically; "" for no body
	respond   []byte // response body; "{}" when nil
	respCode  int
	checkResp func(t *testing.T, err error)
}

// runOps runs each case against a recorder and checks method, path, query
// and body.
func runOps(t *testing.T, cases []opCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			resp := tc.respond
			if resp == nil {
				resp = []byte("{}")
			}
			code := tc.respCode
			if code == 0 {
				code = http.StatusOK
			}
			rec := newRecorder(t, jsonServer(code, resp))
			c := rec.client(t)
			err := tc.call(context.Background(), c)
			if tc.checkResp != nil {
				tc.checkResp(t, err)
			} else {
				require.NoError(t, err)
			}
			got := rec.last(t)
			assert.Equal(t, tc.method, got.Method, "method")
			assert.Equal(t, "/wp-json/wc/v3/"+tc.path, got.Path, "path")
			wantQ := tc.query
			if wantQ == nil {
				wantQ = url.Values{}
			}
			assert.Equal(t, wantQ, got.Query, "query")
			if tc.body == "" {
				assert.Empty(t, got.Body, "body")
			} else {
				assert.JSONEq(t, tc.body, string(got.Body), "body")
				assert.Equal(t, "application/json", got.Header.Get("Content-Type"))
			}
		})
	}
}

// assertRoundTrip decodes raw into a T, encodes it and decodes again, and
// checks that the two values encode the same and that every member of raw
// with a non-empty value survives (so no field the store sends is dropped).
func assertRoundTrip[T any](t *testing.T, raw []byte) T {
	t.Helper()
	var first T
	require.NoError(t, json.Unmarshal(raw, &first))
	enc1, err := json.Marshal(first)
	require.NoError(t, err)
	var second T
	require.NoError(t, json.Unmarshal(enc1, &second))
	enc2, err := json.Marshal(second)
	require.NoError(t, err)
	assert.JSONEq(t, string(enc1), string(enc2), "encode(decode(encode(x))) differs")

	var orig, again any
	require.NoError(t, json.Unmarshal(raw, &orig))
	require.NoError(t, json.Unmarshal(enc1, &again))
	for _, p := range missingMembers(orig, again, "") {
		t.Errorf("member %s of the store's JSON is lost by the model", p)
	}
	return first
}

// missingMembers lists the JSON paths present with a non-empty value in
// orig but absent from got. _links is skipped (only hrefs are kept).
func missingMembers(orig, got any, path string) []string {
	var out []string
	switch o := orig.(type) {
	case map[string]any:
		g, _ := got.(map[string]any)
		for k, v := range o {
			if k == "_links" || isEmptyJSON(v) {
				continue
			}
			gv, ok := g[k]
			if !ok {
				out = append(out, path+"."+k)
				continue
			}
			out = append(out, missingMembers(v, gv, path+"."+k)...)
		}
	case []any:
		g, _ := got.([]any)
		for i, v := range o {
			if i >= len(g) {
				out = append(out, path+"["+strconv.Itoa(i)+"]")
				continue
			}
			out = append(out, missingMembers(v, g[i], path+"["+strconv.Itoa(i)+"]")...)
		}
	}
	return out
}

func isEmptyJSON(v any) bool {
	switch x := v.(type) {
	case nil:
		return true
	case string:
		return x == ""
	case bool:
		return !x
	case float64:
		return x == 0
	case []any:
		return len(x) == 0
	case map[string]any:
		return len(x) == 0
	}
	return false
}

// jsonFixture reads a derived JSON body from testdata.
func jsonFixture(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	require.NoError(t, err)
	return bytes.TrimSpace(b)
}
