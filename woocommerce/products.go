package woocommerce

import (
	"context"
	"fmt"
	"iter"
)

// Product is a product as the store returns it (GET /products/{id}).
type Product struct {
	ID                int64              `json:"id"`
	Name              string             `json:"name"`
	Slug              string             `json:"slug"`
	Permalink         string             `json:"permalink"`
	DateCreated       Time               `json:"date_created"`
	DateCreatedGMT    Time               `json:"date_created_gmt"`
	DateModified      Time               `json:"date_modified"`
	DateModifiedGMT   Time               `json:"date_modified_gmt"`
	Type              string             `json:"type"`
	Status            string             `json:"status"`
	Featured          bool               `json:"featured"`
	CatalogVisibility string             `json:"catalog_visibility"`
	Description       string             `json:"description"`
	ShortDescription  string             `json:"short_description"`
	SKU               string             `json:"sku"`
	GlobalUniqueID    string             `json:"global_unique_id"`
	Price             Decimal            `json:"price"`
	RegularPrice      Decimal            `json:"regular_price"`
	SalePrice         Decimal            `json:"sale_price"`
	DateOnSaleFrom    Time               `json:"date_on_sale_from"`
	DateOnSaleFromGMT Time               `json:"date_on_sale_from_gmt"`
	DateOnSaleTo      Time               `json:"date_on_sale_to"`
	DateOnSaleToGMT   Time               `json:"date_on_sale_to_gmt"`
	PriceHTML         string             `json:"price_html"`
	OnSale            bool               `json:"on_sale"`
	Purchasable       bool               `json:"purchasable"`
	TotalSales        FlexInt            `json:"total_sales"`
	Virtual           bool               `json:"virtual"`
	Downloadable      bool               `json:"downloadable"`
	Downloads         []Download         `json:"downloads"`
	DownloadLimit     int64              `json:"download_limit"`
	DownloadExpiry    int64              `json:"download_expiry"`
	ExternalURL       string             `json:"external_url"`
	ButtonText        string             `json:"button_text"`
	TaxStatus         string             `json:"tax_status"`
	TaxClass          string             `json:"tax_class"`
	ManageStock       ManageStock        `json:"manage_stock"`
	StockQuantity     NullInt            `json:"stock_quantity"`
	StockStatus       string             `json:"stock_status"`
	Backorders        string             `json:"backorders"`
	BackordersAllowed bool               `json:"backorders_allowed"`
	Backordered       bool               `json:"backordered"`
	LowStockAmount    NullInt            `json:"low_stock_amount"`
	SoldIndividually  bool               `json:"sold_individually"`
	Weight            string             `json:"weight"`
	Dimensions        Dimensions         `json:"dimensions"`
	ShippingRequired  bool               `json:"shipping_required"`
	ShippingTaxable   bool               `json:"shipping_taxable"`
	ShippingClass     string             `json:"shipping_class"`
	ShippingClassID   int64              `json:"shipping_class_id"`
	ReviewsAllowed    bool               `json:"reviews_allowed"`
	AverageRating     Decimal            `json:"average_rating"`
	RatingCount       int64              `json:"rating_count"`
	RelatedIDs        []int64            `json:"related_ids"`
	UpsellIDs         []int64            `json:"upsell_ids"`
	CrossSellIDs      []int64            `json:"cross_sell_ids"`
	ParentID          int64              `json:"parent_id"`
	PurchaseNote      string             `json:"purchase_note"`
	Categories        []TermRef          `json:"categories"`
	Tags              []TermRef          `json:"tags"`
	Brands            []TermRef          `json:"brands"`
	Images            []Image            `json:"images"`
	Attributes        []ProductAttribute `json:"attributes"`
	DefaultAttributes []DefaultAttribute `json:"default_attributes"`
	Variations        []int64            `json:"variations"`
	GroupedProducts   []int64            `json:"grouped_products"`
	MenuOrder         int64              `json:"menu_order"`
	HasOptions        bool               `json:"has_options"`
	PostPassword      string             `json:"post_password"`
	MetaData          MetaList           `json:"meta_data"`
	// PermalinkTemplate and GeneratedSlug are sent in the "edit" context
	// (answers to writes).
	PermalinkTemplate string `json:"permalink_template,omitzero"`
	GeneratedSlug     string `json:"generated_slug,omitzero"`
	Links             Links  `json:"_links,omitzero"`
}

