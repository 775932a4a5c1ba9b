package nexopostest

import (
	"strconv"
)

// Order payment statuses.
const (
	statusPaid              = "paid"
	statusPartially         = "partially_paid"
	statusUnpaid            = "unpaid"
	statusHold              = "hold"
	statusVoid              = "order_void"
	statusRefunded          = "refunded"
	statusPartiallyRefunded = "partially_refunded"
	statusDue               = "due"
	statusPartiallyDue      = "partially_due"
)

func paymentLabel(s string) string {
	switch s {
	case statusPaid:
		return "Paid"
	case statusPartially:
		return "Partially Paid"
	case statusUnpaid:
		return "Unpaid"
	case statusHold:
		return "Hold"
	case statusVoid:
		return "Void"
	case statusRefunded:
		return "Refunded"
	case statusPartiallyRefunded:
		return "Partially Refunded"
	case statusDue:
		return "Due"
	case statusPartiallyDue:
		return "Partially Due"
	}
	return "Unknown Status (" + s + ")"
}

func typeLabel(t string) string {
	switch t {
	case "takeaway":
		return "Take Away"
	case "delivery":
		return "Delivery"
	}
	return "Unknown Type (" + t + ")"
}

func processLabel(s string) string {
	switch s {
	case "pending":
		return "Pending"
	case "ongoing":
		return "Ongoing"
	case "ready":
		return "Ready"
	case "delivered":
		return "Delivered"
	case "error":
		return "error"
	case "not-available":
		return "Not Available"
	}
	return s
}

// orderJSON is an order row; orders serialise their dates as SQL datetimes.
func (st *state) orderJSON(o *Order) obj {
	return obj{
		{"id", o.ID}, {"description", nil}, {"code", o.Code}, {"title", nullStr(o.Title)}, {"type", o.Type},
		{"payment_status", o.PaymentStatus}, {"process_status", o.ProcessStatus}, {"delivery_status", o.DeliveryStatus},
		{"discount", o.Discount}, {"discount_type", nullStr(o.DiscountType)}, {"support_instalments", true},
		{"discount_percentage", o.DiscountPercentage}, {"shipping", o.Shipping}, {"shipping_rate", 0}, {"shipping_type", nil},
		{"total_without_tax", o.TotalWithoutTax}, {"subtotal", o.Subtotal}, {"total_with_tax", o.TotalWithTax},
		{"total_coupons", 0}, {"total_cogs", 0}, {"total", o.Total}, {"tax_value", 0}, {"products_tax_value", 0},
		{"tax_group_id", nil}, {"tax_type", nil}, {"tendered", o.Tendered}, {"change", o.Change}, {"final_payment_date", nil},
		{"total_instalments", 0}, {"customer_id", o.CustomerID}, {"note", nullStr(o.Note)}, {"note_visibility", nil},
		{"author", o.Author}, {"uuid", nil}, {"register_id", nullID(o.RegisterID)}, {"voidance_reason", nullStr(o.VoidanceReason)},
		{"created_at", sqlTime(o.CreatedAt)}, {"updated_at", sqlTime(o.UpdatedAt)},
	}
}

func (st *state) orderProductJSON(l *OrderProduct) obj {
	return obj{
		{"id", l.ID}, {"name", l.Name}, {"unit_name", l.UnitName}, {"mode", "normal"}, {"product_type", "product"},
		{"product_id", l.ProductID}, {"order_id", l.OrderID}, {"unit_id", l.UnitID}, {"unit_quantity_id", l.UnitQuantityID},
		{"product_category_id", l.ProductCategoryID}, {"procurement_product_id", nil}, {"tax_group_id", l.TaxGroupID},
		{"tax_type", l.TaxType}, {"uuid", nil}, {"status", l.Status}, {"return_observations", nil}, {"return_condition", nil},
		{"discount_type", l.DiscountType}, {"discount", l.Discount}, {"quantity", l.Quantity}, {"discount_percentage", 0},
		{"unit_price", l.UnitPrice}, {"price_with_tax", 0}, {"price_without_tax", 0}, {"wholesale_tax_value", 0},
		{"sale_tax_value", 0}, {"tax_value", 0}, {"rate", 0}, {"total_price", l.TotalPrice}, {"total_price_with_tax", 0},
		{"total_price_without_tax", 0}, {"total_purchase_price", 0},
		{"created_at", isoTime(l.CreatedAt)}, {"updated_at", isoTime(l.UpdatedAt)},
	}
}

func (st *state) lineWithUnit(l *OrderProduct) obj {
	o := st.orderProductJSON(l)
	if u := st.unit(l.UnitID); u != nil {
		return append(o, kv{"unit", st.unitJSON(u)})
	}
	return append(o, kv{"unit", nil})
}

func paymentJSON(p *Payment) obj {
	return obj{{"id", p.ID}, {"order_id", p.OrderID}, {"value", p.Value}, {"author", p.Author}, {"identifier", p.Identifier},
		{"uuid", nil}, {"created_at", isoTime(p.CreatedAt)}, {"updated_at", isoTime(p.UpdatedAt)}}
}

