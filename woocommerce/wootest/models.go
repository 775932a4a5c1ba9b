package wootest

import "encoding/json"

// Int returns a pointer to n, for the nullable integer fields
// (stock_quantity, low_stock_amount).
func Int(n int) *int { return &n }

// Link is one entry of a _links relation.
type Link struct {
	Href        string       `json:"href"`
	Embeddable  bool         `json:"embeddable,omitempty"`
	TargetHints *TargetHints `json:"targetHints,omitempty"`
}

// TargetHints lists the methods a self link allows (WordPress 6.7+).
type TargetHints struct {
	Allow []string `json:"allow"`
}

// Links is the _links object of a resource, relation name to links.
type Links map[string][]Link

// MetaData is one entry of meta_data; Value is any JSON value.
type MetaData struct {
	ID    int64  `json:"id"`
	Key   string `json:"key"`
	Value any    `json:"value"`
}

// Dimensions holds a product's dimensions, "" when unset.
type Dimensions struct {
	Length string `json:"length"`
	Width  string `json:"width"`
	Height string `json:"height"`
}

// TermRef is a category, tag or brand as a product lists it.
type TermRef struct {
	ID   int64  `json:"id"`
	Name string `json:"name"`
	Slug string `json:"slug"`
}

// Image is a product image.
type Image struct {
	ID              int64  `json:"id"`
	DateCreated     string `json:"date_created"`
	DateCreatedGMT  string `json:"date_created_gmt"`
	DateModified    string `json:"date_modified"`
	DateModifiedGMT string `json:"date_modified_gmt"`
	Src             string `json:"src"`
	Name            string `json:"name"`
	Alt             string `json:"alt"`
}

// Attribute is a product attribute ("Size": ["L", "M"]).
type Attribute struct {
	ID        int64    `json:"id"`
	Name      string   `json:"name"`
	Slug      string   `json:"slug"`
	Position  int      `json:"position"`
	Visible   bool     `json:"visible"`
	Variation bool     `json:"variation"`
	Options   []string `json:"options"`
}

// VariationAttribute is the attribute value of one variation, and a default
// attribute of a variable product.
type VariationAttribute struct {
	ID     int64  `json:"id"`
	Name   string `json:"name"`
	Slug   string `json:"slug,omitempty"`
	Option string `json:"option"`
}

// Download is a downloadable file.
type Download struct {
	ID   string `json:"id"`
	Name string `json:"name"`
	File string `json:"file"`
}

