package nexopostest

import (
	"regexp"
	"strconv"
	"strings"
	"time"
)

// productColumns are the columns of nexopos_products; a scalar of a primary
// tab that is not one of them is an SQL error on the real server.
var productColumns = map[string]bool{
	"name": true, "tax_type": true, "tax_group_id": true, "tax_value": true, "product_type": true, "type": true,
	"accurate_tracking": true, "auto_cogs": true, "status": true, "stock_management": true, "barcode": true,
	"barcode_type": true, "sku": true, "description": true, "thumbnail_id": true, "category_id": true,
	"parent_id": true, "unit_group": true, "on_expiration": true, "expires": true, "searchable": true,
	"author": true, "uuid": true,
}

func undefinedKey(k string) *apiError { return errException("Undefined array key \"%s\"", k) }

var errNullOffset = errException("Trying to access array offset on value of type null")

// flatForm is the product form flattened as ProductsController does: the
// scalars of every primary tab in request order, the name appended to
// identification, then images, units and groups kept whole.
type flatForm struct {
	fields obj // scalar columns, raw JSON values, in order
	units  obj
	images []any
	groups any
	source obj
}

func flattenInto(dst *obj, v obj) {
	for _, p := range v {
		switch x := p.v.(type) {
		case obj:
			flattenInto(dst, x)
		case []any:
			for i, e := range x {
				if eo, ok := e.(obj); ok {
					flattenInto(dst, eo)
				} else {
					dst.set(strconv.Itoa(i), e)
				}
			}
		default:
			dst.set(p.k, p.v)
		}
	}
}

func (c *call) productForm(update bool) (*flatForm, *apiError) {
	var primary obj
	found := false
	for _, v := range c.body.arr("variations") {
		if vo, ok := v.(obj); ok {
			if pv, has := vo.get("$primary"); has && pv != nil {
				primary, found = vo, true
				break
			}
		}
	}
	if !found {
		return nil, errNullOffset
	}
	f := &flatForm{source: primary}
	if !update {
		u, ok := primary.get("units")
		if !ok {
			return nil, undefinedKey("units")
		}
		f.units, _ = u.(obj)
	}
	rest := primary.without("units", "images", "groups")
	ident := rest.sub("identification")
	ident = append(obj{}, ident...)
	ident.set("name", c.body.val("name"))
	rest.set("identification", ident)
	flattenInto(&f.fields, rest)
	f.fields.set("product_type", "product")
	f.fields = f.fields.without("$primary")

	imgs, ok := primary.get("images")
	if !ok {
		return nil, undefinedKey("images")
	}
	f.images, _ = imgs.([]any)
	if update {
		u, ok := primary.get("units")
		if !ok {
			return nil, undefinedKey("units")
		}
		f.units, _ = u.(obj)
		g, ok := primary.get("groups")
		if !ok {
			return nil, undefinedKey("groups")
		}
		f.groups = g
	} else {
		f.groups = primary.val("groups")
	}
	return f, nil
}

// validateProductUpdate applies ProductRequest's rules, as Laravel reports
// them: the first message and how many more.
func (c *call) validateProductUpdate() *apiError {
	var msgs []string
	req := func(v any, present bool, attr string) {
		if !present || v == nil || (isString(v) && strings.TrimSpace(str(v)) == "") {
			msgs = append(msgs, "The "+strings.ReplaceAll(attr, "_", " ")+" field is required.")
		}
	}
	v, ok := c.body.get("name")
	req(v, ok, "name")
	for i, vv := range c.body.arr("variations") {
		vo, _ := vv.(obj)
		prefix := "variations." + strconv.Itoa(i) + "."
		ident := vo.sub("identification")
		for _, k := range []string{"category_id", "barcode_type", "type", "status", "stock_management"} {
			v, ok := ident.get(k)
			req(v, ok, prefix+"identification."+k)
		}
		v, ok := vo.sub("units").get("unit_group")
		req(v, ok, prefix+"units.unit_group")
		v, ok = vo.sub("expiracy").get("expires")
		req(v, ok, prefix+"expiracy.expires")
	}
	return validationError(msgs)
}

func isString(v any) bool { _, ok := v.(string); return ok }

func validationError(msgs []string) *apiError {
	if len(msgs) == 0 {
		return nil
	}
	m := msgs[0]
	switch n := len(msgs) - 1; {
	case n == 1:
		m += " (and 1 more error)"
	case n > 1:
		m += " (and " + strconv.Itoa(n) + " more errors)"
	}
	return errException("%s", m)
}