func orderAddressJSON(a *orderAddress) obj {
	return obj{
		{"id", a.ID}, {"order_id", a.OrderID}, {"type", a.Type}, {"first_name", nullStr(a.FirstName)}, {"last_name", nullStr(a.LastName)},
		{"phone", nullStr(a.Phone)}, {"address_1", nullStr(a.Address1)}, {"email", nullStr(a.Email)}, {"address_2", nullStr(a.Address2)},
		{"country", nullStr(a.Country)}, {"city", nullStr(a.City)}, {"pobox", nullStr(a.Pobox)}, {"company", nullStr(a.Company)},
		{"author", nil}, {"uuid", nil}, {"created_at", isoTime(a.CreatedAt)}, {"updated_at", isoTime(a.UpdatedAt)},
	}
}

func (st *state) firstAddress(o *Order, typ string) any {
	for i := range o.addresses {
		if o.addresses[i].Type == typ {
			j := orderAddressJSON(&o.addresses[i])
			j.set("author", o.Author)
			return j
		}
	}
	return nil
}

func (st *state) refundProductJSON(r *Refund, rp *RefundProduct) obj {
	return obj{
		{"id", rp.ID}, {"order_id", r.OrderID}, {"order_refund_id", r.ID}, {"order_product_id", rp.OrderProductID},
		{"unit_id", rp.UnitID}, {"product_id", rp.ProductID}, {"unit_price", rp.UnitPrice}, {"tax_value", 0},
		{"quantity", rp.Quantity}, {"total_price", rp.TotalPrice}, {"condition", rp.Condition}, {"description", rp.Description},
		{"author", r.Author}, {"created_at", isoTime(rp.CreatedAt)}, {"updated_at", isoTime(rp.CreatedAt)},
	}
}

// orderFull is GET /api/orders/{id}.
func (st *state) orderFull(o *Order) obj {
	j := st.orderJSON(o)
	var cust any
	if cu := st.customer(o.CustomerID); cu != nil {
		cust = st.customerJSON(cu, nil)
	}
	pays := []any{}
	for i := range o.Payments {
		pays = append(pays, paymentJSON(&o.Payments[i]))
	}
	lines := []any{}
	for i := range o.Products {
		lines = append(lines, st.lineWithUnit(&o.Products[i]))
	}
	refunded := []any{}
	for ri := range o.Refunds {
		r := &o.Refunds[ri]
		for pi := range r.Products {
			rp := &r.Products[pi]
			x := st.refundProductJSON(r, rp)
			if u := st.unit(rp.UnitID); u != nil {
				x = append(x, kv{"unit", st.unitJSON(u)})
			} else {
				x = append(x, kv{"unit", nil})
			}
			if p := st.product(rp.ProductID); p != nil {
				x = append(x, kv{"product", st.productJSON(p)})
			} else {
				x = append(x, kv{"product", nil})
			}
			if l := o.line(rp.OrderProductID); l != nil {
				x = append(x, kv{"order_product", st.orderProductJSON(l)})
			} else {
				x = append(x, kv{"order_product", nil})
			}
			refunded = append(refunded, x)
		}
	}
	return append(j, kv{"customer", cust}, kv{"payments", pays}, kv{"shipping_address", st.firstAddress(o, "shipping")},
		kv{"billing_address", st.firstAddress(o, "billing")}, kv{"products", lines}, kv{"refunded_products", refunded})
}

func (o *Order) line(id int64) *OrderProduct {
	for i := range o.Products {
		if o.Products[i].ID == id {
			return &o.Products[i]
		}
	}
	return nil
}

func (c *call) listOrders() (any, *apiError) {
	st := c.h.st
	out := []any{}
	list := st.orders
	if n, err := strconv.Atoi(c.query.Get("limit")); err == nil && n >= 0 && n < len(list) {
		list = list[:n]
	}
	for _, o := range list {
		j := st.orderJSON(o)
		if c.query.Get("limit") == "" {
			var cust any
			if cu := st.customer(o.CustomerID); cu != nil {
				cust = st.customerJSON(cu, nil)
			}
			j = append(j, kv{"customer", cust})
		}
		out = append(out, j)
	}
	return out, nil
}

func (c *call) boundOrder() (*Order, *apiError) {
	o := c.h.st.order(parseID(c.param(0)))
	if o == nil {
		return nil, errModel("Order", c.param(0))
	}
	return o, nil
}

func (c *call) getOrder() (any, *apiError) {
	o, e := c.boundOrder()
	if e != nil {
		return nil, e
	}
	return c.h.st.orderFull(o), nil
}

func (c *call) orderProducts() (any, *apiError) {
	st := c.h.st
	o := st.order(parseID(c.param(0)))
	out := []any{}
	if o == nil {
		return out, nil
	}
	for i := range o.Products {
		out = append(out, st.lineWithUnit(&o.Products[i]))
	}
	return out, nil
}

func (c *call) orderPayments() (any, *apiError) {
	st := c.h.st
	o := st.order(parseID(c.param(0)))
	out := []any{}
	if o == nil {
		return out, nil
	}
	for i := range o.Payments {
		out = append(out, paymentJSON(&o.Payments[i]))
	}
	return out, nil
}

