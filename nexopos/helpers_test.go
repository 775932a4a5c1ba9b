package nexopos

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

const testToken = "7|s3cretT0kenValue0123456789abcdef"

// reply is a canned answer of the fake server.
type reply struct {
	status  int
	fixture string // file under testdata, or
	body    string // a literal body
	header  http.Header
}

// recorded is one request the fake server received.
type recorded struct {
	Method string
	Path   string
	Query  string
	Header http.Header
	Body   []byte
}

type fakeServer struct {
	t      *testing.T
	srv    *httptest.Server
	mu     sync.Mutex
	routes map[string][]reply // "GET /api/products/1" -> replies in order (last repeats)
	reqs   []recorded
}

func fixture(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	require.NoError(t, err)
	return b
}

func newFake(t *testing.T, routes map[string][]reply) *fakeServer {
	t.Helper()
	f := &fakeServer{t: t, routes: routes}
	f.srv = httptest.NewServer(http.HandlerFunc(f.serve))
	t.Cleanup(f.srv.Close)
	return f
}

func (f *fakeServer) serve(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	f.mu.Lock()
	f.reqs = append(f.reqs, recorded{Method: r.Method, Path: r.URL.Path, Query: r.URL.RawQuery, Header: r.Header.Clone(), Body: body})
	key := r.Method + " " + r.URL.Path
	replies, ok := f.routes[key]
	if !ok {
		replies, ok = f.routes[key+"?"+r.URL.RawQuery]
	}
	var rep reply
	if ok && len(replies) > 0 {
		rep = replies[0]
		if len(replies) > 1 {
			f.routes[key] = replies[1:]
		}
	}
	f.mu.Unlock()
	if !ok {
		w.WriteHeader(http.StatusTeapot)
		_, _ = io.WriteString(w, `{"status":"error","message":"no route for `+key+`"}`)
		return
	}
	for k, v := range rep.header {
		w.Header()[k] = v
	}
	data := []byte(rep.body)
	if rep.fixture != "" {
		data = fixture(f.t, rep.fixture)
	}
	if w.Header().Get("Content-Type") == "" {
		w.Header().Set("Content-Type", "application/json")
	}
	if rep.status == 0 {
		rep.status = http.StatusOK
	}
	w.WriteHeader(rep.status)
	_, _ = w.Write(data)
}

func (f *fakeServer) requests() []recorded {
	f.mu.Lock()
	defer f.mu.Unlock()
	return slices.Clone(f.reqs)
}

func (f *fakeServer) last() recorded {
	r := f.requests()
	require.NotEmpty(f.t, r, "no request reached the server")
	return r[len(r)-1]
}

// client returns a client of the fake server that never sleeps.
func (f *fakeServer) client(opts ...Option) *Client {
	f.t.Helper()
	base := []Option{WithToken(testToken), withSleep(func(context.Context, time.Duration) error { return nil })}
	c, err := NewClient(f.srv.URL, append(base, opts...)...)
	require.NoError(f.t, err)
	return c
}

// keyPaths lists the JSON paths of every key in a document, arrays written
// as [], sorted and de-duplicated.
func keyPaths(t testing.TB, doc []byte) []string {
	t.Helper()
	var v any
	require.NoError(t, json.Unmarshal(doc, &v), string(doc))
	set := map[string]bool{}
	var walk func(prefix string, v any)
	walk = func(prefix string, v any) {
		switch x := v.(type) {
		case map[string]any:
			for k, val := range x {
				p := k
				if prefix != "" {
					p = prefix + "." + k
				}
				set[p] = true
				walk(p, val)
			}
		case []any:
			for _, e := range x {
				walk(prefix+"[]", e)
			}
		}
	}
	walk("", v)
	out := make([]string, 0, len(set))
	for k := range set {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// jsonValue returns the value at a dotted path ("a.b.0.c").
func jsonValue(t testing.TB, doc []byte, path string) any {
	t.Helper()
	var v any
	require.NoError(t, json.Unmarshal(doc, &v))
	for _, part := range strings.Split(path, ".") {
		switch x := v.(type) {
		case map[string]any:
			v = x[part]
		case []any:
			i := 0
			for _, ch := range part {
				i = i*10 + int(ch-'0')
			}
			require.Less(t, i, len(x), path)
			v = x[i]
		default:
			t.Fatalf("path %s: %T is not a container", path, v)
		}
	}
	return v
}

func ctx() context.Context { return context.Background() }
