package nexopostest_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"sort"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/woonexo/woonexo/internal/testclock"
	"github.com/woonexo/woonexo/nexopos/nexopostest"
)

// api calls a fake over real HTTP.
type api struct {
	t     *testing.T
	s     *nexopostest.Server
	token string
}

// newAPI starts a fake whose clock starts at testclock's instant (the
// recording's, or $WOONEXO_TEST_START), unless opts give a clock of their own.
func newAPI(t *testing.T, opts ...nexopostest.Option) *api {
	t.Helper()
	clock := testclock.New(t)
	s := nexopostest.NewServer(append([]nexopostest.Option{nexopostest.WithClock(clock.Now)}, opts...)...)
	t.Cleanup(s.Close)
	return &api{t: t, s: s, token: s.Token}
}

type reply struct {
	status int
	header http.Header
	raw    []byte
	body   any
}

func (r reply) list() []any {
	l, _ := r.body.([]any)
	return l
}

// do sends a JSON request with the token and Accept: application/json.
func (a *api) do(method, path string, body any) reply {
	a.t.Helper()
	return a.raw(method, path, body, map[string]string{"Authorization": "Bearer " + a.token, "Accept": "application/json"})
}

func (a *api) raw(method, path string, body any, headers map[string]string) reply {
	a.t.Helper()
	var rd io.Reader
	if body != nil {
		switch b := body.(type) {
		case string:
			rd = strings.NewReader(b)
		case []byte:
			rd = bytes.NewReader(b)
		default:
			data, err := json.Marshal(b)
			require.NoError(a.t, err)
			rd = bytes.NewReader(data)
		}
	}
	req, err := http.NewRequest(method, a.s.URL+path, rd)
	require.NoError(a.t, err)
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	for k, v := range headers {
		req.Header.Set(k, v)
	}
	cl := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := cl.Do(req)
	require.NoError(a.t, err)
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	require.NoError(a.t, err)
	r := reply{status: resp.StatusCode, header: resp.Header, raw: data}
	if strings.HasPrefix(resp.Header.Get("Content-Type"), "application/json") && len(data) > 0 {
		dec := json.NewDecoder(bytes.NewReader(data))
		dec.UseNumber()
		require.NoError(a.t, dec.Decode(&r.body), string(data))
	}
	return r
}

// must asserts a status and returns the reply.
func (a *api) must(status int, method, path string, body any) reply {
	a.t.Helper()
	r := a.do(method, path, body)
	require.Equal(a.t, status, r.status, "%s %s: %s", method, path, r.raw)
	return r
}

// dig walks a decoded body: dig(b, "data", "order", "id").
func dig(v any, path ...any) any {
	for _, p := range path {
		switch k := p.(type) {
		case string:
			m, _ := v.(map[string]any)
			v = m[k]
		case int:
			l, _ := v.([]any)
			if k >= len(l) {
				return nil
			}
			v = l[k]
		}
	}
	return v
}

func numOf(v any) float64 {
	switch n := v.(type) {
	case json.Number:
		f, _ := n.Float64()
		return f
	case float64:
		return n
	}
	return -123456789
}

func idOf(v any) int64 { return int64(numOf(v)) }

// shape describes a JSON value's type: "null", "string", "number", "bool",
// "array", "object".
func shape(v any) string {
	switch v.(type) {
	case nil:
		return "null"
	case string:
		return "string"
	case json.Number, float64:
		return "number"
	case bool:
		return "bool"
	case []any:
		return "array"
	case map[string]any:
		return "object"
	}
	return fmt.Sprintf("%T", v)
}

// shapeDiff lists where got differs from want in keys or JSON types.
func shapeDiff(path string, want, got any) []string {
	var out []string
	ws, gs := shape(want), shape(got)
	if ws != gs {
		return []string{fmt.Sprintf("%s: want %s, got %s", path, ws, gs)}
	}
	switch w := want.(type) {
	case map[string]any:
		g := got.(map[string]any)
		var keys []string
		for k := range w {
			keys = append(keys, k)
		}
		for k := range g {
			if _, ok := w[k]; !ok {
				keys = append(keys, k)
			}
		}
		sort.Strings(keys)
		for _, k := range keys {
			wv, wok := w[k]
			gv, gok := g[k]
			switch {
			case !gok:
				out = append(out, path+"."+k+": missing")
			case !wok:
				out = append(out, path+"."+k+": unexpected")
			default:
				out = append(out, shapeDiff(path+"."+k, wv, gv)...)
			}
		}
	case []any:
		g := got.([]any)
		if len(w) > 0 && len(g) > 0 {
			out = append(out, shapeDiff(path+"[0]", w[0], g[0])...)
		}
		if (len(w) == 0) != (len(g) == 0) {
			out = append(out, fmt.Sprintf("%s: want %d items, got %d", path, len(w), len(g)))
		}
	}
	return out
}