var slugRe = regexp.MustCompile(`[^a-z0-9]+`)

func slug(s string) string {
	return strings.Trim(slugRe.ReplaceAllString(strings.ToLower(s), "-"), "-")
}

func (h *Handler) barcodeFor(kind string) string {
	switch kind {
	case "ean13":
		return h.randDigits(13)
	case "upca":
		return h.randDigits(12)
	case "ean8", "upce":
		return h.randDigits(8)
	}
	return h.randDigits(10)
}

func sqlValue(v any) string {
	if v == nil {
		return "?"
	}
	switch x := v.(type) {
	case bool:
		return strconv.Itoa(b2i(x))
	}
	return str(v)
}

func sqlInsertError(code, text, table string, cols []string, vals []string) *apiError {
	q := make([]string, len(cols))
	for i, c := range cols {
		q[i] = "`" + c + "`"
	}
	return errException("SQLSTATE[%s]: %s (Connection: mysql, SQL: insert into `ns_nexopos_%s` (%s) values (%s))", code, text, table, strings.Join(q, ", "), strings.Join(vals, ", "))
}

// productColumnsFor lists the columns and values an insert would write.
func productInsert(f *flatForm, author int64, now time.Time) ([]string, []string) {
	var cols, vals []string
	for _, p := range f.fields {
		cols = append(cols, p.k)
		vals = append(vals, sqlValue(p.v))
		if p.k == "product_type" {
			cols = append(cols, "unit_group", "accurate_tracking", "auto_cogs")
			vals = append(vals, sqlValue(f.units.val("unit_group")), sqlValue(f.units.val("accurate_tracking")), sqlValue(f.units.val("auto_cogs")))
		}
	}
	cols = append(cols, "author", "updated_at", "created_at")
	vals = append(vals, strconv.FormatInt(author, 10), sqlTime(now), sqlTime(now))
	return cols, vals
}

func (c *call) createProduct() (any, *apiError) {
	st := c.h.st
	f, aerr := c.productForm(false)
	if aerr != nil {
		return nil, aerr
	}
	p, resp, aerr := st.saveProduct(nil, f, c.base)
	if aerr != nil {
		return nil, aerr
	}
	_ = p
	return success("The product has been saved.", resp), nil
}

func (c *call) updateProduct() (any, *apiError) {
	st := c.h.st
	p := st.productBy("id", c.param(0))
	if p == nil {
		return nil, errModel("Product", c.param(0))
	}
	if e := c.validateProductUpdate(); e != nil {
		return nil, e
	}
	f, aerr := c.productForm(true)
	if aerr != nil {
		return nil, aerr
	}
	_, resp, aerr := st.saveProduct(p, f, c.base)
	if aerr != nil {
		return nil, aerr
	}
	return success("The product has been updated", resp), nil
}

