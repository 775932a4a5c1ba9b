package nexopos

import (
	"context"
	"iter"
)

// unitQuantitiesList reads ns.products-units: one row per product and unit
// (nexopos_products_unit_quantities), joined with the product (columns
// prefixed "products_") and the unit ("units_"). The namespace casts no
// column, so rows carry raw values.
var unitQuantitiesList = crudList{namespace: NamespaceProductUnits}

// Column to sort ns.products-units by for stable paging: the namespace has
// no default order, so without one a page may repeat or skip rows.
const unitQuantitiesSortColumn = "nexopos_products_unit_quantities.id"

// ListUnitQuantities returns one page of ns.products-units: the stock and
// prices of every product in every unit, many products per request. It is
// the bulk form of Units (one request per product), for reading a whole
// catalogue's stock.
//
// When opts sets no sort, rows come by unit quantity id, ascending, so that
// pages neither repeat nor skip rows. NexoPOS restricts the list to one
// product when the query has product_id and no sort; this method always
// sorts, so use Units for one product. Rows have no nested Unit; their
// ProductName and UnitName are set. The token needs nexopos.read.products.
func (s *ProductsService) ListUnitQuantities(ctx context.Context, opts *ListOptions) (*Page[UnitQuantity], error) {
	o := unitQuantityOptions(opts)
	p, err := listCRUD[UnitQuantity](ctx, s.c, unitQuantitiesList, &o)
	return p, wrap("list unit quantities", err)
}

// AllUnitQuantities iterates over the unit quantities of every product, page
// by page from opts.Page on (set opts.PerPage: NexoPOS's default is 20). It
// sorts as ListUnitQuantities does, yields an error once and stops, and
// honours break.
func (s *ProductsService) AllUnitQuantities(ctx context.Context, opts *ListOptions) iter.Seq2[UnitQuantity, error] {
	o := unitQuantityOptions(opts)
	return iterateCRUD[UnitQuantity](ctx, s.c, unitQuantitiesList, &o, "list unit quantities")
}

// unitQuantityOptions copies opts and adds the stable default sort.
func unitQuantityOptions(opts *ListOptions) ListOptions {
	var o ListOptions
	if opts != nil {
		o = *opts
	}
	if o.Active == "" && o.Direction == "" {
		o.Active, o.Direction = unitQuantitiesSortColumn, Ascending
	}
	return o
}
