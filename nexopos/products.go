package nexopos

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"net/url"
	"strings"
)

// Product type, status, stock management, tax type and barcode type values.
const (
	ProductMaterialized   = "materialized"
	ProductDematerialized = "dematerialized"
	ProductGrouped        = "grouped"

	StatusAvailable   = "available"
	StatusUnavailable = "unavailable"

	StockEnabled  = "enabled"
	StockDisabled = "disabled"

	TaxInclusive = "inclusive"
	TaxExclusive = "exclusive"

	BarcodeEAN8    = "ean8"
	BarcodeEAN13   = "ean13"
	BarcodeCodabar = "codabar"
	BarcodeCode128 = "code128"
	BarcodeCode39  = "code39"
	BarcodeCode11  = "code11"
	BarcodeUPCA    = "upca"
	BarcodeUPCE    = "upce"
)

// Product is a NexoPOS product. Its stock lives in its unit quantities, one
// per selling unit (see ProductsService.Units).
type Product struct {
	ID   int64  `json:"id"`
	Name string `json:"name"`
	// SKU and Barcode are unique; NexoPOS generates them when left empty.
	SKU         string `json:"sku"`
	Barcode     string `json:"barcode"`
	BarcodeType string `json:"barcode_type"`
	// Type is ProductMaterialized, ProductDematerialized or ProductGrouped.
	Type string `json:"type"`
	// ProductType is "product", "variable" or "variation".
	ProductType string `json:"product_type"`
	// Status is StatusAvailable or StatusUnavailable.
	Status string `json:"status"`
	// StockManagement is StockEnabled or StockDisabled; stock moves only
	// when it is enabled.
	StockManagement string `json:"stock_management"`
	CategoryID      int64  `json:"category_id"`
	// ParentID is the parent of a variation, 0 otherwise.
	ParentID int64 `json:"parent_id"`
	// UnitGroupID is the unit group the selling units belong to.
	UnitGroupID int64 `json:"unit_group"`
	TaxGroupID  int64 `json:"tax_group_id"`
	// TaxType is TaxInclusive or TaxExclusive.
	TaxType          string  `json:"tax_type"`
	TaxValue         Decimal `json:"tax_value,omitzero"`
	Description      string  `json:"description"`
	Searchable       bool    `json:"searchable"`
	AccurateTracking bool    `json:"accurate_tracking"`
	AutoCOGS         bool    `json:"auto_cogs"`
	Expires          bool    `json:"expires"`
	OnExpiration     string  `json:"on_expiration"`
	ThumbnailID      int64   `json:"thumbnail_id"`
	// AuthorID is the user who created the product (author in 4.x/5.x).
	AuthorID  int64  `json:"author_id" alt:"author"`
	UUID      string `json:"uuid"`
	CreatedAt Time   `json:"created_at"`
	UpdatedAt Time   `json:"updated_at"`
	// UnitQuantities are sent with a created or updated product.
	UnitQuantities []UnitQuantity `json:"unit_quantities,omitempty"`
	// Category is sent with a created or updated product.
	Category *Category `json:"category,omitempty"`
	// CategoryName is set in CRUD list rows.
	CategoryName string `json:"category_name,omitempty"`
	// Display holds the display strings of CRUD list columns whose raw
	// value was decoded instead ("type": "<strong>Materialized
	// Product</strong>"); set only on List rows.
	Display map[string]string `json:"$display,omitempty"`
}

// UnmarshalJSON decodes a product from any NexoPOS version.
func (p *Product) UnmarshalJSON(b []byte) error { return decodeObject(b, p) }