func (c *call) orderRefunds() (any, *apiError) {
	st := c.h.st
	o, e := c.boundOrder()
	if e != nil {
		return nil, e
	}
	j := st.orderJSON(o)
	refunds := []any{}
	for ri := range o.Refunds {
		r := &o.Refunds[ri]
		rps := []any{}
		for pi := range r.Products {
			rp := &r.Products[pi]
			x := st.refundProductJSON(r, rp)
			if p := st.product(rp.ProductID); p != nil {
				x = append(x, kv{"product", st.productJSON(p)})
			} else {
				x = append(x, kv{"product", nil})
			}
			if u := st.unit(rp.UnitID); u != nil {
				x = append(x, kv{"unit", st.unitJSON(u)})
			} else {
				x = append(x, kv{"unit", nil})
			}
			rps = append(rps, x)
		}
		refunds = append(refunds, obj{{"id", r.ID}, {"order_id", r.OrderID}, {"author", st.userJSON(false)}, {"total", r.Total},
			{"tax_value", 0}, {"shipping", r.Shipping}, {"payment_method", r.PaymentMethod},
			{"created_at", isoTime(r.CreatedAt)}, {"updated_at", isoTime(r.UpdatedAt)}, {"refunded_products", rps}})
	}
	return append(j, kv{"refunds", refunds}), nil
}

func (c *call) supportedPayments() (any, *apiError) {
	options := []any{}
	for _, p := range c.h.st.paymentTypes {
		if p.Active {
			options = append(options, obj{{"id", p.ID}, {"label", p.Label}, {"identifier", p.Identifier}, {"priority", p.Priority},
				{"description", nil}, {"author", p.Author}, {"active", b2i(p.Active)}, {"readonly", b2i(p.Readonly)},
				{"created_at", isoTime(p.CreatedAt)}, {"updated_at", isoTime(p.UpdatedAt)}, {"value", p.Identifier}})
		}
	}
	return []any{obj{{"label", "Select Payment"}, {"name", "identifier"}, {"validation", "required"}, {"options", options},
		{"value", ""}, {"description", "choose the payment type."}, {"disabled", false}, {"type", "select"},
		{"component", ""}, {"props", []any{}}, {"refresh", false}, {"errors", []any{}}}}, nil
}

func (c *call) createOrder() (any, *apiError) {
	o, resp, e := c.h.st.saveOrder(c.body, nil)
	if e != nil {
		return nil, e
	}
	_ = o
	return success("The order has been placed.", obj{{"order", resp}}), nil
}

func (c *call) updateOrder() (any, *apiError) {
	o, e := c.boundOrder()
	if e != nil {
		return nil, e
	}
	_, resp, e := c.h.st.saveOrder(c.body, o)
	if e != nil {
		return nil, e
	}
	return success("The order has been updated", obj{{"order", resp}}), nil
}

// line under construction
type draftLine struct {
	id        int64 // existing line id, 0 for new
	product   *Product
	uq        *UnitQuantity
	unitID    int64
	unitName  string
	name      string
	quantity  float64
	unitPrice float64
	total     float64
	discount  float64
	dtype     string
}

