package nexopos

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"strings"
)

// Order types, payment statuses and discount types.
const (
	OrderTakeaway = "takeaway"
	OrderDelivery = "delivery"

	PaymentStatusPaid              = "paid"
	PaymentStatusPartiallyPaid     = "partially_paid"
	PaymentStatusUnpaid            = "unpaid"
	PaymentStatusHold              = "hold"
	PaymentStatusVoid              = "order_void"
	PaymentStatusRefunded          = "refunded"
	PaymentStatusPartiallyRefunded = "partially_refunded"
	PaymentStatusDue               = "due"
	PaymentStatusPartiallyDue      = "partially_due"

	DiscountFlat       = "flat"
	DiscountPercentage = "percentage"
)

// Order is a NexoPOS order. Totals are computed by NexoPOS; PaymentStatus
// follows the payments (hold, unpaid, partially_paid, paid, then
// order_void, refunded, partially_refunded).
type Order struct {
	ID    int64  `json:"id"`
	Code  string `json:"code"`
	Title string `json:"title"`
	// Note is free text; woonexo keeps the WooCommerce order reference
	// there.
	Note           string `json:"note"`
	NoteVisibility string `json:"note_visibility"`
	Description    string `json:"description"`
	// Type is OrderTakeaway or OrderDelivery.
	Type               string  `json:"type"`
	PaymentStatus      string  `json:"payment_status"`
	ProcessStatus      string  `json:"process_status"`
	DeliveryStatus     string  `json:"delivery_status"`
	CustomerID         int64   `json:"customer_id"`
	Discount           Decimal `json:"discount"`
	DiscountType       string  `json:"discount_type"`
	DiscountPercentage Decimal `json:"discount_percentage"`
	Shipping           Decimal `json:"shipping"`
	ShippingRate       Decimal `json:"shipping_rate"`
	ShippingType       string  `json:"shipping_type"`
	Subtotal           Decimal `json:"subtotal"`
	Total              Decimal `json:"total"`
	TotalWithTax       Decimal `json:"total_with_tax"`
	TotalWithoutTax    Decimal `json:"total_without_tax"`
	TotalCoupons       Decimal `json:"total_coupons"`
	TotalCOGS          Decimal `json:"total_cogs"`
	TaxValue           Decimal `json:"tax_value"`
	ProductsTaxValue   Decimal `json:"products_tax_value"`
	TaxGroupID         int64   `json:"tax_group_id"`
	TaxType            string  `json:"tax_type"`
	// Tendered is what was paid; Change is negative while unpaid.
	Tendered           Decimal `json:"tendered"`
	Change             Decimal `json:"change"`
	SupportInstalments bool    `json:"support_instalments"`
	TotalInstalments   Decimal `json:"total_instalments"`
	FinalPaymentDate   Time    `json:"final_payment_date"`
	RegisterID         int64   `json:"register_id"`
	VoidanceReason     string  `json:"voidance_reason"`
	AuthorID           int64   `json:"author_id" alt:"author"`
	UUID               string  `json:"uuid"`
	CreatedAt          Time    `json:"created_at"`
	UpdatedAt          Time    `json:"updated_at"`
	// Customer, Products, Payments and the addresses are sent by Get,
	// Create and Update.
	Customer        *Customer      `json:"customer,omitempty"`
	Products        []OrderProduct `json:"products,omitempty"`
	Payments        []OrderPayment `json:"payments,omitempty"`
	ShippingAddress *Address       `json:"shipping_address,omitempty"`
	BillingAddress  *Address       `json:"billing_address,omitempty"`
	// Addresses is how Create and Update send the addresses.
	Addresses []Address `json:"addresses,omitempty"`
	// CustomerFirstName, CustomerPhone and AuthorUsername are set in CRUD
	// list rows.
	CustomerFirstName string `json:"customer_first_name,omitempty"`
	CustomerPhone     string `json:"customer_phone,omitempty"`
	AuthorUsername    string `json:"author_username,omitempty"`
	// Display holds the display strings of CRUD list columns ("total":
	// "USD 6,00 ", "payment_status": "Paid"); list rows only. Money
	// columns shown formatted are left unset in list rows: Get the order
	// for its amounts.
	Display map[string]string `json:"$display,omitempty"`
}

