package transport

import (
	"errors"
	"net/url"
	"slices"
	"strings"
	"sync"
)

// Redacted replaces a secret wherever one would have been shown.
const Redacted = "REDACTED"

// sensitiveParams are query parameters whose values never leave the process
// in an error or log line.
var sensitiveParams = []string{
	"consumer_key", "consumer_secret", "oauth_signature", "oauth_consumer_key", "oauth_nonce",
	"token", "access_token", "api_key", "apikey", "secret", "signature", "password", "key",
}

// Redactor removes secrets from strings, URLs and errors. It knows the
// literal secrets it was given and the names of sensitive query parameters.
type Redactor struct {
	mu      sync.RWMutex
	secrets []string
}

// NewRedactor returns a Redactor for the given literal secrets (empty ones are
// ignored).
func NewRedactor(secrets ...string) *Redactor {
	r := &Redactor{}
	r.Add(secrets...)
	return r
}

// Add registers more literal secrets.
func (r *Redactor) Add(secrets ...string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	for _, s := range secrets {
		if len(s) >= 4 && !slices.Contains(r.secrets, s) {
			r.secrets = append(r.secrets, s)
			// Secrets also travel percent-encoded in query strings.
			if e := url.QueryEscape(s); e != s {
				r.secrets = append(r.secrets, e)
			}
			if e := url.PathEscape(s); e != s {
				r.secrets = append(r.secrets, e)
			}
		}
	}
	// Longest first, so a secret containing another is replaced whole.
	slices.SortFunc(r.secrets, func(a, b string) int { return len(b) - len(a) })
}

// String returns s with every known secret replaced.
func (r *Redactor) String(s string) string {
	if r == nil {
		return s
	}
	r.mu.RLock()
	defer r.mu.RUnlock()
	for _, sec := range r.secrets {
		s = strings.ReplaceAll(s, sec, Redacted)
	}
	return s
}

// URL returns u as a string with sensitive query values, user info and known
// secrets replaced.
func (r *Redactor) URL(u *url.URL) string {
	if u == nil {
		return ""
	}
	c := *u
	if c.User != nil {
		c.User = url.User(Redacted)
	}
	if c.RawQuery != "" {
		q := c.Query()
		changed := false
		for k := range q {
			if isSensitive(k) {
				q[k] = []string{Redacted}
				changed = true
			}
		}
		if changed {
			c.RawQuery = q.Encode()
		}
	}
	return r.String(c.String())
}

// URLString is URL for a raw URL string; an unparsable one is redacted whole
// of known secrets only.
func (r *Redactor) URLString(s string) string {
	u, err := url.Parse(s)
	if err != nil {
		return r.String(s)
	}
	return r.URL(u)
}

// Error returns err with secrets removed from its message. A *url.Error keeps
// its type (so errors.As and Timeout() still work) with a redacted URL; the
// chain below is kept for errors.Is.
func (r *Redactor) Error(err error) error {
	if err == nil {
		return nil
	}
	var ue *url.Error
	if errors.As(err, &ue) {
		c := *ue
		c.URL = r.URLString(ue.URL)
		if msg := r.String(c.Error()); msg != c.Error() {
			return &redactedError{msg: msg, err: ue.Err}
		}
		return &c
	}
	if msg := r.String(err.Error()); msg != err.Error() {
		return &redactedError{msg: msg, err: errors.Unwrap(err)}
	}
	return err
}

type redactedError struct {
	msg string
	err error
}

func (e *redactedError) Error() string { return e.msg }
func (e *redactedError) Unwrap() error { return e.err }

func isSensitive(name string) bool {
	n := strings.ToLower(name)
	return slices.Contains(sensitiveParams, n)
}
