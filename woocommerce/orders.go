package woocommerce

import (
	"context"
	"fmt"
	"iter"
)

// Order is an order as the store returns it (GET /orders/{id}).
type Order struct {
	ID                 int64            `json:"id"`
	ParentID           int64            `json:"parent_id"`
	Number             string           `json:"number"`
	OrderKey           string           `json:"order_key"`
	CreatedVia         string           `json:"created_via"`
	Version            string           `json:"version"`
	Status             string           `json:"status"`
	Currency           string           `json:"currency"`
	CurrencySymbol     string           `json:"currency_symbol"`
	DateCreated        Time             `json:"date_created"`
	DateCreatedGMT     Time             `json:"date_created_gmt"`
	DateModified       Time             `json:"date_modified"`
	DateModifiedGMT    Time             `json:"date_modified_gmt"`
	DiscountTotal      Decimal          `json:"discount_total"`
	DiscountTax        Decimal          `json:"discount_tax"`
	ShippingTotal      Decimal          `json:"shipping_total"`
	ShippingTax        Decimal          `json:"shipping_tax"`
	CartTax            Decimal          `json:"cart_tax"`
	Total              Decimal          `json:"total"`
	TotalTax           Decimal          `json:"total_tax"`
	PricesIncludeTax   bool             `json:"prices_include_tax"`
	CustomerID         int64            `json:"customer_id"`
	CustomerIPAddress  string           `json:"customer_ip_address"`
	CustomerUserAgent  string           `json:"customer_user_agent"`
	CustomerNote       string           `json:"customer_note"`
	Billing            Address          `json:"billing"`
	Shipping           Address          `json:"shipping"`
	PaymentMethod      string           `json:"payment_method"`
	PaymentMethodTitle string           `json:"payment_method_title"`
	TransactionID      string           `json:"transaction_id"`
	DatePaid           Time             `json:"date_paid"`
	DatePaidGMT        Time             `json:"date_paid_gmt"`
	DateCompleted      Time             `json:"date_completed"`
	DateCompletedGMT   Time             `json:"date_completed_gmt"`
	CartHash           string           `json:"cart_hash"`
	MetaData           MetaList         `json:"meta_data"`
	LineItems          []LineItem       `json:"line_items"`
	TaxLines           []TaxLine        `json:"tax_lines"`
	ShippingLines      []ShippingLine   `json:"shipping_lines"`
	FeeLines           []FeeLine        `json:"fee_lines"`
	CouponLines        []CouponLine     `json:"coupon_lines"`
	Refunds            []OrderRefundRef `json:"refunds"`
	PaymentURL         string           `json:"payment_url"`
	IsEditable         bool             `json:"is_editable"`
	NeedsPayment       bool             `json:"needs_payment"`
	NeedsProcessing    bool             `json:"needs_processing"`
	Links              Links            `json:"_links,omitzero"`
}

// LineItem is a product line of an order or a refund.
type LineItem struct {
	ID          int64  `json:"id"`
	Name        string `json:"name"`
	ParentName  string `json:"parent_name"`
	ProductID   int64  `json:"product_id"`
	VariationID int64  `json:"variation_id"`
	// Quantity is a Decimal because some stores sell fractional
	// quantities; it is negative in refunds.
	Quantity    Decimal   `json:"quantity"`
	TaxClass    string    `json:"tax_class"`
	Subtotal    Decimal   `json:"subtotal"`
	SubtotalTax Decimal   `json:"subtotal_tax"`
	Total       Decimal   `json:"total"`
	TotalTax    Decimal   `json:"total_tax"`
	Taxes       []LineTax `json:"taxes"`
	MetaData    MetaList  `json:"meta_data"`
	SKU         string    `json:"sku"`
	// Price is total / quantity, which WooCommerce sends as a JSON number
	// (14.309999999999999); it is kept exactly as sent. Use Total for money.
	Price Decimal   `json:"price"`
	Image LineImage `json:"image"`
	// RefundTotal is set on the line items of a refund.
	RefundTotal Decimal `json:"refund_total,omitzero"`
}

// LineImage is a line item's image; WooCommerce sends its id as "" when the
// product has no image.
type LineImage struct {
	ID  FlexInt `json:"id"`
	Src string  `json:"src"`
}

// LineTax is one tax rate's share of a line.
type LineTax struct {
	ID       int64   `json:"id"`
	Total    Decimal `json:"total"`
	Subtotal Decimal `json:"subtotal,omitzero"`
}