// TermRef is a category, tag or brand as a product lists it.
type TermRef struct {
	ID   int64  `json:"id"`
	Name string `json:"name"`
	Slug string `json:"slug"`
}

// Download is a downloadable file of a product or variation.
type Download struct {
	ID   string `json:"id"`
	Name string `json:"name"`
	File string `json:"file"`
}

// ProductAttribute is an attribute of a product: a global one (ID set) or a
// custom one (ID 0), with the options it offers.
type ProductAttribute struct {
	ID        int64    `json:"id"`
	Name      string   `json:"name"`
	Slug      string   `json:"slug,omitzero"`
	Position  int64    `json:"position"`
	Visible   bool     `json:"visible"`
	Variation bool     `json:"variation"`
	Options   []string `json:"options"`
}

// DefaultAttribute is a variable product's default choice for an attribute.
type DefaultAttribute struct {
	ID     int64  `json:"id"`
	Name   string `json:"name"`
	Option string `json:"option"`
}

// ProductRequest creates or updates a product. Only the fields that are set
// are sent, so an update changes only them. Pointer fields are those where
// the zero value is a meaningful change (false, 0, ""); a nil slice is left
// out and an empty non-nil slice clears the list.
type ProductRequest struct {
	Name              string  `json:"name,omitzero"`
	Slug              string  `json:"slug,omitzero"`
	Type              string  `json:"type,omitzero"`
	Status            string  `json:"status,omitzero"`
	Featured          *bool   `json:"featured,omitempty"`
	CatalogVisibility string  `json:"catalog_visibility,omitzero"`
	Description       *string `json:"description,omitempty"`
	ShortDescription  *string `json:"short_description,omitempty"`
	SKU               *string `json:"sku,omitempty"`
	GlobalUniqueID    *string `json:"global_unique_id,omitempty"`
	RegularPrice      Decimal `json:"regular_price,omitzero"`
	// SalePrice set to a pointer to the unset Decimal sends "" and ends a
	// sale.
	SalePrice         *Decimal           `json:"sale_price,omitempty"`
	DateOnSaleFromGMT *Time              `json:"date_on_sale_from_gmt,omitempty"`
	DateOnSaleToGMT   *Time              `json:"date_on_sale_to_gmt,omitempty"`
	Virtual           *bool              `json:"virtual,omitempty"`
	Downloadable      *bool              `json:"downloadable,omitempty"`
	Downloads         []Download         `json:"downloads,omitzero"`
	DownloadLimit     *int64             `json:"download_limit,omitempty"`
	DownloadExpiry    *int64             `json:"download_expiry,omitempty"`
	ExternalURL       *string            `json:"external_url,omitempty"`
	ButtonText        *string            `json:"button_text,omitempty"`
	TaxStatus         string             `json:"tax_status,omitzero"`
	TaxClass          *string            `json:"tax_class,omitempty"`
	ManageStock       *bool              `json:"manage_stock,omitempty"`
	StockQuantity     *int64             `json:"stock_quantity,omitempty"`
	StockStatus       string             `json:"stock_status,omitzero"`
	Backorders        string             `json:"backorders,omitzero"`
	LowStockAmount    *int64             `json:"low_stock_amount,omitempty"`
	SoldIndividually  *bool              `json:"sold_individually,omitempty"`
	Weight            *string            `json:"weight,omitempty"`
	Dimensions        *Dimensions        `json:"dimensions,omitempty"`
	ShippingClass     *string            `json:"shipping_class,omitempty"`
	ReviewsAllowed    *bool              `json:"reviews_allowed,omitempty"`
	UpsellIDs         []int64            `json:"upsell_ids,omitzero"`
	CrossSellIDs      []int64            `json:"cross_sell_ids,omitzero"`
	ParentID          *int64             `json:"parent_id,omitempty"`
	PurchaseNote      *string            `json:"purchase_note,omitempty"`
	Categories        []Ref              `json:"categories,omitzero"`
	Tags              []Ref              `json:"tags,omitzero"`
	Brands            []Ref              `json:"brands,omitzero"`
	Images            []ImageRequest     `json:"images,omitzero"`
	Attributes        []ProductAttribute `json:"attributes,omitzero"`
	DefaultAttributes []DefaultAttribute `json:"default_attributes,omitzero"`
	GroupedProducts   []int64            `json:"grouped_products,omitzero"`
	MenuOrder         *int64             `json:"menu_order,omitempty"`
	MetaData          []MetaData         `json:"meta_data,omitzero"`
}

