package wootest

import (
	"encoding/json"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/shopspring/decimal"
)

type orderRec struct {
	o                           Order
	created, modified           time.Time
	paid, completed             time.Time
	stockReduced, salesRecorded bool
}

var orderStatuses = []string{"pending", "processing", "on-hold", "completed", "cancelled", "refunded", "failed", "checkout-draft"}

var statusLabels = map[string]string{
	"pending": "Pending payment", "processing": "Processing", "on-hold": "On hold", "completed": "Completed",
	"cancelled": "Cancelled", "refunded": "Refunded", "failed": "Failed", "checkout-draft": "Draft", "trash": "Trash",
}

func (s *Store) renderOrder(base string, r *orderRec) Order {
	o := clone(r.o)
	o.DateCreated, o.DateCreatedGMT = s.datePair(r.created)
	o.DateModified, o.DateModifiedGMT = s.datePair(r.modified)
	o.DatePaid, o.DatePaidGMT = s.datePair(r.paid)
	o.DateCompleted, o.DateCompletedGMT = s.datePair(r.completed)
	o.Number = strconv.FormatInt(o.ID, 10)
	o.MetaData = nonNil(o.MetaData)
	o.LineItems = nonNil(o.LineItems)
	for i := range o.LineItems {
		o.LineItems[i].Taxes = nonNil(o.LineItems[i].Taxes)
		o.LineItems[i].MetaData = nonNil(o.LineItems[i].MetaData)
	}
	o.TaxLines = nonNil(o.TaxLines)
	o.ShippingLines = nonNil(o.ShippingLines)
	for i := range o.ShippingLines {
		o.ShippingLines[i].Taxes = nonNil(o.ShippingLines[i].Taxes)
		o.ShippingLines[i].MetaData = nonNil(o.ShippingLines[i].MetaData)
	}
	o.FeeLines = nonNil(o.FeeLines)
	o.CouponLines = nonNil(o.CouponLines)
	o.Refunds = []OrderRefundRef{}
	var refunds []*refundRec
	for _, rf := range s.refunds {
		if rf.orderID == o.ID {
			refunds = append(refunds, rf)
		}
	}
	sort.Slice(refunds, func(i, j int) bool { return refunds[i].r.ID > refunds[j].r.ID })
	for _, rf := range refunds {
		o.Refunds = append(o.Refunds, OrderRefundRef{ID: rf.r.ID, Reason: rf.r.Reason, Total: "-" + rf.r.Amount})
	}
	o.PaymentURL = fmt.Sprintf("%s/checkout/order-pay/%d/?pay_for_order=true&key=%s", base, o.ID, o.OrderKey)
	o.IsEditable = o.Status == "pending" || o.Status == "on-hold" || o.Status == "auto-draft" || o.Status == "checkout-draft"
	o.NeedsPayment = (o.Status == "pending" || o.Status == "failed") && dec(o.Total).IsPositive()
	o.NeedsProcessing = false
	for _, li := range o.LineItems {
		p := s.products[li.ProductID]
		if li.VariationID != 0 {
			p = s.products[li.VariationID]
		}
		if p == nil || !(p.virtual && p.downloadable) {
			o.NeedsProcessing = true
		}
	}
	o.CurrencySymbol = s.cfg.currencySign
	o.Links = Links{
		"self":            {{Href: fmt.Sprintf("%s/wp-json/wc/v3/orders/%d", base, o.ID), TargetHints: allHints()}},
		"collection":      {{Href: base + "/wp-json/wc/v3/orders"}},
		"email_templates": {{Href: fmt.Sprintf("%s/wp-json/wc/v3/orders/%d/actions/email_templates", base, o.ID), Embeddable: true}},
	}
	if o.CustomerID != 0 {
		o.Links["customer"] = []Link{{Href: fmt.Sprintf("%s/wp-json/wc/v3/customers/%d", base, o.CustomerID)}}
	}
	return o
}

func orderAddrArgs(withEmail bool) *sch { return customerAddrArgs(withEmail) }