// UnmarshalJSON decodes an order from any NexoPOS version.
func (o *Order) UnmarshalJSON(b []byte) error { return decodeObject(b, o) }

// OrderProduct is one line of an order.
type OrderProduct struct {
	ID      int64 `json:"id"`
	OrderID int64 `json:"order_id"`
	// ProductID is 0 for a quick product.
	ProductID         int64  `json:"product_id"`
	UnitID            int64  `json:"unit_id"`
	UnitQuantityID    int64  `json:"unit_quantity_id"`
	ProductCategoryID int64  `json:"product_category_id"`
	Name              string `json:"name"`
	UnitName          string `json:"unit_name"`
	Mode              string `json:"mode"`
	ProductType       string `json:"product_type"`
	// Status is "sold", "returned", ...
	Status             string  `json:"status"`
	Quantity           Decimal `json:"quantity"`
	UnitPrice          Decimal `json:"unit_price"`
	Discount           Decimal `json:"discount"`
	DiscountType       string  `json:"discount_type"`
	DiscountPercentage Decimal `json:"discount_percentage"`
	// PriceGross is price_with_tax before 6.1.2.
	PriceGross Decimal `json:"price_gross" alt:"price_with_tax"`
	// PriceNet is price_without_tax before 6.1.2.
	PriceNet   Decimal `json:"price_net" alt:"price_without_tax"`
	TotalPrice Decimal `json:"total_price"`
	// TotalPriceGross is total_price_with_tax before 6.1.2.
	TotalPriceGross Decimal `json:"total_price_gross" alt:"total_price_with_tax"`
	// TotalPriceNet is total_price_without_tax before 6.1.2.
	TotalPriceNet      Decimal `json:"total_price_net" alt:"total_price_without_tax"`
	TaxGroupID         int64   `json:"tax_group_id"`
	TaxType            string  `json:"tax_type"`
	TaxValue           Decimal `json:"tax_value"`
	Rate               Decimal `json:"rate"`
	TotalPurchasePrice Decimal `json:"total_purchase_price"`
	ReturnCondition    string  `json:"return_condition"`
	ReturnObservations string  `json:"return_observations"`
	CreatedAt          Time    `json:"created_at"`
	UpdatedAt          Time    `json:"updated_at"`
	Unit               *Unit   `json:"unit,omitempty"`
}

// UnmarshalJSON decodes an order line from any NexoPOS version.
func (p *OrderProduct) UnmarshalJSON(b []byte) error { return decodeObject(b, p) }

// OrderPayment is one payment of an order.
type OrderPayment struct {
	ID      int64 `json:"id"`
	OrderID int64 `json:"order_id"`
	// Identifier is the payment type's identifier.
	Identifier string  `json:"identifier"`
	Value      Decimal `json:"value"`
	RegisterID int64   `json:"register_id"`
	AuthorID   int64   `json:"author_id" alt:"author"`
	CreatedAt  Time    `json:"created_at"`
	UpdatedAt  Time    `json:"updated_at"`
}

// UnmarshalJSON decodes a payment from any NexoPOS version.
func (p *OrderPayment) UnmarshalJSON(b []byte) error { return decodeObject(b, p) }

// OrderInput is what Create and Update send.
//
// Observed on NexoPOS 5.3.10: an order deducts stock only once paid or
// partially paid; deleting, voiding or re-lining an unpaid order returns
// stock that was never taken. So create an order that is not paid yet with
// PaymentStatus "hold", pay it with AddPayment, and delete (never void) a
// held order that is cancelled.
type OrderInput struct {
	// CustomerID is required.
	CustomerID int64
	// Type is OrderTakeaway (the default) or OrderDelivery.
	Type string
	// PaymentStatus is empty (NexoPOS computes it from the payments) or
	// PaymentStatusHold.
	PaymentStatus string
	Title         string
	// Note is free text, kept on the order (the WooCommerce reference).
	Note string
	// DiscountType is empty, DiscountFlat (Discount is an amount) or
	// DiscountPercentage (DiscountPercentage is a percentage).
	DiscountType       string
	Discount           Decimal
	DiscountPercentage Decimal
	// Shipping is the shipping fee.
	Shipping Decimal
	// Subtotal and Total, when set, are sent; NexoPOS computes them
	// otherwise.
	Subtotal Decimal
	Total    Decimal
	// BillingAddress and ShippingAddress are the order's addresses.
	BillingAddress  *AddressInput
	ShippingAddress *AddressInput
	// Products are the lines; at least one.
	Products []OrderLine
	// Payments pay the order; each identifier must be an active payment
	// type (ErrForbidden otherwise).
	Payments []PaymentInput
}

