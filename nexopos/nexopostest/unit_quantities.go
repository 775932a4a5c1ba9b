package nexopostest

import "time"

// ns.products-units: the product unit quantities as a CRUD list, as
// ProductUnitQuantitiesCrud serves it (the same in 4.x, 5.x and 6.x):
// nexopos_products_unit_quantities inner joined with nexopos_products as
// products and nexopos_units as units, every column of the three tables
// selected (the joined ones prefixed "products_" and "units_"), no cast
// column, no actions, and no default order. Its hook keeps the rows of one
// product when the query has product_id, unless the query sorts.

// unitQuantityCols are the columns of nexopos_products_unit_quantities.
var unitQuantityCols = []string{"id", "product_id", "type", "preview_url", "expiration_date", "unit_id", "barcode", "quantity",
	"low_quantity", "stock_alert_enabled", "sale_price", "sale_price_edit", "sale_price_without_tax", "sale_price_with_tax",
	"sale_price_tax", "wholesale_price", "wholesale_price_edit", "wholesale_price_with_tax", "wholesale_price_without_tax",
	"wholesale_price_tax", "custom_price", "custom_price_edit", "custom_price_with_tax", "custom_price_without_tax",
	"custom_price_tax", "visible", "convert_unit_id", "cogs", "uuid", "created_at", "updated_at"}

func unitQuantitiesSource() crudSource {
	return crudSource{main: "nexopos_products_unit_quantities",
		tables: map[string][]string{"nexopos_products_unit_quantities": unitQuantityCols, "products": productCols, "units": unitCols},
		from:   "`ns_nexopos_products_unit_quantities` inner join `ns_nexopos_products` as `ns_products` on `ns_products`.`id` = `ns_nexopos_products_unit_quantities`.`product_id` inner join `ns_nexopos_units` as `ns_units` on `ns_units`.`id` = `ns_nexopos_products_unit_quantities`.`unit_id`",
		// MySQL returns the rows in primary key order when nothing sorts.
		defSort: "nexopos_products_unit_quantities.id", defDir: "asc"}
}

// unitQuantityRow is the record of an ns.products-units row.
type unitQuantityRow struct {
	p  *Product
	uq *UnitQuantity
	u  *Unit
}

func (c *call) unitQuantityRows(k *crudKind) []crudRow {
	st := c.h.st
	keep := idFilter("")
	if c.query.Get("active") == "" {
		keep = idFilter(c.query.Get("product_id"))
	}
	k.raw = func(rec any) map[string]any {
		r := rec.(*unitQuantityRow)
		raw := map[string]any{}
		rawOf(raw, "nexopos_products_unit_quantities", sqlRow(st.unitQuantityJSON(r.p, r.uq, false)))
		rawOf(raw, "products", sqlRow(st.productJSON(r.p)))
		rawOf(raw, "units", sqlRow(st.unitJSON(r.u)))
		return raw
	}
	k.display = func(rec any) obj {
		r := rec.(*unitQuantityRow)
		d := sqlRow(st.unitQuantityJSON(r.p, r.uq, false))
		d = append(d, prefixed("products_", sqlRow(st.productJSON(r.p)))...)
		d = append(d, prefixed("units_", sqlRow(st.unitJSON(r.u)))...)
		return append(d, rowHead(r.uq.ID)...)
	}
	k.search = func(rec any) string {
		r := rec.(*unitQuantityRow)
		return r.p.Name + " " + r.u.Name + " " + r.uq.Barcode
	}
	k.times = func(rec any) (time.Time, time.Time) {
		r := rec.(*unitQuantityRow)
		return r.uq.CreatedAt, r.uq.UpdatedAt
	}
	var rows []crudRow
	for _, p := range st.products {
		if !keep(p.ID) {
			continue
		}
		for i := range p.Units {
			uq := &p.Units[i]
			u := st.unit(uq.UnitID)
			if u == nil {
				continue // inner join
			}
			rows = append(rows, crudRow{id: uq.ID, rec: &unitQuantityRow{p, uq, u}})
		}
	}
	return rows
}