// Product is a product as GET /products/{id} answers it. It is also the
// payload of product.* webhooks, including for a variation (type
// "variation", parent_id set).
//
// For [Store.AddProduct] only the fields a shop owner enters matter (name,
// type, status, sku, prices, stock, categories by id, ...); the store
// computes the rest.
type Product struct {
	ID                int64                `json:"id"`
	Name              string               `json:"name"`
	Slug              string               `json:"slug"`
	Permalink         string               `json:"permalink"`
	DateCreated       *string              `json:"date_created"`
	DateCreatedGMT    *string              `json:"date_created_gmt"`
	DateModified      *string              `json:"date_modified"`
	DateModifiedGMT   *string              `json:"date_modified_gmt"`
	Type              string               `json:"type"`
	Status            string               `json:"status"`
	Featured          bool                 `json:"featured"`
	CatalogVisibility string               `json:"catalog_visibility"`
	Description       string               `json:"description"`
	ShortDescription  string               `json:"short_description"`
	SKU               string               `json:"sku"`
	Price             string               `json:"price"`
	RegularPrice      string               `json:"regular_price"`
	SalePrice         string               `json:"sale_price"`
	DateOnSaleFrom    *string              `json:"date_on_sale_from"`
	DateOnSaleFromGMT *string              `json:"date_on_sale_from_gmt"`
	DateOnSaleTo      *string              `json:"date_on_sale_to"`
	DateOnSaleToGMT   *string              `json:"date_on_sale_to_gmt"`
	OnSale            bool                 `json:"on_sale"`
	Purchasable       bool                 `json:"purchasable"`
	TotalSales        int                  `json:"total_sales"`
	Virtual           bool                 `json:"virtual"`
	Downloadable      bool                 `json:"downloadable"`
	Downloads         []Download           `json:"downloads"`
	DownloadLimit     int                  `json:"download_limit"`
	DownloadExpiry    int                  `json:"download_expiry"`
	ExternalURL       string               `json:"external_url"`
	ButtonText        string               `json:"button_text"`
	TaxStatus         string               `json:"tax_status"`
	TaxClass          string               `json:"tax_class"`
	ManageStock       bool                 `json:"manage_stock"`
	StockQuantity     *int                 `json:"stock_quantity"`
	Backorders        string               `json:"backorders"`
	BackordersAllowed bool                 `json:"backorders_allowed"`
	Backordered       bool                 `json:"backordered"`
	LowStockAmount    *int                 `json:"low_stock_amount"`
	SoldIndividually  bool                 `json:"sold_individually"`
	Weight            string               `json:"weight"`
	Dimensions        Dimensions           `json:"dimensions"`
	ShippingRequired  bool                 `json:"shipping_required"`
	ShippingTaxable   bool                 `json:"shipping_taxable"`
	ShippingClass     string               `json:"shipping_class"`
	ShippingClassID   int64                `json:"shipping_class_id"`
	ReviewsAllowed    bool                 `json:"reviews_allowed"`
	AverageRating     string               `json:"average_rating"`
	RatingCount       int                  `json:"rating_count"`
	UpsellIDs         []int64              `json:"upsell_ids"`
	CrossSellIDs      []int64              `json:"cross_sell_ids"`
	ParentID          int64                `json:"parent_id"`
	PurchaseNote      string               `json:"purchase_note"`
	Categories        []TermRef            `json:"categories"`
	Brands            []TermRef            `json:"brands"`
	Tags              []TermRef            `json:"tags"`
	Images            []Image              `json:"images"`
	Attributes        []Attribute          `json:"attributes"`
	DefaultAttributes []VariationAttribute `json:"default_attributes"`
	Variations        []int64              `json:"variations"`
	GroupedProducts   []int64              `json:"grouped_products"`
	MenuOrder         int                  `json:"menu_order"`
	PriceHTML         string               `json:"price_html"`
	RelatedIDs        []int64              `json:"related_ids"`
	MetaData          []MetaData           `json:"meta_data"`
	StockStatus       string               `json:"stock_status"`
	HasOptions        bool                 `json:"has_options"`
	PostPassword      string               `json:"post_password"`
	GlobalUniqueID    string               `json:"global_unique_id"`
	PermalinkTemplate string               `json:"permalink_template,omitempty"`
	GeneratedSlug     string               `json:"generated_slug,omitempty"`
	Links             Links                `json:"_links,omitempty"`
}

// Variation is a product variation as GET /products/{id}/variations/{id}
// answers it.
type Variation struct {
	ID                int64      `json:"id"`
	Type              string     `json:"type"`
	DateCreated       *string    `json:"date_created"`
	DateCreatedGMT    *string    `json:"date_created_gmt"`
	DateModified      *string    `json:"date_modified"`
	DateModifiedGMT   *string    `json:"date_modified_gmt"`
	Description       string     `json:"description"`
	Permalink         string     `json:"permalink"`
	SKU               string     `json:"sku"`
	GlobalUniqueID    string     `json:"global_unique_id"`
	Price             string     `json:"price"`
	RegularPrice      string     `json:"regular_price"`
	SalePrice         string     `json:"sale_price"`
	DateOnSaleFrom    *string    `json:"date_on_sale_from"`
	DateOnSaleFromGMT *string    `json:"date_on_sale_from_gmt"`
	DateOnSaleTo      *string    `json:"date_on_sale_to"`
	DateOnSaleToGMT   *string    `json:"date_on_sale_to_gmt"`
	OnSale            bool       `json:"on_sale"`
	Status            string     `json:"status"`
	Purchasable       bool       `json:"purchasable"`
	Virtual           bool       `json:"virtual"`
	Downloadable      bool       `json:"downloadable"`
	Downloads         []Download `json:"downloads"`
	DownloadLimit     int        `json:"download_limit"`
	DownloadExpiry    int        `json:"download_expiry"`
	TaxStatus         string     `json:"tax_status"`
	TaxClass          string     `json:"tax_class"`
	// ManageStock is true, false or the string "parent" (the parent
	// product manages the stock of this variation).
	ManageStock       any                  `json:"manage_stock"`
	StockQuantity     *int                 `json:"stock_quantity"`
	StockStatus       string               `json:"stock_status"`
	Backorders        string               `json:"backorders"`
	BackordersAllowed bool                 `json:"backorders_allowed"`
	Backordered       bool                 `json:"backordered"`
	LowStockAmount    *int                 `json:"low_stock_amount"`
	Weight            string               `json:"weight"`
	Dimensions        Dimensions           `json:"dimensions"`
	ShippingClass     string               `json:"shipping_class"`
	ShippingClassID   int64                `json:"shipping_class_id"`
	Image             *Image               `json:"image"`
	Attributes        []VariationAttribute `json:"attributes"`
	MenuOrder         int                  `json:"menu_order"`
	MetaData          []MetaData           `json:"meta_data"`
	Name              string               `json:"name"`
	ParentID          int64                `json:"parent_id"`
	Links             Links                `json:"_links,omitempty"`
}

