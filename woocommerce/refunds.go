package woocommerce

import (
	"context"
	"fmt"
	"iter"
)

// Refund is a refund of an order (GET /orders/{order_id}/refunds/{id}).
// Its line totals are negative.
type Refund struct {
	ID              int64          `json:"id"`
	DateCreated     Time           `json:"date_created"`
	DateCreatedGMT  Time           `json:"date_created_gmt"`
	Amount          Decimal        `json:"amount"`
	Reason          string         `json:"reason"`
	RefundedBy      int64          `json:"refunded_by"`
	RefundedPayment bool           `json:"refunded_payment"`
	MetaData        MetaList       `json:"meta_data"`
	LineItems       []LineItem     `json:"line_items"`
	ShippingLines   []ShippingLine `json:"shipping_lines"`
	TaxLines        []TaxLine      `json:"tax_lines"`
	FeeLines        []FeeLine      `json:"fee_lines"`
	Links           Links          `json:"_links,omitzero"`
}

// RefundRequest refunds an order.
type RefundRequest struct {
	// Amount is the total refunded; required unless LineItems say it.
	Amount     Decimal             `json:"amount,omitzero"`
	Reason     string              `json:"reason,omitzero"`
	RefundedBy *int64              `json:"refunded_by,omitempty"`
	MetaData   []MetaData          `json:"meta_data,omitzero"`
	LineItems  []RefundLineRequest `json:"line_items,omitzero"`
	// APIRefund asks the payment gateway to pay the money back. WooCommerce
	// defaults to true, so set it to Ptr(false) to record a refund made
	// elsewhere (at the POS counter, say).
	APIRefund *bool `json:"api_refund,omitempty"`
	// APIRestock puts refunded items back in stock (WooCommerce's default
	// is true).
	APIRestock *bool `json:"api_restock,omitempty"`
}

// RefundLineRequest refunds (part of) one order line, by the line's id.
type RefundLineRequest struct {
	ID          int64           `json:"id"`
	Quantity    Decimal         `json:"quantity,omitzero"`
	RefundTotal Decimal         `json:"refund_total,omitzero"`
	RefundTax   []RefundTaxLine `json:"refund_tax,omitzero"`
}

// RefundTaxLine is the tax refunded for one tax rate of a line.
type RefundTaxLine struct {
	ID          int64   `json:"id"`
	RefundTotal Decimal `json:"refund_total"`
}

// RefundListOptions filters GET /orders/{id}/refunds.
type RefundListOptions struct {
	ListOptions
	DateFilters
	Search        string  `url:"search,omitempty"`
	Include       []int64 `url:"include,comma,omitempty"`
	Exclude       []int64 `url:"exclude,comma,omitempty"`
	DecimalPlaces *int    `url:"dp,omitempty"`
	Order         string  `url:"order,omitempty"`
	OrderBy       string  `url:"orderby,omitempty"`
}

// RefundsService manages the refunds of an order under
// /orders/{order_id}/refunds. Refunds cannot be updated.
type RefundsService struct{ c *Client }

func refundsPath(orderID int64) string { return fmt.Sprintf("orders/%d/refunds", orderID) }

// Get returns refund id of orderID.
func (s *RefundsService) Get(ctx context.Context, orderID, id int64) (*Refund, error) {
	op := fmt.Sprintf("get refund %d of order %d", id, orderID)
	if err := checkID(op, orderID, id); err != nil {
		return nil, err
	}
	return get[Refund](ctx, s.c, op, fmt.Sprintf("%s/%d", refundsPath(orderID), id), nil)
}

// List returns one page of the refunds of orderID.
func (s *RefundsService) List(ctx context.Context, orderID int64, opts *RefundListOptions) ([]Refund, *Page, error) {
	op := fmt.Sprintf("list refunds of order %d", orderID)
	if err := checkID(op, orderID); err != nil {
		return nil, nil, err
	}
	return list[Refund](ctx, s.c, op, refundsPath(orderID), opts)
}

// All iterates over every refund of orderID matching opts. When opts sets no
// OrderBy it sorts by id (ascending unless opts.Order says otherwise), so
// that each of the refunds comes exactly once: the store's default order, by
// date, gives refunds that tie no stable order across pages. An OrderBy set
// in opts is kept; one that is not unique (date, modified, ...) can repeat or
// skip refunds across pages.
func (s *RefundsService) All(ctx context.Context, orderID int64, opts *RefundListOptions) iter.Seq2[Refund, error] {
	op := fmt.Sprintf("list refunds of order %d", orderID)
	if err := checkID(op, orderID); err != nil {
		return errSeq[Refund](err)
	}
	return all[Refund](ctx, s.c, op, refundsPath(orderID), opts)
}

// Create refunds orderID. It is never retried after a 5xx: a refund sent
// twice may pay the customer twice.
func (s *RefundsService) Create(ctx context.Context, orderID int64, req RefundRequest) (*Refund, error) {
	op := fmt.Sprintf("create refund of order %d", orderID)
	if err := checkID(op, orderID); err != nil {
		return nil, err
	}
	return create[Refund](ctx, s.c, op, refundsPath(orderID), req)
}

// Delete deletes refund id of orderID for good. It does not pay anything
// back to, or take anything from, the customer.
func (s *RefundsService) Delete(ctx context.Context, orderID, id int64) (*Refund, error) {
	op := fmt.Sprintf("delete refund %d of order %d", id, orderID)
	if err := checkID(op, orderID, id); err != nil {
		return nil, err
	}
	return remove[Refund](ctx, s.c, op, fmt.Sprintf("%s/%d", refundsPath(orderID), id), forceQuery(true))
}
