package nexopostest

import (
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
)

// Reference holds the ids of the reference data made by
// [Handler.SeedReference].
type Reference struct {
	TaxGroupID      int64 // "VAT", one tax of 10%
	UnitGroupID     int64 // "Countable"
	PieceUnitID     int64 // "Piece", value 1, base unit
	DozenUnitID     int64 // "Dozen", value 12
	CustomerGroupID int64 // "Regulars"
}

// SeedReference creates what a fresh install lacks before a product or a
// customer can be made, as the recorded samples 02-07 do: a tax group with
// a 10% tax, a unit group with Piece and Dozen, and a customer group.
func (h *Handler) SeedReference() Reference {
	tg := h.AddTaxGroup("VAT", 10)
	ug := h.AddUnitGroup("Countable")
	piece := h.AddUnit(ug.ID, "Piece", "piece", 1, true)
	dozen := h.AddUnit(ug.ID, "Dozen", "dozen", 12, false)
	cg := h.AddCustomerGroup("Regulars")
	return Reference{TaxGroupID: tg.ID, UnitGroupID: ug.ID, PieceUnitID: piece.ID, DozenUnitID: dozen.ID, CustomerGroupID: cg.ID}
}

// AddTaxGroup creates a tax group with one tax per rate (in percent).
func (h *Handler) AddTaxGroup(name string, rates ...float64) TaxGroup {
	h.mu.Lock()
	defer h.mu.Unlock()
	st, now := h.st, h.now()
	g := &TaxGroup{ID: st.next("tax_groups"), Name: name, Author: st.author(), CreatedAt: now, UpdatedAt: now}
	st.taxGroups = append(st.taxGroups, g)
	for i, r := range rates {
		st.taxes = append(st.taxes, &Tax{ID: st.next("taxes"), Name: fmt.Sprintf("%s %d", name, i+1), Rate: r, TaxGroupID: g.ID, Author: st.author(), CreatedAt: now, UpdatedAt: now})
	}
	return *g
}

// AddUnitGroup creates a unit group.
func (h *Handler) AddUnitGroup(name string) UnitGroup {
	h.mu.Lock()
	defer h.mu.Unlock()
	st, now := h.st, h.now()
	g := &UnitGroup{ID: st.next("unit_groups"), Name: name, Author: st.author(), CreatedAt: now, UpdatedAt: now}
	st.unitGroups = append(st.unitGroups, g)
	return *g
}

// AddUnit creates a unit in a group; value is how many base units it holds.
func (h *Handler) AddUnit(groupID int64, name, identifier string, value float64, base bool) Unit {
	h.mu.Lock()
	defer h.mu.Unlock()
	st, now := h.st, h.now()
	u := &Unit{ID: st.next("units"), Name: name, Identifier: identifier, GroupID: groupID, Value: value, BaseUnit: base, Author: st.author(), CreatedAt: now, UpdatedAt: now}
	st.units = append(st.units, u)
	return *u
}

// AddCustomerGroup creates a customer group.
func (h *Handler) AddCustomerGroup(name string) CustomerGroup {
	h.mu.Lock()
	defer h.mu.Unlock()
	st, now := h.st, h.now()
	g := &CustomerGroup{ID: st.next("customer_groups"), Name: name, Author: st.author(), CreatedAt: now, UpdatedAt: now}
	st.groups = append(st.groups, g)
	return *g
}

// AddPaymentType creates a payment type; orders paid with an inactive or
// unknown identifier are refused.
func (h *Handler) AddPaymentType(label, identifier string, active bool) PaymentType {
	h.mu.Lock()
	defer h.mu.Unlock()
	st, now := h.st, h.now()
	p := &PaymentType{ID: st.next("payment_types"), Label: label, Identifier: identifier, Active: active, Author: st.author(), CreatedAt: now, UpdatedAt: now}
	st.paymentTypes = append(st.paymentTypes, p)
	return *p
}

// SetPaymentTypeActive enables or disables a payment type, as the shop
// owner does in the admin.
func (h *Handler) SetPaymentTypeActive(identifier string, active bool) error {
	h.mu.Lock()
	defer h.mu.Unlock()
	p := h.st.paymentType(identifier)
	if p == nil {
		return fmt.Errorf("nexopostest: no payment type %q", identifier)
	}
	p.Active = active
	p.UpdatedAt = h.now()
	return nil
}

// PaymentTypes returns the payment types.
func (h *Handler) PaymentTypes() []PaymentType {
	h.mu.Lock()
	defer h.mu.Unlock()
	out := make([]PaymentType, len(h.st.paymentTypes))
	for i, p := range h.st.paymentTypes {
		out[i] = *p
	}
	return out
}

