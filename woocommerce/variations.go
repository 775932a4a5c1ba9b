package woocommerce

import (
	"context"
	"fmt"
	"iter"
)

// Variation is a variation of a variable product
// (GET /products/{product_id}/variations/{id}).
type Variation struct {
	ID                int64      `json:"id"`
	Type              string     `json:"type"`
	ParentID          int64      `json:"parent_id"`
	Name              string     `json:"name"`
	DateCreated       Time       `json:"date_created"`
	DateCreatedGMT    Time       `json:"date_created_gmt"`
	DateModified      Time       `json:"date_modified"`
	DateModifiedGMT   Time       `json:"date_modified_gmt"`
	Description       string     `json:"description"`
	Permalink         string     `json:"permalink"`
	SKU               string     `json:"sku"`
	GlobalUniqueID    string     `json:"global_unique_id"`
	Price             Decimal    `json:"price"`
	RegularPrice      Decimal    `json:"regular_price"`
	SalePrice         Decimal    `json:"sale_price"`
	DateOnSaleFrom    Time       `json:"date_on_sale_from"`
	DateOnSaleFromGMT Time       `json:"date_on_sale_from_gmt"`
	DateOnSaleTo      Time       `json:"date_on_sale_to"`
	DateOnSaleToGMT   Time       `json:"date_on_sale_to_gmt"`
	OnSale            bool       `json:"on_sale"`
	Status            string     `json:"status"`
	Purchasable       bool       `json:"purchasable"`
	Virtual           bool       `json:"virtual"`
	Downloadable      bool       `json:"downloadable"`
	Downloads         []Download `json:"downloads"`
	DownloadLimit     int64      `json:"download_limit"`
	DownloadExpiry    int64      `json:"download_expiry"`
	TaxStatus         string     `json:"tax_status"`
	TaxClass          string     `json:"tax_class"`
	// ManageStock is StockManagedByParent when the parent product keeps
	// the stock; StockQuantity is then the parent's.
	ManageStock       ManageStock `json:"manage_stock"`
	StockQuantity     NullInt     `json:"stock_quantity"`
	StockStatus       string      `json:"stock_status"`
	Backorders        string      `json:"backorders"`
	BackordersAllowed bool        `json:"backorders_allowed"`
	Backordered       bool        `json:"backordered"`
	LowStockAmount    NullInt     `json:"low_stock_amount"`
	Weight            string      `json:"weight"`
	Dimensions        Dimensions  `json:"dimensions"`
	ShippingClass     string      `json:"shipping_class"`
	ShippingClassID   int64       `json:"shipping_class_id"`
	// Image is nil when the variation has no image of its own.
	Image      *Image               `json:"image"`
	Attributes []VariationAttribute `json:"attributes"`
	MenuOrder  int64                `json:"menu_order"`
	MetaData   MetaList             `json:"meta_data"`
	Links      Links                `json:"_links,omitzero"`
}

// VariationAttribute is the option a variation takes for one attribute
// ({"id":1,"name":"Size","slug":"pa_size","option":"M"}).
type VariationAttribute struct {
	ID     int64  `json:"id"`
	Name   string `json:"name,omitzero"`
	Slug   string `json:"slug,omitzero"`
	Option string `json:"option"`
}

// VariationRequest creates or updates a variation; only set fields are sent
// (see ProductRequest).
type VariationRequest struct {
	Description       *string    `json:"description,omitempty"`
	SKU               *string    `json:"sku,omitempty"`
	GlobalUniqueID    *string    `json:"global_unique_id,omitempty"`
	RegularPrice      Decimal    `json:"regular_price,omitzero"`
	SalePrice         *Decimal   `json:"sale_price,omitempty"`
	DateOnSaleFromGMT *Time      `json:"date_on_sale_from_gmt,omitempty"`
	DateOnSaleToGMT   *Time      `json:"date_on_sale_to_gmt,omitempty"`
	Status            string     `json:"status,omitzero"`
	Virtual           *bool      `json:"virtual,omitempty"`
	Downloadable      *bool      `json:"downloadable,omitempty"`
	Downloads         []Download `json:"downloads,omitzero"`
	DownloadLimit     *int64     `json:"download_limit,omitempty"`
	DownloadExpiry    *int64     `json:"download_expiry,omitempty"`
	TaxStatus         string     `json:"tax_status,omitzero"`
	TaxClass          *string    `json:"tax_class,omitempty"`
	// ManageStock is a boolean in requests; "parent" is read-only.
	ManageStock    *bool                `json:"manage_stock,omitempty"`
	StockQuantity  *int64               `json:"stock_quantity,omitempty"`
	StockStatus    string               `json:"stock_status,omitzero"`
	Backorders     string               `json:"backorders,omitzero"`
	LowStockAmount *int64               `json:"low_stock_amount,omitempty"`
	Weight         *string              `json:"weight,omitempty"`
	Dimensions     *Dimensions          `json:"dimensions,omitempty"`
	ShippingClass  *string              `json:"shipping_class,omitempty"`
	Image          *ImageRequest        `json:"image,omitempty"`
	Attributes     []VariationAttribute `json:"attributes,omitzero"`
	MenuOrder      *int64               `json:"menu_order,omitempty"`
	MetaData       []MetaData           `json:"meta_data,omitzero"`
}