// UnitQuantity is a product's stock and prices in one unit
// (nexopos_products_unit_quantities). The order line's unit_quantity_id is
// its ID.
type UnitQuantity struct {
	ID        int64  `json:"id"`
	ProductID int64  `json:"product_id"`
	UnitID    int64  `json:"unit_id"`
	Type      string `json:"type"`
	// Barcode defaults to "<product barcode>-<id>".
	Barcode string `json:"barcode"`
	// Quantity is the stock, in this unit.
	Quantity          Decimal `json:"quantity"`
	LowQuantity       Decimal `json:"low_quantity"`
	StockAlertEnabled bool    `json:"stock_alert_enabled"`
	// SalePrice is the price the POS uses; SalePriceEdit is the price
	// entered, gross or net according to the product's tax type.
	SalePrice     Decimal `json:"sale_price"`
	SalePriceEdit Decimal `json:"sale_price_edit"`
	// SalePriceGross is sale_price_with_tax before 6.1.2.
	SalePriceGross Decimal `json:"sale_price_gross" alt:"sale_price_with_tax"`
	// SalePriceNet is sale_price_without_tax before 6.1.2.
	SalePriceNet        Decimal `json:"sale_price_net" alt:"sale_price_without_tax"`
	SalePriceTax        Decimal `json:"sale_price_tax"`
	WholesalePrice      Decimal `json:"wholesale_price"`
	WholesalePriceEdit  Decimal `json:"wholesale_price_edit"`
	WholesalePriceGross Decimal `json:"wholesale_price_gross" alt:"wholesale_price_with_tax"`
	WholesalePriceNet   Decimal `json:"wholesale_price_net" alt:"wholesale_price_without_tax"`
	WholesalePriceTax   Decimal `json:"wholesale_price_tax"`
	CustomPrice         Decimal `json:"custom_price"`
	CustomPriceEdit     Decimal `json:"custom_price_edit"`
	CustomPriceGross    Decimal `json:"custom_price_gross" alt:"custom_price_with_tax"`
	CustomPriceNet      Decimal `json:"custom_price_net" alt:"custom_price_without_tax"`
	CustomPriceTax      Decimal `json:"custom_price_tax"`
	Visible             bool    `json:"visible"`
	ConvertUnitID       int64   `json:"convert_unit_id"`
	COGS                Decimal `json:"cogs"`
	ExpirationDate      Time    `json:"expiration_date"`
	PreviewURL          string  `json:"preview_url"`
	UUID                string  `json:"uuid"`
	CreatedAt           Time    `json:"created_at"`
	UpdatedAt           Time    `json:"updated_at"`
	// Unit is sent by ProductsService.Units.
	Unit *Unit `json:"unit,omitempty"`
	// ProductName and UnitName are set in ns.products-units list rows
	// (ProductsService.AllUnitQuantities), which join the product and the
	// unit instead of nesting the unit.
	ProductName string `json:"products_name,omitempty"`
	UnitName    string `json:"units_name,omitempty"`
}

// UnmarshalJSON decodes a unit quantity from any NexoPOS version.
func (u *UnitQuantity) UnmarshalJSON(b []byte) error { return decodeObject(b, u) }

// ProductInput is what Create and Update send. NexoPOS replaces the product
// with it on update, so start an update from ProductInputFrom.
type ProductInput struct {
	// Name is required.
	Name string
	// SKU and Barcode must be unique; left empty, NexoPOS generates them
	// on create.
	SKU     string
	Barcode string
	// BarcodeType is one of the Barcode* constants; empty means the store's
	// default.
	BarcodeType string
	// CategoryID is required: NexoPOS refuses a product without an
	// existing category.
	CategoryID int64
	// Type defaults to ProductMaterialized.
	Type string
	// Status defaults to StatusAvailable.
	Status string
	// StockManagement defaults to StockEnabled.
	StockManagement string
	Description     string
	// Searchable defaults to true (the product shows in POS searches).
	Searchable *bool
	// TaxGroupID 0 sends no tax group.
	TaxGroupID int64
	// TaxType is TaxInclusive or TaxExclusive; it defaults to TaxInclusive
	// when TaxGroupID is set.
	TaxType string
	// UnitGroupID is required; every selling unit must belong to it.
	UnitGroupID int64
	// AccurateTracking and AutoCOGS are NexoPOS's unit tab switches.
	AccurateTracking bool
	AutoCOGS         bool
	// SellingUnits are the units the product is sold in, with their
	// prices; at least one, each unit at most once. Stock is not set
	// here: a new unit quantity starts at 0 (use StockService.Adjust).
	SellingUnits []SellingUnit
	// Expires and OnExpiration ("prevent_sales" by default) configure
	// expiry handling.
	Expires      bool
	OnExpiration string
	// Images are the product's gallery.
	Images []ProductImage
}

// SellingUnit is one selling unit of a ProductInput.
type SellingUnit struct {
	// UnitID is required.
	UnitID int64
	// SalePrice and WholesalePrice are the prices entered, gross or net
	// according to ProductInput.TaxType.
	SalePrice      Decimal
	WholesalePrice Decimal
	// COGS is the cost of goods sold, per unit.
	COGS Decimal
	// LowQuantity and StockAlert raise a low-stock alert.
	LowQuantity Decimal
	StockAlert  bool
	// Hidden keeps the unit out of the POS.
	Hidden bool
	// Barcode, when set, replaces the generated "<barcode>-<id>".
	Barcode string
}

// ProductImage is one image of a ProductInput.
type ProductImage struct {
	URL      string
	Featured bool
}

