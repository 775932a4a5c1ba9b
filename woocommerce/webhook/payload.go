package webhook

import (
	"encoding/json"
	"errors"
	"fmt"

	"github.com/woonexo/woonexo/woocommerce"
)

// ErrWrongPayload means a typed accessor was called on an event whose
// payload is not of that type: [Event.Order] on a product topic, or
// [Event.Product] on a *.deleted topic (whose payload is only the id) or on
// a variation.
var ErrWrongPayload = errors.New("webhook: the payload is not of the requested type")

// Product decodes the payload of a product.created, product.updated,
// product.restored or product.published event: the same JSON as a GET of
// the product. A variation arrives on the same topics; for it Product fails
// with [ErrWrongPayload] and [Event.Variation] decodes it (see
// [Event.IsVariation]).
func (e *Event) Product() (*woocommerce.Product, error) {
	if err := e.want(ResourceProduct); err != nil {
		return nil, err
	}
	if e.IsVariation() {
		return nil, fmt.Errorf("webhook: decode %s payload as product: it is variation %d of product %d, use Variation: %w",
			e.Topic, e.ID, e.payloadParent, ErrWrongPayload)
	}
	return decode[woocommerce.Product](e, "product")
}

// Variation decodes the payload of a product.* event whose payload is a
// variation ("type": "variation", see [Event.IsVariation]): the same JSON as
// a GET of products/{parent_id}/variations/{id}. WooCommerce sends a
// variation's changes (a stock change in particular) as product.updated.
func (e *Event) Variation() (*woocommerce.Variation, error) {
	if err := e.want(ResourceProduct); err != nil {
		return nil, err
	}
	if !e.IsVariation() {
		return nil, fmt.Errorf("webhook: decode %s payload as variation: its type is %q: %w", e.Topic, e.payloadType, ErrWrongPayload)
	}
	return decode[woocommerce.Variation](e, "variation")
}

// Order decodes the payload of an order.created, order.updated or
// order.restored event: the same JSON as a GET of the order. WooCommerce
// also sends order.updated when a refund is created or deleted.
func (e *Event) Order() (*woocommerce.Order, error) {
	if err := e.want(ResourceOrder); err != nil {
		return nil, err
	}
	return decode[woocommerce.Order](e, "order")
}

// Customer decodes the payload of a customer.created or customer.updated
// event: the same JSON as a GET of the customer.
func (e *Event) Customer() (*woocommerce.Customer, error) {
	if err := e.want(ResourceCustomer); err != nil {
		return nil, err
	}
	return decode[woocommerce.Customer](e, "customer")
}

// Coupon decodes the payload of a coupon.created, coupon.updated or
// coupon.restored event: the same JSON as a GET of the coupon.
func (e *Event) Coupon() (*woocommerce.Coupon, error) {
	if err := e.want(ResourceCoupon); err != nil {
		return nil, err
	}
	return decode[woocommerce.Coupon](e, "coupon")
}

// DeletedID returns the id in the payload of a *.deleted event, which
// WooCommerce sends as {"id": N} and nothing else. For products (variations
// included), orders and coupons "deleted" means moved to the trash: read the
// record before acting on it.
func (e *Event) DeletedID() (int64, error) {
	if e.Event != EventDeleted {
		return 0, fmt.Errorf("webhook: read deleted id of %s: not a deleted event: %w", e.Topic, ErrWrongPayload)
	}
	if e.ID <= 0 {
		return 0, fmt.Errorf("webhook: read deleted id of %s: the payload has no positive id: %w", e.Topic, ErrWrongPayload)
	}
	return e.ID, nil
}

// Action returns the hook name and the raw first argument of an action.*
// event, whose payload is {"action": "woocommerce_...", "arg": ...}. The
// argument is whatever the hook passed: a number, an object ("arg": {} for
// most product hooks, which therefore do not say which product changed), or
// null. The name falls back to [Event.Event] if the payload has none.
func (e *Event) Action() (name string, arg json.RawMessage, err error) {
	if e.Resource != ResourceAction {
		return "", nil, fmt.Errorf("webhook: read action of %s: not an action topic: %w", e.Topic, ErrWrongPayload)
	}
	name = e.action
	if !e.hasAction || name == "" {
		name = e.Event
	}
	return name, e.actionArg, nil
}

// Decode unmarshals the payload into v, for topics this package has no
// accessor for (custom resources, filtered payloads).
func (e *Event) Decode(v any) error {
	if err := json.Unmarshal(e.Body, v); err != nil {
		return fmt.Errorf("webhook: decode %s payload: %s", e.Topic, syntaxOnly(err))
	}
	return nil
}

// want checks that the event is about resource and carries a full record.
func (e *Event) want(resource string) error {
	if e.Resource != resource {
		return fmt.Errorf("webhook: decode %s payload as %s: %w", e.Topic, resource, ErrWrongPayload)
	}
	if e.Event == EventDeleted {
		return fmt.Errorf("webhook: decode %s payload as %s: a deleted event carries only the id, use DeletedID: %w",
			e.Topic, resource, ErrWrongPayload)
	}
	return nil
}

func decode[T any](e *Event, what string) (*T, error) {
	v := new(T)
	if err := json.Unmarshal(e.Body, v); err != nil {
		return nil, fmt.Errorf("webhook: decode %s payload as %s: %s", e.Topic, what, describeDecodeError(err))
	}
	return v, nil
}

// describeDecodeError says where decoding failed without quoting the payload.
func describeDecodeError(err error) string {
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		return fmt.Sprintf("field %q: cannot decode JSON %s into %s", te.Field, te.Value, te.Type)
	}
	var se *json.SyntaxError
	if errors.As(err, &se) {
		return fmt.Sprintf("invalid JSON at offset %d", se.Offset)
	}
	// Custom decoders (wire.Decimal, wire.Time) report the field and a
	// truncated value; they never return the whole body.
	return err.Error()
}