// TaxLine is a tax total of an order.
type TaxLine struct {
	ID               int64    `json:"id"`
	RateCode         string   `json:"rate_code"`
	RateID           int64    `json:"rate_id"`
	Label            string   `json:"label"`
	Compound         bool     `json:"compound"`
	TaxTotal         Decimal  `json:"tax_total"`
	ShippingTaxTotal Decimal  `json:"shipping_tax_total"`
	RatePercent      Decimal  `json:"rate_percent"`
	MetaData         MetaList `json:"meta_data"`
}

// ShippingLine is a shipping charge of an order.
type ShippingLine struct {
	ID          int64     `json:"id"`
	MethodTitle string    `json:"method_title"`
	MethodID    string    `json:"method_id"`
	InstanceID  string    `json:"instance_id"`
	Total       Decimal   `json:"total"`
	TotalTax    Decimal   `json:"total_tax"`
	Taxes       []LineTax `json:"taxes"`
	TaxStatus   string    `json:"tax_status,omitzero"`
	MetaData    MetaList  `json:"meta_data"`
}

// FeeLine is a fee of an order.
type FeeLine struct {
	ID        int64     `json:"id"`
	Name      string    `json:"name"`
	TaxClass  string    `json:"tax_class"`
	TaxStatus string    `json:"tax_status"`
	Amount    Decimal   `json:"amount,omitzero"`
	Total     Decimal   `json:"total"`
	TotalTax  Decimal   `json:"total_tax"`
	Taxes     []LineTax `json:"taxes"`
	MetaData  MetaList  `json:"meta_data"`
}

// CouponLine is a coupon applied to an order.
type CouponLine struct {
	ID            int64    `json:"id"`
	Code          string   `json:"code"`
	Discount      Decimal  `json:"discount"`
	DiscountTax   Decimal  `json:"discount_tax"`
	DiscountType  string   `json:"discount_type,omitzero"`
	NominalAmount Decimal  `json:"nominal_amount,omitzero"`
	FreeShipping  bool     `json:"free_shipping,omitzero"`
	MetaData      MetaList `json:"meta_data"`
}

// OrderRefundRef is a refund as an order lists it; Total is negative
// ("-10.00").
type OrderRefundRef struct {
	ID     int64   `json:"id"`
	Reason string  `json:"reason"`
	Total  Decimal `json:"total"`
}

// OrderRequest creates or updates an order; only set fields are sent. On
// update, line items with an ID change that line and lines without one are
// added.
type OrderRequest struct {
	ParentID           *int64   `json:"parent_id,omitempty"`
	Status             string   `json:"status,omitzero"`
	Currency           string   `json:"currency,omitzero"`
	CustomerID         *int64   `json:"customer_id,omitempty"`
	CustomerNote       *string  `json:"customer_note,omitempty"`
	Billing            *Address `json:"billing,omitempty"`
	Shipping           *Address `json:"shipping,omitempty"`
	PaymentMethod      string   `json:"payment_method,omitzero"`
	PaymentMethodTitle string   `json:"payment_method_title,omitzero"`
	TransactionID      *string  `json:"transaction_id,omitempty"`
	// MetaData is where a sync keeps its own reference to the order, to
	// find it again after a create that timed out.
	MetaData      []MetaData            `json:"meta_data,omitzero"`
	LineItems     []LineItemRequest     `json:"line_items,omitzero"`
	ShippingLines []ShippingLineRequest `json:"shipping_lines,omitzero"`
	FeeLines      []FeeLineRequest      `json:"fee_lines,omitzero"`
	CouponLines   []CouponLineRequest   `json:"coupon_lines,omitzero"`
	// SetPaid marks the order paid: status becomes processing and stock is
	// reduced.
	SetPaid *bool `json:"set_paid,omitempty"`
}

// LineItemRequest is a line of an OrderRequest. A line with ProductID 0 and
// a Name is a product the catalogue does not know (a POS "quick" product).
type LineItemRequest struct {
	ID          int64  `json:"id,omitzero"`
	Name        string `json:"name,omitzero"`
	ProductID   int64  `json:"product_id,omitzero"`
	VariationID int64  `json:"variation_id,omitzero"`
	// Quantity is sent as a numeric string ("2"), which WordPress accepts
	// for the integer schema type.
	Quantity Decimal    `json:"quantity,omitzero"`
	TaxClass *string    `json:"tax_class,omitempty"`
	SKU      string     `json:"sku,omitzero"`
	Subtotal Decimal    `json:"subtotal,omitzero"`
	Total    Decimal    `json:"total,omitzero"`
	MetaData []MetaData `json:"meta_data,omitzero"`
}

// ShippingLineRequest is a shipping line of an OrderRequest.
type ShippingLineRequest struct {
	ID          int64      `json:"id,omitzero"`
	MethodID    string     `json:"method_id,omitzero"`
	MethodTitle string     `json:"method_title,omitzero"`
	InstanceID  string     `json:"instance_id,omitzero"`
	Total       Decimal    `json:"total,omitzero"`
	MetaData    []MetaData `json:"meta_data,omitzero"`
}