func orderBody() []arg {
	return []arg{
		a("parent_id", tI()), a("status", tE(orderStatuses...)), a("currency", tS()), a("customer_id", tI()),
		a("customer_note", tS()), a("billing", orderAddrArgs(true)), a("shipping", orderAddrArgs(false)),
		a("payment_method", tS()), a("payment_method_title", tS()), a("transaction_id", tS()),
		a("meta_data", metaArgs()),
		a("line_items", tA(tO(a("id", tI()), a("name", tS()), a("product_id", tI()), a("variation_id", tI()),
			a("quantity", tI()), a("tax_class", tS()), a("subtotal", tS()), a("total", tS()), a("sku", tS())))),
		a("shipping_lines", tA(tO(a("id", tI()), a("method_title", tS()), a("method_id", tS()), a("instance_id", tS()), a("total", tS())))),
		a("fee_lines", tA(tO(a("id", tI()), a("name", tS()), a("tax_class", tS()), a("tax_status", tE("taxable", "none")), a("total", tS())))),
		a("coupon_lines", tA(tO(a("id", tI()), a("code", tS())))),
		a("set_paid", tB()),
	}
}

func randomKey(s *Store, n int) string {
	const chars = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
	b := make([]byte, n)
	for i := range b {
		b[i] = chars[s.intn(len(chars))]
	}
	return string(b)
}

// lineFor builds a line item for product/variation and quantity.
func (s *Store) lineFor(productID, variationID int64, qty int, obj map[string]json.RawMessage) (LineItem, *apiError) {
	p := s.products[productID]
	if variationID != 0 {
		p = s.products[variationID]
		if p == nil || !p.isVariation() {
			return LineItem{}, newErr(400, "woocommerce_rest_invalid_variation_id", "Variation ID provided is invalid.")
		}
	} else if p != nil && p.isVariation() {
		variationID = p.id
		productID = p.parentID
	}
	if p == nil {
		return LineItem{}, newErr(400, "woocommerce_rest_invalid_product_id", "Product ID provided is invalid.")
	}
	if variationID != 0 {
		productID = p.parentID
	}
	s.seq.item++
	li := LineItem{ID: s.seq.item, Name: s.fullName(p), ProductID: productID, VariationID: variationID, Quantity: qty,
		TaxClass: p.taxClass, SubtotalTax: "0.00", TotalTax: "0.00", Taxes: []ItemTax{}, MetaData: []ItemMeta{}, SKU: p.sku}
	if variationID != 0 {
		li.Image = LineImage{ID: 0, Src: ""}
		if parent := s.products[p.parentID]; parent != nil {
			pn := parent.name
			li.ParentName = &pn
		}
		for _, va := range p.varAttrs {
			s.seq.itemMeta++
			li.MetaData = append(li.MetaData, ItemMeta{ID: s.seq.itemMeta, Key: attrKey(va), Value: attrValue(va), DisplayKey: va.Name, DisplayValue: va.Option})
		}
	} else {
		li.Image = LineImage{ID: "", Src: ""}
	}
	if len(p.images) > 0 {
		li.Image = LineImage{ID: p.images[0].ID, Src: p.images[0].Src}
	}
	if v, ok := obj["name"]; ok && asString(v) != "" {
		li.Name = asString(v)
	}
	unit := dec(p.activePrice())
	sub := unit.Mul(decimal.NewFromInt(int64(qty)))
	total := sub
	if v, ok := obj["subtotal"]; ok && asString(v) != "" {
		sub = dec(asString(v))
		total = sub
	}
	if v, ok := obj["total"]; ok && asString(v) != "" {
		total = dec(asString(v))
		if _, has := obj["subtotal"]; !has {
			sub = total
		}
	}
	li.Subtotal, li.Total = money(sub), money(total)
	if v, ok := obj["meta_data"]; ok {
		for _, m := range asObjects(v) {
			s.seq.itemMeta++
			val := decodeAny(m["value"])
			li.MetaData = append(li.MetaData, ItemMeta{ID: s.seq.itemMeta, Key: asString(m["key"]), Value: val, DisplayKey: asString(m["key"]), DisplayValue: val})
		}
	}
	setLinePrice(&li)
	return li, nil
}

func setLinePrice(li *LineItem) {
	if li.Quantity == 0 {
		li.Price = 0
		return
	}
	t, _ := strconv.ParseFloat(li.Total, 64)
	li.Price = t / float64(li.Quantity)
}