// ProductInputFrom returns the input that recreates p with its unit
// quantities, for a read-modify-write update.
func ProductInputFrom(p *Product, units []UnitQuantity) ProductInput {
	searchable := p.Searchable
	in := ProductInput{
		Name: p.Name, SKU: p.SKU, Barcode: p.Barcode, BarcodeType: p.BarcodeType,
		CategoryID: p.CategoryID, Type: p.Type, Status: p.Status, StockManagement: p.StockManagement,
		Description: p.Description, Searchable: &searchable, TaxGroupID: p.TaxGroupID, TaxType: p.TaxType,
		UnitGroupID: p.UnitGroupID, AccurateTracking: p.AccurateTracking, AutoCOGS: p.AutoCOGS,
		Expires: p.Expires, OnExpiration: p.OnExpiration,
	}
	if units == nil {
		units = p.UnitQuantities
	}
	for _, u := range units {
		in.SellingUnits = append(in.SellingUnits, SellingUnit{
			UnitID: u.UnitID, SalePrice: u.SalePriceEdit, WholesalePrice: u.WholesalePriceEdit, COGS: u.COGS,
			LowQuantity: u.LowQuantity, StockAlert: u.StockAlertEnabled, Hidden: !u.Visible, Barcode: u.Barcode,
		})
	}
	return in
}

// The product form, as ProductsController::saveProduct and
// ProductCrud::getFlatForm read it: every scalar of the primary variation's
// tabs becomes a column, so only columns may be sent.
type productForm struct {
	Name       string              `json:"name"`
	Variations [1]productVariation `json:"variations"`
}

type productVariation struct {
	Primary        bool                  `json:"$primary"`
	Identification productIdentification `json:"identification"`
	Expiracy       productExpiracy       `json:"expiracy"`
	Taxes          productTaxes          `json:"taxes"`
	Units          productUnits          `json:"units"`
	Images         []productImageForm    `json:"images"`
	Groups         productGroups         `json:"groups"`
}

type productIdentification struct {
	Barcode         string `json:"barcode,omitempty"`
	BarcodeType     string `json:"barcode_type,omitempty"`
	SKU             string `json:"sku,omitempty"`
	CategoryID      int64  `json:"category_id"`
	Description     string `json:"description"`
	ProductType     string `json:"product_type"`
	Type            string `json:"type"`
	Status          string `json:"status"`
	StockManagement string `json:"stock_management"`
	Searchable      bool   `json:"searchable"`
}

type productExpiracy struct {
	Expires      int    `json:"expires"`
	OnExpiration string `json:"on_expiration"`
}

type productTaxes struct {
	TaxGroupID int64  `json:"tax_group_id,omitempty"`
	TaxType    string `json:"tax_type,omitempty"`
}

type productUnits struct {
	UnitGroup        int64              `json:"unit_group"`
	AccurateTracking bool               `json:"accurate_tracking"`
	AutoCOGS         bool               `json:"auto_cogs"`
	SellingGroup     []sellingGroupForm `json:"selling_group"`
}

type sellingGroupForm struct {
	UnitID             int64  `json:"unit_id"`
	SalePriceEdit      number `json:"sale_price_edit"`
	WholesalePriceEdit number `json:"wholesale_price_edit"`
	COGS               number `json:"cogs"`
	LowQuantity        number `json:"low_quantity"`
	StockAlertEnabled  bool   `json:"stock_alert_enabled"`
	Visible            bool   `json:"visible"`
	Barcode            string `json:"barcode,omitempty"`
}

type productImageForm struct {
	URL      string `json:"url"`
	Featured bool   `json:"featured"`
}

type productGroups struct {
	ProductSubitems []struct{} `json:"product_subitems"`
}

func oneOf(field, v string, allowed ...string) error {
	for _, a := range allowed {
		if v == a {
			return nil
		}
	}
	return fmt.Errorf("%s %q is not one of %s", field, v, strings.Join(allowed, ", "))
}