// saveOrder is OrdersService::create for a new order (existing == nil) or an
// update, with the checks in the real order.
func (st *state) saveOrder(f obj, existing *Order) (*Order, obj, *apiError) {
	h := st.h
	now := h.now()
	cu := st.customer(int64(num(f.val("customer_id"))))
	if cu == nil {
		return nil, nil, errNotFound("Unable to find the customer using the provided ID. The order creation has failed.")
	}
	var lines []draftLine
	for _, it := range f.arr("products") {
		item, _ := it.(obj)
		d := draftLine{quantity: num(item.val("quantity")), dtype: "none"}
		if v, ok := item.get("id"); ok && !empty(v) {
			d.id = int64(num(v))
		}
		if !empty(item.val("sku")) || !empty(item.val("product_id")) {
			if !empty(item.val("product_id")) {
				d.product = st.product(int64(num(item.val("product_id"))))
				if d.product == nil {
					return nil, nil, errException("Unable to find the product using the provided id.")
				}
			} else {
				d.product = st.productBy("sku", str(item.val("sku")))
				if d.product == nil {
					return nil, nil, errException("Unable to find the requested product using the provided SKU.")
				}
			}
			_, uq := st.unitQuantity(int64(num(item.val("unit_quantity_id"))))
			if uq == nil {
				return nil, nil, errModel("ProductUnitQuantity", str(item.val("unit_quantity_id")))
			}
			d.uq = uq
			d.unitID = uq.UnitID
			d.name = d.product.Name
		} else {
			d.unitID = int64(num(item.val("unit_id")))
			d.name = str(item.val("name"))
			if d.name == "" {
				d.name = "Unnamed Product"
			}
		}
		if u := st.unit(d.unitID); u != nil {
			d.unitName = u.Name
		}
		if v, ok := item.get("unit_price"); ok && v != nil {
			d.unitPrice = num(v)
		} else if d.uq != nil && d.product != nil {
			d.unitPrice = sig6(st.prices(d.product, d.uq).sale)
		}
		gross := d.unitPrice * d.quantity
		if dt := str(item.val("discount_type")); dt != "" && dt != "none" {
			if dt == "flat" && num(item.val("discount")) > 0 {
				return nil, nil, errNotAllowed("Product discount should be set as percentage.")
			}
			d.dtype = dt
			d.discount = money(gross * num(item.val("discount_percentage")) / 100)
		}
		d.total = money(gross - d.discount)
		lines = append(lines, d)
	}

	// __checkOrderPayments
	if existing != nil && existing.PaymentStatus == statusPaid {
		return nil, nil, errNotAllowed("Unable to edit an order that is completely paid.")
	}
	requested := str(f.val("payment_status"))
	if existing != nil {
		ids := map[int64]bool{}
		for _, p := range f.arr("payments") {
			po, _ := p.(obj)
			if v, ok := po.get("id"); ok && v != nil {
				ids[int64(num(v))] = true
			}
		}
		for _, p := range existing.Payments {
			if !ids[p.ID] {
				return nil, nil, errNotAllowed("Unable to proceed as one of the previous submitted payment is missing from the order.")
			}
		}
		if existing.PaymentStatus != statusHold && requested == statusHold {
			return nil, nil, errNotAllowed("The order payment status cannot switch to hold as a payment has already been made on that order.")
		}
	}
	var subtotal float64
	for _, d := range lines {
		subtotal += d.total
	}
	subtotal = money(subtotal)
	shipping := num(f.val("shipping"))
	discount := 0.0
	if v, ok := f.get("discount"); ok && v != nil {
		discount = num(v)
	} else {
		discount = money(subtotal * num(f.val("discount_percentage")) / 100)
	}
	total := money(subtotal + shipping - discount)
	var newPayments []obj
	paid := 0.0
	for _, p := range f.arr("payments") {
		po, _ := p.(obj)
		pt := st.paymentType(str(po.val("identifier")))
		if pt == nil || !pt.Active {
			return nil, nil, errNotAllowed("Unable to proceed. One of the submitted payment type is not supported.")
		}
		if pt.Identifier == "account-payment" && cu.AccountAmount < num(po.val("value")) {
			return nil, nil, errNotAllowed("The customer account funds are'nt enough to process the payment.")
		}
		paid = money(paid + num(po.val("value")))
		if v, ok := po.get("id"); !ok || v == nil {
			newPayments = append(newPayments, po)
		}
	}
	var status string
	switch {
	case paid >= total && len(f.arr("payments")) > 0:
		status = statusPaid
	case paid < total && paid > 0:
		status = statusPartially
	case paid == 0 && requested != statusHold:
		status = statusUnpaid
	default:
		status = statusHold
	}

	// __checkProductStock
	if status != statusHold {
		used := map[int64]float64{}
		for _, d := range lines {
			if d.product == nil || d.uq == nil || d.product.StockManagement != "enabled" {
				continue
			}
			ignore := 0.0
			if d.id != 0 && st.soldLines[d.id] && existing != nil {
				if l := existing.line(d.id); l != nil {
					ignore = l.Quantity
				}
			}
			avail := d.uq.Quantity + ignore - used[d.uq.ID]
			if avail < abs(d.quantity) {
				unitName := d.unitName
				return nil, nil, errException("Unable to proceed, there is not enough stock for %s using the unit %s. Requested : %s, available %s",
					d.product.Name, unitName, phpFloat(abs(d.quantity)), phpFloat(d.uq.Quantity-used[d.uq.ID]))
			}
			used[d.uq.ID] += d.quantity
		}
	}

	// __checkDiscountValidity
	if dt := str(f.val("discount_type")); dt != "" {
		if !f.has("discount_percentage") {
			return nil, nil, undefinedKey("discount_percentage")
		}
		if dt == "percentage" {
			pct := num(f.val("discount_percentage"))
			if pct < 0 || pct > 100 {
				return nil, nil, errNotAllowed("The percentage discount provided is not valid.")
			}
		} else if dt == "flat" && discount > subtotal {
			return nil, nil, errNotAllowed("A discount cannot exceed the sub total value of an order.")
		}
	}
	typ, ok := f.get("type")
	if !ok {
		return nil, nil, undefinedKey("type")
	}
	typObj, isObj := typ.(obj)
	if !isObj {
		return nil, nil, errException("Cannot access offset of type string on string")
	}
	typeID := str(typObj.val("identifier"))

	// __initOrder
	o := existing
	var previous string
	oldTotal, oldTendered := 0.0, 0.0
	if o == nil {
		o = &Order{ID: st.next("orders"), CreatedAt: now, Author: st.author()}
		day := now.Format("060102")
		st.orderCodes[day]++
		o.Code = day + "-" + pad3(st.orderCodes[day])
		st.orders = append(st.orders, o)
	} else {
		previous = o.PaymentStatus
		oldTotal, oldTendered = o.Total, o.Tendered
	}
	o.CustomerID = cu.ID
	o.Type = typeID
	if typeID == "delivery" {
		o.ProcessStatus, o.DeliveryStatus = "pending", "pending"
	} else {
		o.ProcessStatus, o.DeliveryStatus = "not-available", "not-available"
	}
	if v, ok := f.get("title"); ok {
		o.Title = optStr(v, true)
	}
	if v, ok := f.get("note"); ok {
		o.Note = optStr(v, true)
	}
	o.DiscountType = nil
	if dt := str(f.val("discount_type")); dt != "" {
		o.DiscountType = strp(dt)
	}
	o.Discount = discount
	o.DiscountPercentage = num(f.val("discount_percentage"))
	o.Shipping = shipping
	o.PaymentStatus = status
	o.UpdatedAt = now

	// __deleteUntrackedProducts
	if existing != nil {
		keep := map[int64]bool{}
		for _, d := range lines {
			if d.id != 0 {
				keep[d.id] = true
			}
		}
		var kept []OrderProduct
		for _, l := range o.Products {
			if keep[l.ID] {
				kept = append(kept, l)
				continue
			}
			if status != statusHold && l.ProductID > 0 {
				if p := st.product(l.ProductID); p != nil && p.StockManagement == "enabled" {
					if _, e := st.move(p, l.UnitID, "return-adjustment", l.Quantity, l.UnitPrice, l.UnitPrice*l.Quantity, idp(o.ID), idp(l.ID)); e != nil {
						return nil, nil, e
					}
				}
			}
			delete(st.soldLines, l.ID)
		}
		o.Products = kept
	}

	// addresses: new rows on every save
	var addrResp []any
	for _, typ := range []string{"shipping", "billing"} {
		given := f.sub("addresses").sub(typ)
		a := orderAddress{Address: Address{ID: st.next("order_addresses"), Type: typ, CreatedAt: now, UpdatedAt: now}, OrderID: o.ID, given: given}
		applyAddress(&a.Address, given)
		o.addresses = append(o.addresses, a)
		r := obj{{"type", typ}}
		for _, p := range given {
			switch p.k {
			case "first_name", "last_name", "phone", "address_1", "address_2", "country", "city", "pobox", "company", "email":
				r = append(r, p)
			}
		}
		r = append(r, kv{"author", st.author()}, kv{"order_id", o.ID}, kv{"updated_at", isoTime(now)}, kv{"created_at", isoTime(now)}, kv{"id", a.ID})
		addrResp = append(addrResp, r)
	}

	// payments
	if status != statusHold {
		for _, po := range newPayments {
			o.Payments = append(o.Payments, Payment{ID: st.next("order_payments"), OrderID: o.ID, Identifier: str(po.val("identifier")),
				Value: num(po.val("value")), Author: st.author(), CreatedAt: now, UpdatedAt: now})
		}
	}

	// products
	for _, d := range lines {
		if d.id != 0 {
			if l := o.line(d.id); l != nil {
				if st.soldLines[l.ID] && l.Quantity != d.quantity && l.ProductID > 0 {
					if p := st.product(l.ProductID); p != nil && p.StockManagement == "enabled" {
						if d.quantity > l.Quantity {
							if _, e := st.move(p, l.UnitID, "sale-adjustment", d.quantity-l.Quantity, d.unitPrice, d.total, idp(o.ID), idp(l.ID)); e != nil {
								return nil, nil, e
							}
						} else {
							if _, e := st.move(p, l.UnitID, "return-adjustment", l.Quantity-d.quantity, d.unitPrice, d.total, idp(o.ID), idp(l.ID)); e != nil {
								return nil, nil, e
							}
						}
					}
					l.TotalPrice = d.total
				}
				l.Quantity, l.UnitPrice = d.quantity, d.unitPrice
				l.UpdatedAt = now
				continue
			}
		}
		l := OrderProduct{ID: st.next("order_products"), OrderID: o.ID, Name: d.name, UnitName: d.unitName, UnitID: d.unitID,
			Quantity: d.quantity, UnitPrice: d.unitPrice, TotalPrice: d.total, Discount: d.discount, DiscountType: d.dtype,
			Status: "sold", TaxType: "disabled", CreatedAt: now, UpdatedAt: now}
		if d.product != nil {
			l.ProductID = d.product.ID
			l.UnitQuantityID = d.uq.ID
			l.ProductCategoryID = d.product.CategoryID
			if d.product.TaxGroupID != nil {
				l.TaxGroupID = *d.product.TaxGroupID
			}
			l.TaxType = d.product.TaxType
		}
		o.Products = append(o.Products, l)
	}
	var lineSum float64
	for _, l := range o.Products {
		lineSum += l.TotalPrice
	}
	o.Subtotal = money(lineSum)
	o.Total = total
	o.TotalWithTax = total
	o.TotalWithoutTax = money(subtotal - discount)
	o.Tendered = 0
	for _, p := range o.Payments {
		o.Tendered += p.Value
	}
	o.Tendered = money(o.Tendered)
	o.Change = money(o.Tendered - o.Total)

	// customer balances
	if existing == nil {
		if status != statusHold && total > o.Tendered {
			cu.OwedAmount = money(cu.OwedAmount + total - o.Tendered)
		}
	} else if status != statusHold {
		cu.OwedAmount = money(cu.OwedAmount + (total - oldTotal) - (o.Tendered - oldTendered))
	}
	cu.UpdatedAt = now
	if e := st.paymentStatusChanged(o, previous, existing == nil); e != nil {
		return nil, nil, e
	}

	// response
	lineJSON := []any{}
	for i := range o.Products {
		lineJSON = append(lineJSON, st.orderProductJSON(&o.Products[i]))
	}
	pays := []any{}
	for i := range o.Payments {
		pays = append(pays, paymentJSON(&o.Payments[i]))
	}
	var resp obj
	if existing == nil {
		resp = obj{
			{"created_at", sqlTime(o.CreatedAt)}, {"customer_id", o.CustomerID}, {"shipping", o.Shipping}, {"subtotal", o.Subtotal},
			{"discount_type", nullStr(o.DiscountType)}, {"discount_percentage", o.DiscountPercentage}, {"discount", o.Discount},
			{"total", o.Total}, {"type", o.Type}, {"final_payment_date", nil}, {"total_instalments", 0}, {"register_id", nil},
			{"note", nullStr(o.Note)}, {"note_visibility", nil}, {"updated_at", sqlTime(o.UpdatedAt)}, {"tax_group_id", nil},
			{"tax_type", nil}, {"total_coupons", 0}, {"payment_status", o.PaymentStatus}, {"delivery_status", o.DeliveryStatus},
			{"process_status", o.ProcessStatus}, {"support_instalments", true}, {"author", o.Author}, {"title", nullStr(o.Title)},
			{"tax_value", 0}, {"products_tax_value", 0}, {"code", o.Code}, {"tendered", o.Tendered}, {"total_with_tax", o.TotalWithTax},
			{"total_cogs", 0}, {"change", o.Change}, {"total_without_tax", o.TotalWithoutTax}, {"id", o.ID},
		}
	} else {
		resp = st.orderJSON(o)
	}
	resp = append(resp, kv{"products", lineJSON}, kv{"payments", pays}, kv{"coupons", []any{}}, kv{"instalments", []any{}}, kv{"addresses", addrResp})
	return o, resp, nil
}