// saveProduct is ProductService::create/update for a simple product.
func (st *state) saveProduct(existing *Product, f *flatForm, base string) (*Product, obj, *apiError) {
	h := st.h
	now := h.now()
	fields := f.fields
	catV, ok := fields.get("category_id")
	if !ok {
		return nil, nil, undefinedKey("category_id")
	}
	cat := st.category(int64(num(catV)))
	if cat == nil {
		return nil, nil, errException("The category to which the product is attached doesn't exists or has been deleted")
	}
	typ, ok := fields.get("type")
	if !ok {
		return nil, nil, undefinedKey("type")
	}
	if str(typ) == "grouped" {
		g, _ := f.groups.(obj)
		if !g.has("product_subitems") {
			return nil, nil, errNotAllowed("A grouped product cannot be saved without any sub items.")
		}
	}
	var selling []any
	if len(f.units) > 0 {
		sg, ok := f.units.get("selling_group")
		if !ok {
			return nil, nil, undefinedKey("selling_group")
		}
		selling, _ = sg.([]any)
		seen := map[string]bool{}
		for _, g := range selling {
			go_, _ := g.(obj)
			k := str(go_.val("unit_id"))
			if seen[k] {
				return nil, nil, errNotAllowed("You cannot assign the same unit to more than one selling unit.")
			}
			seen[k] = true
		}
	}
	name := fields.val("name")
	generated := obj{}
	barcode := str(fields.val("barcode"))
	if existing == nil {
		if !empty(fields.val("barcode")) && st.productBy("barcode", barcode) != nil {
			return nil, nil, errException("The provided barcode \"%s\" is already in use.", barcode)
		}
		if empty(fields.val("barcode_type")) {
			generated.set("barcode_type", "ean8")
		}
	}
	btype := str(fields.val("barcode_type"))
	if bt, ok := generated.get("barcode_type"); ok {
		btype = str(bt)
	}
	if empty(fields.val("barcode")) {
		barcode = h.barcodeFor(btype)
		generated.set("barcode", barcode)
	}
	if existing != nil {
		if o := st.productBy("barcode", barcode); o != nil && o.ID != existing.ID {
			return nil, nil, errException("The provided barcode is already in use.")
		}
	}
	sku := str(fields.val("sku"))
	if empty(fields.val("sku")) {
		r := h.randString(5)
		if existing != nil {
			r = strings.ToLower(r)
		}
		sku = slug(cat.Name) + "--" + slug(str(name)) + "--" + r
		generated.set("sku", sku)
	}
	if o := st.productBy("sku", sku); o != nil && (existing == nil || o.ID != existing.ID) {
		if existing == nil {
			return nil, nil, errException("The provided SKU \"%s\" is already in use.", sku)
		}
		return nil, nil, errException("The provided SKU is already in use.")
	}
	all := append(append(obj{}, fields...), generated...)
	// every scalar becomes a column
	if existing == nil {
		cols, vals := productInsert(&flatForm{fields: all, units: f.units}, st.author(), now)
		for _, p := range all {
			if !productColumns[p.k] {
				return nil, nil, sqlInsertError("42S22", "Column not found: 1054 Unknown column '"+p.k+"' in 'field list'", "products", cols, vals)
			}
		}
		if name == nil {
			return nil, nil, sqlInsertError("23000", "Integrity constraint violation: 1048 Column 'name' cannot be null", "products", cols, vals)
		}
	} else {
		var sets []string
		for _, p := range all {
			sets = append(sets, "`"+p.k+"` = "+sqlValue(p.v))
		}
		for _, p := range all {
			if !productColumns[p.k] {
				return nil, nil, errException("SQLSTATE[42S22]: Column not found: 1054 Unknown column '%s' in 'field list' (Connection: mysql, SQL: update `ns_nexopos_products` set %s, `updated_at` = %s where `id` = %d)", p.k, strings.Join(sets, ", "), sqlTime(now), existing.ID)
			}
		}
		if name == nil {
			return nil, nil, errException("SQLSTATE[23000]: Integrity constraint violation: 1048 Column 'name' cannot be null (Connection: mysql, SQL: update `ns_nexopos_products` set %s, `updated_at` = %s where `id` = %d)", strings.Join(sets, ", "), sqlTime(now), existing.ID)
		}
	}
	if len(f.units) > 0 {
		if _, ok := f.units.get("unit_group"); !ok {
			return nil, nil, undefinedKey("unit_group")
		}
	}
	for _, g := range selling {
		go_, _ := g.(obj)
		for _, k := range []string{"unit_id", "sale_price_edit", "wholesale_price_edit"} {
			if !go_.has(k) {
				return nil, nil, undefinedKey(k)
			}
		}
	}

	p := existing
	catBefore := st.categoryJSON(cat)
	if p == nil {
		p = &Product{ID: st.next("products"), CreatedAt: now, Type: "materialized", Status: "available", StockManagement: "enabled",
			OnExpiration: "prevent_sales", Searchable: true, Author: st.author()}
		st.products = append(st.products, p)
	}
	for _, kvp := range all {
		v := kvp.v
		switch kvp.k {
		case "name":
			p.Name = str(v)
		case "sku":
			p.SKU = str(v)
		case "barcode":
			p.Barcode = str(v)
		case "barcode_type":
			p.BarcodeType = str(v)
		case "type":
			p.Type = str(v)
		case "status":
			p.Status = str(v)
		case "stock_management":
			p.StockManagement = str(v)
		case "tax_type":
			p.TaxType = str(v)
		case "tax_group_id":
			if empty(v) {
				p.TaxGroupID = nil
			} else {
				p.TaxGroupID = idp(int64(num(v)))
			}
		case "category_id":
			p.CategoryID = int64(num(v))
		case "description":
			p.Description = optStr(v, true)
		case "searchable":
			p.Searchable = truthy(v)
		case "expires":
			p.Expires = truthy(v)
		case "on_expiration":
			p.OnExpiration = str(v)
		}
	}
	p.Barcode, p.SKU = barcode, sku
	if len(f.units) > 0 {
		p.UnitGroup = int64(num(f.units.val("unit_group")))
		p.AccurateTracking = truthy(f.units.val("accurate_tracking"))
		p.AutoCOGS = truthy(f.units.val("auto_cogs"))
	}
	p.Author = st.author()
	p.UpdatedAt = now
	for _, g := range selling {
		go_, _ := g.(obj)
		unitID := int64(num(go_.val("unit_id")))
		uq := p.unitQuantity(unitID)
		if uq == nil {
			p.Units = append(p.Units, UnitQuantity{ID: st.next("unit_quantities"), ProductID: p.ID, UnitID: unitID, CreatedAt: now})
			uq = &p.Units[len(p.Units)-1]
		}
		uq.SalePriceEdit = num(go_.val("sale_price_edit"))
		uq.WholesalePriceEdit = num(go_.val("wholesale_price_edit"))
		uq.LowQuantity = num(go_.val("low_quantity"))
		uq.StockAlertEnabled = truthy(go_.val("stock_alert_enabled"))
		uq.COGS = num(go_.val("cogs"))
		uq.Visible = true
		if v, ok := go_.get("visible"); ok {
			uq.Visible = truthy(v)
		}
		uq.Barcode = p.Barcode + "-" + strconv.FormatInt(uq.ID, 10)
		uq.UpdatedAt = now
	}
	uqs := []any{}
	for i := range p.Units {
		uqs = append(uqs, st.unitQuantityJSON(p, &p.Units[i], false))
	}
	editURL := base + "/dashboard/products/edit/" + strconv.FormatInt(p.ID, 10)
	var prod obj
	if existing == nil {
		for _, kvp := range all {
			prod = append(prod, kvp)
			if kvp.k == "product_type" && len(f.units) > 0 {
				prod = append(prod, kv{"unit_group", f.units.val("unit_group")},
					kv{"accurate_tracking", boolOr(f.units.val("accurate_tracking"))}, kv{"auto_cogs", boolOr(f.units.val("auto_cogs"))})
			}
		}
		prod = append(prod, kv{"author", p.Author}, kv{"updated_at", isoTime(now)}, kv{"created_at", isoTime(now)}, kv{"id", p.ID},
			kv{"unit_quantities", uqs}, kv{"category", catBefore})
		st.touchCategories(now)
	} else {
		st.touchCategories(now)
		prod = st.productJSON(p)
		if v, ok := fields.get("searchable"); ok {
			prod.set("searchable", v)
		}
		prod = append(prod, kv{"galleries", []any{}}, kv{"unit_quantities", uqs}, kv{"category", st.categoryJSON(cat)})
	}
	return p, obj{{"product", prod}, {"editUrl", editURL}}, nil
}

