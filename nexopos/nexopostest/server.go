package nexopostest

import (
	"fmt"
	"hash/crc32"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"sync"
	"time"
)

// Version selects which NexoPOS release line the fake imitates.
type Version int

const (
	// V4 is NexoPOS 4.x: routes under /api/nexopos/v4, customers in their
	// own table with name/surname.
	V4 Version = 4
	// V5 is NexoPOS 5.x (5.3.10, the recorded server): routes under /api,
	// customers are users with first_name/last_name. It is the default.
	V5 Version = 5
	// V6 is NexoPOS 6.1.2+: as V5, with sale_price_gross/_net,
	// price_gross/_net on order lines and author_id instead of author.
	V6 Version = 6
)

// DefaultThrottle is the real server's limit: 80 requests a minute per user.
const DefaultThrottle = 80

// Option configures a fake built by [NewHandler] or [NewServer].
type Option func(*config)

type config struct {
	version  Version
	throttle int
	seed     int64
	now      func() time.Time
}

// WithVersion chooses the 4.x, 5.x (default) or 6.x behaviour.
func WithVersion(v Version) Option { return func(c *config) { c.version = v } }

// WithThrottle sets the requests allowed per minute and user (default 80,
// as the real server); 0 disables throttling.
func WithThrottle(perMinute int) Option { return func(c *config) { c.throttle = perMinute } }

// WithSeed seeds every random choice (tokens, generated barcodes and SKUs,
// password hashes, injected faults) so that a failing run can be replayed.
func WithSeed(seed int64) Option { return func(c *config) { c.seed = seed } }

// WithClock replaces the wall clock, for the throttle window and for the
// dates the fake records. Tests use it to cross a throttle minute without
// sleeping.
func WithClock(now func() time.Time) Option { return func(c *config) { c.now = now } }

// Handler is the fake NexoPOS as a bare [http.Handler], for users who mount
// it on their own server or call it in process. It is safe for concurrent
// use. Its methods give tests direct access to the data without HTTP.
type Handler struct {
	mu      sync.Mutex
	cfg     config
	rnd     *rand.Rand
	st      *state
	limiter limiter
	faults  faultSet
	table   []route
	// crudStats counts the CRUD rows built, for tests.
	crudStats crudStats
}

// Server is a [Handler] listening on a local httptest server.
type Server struct {
	*Handler
	// URL is the base URL of the fake, e.g. http://127.0.0.1:38121. API
	// paths are below it (/api/... or /api/nexopos/v4/... for V4).
	URL string
	// Token is a valid Sanctum personal access token ("1|...") of the
	// store's administrator, to send as "Authorization: Bearer <Token>".
	Token string
	srv   *httptest.Server
}

// NewHandler returns a fake NexoPOS with a fresh install's data: an
// administrator, the built-in payment types and no catalogue.
func NewHandler(opts ...Option) *Handler {
	c := config{version: V5, throttle: DefaultThrottle, seed: 1, now: time.Now}
	for _, o := range opts {
		if o != nil {
			o(&c)
		}
	}
	if c.version != V4 && c.version != V6 {
		c.version = V5
	}
	if c.throttle < 0 {
		c.throttle = 0
	}
	if c.now == nil {
		c.now = time.Now
	}
	h := &Handler{cfg: c, rnd: rand.New(rand.NewPCG(uint64(c.seed), uint64(c.seed)^0x9e3779b97f4a7c15))}
	h.st = newState(h)
	h.table = h.routes()
	return h
}

// NewServer starts a fake NexoPOS on a local port. Call Close when done.
func NewServer(opts ...Option) *Server {
	h := NewHandler(opts...)
	srv := httptest.NewServer(h)
	return &Server{Handler: h, URL: srv.URL, Token: h.AdminToken(), srv: srv}
}

// Close shuts the server down and blocks until its requests are done.
func (s *Server) Close() { s.srv.Close() }

// Client returns an HTTP client for the server.
func (s *Server) Client() *http.Client { return s.srv.Client() }

// AdminToken returns the administrator's first personal access token.
func (h *Handler) AdminToken() string {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.st.tokens[0].Plain
}

// Version returns the release line the fake imitates.
func (h *Handler) Version() Version { return h.cfg.version }

// Prefix returns the path prefix of the API: "/api", or
// "/api/nexopos/v4" for V4.
func (h *Handler) Prefix() string {
	if h.cfg.version == V4 {
		return "/api/nexopos/v4"
	}
	return "/api"
}

// now returns the current time truncated to the second, as MySQL stores it.
func (h *Handler) now() time.Time { return h.cfg.now().UTC().Truncate(time.Second) }

// Now returns the fake's current time as it records it (its clock, see
// [WithClock], in UTC to the second), for tests that compare dates with
// what the fake wrote.
func (h *Handler) Now() time.Time { return h.now() }

const alnum = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"

func (h *Handler) randString(n int) string {
	b := make([]byte, n)
	for i := range b {
		b[i] = alnum[h.rnd.IntN(len(alnum))]
	}
	return string(b)
}

func (h *Handler) randDigits(n int) string {
	b := make([]byte, n)
	for i := range b {
		b[i] = byte('0' + h.rnd.IntN(10))
	}
	return string(b)
}

// newTokenString makes a Sanctum-style token: id, "|", 40 random characters
// and their CRC32.
func (h *Handler) newTokenString(id int64) string {
	r := h.randString(40)
	return fmt.Sprintf("%d|%s%08x", id, r, crc32.ChecksumIEEE([]byte(r)))
}

// fakeHash returns a bcrypt-looking hash, as customers carry one.
func (h *Handler) fakeHash() string {
	const set = "./ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
	b := make([]byte, 53)
	for i := range b {
		b[i] = set[h.rnd.IntN(len(set))]
	}
	return "$2y$10$" + string(b)
}