// applyOrder writes body fields onto o (a copy). Status changes are
// returned for the caller to transition.
func (s *Store) applyOrder(r *orderRec, body map[string]json.RawMessage) *apiError {
	o := &r.o
	if v, ok := body["customer_id"]; ok {
		id := asInt(v)
		if id != 0 && s.customers[id] == nil {
			return newErr(400, "woocommerce_rest_invalid_customer_id", "Customer ID is invalid.")
		}
		o.CustomerID = id
	}
	str := func(k string, dst *string) {
		if v, ok := body[k]; ok {
			*dst = asString(v)
		}
	}
	str("currency", &o.Currency)
	str("customer_note", &o.CustomerNote)
	str("payment_method", &o.PaymentMethod)
	str("payment_method_title", &o.PaymentMethodTitle)
	str("transaction_id", &o.TransactionID)
	if v, ok := body["parent_id"]; ok {
		o.ParentID = asInt(v)
	}
	if v, ok := body["billing"]; ok {
		applyAddr(&o.Billing, v)
	}
	if v, ok := body["shipping"]; ok {
		applyAddr(&o.Shipping, v)
	}
	if v, ok := body["meta_data"]; ok {
		o.MetaData = s.applyMeta(o.MetaData, v, &s.seq.orderMeta)
	}
	if v, ok := body["line_items"]; ok {
		for _, it := range asObjects(v) {
			id := asInt(it["id"])
			if id != 0 {
				idx := -1
				for i := range o.LineItems {
					if o.LineItems[i].ID == id {
						idx = i
					}
				}
				if idx < 0 {
					return newErr(400, "woocommerce_rest_invalid_item_id", "Order item ID provided is not associated with order.")
				}
				li := &o.LineItems[idx]
				if q, has := it["quantity"]; has {
					nq := int(asInt(q))
					if nq == 0 {
						o.LineItems = append(o.LineItems[:idx], o.LineItems[idx+1:]...)
						continue
					}
					if li.Quantity != 0 {
						unit := dec(li.Subtotal).Div(decimal.NewFromInt(int64(li.Quantity)))
						li.Subtotal = money(unit.Mul(decimal.NewFromInt(int64(nq))))
						li.Total = li.Subtotal
					}
					li.Quantity = nq
				}
				if x, has := it["subtotal"]; has {
					li.Subtotal = money(dec(asString(x)))
				}
				if x, has := it["total"]; has {
					li.Total = money(dec(asString(x)))
				}
				setLinePrice(li)
				continue
			}
			qty := 1
			if q, has := it["quantity"]; has {
				qty = int(asInt(q))
			}
			li, err := s.lineFor(asInt(it["product_id"]), asInt(it["variation_id"]), qty, it)
			if err != nil {
				return err
			}
			o.LineItems = append(o.LineItems, li)
		}
	}
	if v, ok := body["shipping_lines"]; ok {
		for _, sl := range asObjects(v) {
			if id := asInt(sl["id"]); id != 0 {
				for i := range o.ShippingLines {
					if o.ShippingLines[i].ID == id {
						if x, has := sl["total"]; has {
							o.ShippingLines[i].Total = money(dec(asString(x)))
						}
						if x, has := sl["method_title"]; has {
							o.ShippingLines[i].MethodTitle = asString(x)
						}
						if x, has := sl["method_id"]; has {
							o.ShippingLines[i].MethodID = asString(x)
						}
					}
				}
				continue
			}
			s.seq.item++
			o.ShippingLines = append(o.ShippingLines, ShippingLine{ID: s.seq.item, MethodTitle: asString(sl["method_title"]),
				MethodID: asString(sl["method_id"]), InstanceID: asString(sl["instance_id"]), Total: money(dec(asString(sl["total"]))),
				TotalTax: "0.00", Taxes: []ItemTax{}, TaxStatus: "taxable", MetaData: []ItemMeta{}})
		}
	}
	if v, ok := body["fee_lines"]; ok {
		for _, fl := range asObjects(v) {
			s.seq.item++
			ts := asString(fl["tax_status"])
			if ts == "" {
				ts = "taxable"
			}
			amt := money(dec(asString(fl["total"])))
			o.FeeLines = append(o.FeeLines, FeeLine{ID: s.seq.item, Name: asString(fl["name"]), TaxClass: asString(fl["tax_class"]),
				TaxStatus: ts, Amount: amt, Total: amt, TotalTax: "0.00", Taxes: []ItemTax{}, MetaData: []ItemMeta{}})
		}
	}
	if v, ok := body["coupon_lines"]; ok {
		for _, cl := range asObjects(v) {
			code := strings.ToLower(strings.TrimSpace(asString(cl["code"])))
			if code == "" {
				continue
			}
			c := s.couponByCode(code)
			if c == nil {
				return newErr(400, "woocommerce_rest_invalid_coupon", fmt.Sprintf("Coupon \"%s\" does not exist!", code))
			}
			s.seq.item++
			o.CouponLines = append(o.CouponLines, CouponLine{ID: s.seq.item, Code: code, Discount: "0.00", DiscountTax: "0.00", MetaData: []ItemMeta{}})
		}
	}
	s.calculateTotals(o)
	return nil
}

