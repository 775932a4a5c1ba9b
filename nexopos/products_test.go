package nexopos

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// sampleProductInput is the product of sample 13 as a ProductInput.
func sampleProductInput() ProductInput {
	return ProductInput{
		Name: "Sparkling Water", SKU: "SPARK-001", Barcode: "4006381333931", BarcodeType: BarcodeEAN13,
		CategoryID: 1, Description: "Created via SDK sample", TaxGroupID: 1, TaxType: TaxInclusive, UnitGroupID: 1,
		SellingUnits: []SellingUnit{
			{UnitID: 1, SalePrice: MustDecimal("2.5"), WholesalePrice: MustDecimal("2")},
			{UnitID: 2, SalePrice: MustDecimal("27"), WholesalePrice: MustDecimal("22")},
		},
	}
}

// productFormKeys are the keys ProductsController::saveProduct,
// ProductCrud::getFlatForm and ProductService read (6.2.1 and 5.3.10):
// every scalar of the primary variation's tabs becomes a column.
var productFormKeys = map[string]bool{
	"name": true, "variations": true, "variations[].$primary": true,
	"variations[].identification": true, "variations[].identification.barcode": true,
	"variations[].identification.barcode_type": true, "variations[].identification.sku": true,
	"variations[].identification.category_id": true, "variations[].identification.description": true,
	"variations[].identification.product_type": true, "variations[].identification.type": true,
	"variations[].identification.status": true, "variations[].identification.stock_management": true,
	"variations[].identification.searchable": true,
	"variations[].expiracy":                  true, "variations[].expiracy.expires": true, "variations[].expiracy.on_expiration": true,
	"variations[].taxes": true, "variations[].taxes.tax_group_id": true, "variations[].taxes.tax_type": true,
	"variations[].units": true, "variations[].units.unit_group": true, "variations[].units.accurate_tracking": true,
	"variations[].units.auto_cogs": true, "variations[].units.selling_group": true,
	"variations[].units.selling_group[].unit_id": true, "variations[].units.selling_group[].sale_price_edit": true,
	"variations[].units.selling_group[].wholesale_price_edit": true, "variations[].units.selling_group[].cogs": true,
	"variations[].units.selling_group[].low_quantity": true, "variations[].units.selling_group[].stock_alert_enabled": true,
	"variations[].units.selling_group[].visible": true, "variations[].units.selling_group[].barcode": true,
	"variations[].images": true, "variations[].images[].url": true, "variations[].images[].featured": true,
	"variations[].groups": true, "variations[].groups.product_subitems": true,
}

func TestProductCreateRequestShape(t *testing.T) {
	t.Parallel()
	f := newFake(t, map[string][]reply{"POST /api/products": {{fixture: "v5/13-create-product.json"}}})
	in := sampleProductInput()
	in.Images = []ProductImage{{URL: "https://img.example/1.png", Featured: true}}
	p, err := f.client().Products.Create(ctx(), in)
	require.NoError(t, err)

	body := f.last().Body
	sent := keyPaths(t, body)
	for _, k := range sent {
		assert.True(t, productFormKeys[k], "key %q is not read by NexoPOS (an unknown key is an SQL error)", k)
	}
	// Everything the real, working request of sample 13 sent is sent too.
	for _, k := range keyPaths(t, fixture(t, "v5/requests/13-create-product.json")) {
		assert.Contains(t, sent, k)
	}
	// groups is required by PUT and always sent.
	assert.Contains(t, sent, "variations[].groups.product_subitems")
	assert.Equal(t, true, jsonValue(t, body, "variations.0.$primary"))
	assert.Equal(t, "Sparkling Water", jsonValue(t, body, "name"))
	assert.Equal(t, "materialized", jsonValue(t, body, "variations.0.identification.type"))
	assert.Equal(t, "product", jsonValue(t, body, "variations.0.identification.product_type"))
	assert.Equal(t, "enabled", jsonValue(t, body, "variations.0.identification.stock_management"))
	assert.Equal(t, "available", jsonValue(t, body, "variations.0.identification.status"))
	assert.Equal(t, true, jsonValue(t, body, "variations.0.identification.searchable"))
	assert.Equal(t, float64(1), jsonValue(t, body, "variations.0.units.unit_group"))
	// Prices go as JSON numbers, exactly.
	assert.Contains(t, string(body), `"sale_price_edit":2.5`)
	assert.Contains(t, string(body), `"wholesale_price_edit":22`)
	assert.Equal(t, "https://img.example/1.png", jsonValue(t, body, "variations.0.images.0.url"))

	assert.Equal(t, int64(1), p.ID)
	require.Len(t, p.UnitQuantities, 2)
	assert.Equal(t, "2.27273", p.UnitQuantities[0].SalePriceNet.String(), "5.x sale_price_without_tax decodes into SalePriceNet")
	assert.Equal(t, "2.5", p.UnitQuantities[0].SalePriceGross.String())
	assert.Equal(t, "4006381333931-1", p.UnitQuantities[0].Barcode)
	require.NotNil(t, p.Category)
	assert.Equal(t, "Beverages", p.Category.Name)
	assert.Equal(t, int64(72), p.AuthorID, "5.x author decodes into AuthorID")
}