// NewCategory describes a category to seed.
type NewCategory struct {
	Name        string
	ParentID    int64 // 0 for a root category
	Description string
}

// AddCategory creates a category.
func (h *Handler) AddCategory(c NewCategory) (Category, error) {
	h.mu.Lock()
	defer h.mu.Unlock()
	st, now := h.st, h.now()
	if c.Name == "" {
		return Category{}, fmt.Errorf("nexopostest: a category needs a name")
	}
	if c.ParentID != 0 && st.category(c.ParentID) == nil {
		return Category{}, fmt.Errorf("nexopostest: no parent category %d", c.ParentID)
	}
	ct := &Category{ID: st.next("categories"), Name: c.Name, ParentID: idp(c.ParentID), Author: st.author(), CreatedAt: now, UpdatedAt: now}
	if c.Description != "" {
		ct.Description = strp(c.Description)
	}
	st.categories = append(st.categories, ct)
	st.catTotals[ct.ID] = 0
	return *ct, nil
}

// Categories returns the categories.
func (h *Handler) Categories() []Category {
	h.mu.Lock()
	defer h.mu.Unlock()
	out := make([]Category, len(h.st.categories))
	for i, c := range h.st.categories {
		out[i] = *c
	}
	return out
}

// NewProduct describes a product to seed.
type NewProduct struct {
	Name        string
	SKU         string // generated when empty
	Barcode     string // generated when empty
	CategoryID  int64
	TaxGroupID  int64  // 0 for none
	TaxType     string // inclusive (default when TaxGroupID is set) or exclusive
	Untracked   bool   // stock_management disabled
	Description string
	Units       []NewUnitQuantity
}

// NewUnitQuantity is a product's price and opening stock in one unit.
type NewUnitQuantity struct {
	UnitID         int64
	SalePrice      float64
	WholesalePrice float64
	// Stock is recorded as an "added" adjustment, as a shop owner would
	// enter it; it is ignored for untracked products.
	Stock float64
}

// AddProduct creates a product with its unit quantities and opening stock.
func (h *Handler) AddProduct(np NewProduct) (Product, error) {
	h.mu.Lock()
	defer h.mu.Unlock()
	st := h.st
	if np.Name == "" {
		return Product{}, fmt.Errorf("nexopostest: a product needs a name")
	}
	if len(np.Units) == 0 {
		return Product{}, fmt.Errorf("nexopostest: a product needs at least one unit")
	}
	ident := obj{{"barcode", np.Barcode}, {"barcode_type", "ean13"}, {"searchable", true}, {"category_id", json.Number(strconv.FormatInt(np.CategoryID, 10))},
		{"description", nilIfEmpty(np.Description)}, {"product_type", "product"}, {"type", "materialized"}, {"sku", np.SKU}, {"status", "available"},
		{"stock_management", map[bool]string{true: "disabled", false: "enabled"}[np.Untracked]}}
	if np.Barcode == "" {
		ident.set("barcode_type", "code128")
	}
	taxes := obj{{"tax_group_id", nil}, {"tax_type", nil}}
	if np.TaxGroupID != 0 {
		tt := np.TaxType
		if tt == "" {
			tt = "inclusive"
		}
		taxes = obj{{"tax_group_id", json.Number(strconv.FormatInt(np.TaxGroupID, 10))}, {"tax_type", tt}}
	}
	var group int64
	var selling []any
	for _, u := range np.Units {
		unit := st.unit(u.UnitID)
		if unit == nil {
			return Product{}, fmt.Errorf("nexopostest: no unit %d", u.UnitID)
		}
		group = unit.GroupID
		selling = append(selling, obj{{"sale_price_edit", u.SalePrice}, {"wholesale_price_edit", u.WholesalePrice}, {"unit_id", json.Number(strconv.FormatInt(u.UnitID, 10))}})
	}
	f := &flatForm{units: obj{{"selling_group", selling}, {"unit_group", json.Number(strconv.FormatInt(group, 10))}}}
	rest := obj{{"expiracy", obj{{"expires", json.Number("0")}, {"on_expiration", "prevent_sales"}}}, {"identification", append(ident, kv{"name", np.Name})}, {"taxes", taxes}}
	flattenInto(&f.fields, rest)
	f.fields.set("product_type", "product")
	p, _, aerr := st.saveProduct(nil, f, "http://nexopos.test")
	if aerr != nil {
		return Product{}, aerr
	}
	if !np.Untracked {
		for _, u := range np.Units {
			if u.Stock > 0 {
				uq := p.unitQuantity(u.UnitID)
				if _, aerr := st.move(p, u.UnitID, "added", u.Stock, uq.SalePriceEdit, uq.SalePriceEdit*u.Stock, nil, nil); aerr != nil {
					return Product{}, aerr
				}
			}
		}
	}
	return copyProduct(p), nil
}