// form validates in and builds the tabbed body NexoPOS reads.
func (in ProductInput) form() (*productForm, error) {
	var errs []error
	if strings.TrimSpace(in.Name) == "" {
		errs = append(errs, errors.New("name is required"))
	}
	if in.CategoryID <= 0 {
		errs = append(errs, errors.New("category id is required"))
	}
	if in.UnitGroupID <= 0 {
		errs = append(errs, errors.New("unit group id is required"))
	}
	if len(in.SellingUnits) == 0 {
		errs = append(errs, errors.New("at least one selling unit is required"))
	}
	def := func(v, d string) string {
		if v == "" {
			return d
		}
		return v
	}
	typ, status, stock := def(in.Type, ProductMaterialized), def(in.Status, StatusAvailable), def(in.StockManagement, StockEnabled)
	taxType := in.TaxType
	if taxType == "" && in.TaxGroupID > 0 {
		taxType = TaxInclusive
	}
	for _, err := range []error{
		oneOf("type", typ, ProductMaterialized, ProductDematerialized, ProductGrouped),
		oneOf("status", status, StatusAvailable, StatusUnavailable),
		oneOf("stock management", stock, StockEnabled, StockDisabled),
	} {
		if err != nil {
			errs = append(errs, err)
		}
	}
	if taxType != "" {
		if err := oneOf("tax type", taxType, TaxInclusive, TaxExclusive); err != nil {
			errs = append(errs, err)
		}
	}
	if in.BarcodeType != "" {
		if err := oneOf("barcode type", in.BarcodeType, BarcodeEAN8, BarcodeEAN13, BarcodeCodabar, BarcodeCode128,
			BarcodeCode39, BarcodeCode11, BarcodeUPCA, BarcodeUPCE); err != nil {
			errs = append(errs, err)
		}
	}
	if typ == ProductGrouped {
		errs = append(errs, errors.New("grouped products are not supported by ProductInput"))
	}
	seen := map[int64]bool{}
	groups := make([]sellingGroupForm, 0, len(in.SellingUnits))
	for i, u := range in.SellingUnits {
		switch {
		case u.UnitID <= 0:
			errs = append(errs, fmt.Errorf("selling unit %d: unit id is required", i))
		case seen[u.UnitID]:
			errs = append(errs, fmt.Errorf("selling unit %d: unit %d is listed twice", i, u.UnitID))
		case u.SalePrice.Sign() < 0 || u.WholesalePrice.Sign() < 0:
			errs = append(errs, fmt.Errorf("selling unit %d: negative price", i))
		}
		seen[u.UnitID] = true
		groups = append(groups, sellingGroupForm{
			UnitID: u.UnitID, SalePriceEdit: number(u.SalePrice), WholesalePriceEdit: number(u.WholesalePrice),
			COGS: number(u.COGS), LowQuantity: number(u.LowQuantity), StockAlertEnabled: u.StockAlert,
			Visible: !u.Hidden, Barcode: u.Barcode,
		})
	}
	if len(errs) > 0 {
		return nil, invalid(errors.Join(errs...))
	}
	searchable := true
	if in.Searchable != nil {
		searchable = *in.Searchable
	}
	expires := 0
	if in.Expires {
		expires = 1
	}
	images := make([]productImageForm, 0, len(in.Images))
	for _, im := range in.Images {
		images = append(images, productImageForm(im))
	}
	return &productForm{
		Name: in.Name,
		Variations: [1]productVariation{{
			Primary: true,
			Identification: productIdentification{
				Barcode: in.Barcode, BarcodeType: in.BarcodeType, SKU: in.SKU, CategoryID: in.CategoryID,
				Description: in.Description, ProductType: "product", Type: typ, Status: status,
				StockManagement: stock, Searchable: searchable,
			},
			Expiracy: productExpiracy{Expires: expires, OnExpiration: def(in.OnExpiration, "prevent_sales")},
			Taxes:    productTaxes{TaxGroupID: in.TaxGroupID, TaxType: taxType},
			Units: productUnits{
				UnitGroup: in.UnitGroupID, AccurateTracking: in.AccurateTracking, AutoCOGS: in.AutoCOGS,
				SellingGroup: groups,
			},
			Images: images,
			Groups: productGroups{ProductSubitems: []struct{}{}},
		}},
	}, nil
}

// ProductsService reads and writes products (/api/products and the
// ns.products CRUD list).
type ProductsService service

var productsList = crudList{
	namespace: NamespaceProducts,
	rawKeys:   map[string]string{"type": "rawType", "stock_management": "rawStockManagement"},
	labels: map[string]map[string]string{
		"status":           {"Available": StatusAvailable, "Unavailable": StatusUnavailable},
		"stock_management": {"Enabled": StockEnabled, "Disabled": StockDisabled},
	},
}

// Get returns product id.
func (s *ProductsService) Get(ctx context.Context, id int64) (*Product, error) {
	op := fmt.Sprintf("get product %d", id)
	if err := checkID(id); err != nil {
		return nil, wrap(op, err)
	}
	var p Product
	if err := s.c.call(ctx, "GET", idPath("products", id), nil, nil, &p); err != nil {
		return nil, wrap(op, err)
	}
	return &p, nil
}

// GetBySKU returns the product with this SKU (GET /api/products/{sku}?as=sku).
func (s *ProductsService) GetBySKU(ctx context.Context, sku string) (*Product, error) {
	return s.getAs(ctx, sku, "sku")
}

