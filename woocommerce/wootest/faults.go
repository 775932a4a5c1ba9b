package wootest

import (
	"net/http"
	"path"
	"strings"
	"time"
)

// Faults are injected into the API calls whose route matches the pattern
// given to [Store.SetFaults]. Rates are probabilities in [0, 1], drawn
// from the store's seeded generator.
type Faults struct {
	// Latency delays every matching call.
	Latency time.Duration
	// Rate429 answers 429 Too Many Requests without serving the call, as
	// hosts in front of WooCommerce do.
	Rate429 float64
	// Rate5xx answers 500, 502 or 503 without serving the call.
	Rate5xx float64
	// TimeoutAfterWrite serves the call (the write happens) and then loses
	// the answer: the connection is held for Hang and then dropped.
	TimeoutAfterWrite float64
	// Hang is how long a lost answer holds the connection before dropping
	// it; the wait also ends when the client gives up.
	Hang time.Duration
}

type faultRule struct {
	method string
	glob   string
	f      Faults
}

// SetFaults injects faults into the calls matching pattern, replacing the
// faults of the same pattern. A pattern is an optional method and a path
// under /wp-json matched with path.Match, where a trailing "/**" matches
// any depth: "POST /wc/v3/orders", "/wc/v3/products/*", "/wc/v3/**". The
// pattern "*" (or "") matches every call. The zero Faults removes the
// pattern.
func (s *Store) SetFaults(pattern string, f Faults) {
	method, glob := "", strings.TrimSpace(pattern)
	if m, rest, ok := strings.Cut(glob, " "); ok && !strings.HasPrefix(m, "/") {
		method, glob = strings.ToUpper(m), strings.TrimSpace(rest)
	}
	s.faultMu.Lock()
	defer s.faultMu.Unlock()
	var keep []faultRule
	for _, r := range s.faults {
		if r.method != method || r.glob != glob {
			keep = append(keep, r)
		}
	}
	if f != (Faults{}) {
		keep = append(keep, faultRule{method: method, glob: glob, f: f})
	}
	s.faults = keep
}

// ClearFaults removes every API fault (webhook faults stay; see
// [Store.SetWebhookFaults]).
func (s *Store) ClearFaults() {
	s.faultMu.Lock()
	defer s.faultMu.Unlock()
	s.faults = nil
}

func (r faultRule) matches(method, p string) bool {
	if r.method != "" && r.method != method {
		return false
	}
	g := r.glob
	if g == "" || g == "*" {
		return true
	}
	if prefix, ok := strings.CutSuffix(g, "/**"); ok {
		return p == prefix || strings.HasPrefix(p, prefix+"/")
	}
	ok, err := path.Match(g, p)
	return err == nil && ok
}

func (s *Store) faultFor(r *http.Request) (Faults, bool) {
	p := strings.TrimPrefix(r.URL.Path, "/wp-json")
	p = strings.TrimRight(p, "/")
	s.faultMu.Lock()
	defer s.faultMu.Unlock()
	for i := len(s.faults) - 1; i >= 0; i-- {
		if s.faults[i].matches(r.Method, p) {
			return s.faults[i].f, true
		}
	}
	return Faults{}, false
}

// applyFaultBefore applies latency and error answers; it reports whether
// the call was answered.
func (s *Store) applyFaultBefore(w http.ResponseWriter, r *http.Request, f Faults) bool {
	if f.Latency > 0 {
		t := time.NewTimer(f.Latency)
		select {
		case <-t.C:
		case <-r.Context().Done():
			t.Stop()
		}
	}
	if f.Rate429 > 0 && s.float() < f.Rate429 {
		w.Header().Set("Content-Type", "text/html; charset=UTF-8")
		w.Header().Set("Retry-After", "1")
		w.WriteHeader(http.StatusTooManyRequests)
		_, _ = w.Write([]byte("<html><head><title>429 Too Many Requests</title></head><body><h1>Too Many Requests</h1></body></html>"))
		return true
	}
	if f.Rate5xx > 0 && s.float() < f.Rate5xx {
		codes := []int{http.StatusInternalServerError, http.StatusBadGateway, http.StatusServiceUnavailable}
		code := codes[s.intn(len(codes))]
		w.Header().Set("Content-Type", "text/html; charset=UTF-8")
		w.WriteHeader(code)
		if code == http.StatusInternalServerError {
			// PHP fatal errors often come with an empty body.
			return true
		}
		_, _ = w.Write([]byte("<html><head><title>" + http.StatusText(code) + "</title></head><body><h1>" + http.StatusText(code) + "</h1></body></html>"))
		return true
	}
	return false
}

// hangAndDrop holds a call whose answer is lost, then drops the connection.
func (s *Store) hangAndDrop(r *http.Request, f Faults) {
	if f.Hang > 0 {
		t := time.NewTimer(f.Hang)
		select {
		case <-t.C:
		case <-r.Context().Done():
			t.Stop()
		}
	}
	// net/http closes the connection without an answer.
	panic(http.ErrAbortHandler)
}