// OrderLine is one product line of an OrderInput. A line with ProductID (or
// SKU) sells that product in the unit quantity UnitQuantityID; a line with
// neither is a quick product, with Name and UnitID, that tracks no stock.
type OrderLine struct {
	// ID is the existing line's id when updating an order.
	ID             int64
	ProductID      int64
	SKU            string
	UnitQuantityID int64
	// Name and UnitID describe a quick product.
	Name   string
	UnitID int64
	// Quantity is required and positive.
	Quantity  Decimal
	UnitPrice Decimal
	// DiscountType is empty, DiscountFlat or DiscountPercentage.
	DiscountType       string
	Discount           Decimal
	DiscountPercentage Decimal
}

// PaymentInput is one payment by payment type identifier.
type PaymentInput struct {
	Identifier string  `json:"identifier"`
	Value      Decimal `json:"value"`
}

type orderForm struct {
	CustomerID         int64              `json:"customer_id"`
	Type               orderTypeForm      `json:"type"`
	PaymentStatus      string             `json:"payment_status,omitempty"`
	Title              string             `json:"title,omitempty"`
	Note               string             `json:"note,omitempty"`
	DiscountType       string             `json:"discount_type,omitempty"`
	Discount           *number            `json:"discount,omitempty"`
	DiscountPercentage *number            `json:"discount_percentage,omitempty"`
	Shipping           *number            `json:"shipping,omitempty"`
	Subtotal           *number            `json:"subtotal,omitempty"`
	Total              *number            `json:"total,omitempty"`
	Addresses          *orderAddresses    `json:"addresses,omitempty"`
	Products           []orderLineForm    `json:"products"`
	Payments           []orderPaymentForm `json:"payments"`
	Coupons            []struct{}         `json:"coupons"`
	Instalments        []struct{}         `json:"instalments"`
}

type orderTypeForm struct {
	Identifier string `json:"identifier"`
}

type orderAddresses struct {
	Billing  addressForm `json:"billing"`
	Shipping addressForm `json:"shipping"`
}

type orderLineForm struct {
	ID                 int64   `json:"id,omitempty"`
	ProductID          int64   `json:"product_id,omitempty"`
	SKU                string  `json:"sku,omitempty"`
	UnitQuantityID     int64   `json:"unit_quantity_id,omitempty"`
	Name               string  `json:"name,omitempty"`
	UnitID             int64   `json:"unit_id,omitempty"`
	Quantity           number  `json:"quantity"`
	UnitPrice          number  `json:"unit_price"`
	DiscountType       string  `json:"discount_type,omitempty"`
	Discount           *number `json:"discount,omitempty"`
	DiscountPercentage *number `json:"discount_percentage,omitempty"`
}

type orderPaymentForm struct {
	Identifier string `json:"identifier"`
	Value      number `json:"value"`
}

func numPtr(d Decimal) *number {
	if !d.Valid() {
		return nil
	}
	n := number(d)
	return &n
}

// discountFields returns the discount keys NexoPOS needs: a flat discount
// without discount_percentage is a 500 ("Undefined array key"), so both
// amounts are always sent with a discount type.
func discountFields(typ string, amount, pct Decimal) (*number, *number, error) {
	switch typ {
	case "":
		if amount.Valid() && amount.Sign() != 0 || pct.Valid() && pct.Sign() != 0 {
			return nil, nil, errors.New("a discount needs a discount type")
		}
		return nil, nil, nil
	case DiscountFlat, DiscountPercentage:
		if amount.Sign() < 0 || pct.Sign() < 0 {
			return nil, nil, errors.New("negative discount")
		}
		a, p := number(amount), number(pct)
		return &a, &p, nil
	}
	return nil, nil, fmt.Errorf("discount type %q is neither %q nor %q", typ, DiscountFlat, DiscountPercentage)
}