// VariationListOptions filters GET /products/{id}/variations.
type VariationListOptions struct {
	ListOptions
	DateFilters
	Search      string  `url:"search,omitempty"`
	SKU         string  `url:"sku,omitempty"`
	Status      string  `url:"status,omitempty"`
	Include     []int64 `url:"include,comma,omitempty"`
	Exclude     []int64 `url:"exclude,comma,omitempty"`
	OnSale      *bool   `url:"on_sale,omitempty"`
	MinPrice    string  `url:"min_price,omitempty"`
	MaxPrice    string  `url:"max_price,omitempty"`
	StockStatus string  `url:"stock_status,omitempty"`
	Order       string  `url:"order,omitempty"`
	OrderBy     string  `url:"orderby,omitempty"`
}

// VariationsService manages the variations of a variable product under
// /products/{product_id}/variations.
type VariationsService struct{ c *Client }

func variationsPath(productID int64) string { return fmt.Sprintf("products/%d/variations", productID) }

// Get returns variation id of product productID.
func (s *VariationsService) Get(ctx context.Context, productID, id int64) (*Variation, error) {
	op := fmt.Sprintf("get variation %d of product %d", id, productID)
	if err := checkID(op, productID, id); err != nil {
		return nil, err
	}
	return get[Variation](ctx, s.c, op, fmt.Sprintf("%s/%d", variationsPath(productID), id), nil)
}

// List returns one page of the variations of productID.
func (s *VariationsService) List(ctx context.Context, productID int64, opts *VariationListOptions) ([]Variation, *Page, error) {
	op := fmt.Sprintf("list variations of product %d", productID)
	if err := checkID(op, productID); err != nil {
		return nil, nil, err
	}
	return list[Variation](ctx, s.c, op, variationsPath(productID), opts)
}

// All iterates over every variation of productID matching opts. When opts
// sets no OrderBy it sorts by id (ascending unless opts.Order says
// otherwise), so that each of the variations comes exactly once: the store's
// default order, by date, gives variations that tie no stable order across
// pages. An OrderBy set in opts is kept; one that is not unique (date,
// modified, menu_order, ...) can repeat or skip variations across pages.
func (s *VariationsService) All(ctx context.Context, productID int64, opts *VariationListOptions) iter.Seq2[Variation, error] {
	op := fmt.Sprintf("list variations of product %d", productID)
	if err := checkID(op, productID); err != nil {
		return errSeq[Variation](err)
	}
	return all[Variation](ctx, s.c, op, variationsPath(productID), opts)
}

// Create creates a variation of productID. It is not retried after a 5xx.
func (s *VariationsService) Create(ctx context.Context, productID int64, req VariationRequest) (*Variation, error) {
	op := fmt.Sprintf("create variation of product %d", productID)
	if err := checkID(op, productID); err != nil {
		return nil, err
	}
	return create[Variation](ctx, s.c, op, variationsPath(productID), req)
}

// Update changes the fields set in req on variation id of productID.
func (s *VariationsService) Update(ctx context.Context, productID, id int64, req VariationRequest) (*Variation, error) {
	op := fmt.Sprintf("update variation %d of product %d", id, productID)
	if err := checkID(op, productID, id); err != nil {
		return nil, err
	}
	return update[Variation](ctx, s.c, op, fmt.Sprintf("%s/%d", variationsPath(productID), id), req)
}

// Delete deletes variation id of productID (to the trash unless force).
func (s *VariationsService) Delete(ctx context.Context, productID, id int64, force bool) (*Variation, error) {
	op := fmt.Sprintf("delete variation %d of product %d", id, productID)
	if err := checkID(op, productID, id); err != nil {
		return nil, err
	}
	return remove[Variation](ctx, s.c, op, fmt.Sprintf("%s/%d", variationsPath(productID), id), forceQuery(force))
}

// Batch creates, updates and deletes variations of productID.
func (s *VariationsService) Batch(ctx context.Context, productID int64, req BatchRequest[VariationRequest]) (*BatchResult[Variation], error) {
	op := fmt.Sprintf("batch variations of product %d", productID)
	if err := checkID(op, productID); err != nil {
		return nil, err
	}
	return batch[Variation](ctx, s.c, op, variationsPath(productID), req)
}
