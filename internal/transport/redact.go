package transport

import (
	"errors"
	"net/url"
	"regexp"
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

// String returns s with every known secret replaced, and with the values of
// sensitive parameters removed wherever s repeats them by name: in a query
// string (oauth_signature=...), an OAuth or Basic/Bearer Authorization
// header, or a JSON member ("consumer_secret":"..."). The second matters for
// secrets no list can hold, such as an OAuth nonce or signature, that a
// proxy or host echoes back in an error page.
func (r *Redactor) String(s string) string {
	return redactParams(r.literals(s))
}

// Param returns the value of a parameter named name as it may be shown:
// Redacted when the name is a sensitive one (oauth_signature, token, ...),
// value with its secrets removed otherwise.
func (r *Redactor) Param(name, value string) string {
	if isSensitive(name) {
		return Redacted
	}
	return r.String(value)
}

// literals returns s with every known secret replaced.
func (r *Redactor) literals(s string) string {
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

var (
	// echoedParam is name=value as a query string or an OAuth header
	// carries it. The name must not follow a letter, digit or "_" (so
	// "key" is not found in "meta_key"), except after "u0026", a JSON
	// escaped "&". The value ends where a query string, a header or a
	// quoted string would end it; "\/" is a JSON escaped slash.
	echoedParam = regexp.MustCompile(`(?i)(^|[^a-z0-9_]|u0026)(` + paramNames + `|key)(=\\?["']?)((?:\\/|[^\s"'&,;<>\\])+)`)
	// echoedMember is "name":"value" in JSON, or in JSON inside a JSON
	// string (\"name\":\"value\"). "key" is left out: it names meta data
	// in WooCommerce bodies.
	echoedMember = regexp.MustCompile(`(?i)("` + `(?:` + paramNames + `)\\?"\s*:\s*\\?")((?:[^"\\]|\\[^"])+)`)
	// echoedAuthorization is an Authorization header with Basic or Bearer
	// credentials, as text or as a JSON member (HTTP_AUTHORIZATION).
	echoedAuthorization = regexp.MustCompile(`(?i)(authorization\\?["']?\s*[:=]\s*\\?["']?\s*(?:basic|bearer)\s+)([^\s"'\\,;<>]+)`)
)

// paramNames are the sensitive parameter names looked for in free text:
// sensitiveParams but "key".
const paramNames = `oauth_consumer_key|oauth_signature|oauth_nonce|consumer_key|consumer_secret|access_token|api_key|apikey|token|secret|signature|password`

// redactParams replaces the values of sensitive parameters repeated in s.
// The expressions only run where their form can occur.
func redactParams(s string) string {
	if strings.IndexByte(s, '=') >= 0 {
		s = echoedParam.ReplaceAllString(s, "${1}${2}${3}"+Redacted)
	}
	if strings.IndexByte(s, ':') < 0 {
		return s
	}
	if strings.IndexByte(s, '"') >= 0 {
		s = echoedMember.ReplaceAllString(s, "${1}"+Redacted)
	}
	return echoedAuthorization.ReplaceAllString(s, "${1}"+Redacted)
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
	// The sensitive query values are gone already: only the literal
	// secrets are left to find (this runs on every request).
	return r.literals(c.String())
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

// URLParseError returns the reason url.Parse failed with err, without the
// URL: a *url.Error repeats the whole URL, user info and query included, and
// some reasons repeat a piece of it (`invalid port ":cs_..." after host`).
// Those are replaced by a reason that names the part at fault only. The
// result does not wrap err, so nothing below it can reveal the URL.
func URLParseError(err error) error {
	if err == nil {
		return nil
	}
	var ue *url.Error
	if errors.As(err, &ue) && ue.Err != nil {
		err = ue.Err
	}
	var escape url.EscapeError
	var host url.InvalidHostError
	msg := err.Error()
	switch {
	case errors.As(err, &escape):
		msg = "invalid URL escape"
	case errors.As(err, &host):
		msg = "invalid character in host name"
	case strings.HasPrefix(msg, "invalid port "):
		msg = "invalid port after host"
	case strings.HasPrefix(msg, "invalid host: "):
		msg = "invalid IP address in host"
	case strings.Contains(msg, `"`):
		// A reason this function does not know that quotes a piece of
		// the URL.
		msg = "malformed URL"
	}
	return errors.New(msg)
}

// SafeURL returns the scheme, host and path of u: what of a URL that was
// refused an error message may repeat. User info, query and fragment are
// left out, whatever they hold.
func SafeURL(u *url.URL) string {
	if u == nil {
		return ""
	}
	return (&url.URL{Scheme: u.Scheme, Host: u.Host, Path: u.Path}).String()
}