func pad3(n int) string {
	s := strconv.Itoa(n)
	for len(s) < 3 {
		s = "0" + s
	}
	return s
}

func abs(f float64) float64 {
	if f < 0 {
		return -f
	}
	return f
}

// paymentStatusChanged is OrderAfterPaymentStatusChangedEventListener: it
// takes the stock of lines not yet sold when an order becomes (partially)
// paid, and returns it when a paid or unpaid order is voided, sold or not.
func (st *state) paymentStatusChanged(o *Order, previous string, isNew bool) *apiError {
	now := o.PaymentStatus
	if !isNew && previous == now {
		return nil
	}
	takeStock := (isNew || previous == statusHold || previous == statusUnpaid) && (now == statusPaid || now == statusPartially)
	takeStock = takeStock || ((previous == statusUnpaid || previous == statusHold || previous == statusPartially) && now == statusPaid)
	if takeStock {
		if e := st.saveOrderProductHistory(o); e != nil {
			return e
		}
	}
	if now == statusPaid {
		st.admin.TotalSalesCount++
		st.admin.TotalSales = money(st.admin.TotalSales + o.Total)
		st.admin.UpdatedAt = st.h.now()
		if cu := st.customer(o.CustomerID); cu != nil {
			cu.PurchasesAmount = money(cu.PurchasesAmount + o.Total)
		}
	}
	if now == statusVoid && (previous == statusPaid || previous == statusUnpaid || previous == statusPartially) {
		for _, l := range o.Products {
			if l.ProductID <= 0 {
				continue
			}
			p := st.product(l.ProductID)
			if p == nil || p.StockManagement != "enabled" {
				continue
			}
			if _, e := st.move(p, l.UnitID, "void-return", l.Quantity, l.UnitPrice, l.TotalPrice, idp(o.ID), idp(l.ID)); e != nil {
				return e
			}
		}
	}
	return nil
}