// calculateTotals applies coupons and recomputes the order totals (no
// taxes).
func (s *Store) calculateTotals(o *Order) {
	// Reset line totals to subtotals before applying coupons.
	if len(o.CouponLines) > 0 {
		for i := range o.LineItems {
			o.LineItems[i].Total = o.LineItems[i].Subtotal
		}
		for ci := range o.CouponLines {
			c := s.couponByCode(o.CouponLines[ci].Code)
			if c == nil {
				continue
			}
			discount := decimal.Zero
			sub := decimal.Zero
			for _, li := range o.LineItems {
				sub = sub.Add(dec(li.Total))
			}
			amount := dec(c.c.Amount)
			for i := range o.LineItems {
				li := &o.LineItems[i]
				lt := dec(li.Total)
				var d decimal.Decimal
				switch c.c.DiscountType {
				case "percent":
					d = lt.Mul(amount).Div(decimal.NewFromInt(100)).Round(2)
				case "fixed_product":
					d = decimal.Min(lt, amount.Mul(decimal.NewFromInt(int64(li.Quantity))))
				default: // fixed_cart, spread over the lines
					if sub.IsPositive() {
						d = decimal.Min(lt, decimal.Min(amount, sub).Mul(lt).Div(sub).Round(2))
					}
				}
				li.Total = money(lt.Sub(d))
				discount = discount.Add(d)
				setLinePrice(li)
			}
			o.CouponLines[ci].Discount = money(discount)
		}
	}
	items, discount := decimal.Zero, decimal.Zero
	for _, li := range o.LineItems {
		items = items.Add(dec(li.Total))
		discount = discount.Add(dec(li.Subtotal).Sub(dec(li.Total)))
	}
	ship := decimal.Zero
	for _, sl := range o.ShippingLines {
		ship = ship.Add(dec(sl.Total))
	}
	fees := decimal.Zero
	for _, fl := range o.FeeLines {
		fees = fees.Add(dec(fl.Total))
	}
	o.DiscountTotal = money(discount)
	o.DiscountTax = "0.00"
	o.ShippingTotal = money(ship)
	o.ShippingTax = "0.00"
	o.CartTax = "0.00"
	o.TotalTax = "0.00"
	o.Total = money(items.Add(ship).Add(fees))
}

func (s *Store) newOrderRec(createdVia string) *orderRec {
	s.seq.post++
	now := s.now()
	r := &orderRec{created: now, modified: now}
	r.o = Order{ID: s.seq.post, Status: "pending", Currency: s.cfg.currency, Version: WooCommerceVersion,
		OrderKey: "wc_order_" + randomKey(s, 13), CreatedVia: createdVia, MetaData: []MetaData{}}
	return r
}

// createOrder creates an order from a REST body. It fires order.created
// and order.updated, and the stock events of a paid order.
func (s *Store) createOrder(rc *reqCtx, body map[string]json.RawMessage) (*orderRec, *apiError) {
	if v, ok := body["id"]; ok && asInt(v) != 0 {
		return nil, newErr(400, "woocommerce_rest_shop_order_exists", "Cannot create existing shop_order.")
	}
	r := s.newOrderRec("rest-api")
	s.seq.post-- // reserve the id only on success
	if err := s.applyOrder(r, body); err != nil {
		return nil, err
	}
	s.seq.post++
	s.orders[r.o.ID] = r
	rc.emit(s, "order.created", r.o.ID)
	status := "pending"
	if v, ok := body["status"]; ok {
		status = asString(v)
	}
	if status != "pending" {
		s.transition(rc, r, status, false)
	}
	if v, ok := body["set_paid"]; ok && asBool(v) {
		s.paymentComplete(rc, r)
	}
	rc.emit(s, "order.updated", r.o.ID)
	return r, nil
}