// ProductListOptions filters GET /products.
type ProductListOptions struct {
	ListOptions
	DateFilters
	// Search matches words in the name and content.
	Search string `url:"search,omitempty"`
	// SKU matches products (and variations) whose SKU is exactly this;
	// several SKUs may be given comma-separated.
	SKU string `url:"sku,omitempty"`
	// Status is any, draft, pending, private, publish, future or trash.
	Status string `url:"status,omitempty"`
	// Type is simple, grouped, external or variable.
	Type     string  `url:"type,omitempty"`
	Slug     string  `url:"slug,omitempty"`
	Include  []int64 `url:"include,comma,omitempty"`
	Exclude  []int64 `url:"exclude,comma,omitempty"`
	Parent   []int64 `url:"parent,comma,omitempty"`
	Featured *bool   `url:"featured,omitempty"`
	// Category is a category id (comma-separated for several).
	Category string `url:"category,omitempty"`
	// Tag is a tag id (comma-separated for several).
	Tag           string `url:"tag,omitempty"`
	ShippingClass string `url:"shipping_class,omitempty"`
	Attribute     string `url:"attribute,omitempty"`
	AttributeTerm string `url:"attribute_term,omitempty"`
	TaxClass      string `url:"tax_class,omitempty"`
	OnSale        *bool  `url:"on_sale,omitempty"`
	MinPrice      string `url:"min_price,omitempty"`
	MaxPrice      string `url:"max_price,omitempty"`
	// StockStatus is instock, outofstock or onbackorder.
	StockStatus string `url:"stock_status,omitempty"`
	// Order is asc or desc.
	Order string `url:"order,omitempty"`
	// OrderBy is date, modified, id, include, title, slug, price,
	// popularity or rating.
	OrderBy string `url:"orderby,omitempty"`
}

// ProductsService manages products: GET/POST /products,
// GET/PUT/DELETE /products/{id}, POST /products/batch.
type ProductsService struct{ c *Client }

// Get returns the product with id.
func (s *ProductsService) Get(ctx context.Context, id int64) (*Product, error) {
	op := fmt.Sprintf("get product %d", id)
	if err := checkID(op, id); err != nil {
		return nil, err
	}
	return get[Product](ctx, s.c, op, fmt.Sprintf("products/%d", id), nil)
}

// List returns one page of products.
func (s *ProductsService) List(ctx context.Context, opts *ProductListOptions) ([]Product, *Page, error) {
	return list[Product](ctx, s.c, "list products", "products", opts)
}

// All iterates over every product matching opts, page after page. When opts
// sets no OrderBy it sorts by id (ascending unless opts.Order says
// otherwise), so that each of the products comes exactly once: the store's
// default order, by date, gives products that tie no stable order across
// pages. An OrderBy set in opts is kept; one that is not unique (date,
// modified, title, price, ...) can repeat or skip products across pages.
func (s *ProductsService) All(ctx context.Context, opts *ProductListOptions) iter.Seq2[Product, error] {
	return all[Product](ctx, s.c, "list products", "products", opts)
}

// Create creates a product. It is not retried after a 5xx or a network
// error, since the store may have created it: look it up by SKU before
// trying again.
func (s *ProductsService) Create(ctx context.Context, req ProductRequest) (*Product, error) {
	return create[Product](ctx, s.c, "create product", "products", req)
}

// Update changes the fields set in req on product id.
func (s *ProductsService) Update(ctx context.Context, id int64, req ProductRequest) (*Product, error) {
	op := fmt.Sprintf("update product %d", id)
	if err := checkID(op, id); err != nil {
		return nil, err
	}
	return update[Product](ctx, s.c, op, fmt.Sprintf("products/%d", id), req)
}

// Delete moves product id to the trash, or deletes it for good when force
// is true, and returns it as it was. Note that a forced delete of a product
// not in the trash sends no product.deleted webhook.
func (s *ProductsService) Delete(ctx context.Context, id int64, force bool) (*Product, error) {
	op := fmt.Sprintf("delete product %d", id)
	if err := checkID(op, id); err != nil {
		return nil, err
	}
	return remove[Product](ctx, s.c, op, fmt.Sprintf("products/%d", id), forceQuery(force))
}

// Batch creates, updates and deletes products in as few calls as the batch
// limit allows. Per-item failures are in the result, not in the error.
func (s *ProductsService) Batch(ctx context.Context, req BatchRequest[ProductRequest]) (*BatchResult[Product], error) {
	return batch[Product](ctx, s.c, "batch products", "products", req)
}
