package webhook

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
)

// Headers WooCommerce sets on every delivery (class-wc-webhook.php, deliver).
// None of them is covered by the signature.
const (
	HeaderSource     = "X-WC-Webhook-Source"      // the store's home URL, e.g. "https://shop.example/"
	HeaderTopic      = "X-WC-Webhook-Topic"       // e.g. "product.updated"
	HeaderResource   = "X-WC-Webhook-Resource"    // e.g. "product"
	HeaderEvent      = "X-WC-Webhook-Event"       // e.g. "updated"
	HeaderSignature  = "X-WC-Webhook-Signature"   // base64 HMAC-SHA256 of the body
	HeaderWebhookID  = "X-WC-Webhook-ID"          // the webhook's id in the store
	HeaderDeliveryID = "X-WC-Webhook-Delivery-ID" // a hash of webhook id and time, one-second resolution
)

// headerPrefix is what every WooCommerce webhook header starts with, in Go's
// canonical form.
const headerPrefix = "X-Wc-Webhook-"

// The topics WooCommerce offers (wc_is_webhook_valid_topic). Action topics
// are "action." followed by the name of a WordPress action starting with
// woocommerce_ or wc_, e.g. "action.woocommerce_variation_set_stock".
const (
	TopicCouponCreated   = "coupon.created"
	TopicCouponUpdated   = "coupon.updated"
	TopicCouponDeleted   = "coupon.deleted"
	TopicCouponRestored  = "coupon.restored"
	TopicCustomerCreated = "customer.created"
	TopicCustomerUpdated = "customer.updated"
	TopicCustomerDeleted = "customer.deleted"
	TopicOrderCreated    = "order.created"
	TopicOrderUpdated    = "order.updated"
	TopicOrderDeleted    = "order.deleted"
	TopicOrderRestored   = "order.restored"
	TopicProductCreated  = "product.created"
	TopicProductUpdated  = "product.updated"
	TopicProductDeleted  = "product.deleted"
	TopicProductRestored = "product.restored"
	// TopicProductPublished fires when a product's status becomes publish.
	TopicProductPublished = "product.published"
)

// Resources named by the first part of a topic.
const (
	ResourceCoupon   = "coupon"
	ResourceCustomer = "customer"
	ResourceOrder    = "order"
	ResourceProduct  = "product"
	// ResourceAction is the resource of action.* topics.
	ResourceAction = "action"
)

// EventDeleted is the event of *.deleted topics, whose payload is only
// {"id": N}. For products, coupons and orders it means the record was moved
// to the trash, not that it is gone.
const EventDeleted = "deleted"

// DefaultMaxBodyBytes is the largest body [Parse] and the [Handler] read
// unless told otherwise: 8 MiB, well above the largest order a store sends.
// It is the limit of the handler that
// [github.com/woonexo/woonexo/syncer.Engine.WebhookHandler] builds too
// ([github.com/woonexo/woonexo/syncer.MaxWebhookBodyBytes]): the largest body
// its inbox keeps, so a delivery that handler reads is never refused after.
const DefaultMaxBodyBytes int64 = 8 << 20

// Errors returned by [Parse] and [ParseHeaders]; test for them with errors.Is.
var (
	// ErrPing means the request is the ping WooCommerce sends when a webhook
	// is created or re-activated. It carries no event; answer it 200.
	ErrPing = errors.New("webhook: the request is a ping, not an event")

	// ErrMalformed means the request is not a well-formed delivery: a
	// required header is missing or invalid, or the body is not JSON.
	ErrMalformed = errors.New("webhook: malformed delivery")

	// ErrBodyTooLarge means the body is longer than the limit. A
	// [HandlerFunc] returns an error wrapping it to say that it cannot keep
	// an event that large; the [Handler] answers such an error 413.
	ErrBodyTooLarge = errors.New("webhook: body too large")
)