// paymentComplete is WC_Order::payment_complete.
func (s *Store) paymentComplete(rc *reqCtx, r *orderRec) {
	switch r.o.Status {
	case "pending", "on-hold", "failed", "cancelled", "checkout-draft":
	default:
		return
	}
	if r.paid.IsZero() {
		r.paid = s.now()
	}
	next := "processing"
	if !s.renderOrder(s.cfg.url, r).NeedsProcessing {
		next = "completed"
	}
	s.transition(rc, r, next, true)
	if c := s.customers[r.o.CustomerID]; c != nil {
		c.c.IsPayingCustomer = true
	}
}

// transition changes an order's status with WooCommerce's side effects:
// stock reduced on processing/completed/on-hold, restored on
// cancelled/pending, total_sales recorded, dates and notes.
func (s *Store) transition(rc *reqCtx, r *orderRec, to string, viaPayment bool) {
	from := r.o.Status
	if from == to {
		return
	}
	now := s.now()
	r.o.Status = to
	r.modified = now
	if (to == "processing" || to == "completed") && r.paid.IsZero() {
		r.paid = now
	}
	if to == "completed" {
		r.completed = now
	}
	if to == "processing" || to == "completed" {
		if c := s.customers[r.o.CustomerID]; c != nil {
			c.c.IsPayingCustomer = true
		}
	}
	s.addNote(r.o.ID, fmt.Sprintf("Order status changed from %s to %s.", statusLabels[from], statusLabels[to]), false, "system")
	switch to {
	case "processing", "completed", "on-hold":
		s.reduceStock(rc, r)
		if !r.salesRecorded {
			r.salesRecorded = true
			s.adjustSales(r, 1)
		}
	case "cancelled", "pending":
		s.restoreStock(rc, r)
		if to == "cancelled" && r.salesRecorded {
			r.salesRecorded = false
			s.adjustSales(r, -1)
		}
	}
}

func (s *Store) adjustSales(r *orderRec, sign int) {
	for _, li := range r.o.LineItems {
		if p := s.products[li.ProductID]; p != nil {
			p.totalSales = max(0, p.totalSales+sign*li.Quantity)
		}
		if li.VariationID != 0 {
			if v := s.products[li.VariationID]; v != nil {
				v.totalSales = max(0, v.totalSales+sign*li.Quantity)
			}
		}
	}
}

func lineReduced(li *LineItem) (int, int) {
	for i, m := range li.MetaData {
		if m.Key == "_reduced_stock" {
			n, _ := strconv.Atoi(fmt.Sprint(m.Value))
			return n, i
		}
	}
	return 0, -1
}

func (s *Store) stockChanged(rc *reqCtx, p *prod) {
	p.modified = s.now()
	rc.emit(s, "product.updated", p.id)
	if p.isVariation() {
		rc.emitAction(s, "woocommerce_variation_set_stock")
	} else {
		rc.emitAction(s, "woocommerce_product_set_stock")
	}
}

// reduceStock is wc_reduce_stock_levels: once per order, each line once.
func (s *Store) reduceStock(rc *reqCtx, r *orderRec) {
	if r.stockReduced {
		return
	}
	r.stockReduced = true
	var changes []string
	for i := range r.o.LineItems {
		li := &r.o.LineItems[i]
		p := s.products[li.ProductID]
		if li.VariationID != 0 {
			p = s.products[li.VariationID]
		}
		if p == nil {
			continue
		}
		owner := s.stockOwner(p)
		if !owner.manageStock {
			continue
		}
		if n, _ := lineReduced(li); n != 0 {
			continue
		}
		old := owner.stock
		owner.stock -= li.Quantity
		s.seq.itemMeta++
		q := strconv.Itoa(li.Quantity)
		li.MetaData = append(li.MetaData, ItemMeta{ID: s.seq.itemMeta, Key: "_reduced_stock", Value: q, DisplayKey: "_reduced_stock", DisplayValue: q})
		changes = append(changes, fmt.Sprintf("%s (%s) %d&rarr;%d", s.fullName(p), p.sku, old, owner.stock))
		s.stockChanged(rc, p)
		if owner != p {
			owner.modified = s.now()
		}
	}
	if len(changes) > 0 {
		s.addNote(r.o.ID, "Stock levels reduced: "+strings.Join(changes, ", "), false, "system")
	}
}

