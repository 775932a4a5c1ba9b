package nexopostest

import (
	"cmp"
	"slices"
	"strings"
	"time"
)

// state is the fake's database. Every access holds Handler.mu.
type state struct {
	h            *Handler
	admin        user
	tokens       []*token
	products     []*Product
	categories   []*Category
	customers    []*Customer
	groups       []*CustomerGroup
	orders       []*Order
	history      []*HistoryEntry
	paymentTypes []*PaymentType
	units        []*Unit
	unitGroups   []*UnitGroup
	taxes        []*Tax
	taxGroups    []*TaxGroup
	catTotals    map[int64]int
	seq          map[string]int64
	orderCodes   map[string]int
	// soldLines records the order lines whose stock was taken ("sold"
	// history exists), as NexoPOS checks before deducting again.
	soldLines map[int64]bool
}

func newState(h *Handler) *state {
	now := h.now()
	st := &state{h: h, seq: map[string]int64{}, orderCodes: map[string]int{}, soldLines: map[int64]bool{}, catTotals: map[int64]int{}}
	st.admin = user{ID: st.next("users"), Username: "admin", Email: "admin@example.com", Password: h.fakeHash(), CreatedAt: now, UpdatedAt: now}
	st.tokens = []*token{{ID: st.next("tokens"), Name: "sdk", CreatedAt: now, UpdatedAt: now}}
	st.tokens[0].Plain = h.newTokenString(st.tokens[0].ID)
	for _, p := range []struct{ label, id string }{{"Cash", "cash-payment"}, {"Bank Payment", "bank-payment"}, {"Customer Account", "account-payment"}} {
		st.paymentTypes = append(st.paymentTypes, &PaymentType{ID: st.next("payment_types"), Label: p.label, Identifier: p.id, Active: true, Readonly: true, Author: st.admin.ID, CreatedAt: now, UpdatedAt: now})
	}
	return st
}

// byID finds a record by id: by binary search, as ids are given in
// ascending order and rows are only appended or removed, with a scan as a
// fallback should a seeded id ever break the order.
func byID[T any](rows []*T, id int64, idOf func(*T) int64) *T {
	if i, ok := slices.BinarySearchFunc(rows, id, func(r *T, id int64) int { return cmp.Compare(idOf(r), id) }); ok {
		return rows[i]
	}
	for _, r := range rows {
		if idOf(r) == id {
			return r
		}
	}
	return nil
}

func (st *state) next(table string) int64 {
	st.seq[table]++
	return st.seq[table]
}

func (st *state) product(id int64) *Product {
	return byID(st.products, id, func(x *Product) int64 { return x.ID })
}

func (st *state) productBy(as, ref string) *Product {
	for _, p := range st.products {
		switch as {
		case "sku":
			if p.SKU == ref {
				return p
			}
		case "barcode":
			if p.Barcode == ref {
				return p
			}
		default:
			if ref != "" && strings.Trim(ref, "0123456789") == "" && p.ID == parseID(ref) {
				return p
			}
		}
	}
	return nil
}

// unitQuantity returns the unit quantity with that id and its product.
func (st *state) unitQuantity(id int64) (*Product, *UnitQuantity) {
	for _, p := range st.products {
		for i := range p.Units {
			if p.Units[i].ID == id {
				return p, &p.Units[i]
			}
		}
	}
	return nil, nil
}

func (p *Product) unitQuantity(unitID int64) *UnitQuantity {
	for i := range p.Units {
		if p.Units[i].UnitID == unitID {
			return &p.Units[i]
		}
	}
	return nil
}

func (st *state) category(id int64) *Category {
	for _, c := range st.categories {
		if c.ID == id {
			return c
		}
	}
	return nil
}

func (st *state) customer(id int64) *Customer {
	return byID(st.customers, id, func(x *Customer) int64 { return x.ID })
}

func (st *state) group(id int64) *CustomerGroup {
	for _, g := range st.groups {
		if g.ID == id {
			return g
		}
	}
	return nil
}

func (st *state) order(id int64) *Order {
	return byID(st.orders, id, func(x *Order) int64 { return x.ID })
}

func (st *state) unit(id int64) *Unit {
	for _, u := range st.units {
		if u.ID == id {
			return u
		}
	}
	return nil
}

func (st *state) unitGroup(id int64) *UnitGroup {
	for _, g := range st.unitGroups {
		if g.ID == id {
			return g
		}
	}
	return nil
}

