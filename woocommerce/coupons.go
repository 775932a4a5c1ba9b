package woocommerce

import (
	"context"
	"fmt"
	"iter"
)

// Coupon is a coupon as the store returns it (GET /coupons/{id}).
type Coupon struct {
	ID              int64   `json:"id"`
	Code            string  `json:"code"`
	Amount          Decimal `json:"amount"`
	Status          string  `json:"status,omitzero"`
	DateCreated     Time    `json:"date_created"`
	DateCreatedGMT  Time    `json:"date_created_gmt"`
	DateModified    Time    `json:"date_modified"`
	DateModifiedGMT Time    `json:"date_modified_gmt"`
	// DiscountType is percent, fixed_cart or fixed_product.
	DiscountType              string   `json:"discount_type"`
	Description               string   `json:"description"`
	DateExpires               Time     `json:"date_expires"`
	DateExpiresGMT            Time     `json:"date_expires_gmt"`
	UsageCount                int64    `json:"usage_count"`
	IndividualUse             bool     `json:"individual_use"`
	ProductIDs                []int64  `json:"product_ids"`
	ExcludedProductIDs        []int64  `json:"excluded_product_ids"`
	UsageLimit                NullInt  `json:"usage_limit"`
	UsageLimitPerUser         NullInt  `json:"usage_limit_per_user"`
	LimitUsageToXItems        NullInt  `json:"limit_usage_to_x_items"`
	FreeShipping              bool     `json:"free_shipping"`
	ProductCategories         []int64  `json:"product_categories"`
	ExcludedProductCategories []int64  `json:"excluded_product_categories"`
	ExcludeSaleItems          bool     `json:"exclude_sale_items"`
	MinimumAmount             Decimal  `json:"minimum_amount"`
	MaximumAmount             Decimal  `json:"maximum_amount"`
	EmailRestrictions         []string `json:"email_restrictions"`
	// UsedBy lists who used the coupon: user ids as strings, or emails of
	// guests.
	UsedBy   []string `json:"used_by"`
	MetaData MetaList `json:"meta_data"`
	Links    Links    `json:"_links,omitzero"`
}

// CouponRequest creates or updates a coupon; only set fields are sent.
type CouponRequest struct {
	Code                      string     `json:"code,omitzero"`
	Amount                    Decimal    `json:"amount,omitzero"`
	Status                    string     `json:"status,omitzero"`
	DiscountType              string     `json:"discount_type,omitzero"`
	Description               *string    `json:"description,omitempty"`
	DateExpiresGMT            *Time      `json:"date_expires_gmt,omitempty"`
	IndividualUse             *bool      `json:"individual_use,omitempty"`
	ProductIDs                []int64    `json:"product_ids,omitzero"`
	ExcludedProductIDs        []int64    `json:"excluded_product_ids,omitzero"`
	UsageLimit                *int64     `json:"usage_limit,omitempty"`
	UsageLimitPerUser         *int64     `json:"usage_limit_per_user,omitempty"`
	LimitUsageToXItems        *int64     `json:"limit_usage_to_x_items,omitempty"`
	FreeShipping              *bool      `json:"free_shipping,omitempty"`
	ProductCategories         []int64    `json:"product_categories,omitzero"`
	ExcludedProductCategories []int64    `json:"excluded_product_categories,omitzero"`
	ExcludeSaleItems          *bool      `json:"exclude_sale_items,omitempty"`
	MinimumAmount             *Decimal   `json:"minimum_amount,omitempty"`
	MaximumAmount             *Decimal   `json:"maximum_amount,omitempty"`
	EmailRestrictions         []string   `json:"email_restrictions,omitzero"`
	MetaData                  []MetaData `json:"meta_data,omitzero"`
}

// CouponListOptions filters GET /coupons.
type CouponListOptions struct {
	ListOptions
	DateFilters
	// Code matches the coupon with exactly this code.
	Code    string  `url:"code,omitempty"`
	Search  string  `url:"search,omitempty"`
	Include []int64 `url:"include,comma,omitempty"`
	Exclude []int64 `url:"exclude,comma,omitempty"`
	Order   string  `url:"order,omitempty"`
	OrderBy string  `url:"orderby,omitempty"`
}

// CouponsService manages coupons: GET/POST /coupons,
// GET/PUT/DELETE /coupons/{id}, POST /coupons/batch.
type CouponsService struct{ c *Client }

// Get returns the coupon with id.
func (s *CouponsService) Get(ctx context.Context, id int64) (*Coupon, error) {
	op := fmt.Sprintf("get coupon %d", id)
	if err := checkID(op, id); err != nil {
		return nil, err
	}
	return get[Coupon](ctx, s.c, op, fmt.Sprintf("coupons/%d", id), nil)
}

// List returns one page of coupons.
func (s *CouponsService) List(ctx context.Context, opts *CouponListOptions) ([]Coupon, *Page, error) {
	return list[Coupon](ctx, s.c, "list coupons", "coupons", opts)
}

// All iterates over every coupon matching opts. When opts sets no OrderBy it
// sorts by id (ascending unless opts.Order says otherwise), so that each of
// the coupons comes exactly once: the store's default order, by date, gives
// coupons that tie no stable order across pages. An OrderBy set in opts is
// kept; one that is not unique (date, modified, title, ...) can repeat or
// skip coupons across pages.
func (s *CouponsService) All(ctx context.Context, opts *CouponListOptions) iter.Seq2[Coupon, error] {
	return all[Coupon](ctx, s.c, "list coupons", "coupons", opts)
}

// Create creates a coupon. It is not retried after a 5xx.
func (s *CouponsService) Create(ctx context.Context, req CouponRequest) (*Coupon, error) {
	return create[Coupon](ctx, s.c, "create coupon", "coupons", req)
}

// Update changes the fields set in req on coupon id.
func (s *CouponsService) Update(ctx context.Context, id int64, req CouponRequest) (*Coupon, error) {
	op := fmt.Sprintf("update coupon %d", id)
	if err := checkID(op, id); err != nil {
		return nil, err
	}
	return update[Coupon](ctx, s.c, op, fmt.Sprintf("coupons/%d", id), req)
}

// Delete moves coupon id to the trash, or deletes it for good when force is
// true.
func (s *CouponsService) Delete(ctx context.Context, id int64, force bool) (*Coupon, error) {
	op := fmt.Sprintf("delete coupon %d", id)
	if err := checkID(op, id); err != nil {
		return nil, err
	}
	return remove[Coupon](ctx, s.c, op, fmt.Sprintf("coupons/%d", id), forceQuery(force))
}

// Batch creates, updates and deletes coupons.
func (s *CouponsService) Batch(ctx context.Context, req BatchRequest[CouponRequest]) (*BatchResult[Coupon], error) {
	return batch[Coupon](ctx, s.c, "batch coupons", "coupons", req)
}
