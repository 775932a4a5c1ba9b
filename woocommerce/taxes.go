package woocommerce

import (
	"context"
	"fmt"
	"iter"
)

// TaxRate is a tax rate (GET /taxes/{id}).
type TaxRate struct {
	ID int64 `json:"id"`
	// Country is an ISO 3166 code; "" matches every country.
	Country string `json:"country"`
	// State is a state code; "" matches every state.
	State string `json:"state"`
	// Postcode and City join Postcodes and Cities with ";". They are
	// deprecated since WooCommerce 5.3.
	Postcode string `json:"postcode"`
	City     string `json:"city"`
	// Postcodes and Cities limit the rate to these places (WooCommerce 5.3
	// and later).
	Postcodes []string `json:"postcodes,omitzero"`
	Cities    []string `json:"cities,omitzero"`
	// Rate is a percentage sent as a string ("20.0000").
	Rate Decimal `json:"rate"`
	Name string  `json:"name"`
	// Priority: only one matching rate per priority applies.
	Priority int64 `json:"priority"`
	// Compound rates apply on top of the others.
	Compound bool `json:"compound"`
	// Shipping reports whether the rate applies to shipping too.
	Shipping bool  `json:"shipping"`
	Order    int64 `json:"order"`
	// Class is the tax class slug; "standard" for the standard rates.
	Class string `json:"class"`
	Links Links  `json:"_links,omitzero"`
}

// TaxRateRequest creates or updates a tax rate; only set fields are sent.
type TaxRateRequest struct {
	Country *string `json:"country,omitempty"`
	State   *string `json:"state,omitempty"`
	// Postcodes and Cities replace the rate's places when not empty; the
	// store offers no way to clear them.
	Postcodes []string `json:"postcodes,omitzero"`
	Cities    []string `json:"cities,omitzero"`
	// Rate is sent as a string, as the store expects.
	Rate     Decimal `json:"rate,omitzero"`
	Name     string  `json:"name,omitzero"`
	Priority *int64  `json:"priority,omitempty"`
	Compound *bool   `json:"compound,omitempty"`
	Shipping *bool   `json:"shipping,omitempty"`
	Order    *int64  `json:"order,omitempty"`
	// Class is a tax class slug; "standard" or "" for the standard rates.
	Class string `json:"class,omitzero"`
}

// TaxRateListOptions filters GET /taxes.
type TaxRateListOptions struct {
	ListOptions
	// Offset skips this many rates; it takes precedence over Page.
	Offset int `url:"offset,omitempty"`
	// Order is asc (the default) or desc.
	Order string `url:"order,omitempty"`
	// OrderBy is id, order (the default) or priority.
	OrderBy string `url:"orderby,omitempty"`
	// Class limits to the rates of this tax class slug ("standard", ...).
	Class string `url:"class,omitempty"`
}

// TaxRatesService manages tax rates under /taxes.
type TaxRatesService struct{ c *Client }

func taxRatePath(id int64) string { return fmt.Sprintf("taxes/%d", id) }

// Get returns the tax rate with id.
func (s *TaxRatesService) Get(ctx context.Context, id int64) (*TaxRate, error) {
	op := fmt.Sprintf("get tax rate %d", id)
	if err := checkID(op, id); err != nil {
		return nil, err
	}
	return get[TaxRate](ctx, s.c, op, taxRatePath(id), nil)
}

// List returns one page of tax rates.
func (s *TaxRatesService) List(ctx context.Context, opts *TaxRateListOptions) ([]TaxRate, *Page, error) {
	return list[TaxRate](ctx, s.c, "list tax rates", "taxes", opts)
}

// All iterates over every tax rate matching opts. When opts sets no OrderBy
// it sorts by id (ascending unless opts.Order says otherwise), so that each
// of the tax rates comes exactly once: the store's default order, by their
// order field, gives tax rates that tie no stable order across pages. An
// OrderBy set in opts is kept; one that is not unique (order, priority, ...)
// can repeat or skip tax rates across pages.
func (s *TaxRatesService) All(ctx context.Context, opts *TaxRateListOptions) iter.Seq2[TaxRate, error] {
	return all[TaxRate](ctx, s.c, "list tax rates", "taxes", opts)
}

// Create creates a tax rate. It is not retried after a 5xx.
func (s *TaxRatesService) Create(ctx context.Context, req TaxRateRequest) (*TaxRate, error) {
	return create[TaxRate](ctx, s.c, "create tax rate", "taxes", req)
}

// Update changes the fields set in req on tax rate id.
func (s *TaxRatesService) Update(ctx context.Context, id int64, req TaxRateRequest) (*TaxRate, error) {
	op := fmt.Sprintf("update tax rate %d", id)
	if err := checkID(op, id); err != nil {
		return nil, err
	}
	return update[TaxRate](ctx, s.c, op, taxRatePath(id), req)
}

// Delete deletes tax rate id for good (tax rates have no trash).
func (s *TaxRatesService) Delete(ctx context.Context, id int64) (*TaxRate, error) {
	op := fmt.Sprintf("delete tax rate %d", id)
	if err := checkID(op, id); err != nil {
		return nil, err
	}
	return remove[TaxRate](ctx, s.c, op, taxRatePath(id), forceQuery(true))
}

// Batch creates, updates and deletes tax rates.
func (s *TaxRatesService) Batch(ctx context.Context, req BatchRequest[TaxRateRequest]) (*BatchResult[TaxRate], error) {
	return batch[TaxRate](ctx, s.c, "batch tax rates", "taxes", req)
}
