package nexopos

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"regexp"
	"sort"
	"strings"

	"github.com/woonexo/woonexo/internal/transport"
)

// Sentinel errors, matched with errors.Is against any error this package
// returns for a server answer.
var (
	// ErrNotFound: the record does not exist (404, NexoPOS's 500 "Unable to
	// find the product", Laravel's "No query results for model").
	ErrNotFound = errors.New("nexopos: not found")
	// ErrUnauthorized: no token, a wrong or deleted token (401), or a
	// redirect to the login page.
	ErrUnauthorized = errors.New("nexopos: unauthorized")
	// ErrForbidden: NexoPOS refused the operation (403: missing permission,
	// a business rule such as paying a paid order or a stock going below
	// zero).
	ErrForbidden = errors.New("nexopos: forbidden")
	// ErrValidation: the request was not valid. From the server: a 422,
	// or one of the refusals production NexoPOS sends as HTTP 500 because
	// of what the request carried (Laravel's validation messages, "The
	// provided SKU … is already in use.", "The category to which the
	// product is attached doesn't exists or has been deleted"); the error
	// is then an *APIError with the server's message. From the client: an
	// input it refuses before sending anything (a required field left
	// empty, an id that is not positive, a list option NexoPOS would
	// misread); that error is not an *APIError, as no answer was had.
	ErrValidation = errors.New("nexopos: validation failed")
	// ErrRateLimited: the server throttled the request (429, or production
	// NexoPOS's 500 "Too Many Attempts.") and retries did not get through.
	ErrRateLimited = errors.New("nexopos: rate limited")
)

// maxErrorBody caps how much of a response body an APIError keeps.
const maxErrorBody = 2 << 10

// APIError is an answer from NexoPOS that is not a success.
type APIError struct {
	// StatusCode is the HTTP status (500 for most failures of a production
	// NexoPOS, whatever their cause).
	StatusCode int
	// Status is NexoPOS's JSON "status" ("error"), empty when absent.
	Status string
	// Message is NexoPOS's message, or a short description when the body
	// has none (an HTML page).
	Message string
	// Errors holds validation messages by field, where the server sent
	// them (422 answers); nil otherwise.
	Errors map[string][]string
	// Body is the start of the response body, for diagnosis.
	Body string

	kind error
}

// Error describes the failure with its HTTP status and message.
func (e *APIError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "HTTP %d", e.StatusCode)
	if e.Message != "" {
		b.WriteString(": ")
		b.WriteString(e.Message)
	}
	if len(e.Errors) > 0 {
		keys := make([]string, 0, len(e.Errors))
		for k := range e.Errors {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		b.WriteString(" (")
		for i, k := range keys {
			if i > 0 {
				b.WriteString("; ")
			}
			fmt.Fprintf(&b, "%s: %s", k, strings.Join(e.Errors[k], ", "))
		}
		b.WriteString(")")
	}
	return b.String()
}

// Is reports whether the error is of the kind target names (ErrNotFound,
// ErrUnauthorized, ...).
func (e *APIError) Is(target error) bool { return e.kind != nil && target == e.kind }

// Kind returns the sentinel the error matches, or nil when it matches none
// (a server failure).
func (e *APIError) Kind() error { return e.kind }

// errorBody is every shape of NexoPOS error body.
type errorBody struct {
	Status  string          `json:"status"`
	Message string          `json:"message"`
	Errors  json.RawMessage `json:"errors"`
	Data    json.RawMessage `json:"data"`
}

// checkResponse returns nil when the answer is a success, an *APIError
// otherwise. Success needs a 2xx status and no JSON "status":"error".
func checkResponse(status int, h http.Header, body []byte) *APIError {
	trimmed := bytes.TrimSpace(body)
	var eb errorBody
	isJSONObject := len(trimmed) > 0 && trimmed[0] == '{' && json.Unmarshal(trimmed, &eb) == nil
	if status >= 200 && status < 300 {
		if !isJSONObject || !strings.EqualFold(eb.Status, "error") {
			return nil
		}
	}
	e := &APIError{StatusCode: status, Body: truncateBody(trimmed)}
	if isJSONObject {
		e.Status, e.Message = eb.Status, strings.TrimSpace(eb.Message)
		e.Errors = validationErrors(eb.Errors)
		if e.Errors == nil && len(eb.Data) > 0 {
			var d struct {
				Errors json.RawMessage `json:"errors"`
			}
			if json.Unmarshal(eb.Data, &d) == nil {
				e.Errors = validationErrors(d.Errors)
			}
		}
	} else if len(trimmed) > 0 && trimmed[0] == '<' {
		e.Message = htmlMessage(trimmed)
	}
	if e.Message == "" {
		e.Message = http.StatusText(status)
	}
	e.kind = classify(status, h, e)
	return e
}