// Category is a product category (products/categories).
type Category struct {
	ID          int64  `json:"id"`
	Name        string `json:"name"`
	Slug        string `json:"slug"`
	Parent      int64  `json:"parent"`
	Description string `json:"description"`
	Display     string `json:"display"`
	Image       *Image `json:"image"`
	MenuOrder   int    `json:"menu_order"`
	Count       int    `json:"count"`
	Links       Links  `json:"_links,omitempty"`
}

// Tag is a product tag (products/tags).
type Tag struct {
	ID          int64  `json:"id"`
	Name        string `json:"name"`
	Slug        string `json:"slug"`
	Description string `json:"description"`
	Count       int    `json:"count"`
	Links       Links  `json:"_links,omitempty"`
}

// CustomerBilling is a customer's billing address, in the key order the
// customers endpoint uses.
type CustomerBilling struct {
	FirstName string `json:"first_name"`
	LastName  string `json:"last_name"`
	Company   string `json:"company"`
	Address1  string `json:"address_1"`
	Address2  string `json:"address_2"`
	City      string `json:"city"`
	Postcode  string `json:"postcode"`
	Country   string `json:"country"`
	State     string `json:"state"`
	Email     string `json:"email"`
	Phone     string `json:"phone"`
}

// CustomerShipping is a customer's shipping address.
type CustomerShipping struct {
	FirstName string `json:"first_name"`
	LastName  string `json:"last_name"`
	Company   string `json:"company"`
	Address1  string `json:"address_1"`
	Address2  string `json:"address_2"`
	City      string `json:"city"`
	Postcode  string `json:"postcode"`
	Country   string `json:"country"`
	State     string `json:"state"`
	Phone     string `json:"phone"`
}

// Customer is a customer as GET /customers/{id} answers it.
type Customer struct {
	ID               int64            `json:"id"`
	DateCreated      *string          `json:"date_created"`
	DateCreatedGMT   *string          `json:"date_created_gmt"`
	DateModified     *string          `json:"date_modified"`
	DateModifiedGMT  *string          `json:"date_modified_gmt"`
	Email            string           `json:"email"`
	FirstName        string           `json:"first_name"`
	LastName         string           `json:"last_name"`
	Role             string           `json:"role"`
	Username         string           `json:"username"`
	Billing          CustomerBilling  `json:"billing"`
	Shipping         CustomerShipping `json:"shipping"`
	IsPayingCustomer bool             `json:"is_paying_customer"`
	AvatarURL        string           `json:"avatar_url"`
	MetaData         []MetaData       `json:"meta_data"`
	Links            Links            `json:"_links,omitempty"`
}

