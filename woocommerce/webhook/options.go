package webhook

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/url"
	"strings"
	"time"
)

// HandlerOption configures a [Handler]; pass options to [NewHandler], which
// reports invalid ones.
type HandlerOption func(*Handler) error

// WithSecrets adds secrets the Handler accepts besides the one given to
// [NewHandler]. Use it while rotating a webhook's secret: accept the old and
// the new one until every webhook in the store uses the new one.
func WithSecrets(secrets ...string) HandlerOption {
	return func(h *Handler) error {
		for _, s := range secrets {
			if s == "" {
				return errors.New("WithSecrets: empty secret")
			}
			h.secrets = append(h.secrets, s)
		}
		return nil
	}
}

// WithMaxBodyBytes sets the largest body the Handler reads; a longer one is
// answered 413. The default is [DefaultMaxBodyBytes]. Keep it at or below
// what the functions can store: the handler of
// [github.com/woonexo/woonexo/syncer.Engine.WebhookHandler] refuses a limit
// above its inbox's.
func WithMaxBodyBytes(n int64) HandlerOption {
	return func(h *Handler) error {
		if n <= 0 {
			return fmt.Errorf("WithMaxBodyBytes: %d is not positive", n)
		}
		h.maxBody = n
		return nil
	}
}

// WithStoreURL makes the Handler refuse (403) a delivery whose
// X-WC-Webhook-Source is not the store at storeURL. Only the host is
// compared, case-insensitively, with default ports dropped: WooCommerce
// reports the scheme and host of the request that caused the event, so the
// same store appears as http:// and https://, and the path of a store
// installed in a subfolder is ignored.
//
// The header is not signed, so this check catches a webhook pointed at the
// wrong receiver (another store sharing the secret), not an attacker.
func WithStoreURL(storeURL string) HandlerOption {
	return func(h *Handler) error {
		host, err := storeHost(storeURL)
		if err != nil {
			return fmt.Errorf("WithStoreURL: %w", err)
		}
		h.storeHost = host
		return nil
	}
}

// WithDeduper replaces the in-memory de-duplication with d, typically a
// mapping store shared by several replicas. If d also implements
// [Unmarker], a failed delivery is unmarked in d; otherwise failed keys are
// remembered in this process (see [Handler]).
func WithDeduper(d Deduper) HandlerOption {
	return func(h *Handler) error {
		if d == nil {
			return errors.New("WithDeduper: nil Deduper (use WithoutDedupe to turn de-duplication off)")
		}
		h.dedupe = d
		return nil
	}
}

// WithoutDedupe turns de-duplication off: every verified delivery is
// dispatched, duplicates included.
func WithoutDedupe() HandlerOption {
	return func(h *Handler) error {
		h.dedupe = nil
		h.noDedupe = true
		return nil
	}
}

// WithDedupeTTL sets how long a delivery is remembered; the default is
// [DefaultDedupeTTL].
func WithDedupeTTL(ttl time.Duration) HandlerOption {
	return func(h *Handler) error {
		if ttl <= 0 {
			return fmt.Errorf("WithDedupeTTL: %v is not positive", ttl)
		}
		h.ttl = ttl
		return nil
	}
}

// FailureFunc receives a verified event whose function returned err (or
// panicked). It should hand the event to something that retries it, a
// durable queue for instance, and return nil once it has; an error from it
// means the event could not be handed over.
type FailureFunc func(ctx context.Context, e *Event, err error) error

// WithFailureHandoff switches the Handler to accept failures: when a
// function fails, fn receives the event and, if fn returns nil, WooCommerce
// is answered 200 and the delivery stays marked as seen. WooCommerce never
// retries a delivery and disables a webhook after more than five failures in
// a row, so answering 500 only helps if someone reads the store's webhook
// log; this mode keeps the webhook alive and the event in your hands. If fn
// returns an error too, the Handler answers 500 as without this option.
func WithFailureHandoff(fn FailureFunc) HandlerOption {
	return func(h *Handler) error {
		if fn == nil {
			return errors.New("WithFailureHandoff: nil function")
		}
		h.handoff = fn
		return nil
	}
}

// WithLogger makes the Handler log what it does with each request: rejected
// requests at Warn, failed functions at Error, pings, duplicates and
// dispatched events at Info and Debug. Log records carry the topic, the
// webhook and delivery ids and the remote address, never a secret, a
// signature or the body (which holds personal data). By default the Handler
// does not log.
func WithLogger(l *slog.Logger) HandlerOption {
	return func(h *Handler) error {
		if l == nil {
			l = slog.New(slog.DiscardHandler)
		}
		h.log = l
		return nil
	}
}

// WithDispatchTimeout bounds how long a function may run; the default is
// [DefaultDispatchTimeout] and 0 means no bound. The function's context is
// not cancelled when WooCommerce hangs up (it waits a minute at most): a
// function that is writing the event somewhere durable is let finish.
func WithDispatchTimeout(d time.Duration) HandlerOption {
	return func(h *Handler) error {
		if d < 0 {
			return fmt.Errorf("WithDispatchTimeout: %v is negative", d)
		}
		h.timeout = d
		return nil
	}
}

// storeHost returns the comparable host of a store URL: lower-case host
// name, plus the port unless it is a default one (80, 443).
func storeHost(raw string) (string, error) {
	raw = strings.TrimSpace(raw)
	if raw == "" {
		return "", errors.New("empty store URL")
	}
	if !strings.Contains(raw, "://") {
		raw = "https://" + raw
	}
	u, err := url.Parse(raw)
	if err != nil {
		return "", fmt.Errorf("invalid store URL %q", clip(raw))
	}
	if u.Hostname() == "" {
		return "", fmt.Errorf("store URL %q has no host", clip(raw))
	}
	host := strings.TrimSuffix(strings.ToLower(u.Hostname()), ".")
	if p := u.Port(); p != "" && p != "80" && p != "443" {
		return host + ":" + p, nil
	}
	return host, nil
}
