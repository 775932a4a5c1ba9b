package woocommerce

import (
	"context"
	"fmt"
)

// PaymentGateway is a payment gateway (GET /payment_gateways/{id}), such as
// bacs, cheque, cod or a plugin's gateway.
type PaymentGateway struct {
	ID          string `json:"id"`
	Title       string `json:"title"`
	Description string `json:"description"`
	// Order is the gateway's place at checkout; invalid when the store has
	// never been given an order (it sends "").
	Order             NullInt `json:"order"`
	Enabled           bool    `json:"enabled"`
	MethodTitle       string  `json:"method_title"`
	MethodDescription string  `json:"method_description"`
	// MethodSupports lists features such as "products" and "refunds".
	MethodSupports StringList `json:"method_supports"`
	// Settings are the gateway's own settings by id.
	Settings SettingMap `json:"settings"`
	Links    Links      `json:"_links,omitzero"`
}

// PaymentGatewayRequest updates a payment gateway; only set fields are
// sent.
type PaymentGatewayRequest struct {
	Title       *string `json:"title,omitempty"`
	Description *string `json:"description,omitempty"`
	Order       *int64  `json:"order,omitempty"`
	Enabled     *bool   `json:"enabled,omitempty"`
	// Settings sets the gateway's settings by id: a string for most, a list
	// of strings for a multiselect. Unknown ids are ignored by the store.
	Settings map[string]any `json:"settings,omitzero"`
}

// PaymentGatewaysService reads and configures payment gateways:
// GET /payment_gateways, GET/PUT /payment_gateways/{id}.
type PaymentGatewaysService struct{ c *Client }

// List returns every payment gateway. The list is not paginated.
func (s *PaymentGatewaysService) List(ctx context.Context) ([]PaymentGateway, error) {
	out, err := get[[]PaymentGateway](ctx, s.c, "list payment gateways", "payment_gateways", nil)
	if err != nil {
		return nil, err
	}
	return *out, nil
}

// Get returns the payment gateway with id ("bacs", "cod", ...).
func (s *PaymentGatewaysService) Get(ctx context.Context, id string) (*PaymentGateway, error) {
	op := fmt.Sprintf("get payment gateway %q", id)
	seg, err := pathSegment(op, "id", id)
	if err != nil {
		return nil, err
	}
	return get[PaymentGateway](ctx, s.c, op, "payment_gateways/"+seg, nil)
}

// Update changes the fields set in req on payment gateway id. An invalid
// setting value fails the whole update with rest_setting_value_invalid.
func (s *PaymentGatewaysService) Update(ctx context.Context, id string, req PaymentGatewayRequest) (*PaymentGateway, error) {
	op := fmt.Sprintf("update payment gateway %q", id)
	seg, err := pathSegment(op, "id", id)
	if err != nil {
		return nil, err
	}
	return update[PaymentGateway](ctx, s.c, op, "payment_gateways/"+seg, req)
}