func TestProductUpdateRequestShape(t *testing.T) {
	t.Parallel()
	f := newFake(t, map[string][]reply{"PUT /api/products/1": {{fixture: "v5/17-update-product.json"}}})
	in := sampleProductInput()
	in.Name = "Sparkling Water 50cl"
	p, err := f.client().Products.Update(ctx(), 1, in)
	require.NoError(t, err)
	r := f.last()
	assert.Equal(t, "PUT", r.Method)
	for _, k := range keyPaths(t, fixture(t, "v5/requests/17-update-product.json")) {
		assert.Contains(t, keyPaths(t, r.Body), k, "sample 17 sent %q and worked", k)
	}
	assert.Equal(t, "Sparkling Water 50cl", p.Name)
	assert.Equal(t, "30", p.UnitQuantities[1].SalePrice.String())
}

func TestProductInputValidation(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name   string
		modify func(*ProductInput)
		want   string
	}{
		{"no name", func(p *ProductInput) { p.Name = " " }, "name is required"},
		{"no category", func(p *ProductInput) { p.CategoryID = 0 }, "category id is required"},
		{"no unit group", func(p *ProductInput) { p.UnitGroupID = 0 }, "unit group id is required"},
		{"no units", func(p *ProductInput) { p.SellingUnits = nil }, "at least one selling unit"},
		{"unit twice", func(p *ProductInput) { p.SellingUnits[1].UnitID = 1 }, "listed twice"},
		{"bad type", func(p *ProductInput) { p.Type = "virtual" }, `type "virtual"`},
		{"bad barcode type", func(p *ProductInput) { p.BarcodeType = "qr" }, "barcode type"},
		{"negative price", func(p *ProductInput) { p.SellingUnits[0].SalePrice = MustDecimal("-1") }, "negative price"},
		{"grouped", func(p *ProductInput) { p.Type = ProductGrouped }, "grouped"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			f := newFake(t, nil)
			in := sampleProductInput()
			tc.modify(&in)
			_, err := f.client().Products.Create(ctx(), in)
			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.want)
			assert.True(t, strings.HasPrefix(err.Error(), "nexopos: create product: "))
			assert.Empty(t, f.requests(), "an invalid product must not be sent")
		})
	}
}

func TestProductDeleteNeverDeletesAll(t *testing.T) {
	t.Parallel()
	f := newFake(t, map[string][]reply{"DELETE /api/products/6": {{fixture: "v5/120-delete-product.json"}}})
	c := f.client()
	for _, id := range []int64{0, -1} {
		err := c.Products.Delete(ctx(), id)
		require.Error(t, err)
		assert.Contains(t, err.Error(), "id must be positive")
	}
	assert.Empty(t, f.requests(), "DELETE /api/products (delete all) must never be sent")
	require.NoError(t, c.Products.Delete(ctx(), 6))
	assert.Equal(t, "/api/products/6", f.last().Path)
}