func (st *state) saveOrderProductHistory(o *Order) *apiError {
	for i := range o.Products {
		l := &o.Products[i]
		if l.ProductID <= 0 || st.soldLines[l.ID] {
			continue
		}
		p := st.product(l.ProductID)
		if p == nil {
			continue
		}
		if p.StockManagement != "enabled" {
			continue
		}
		if _, e := st.move(p, l.UnitID, "sold", l.Quantity, l.UnitPrice, l.TotalPrice, idp(o.ID), idp(l.ID)); e != nil {
			return e
		}
		st.soldLines[l.ID] = true
	}
	return nil
}

// refresh recomputes an order from its lines and payments, as
// OrdersService::refreshOrder does after a payment or a refund.
func (st *state) refresh(o *Order, setRegister bool) {
	var sum float64
	for _, l := range o.Products {
		sum += l.TotalPrice
	}
	o.Subtotal = money(sum)
	o.Total = money(sum + o.Shipping - o.Discount)
	o.TotalWithTax, o.TotalWithoutTax = 0, 0
	o.Tendered = 0
	for _, p := range o.Payments {
		o.Tendered += p.Value
	}
	o.Tendered = money(o.Tendered)
	o.Change = money(o.Tendered - o.Total)
	if setRegister {
		o.RegisterID = idp(0)
	}
}