func boolOr(v any) any {
	if v == nil {
		return false
	}
	return v
}

func (c *call) listProducts() (any, *apiError) {
	out := []any{}
	for _, p := range c.h.st.products {
		out = append(out, c.h.st.productJSON(p))
	}
	return out, nil
}

func productNotFound(as, ref string) *apiError {
	return errException("Unable to find the product, as the argument \"%s\" which value is \"%s\", doesn't have any match.", as, ref)
}

func (c *call) lookupProduct() (*Product, *apiError) {
	as := c.query.Get("as")
	if as == "" {
		as = "id"
	}
	p := c.h.st.productBy(as, c.param(0))
	if p == nil {
		return nil, productNotFound(as, c.param(0))
	}
	return p, nil
}

func (c *call) getProduct() (any, *apiError) {
	p, e := c.lookupProduct()
	if e != nil {
		return nil, e
	}
	return c.h.st.productJSON(p), nil
}

func (c *call) deleteProduct() (any, *apiError) {
	st := c.h.st
	p := st.productBy("id", c.param(0))
	if p == nil {
		return nil, productNotFound("id", c.param(0))
	}
	st.removeProduct(p)
	return obj{{"status", "success"}, {"message", "The product \"" + p.Name + "\" has been successfully deleted"}}, nil
}

func (st *state) removeProduct(p *Product) {
	for i, q := range st.products {
		if q == p {
			st.products = append(st.products[:i], st.products[i+1:]...)
			break
		}
	}
	st.touchCategories(st.h.now())
}