// OrderBilling is an order's billing address, in the key order the orders
// endpoint uses.
type OrderBilling struct {
	FirstName string `json:"first_name"`
	LastName  string `json:"last_name"`
	Company   string `json:"company"`
	Address1  string `json:"address_1"`
	Address2  string `json:"address_2"`
	City      string `json:"city"`
	State     string `json:"state"`
	Postcode  string `json:"postcode"`
	Country   string `json:"country"`
	Email     string `json:"email"`
	Phone     string `json:"phone"`
}

// OrderShipping is an order's shipping address.
type OrderShipping struct {
	FirstName string `json:"first_name"`
	LastName  string `json:"last_name"`
	Company   string `json:"company"`
	Address1  string `json:"address_1"`
	Address2  string `json:"address_2"`
	City      string `json:"city"`
	State     string `json:"state"`
	Postcode  string `json:"postcode"`
	Country   string `json:"country"`
	Phone     string `json:"phone"`
}

// ItemMeta is a meta entry of an order line, with its display key and value.
type ItemMeta struct {
	ID           int64  `json:"id"`
	Key          string `json:"key"`
	Value        any    `json:"value"`
	DisplayKey   string `json:"display_key"`
	DisplayValue any    `json:"display_value"`
}

// LineImage is the image of an order line. WooCommerce sends id "" for a
// product without image and 0 for a variation without one.
type LineImage struct {
	ID  any    `json:"id"`
	Src string `json:"src"`
}

// ItemTax is one tax of an order line.
type ItemTax struct {
	ID       int64  `json:"id"`
	Total    string `json:"total"`
	Subtotal string `json:"subtotal,omitempty"`
}

// LineItem is an order line. Price is a JSON number (total / quantity), as
// WooCommerce sends it.
type LineItem struct {
	ID          int64      `json:"id"`
	Name        string     `json:"name"`
	ProductID   int64      `json:"product_id"`
	VariationID int64      `json:"variation_id"`
	Quantity    int        `json:"quantity"`
	TaxClass    string     `json:"tax_class"`
	Subtotal    string     `json:"subtotal"`
	SubtotalTax string     `json:"subtotal_tax"`
	Total       string     `json:"total"`
	TotalTax    string     `json:"total_tax"`
	Taxes       []ItemTax  `json:"taxes"`
	MetaData    []ItemMeta `json:"meta_data"`
	SKU         string     `json:"sku"`
	Price       float64    `json:"price"`
	Image       LineImage  `json:"image"`
	ParentName  *string    `json:"parent_name"`
}

// ShippingLine is a shipping line of an order.
type ShippingLine struct {
	ID          int64      `json:"id"`
	MethodTitle string     `json:"method_title"`
	MethodID    string     `json:"method_id"`
	InstanceID  string     `json:"instance_id"`
	Total       string     `json:"total"`
	TotalTax    string     `json:"total_tax"`
	Taxes       []ItemTax  `json:"taxes"`
	TaxStatus   string     `json:"tax_status"`
	MetaData    []ItemMeta `json:"meta_data"`
}

// FeeLine is a fee line of an order.
type FeeLine struct {
	ID        int64      `json:"id"`
	Name      string     `json:"name"`
	TaxClass  string     `json:"tax_class"`
	TaxStatus string     `json:"tax_status"`
	Amount    string     `json:"amount"`
	Total     string     `json:"total"`
	TotalTax  string     `json:"total_tax"`
	Taxes     []ItemTax  `json:"taxes"`
	MetaData  []ItemMeta `json:"meta_data"`
}

// CouponLine is a coupon applied to an order.
type CouponLine struct {
	ID          int64      `json:"id"`
	Code        string     `json:"code"`
	Discount    string     `json:"discount"`
	DiscountTax string     `json:"discount_tax"`
	MetaData    []ItemMeta `json:"meta_data"`
}

// TaxLine is a tax line of an order.
type TaxLine struct {
	ID               int64      `json:"id"`
	RateCode         string     `json:"rate_code"`
	RateID           int64      `json:"rate_id"`
	Label            string     `json:"label"`
	Compound         bool       `json:"compound"`
	TaxTotal         string     `json:"tax_total"`
	ShippingTaxTotal string     `json:"shipping_tax_total"`
	RatePercent      float64    `json:"rate_percent"`
	MetaData         []ItemMeta `json:"meta_data"`
}

