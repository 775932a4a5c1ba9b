package nexopostest_test

import (
	"bytes"
	"encoding/json"
	"os"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/woonexo/woonexo/nexopos/nexopostest"
)

func TestCrudProductUnits(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	other, err := f.s.AddProduct(nexopostest.NewProduct{Name: "Water", SKU: "WATER", CategoryID: f.product.CategoryID,
		TaxGroupID: f.ref.TaxGroupID, Description: "Still water",
		Units: []nexopostest.NewUnitQuantity{{UnitID: f.ref.PieceUnitID, SalePrice: 2, Stock: 7}}})
	require.NoError(t, err)

	r := f.must(200, "GET", "/api/crud/ns.products-units?per_page=2", nil)
	assert.Equal(t, 3.0, numOf(dig(r.body, "total")), "one row per product and unit")
	assert.Equal(t, 2.0, numOf(dig(r.body, "last_page")))
	assert.Equal(t, f.piece, idOf(dig(r.body, "data", 0, "id")), "unit quantity id order")
	assert.Equal(t, 100.0, numOf(dig(r.body, "data", 0, "quantity")))
	assert.Equal(t, "Cola", dig(r.body, "data", 0, "products_name"))
	assert.Equal(t, "COLA", dig(r.body, "data", 0, "products_sku"))
	assert.Equal(t, "Piece", dig(r.body, "data", 0, "units_name"))
	assert.Equal(t, 10.0, numOf(dig(r.body, "data", 1, "quantity")))
	assert.Nil(t, dig(r.body, "data", 0, "$actions"), "the namespace has no actions")
	r = f.must(200, "GET", "/api/crud/ns.products-units?per_page=2&page=2", nil)
	assert.Equal(t, other.ID, idOf(dig(r.body, "data", 0, "product_id")))
	assert.Equal(t, 7.0, numOf(dig(r.body, "data", 0, "quantity")))

	// Rows are SQL rows: dates without T/Z, booleans as 0/1; the shape is
	// the one the 5.3.10 source gives (the client's fixture).
	want := map[string]any{}
	b, err := os.ReadFile("../testdata/v5/synth-crud-products-units.json")
	require.NoError(t, err)
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	require.NoError(t, dec.Decode(&want))
	r = f.must(200, "GET", "/api/crud/ns.products-units", nil)
	assert.Empty(t, shapeDiff("row", dig(want, "data", 0), dig(r.body, "data", 2)))

	// The hook keeps one product's rows, unless the query sorts.
	r = f.must(200, "GET", "/api/crud/ns.products-units?product_id="+itoa(int(other.ID)), nil)
	assert.Equal(t, 1.0, numOf(dig(r.body, "total")))
	r = f.must(200, "GET", "/api/crud/ns.products-units?product_id="+itoa(int(other.ID))+
		"&active=nexopos_products_unit_quantities.id&direction=desc", nil)
	assert.Equal(t, 3.0, numOf(dig(r.body, "total")), "sorting skips the hook")
	assert.Equal(t, other.ID, idOf(dig(r.body, "data", 0, "product_id")))
	// A bare column sorts by the select alias, the unit quantity's own id.
	r = f.must(200, "GET", "/api/crud/ns.products-units?active=id&direction=desc", nil)
	assert.Equal(t, other.Units[0].ID, idOf(dig(r.body, "data", 0, "id")))
	r = f.must(200, "GET", "/api/crud/ns.products-units?queryFilters="+urlq(`{"nexopos_products_unit_quantities.unit_id":`+itoa(int(f.ref.DozenUnitID))+`}`), nil)
	assert.Equal(t, 1.0, numOf(dig(r.body, "total")))
	assert.Equal(t, f.dozen, idOf(dig(r.body, "data", 0, "id")))
}
