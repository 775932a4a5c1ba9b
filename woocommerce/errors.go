package woocommerce

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"html"
	"net/http"
	"regexp"
	"slices"
	"strings"

	"github.com/woonexo/woonexo/internal/transport"
)

// Sentinel errors for errors.Is. An *APIError matches the sentinel of its
// HTTP status (for batch items, the status inside the item's error).
var (
	// ErrBadRequest matches 400 answers (rest_invalid_param, a duplicated
	// SKU, ...).
	ErrBadRequest = errors.New("woocommerce: bad request")
	// ErrUnauthorized matches 401: missing or wrong credentials, a bad OAuth
	// signature, or a read-only key used to write.
	ErrUnauthorized = errors.New("woocommerce: unauthorized")
	// ErrForbidden matches 403: the key's user may not do this.
	ErrForbidden = errors.New("woocommerce: forbidden")
	// ErrNotFound matches 404 and every woocommerce_rest_*_invalid_id error,
	// which WooCommerce answers with 400 on updates.
	ErrNotFound = errors.New("woocommerce: not found")
	// ErrGone matches 410, for instance woocommerce_rest_already_trashed.
	ErrGone = errors.New("woocommerce: gone")
	// ErrTooLarge matches 413, a batch over the store's item limit.
	ErrTooLarge = errors.New("woocommerce: request too large")
	// ErrRateLimited matches 429, sent by hosts and security plugins.
	ErrRateLimited = errors.New("woocommerce: rate limited")
	// ErrNotImplemented matches 501, such as
	// woocommerce_rest_trash_not_supported.
	ErrNotImplemented = errors.New("woocommerce: not implemented")
	// ErrServer matches every 5xx answer.
	ErrServer = errors.New("woocommerce: server error")
	// ErrRedirect matches a 3xx answer: the store URL is not the final
	// address (http to https, or "www"), and following it would turn a POST
	// into a GET.
	ErrRedirect = errors.New("woocommerce: redirected")
)

// maxErrorBody caps APIError.Body.
const maxErrorBody = 4 << 10

// APIError is an error answer from the store, or the error of one item of a
// batch call.
type APIError struct {
	// StatusCode is the HTTP status; for a batch item it is the status
	// inside the item's error (the call itself answered 200).
	StatusCode int
	// Code is WooCommerce's error code, such as
	// "woocommerce_rest_product_invalid_id"; empty when the answer was not
	// a WordPress error (an HTML page from a proxy, an empty 503).
	Code string
	// Message is the human-readable message.
	Message string
	// Data is the error's "data" object.
	Data ErrorData
	// Body is the raw response body, truncated to 4 KiB and redacted.
	Body []byte
}

// ErrorData is the "data" member of a WordPress REST error.
type ErrorData struct {
	// Status is the HTTP status WordPress meant.
	Status int `json:"status,omitzero"`
	// Params maps each invalid parameter to its message (rest_invalid_param).
	Params map[string]string `json:"params,omitzero"`
	// Details maps each invalid parameter to its own error
	// (rest_invalid_param).
	Details map[string]ErrorDetail `json:"details,omitzero"`
	// ResourceID is the existing resource an error refers to, e.g. the
	// product that already has a SKU (product_invalid_sku).
	ResourceID int64 `json:"resource_id,omitzero"`
	// Raw is the whole data object, for members not listed above.
	Raw json.RawMessage `json:"-"`
}

// ErrorDetail is one entry of ErrorData.Details.
type ErrorDetail struct {
	Code    string          `json:"code"`
	Message string          `json:"message"`
	Data    json.RawMessage `json:"data,omitzero"`
}

// Error returns "HTTP 404 woocommerce_rest_product_invalid_id: Invalid ID.".
func (e *APIError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "HTTP %d", e.StatusCode)
	if e.Code != "" {
		b.WriteString(" ")
		b.WriteString(e.Code)
	}
	if e.Message != "" {
		b.WriteString(": ")
		b.WriteString(e.Message)
	}
	if len(e.Data.Params) > 0 {
		keys := make([]string, 0, len(e.Data.Params))
		for k := range e.Data.Params {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		for _, k := range keys {
			fmt.Fprintf(&b, " [%s: %s]", k, e.Data.Params[k])
		}
	}
	return b.String()
}

// Is reports whether target is the sentinel for e's status (or, for
// ErrNotFound, an *_invalid_id code).
func (e *APIError) Is(target error) bool {
	s := e.StatusCode
	switch target {
	case ErrBadRequest:
		return s == http.StatusBadRequest
	case ErrUnauthorized:
		return s == http.StatusUnauthorized
	case ErrForbidden:
		return s == http.StatusForbidden
	case ErrNotFound:
		return s == http.StatusNotFound ||
			(strings.HasPrefix(e.Code, "woocommerce_rest_") && strings.HasSuffix(e.Code, "_invalid_id"))
	case ErrGone:
		return s == http.StatusGone
	case ErrTooLarge:
		return s == http.StatusRequestEntityTooLarge
	case ErrRateLimited:
		return s == http.StatusTooManyRequests
	case ErrNotImplemented:
		return s == http.StatusNotImplemented
	case ErrServer:
		return s >= 500 && s <= 599
	case ErrRedirect:
		return s >= 300 && s <= 399
	}
	return false
}

