package nexopos

import (
	"net/url"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// page2UnitQuantities is the second page after the fixture's first: the
// piece unit of another product, as a CRUD row (raw SQL values, joined
// columns prefixed).
const page2UnitQuantities = `{"current_page":2,"data":[{"id":7,"product_id":5,"type":"product","unit_id":1,
"barcode":"4006381333931-7","quantity":12.5,"low_quantity":0,"stock_alert_enabled":0,"sale_price":2.5,
"sale_price_edit":2.5,"sale_price_without_tax":2.27273,"sale_price_with_tax":2.5,"visible":1,"convert_unit_id":null,
"cogs":0,"uuid":null,"created_at":"2026-11-27 07:16:02","updated_at":"2026-11-27 07:16:02","products_id":5,
"products_name":"Sparkling Water","products_sku":"SPARK-001","units_id":1,"units_name":"Piece","units_base_unit":1,
"$checked":false,"$toggled":false,"$id":7}],"first_page_url":"http://127.0.0.1:8090/api/crud/ns.products-units?page=1",
"from":3,"last_page":2,"per_page":2,"to":3,"total":3}`

func TestAllUnitQuantitiesPagesSortedRows(t *testing.T) {
	t.Parallel()
	// The fixture is built from the 5.3.10 source (ProductUnitQuantitiesCrud
	// joins nexopos_products as products and nexopos_units as units; CrudService
	// selects every column of the three tables, the joined ones prefixed) and
	// the recorded rows of samples 113 and 137, in SQL form.
	f := newFake(t, map[string][]reply{"GET /api/crud/ns.products-units": {
		{fixture: "v5/synth-crud-products-units.json"}, {body: page2UnitQuantities}}})
	opts := &ListOptions{PerPage: 2}
	var got []UnitQuantity
	for uq, err := range f.client().Products.AllUnitQuantities(ctx(), opts) {
		require.NoError(t, err)
		got = append(got, uq)
	}
	require.Len(t, got, 3)
	assert.Equal(t, ListOptions{PerPage: 2}, *opts, "the caller's options are not changed")

	piece, dozen, other := got[0], got[1], got[2]
	assert.Equal(t, int64(5), piece.ID)
	assert.Equal(t, int64(4), piece.ProductID)
	assert.Equal(t, int64(1), piece.UnitID)
	assert.Equal(t, "80", piece.Quantity.String())
	assert.Equal(t, "1.5", piece.SalePriceEdit.String())
	assert.Equal(t, "1.5", piece.SalePriceGross.String(), "5.x's sale_price_with_tax")
	assert.True(t, piece.Visible, "visible comes as 1 from SQL")
	assert.Equal(t, "Cola Can s2", piece.ProductName)
	assert.Equal(t, "Piece", piece.UnitName)
	assert.Nil(t, piece.Unit, "list rows join the unit instead of nesting it")
	assert.Equal(t, "2026-11-27 07:15:41", piece.UpdatedAt.UTC().Format("2006-01-02 15:04:05"))
	assert.Equal(t, int64(2), dozen.UnitID)
	assert.Equal(t, "9", dozen.Quantity.String())
	assert.Equal(t, "Dozen", dozen.UnitName)
	assert.Equal(t, int64(5), other.ProductID)
	assert.Equal(t, "12.5", other.Quantity.String())

	reqs := f.requests()
	require.Len(t, reqs, 2)
	for i, r := range reqs {
		q, err := url.ParseQuery(r.Query)
		require.NoError(t, err)
		assert.Equal(t, "nexopos_products_unit_quantities.id", q.Get("active"), "paged by a stable order")
		assert.Equal(t, "asc", q.Get("direction"))
		assert.Equal(t, "2", q.Get("per_page"))
		assert.Equal(t, []string{"1", "2"}[i], q.Get("page"))
	}
}

func TestAllUnitQuantitiesKeepsCallerSortAndStopsOnError(t *testing.T) {
	t.Parallel()
	f := newFake(t, map[string][]reply{"GET /api/crud/ns.products-units": {
		{fixture: "v5/synth-crud-products-units.json"},
		{status: 500, body: `{"status":"error","message":"Too Many Attempts.","previous":""}`}}})
	n, errs := 0, 0
	for _, err := range f.client(WithRetries(0)).Products.AllUnitQuantities(ctx(), &ListOptions{PerPage: 2,
		Active: "nexopos_products_unit_quantities.updated_at", Direction: Descending}) {
		if err != nil {
			errs++
			assert.ErrorContains(t, err, "list unit quantities page 2")
			continue
		}
		n++
	}
	assert.Equal(t, 2, n)
	assert.Equal(t, 1, errs, "the error is yielded once")
	q, err := url.ParseQuery(f.requests()[0].Query)
	require.NoError(t, err)
	assert.Equal(t, "nexopos_products_unit_quantities.updated_at", q.Get("active"))
	assert.Equal(t, "desc", q.Get("direction"))
}

func TestListUnitQuantitiesPageMeta(t *testing.T) {
	t.Parallel()
	f := newFake(t, map[string][]reply{"GET /api/crud/ns.products-units": {{fixture: "v5/synth-crud-products-units.json"}}})
	p, err := f.client().Products.ListUnitQuantities(ctx(), &ListOptions{PerPage: 2})
	require.NoError(t, err)
	assert.Len(t, p.Items, 2)
	assert.Equal(t, 3, p.Total)
	assert.True(t, p.HasNext())
}
