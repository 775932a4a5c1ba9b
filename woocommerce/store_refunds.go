package woocommerce

import (
	"context"
	"iter"
)

// StoreRefund is a refund as GET /refunds lists it: a Refund with the id of
// the order it belongs to.
type StoreRefund struct {
	// ParentID is the id of the refunded order.
	ParentID int64 `json:"parent_id"`
	Refund
}

// ListAcrossOrders returns one page of the refunds of every order
// (GET /refunds, WooCommerce 9.0 and later; older stores answer 404
// rest_no_route), the way to find refunds made since a given date without
// walking the orders. opts filter as for List.
func (s *RefundsService) ListAcrossOrders(ctx context.Context, opts *RefundListOptions) ([]StoreRefund, *Page, error) {
	return list[StoreRefund](ctx, s.c, "list refunds", "refunds", opts)
}

// AllAcrossOrders iterates over the refunds of every order matching opts
// (GET /refunds, WooCommerce 9.0 and later). When opts sets no OrderBy it
// sorts by id (ascending unless opts.Order says otherwise), so that each of
// the refunds comes exactly once: the store's default order, by date, gives
// refunds that tie no stable order across pages. An OrderBy set in opts is
// kept; one that is not unique (date, modified, ...) can repeat or skip
// refunds across pages.
func (s *RefundsService) AllAcrossOrders(ctx context.Context, opts *RefundListOptions) iter.Seq2[StoreRefund, error] {
	return all[StoreRefund](ctx, s.c, "list refunds", "refunds", opts)
}