func (st *state) taxGroup(id int64) *TaxGroup {
	for _, g := range st.taxGroups {
		if g.ID == id {
			return g
		}
	}
	return nil
}

func (st *state) tax(id int64) *Tax {
	for _, t := range st.taxes {
		if t.ID == id {
			return t
		}
	}
	return nil
}

func (st *state) paymentType(identifier string) *PaymentType {
	for _, p := range st.paymentTypes {
		if p.Identifier == identifier {
			return p
		}
	}
	return nil
}

// taxRate is the summed rate (percent) of a tax group.
func (st *state) taxRate(groupID *int64) float64 {
	if groupID == nil {
		return 0
	}
	var r float64
	for _, t := range st.taxes {
		if t.TaxGroupID == *groupID {
			r += t.Rate
		}
	}
	return r
}

func parseID(s string) int64 {
	var n int64
	for _, c := range s {
		if c < '0' || c > '9' {
			return 0
		}
		n = n*10 + int64(c-'0')
		if n > 1<<53 {
			return 0
		}
	}
	return n
}

// touchCategories recomputes the total_items of categories, touching the
// ones whose count changed, as NexoPOS does when products move.
func (st *state) touchCategories(now time.Time) {
	counts := map[int64]int{}
	for _, p := range st.products {
		counts[p.CategoryID]++
	}
	for _, c := range st.categories {
		if st.catTotals[c.ID] != counts[c.ID] {
			st.catTotals[c.ID] = counts[c.ID]
			c.UpdatedAt = now
		}
	}
}

// ---- serialisation of the shared rows ----

func (st *state) author() int64 { return st.admin.ID }

func (st *state) userJSON(withPassword bool) obj {
	u := st.admin
	o := obj{
		{"id", u.ID}, {"username", u.Username}, {"active", true}, {"author", u.ID}, {"email", u.Email},
	}
	if withPassword {
		o = append(o, kv{"password", u.Password})
	}
	o = append(o, obj{
		{"group_id", nil}, {"first_name", nil}, {"last_name", nil}, {"gender", nil}, {"phone", nil}, {"pobox", nil},
		{"activation_expiration", nil}, {"total_sales_count", u.TotalSalesCount}, {"total_sales", u.TotalSales},
		{"birth_date", nil}, {"purchases_amount", 0}, {"owed_amount", 0}, {"credit_limit_amount", 0}, {"account_amount", 0},
		{"activation_token", nil}, {"created_at", isoTime(u.CreatedAt)}, {"updated_at", isoTime(u.UpdatedAt)},
	}...)
	return o
}

func (st *state) unitJSON(u *Unit) obj {
	return obj{
		{"id", u.ID}, {"name", u.Name}, {"identifier", u.Identifier}, {"description", nil}, {"author", u.Author},
		{"group_id", u.GroupID}, {"value", u.Value}, {"preview_url", nil}, {"base_unit", u.BaseUnit}, {"uuid", nil},
		{"created_at", isoTime(u.CreatedAt)}, {"updated_at", isoTime(u.UpdatedAt)},
	}
}

func (st *state) unitGroupJSON(g *UnitGroup) obj {
	return obj{{"id", g.ID}, {"name", g.Name}, {"description", nil}, {"author", g.Author}, {"uuid", nil},
		{"created_at", isoTime(g.CreatedAt)}, {"updated_at", isoTime(g.UpdatedAt)}}
}

func (st *state) taxJSON(t *Tax) obj {
	return obj{{"id", t.ID}, {"name", t.Name}, {"description", nil}, {"rate", t.Rate}, {"tax_group_id", t.TaxGroupID},
		{"author", t.Author}, {"uuid", nil}, {"created_at", isoTime(t.CreatedAt)}, {"updated_at", isoTime(t.UpdatedAt)}}
}

func (st *state) taxGroupJSON(g *TaxGroup, withTaxes bool) obj {
	o := obj{{"id", g.ID}, {"name", g.Name}, {"description", nil}, {"author", g.Author}, {"uuid", nil},
		{"created_at", isoTime(g.CreatedAt)}, {"updated_at", isoTime(g.UpdatedAt)}}
	if withTaxes {
		taxes := []any{}
		for _, t := range st.taxes {
			if t.TaxGroupID == g.ID {
				taxes = append(taxes, st.taxJSON(t))
			}
		}
		o = append(o, kv{"taxes", taxes})
	}
	return o
}

