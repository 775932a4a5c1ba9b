package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"sync"
	"time"

	"golang.org/x/time/rate"

	"github.com/woonexo/woonexo/mapping"
	"github.com/woonexo/woonexo/nexopos"
	"github.com/woonexo/woonexo/syncer"
	"github.com/woonexo/woonexo/woocommerce"
	"github.com/woonexo/woonexo/woocommerce/webhook"
)

// bridge is the running service: the two clients, the mapping store, the
// engine and the HTTP routes.
type bridge struct {
	cfg    config
	log    *slog.Logger
	store  mapping.Store
	engine *syncer.Engine
	mux    *http.ServeMux
}

// newBridge builds the clients, opens the mapping store (creating or
// migrating its schema) and builds the engine. Nothing runs until serve.
func newBridge(ctx context.Context, cfg config, log *slog.Logger) (*bridge, error) {
	woo, err := woocommerce.NewClient(cfg.StoreURL,
		woocommerce.WithCredentials(cfg.ConsumerKey, cfg.ConsumerSecret),
		woocommerce.WithTimeout(cfg.HTTPTimeout),
		woocommerce.WithLogger(log.With("api", "woocommerce")))
	if err != nil {
		return nil, err
	}
	nexoOpts := []nexopos.Option{
		nexopos.WithToken(cfg.NexoToken),
		nexopos.WithVersion(cfg.NexoVersion),
		nexopos.WithTimeout(cfg.HTTPTimeout),
		nexopos.WithLogger(log.With("api", "nexopos")),
	}
	if cfg.NexoRateEvery > 0 {
		nexoOpts = append(nexoOpts, nexopos.WithRateLimit(rate.Every(cfg.NexoRateEvery), cfg.NexoBurst))
	}
	nexo, err := nexopos.NewClient(cfg.NexoURL, nexoOpts...)
	if err != nil {
		return nil, err
	}

	store, err := mapping.Open(ctx, cfg.StoreDSN)
	if err != nil {
		return nil, err
	}
	b := &bridge{cfg: cfg, log: log, store: store, mux: http.NewServeMux()}
	b.engine, err = syncer.New(woo, nexo, store, cfg.Sync,
		syncer.WithLogger(log),
		syncer.WithSchedule(cfg.Poll, cfg.Reconcile),
		syncer.WithWorkers(cfg.Workers))
	if err != nil {
		return nil, errors.Join(err, store.Close())
	}
	var hookOpts []webhook.HandlerOption
	if cfg.CheckSource {
		hookOpts = append(hookOpts, webhook.WithStoreURL(cfg.StoreURL))
	}
	hook, err := b.engine.WebhookHandler(cfg.WebhookSecret, hookOpts...)
	if err != nil {
		return nil, errors.Join(err, store.Close())
	}
	b.mux.Handle(webhookPath, hook) // the handler answers 405 to all but POST
	b.mux.HandleFunc("GET /healthz", b.healthz)
	return b, nil
}