// Event is one webhook delivery: its headers and its raw body.
//
// Body holds the exact bytes WooCommerce signed. The typed accessors
// ([Event.Product], [Event.Order], ...) decode it on each call; the event
// itself is never modified after [Parse] returns, so it may be shared
// between goroutines.
type Event struct {
	// Topic is the X-WC-Webhook-Topic header, e.g. "product.updated" or
	// "action.woocommerce_variation_set_stock".
	Topic string
	// Resource is the X-WC-Webhook-Resource header ("product", "order",
	// "customer", "coupon", "action", ...), or the part of Topic before the
	// first dot if the header is absent.
	Resource string
	// Event is the X-WC-Webhook-Event header ("created", "updated",
	// "deleted", "restored", "published", or an action's hook name), or the
	// part of Topic after the first dot if the header is absent.
	Event string
	// WebhookID is the id of the webhook in the store (X-WC-Webhook-ID).
	WebhookID int64
	// DeliveryID is the X-WC-Webhook-Delivery-ID header. WooCommerce derives
	// it from the webhook id and the current second, so two deliveries in
	// the same second share it: it does not identify an event.
	DeliveryID string
	// Source is the X-WC-Webhook-Source header: the store's home URL as the
	// store saw it for the request that caused the event. The same store can
	// appear as http:// and https://.
	Source string
	// Signature is the X-WC-Webhook-Signature header; see [Event.Verify].
	Signature string
	// ID is the "id" of the record in the payload, for logging and routing;
	// 0 if the payload has none (action topics, unknown shapes).
	ID int64
	// Body is the raw JSON payload exactly as received.
	Body []byte

	// From a single decoding pass in ParseHeaders; see envelope.
	payloadType   string
	payloadParent int64
	action        string
	actionArg     json.RawMessage
	hasAction     bool
}

// Verify checks the event's signature against secrets; see [Verify].
func (e *Event) Verify(secrets ...string) error {
	return Verify(e.Body, e.Signature, secrets...)
}

// IsVariation reports whether the payload is a product variation: WooCommerce
// sends product.created, product.updated, product.deleted (as an id only) and
// product.restored for variations too, with "type": "variation" and
// "parent_id" set. Decode such a payload with [Event.Variation].
func (e *Event) IsVariation() bool {
	return e.Resource == ResourceProduct && e.payloadType == "variation"
}

// ParentID returns the "parent_id" of a product or variation payload: the
// variable product a variation belongs to, 0 for a product without parent.
func (e *Event) ParentID() int64 { return e.payloadParent }

// IsPing reports whether a request with header h and body is the ping
// WooCommerce sends when a webhook is created (class-wc-webhook.php,
// deliver_ping): a form body "webhook_id=N" and no X-WC-Webhook-* header at
// all. It returns the webhook id N.
//
// A request that carries any X-WC-Webhook-* header (a signature in
// particular) is never a ping, so a forged delivery cannot be passed off as
// one; and a ping has no topic, so it cannot carry an event.
func IsPing(h http.Header, body []byte) (webhookID int64, ok bool) {
	for name := range h {
		if len(name) >= len(headerPrefix) && strings.EqualFold(name[:len(headerPrefix)], headerPrefix) {
			return 0, false
		}
	}
	const prefix = "webhook_id="
	if !bytes.HasPrefix(body, []byte(prefix)) {
		return 0, false
	}
	digits := body[len(prefix):]
	if len(digits) == 0 || len(digits) > 19 {
		return 0, false
	}
	for _, c := range digits {
		if c < '0' || c > '9' {
			return 0, false
		}
	}
	id, err := strconv.ParseInt(string(digits), 10, 64)
	if err != nil {
		return 0, false
	}
	return id, true
}

// Parse reads the body of r (at most [DefaultMaxBodyBytes]) and decodes the
// delivery; see [ParseHeaders]. It consumes r.Body.
//
// Parse does not check the signature: call [Event.Verify] (or [Verify] before
// ParseHeaders) before trusting anything in the event, or use [Handler],
// which does both.
func Parse(r *http.Request) (*Event, error) {
	body, err := readBody(r.Body, DefaultMaxBodyBytes)
	if err != nil {
		return nil, err
	}
	return ParseHeaders(r.Header, body)
}

// readBody reads all of body, failing with ErrBodyTooLarge past limit bytes.
func readBody(body io.Reader, limit int64) ([]byte, error) {
	if body == nil {
		return nil, nil
	}
	b, err := io.ReadAll(io.LimitReader(body, limit+1))
	if err != nil {
		var tooLarge *http.MaxBytesError
		if errors.As(err, &tooLarge) {
			return nil, fmt.Errorf("webhook: read body: over %d bytes: %w", tooLarge.Limit, ErrBodyTooLarge)
		}
		return nil, fmt.Errorf("webhook: read body: %w", err)
	}
	if int64(len(b)) > limit {
		return nil, fmt.Errorf("webhook: read body: over %d bytes: %w", limit, ErrBodyTooLarge)
	}
	return b, nil
}