func (st *state) customerGroupJSON(g *CustomerGroup) obj {
	return obj{{"id", g.ID}, {"name", g.Name}, {"description", nil}, {"reward_system_id", nil}, {"minimal_credit_payment", 0},
		{"author", g.Author}, {"uuid", nil}, {"created_at", isoTime(g.CreatedAt)}, {"updated_at", isoTime(g.UpdatedAt)}}
}

func (st *state) categoryJSON(c *Category) obj {
	var parent any
	if c.ParentID != nil {
		parent = *c.ParentID
	}
	return obj{
		{"id", c.ID}, {"name", c.Name}, {"parent_id", parent}, {"media_id", 0}, {"preview_url", nil}, {"displays_on_pos", 1},
		{"total_items", st.catTotals[c.ID]}, {"description", nullStr(c.Description)}, {"author", c.Author}, {"uuid", nil},
		{"created_at", isoTime(c.CreatedAt)}, {"updated_at", isoTime(c.UpdatedAt)},
	}
}

// productJSON is a product row as Eloquent serialises it.
func (st *state) productJSON(p *Product) obj {
	var taxType any
	if p.TaxType != "" {
		taxType = p.TaxType
	}
	return obj{
		{"id", p.ID}, {"name", p.Name}, {"tax_type", taxType}, {"tax_group_id", nullID(p.TaxGroupID)}, {"tax_value", 0},
		{"product_type", "product"}, {"type", p.Type}, {"accurate_tracking", p.AccurateTracking}, {"auto_cogs", p.AutoCOGS},
		{"status", p.Status}, {"stock_management", p.StockManagement}, {"barcode", p.Barcode}, {"barcode_type", p.BarcodeType},
		{"sku", p.SKU}, {"description", nullStr(p.Description)}, {"thumbnail_id", nil}, {"category_id", p.CategoryID},
		{"parent_id", 0}, {"unit_group", p.UnitGroup}, {"on_expiration", p.OnExpiration}, {"expires", b2i(p.Expires)},
		{"searchable", b2i(p.Searchable)}, {"author", p.Author}, {"uuid", nil},
		{"created_at", isoTime(p.CreatedAt)}, {"updated_at", isoTime(p.UpdatedAt)},
	}
}

// prices computes the derived price columns of a unit quantity.
type prices struct {
	sale, saleWith, saleWithout, saleTax             float64
	wholesale, wholeWith, wholeWithout, wholesaleTax float64
}

func (st *state) prices(p *Product, u *UnitQuantity) prices {
	rate := st.taxRate(p.TaxGroupID) / 100
	calc := func(edit float64) (with, without, tax float64) {
		switch {
		case rate == 0 || p.TaxType == "":
			return edit, edit, 0
		case p.TaxType == "exclusive":
			return edit * (1 + rate), edit, edit * rate
		default:
			without = edit / (1 + rate)
			return edit, without, edit - without
		}
	}
	var pr prices
	pr.saleWith, pr.saleWithout, pr.saleTax = calc(u.SalePriceEdit)
	pr.wholeWith, pr.wholeWithout, pr.wholesaleTax = calc(u.WholesalePriceEdit)
	pr.sale = pr.saleWith
	pr.wholesale = pr.wholeWithout
	return pr
}

func (st *state) unitQuantityJSON(p *Product, u *UnitQuantity, withUnit bool) obj {
	pr := st.prices(p, u)
	o := obj{
		{"id", u.ID}, {"product_id", u.ProductID}, {"type", "product"}, {"preview_url", ""}, {"expiration_date", nil},
		{"unit_id", u.UnitID}, {"barcode", u.Barcode}, {"quantity", u.Quantity}, {"low_quantity", u.LowQuantity},
		{"stock_alert_enabled", b2i(u.StockAlertEnabled)},
		{"sale_price", sig6(pr.sale)}, {"sale_price_edit", sig6(u.SalePriceEdit)}, {"sale_price_without_tax", sig6(pr.saleWithout)},
		{"sale_price_with_tax", sig6(pr.saleWith)}, {"sale_price_tax", sig6(pr.saleTax)},
		{"wholesale_price", sig6(pr.wholesale)}, {"wholesale_price_edit", sig6(u.WholesalePriceEdit)},
		{"wholesale_price_with_tax", sig6(pr.wholeWith)}, {"wholesale_price_without_tax", sig6(pr.wholeWithout)},
		{"wholesale_price_tax", sig6(pr.wholesaleTax)},
		{"custom_price", 0}, {"custom_price_edit", 0}, {"custom_price_with_tax", 0}, {"custom_price_without_tax", 0}, {"custom_price_tax", 0},
		{"visible", b2i(u.Visible)}, {"convert_unit_id", nil}, {"cogs", u.COGS}, {"uuid", nil},
		{"created_at", isoTime(u.CreatedAt)}, {"updated_at", isoTime(u.UpdatedAt)},
	}
	if withUnit {
		if un := st.unit(u.UnitID); un != nil {
			o = append(o, kv{"unit", st.unitJSON(un)})
		} else {
			o = append(o, kv{"unit", nil})
		}
	}
	return o
}