func copyProduct(p *Product) Product {
	c := *p
	c.Units = append([]UnitQuantity(nil), p.Units...)
	return c
}

// Product returns a copy of a product.
func (h *Handler) Product(id int64) (Product, bool) {
	h.mu.Lock()
	defer h.mu.Unlock()
	p := h.st.product(id)
	if p == nil {
		return Product{}, false
	}
	return copyProduct(p), true
}

// ProductIDs returns the id of every product, ascending. With Product it
// picks products from a large fake without copying them all.
func (h *Handler) ProductIDs() []int64 {
	h.mu.Lock()
	defer h.mu.Unlock()
	return idsOf(h.st.products, func(p *Product) int64 { return p.ID })
}

// Products returns copies of every product.
func (h *Handler) Products() []Product {
	h.mu.Lock()
	defer h.mu.Unlock()
	out := make([]Product, len(h.st.products))
	for i, p := range h.st.products {
		out[i] = copyProduct(p)
	}
	return out
}

// Stock returns the quantity of a product in a unit (0 when unknown).
func (h *Handler) Stock(productID, unitID int64) float64 {
	h.mu.Lock()
	defer h.mu.Unlock()
	if p := h.st.product(productID); p != nil {
		if uq := p.unitQuantity(unitID); uq != nil {
			return uq.Quantity
		}
	}
	return 0
}

// Adjust makes a stock adjustment as the admin's adjustment screen does:
// action is added, removed, defective, lost, set, ... It refuses to go
// below zero and does nothing for untracked products (nil entry).
func (h *Handler) Adjust(productID, unitID int64, action string, quantity float64) (*HistoryEntry, error) {
	h.mu.Lock()
	defer h.mu.Unlock()
	st := h.st
	p := st.product(productID)
	if p == nil {
		return nil, errNotFound("The product doesn't exists.")
	}
	if st.unit(unitID) == nil {
		return nil, errNotFound("The unit doesn't exists.")
	}
	if !st.knownAction(action) {
		return nil, errException("Unsupported action for the product %s.", p.Name)
	}
	if quantity < 0 {
		return nil, errNotAllowed("The adjustment quantity can't be negative for the product \"%s\" (%s)", p.Name, phpFloat(quantity))
	}
	if p.StockManagement != "enabled" {
		return nil, nil
	}
	price := 0.0
	if uq := p.unitQuantity(unitID); uq != nil {
		price = uq.SalePriceEdit
	}
	e, aerr := st.move(p, unitID, action, quantity, price, price*quantity, nil, nil)
	if aerr != nil {
		return nil, aerr
	}
	c := *e
	return &c, nil
}

// SetPrice changes the sale price of a product in a unit, as an edit in the
// admin does; the product's updated_at moves.
func (h *Handler) SetPrice(productID, unitID int64, salePrice float64) error {
	h.mu.Lock()
	defer h.mu.Unlock()
	p := h.st.product(productID)
	if p == nil {
		return fmt.Errorf("nexopostest: no product %d", productID)
	}
	uq := p.unitQuantity(unitID)
	if uq == nil {
		return fmt.Errorf("nexopostest: product %d has no unit %d", productID, unitID)
	}
	now := h.now()
	uq.SalePriceEdit = salePrice
	uq.UpdatedAt = now
	p.UpdatedAt = now
	return nil
}

// RenameProduct changes a product's name, as an edit in the admin does.
func (h *Handler) RenameProduct(productID int64, name string) error {
	h.mu.Lock()
	defer h.mu.Unlock()
	p := h.st.product(productID)
	if p == nil {
		return fmt.Errorf("nexopostest: no product %d", productID)
	}
	p.Name = name
	p.UpdatedAt = h.now()
	return nil
}

// DeleteProduct deletes a product.
func (h *Handler) DeleteProduct(id int64) error {
	h.mu.Lock()
	defer h.mu.Unlock()
	p := h.st.product(id)
	if p == nil {
		return fmt.Errorf("nexopostest: no product %d", id)
	}
	h.st.removeProduct(p)
	return nil
}

// History returns every stock movement, oldest first (ids increase).
func (h *Handler) History() []HistoryEntry {
	h.mu.Lock()
	defer h.mu.Unlock()
	out := make([]HistoryEntry, len(h.st.history))
	for i, e := range h.st.history {
		out[i] = *e
	}
	return out
}