// restoreStock is wc_increase_stock_levels.
func (s *Store) restoreStock(rc *reqCtx, r *orderRec) {
	if !r.stockReduced {
		return
	}
	r.stockReduced = false
	var changes []string
	for i := range r.o.LineItems {
		li := &r.o.LineItems[i]
		n, idx := lineReduced(li)
		if idx < 0 {
			continue
		}
		p := s.products[li.ProductID]
		if li.VariationID != 0 {
			p = s.products[li.VariationID]
		}
		li.MetaData = append(li.MetaData[:idx], li.MetaData[idx+1:]...)
		if p == nil {
			continue
		}
		owner := s.stockOwner(p)
		if !owner.manageStock {
			continue
		}
		old := owner.stock
		owner.stock += n
		changes = append(changes, fmt.Sprintf("%s (%s) %d&rarr;%d", s.fullName(p), p.sku, old, owner.stock))
		s.stockChanged(rc, p)
	}
	if len(changes) > 0 {
		s.addNote(r.o.ID, "Stock levels increased: "+strings.Join(changes, ", "), false, "system")
	}
}

func (s *Store) addNote(orderID int64, text string, customer bool, author string) *OrderNote {
	s.seq.comment++
	now := s.now()
	n := &OrderNote{ID: s.seq.comment, Author: author, Note: text, CustomerNote: customer}
	n.DateCreated, n.DateCreatedGMT = s.datePair(now)
	s.notes[orderID] = append(s.notes[orderID], n)
	return n
}

func (s *Store) updateOrder(rc *reqCtx, id int64, body map[string]json.RawMessage) (*orderRec, *apiError) {
	r := s.orders[id]
	if r == nil {
		return nil, invalidID("shop_order", 400)
	}
	cp := &orderRec{o: clone(r.o), created: r.created, modified: r.modified, paid: r.paid, completed: r.completed,
		stockReduced: r.stockReduced, salesRecorded: r.salesRecorded}
	seq := s.seq
	if err := s.applyOrder(cp, body); err != nil {
		s.seq = seq
		return nil, err
	}
	wasTrash := r.o.Status == "trash"
	*r = *cp
	r.modified = s.now()
	if v, ok := body["status"]; ok {
		to := asString(v)
		if wasTrash {
			r.o.Status = to
		} else {
			s.transition(rc, r, to, false)
		}
	}
	if v, ok := body["set_paid"]; ok && asBool(v) {
		s.paymentComplete(rc, r)
	}
	if !wasTrash {
		rc.emit(s, "order.updated", id)
	}
	return r, nil
}

func (s *Store) deleteOrder(rc *reqCtx, id int64, force bool) (any, *apiError) {
	r := s.orders[id]
	if r == nil {
		return nil, invalidID("shop_order", 404)
	}
	out := s.renderOrder(rc.base, r)
	if force {
		delete(s.orders, id)
		delete(s.notes, id)
		for rid, rf := range s.refunds {
			if rf.orderID == id {
				delete(s.refunds, rid)
			}
		}
		return out, nil
	}
	if r.o.Status == "trash" {
		return nil, newErr(410, "woocommerce_rest_already_trashed", "The shop_order has already been deleted.")
	}
	s.seq.orderMeta++
	r.o.MetaData = append(r.o.MetaData, MetaData{ID: s.seq.orderMeta, Key: "_wp_trash_meta_status", Value: "wc-" + r.o.Status})
	s.seq.orderMeta++
	r.o.MetaData = append(r.o.MetaData, MetaData{ID: s.seq.orderMeta, Key: "_wp_trash_meta_time", Value: fmt.Sprint(s.now().Unix())})
	r.o.Status = "trash"
	r.modified = s.now()
	rc.emit(s, "order.deleted", id)
	return out, nil
}