func (c *call) addPayment() (any, *apiError) {
	st := c.h.st
	o, e := c.boundOrder()
	if e != nil {
		return nil, e
	}
	return st.pay(o, str(c.body.val("identifier")), num(c.body.val("value")))
}

func (st *state) pay(o *Order, identifier string, value float64) (obj, *apiError) {
	now := st.h.now()
	if o.PaymentStatus == statusPaid {
		return nil, errNotAllowed("Unable to proceed as the order is already paid.")
	}
	pt := st.paymentType(identifier)
	if pt == nil || !pt.Active {
		return nil, errNotAllowed("Unable to proceed. One of the submitted payment type is not supported.")
	}
	cu := st.customer(o.CustomerID)
	if identifier == "account-payment" && cu != nil && cu.AccountAmount < value {
		return nil, errNotAllowed("The customer account funds are'nt enough to process the payment.")
	}
	snapshot := st.orderJSON(o)
	if cu != nil {
		snapshot = append(snapshot, kv{"customer", st.customerJSON(cu, nil)})
	}
	p := Payment{ID: st.next("order_payments"), OrderID: o.ID, Identifier: identifier, Value: value, Author: st.author(), CreatedAt: now, UpdatedAt: now}
	o.Payments = append(o.Payments, p)
	due := o.Total - o.Tendered
	st.refresh(o, true)
	previous := o.PaymentStatus
	switch {
	case o.Tendered >= o.Total:
		o.PaymentStatus = statusPaid
	case o.Tendered > 0:
		o.PaymentStatus = statusPartially
	}
	if cu != nil {
		if due > 0 {
			cu.OwedAmount = money(cu.OwedAmount - minf(value, due))
		}
		cu.UpdatedAt = now
	}
	if e := st.paymentStatusChanged(o, previous, false); e != nil {
		return nil, e
	}
	op := obj{{"identifier", identifier}, {"value", value}, {"author", p.Author}, {"order_id", o.ID},
		{"updated_at", isoTime(now)}, {"created_at", isoTime(now)}, {"id", p.ID}, {"order", snapshot}}
	return success("The payment has been saved.", obj{
		{"payment", obj{{"identifier", identifier}, {"value", value}, {"register_id", nil}}},
		{"orderPayment", op},
	}), nil
}

func minf(a, b float64) float64 {
	if a < b {
		return a
	}
	return b
}

func (c *call) voidOrder() (any, *apiError) {
	o, e := c.boundOrder()
	if e != nil {
		return nil, e
	}
	if e := c.h.st.void(o, optStr(c.body.val("reason"), c.body.has("reason"))); e != nil {
		return nil, e
	}
	return obj{{"status", "success"}, {"message", "The order has been correctly voided."}}, nil
}

func (st *state) void(o *Order, reason *string) *apiError {
	previous := o.PaymentStatus
	o.PaymentStatus = statusVoid
	o.VoidanceReason = reason
	// As on a real 5.3.10, a void (like a payment or a refund) leaves the
	// order's updated_at as it was.
	return st.paymentStatusChanged(o, previous, false)
}

func (c *call) deleteOrder() (any, *apiError) {
	o, e := c.boundOrder()
	if e != nil {
		return nil, e
	}
	if e := c.h.st.deleteOrder(o); e != nil {
		return nil, e
	}
	return obj{{"status", "success"}, {"message", "The order has been deleted."}}, nil
}

func (st *state) deleteOrder(o *Order) *apiError {
	if o.PaymentStatus != statusVoid {
		returns := o.PaymentStatus == statusPaid || o.PaymentStatus == statusPartially || o.PaymentStatus == statusUnpaid ||
			o.PaymentStatus == statusPartiallyDue || o.PaymentStatus == statusPartiallyRefunded
		for _, l := range o.Products {
			if !returns || l.ProductID <= 0 {
				continue
			}
			p := st.product(l.ProductID)
			if p == nil || p.StockManagement != "enabled" {
				continue
			}
			if _, e := st.move(p, l.UnitID, "returned", l.Quantity, l.UnitPrice, l.TotalPrice, idp(o.ID), idp(l.ID)); e != nil {
				return e
			}
		}
	}
	if o.PaymentStatus == statusPaid {
		st.admin.TotalSalesCount--
		st.admin.TotalSales = money(st.admin.TotalSales - o.Total)
	}
	for i, x := range st.orders {
		if x == o {
			st.orders = append(st.orders[:i], st.orders[i+1:]...)
			break
		}
	}
	return nil
}