// NewCustomer describes a customer to seed.
type NewCustomer struct {
	FirstName string
	LastName  string
	Email     string
	Phone     string
	GroupID   int64
}

// AddCustomer creates a customer; a used email is refused as the real
// server does.
func (h *Handler) AddCustomer(nc NewCustomer) (Customer, error) {
	h.mu.Lock()
	defer h.mu.Unlock()
	st, now := h.st, h.now()
	if nc.FirstName == "" {
		return Customer{}, errException("The first name field is required.")
	}
	if nc.Email != "" && !emailRe.MatchString(nc.Email) {
		return Customer{}, errException("The \"general.email\" provided is not valid.")
	}
	if st.emailUsed(nc.Email, 0) {
		return Customer{}, emailTaken(nc.Email)
	}
	cu := &Customer{ID: st.next("users"), FirstName: nc.FirstName, Email: nc.Email, Username: nc.Email, Password: h.fakeHash(),
		Author: st.author(), CreatedAt: now, UpdatedAt: now}
	if cu.Email == "" {
		cu.Email = fmt.Sprintf("customer-%d@nexopos.test", cu.ID)
		cu.Username = cu.Email
	}
	if nc.LastName != "" {
		cu.LastName = strp(nc.LastName)
	}
	if nc.Phone != "" {
		cu.Phone = strp(nc.Phone)
	}
	if nc.GroupID != 0 {
		cu.GroupID = idp(nc.GroupID)
	}
	st.customers = append(st.customers, cu)
	return copyCustomer(cu), nil
}

func copyCustomer(c *Customer) Customer {
	x := *c
	if c.Billing != nil {
		b := *c.Billing
		x.Billing = &b
	}
	if c.Shipping != nil {
		s := *c.Shipping
		x.Shipping = &s
	}
	return x
}

// Customer returns a copy of a customer.
func (h *Handler) Customer(id int64) (Customer, bool) {
	h.mu.Lock()
	defer h.mu.Unlock()
	c := h.st.customer(id)
	if c == nil {
		return Customer{}, false
	}
	return copyCustomer(c), true
}

// CustomerIDs returns the id of every customer, ascending.
func (h *Handler) CustomerIDs() []int64 {
	h.mu.Lock()
	defer h.mu.Unlock()
	return idsOf(h.st.customers, func(c *Customer) int64 { return c.ID })
}

// Customers returns copies of every customer.
func (h *Handler) Customers() []Customer {
	h.mu.Lock()
	defer h.mu.Unlock()
	out := make([]Customer, len(h.st.customers))
	for i, c := range h.st.customers {
		out[i] = copyCustomer(c)
	}
	return out
}

// OrderLine is a line of a seeded order. A line with ProductID 0 is a quick
// product (Name, UnitID, UnitPrice).
type OrderLine struct {
	ProductID int64
	UnitID    int64
	Quantity  float64
	UnitPrice float64 // 0 takes the unit's sale price
	Name      string
}

// NewPayment is a payment of a seeded order.
type NewPayment struct {
	Identifier string
	Value      float64
}

// NewOrder describes an order placed at the counter.
type NewOrder struct {
	CustomerID int64
	Type       string // takeaway (default) or delivery
	Lines      []OrderLine
	Payments   []NewPayment
	Hold       bool // saved as "hold" when unpaid
	Title      string
}

// AddOrder places an order exactly as POST /api/orders would, with the same
// checks and stock effects.
func (h *Handler) AddOrder(no NewOrder) (Order, error) {
	h.mu.Lock()
	defer h.mu.Unlock()
	st := h.st
	typ := no.Type
	if typ == "" {
		typ = "takeaway"
	}
	body := obj{{"customer_id", json.Number(strconv.FormatInt(no.CustomerID, 10))}, {"type", obj{{"identifier", typ}}}}
	if no.Hold {
		body = append(body, kv{"payment_status", "hold"})
	}
	if no.Title != "" {
		body = append(body, kv{"title", no.Title})
	}
	var lines []any
	for _, l := range no.Lines {
		if l.ProductID == 0 {
			lines = append(lines, obj{{"name", l.Name}, {"unit_price", l.UnitPrice}, {"quantity", l.Quantity}, {"unit_id", json.Number(strconv.FormatInt(l.UnitID, 10))}})
			continue
		}
		p := st.product(l.ProductID)
		if p == nil {
			return Order{}, errException("Unable to find the product using the provided id.")
		}
		uq := p.unitQuantity(l.UnitID)
		if uq == nil {
			return Order{}, errModel("ProductUnitQuantity", "")
		}
		price := l.UnitPrice
		if price == 0 {
			price = sig6(st.prices(p, uq).sale)
		}
		lines = append(lines, obj{{"product_id", json.Number(strconv.FormatInt(p.ID, 10))}, {"unit_quantity_id", json.Number(strconv.FormatInt(uq.ID, 10))},
			{"quantity", l.Quantity}, {"unit_price", price}})
	}
	body = append(body, kv{"products", lines})
	var pays []any
	for _, p := range no.Payments {
		pays = append(pays, obj{{"identifier", p.Identifier}, {"value", p.Value}})
	}
	body = append(body, kv{"payments", pays})
	o, _, aerr := st.saveOrder(body, nil)
	if aerr != nil {
		return Order{}, aerr
	}
	return copyOrder(o), nil
}