func (in OrderInput) form(v Version) (*orderForm, error) {
	var errs []error
	if in.CustomerID <= 0 {
		errs = append(errs, errors.New("customer id is required"))
	}
	typ := in.Type
	if typ == "" {
		typ = OrderTakeaway
	}
	if in.PaymentStatus != "" && in.PaymentStatus != PaymentStatusHold {
		errs = append(errs, fmt.Errorf("payment status %q cannot be sent: NexoPOS computes it; only %q may be asked for", in.PaymentStatus, PaymentStatusHold))
	}
	if len(in.Products) == 0 {
		errs = append(errs, errors.New("at least one product line is required"))
	}
	disc, pct, err := discountFields(in.DiscountType, in.Discount, in.DiscountPercentage)
	if err != nil {
		errs = append(errs, fmt.Errorf("order %w", err))
	}
	f := &orderForm{
		CustomerID: in.CustomerID, Type: orderTypeForm{Identifier: typ}, PaymentStatus: in.PaymentStatus,
		Title: in.Title, Note: in.Note, DiscountType: in.DiscountType, Discount: disc, DiscountPercentage: pct,
		Shipping: numPtr(in.Shipping), Subtotal: numPtr(in.Subtotal), Total: numPtr(in.Total),
		Products: make([]orderLineForm, 0, len(in.Products)), Payments: make([]orderPaymentForm, 0, len(in.Payments)),
		Coupons: []struct{}{}, Instalments: []struct{}{},
	}
	if in.BillingAddress != nil || in.ShippingAddress != nil {
		f.Addresses = &orderAddresses{Billing: in.BillingAddress.form(v), Shipping: in.ShippingAddress.form(v)}
		if f.Addresses.Billing == nil {
			f.Addresses.Billing = addressForm{}
		}
		if f.Addresses.Shipping == nil {
			f.Addresses.Shipping = addressForm{}
		}
	}
	for i, l := range in.Products {
		quick := l.ProductID == 0 && l.SKU == ""
		switch {
		case !l.Quantity.Valid() || l.Quantity.Sign() <= 0:
			errs = append(errs, fmt.Errorf("line %d: quantity must be positive", i))
		case !l.UnitPrice.Valid() || l.UnitPrice.Sign() < 0:
			errs = append(errs, fmt.Errorf("line %d: unit price must be set and not negative", i))
		case quick && (strings.TrimSpace(l.Name) == "" || l.UnitID <= 0):
			errs = append(errs, fmt.Errorf("line %d: a quick product (no product id or sku) needs a name and a unit id", i))
		case !quick && l.UnitQuantityID <= 0:
			errs = append(errs, fmt.Errorf("line %d: a product line needs its unit quantity id", i))
		case l.ProductID < 0 || l.ID < 0:
			errs = append(errs, fmt.Errorf("line %d: negative id", i))
		}
		ld, lp, err := discountFields(l.DiscountType, l.Discount, l.DiscountPercentage)
		if err != nil {
			errs = append(errs, fmt.Errorf("line %d: %w", i, err))
		}
		f.Products = append(f.Products, orderLineForm{
			ID: l.ID, ProductID: l.ProductID, SKU: l.SKU, UnitQuantityID: l.UnitQuantityID, Name: l.Name, UnitID: l.UnitID,
			Quantity: number(l.Quantity), UnitPrice: number(l.UnitPrice), DiscountType: l.DiscountType,
			Discount: ld, DiscountPercentage: lp,
		})
	}
	for i, p := range in.Payments {
		if strings.TrimSpace(p.Identifier) == "" || !p.Value.Valid() || p.Value.Sign() <= 0 {
			errs = append(errs, fmt.Errorf("payment %d: identifier and a positive value are required", i))
		}
		f.Payments = append(f.Payments, orderPaymentForm{Identifier: p.Identifier, Value: number(p.Value)})
	}
	if len(errs) > 0 {
		return nil, invalid(errors.Join(errs...))
	}
	return f, nil
}