// GetByBarcode returns the product with this barcode
// (GET /api/products/{barcode}?as=barcode).
func (s *ProductsService) GetByBarcode(ctx context.Context, barcode string) (*Product, error) {
	return s.getAs(ctx, barcode, "barcode")
}

func (s *ProductsService) getAs(ctx context.Context, ref, as string) (*Product, error) {
	op := fmt.Sprintf("get product by %s %q", as, ref)
	if strings.TrimSpace(ref) == "" || strings.Contains(ref, "/") {
		return nil, wrap(op, invalid(fmt.Errorf("%s must be non-empty and contain no slash", as)))
	}
	var p Product
	if err := s.c.call(ctx, "GET", "products/"+url.PathEscape(ref), url.Values{"as": {as}}, nil, &p); err != nil {
		return nil, wrap(op, err)
	}
	return &p, nil
}

type productSaved struct {
	Product Product `json:"product"`
}

// Create creates a product from in and returns it with its unit
// quantities.
func (s *ProductsService) Create(ctx context.Context, in ProductInput) (*Product, error) {
	const op = "create product"
	form, err := in.form()
	if err != nil {
		return nil, wrap(op, err)
	}
	var env envelope[productSaved]
	if err := s.c.call(ctx, "POST", "products", nil, form, &env); err != nil {
		return nil, wrap(op, err)
	}
	return &env.Data.Product, nil
}

// Update replaces product id with in and returns it with its unit
// quantities. Selling units left out keep their unit quantity (and stock).
func (s *ProductsService) Update(ctx context.Context, id int64, in ProductInput) (*Product, error) {
	op := fmt.Sprintf("update product %d", id)
	if err := checkID(id); err != nil {
		return nil, wrap(op, err)
	}
	form, err := in.form()
	if err != nil {
		return nil, wrap(op, err)
	}
	var env envelope[productSaved]
	if err := s.c.call(ctx, "PUT", idPath("products", id), nil, form, &env); err != nil {
		return nil, wrap(op, err)
	}
	return &env.Data.Product, nil
}

// Delete deletes product id. id must be positive: NexoPOS deletes every
// product when DELETE /api/products is sent without one, and this client
// never sends that request.
func (s *ProductsService) Delete(ctx context.Context, id int64) error {
	op := fmt.Sprintf("delete product %d", id)
	if err := checkID(id); err != nil {
		return wrap(op, err)
	}
	return wrap(op, s.c.call(ctx, "DELETE", idPath("products", id), nil, nil, nil))
}

// Units returns the unit quantities of product id: its stock and prices
// per unit, each with its unit.
func (s *ProductsService) Units(ctx context.Context, productID int64) ([]UnitQuantity, error) {
	op := fmt.Sprintf("get units of product %d", productID)
	if err := checkID(productID); err != nil {
		return nil, wrap(op, err)
	}
	var out []UnitQuantity
	if err := s.c.call(ctx, "GET", idPath("products", productID)+"/units", nil, nil, &out); err != nil {
		return nil, wrap(op, err)
	}
	return out, nil
}

// History returns every stock movement of product id, oldest first.
func (s *ProductsService) History(ctx context.Context, productID int64) ([]HistoryEntry, error) {
	op := fmt.Sprintf("get history of product %d", productID)
	if err := checkID(productID); err != nil {
		return nil, wrap(op, err)
	}
	var out []HistoryEntry
	if err := s.c.call(ctx, "GET", idPath("products", productID)+"/history", nil, nil, &out); err != nil {
		return nil, wrap(op, err)
	}
	return out, nil
}

// Search returns the products whose name, SKU or barcode match term.
// NexoPOS returns at most 5.
func (s *ProductsService) Search(ctx context.Context, term string) ([]Product, error) {
	op := fmt.Sprintf("search products %q", term)
	var out []Product
	if err := s.c.call(ctx, "POST", "products/search", nil, map[string]string{"search": term}, &out); err != nil {
		return nil, wrap(op, err)
	}
	return out, nil
}

// List returns one page of ns.products (newest update first unless
// opts sorts).
func (s *ProductsService) List(ctx context.Context, opts *ListOptions) (*Page[Product], error) {
	p, err := listCRUD[Product](ctx, s.c, productsList, opts)
	return p, wrap("list products", err)
}

// All iterates over every product from opts.Page on.
func (s *ProductsService) All(ctx context.Context, opts *ListOptions) iter.Seq2[Product, error] {
	return iterateCRUD[Product](ctx, s.c, productsList, opts, "list products")
}
