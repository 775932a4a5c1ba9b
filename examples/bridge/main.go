package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, os.Args[1:], os.Getenv, os.Stdout)
	stop()
	if err != nil {
		fmt.Fprintln(os.Stderr, "bridge:", err)
		os.Exit(1)
	}
}

// run parses the configuration from args and getenv, logs to stdout, and
// runs the bridge until ctx ends.
func run(ctx context.Context, args []string, getenv func(string) string, stdout io.Writer) error {
	cfg, err := parseConfig(args, getenv, stdout)
	if errors.Is(err, flag.ErrHelp) {
		return nil
	}
	if err != nil {
		return err
	}
	log := slog.New(slog.NewTextHandler(stdout, &slog.HandlerOptions{Level: cfg.LogLevel}))
	log.Info("starting",
		"store_url", cfg.StoreURL, "nexopos_url", cfg.NexoURL, "nexopos_version", cfg.NexoVersion.String(),
		"mapping_store", storeBackend(cfg.StoreDSN), "listen", cfg.Listen, "delivery_url", cfg.DeliveryURL,
		"poll", cfg.Poll, "reconcile", cfg.Reconcile)

	ln, err := net.Listen("tcp", cfg.Listen)
	if err != nil {
		return err
	}
	b, err := newBridge(ctx, cfg, log)
	if err != nil {
		return errors.Join(err, ln.Close())
	}
	return b.serve(ctx, ln)
}
