package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"net/http"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"github.com/woonexo/woonexo/woocommerce/webhook"
)

func main() {
	log := slog.New(slog.NewTextHandler(os.Stderr, nil))
	if err := run(log, os.Args[1:]); err != nil {
		log.Error("webhook-receiver stopped", "error", err)
		os.Exit(1)
	}
}

func run(log *slog.Logger, args []string) error {
	fs := flag.NewFlagSet("webhook-receiver", flag.ContinueOnError)
	addr := fs.String("addr", envOr("WOONEXO_WEBHOOK_ADDR", ":8080"), "listen address (env WOONEXO_WEBHOOK_ADDR)")
	path := fs.String("path", "/webhook", "path the store delivers to")
	secretFile := fs.String("secret-file", "", "file holding the webhook secret (default: env WOONEXO_WEBHOOK_SECRET)")
	store := fs.String("store", os.Getenv("WOONEXO_STORE_URL"), "refuse deliveries from any other store, e.g. https://shop.example (env WOONEXO_STORE_URL)")
	if err := fs.Parse(args); err != nil {
		return err
	}

	secret, err := readSecret(*secretFile)
	if err != nil {
		return err
	}
	opts := []webhook.HandlerOption{webhook.WithLogger(log)}
	if *store != "" {
		opts = append(opts, webhook.WithStoreURL(*store))
	}
	h, err := webhook.NewHandler(secret, opts...)
	if err != nil {
		return err
	}
	h.OnAny(func(ctx context.Context, e *webhook.Event) error {
		attrs := []any{
			"topic", e.Topic, "id", e.ID, "webhook_id", e.WebhookID,
			"delivery_id", e.DeliveryID, "source", e.Source, "bytes", len(e.Body),
		}
		if e.IsVariation() {
			attrs = append(attrs, "parent_id", e.ParentID())
		}
		if name, arg, err := e.Action(); err == nil {
			attrs = append(attrs, "action", name, "arg", string(arg))
		}
		log.InfoContext(ctx, "webhook event", attrs...)
		return nil
	})

	if !strings.HasPrefix(*path, "/") {
		return fmt.Errorf("-path %q must start with /", *path)
	}
	mux := http.NewServeMux()
	mux.Handle(*path, h) // every method: the Handler answers 405 to all but POST
	srv := &http.Server{
		Addr:              *addr,
		Handler:           mux,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       time.Minute,
		IdleTimeout:       2 * time.Minute,
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
	}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	errc := make(chan error, 1)
	go func() {
		log.Info("listening", "addr", *addr, "path", *path, "store_check", *store != "")
		errc <- srv.ListenAndServe()
	}()

	select {
	case err := <-errc:
		return fmt.Errorf("listen on %s: %w", *addr, err)
	case <-ctx.Done():
	}
	log.Info("shutting down")
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdownCtx); err != nil {
		return fmt.Errorf("shut down: %w", err)
	}
	if err := <-errc; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// readSecret reads the webhook secret from file, or from the environment.
func readSecret(file string) (string, error) {
	if file != "" {
		b, err := os.ReadFile(file)
		if err != nil {
			return "", fmt.Errorf("read secret file: %w", err)
		}
		if s := strings.TrimSpace(string(b)); s != "" {
			return s, nil
		}
		return "", fmt.Errorf("secret file %s is empty", file)
	}
	if s := os.Getenv("WOONEXO_WEBHOOK_SECRET"); s != "" {
		return s, nil
	}
	return "", errors.New("no webhook secret: set WOONEXO_WEBHOOK_SECRET or -secret-file")
}

func envOr(name, def string) string {
	if v := os.Getenv(name); v != "" {
		return v
	}
	return def
}