// maxDeliveryIDLen bounds the delivery id; WooCommerce's is 32 hex digits.
const maxDeliveryIDLen = 128

// ParseHeaders decodes a delivery from its headers and raw body. The event
// keeps body as is (it does not copy it).
//
// It fails with an error wrapping [ErrPing] for the creation ping, and with
// [ErrMalformed] when X-WC-Webhook-Topic, X-WC-Webhook-ID or
// X-WC-Webhook-Delivery-ID is missing or invalid, or the body is not a JSON
// value (for the four resources of WooCommerce: not a JSON object). Topics it
// does not know are not errors: their events keep the raw JSON in Body.
//
// ParseHeaders does not check the signature; see [Parse].
func ParseHeaders(h http.Header, body []byte) (*Event, error) {
	if _, ok := IsPing(h, body); ok {
		return nil, ErrPing
	}
	e := &Event{
		Topic:      strings.TrimSpace(h.Get(HeaderTopic)),
		Resource:   strings.TrimSpace(h.Get(HeaderResource)),
		Event:      strings.TrimSpace(h.Get(HeaderEvent)),
		DeliveryID: strings.TrimSpace(h.Get(HeaderDeliveryID)),
		Source:     strings.TrimSpace(h.Get(HeaderSource)),
		Signature:  strings.TrimSpace(h.Get(HeaderSignature)),
		Body:       body,
	}
	if e.Topic == "" {
		return nil, malformed("missing %s header", HeaderTopic)
	}
	resource, event, ok := strings.Cut(e.Topic, ".")
	if !ok || resource == "" || event == "" || !printable(e.Topic) {
		return nil, malformed("invalid %s header %q", HeaderTopic, clip(e.Topic))
	}
	if e.Resource == "" {
		e.Resource = resource
	}
	if e.Event == "" {
		e.Event = event
	}
	rawID := strings.TrimSpace(h.Get(HeaderWebhookID))
	if rawID == "" {
		return nil, malformed("missing %s header", HeaderWebhookID)
	}
	id, err := strconv.ParseInt(rawID, 10, 64)
	if err != nil || id <= 0 {
		return nil, malformed("invalid %s header %q", HeaderWebhookID, clip(rawID))
	}
	e.WebhookID = id
	if e.DeliveryID == "" {
		return nil, malformed("missing %s header", HeaderDeliveryID)
	}
	if len(e.DeliveryID) > maxDeliveryIDLen || !printable(e.DeliveryID) {
		return nil, malformed("invalid %s header %q", HeaderDeliveryID, clip(e.DeliveryID))
	}
	if err := e.decodeEnvelope(); err != nil {
		return nil, err
	}
	return e, nil
}

// envelope is the handful of top-level fields the event reads from every
// payload, as raw JSON values (sub-slices of the body).
type envelope struct {
	ID, Type, ParentID, Action, Arg []byte
}

// knownResource reports whether WooCommerce sends a JSON object for resource.
func knownResource(resource string) bool {
	switch resource {
	case ResourceProduct, ResourceOrder, ResourceCustomer, ResourceCoupon, ResourceAction:
		return true
	}
	return false
}

func (e *Event) decodeEnvelope() error {
	trimmed := bytes.TrimSpace(e.Body)
	if len(trimmed) == 0 {
		return malformed("empty body for topic %q", e.Topic)
	}
	if !json.Valid(trimmed) {
		return malformed("body of topic %q is not JSON", e.Topic)
	}
	if trimmed[0] != '{' {
		if knownResource(e.Resource) {
			return malformed("body of topic %q is not a JSON object", e.Topic)
		}
		return nil
	}
	env := scanEnvelope(trimmed)
	e.ID, _ = jsonInt(env.ID)
	e.payloadParent, _ = jsonInt(env.ParentID)
	if len(env.Type) > 0 {
		_ = json.Unmarshal(env.Type, &e.payloadType)
	}
	if e.Resource == ResourceAction {
		if len(env.Action) > 0 {
			e.hasAction = json.Unmarshal(env.Action, &e.action) == nil
		}
		if env.Arg != nil {
			e.actionArg = json.RawMessage(env.Arg)
		}
	}
	return nil
}