// Sell is a counter sale: the lines paid in full in cash, taking the stock.
func (h *Handler) Sell(customerID int64, lines ...OrderLine) (Order, error) {
	h.mu.Lock()
	var total float64
	for _, l := range lines {
		price := l.UnitPrice
		if p := h.st.product(l.ProductID); p != nil && price == 0 {
			if uq := p.unitQuantity(l.UnitID); uq != nil {
				price = sig6(h.st.prices(p, uq).sale)
			}
		}
		total += price * l.Quantity
	}
	h.mu.Unlock()
	return h.AddOrder(NewOrder{CustomerID: customerID, Lines: lines, Payments: []NewPayment{{Identifier: "cash-payment", Value: money(total)}}})
}

// PayOrder adds a payment to an order, as POST /api/orders/{id}/payments.
func (h *Handler) PayOrder(orderID int64, identifier string, value float64) error {
	h.mu.Lock()
	defer h.mu.Unlock()
	o := h.st.order(orderID)
	if o == nil {
		return errModel("Order", strconv.FormatInt(orderID, 10))
	}
	_, aerr := h.st.pay(o, identifier, value)
	if aerr != nil {
		return aerr
	}
	return nil
}

// VoidOrder voids an order, with the real server's stock returns.
func (h *Handler) VoidOrder(orderID int64, reason string) error {
	h.mu.Lock()
	defer h.mu.Unlock()
	o := h.st.order(orderID)
	if o == nil {
		return errModel("Order", strconv.FormatInt(orderID, 10))
	}
	if aerr := h.st.void(o, strp(reason)); aerr != nil {
		return aerr
	}
	return nil
}

// DeleteOrder deletes an order, with the real server's stock returns.
func (h *Handler) DeleteOrder(orderID int64) error {
	h.mu.Lock()
	defer h.mu.Unlock()
	o := h.st.order(orderID)
	if o == nil {
		return errModel("Order", strconv.FormatInt(orderID, 10))
	}
	if aerr := h.st.deleteOrder(o); aerr != nil {
		return aerr
	}
	return nil
}

func copyOrder(o *Order) Order {
	c := *o
	c.Products = append([]OrderProduct(nil), o.Products...)
	c.Payments = append([]Payment(nil), o.Payments...)
	c.Refunds = make([]Refund, len(o.Refunds))
	for i, r := range o.Refunds {
		r.Products = append([]RefundProduct(nil), r.Products...)
		c.Refunds[i] = r
	}
	c.addresses = nil
	return c
}

// Order returns a copy of an order.
func (h *Handler) Order(id int64) (Order, bool) {
	h.mu.Lock()
	defer h.mu.Unlock()
	o := h.st.order(id)
	if o == nil {
		return Order{}, false
	}
	return copyOrder(o), true
}

// OrderIDs returns the ids of the orders whose payment status is one of
// statuses (of every order when none is given), ascending.
func (h *Handler) OrderIDs(statuses ...string) []int64 {
	h.mu.Lock()
	defer h.mu.Unlock()
	var ids []int64
	for _, o := range h.st.orders {
		if len(statuses) == 0 || slices.Contains(statuses, o.PaymentStatus) {
			ids = append(ids, o.ID)
		}
	}
	slices.Sort(ids)
	return ids
}

// idsOf returns the ids of rows, ascending.
func idsOf[T any](rows []*T, id func(*T) int64) []int64 {
	ids := make([]int64, len(rows))
	for i, r := range rows {
		ids[i] = id(r)
	}
	slices.Sort(ids)
	return ids
}

// Orders returns copies of every order.
func (h *Handler) Orders() []Order {
	h.mu.Lock()
	defer h.mu.Unlock()
	out := make([]Order, len(h.st.orders))
	for i, o := range h.st.orders {
		out[i] = copyOrder(o)
	}
	return out
}

func nilIfEmpty(s string) any {
	if s == "" {
		return nil
	}
	return s
}