// serve answers HTTP on ln, sets up the store's webhooks when a delivery
// URL is configured, and runs the engine, until ctx ends or the server
// fails. It then stops accepting requests and waits for those in flight,
// stops the engine and waits for it, and closes the store, all within the
// shutdown timeout. serve owns ln and the store.
func (b *bridge) serve(ctx context.Context, ln net.Listener) (err error) {
	defer func() {
		if cerr := b.store.Close(); cerr != nil {
			err = errors.Join(err, fmt.Errorf("close store: %w", cerr))
		}
	}()
	srv := &http.Server{
		Handler:           b.mux,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       time.Minute,
		IdleTimeout:       2 * time.Minute,
		ErrorLog:          slog.NewLogLogger(b.log.Handler(), slog.LevelWarn),
	}
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	b.log.Info("listening", "addr", ln.Addr().String(), "webhook_path", webhookPath)

	runCtx, stopRun := context.WithCancel(context.WithoutCancel(ctx))
	defer stopRun()
	var engineDone sync.WaitGroup
	// The engine's Run checks the defaults too; checking here first makes
	// a configuration NexoPOS cannot honour stop the bridge with its cause.
	if err = b.engine.CheckDefaults(ctx); err != nil {
		if ctx.Err() != nil {
			err = nil // stopped while checking: shut down as usual
		} else {
			err = fmt.Errorf("check NexoPOS defaults: %w", err)
		}
	}
	if err == nil && ctx.Err() == nil && b.cfg.DeliveryURL != "" {
		// The store pings the delivery URL when it creates a webhook, so
		// the server is already answering.
		if err = b.engine.EnsureWebhooks(ctx, b.cfg.DeliveryURL, b.cfg.WebhookSecret); err != nil {
			err = fmt.Errorf("set up webhooks: %w", err)
		} else {
			b.log.Info("webhooks ready", "delivery_url", b.cfg.DeliveryURL, "topics", len(syncer.WebhookTopics))
		}
	}
	if err == nil {
		engineDone.Go(func() { _ = b.engine.Run(runCtx) })
		select {
		case <-ctx.Done():
			b.log.Info("shutting down")
		case serr := <-served:
			err = fmt.Errorf("http server: %w", serr)
			served <- nil
		}
	}

	shutdownCtx, cancel := context.WithTimeout(context.WithoutCancel(ctx), b.cfg.ShutdownTimeout)
	defer cancel()
	// 1. Stop accepting; let webhook deliveries in flight reach the inbox.
	if serr := srv.Shutdown(shutdownCtx); serr != nil {
		err = errors.Join(err, fmt.Errorf("http shutdown: %w", serr))
	}
	if serr := <-served; serr != nil && !errors.Is(serr, http.ErrServerClosed) {
		err = errors.Join(err, fmt.Errorf("http server: %w", serr))
	}
	// 2. Stop the engine and wait for it. What it was applying is left in
	// the inbox (or found again by the next poll or reconcile).
	stopRun()
	stopped := make(chan struct{})
	go func() { engineDone.Wait(); close(stopped) }()
	select {
	case <-stopped:
	case <-shutdownCtx.Done():
		err = errors.Join(err, errors.New("engine did not stop within the shutdown timeout"))
	}
	// 3. The deferred Close closes the store.
	b.log.Info("stopped")
	return err
}

// health is the body of GET /healthz.
type health struct {
	Status string `json:"status"`
	// Stuck counts the inbox events that failed for good or were tried at
	// least StuckAfter times.
	Stuck  int               `json:"stuck"`
	Counts map[string]counts `json:"counts"`
	// LastReconcile is when the last full reconcile ended (RFC 3339), and
	// how many records failed in it; empty before the first one.
	LastReconcile       string `json:"last_reconcile,omitempty"`
	LastReconcileErrors int    `json:"last_reconcile_errors"`
	Error               string `json:"error,omitempty"`
}

// counts are the engine's counters for one kind.
type counts struct {
	Synced  int64 `json:"synced"`
	Skipped int64 `json:"skipped"`
	Failed  int64 `json:"failed"`
	Retried int64 `json:"retried"`
}

// healthz answers 200 with the engine's counters and the number of stuck
// inbox events, or 503 when the mapping store cannot be read.
func (b *bridge) healthz(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), 5*time.Second)
	defer cancel()
	h := health{Status: "ok", Counts: map[string]counts{}}
	status := http.StatusOK
	for _, err := range b.engine.Stuck(ctx, b.cfg.StuckAfter) {
		if err != nil {
			b.log.WarnContext(ctx, "healthz: list stuck events", "error", err)
			h.Status, h.Error, status = "error", "mapping store unavailable", http.StatusServiceUnavailable
			break
		}
		h.Stuck++
	}
	if lr := b.engine.LastReconcile(); !lr.At.IsZero() {
		h.LastReconcile, h.LastReconcileErrors = lr.At.Format(time.RFC3339), lr.Errors
	}
	for k, c := range b.engine.Stats() {
		h.Counts[string(k)] = counts{Synced: c.Synced, Skipped: c.Skipped, Failed: c.Failed, Retried: c.Retried}
	}
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(h)
}