func (s *Store) listOrders(rc *reqCtx) *response {
	statuses := splitList(rc.q("status"))
	if len(statuses) == 0 {
		statuses = []string{"any"}
	}
	customer, hasCustomer := queryValue(rc, "customer")
	customerID := asInt(json.RawMessage(strconv.Quote(customer)))
	productID := int64(rc.qInt("product", 0))
	createdVia := splitList(rc.q("created_via"))
	var parents, parentEx []int64
	if v := rc.q("parent"); v != "" {
		parents = parseIDList(v)
	}
	if v := rc.q("parent_exclude"); v != "" {
		parentEx = parseIDList(v)
	}
	searching := strings.TrimSpace(rc.q("search")) != "" // the search text is built only then
	var rows []listRow[*orderRec]
	for _, r := range s.orders {
		st := r.o.Status
		if contains(statuses, "any") {
			if st == "trash" || st == "checkout-draft" {
				continue
			}
		} else if !contains(statuses, st) {
			continue
		}
		if hasCustomer && r.o.CustomerID != customerID {
			continue
		}
		if productID != 0 {
			found := false
			for _, li := range r.o.LineItems {
				found = found || li.ProductID == productID || li.VariationID == productID
			}
			if !found {
				continue
			}
		}
		if len(createdVia) > 0 && !contains(createdVia, r.o.CreatedVia) {
			continue
		}
		if len(parents) > 0 && !containsID(parents, r.o.ParentID) {
			continue
		}
		if len(parentEx) > 0 && containsID(parentEx, r.o.ParentID) {
			continue
		}
		var text string
		if searching {
			text = strings.ToLower(strings.Join([]string{strconv.FormatInt(r.o.ID, 10), r.o.Billing.FirstName, r.o.Billing.LastName,
				r.o.Billing.Email, r.o.Billing.Company, r.o.Shipping.FirstName, r.o.Shipping.LastName, r.o.OrderKey}, " "))
			for _, li := range r.o.LineItems {
				text += " " + strings.ToLower(li.Name)
			}
		}
		rows = append(rows, listRow[*orderRec]{key: rowKey{id: r.o.ID, created: r.created, modified: r.modified, text: text}, v: r})
	}
	return listResponse(s, rc, rows, listOpts{defOrderby: "date", defOrder: "desc"},
		func(r *orderRec) any { return s.renderOrder(rc.base, r) })
}

func orderExists(s *Store, rc *reqCtx) bool { return s.orders[rc.ids[0]] != nil }

func init() {
	addRoute("/orders", map[string]*handler{
		"GET": {fn: (*Store).listOrders, perm: permList, args: collectionArgs(
			[]string{"date", "modified", "id", "include", "title", "slug"},
			a("parent", tIDs()), a("parent_exclude", tIDs()),
			a("status", tA(tE(append([]string{"any", "trash"}, orderStatuses...)...))),
			a("customer", tI()), a("product", tI()), a("dp", tI()), a("created_via", tS()))},
		"POST": {fn: func(s *Store, rc *reqCtx) *response {
			r, err := s.createOrder(rc, rc.body)
			if err != nil {
				return err.response()
			}
			return created(s.renderOrder(rc.base, r), fmt.Sprintf("%s/wp-json/wc/v3/orders/%d", rc.base, r.o.ID))
		}, perm: permCreate, body: orderBody()},
	})
	addRoute("/orders/batch", map[string]*handler{editable: {fn: (*Store).batchOrders, perm: permBatch}})
	addRoute("/orders/{id}", map[string]*handler{
		"GET": {fn: func(s *Store, rc *reqCtx) *response {
			r := s.orders[rc.ids[0]]
			if r == nil {
				return invalidID("shop_order", 404).response()
			}
			return ok(s.renderOrder(rc.base, r))
		}, perm: permView, exists: orderExists},
		editable: {fn: func(s *Store, rc *reqCtx) *response {
			r, err := s.updateOrder(rc, rc.ids[0], rc.body)
			if err != nil {
				return err.response()
			}
			return ok(s.renderOrder(rc.base, r))
		}, perm: permEdit, body: orderBody(), exists: orderExists},
		"DELETE": {fn: func(s *Store, rc *reqCtx) *response {
			out, err := s.deleteOrder(rc, rc.ids[0], rc.force())
			if err != nil {
				return err.response()
			}
			return ok(out)
		}, perm: permDelete, args: []arg{a("force", tB())}, exists: orderExists},
	})
}
