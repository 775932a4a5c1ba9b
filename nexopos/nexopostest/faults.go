package nexopostest

import (
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"
)

// limiter is Laravel's fixed-window rate limiter: the window opens on the
// first hit and lasts a minute; past the limit, requests fail until it ends.
type limiter struct {
	mu    sync.Mutex
	start time.Time
	hits  int
}

func (l *limiter) hit(now time.Time, max int) (ok bool, remaining int) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.start.IsZero() || !now.Before(l.start.Add(time.Minute)) {
		l.start, l.hits = now, 0
	}
	if l.hits >= max {
		return false, 0
	}
	l.hits++
	return true, max - l.hits
}

// Fault describes misbehaviour to inject on the requests it matches, as a
// slow network, a proxy or an overloaded server would. Shares are
// probabilities in [0, 1], drawn from the fake's seeded generator.
type Fault struct {
	// Method matches the HTTP method; empty matches any.
	Method string
	// Path matches request paths starting with it (e.g. "/api/orders");
	// empty matches any.
	Path string
	// Latency delays every matching request before it is handled.
	Latency time.Duration
	// RateLimited is the share answered 429 {"message":"Too Many Attempts."}
	// with Retry-After: 1, without being handled.
	RateLimited float64
	// ServerErrors is the share answered with ServerErrorStatus without
	// being handled.
	ServerErrors float64
	// ServerErrorStatus is the status of injected server errors (default 503).
	ServerErrorStatus int
	// Timeouts is the share handled (the write is made) whose answer never
	// comes: the fake waits for the client to give up, at most Hang, then
	// drops the connection.
	Timeouts float64
	// Hang bounds the wait of a timeout (default 30s).
	Hang time.Duration
}

type faultSet struct {
	mu     sync.Mutex
	faults []Fault
}

// SetFaults replaces the injected faults; the first Fault matching a request
// applies. SetFaults() with no argument turns injection off.
func (h *Handler) SetFaults(faults ...Fault) {
	h.faults.mu.Lock()
	defer h.faults.mu.Unlock()
	h.faults.faults = append([]Fault(nil), faults...)
}

type activeFault struct {
	f       Fault
	timeout bool
	kind    int // 0 none, 1 rate limited, 2 server error
}

func (fs *faultSet) pick(h *Handler, r *http.Request) *activeFault {
	fs.mu.Lock()
	var f *Fault
	for i := range fs.faults {
		x := fs.faults[i]
		if (x.Method == "" || strings.EqualFold(x.Method, r.Method)) && strings.HasPrefix(r.URL.Path, x.Path) {
			f = &x
			break
		}
	}
	fs.mu.Unlock()
	if f == nil {
		return nil
	}
	h.mu.Lock()
	roll := h.rnd.Float64()
	roll2 := h.rnd.Float64()
	h.mu.Unlock()
	a := &activeFault{f: *f}
	switch {
	case roll < f.RateLimited:
		a.kind = 1
	case roll < f.RateLimited+f.ServerErrors:
		a.kind = 2
	}
	a.timeout = a.kind == 0 && roll2 < f.Timeouts
	return a
}

// before applies latency and early answers; false means the request has
// been answered.
func (a *activeFault) before(c *call) bool {
	if a.f.Latency > 0 {
		t := time.NewTimer(a.f.Latency)
		select {
		case <-t.C:
		case <-c.r.Context().Done():
			t.Stop()
			return false
		}
	}
	switch a.kind {
	case 1:
		c.w.Header().Set("Retry-After", "1")
		c.w.Header().Set("X-RateLimit-Limit", strconv.Itoa(c.h.cfg.throttle))
		c.w.Header().Set("X-RateLimit-Remaining", "0")
		c.writeJSON(http.StatusTooManyRequests, obj{{"message", "Too Many Attempts."}})
		return false
	case 2:
		status := a.f.ServerErrorStatus
		if status < 500 || status > 599 {
			status = http.StatusServiceUnavailable
		}
		c.writeJSON(status, obj{{"message", http.StatusText(status)}})
		return false
	}
	return true
}

// afterWrite hangs and drops the connection for an injected timeout; false
// means no answer must be written.
func (a *activeFault) afterWrite(c *call) bool {
	if !a.timeout {
		return true
	}
	hang := a.f.Hang
	if hang <= 0 {
		hang = 30 * time.Second
	}
	t := time.NewTimer(hang)
	defer t.Stop()
	select {
	case <-t.C:
	case <-c.r.Context().Done():
	}
	// Dropping the connection without an answer is what a client sees when
	// the server's answer is lost; http.ErrAbortHandler makes net/http
	// close it quietly.
	panic(http.ErrAbortHandler)
}