func (c *call) deleteAllProducts() (any, *apiError) {
	st := c.h.st
	n := len(st.products)
	if n == 0 {
		return obj{{"status", "info"}, {"message", "There is no products to delete."}}, nil
	}
	for len(st.products) > 0 {
		st.removeProduct(st.products[0])
	}
	return obj{{"status", "success"}, {"message", strconv.Itoa(n) + " products(s) has been deleted."}}, nil
}

func (c *call) productHistory() (any, *apiError) {
	st := c.h.st
	p, e := c.lookupProduct()
	if e != nil {
		return nil, e
	}
	out := []any{}
	for _, h := range st.history {
		if h.ProductID == p.ID {
			o := st.historyJSON(h)
			if u := st.unit(h.UnitID); u != nil {
				o = append(o, kv{"unit", st.unitJSON(u)})
			} else {
				o = append(o, kv{"unit", nil})
			}
			out = append(out, o)
		}
	}
	return out, nil
}

func (st *state) unitsJSON(p *Product) []any {
	out := []any{}
	for i := range p.Units {
		out = append(out, st.unitQuantityJSON(p, &p.Units[i], true))
	}
	return out
}

func (c *call) productUnits() (any, *apiError) {
	p := c.h.st.productBy("id", c.param(0))
	if p == nil {
		return nil, productNotFound("id", c.param(0))
	}
	return c.h.st.unitsJSON(p), nil
}

func (c *call) productUnitsQuantities() (any, *apiError) {
	p := c.h.st.productBy("id", c.param(0))
	if p == nil {
		return nil, errModel("Product", c.param(0))
	}
	return c.h.st.unitsJSON(p), nil
}

func (c *call) productUnitQuantity() (any, *apiError) {
	st := c.h.st
	p := st.productBy("id", c.param(0))
	if p == nil {
		return nil, errModel("Product", c.param(0))
	}
	u := st.unit(parseID(c.param(1)))
	if u == nil {
		return nil, errModel("Unit", c.param(1))
	}
	uq := p.unitQuantity(u.ID)
	if uq == nil {
		return nil, nil
	}
	return st.unitQuantityJSON(p, uq, false), nil
}

func (st *state) richProduct(p *Product) obj {
	o := st.productJSON(p)
	o = append(o, kv{"unit_quantities", st.unitsJSON(p)})
	return o
}

func (st *state) taxGroupOf(p *Product) any {
	if p.TaxGroupID != nil {
		if g := st.taxGroup(*p.TaxGroupID); g != nil {
			return st.taxGroupJSON(g, true)
		}
	}
	return nil
}

func (c *call) searchProducts() (any, *apiError) {
	st := c.h.st
	q := strings.ToLower(str(c.body.val("search")))
	out := []any{}
	for _, p := range st.products {
		if len(out) == 5 {
			break
		}
		if p.Status != "available" {
			continue
		}
		if strings.Contains(strings.ToLower(p.Name), q) || strings.Contains(strings.ToLower(p.SKU), q) || strings.Contains(strings.ToLower(p.Barcode), q) {
			o := st.richProduct(p)
			var cat any
			if ct := st.category(p.CategoryID); ct != nil {
				cat = st.categoryJSON(ct)
			}
			o = append(o, kv{"category", cat}, kv{"tax_group", st.taxGroupOf(p)})
			out = append(out, o)
		}
	}
	return out, nil
}

func (c *call) searchUsingBarcode() (any, *apiError) {
	st := c.h.st
	ref := c.param(0)
	for _, p := range st.products {
		if p.Status != "available" {
			continue
		}
		for i := range p.Units {
			if p.Units[i].Barcode == ref {
				o := st.productJSON(p)
				o = append(o, kv{"selectedUnitQuantity", st.unitQuantityJSON(p, &p.Units[i], true)},
					kv{"unit_quantities", st.unitsJSON(p)}, kv{"tax_group", st.taxGroupOf(p)})
				return obj{{"type", "product"}, {"product", o}}, nil
			}
		}
	}
	for _, p := range st.products {
		if p.Status == "available" && p.Barcode == ref {
			o := st.richProduct(p)
			o = append(o, kv{"tax_group", st.taxGroupOf(p)})
			return obj{{"type", "product"}, {"product", o}}, nil
		}
	}
	return nil, errNotFound("There is no products matching the current request.")
}