func (st *state) historyJSON(e *HistoryEntry) obj {
	return obj{
		{"id", e.ID}, {"product_id", e.ProductID}, {"procurement_id", nil}, {"procurement_product_id", nil},
		{"order_id", nullID(e.OrderID)}, {"order_product_id", nullID(e.OrderProductID)}, {"operation_type", e.OperationType},
		{"unit_id", e.UnitID}, {"before_quantity", e.BeforeQuantity}, {"quantity", e.Quantity}, {"after_quantity", e.AfterQuantity},
		{"unit_price", e.UnitPrice}, {"total_price", e.TotalPrice}, {"description", ""}, {"author", e.Author}, {"uuid", nil},
		{"created_at", isoTime(e.CreatedAt)}, {"updated_at", isoTime(e.CreatedAt)},
	}
}

func addressJSON(a *Address, customerID int64, author int64) obj {
	return obj{
		{"id", a.ID}, {"customer_id", customerID}, {"type", a.Type}, {"email", nullStr(a.Email)}, {"first_name", nullStr(a.FirstName)},
		{"last_name", nullStr(a.LastName)}, {"phone", nullStr(a.Phone)}, {"address_1", nullStr(a.Address1)}, {"address_2", nullStr(a.Address2)},
		{"country", nullStr(a.Country)}, {"city", nullStr(a.City)}, {"pobox", nullStr(a.Pobox)}, {"company", nullStr(a.Company)},
		{"uuid", nil}, {"author", author}, {"created_at", isoTime(a.CreatedAt)}, {"updated_at", isoTime(a.UpdatedAt)},
	}
}

// customerJSON is a customer row; V4 has its own customers table with
// name/surname and no credentials.
func (st *state) customerJSON(c *Customer, dates func(time.Time) string) obj {
	if dates == nil {
		dates = isoTime
	}
	var group any
	if c.GroupID != nil {
		group = *c.GroupID
	}
	if st.h.cfg.version == V4 {
		return obj{
			{"id", c.ID}, {"name", c.FirstName}, {"surname", nullStr(c.LastName)}, {"description", nil}, {"gender", nullStr(c.Gender)},
			{"phone", nullStr(c.Phone)}, {"email", c.Email}, {"pobox", nil}, {"group_id", group}, {"birth_date", nil},
			{"purchases_amount", c.PurchasesAmount}, {"owed_amount", c.OwedAmount}, {"credit_limit_amount", c.CreditLimit},
			{"account_amount", c.AccountAmount}, {"author", c.Author}, {"uuid", nil},
			{"created_at", dates(c.CreatedAt)}, {"updated_at", dates(c.UpdatedAt)},
		}
	}
	return obj{
		{"id", c.ID}, {"username", c.Username}, {"active", b2i(c.Active)}, {"author", c.Author}, {"email", c.Email},
		{"password", c.Password}, {"group_id", group}, {"first_name", c.FirstName}, {"last_name", nullStr(c.LastName)},
		{"gender", nullStr(c.Gender)}, {"phone", nullStr(c.Phone)}, {"pobox", nil}, {"activation_expiration", nil},
		{"total_sales_count", 0}, {"total_sales", 0}, {"birth_date", nil}, {"purchases_amount", c.PurchasesAmount},
		{"owed_amount", c.OwedAmount}, {"credit_limit_amount", c.CreditLimit}, {"account_amount", c.AccountAmount},
		{"activation_token", nil}, {"remember_token", nil}, {"created_at", dates(c.CreatedAt)}, {"updated_at", dates(c.UpdatedAt)},
	}
}

func (st *state) customerAddresses(c *Customer) (billing, shipping any) {
	if c.Billing != nil {
		billing = addressJSON(c.Billing, c.ID, c.Author)
	}
	if c.Shipping != nil {
		shipping = addressJSON(c.Shipping, c.ID, c.Author)
	}
	return
}