// OrderRefundRef is a refund as an order lists it (total negative).
type OrderRefundRef struct {
	ID     int64  `json:"id"`
	Reason string `json:"reason"`
	Total  string `json:"total"`
}

// Order is an order as GET /orders/{id} answers it, and the payload of
// order.created / order.updated webhooks.
type Order struct {
	ID                 int64            `json:"id"`
	ParentID           int64            `json:"parent_id"`
	Status             string           `json:"status"`
	Currency           string           `json:"currency"`
	Version            string           `json:"version"`
	PricesIncludeTax   bool             `json:"prices_include_tax"`
	DateCreated        *string          `json:"date_created"`
	DateModified       *string          `json:"date_modified"`
	DiscountTotal      string           `json:"discount_total"`
	DiscountTax        string           `json:"discount_tax"`
	ShippingTotal      string           `json:"shipping_total"`
	ShippingTax        string           `json:"shipping_tax"`
	CartTax            string           `json:"cart_tax"`
	Total              string           `json:"total"`
	TotalTax           string           `json:"total_tax"`
	CustomerID         int64            `json:"customer_id"`
	OrderKey           string           `json:"order_key"`
	Billing            OrderBilling     `json:"billing"`
	Shipping           OrderShipping    `json:"shipping"`
	PaymentMethod      string           `json:"payment_method"`
	PaymentMethodTitle string           `json:"payment_method_title"`
	TransactionID      string           `json:"transaction_id"`
	CustomerIPAddress  string           `json:"customer_ip_address"`
	CustomerUserAgent  string           `json:"customer_user_agent"`
	CreatedVia         string           `json:"created_via"`
	CustomerNote       string           `json:"customer_note"`
	DateCompleted      *string          `json:"date_completed"`
	DatePaid           *string          `json:"date_paid"`
	CartHash           string           `json:"cart_hash"`
	Number             string           `json:"number"`
	MetaData           []MetaData       `json:"meta_data"`
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
	DateCreatedGMT     *string          `json:"date_created_gmt"`
	DateModifiedGMT    *string          `json:"date_modified_gmt"`
	DateCompletedGMT   *string          `json:"date_completed_gmt"`
	DatePaidGMT        *string          `json:"date_paid_gmt"`
	CurrencySymbol     string           `json:"currency_symbol"`
	Links              Links            `json:"_links,omitempty"`
}

// OrderNote is a note on an order.
type OrderNote struct {
	ID             int64   `json:"id"`
	Author         string  `json:"author"`
	DateCreated    *string `json:"date_created"`
	DateCreatedGMT *string `json:"date_created_gmt"`
	Note           string  `json:"note"`
	CustomerNote   bool    `json:"customer_note"`
	Links          Links   `json:"_links,omitempty"`
}

// Refund is an order refund. Amount is positive; the order lists the refund
// with a negative total.
type Refund struct {
	ID              int64          `json:"id"`
	DateCreated     *string        `json:"date_created"`
	DateCreatedGMT  *string        `json:"date_created_gmt"`
	Amount          string         `json:"amount"`
	Reason          string         `json:"reason"`
	RefundedBy      int64          `json:"refunded_by"`
	RefundedPayment bool           `json:"refunded_payment"`
	MetaData        []MetaData     `json:"meta_data"`
	LineItems       []LineItem     `json:"line_items"`
	ShippingLines   []ShippingLine `json:"shipping_lines"`
	TaxLines        []TaxLine      `json:"tax_lines"`
	FeeLines        []FeeLine      `json:"fee_lines"`
	Links           Links          `json:"_links,omitempty"`
}