// OrdersService creates, reads, pays, refunds and voids orders.
type OrdersService service

var ordersList = crudList{
	namespace: NamespaceOrders,
	labels: map[string]map[string]string{
		"type": {"Take Away": OrderTakeaway, "Delivery": OrderDelivery},
		"payment_status": {
			"Hold": PaymentStatusHold, "Unpaid": PaymentStatusUnpaid, "Partially Paid": PaymentStatusPartiallyPaid,
			"Paid": PaymentStatusPaid, "Voided": PaymentStatusVoid, "Refunded": PaymentStatusRefunded,
			"Partially Refunded": PaymentStatusPartiallyRefunded, "Due": PaymentStatusDue,
			"Partially Due": PaymentStatusPartiallyDue,
		},
		"process_status": {
			"Pending": "pending", "Ongoing": "ongoing", "Ready": "ready", "Not Available": "not-available",
		},
		"delivery_status": {
			"Pending": "pending", "Ongoing": "ongoing", "Delivered": "delivered", "error": "error",
			"Not Available": "not-available",
		},
	},
}

type orderSaved struct {
	Order Order `json:"order"`
}

// Create places an order. A POST is not retried after a network error (it
// may have been placed): look it up by its note before creating it again.
func (s *OrdersService) Create(ctx context.Context, in OrderInput) (*Order, error) {
	const op = "create order"
	form, err := in.form(s.c.version)
	if err != nil {
		return nil, wrap(op, err)
	}
	var env envelope[orderSaved]
	if err := s.c.call(ctx, "POST", "orders", nil, form, &env); err != nil {
		return nil, wrap(op, err)
	}
	return &env.Data.Order, nil
}

// Get returns order id with its customer, lines, payments and addresses.
func (s *OrdersService) Get(ctx context.Context, id int64) (*Order, error) {
	op := fmt.Sprintf("get order %d", id)
	if err := checkID(id); err != nil {
		return nil, wrap(op, err)
	}
	var o Order
	if err := s.c.call(ctx, "GET", idPath("orders", id), nil, nil, &o); err != nil {
		return nil, wrap(op, err)
	}
	return &o, nil
}

// Update replaces order id with in; lines keep their ID to be updated in
// place. NexoPOS refuses to update a paid order (ErrForbidden).
func (s *OrdersService) Update(ctx context.Context, id int64, in OrderInput) (*Order, error) {
	op := fmt.Sprintf("update order %d", id)
	if err := checkID(id); err != nil {
		return nil, wrap(op, err)
	}
	form, err := in.form(s.c.version)
	if err != nil {
		return nil, wrap(op, err)
	}
	var env envelope[orderSaved]
	if err := s.c.call(ctx, "PUT", idPath("orders", id), nil, form, &env); err != nil {
		return nil, wrap(op, err)
	}
	return &env.Data.Order, nil
}

// Delete deletes order id, returning its stock when it took some (and, on
// 5.3.10, when an unpaid order took none).
func (s *OrdersService) Delete(ctx context.Context, id int64) error {
	op := fmt.Sprintf("delete order %d", id)
	if err := checkID(id); err != nil {
		return wrap(op, err)
	}
	return wrap(op, s.c.call(ctx, "DELETE", idPath("orders", id), nil, nil, nil))
}

type paymentSaved struct {
	OrderPayment OrderPayment `json:"orderPayment"`
}

// AddPayment adds a payment to order id. Paying a paid order is refused
// (ErrForbidden); NexoPOS does not check overpayment.
func (s *OrdersService) AddPayment(ctx context.Context, id int64, p PaymentInput) (*OrderPayment, error) {
	op := fmt.Sprintf("add payment to order %d", id)
	if err := checkID(id); err != nil {
		return nil, wrap(op, err)
	}
	if strings.TrimSpace(p.Identifier) == "" || !p.Value.Valid() || p.Value.Sign() <= 0 {
		return nil, wrap(op, invalid(errors.New("identifier and a positive value are required")))
	}
	var env envelope[paymentSaved]
	body := orderPaymentForm{Identifier: p.Identifier, Value: number(p.Value)}
	if err := s.c.call(ctx, "POST", idPath("orders", id)+"/payments", nil, body, &env); err != nil {
		return nil, wrap(op, err)
	}
	if env.Data.OrderPayment.OrderID == 0 {
		env.Data.OrderPayment.OrderID = id
	}
	return &env.Data.OrderPayment, nil
}