// wpError is the JSON shape of a WordPress REST error.
type wpError struct {
	Code    string          `json:"code"`
	Message string          `json:"message"`
	Data    json.RawMessage `json:"data"`
}

func (w *wpError) apiError(status int) *APIError {
	e := &APIError{StatusCode: status, Code: w.Code, Message: w.Message}
	if d := bytes.TrimSpace(w.Data); len(d) > 0 && d[0] == '{' {
		// Lenient: a plugin's odd data member must not hide the error.
		_ = json.Unmarshal(d, &e.Data)
		e.Data.Raw = append(json.RawMessage(nil), d...)
	}
	if e.StatusCode == 0 {
		e.StatusCode = e.Data.Status
	}
	return e
}

var titleRE = regexp.MustCompile(`(?is)<title[^>]*>(.*?)</title>`)

// newAPIError builds the error for a non-2xx response, whatever its body: a
// WordPress error object, an HTML page from a host or proxy, or nothing.
func (c *Client) newAPIError(resp *transport.Response) *APIError {
	body := bytes.TrimSpace(bytes.TrimPrefix(resp.Body, []byte("\xef\xbb\xbf")))
	var e *APIError
	var w wpError
	if len(body) > 0 && body[0] == '{' && json.Unmarshal(body, &w) == nil && (w.Code != "" || w.Message != "") {
		e = w.apiError(resp.StatusCode)
		e.StatusCode = resp.StatusCode
	} else {
		e = &APIError{StatusCode: resp.StatusCode, Message: describeBody(resp, body)}
	}
	if resp.StatusCode >= 300 && resp.StatusCode <= 399 {
		loc := c.redactor.URLString(resp.Header.Get("Location"))
		e.Message = fmt.Sprintf("store redirected to %q; use the final address as the store URL (following would turn a POST into a GET)", loc)
	}
	c.redact(e, body)
	return e
}

// redact removes secrets from every part of e that came from the answer
// (a store or proxy may echo the request: its query string with the
// consumer key, OAuth nonce and signature, or its Authorization header), the
// same way the nexopos client does, and sets e.Body from body. The body is
// redacted before it is cut, so that a secret across the cut is not left
// half shown.
func (c *Client) redact(e *APIError, body []byte) {
	r := c.redactor
	e.Code = r.String(e.Code)
	e.Message = r.String(e.Message)
	for k, v := range e.Data.Params {
		e.Data.Params[k] = r.Param(k, v)
	}
	for k, d := range e.Data.Details {
		d.Message = r.Param(k, d.Message)
		d.Data = redactJSON(r, d.Data)
		e.Data.Details[k] = d
	}
	e.Data.Raw = redactJSON(r, e.Data.Raw)
	// The margin holds any secret that crosses maxErrorBody.
	if len(body) > maxErrorBody+maxErrorBody/4 {
		body = body[:maxErrorBody+maxErrorBody/4]
	}
	body = []byte(r.String(string(body)))
	if len(body) > maxErrorBody {
		body = body[:maxErrorBody]
	}
	e.Body = body
}

// redactJSON redacts raw as text. Secrets are replaced inside JSON strings,
// so the result stays valid JSON; should it not, it is dropped rather than
// kept broken.
func redactJSON(r *transport.Redactor, raw json.RawMessage) json.RawMessage {
	if len(raw) == 0 {
		return raw
	}
	out := json.RawMessage(r.String(string(raw)))
	if !json.Valid(out) {
		return nil
	}
	return out
}

// describeBody summarizes a body that is not a WordPress error.
func describeBody(resp *transport.Response, body []byte) string {
	status := http.StatusText(resp.StatusCode)
	if status == "" {
		status = "unknown status"
	}
	if len(body) == 0 {
		return status + " (empty body)"
	}
	ct := contentType(resp.Header)
	if m := titleRE.FindSubmatch(body); m != nil {
		t := strings.Join(strings.Fields(html.UnescapeString(string(m[1]))), " ")
		if len(t) > 120 {
			t = t[:120] + "..."
		}
		return fmt.Sprintf("%s (%s page %q, not a WooCommerce answer)", status, orUnknown(ct), t)
	}
	return fmt.Sprintf("%s (%s body, not a WooCommerce answer)", status, orUnknown(ct))
}

func orUnknown(s string) string {
	if s == "" {
		return "untyped"
	}
	return s
}