func TestProductGetters(t *testing.T) {
	t.Parallel()
	f := newFake(t, map[string][]reply{
		"GET /api/products/1":             {{fixture: "v5/15-get-product.json"}},
		"GET /api/products/COLA-S2":       {{fixture: "v5/113-get-product-by-sku.json"}},
		"GET /api/products/5012345678900": {{fixture: "v5/114-get-product-by-barcode.json"}},
		"GET /api/products/1/units":       {{fixture: "v5/19-get-product-units-after-adjust.json"}},
		"GET /api/products/1/history":     {{fixture: "v5/115-get-product-history.json"}},
	})
	c := f.client()
	p, err := c.Products.Get(ctx(), 1)
	require.NoError(t, err)
	assert.Equal(t, "SPARK-001", p.SKU)
	assert.Equal(t, int64(1), p.UnitGroupID)
	assert.True(t, p.Searchable, "searchable 1 is true")
	assert.Equal(t, 2026, p.UpdatedAt.Year())

	p, err = c.Products.GetBySKU(ctx(), "COLA-S2")
	require.NoError(t, err)
	assert.Equal(t, int64(4), p.ID)
	assert.Equal(t, "as=sku", f.last().Query)

	p, err = c.Products.GetByBarcode(ctx(), "5012345678900")
	require.NoError(t, err)
	assert.Equal(t, int64(4), p.ID)
	assert.Equal(t, "as=barcode", f.last().Query)

	_, err = c.Products.GetBySKU(ctx(), "a/b")
	require.Error(t, err)

	units, err := c.Products.Units(ctx(), 1)
	require.NoError(t, err)
	require.Len(t, units, 2)
	assert.Equal(t, "100", units[0].Quantity.String())
	assert.Equal(t, int64(1), units[0].UnitID)
	require.NotNil(t, units[1].Unit)
	assert.Equal(t, "12", units[1].Unit.Value.String())
	assert.True(t, units[0].Visible)

	h, err := c.Products.History(ctx(), 1)
	require.NoError(t, err)
	require.NotEmpty(t, h)
	assert.Equal(t, ActionAdded, h[0].OperationType)
	assert.Equal(t, "100", h[0].AfterQuantity.String())
}

func TestProductListDecodesDisplayColumns(t *testing.T) {
	t.Parallel()
	f := newFake(t, map[string][]reply{"GET /api/crud/ns.products": {{fixture: "v5/25-get-crud-products.json"}}})
	page, err := f.client().Products.List(ctx(), &ListOptions{PerPage: 2})
	require.NoError(t, err)
	assert.Equal(t, "per_page=2", f.last().Query)
	require.Len(t, page.Items, 1)
	p := page.Items[0]
	assert.Equal(t, ProductMaterialized, p.Type, "rawType replaces the HTML label")
	assert.Equal(t, StockEnabled, p.StockManagement)
	assert.Equal(t, StatusAvailable, p.Status)
	assert.Contains(t, p.Display["type"], "Materialized Product")
	assert.Equal(t, "Available", p.Display["status"])
	assert.Equal(t, "Beverages", p.CategoryName)
	assert.Equal(t, 1, page.Total)
	assert.False(t, page.HasNext())
}

func TestProductRawColumnsFromRaw(t *testing.T) {
	t.Parallel()
	// A server that sends __raw (CrudEntry keeps it; a future version may
	// serialise it) wins over every other source.
	body := `{"current_page":1,"last_page":1,"per_page":20,"total":1,"data":[{"id":3,"type":"<b>Service</b>","status":"Disponible","__raw":{"type":"dematerialized","status":"unavailable"}}]}`
	p, err := decodePage[Product]([]byte(body), productsList)
	require.NoError(t, err)
	assert.Equal(t, ProductDematerialized, p.Items[0].Type)
	assert.Equal(t, StatusUnavailable, p.Items[0].Status)
	assert.Equal(t, "Disponible", p.Items[0].Display["status"])
}

func TestProductInputFromRoundTrip(t *testing.T) {
	t.Parallel()
	var env envelope[productSaved]
	require.NoError(t, json.Unmarshal(fixture(t, "v5/17-update-product.json"), &env))
	in := ProductInputFrom(&env.Data.Product, nil)
	assert.Equal(t, "Sparkling Water 50cl", in.Name)
	require.Len(t, in.SellingUnits, 2)
	assert.Equal(t, "30", in.SellingUnits[1].SalePrice.String())
	assert.Equal(t, "25", in.SellingUnits[1].WholesalePrice.String())
	assert.Equal(t, int64(1), in.TaxGroupID)
	_, err := in.form()
	require.NoError(t, err)
}
