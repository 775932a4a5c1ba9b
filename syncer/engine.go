package syncer

import (
	"errors"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"os"
	"strconv"
	"sync"
	"time"

	"github.com/woonexo/woonexo/mapping"
	"github.com/woonexo/woonexo/nexopos"
	"github.com/woonexo/woonexo/woocommerce"
)

// Engine applies plans with the two clients and records the results in the
// mapping store. It is the imperative shell around the pure Plan*
// functions: it fetches what they need, applies what they return, keeps the
// inbox of webhook events, polls NexoPOS and runs full reconciles.
//
// An Engine is safe for concurrent use. It keeps no state of its own apart
// from counters: run several replicas against one PostgreSQL or MySQL store
// and the store's claims keep them from creating the same record twice.
type Engine struct {
	cfg   Config
	woo   *woocommerce.Client
	nexo  *nexopos.Client
	store mapping.Store
	log   *slog.Logger

	worker      string
	lease       time.Duration
	maxAttempts int
	retryBase   time.Duration
	retryMax    time.Duration
	pollEvery   time.Duration
	reconEvery  time.Duration
	workers     int
	progress    func(Progress)
	now         func() time.Time

	stats   Stats
	stockMu sync.Mutex // see lockStock

	statusMu  sync.Mutex
	lastRecon ReconcileStatus
	unitMu    sync.Mutex
	units     map[int64]nexopos.UnitQuantity // NexoPOS product id -> mirrored unit quantity

	missedMu sync.Mutex
	missed   map[mapping.Kind]bool // kinds a delivery that was no record was about; see CatchUp
}

// Option configures an Engine.
type Option func(*Engine) error

// WithLogger sends the engine's logs to l (default: discarded).
func WithLogger(l *slog.Logger) Option {
	return func(e *Engine) error {
		if l == nil {
			return errors.New("nil logger")
		}
		e.log = l
		return nil
	}
}

// WithWorkerName names this replica in claims and inbox leases (default:
// host name and process id).
func WithWorkerName(name string) Option {
	return func(e *Engine) error {
		if name == "" {
			return errors.New("empty worker name")
		}
		e.worker = name
		return nil
	}
}

// WithProgress calls fn as a reconcile advances (counts per kind).
func WithProgress(fn func(Progress)) Option {
	return func(e *Engine) error { e.progress = fn; return nil }
}

// WithRetry sets how often an inbox event is tried before it is marked
// failed (default 8) and the backoff between tries (default 2s doubling up
// to 5m).
func WithRetry(maxAttempts int, base, max time.Duration) Option {
	return func(e *Engine) error {
		if maxAttempts < 1 || base <= 0 || max < base {
			return fmt.Errorf("retry: need maxAttempts >= 1 and 0 < base <= max, got %d, %s, %s", maxAttempts, base, max)
		}
		e.maxAttempts, e.retryBase, e.retryMax = maxAttempts, base, max
		return nil
	}
}

// WithSchedule sets how often Run polls NexoPOS (default 30s) and runs a
// full reconcile (default 1h; 0 turns scheduled reconciles off).
func WithSchedule(poll, reconcile time.Duration) Option {
	return func(e *Engine) error {
		if poll <= 0 || reconcile < 0 {
			return fmt.Errorf("schedule: poll must be positive and reconcile not negative")
		}
		e.pollEvery, e.reconEvery = poll, reconcile
		return nil
	}
}

// WithWorkers sets how many inbox events Run applies at once (default 2).
func WithWorkers(n int) Option {
	return func(e *Engine) error {
		if n < 1 {
			return fmt.Errorf("workers: need at least 1, got %d", n)
		}
		e.workers = n
		return nil
	}
}

// WithClock replaces time.Now, for tests.
func WithClock(now func() time.Time) Option {
	return func(e *Engine) error { e.now = now; return nil }
}

// New returns an engine that syncs woo and nexo through store with cfg.
func New(woo *woocommerce.Client, nexo *nexopos.Client, store mapping.Store, cfg Config, opts ...Option) (*Engine, error) {
	if woo == nil || nexo == nil || store == nil {
		return nil, errors.New("syncer: new engine: the WooCommerce client, NexoPOS client and store are required")
	}
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	host, _ := os.Hostname()
	e := &Engine{
		cfg: cfg, woo: woo, nexo: nexo, store: store,
		log:         slog.New(slog.DiscardHandler),
		worker:      host + ":" + strconv.Itoa(os.Getpid()),
		lease:       2 * time.Minute,
		maxAttempts: 8, retryBase: 2 * time.Second, retryMax: 5 * time.Minute,
		pollEvery: 30 * time.Second, reconEvery: time.Hour, workers: 2,
		now:   time.Now,
		units: map[int64]nexopos.UnitQuantity{},
	}
	for _, o := range opts {
		if err := o(e); err != nil {
			return nil, fmt.Errorf("syncer: new engine: %w", err)
		}
	}
	return e, nil
}

// Stats returns a snapshot of the engine's counters.
func (e *Engine) Stats() StatsSnapshot { return e.stats.snapshot() }

// Store returns the engine's mapping store.
func (e *Engine) Store() mapping.Store { return e.store }

func (e *Engine) backoff(attempt int) time.Duration {
	d := e.retryBase << min(attempt, 20)
	if d > e.retryMax || d <= 0 {
		d = e.retryMax
	}
	return d/2 + time.Duration(rand.Int64N(int64(d/2)+1))
}