// scanEnvelope reads the top-level members of obj, a JSON object already
// checked by json.Valid, and keeps the values of the envelope's keys (the
// last one if a key repeats, as encoding/json does; keys match exactly).
// It is one light pass instead of a reflective decode of the whole body.
func scanEnvelope(obj []byte) envelope {
	var env envelope
	i := skipSpace(obj, 1) // past '{'
	for i < len(obj) && obj[i] == '"' {
		keyEnd := skipString(obj, i)
		key := obj[i+1 : keyEnd-1]
		if bytes.IndexByte(key, '\\') >= 0 {
			var k string
			if json.Unmarshal(obj[i:keyEnd], &k) == nil {
				key = []byte(k)
			}
		}
		i = skipSpace(obj, keyEnd)
		i = skipSpace(obj, i+1) // past ':'
		valEnd := skipValue(obj, i)
		val := obj[i:valEnd]
		switch string(key) {
		case "id":
			env.ID = val
		case "type":
			env.Type = val
		case "parent_id":
			env.ParentID = val
		case "action":
			env.Action = val
		case "arg":
			env.Arg = val
		}
		i = skipSpace(obj, valEnd)
		if i < len(obj) && obj[i] == ',' {
			i = skipSpace(obj, i+1)
		}
	}
	return env
}

func skipSpace(b []byte, i int) int {
	for i < len(b) && (b[i] == ' ' || b[i] == '\t' || b[i] == '\n' || b[i] == '\r') {
		i++
	}
	return i
}

// skipString returns the index just past the string starting at b[i] == '"'.
func skipString(b []byte, i int) int {
	for i++; i < len(b); i++ {
		switch b[i] {
		case '\\':
			i++
		case '"':
			return i + 1
		}
	}
	return len(b)
}

// skipValue returns the index just past the JSON value starting at b[i].
func skipValue(b []byte, i int) int {
	if i >= len(b) {
		return len(b)
	}
	switch b[i] {
	case '"':
		return skipString(b, i)
	case '{', '[':
		depth := 0
		for i < len(b) {
			switch b[i] {
			case '"':
				i = skipString(b, i)
				continue
			case '{', '[':
				depth++
			case '}', ']':
				depth--
				if depth == 0 {
					return i + 1
				}
			}
			i++
		}
		return len(b)
	default: // number, true, false, null
		for i < len(b) {
			switch b[i] {
			case ',', '}', ']', ' ', '\t', '\n', '\r':
				return i
			}
			i++
		}
		return len(b)
	}
}

// jsonInt reads an id that WooCommerce sends as a number or, from some hooks
// and filters, as a string of digits.
func jsonInt(raw []byte) (int64, bool) {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || string(raw) == "null" {
		return 0, false
	}
	if raw[0] == '"' {
		var s string
		if json.Unmarshal(raw, &s) != nil {
			return 0, false
		}
		raw = []byte(strings.TrimSpace(s))
	}
	n, err := strconv.ParseInt(string(raw), 10, 64)
	if err != nil {
		// 11.0 is an integer too.
		f, ferr := strconv.ParseFloat(string(raw), 64)
		if ferr != nil || f != float64(int64(f)) {
			return 0, false
		}
		return int64(f), true
	}
	return n, true
}

func malformed(format string, args ...any) error {
	return fmt.Errorf("webhook: parse delivery: "+format+": %w", append(args, ErrMalformed)...)
}

// syntaxOnly keeps the position of a JSON syntax error and drops the rest,
// so that an error never quotes the payload (which holds personal data).
func syntaxOnly(err error) string {
	var se *json.SyntaxError
	if errors.As(err, &se) {
		return fmt.Sprintf("invalid JSON at offset %d", se.Offset)
	}
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		return fmt.Sprintf("unexpected JSON %s at offset %d", te.Value, te.Offset)
	}
	return "invalid JSON"
}

// printable reports whether s is non-empty visible ASCII.
func printable(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] <= ' ' || s[i] > '~' {
			return false
		}
	}
	return s != ""
}

// clip shortens a header value quoted in an error.
func clip(s string) string {
	const max = 64
	if len(s) > max {
		return s[:max] + "..."
	}
	return s
}
