package nexopostest

import "strconv"

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

func (c *call) unitQuantityRows() []crudRow {
	st := c.h.st
	pid := ""
	if c.query.Get("active") == "" {
		pid = c.query.Get("product_id")
	}
	var rows []crudRow
	for _, p := range st.products {
		if pid != "" && strconv.FormatInt(p.ID, 10) != pid {
			continue
		}
		var pj obj
		for i := range p.Units {
			uq := &p.Units[i]
			u := st.unit(uq.UnitID)
			if u == nil {
				continue // inner join
			}
			if pj == nil {
				pj = sqlRow(st.productJSON(p))
			}
			uj := sqlRow(st.unitJSON(u))
			row := sqlRow(st.unitQuantityJSON(p, uq, false))
			raw := map[string]any{}
			rawOf(raw, "nexopos_products_unit_quantities", row)
			rawOf(raw, "products", pj)
			rawOf(raw, "units", uj)
			d := append(obj{}, row...)
			d = append(d, prefixed("products_", pj)...)
			d = append(d, prefixed("units_", uj)...)
			d = append(d, rowHead(uq.ID)...)
			rows = append(rows, crudRow{id: uq.ID, raw: raw, display: d, search: p.Name + " " + u.Name + " " + uq.Barcode})
		}
	}
	return rows
}