// FeeLineRequest is a fee line of an OrderRequest.
type FeeLineRequest struct {
	ID        int64      `json:"id,omitzero"`
	Name      string     `json:"name,omitzero"`
	TaxClass  *string    `json:"tax_class,omitempty"`
	TaxStatus string     `json:"tax_status,omitzero"`
	Total     Decimal    `json:"total,omitzero"`
	MetaData  []MetaData `json:"meta_data,omitzero"`
}

// CouponLineRequest applies a coupon by code.
type CouponLineRequest struct {
	ID       int64      `json:"id,omitzero"`
	Code     string     `json:"code"`
	MetaData []MetaData `json:"meta_data,omitzero"`
}

// OrderListOptions filters GET /orders.
type OrderListOptions struct {
	ListOptions
	DateFilters
	// Search matches the order's addresses, email, items and number.
	Search string `url:"search,omitempty"`
	// Status limits to these statuses (any, pending, processing, on-hold,
	// completed, cancelled, refunded, failed, trash, ...).
	Status   []string `url:"status,comma,omitempty"`
	Customer int64    `url:"customer,omitempty"`
	// Product limits to orders containing this product.
	Product       int64   `url:"product,omitempty"`
	Include       []int64 `url:"include,comma,omitempty"`
	Exclude       []int64 `url:"exclude,comma,omitempty"`
	Parent        []int64 `url:"parent,comma,omitempty"`
	ParentExclude []int64 `url:"parent_exclude,comma,omitempty"`
	// CreatedVia limits to orders created by these channels (admin,
	// checkout, rest-api, ...).
	CreatedVia []string `url:"created_via,comma,omitempty"`
	// DecimalPlaces (dp) is the number of decimals in money values.
	DecimalPlaces *int   `url:"dp,omitempty"`
	Order         string `url:"order,omitempty"`
	OrderBy       string `url:"orderby,omitempty"`
}

// OrdersService manages orders: GET/POST /orders, GET/PUT/DELETE
// /orders/{id}, POST /orders/batch.
type OrdersService struct{ c *Client }

// Get returns the order with id.
func (s *OrdersService) Get(ctx context.Context, id int64) (*Order, error) {
	op := fmt.Sprintf("get order %d", id)
	if err := checkID(op, id); err != nil {
		return nil, err
	}
	return get[Order](ctx, s.c, op, fmt.Sprintf("orders/%d", id), nil)
}

// List returns one page of orders.
func (s *OrdersService) List(ctx context.Context, opts *OrderListOptions) ([]Order, *Page, error) {
	return list[Order](ctx, s.c, "list orders", "orders", opts)
}

// All iterates over every order matching opts. When opts sets no OrderBy it
// sorts by id (ascending unless opts.Order says otherwise), so that each of
// the orders comes exactly once: the store's default order, by date, gives
// orders that tie no stable order across pages. An OrderBy set in opts is
// kept; one that is not unique (date, modified, ...) can repeat or skip
// orders across pages.
func (s *OrdersService) All(ctx context.Context, opts *OrderListOptions) iter.Seq2[Order, error] {
	return all[Order](ctx, s.c, "list orders", "orders", opts)
}

// Create creates an order. It is not retried after a 5xx or a network
// error: put a reference in MetaData and look for it before trying again.
func (s *OrdersService) Create(ctx context.Context, req OrderRequest) (*Order, error) {
	return create[Order](ctx, s.c, "create order", "orders", req)
}

// Update changes the fields set in req on order id.
func (s *OrdersService) Update(ctx context.Context, id int64, req OrderRequest) (*Order, error) {
	op := fmt.Sprintf("update order %d", id)
	if err := checkID(op, id); err != nil {
		return nil, err
	}
	return update[Order](ctx, s.c, op, fmt.Sprintf("orders/%d", id), req)
}

// Delete moves order id to the trash, or deletes it for good when force is
// true. Trashing an order by REST sends no webhook.
func (s *OrdersService) Delete(ctx context.Context, id int64, force bool) (*Order, error) {
	op := fmt.Sprintf("delete order %d", id)
	if err := checkID(op, id); err != nil {
		return nil, err
	}
	return remove[Order](ctx, s.c, op, fmt.Sprintf("orders/%d", id), forceQuery(force))
}

// Batch creates, updates and deletes orders.
func (s *OrdersService) Batch(ctx context.Context, req BatchRequest[OrderRequest]) (*BatchResult[Order], error) {
	return batch[Order](ctx, s.c, "batch orders", "orders", req)
}