func (c *call) refundOrder() (any, *apiError) {
	st := c.h.st
	now := c.h.now()
	o, e := c.boundOrder()
	if e != nil {
		return nil, e
	}
	switch o.PaymentStatus {
	case statusPartially, statusUnpaid, statusPaid, statusPartiallyRefunded:
	default:
		return nil, errNotAllowed("Unable to proceed a refund on an unpaid order.")
	}
	items := c.body.arr("products")
	for _, it := range items {
		item, _ := it.(obj)
		if o.line(int64(num(item.val("id")))) == nil {
			return nil, errNotFound("Unable to find the order product using the provided id.")
		}
		if cond := str(item.val("condition")); cond != "damaged" && cond != "unspoiled" {
			return nil, errNotAllowed("unable to proceed to a refund as the provided status is not supported.")
		}
	}
	snapshot := st.orderJSON(o)
	snapshot = append(snapshot, kv{"taxes", []any{}})
	if cu := st.customer(o.CustomerID); cu != nil {
		snapshot = append(snapshot, kv{"customer", st.customerJSON(cu, nil)})
	}
	r := Refund{ID: st.next("order_refunds"), OrderID: o.ID, PaymentMethod: str(c.body.sub("payment").val("identifier")), Author: st.author(), CreatedAt: now, UpdatedAt: now}
	if truthy(c.body.val("refund_shipping")) {
		r.Shipping = o.Shipping
	}
	var results []any
	for _, it := range items {
		item, _ := it.(obj)
		l := o.line(int64(num(item.val("id"))))
		qty := num(item.val("quantity"))
		price := num(item.val("unit_price"))
		rp := RefundProduct{ID: st.next("order_refund_products"), OrderProductID: l.ID, ProductID: l.ProductID, UnitID: l.UnitID,
			Quantity: qty, UnitPrice: price, TotalPrice: money(qty * price), Condition: str(item.val("condition")),
			Description: str(item.val("description")), CreatedAt: now}
		r.Products = append(r.Products, rp)
		r.Total = money(r.Total + rp.TotalPrice)
		l.Quantity = money(l.Quantity - qty)
		l.Status = "returned"
		l.UpdatedAt = now
		if rp.Condition == "unspoiled" && l.ProductID > 0 {
			if p := st.product(l.ProductID); p != nil && p.StockManagement == "enabled" {
				if _, e := st.move(p, l.UnitID, "returned", qty, price, rp.TotalPrice, idp(o.ID), idp(l.ID)); e != nil {
					return nil, e
				}
			}
		}
		lineJ := st.orderProductJSON(l)
		if p := st.product(l.ProductID); p != nil {
			pj := st.productJSON(p)
			var tg any
			if p.TaxGroupID != nil {
				if g := st.taxGroup(*p.TaxGroupID); g != nil {
					tg = st.taxGroupJSON(g, false)
				}
			}
			lineJ = append(lineJ, kv{"product", append(pj, kv{"tax_group", tg})})
		}
		results = append(results, obj{{"status", "success"}, {"message", "The product " + l.Name + " has been successfully refunded."},
			{"data", obj{
				{"productRefund", obj{{"condition", rp.Condition}, {"description", rp.Description}, {"unit_price", rp.UnitPrice},
					{"unit_id", rp.UnitID}, {"total_price", rp.TotalPrice}, {"quantity", rp.Quantity}, {"author", r.Author},
					{"order_id", o.ID}, {"order_refund_id", r.ID}, {"order_product_id", l.ID}, {"product_id", rp.ProductID},
					{"tax_value", 0}, {"updated_at", isoTime(now)}, {"created_at", isoTime(now)}, {"id", rp.ID}}},
				{"orderProduct", lineJ},
			}}})
	}
	o.Refunds = append(o.Refunds, r)
	var refunded float64
	for _, x := range o.Refunds {
		refunded += x.Total
	}
	st.refresh(o, false)
	if refunded >= o.Total {
		o.PaymentStatus = statusRefunded
	} else {
		o.PaymentStatus = statusPartiallyRefunded
	}
	st.admin.TotalSales = money(st.admin.TotalSales - r.Total)
	st.admin.UpdatedAt = now
	if cu := st.customer(o.CustomerID); cu != nil {
		cu.PurchasesAmount = money(cu.PurchasesAmount - r.Total)
	}
	rps := []any{}
	for i := range r.Products {
		rps = append(rps, st.refundProductJSON(&r, &r.Products[i]))
	}
	if results == nil {
		results = []any{}
	}
	return success("The order has been successfully refunded.", obj{
		{"results", results},
		{"order", snapshot},
		{"orderRefund", obj{{"author", r.Author}, {"order_id", o.ID}, {"payment_method", r.PaymentMethod}, {"shipping", r.Shipping},
			{"total", r.Total}, {"updated_at", isoTime(now)}, {"created_at", isoTime(now)}, {"id", r.ID}, {"tax_value", 0},
			{"refunded_products", rps}}},
	}), nil
}

func (c *call) orderProcessing() (any, *apiError) {
	return c.orderStatus("process_status", []string{"pending", "ongoing", "ready", "not-available"})
}

func (c *call) orderDelivery() (any, *apiError) {
	return c.orderStatus("delivery_status", []string{"pending", "ongoing", "delivered", "error", "not-available"})
}

func (c *call) orderStatus(field string, allowed []string) (any, *apiError) {
	o, e := c.boundOrder()
	if e != nil {
		return nil, e
	}
	v := str(c.body.val(field))
	if !contains(allowed, v) {
		return nil, errNotAllowed("The provided status is not supported.")
	}
	if field == "process_status" {
		o.ProcessStatus = v
	} else {
		o.DeliveryStatus = v
	}
	o.UpdatedAt = c.h.now()
	return obj{{"status", "success"}, {"message", "The order has been successfully updated."}}, nil
}