// Refund conditions.
const (
	ConditionUnspoiled = "unspoiled"
	ConditionDamaged   = "damaged"
)

// RefundInput describes a refund of some lines of an order.
type RefundInput struct {
	// PaymentIdentifier is the payment type the money goes back with.
	PaymentIdentifier string
	// RefundShipping refunds the shipping fee too.
	RefundShipping bool
	// Total is the amount refunded.
	Total Decimal
	// Products are the lines refunded; at least one.
	Products []RefundLine
}

// RefundLine is one refunded order line.
type RefundLine struct {
	// OrderProductID is the order line's id.
	OrderProductID int64
	Quantity       Decimal
	UnitPrice      Decimal
	// Condition is ConditionUnspoiled (returned to stock) or
	// ConditionDamaged.
	Condition   string
	Description string
}

type refundForm struct {
	Payment        orderTypeForm    `json:"payment"`
	RefundShipping bool             `json:"refund_shipping"`
	Total          number           `json:"total"`
	Products       []refundLineForm `json:"products"`
}

type refundLineForm struct {
	ID          int64  `json:"id"`
	Quantity    number `json:"quantity"`
	UnitPrice   number `json:"unit_price"`
	Condition   string `json:"condition"`
	Description string `json:"description"`
}

// Refund refunds lines of order id. NexoPOS changes the payment status
// (partially_refunded, refunded), not the totals.
func (s *OrdersService) Refund(ctx context.Context, id int64, in RefundInput) (*Result, error) {
	op := fmt.Sprintf("refund order %d", id)
	if err := checkID(id); err != nil {
		return nil, wrap(op, err)
	}
	var errs []error
	if strings.TrimSpace(in.PaymentIdentifier) == "" {
		errs = append(errs, errors.New("payment identifier is required"))
	}
	if !in.Total.Valid() || in.Total.Sign() < 0 {
		errs = append(errs, errors.New("total must be set and not negative"))
	}
	if len(in.Products) == 0 {
		errs = append(errs, errors.New("at least one line is required"))
	}
	f := refundForm{Payment: orderTypeForm{Identifier: in.PaymentIdentifier}, RefundShipping: in.RefundShipping, Total: number(in.Total)}
	for i, l := range in.Products {
		cond := l.Condition
		if cond == "" {
			cond = ConditionUnspoiled
		}
		if l.OrderProductID <= 0 || !l.Quantity.Valid() || l.Quantity.Sign() <= 0 {
			errs = append(errs, fmt.Errorf("line %d: order product id and a positive quantity are required", i))
		}
		if err := oneOf("condition", cond, ConditionUnspoiled, ConditionDamaged); err != nil {
			errs = append(errs, fmt.Errorf("line %d: %w", i, err))
		}
		f.Products = append(f.Products, refundLineForm{ID: l.OrderProductID, Quantity: number(l.Quantity),
			UnitPrice: number(l.UnitPrice), Condition: cond, Description: l.Description})
	}
	if len(errs) > 0 {
		return nil, wrap(op, invalid(errors.Join(errs...)))
	}
	var r Result
	if err := s.c.call(ctx, "POST", idPath("orders", id)+"/refund", nil, f, &r); err != nil {
		return nil, wrap(op, err)
	}
	return &r, nil
}

// Void voids order id, returning its stock. reason is required. On 5.3.10
// voiding an unpaid order returns stock it never took: delete held orders
// instead.
func (s *OrdersService) Void(ctx context.Context, id int64, reason string) error {
	op := fmt.Sprintf("void order %d", id)
	if err := checkID(id); err != nil {
		return wrap(op, err)
	}
	if strings.TrimSpace(reason) == "" {
		return wrap(op, invalid(errors.New("a reason is required")))
	}
	return wrap(op, s.c.call(ctx, "POST", idPath("orders", id)+"/void", nil, map[string]string{"reason": reason}, nil))
}