var (
	// Laravel validation messages, sent by production NexoPOS as HTTP 500.
	validationMessage = regexp.MustCompile(`(?i)^the .+ (field is required|field must|must be|must not|may not|is required|is invalid|is not valid|provided is not valid|has already been taken|field is missing)|\(and \d+ more errors?\)$`)
	// SQL errors caused by the data sent: a NOT NULL column left empty, a
	// missing field without default, an ambiguous column in queryFilters.
	sqlInputError = regexp.MustCompile(`SQLSTATE\[23000\]|General error: 1364 |Unknown column `)
	// Refusals of ProductService (app/Services/ProductService.php) caused
	// by the data sent, answered as HTTP 500: a SKU or barcode another
	// product has, and a category_id that names no category. The latter is
	// not ErrNotFound: the product written may well exist.
	inputRefused = regexp.MustCompile(`(?i)^the provided (sku|barcode)\b.* is already in use\.?$|^a variation within the product has a (sku|barcode) which is already in use\b|^the category to which the product is attached doesn't exists? or has been deleted`)
	// NexoPOS's not-found answers sent as HTTP 500.
	notFoundMessage = regexp.MustCompile(`(?i)^unable to find the product|^no query results for model|doesn't have any match`)
	// NexoPOS answers a refused delete with 404.
	refusedMessage = regexp.MustCompile(`(?i)^can't delete|^unable to delete`)
)

func classify(status int, h http.Header, e *APIError) error {
	msg := e.Message
	switch {
	case status == http.StatusUnauthorized:
		return ErrUnauthorized
	case status >= 300 && status < 400:
		loc := strings.ToLower(h.Get("Location"))
		if strings.Contains(loc, "sign-in") || strings.Contains(loc, "login") {
			return ErrUnauthorized
		}
		return nil
	case status == http.StatusTooManyRequests || strings.EqualFold(msg, "Too Many Attempts."):
		return ErrRateLimited
	case status == http.StatusForbidden:
		return ErrForbidden
	case status == http.StatusNotFound:
		if refusedMessage.MatchString(msg) {
			return ErrForbidden
		}
		return ErrNotFound
	case status == http.StatusUnprocessableEntity || len(e.Errors) > 0:
		return ErrValidation
	case msg == "Unauthenticated.":
		return ErrUnauthorized
	case notFoundMessage.MatchString(msg):
		return ErrNotFound
	case validationMessage.MatchString(msg), sqlInputError.MatchString(msg), inputRefused.MatchString(msg):
		return ErrValidation
	}
	return nil
}

// validationErrors decodes {"field":["message",...]} (or single strings).
func validationErrors(raw json.RawMessage) map[string][]string {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || raw[0] != '{' {
		return nil
	}
	var m map[string]json.RawMessage
	if json.Unmarshal(raw, &m) != nil || len(m) == 0 {
		return nil
	}
	out := make(map[string][]string, len(m))
	for k, v := range m {
		var list []string
		if json.Unmarshal(v, &list) != nil {
			var s string
			if json.Unmarshal(v, &s) != nil {
				continue
			}
			list = []string{s}
		}
		out[k] = list
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

var (
	htmlTitle = regexp.MustCompile(`(?is)<title>\s*(.*?)\s*</title>`)
	htmlPara  = regexp.MustCompile(`(?is)<p[^>]*>\s*([^<]{1,300}?)\s*</p>`)
)

// htmlMessage pulls a message out of an HTML error page (what NexoPOS sends
// when Accept: application/json was lost on the way).
func htmlMessage(b []byte) string {
	msg := "HTML page instead of JSON"
	if m := htmlTitle.FindSubmatch(b); m != nil {
		msg += ": " + string(m[1])
	}
	for _, m := range htmlPara.FindAllSubmatch(b, -1) {
		p := strings.TrimSpace(string(m[1]))
		if p != "" {
			msg += ": " + p
		}
	}
	return msg
}

func truncateBody(b []byte) string {
	if len(b) > maxErrorBody {
		return string(b[:maxErrorBody]) + "..."
	}
	return string(b)
}

// isThrottleMessage reports whether an error body is Laravel's throttle
// message.
func isThrottleMessage(b []byte) bool {
	var eb errorBody
	if json.Unmarshal(bytes.TrimSpace(b), &eb) != nil {
		return bytes.Contains(b, []byte(`"Too Many Attempts."`))
	}
	return strings.EqualFold(strings.TrimSpace(eb.Message), "Too Many Attempts.")
}

// inputError is an input the client refuses before sending a request. It
// matches ErrValidation, like the server's own refusal of it would.
type inputError struct{ err error }

// invalid marks err, a check of the caller's input, as an inputError; nil
// stays nil.
func invalid(err error) error {
	if err == nil {
		return nil
	}
	return &inputError{err: err}
}

func (e *inputError) Error() string        { return e.err.Error() }
func (e *inputError) Unwrap() error        { return e.err }
func (e *inputError) Is(target error) bool { return target == ErrValidation }

// wrap prefixes err with the package name and the operation.
func wrap(op string, err error) error {
	if err == nil {
		return nil
	}
	return fmt.Errorf("nexopos: %s: %w", op, err)
}

// retryStatus is transport.DefaultRetryStatus plus production NexoPOS's
// throttle answer (HTTP 500 "Too Many Attempts.").
func retryStatus(status int, h http.Header, body []byte) bool {
	return transport.DefaultRetryStatus(status, h, body) || throttled(status, h, body)
}

// throttled reports whether NexoPOS refused a request for its rate limit
// without running it: a 429, or in production mode a 500 "Too Many
// Attempts." with no Retry-After (the transport then waits
// WithThrottleWait).
func throttled(status int, _ http.Header, body []byte) bool {
	return status == http.StatusTooManyRequests || status == http.StatusInternalServerError && isThrottleMessage(body)
}