// Coupon is a coupon as GET /coupons/{id} answers it.
type Coupon struct {
	ID                        int64      `json:"id"`
	Code                      string     `json:"code"`
	Amount                    string     `json:"amount"`
	Status                    string     `json:"status"`
	DateCreated               *string    `json:"date_created"`
	DateCreatedGMT            *string    `json:"date_created_gmt"`
	DateModified              *string    `json:"date_modified"`
	DateModifiedGMT           *string    `json:"date_modified_gmt"`
	DiscountType              string     `json:"discount_type"`
	Description               string     `json:"description"`
	DateExpires               *string    `json:"date_expires"`
	DateExpiresGMT            *string    `json:"date_expires_gmt"`
	UsageCount                int        `json:"usage_count"`
	IndividualUse             bool       `json:"individual_use"`
	ProductIDs                []int64    `json:"product_ids"`
	ExcludedProductIDs        []int64    `json:"excluded_product_ids"`
	UsageLimit                *int       `json:"usage_limit"`
	UsageLimitPerUser         *int       `json:"usage_limit_per_user"`
	LimitUsageToXItems        *int       `json:"limit_usage_to_x_items"`
	FreeShipping              bool       `json:"free_shipping"`
	ProductCategories         []int64    `json:"product_categories"`
	ExcludedProductCategories []int64    `json:"excluded_product_categories"`
	ExcludeSaleItems          bool       `json:"exclude_sale_items"`
	MinimumAmount             string     `json:"minimum_amount"`
	MaximumAmount             string     `json:"maximum_amount"`
	EmailRestrictions         []string   `json:"email_restrictions"`
	UsedBy                    []string   `json:"used_by"`
	MetaData                  []MetaData `json:"meta_data"`
	Links                     Links      `json:"_links,omitempty"`
}

// GatewaySetting is one setting of a payment gateway.
type GatewaySetting struct {
	ID          string `json:"id"`
	Label       string `json:"label"`
	Description string `json:"description"`
	Type        string `json:"type"`
	Value       string `json:"value"`
	Default     string `json:"default"`
	Tip         string `json:"tip"`
	Placeholder string `json:"placeholder"`
}

// PaymentGateway is a payment gateway (payment_gateways). The store has
// bacs, cheque and cod, as a fresh WooCommerce has.
type PaymentGateway struct {
	ID                   string                    `json:"id"`
	Title                string                    `json:"title"`
	Description          string                    `json:"description"`
	Order                any                       `json:"order"`
	Enabled              bool                      `json:"enabled"`
	MethodTitle          string                    `json:"method_title"`
	MethodDescription    string                    `json:"method_description"`
	MethodSupports       []string                  `json:"method_supports"`
	Settings             map[string]GatewaySetting `json:"settings"`
	NeedsSetup           bool                      `json:"needs_setup"`
	PostInstallScripts   []any                     `json:"post_install_scripts"`
	SettingsURL          string                    `json:"settings_url"`
	ConnectionURL        *string                   `json:"connection_url"`
	SetupHelpText        *string                   `json:"setup_help_text"`
	RequiredSettingsKeys []string                  `json:"required_settings_keys"`
	Links                Links                     `json:"_links,omitempty"`
}

// ShippingMethod is a shipping method type (shipping_methods).
type ShippingMethod struct {
	ID          string `json:"id"`
	Title       string `json:"title"`
	Description string `json:"description"`
	Links       Links  `json:"_links,omitempty"`
}

// Webhook is a webhook as GET /webhooks/{id} answers it. The secret is
// never served; set it when creating.
type Webhook struct {
	ID              int64    `json:"id"`
	Name            string   `json:"name"`
	Status          string   `json:"status"`
	Topic           string   `json:"topic"`
	Resource        string   `json:"resource"`
	Event           string   `json:"event"`
	Hooks           []string `json:"hooks"`
	DeliveryURL     string   `json:"delivery_url"`
	DateCreated     *string  `json:"date_created"`
	DateCreatedGMT  *string  `json:"date_created_gmt"`
	DateModified    *string  `json:"date_modified"`
	DateModifiedGMT *string  `json:"date_modified_gmt"`
	Links           Links    `json:"_links,omitempty"`

	// Secret signs deliveries. It is not part of the JSON; set it for
	// [Store.AddWebhook].
	Secret string `json:"-"`
}

// clone deep-copies v through JSON, keeping unexported state out.
func clone[T any](v T) T {
	b, err := json.Marshal(v)
	if err != nil {
		return v
	}
	var out T
	if json.Unmarshal(b, &out) != nil {
		return v
	}
	return out
}