// Products returns the lines of order id.
func (s *OrdersService) Products(ctx context.Context, id int64) ([]OrderProduct, error) {
	op := fmt.Sprintf("get products of order %d", id)
	if err := checkID(id); err != nil {
		return nil, wrap(op, err)
	}
	var out []OrderProduct
	if err := s.c.call(ctx, "GET", idPath("orders", id)+"/products", nil, nil, &out); err != nil {
		return nil, wrap(op, err)
	}
	return out, nil
}

// OrderRefund is one refund of an order, with the lines it refunded.
type OrderRefund struct {
	ID      int64 `json:"id"`
	OrderID int64 `json:"order_id"`
	// Total is what the refunded lines came to; Shipping the shipping fee
	// refunded with them.
	Total         Decimal           `json:"total"`
	Shipping      Decimal           `json:"shipping"`
	PaymentMethod string            `json:"payment_method"`
	Products      []RefundedProduct `json:"refunded_products"`
	CreatedAt     Time              `json:"created_at"`
	UpdatedAt     Time              `json:"updated_at"`
}

// UnmarshalJSON decodes a refund from any NexoPOS version.
func (r *OrderRefund) UnmarshalJSON(b []byte) error { return decodeObject(b, r) }

// RefundedProduct is one line of a refund.
type RefundedProduct struct {
	ID             int64   `json:"id"`
	OrderRefundID  int64   `json:"order_refund_id"`
	OrderProductID int64   `json:"order_product_id"`
	ProductID      int64   `json:"product_id"`
	UnitID         int64   `json:"unit_id"`
	Quantity       Decimal `json:"quantity"`
	UnitPrice      Decimal `json:"unit_price"`
	TotalPrice     Decimal `json:"total_price"`
	// Condition is ConditionUnspoiled (returned to stock) or
	// ConditionDamaged.
	Condition   string `json:"condition"`
	Description string `json:"description"`
	CreatedAt   Time   `json:"created_at"`
}

// UnmarshalJSON decodes a refunded line from any NexoPOS version.
func (r *RefundedProduct) UnmarshalJSON(b []byte) error { return decodeObject(b, r) }

// Refunds returns the refunds of order id, oldest first, each with its
// lines (GET orders/{id}/refunds answers the order with its refunds).
func (s *OrdersService) Refunds(ctx context.Context, id int64) ([]OrderRefund, error) {
	op := fmt.Sprintf("get refunds of order %d", id)
	if err := checkID(id); err != nil {
		return nil, wrap(op, err)
	}
	var out struct {
		Refunds []OrderRefund `json:"refunds"`
	}
	if err := s.c.call(ctx, "GET", idPath("orders", id)+"/refunds", nil, nil, &out); err != nil {
		return nil, wrap(op, err)
	}
	return out.Refunds, nil
}

// Payments returns the payments of order id.
func (s *OrdersService) Payments(ctx context.Context, id int64) ([]OrderPayment, error) {
	op := fmt.Sprintf("get payments of order %d", id)
	if err := checkID(id); err != nil {
		return nil, wrap(op, err)
	}
	var out []OrderPayment
	if err := s.c.call(ctx, "GET", idPath("orders", id)+"/payments", nil, nil, &out); err != nil {
		return nil, wrap(op, err)
	}
	return out, nil
}

// List returns one page of ns.orders (newest first unless opts sorts).
// Rows carry display strings; see Order.Display.
func (s *OrdersService) List(ctx context.Context, opts *ListOptions) (*Page[Order], error) {
	p, err := listCRUD[Order](ctx, s.c, ordersList, opts)
	return p, wrap("list orders", err)
}

// All iterates over every order from opts.Page on.
func (s *OrdersService) All(ctx context.Context, opts *ListOptions) iter.Seq2[Order, error] {
	return iterateCRUD[Order](ctx, s.c, ordersList, opts, "list orders")
}
