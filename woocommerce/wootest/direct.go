package wootest

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"slices"
	"sort"
	"strings"
	"time"
)

// Direct access: seeding, reading, and acting as the shop owner would in
// the admin. Seeding (Add*) fires no webhooks and moves no stock; the
// admin actions fire the webhooks a real store fires.

// ErrNotFound is returned by direct access to a resource that does not
// exist.
var ErrNotFound = errors.New("wootest: not found")

// direct runs fn under the store lock with an event recorder, then sends
// pings and webhooks.
func (s *Store) direct(fn func(rc *reqCtx) error) error {
	s.mu.Lock()
	rc := &reqCtx{base: s.cfg.url, seen: map[string]bool{}}
	err := fn(rc)
	s.mu.Unlock()
	for _, p := range rc.pings {
		s.sendPing(p)
	}
	s.dispatch(rc.events)
	return err
}

func apiErr(e *apiError) error {
	if e == nil {
		return nil
	}
	return fmt.Errorf("wootest: %w", e)
}

// bodyFrom turns a model into a request body; with dropZero, fields at
// their zero value are left out so that the store's defaults apply.
func bodyFrom(v any, dropZero bool) map[string]json.RawMessage {
	b, err := json.Marshal(v)
	if err != nil {
		return map[string]json.RawMessage{}
	}
	m := map[string]json.RawMessage{}
	_ = json.Unmarshal(b, &m)
	delete(m, "_links")
	if dropZero {
		for k, raw := range m {
			switch string(bytes.TrimSpace(raw)) {
			case `""`, "false", "0", "null", "[]", "{}":
				delete(m, k)
			}
		}
	}
	return m
}

func diffBody(before, after any) map[string]json.RawMessage {
	a, b := bodyFrom(before, false), bodyFrom(after, false)
	out := map[string]json.RawMessage{}
	for k, v := range b {
		if !bytes.Equal(a[k], v) {
			out[k] = v
		}
	}
	return out
}

func parseGMT(s *string) time.Time {
	if s == nil || *s == "" {
		return time.Time{}
	}
	t, err := time.Parse("2006-01-02T15:04:05", *s)
	if err != nil {
		return time.Time{}
	}
	return t
}

// seedID makes the next id of seq equal want when want is free.
func seedID(seq *int64, want int64, taken bool) int64 {
	if want > 0 && !taken {
		if want > *seq {
			*seq = want
		}
		return want
	}
	*seq++
	return *seq
}

// ---- products ----

// AddProduct seeds a product. Fields at their zero value take
// WooCommerce's defaults (type simple, status publish, category
// Uncategorized, ...); categories and tags are referenced by ID. A
// non-zero ID is used when free. DateCreatedGMT and DateModifiedGMT are
// honoured. It fires no webhook.
func (s *Store) AddProduct(p Product) (Product, error) {
	var out Product
	err := s.direct(func(rc *reqCtx) error {
		body := bodyFrom(p, true)
		created, aerr := s.createProduct(body)
		if aerr != nil {
			return apiErr(aerr)
		}
		s.reseed(created, p.ID, p.DateCreatedGMT, p.DateModifiedGMT)
		if p.TotalSales > 0 {
			created.totalSales = p.TotalSales
		}
		out = s.renderProduct(rc.base, created, false)
		return nil
	})
	return out, err
}

func (s *Store) reseed(p *prod, wantID int64, createdGMT, modifiedGMT *string) {
	if wantID > 0 && wantID != p.id && s.products[wantID] == nil {
		delete(s.products, p.id)
		if s.seq.post == p.id {
			s.seq.post--
		}
		p.id = seedID(&s.seq.post, wantID, false)
		s.products[p.id] = p
	}
	if t := parseGMT(createdGMT); !t.IsZero() {
		p.created = t
		p.modified = t
	}
	if t := parseGMT(modifiedGMT); !t.IsZero() {
		p.modified = t
	}
}

// AddVariation seeds a variation of a variable product. ManageStock may be
// true, false or "parent". It fires no webhook.
func (s *Store) AddVariation(parentID int64, v Variation) (Variation, error) {
	var out Variation
	err := s.direct(func(rc *reqCtx) error {
		body := bodyFrom(v, true)
		created, aerr := s.createVariation(parentID, body)
		if aerr != nil {
			return apiErr(aerr)
		}
		s.reseed(created, v.ID, v.DateCreatedGMT, v.DateModifiedGMT)
		out = s.renderVariation(rc.base, created)
		return nil
	})
	return out, err
}

// Product returns a product as GET /products/{id} answers it (a variation
// too, product-shaped, as WooCommerce serves it there).
func (s *Store) Product(id int64) (Product, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	p := s.products[id]
	if p == nil {
		return Product{}, false
	}
	return s.renderProduct(s.cfg.url, p, false), true
}

// ProductIDs returns the ids of every product (trashed ones included,
// variations excluded), ascending. It renders nothing: with Product it
// picks products from a large store cheaply.
func (s *Store) ProductIDs() []int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	var ids []int64
	for id, p := range s.products {
		if !p.isVariation() {
			ids = append(ids, id)
		}
	}
	slices.Sort(ids)
	return ids
}

// Products returns every product (trashed ones included, variations
// excluded), by id.
func (s *Store) Products() []Product {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []Product
	related := s.relatedIndex()
	for _, p := range s.sortedProducts() {
		if !p.isVariation() {
			out = append(out, s.renderProductRelated(s.cfg.url, p, false, related))
		}
	}
	return out
}

func (s *Store) sortedProducts() []*prod {
	var list []*prod
	for _, p := range s.products {
		list = append(list, p)
	}
	sort.Slice(list, func(i, j int) bool { return list[i].id < list[j].id })
	return list
}

// Variation returns a variation as GET /products/{parent}/variations/{id}
// answers it.
func (s *Store) Variation(id int64) (Variation, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	p := s.products[id]
	if p == nil || !p.isVariation() {
		return Variation{}, false
	}
	return s.renderVariation(s.cfg.url, p), true
}

// Variations returns the variations of a variable product in menu order.
func (s *Store) Variations(parentID int64) []Variation {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []Variation
	for _, v := range s.children(parentID) {
		out = append(out, s.renderVariation(s.cfg.url, v))
	}
	return out
}

// UpdateProduct edits a product as the shop owner would: fn changes a copy
// of its representation, and the changed writable fields are saved. It
// fires product.updated.
func (s *Store) UpdateProduct(id int64, fn func(*Product)) (Product, error) {
	var out Product
	err := s.direct(func(rc *reqCtx) error {
		p := s.products[id]
		if p == nil || p.isVariation() {
			return ErrNotFound
		}
		before := s.renderProduct(rc.base, p, false)
		after := clone(before)
		fn(&after)
		updated, aerr := s.updateProduct(rc, id, diffBody(before, after))
		if aerr != nil {
			return apiErr(aerr)
		}
		out = s.renderProduct(rc.base, updated, false)
		return nil
	})
	return out, err
}

// UpdateVariation edits a variation as the shop owner would. It fires
// product.updated with the variation as payload.
func (s *Store) UpdateVariation(id int64, fn func(*Variation)) (Variation, error) {
	var out Variation
	err := s.direct(func(rc *reqCtx) error {
		p := s.products[id]
		if p == nil || !p.isVariation() {
			return ErrNotFound
		}
		before := s.renderVariation(rc.base, p)
		after := clone(before)
		fn(&after)
		updated, aerr := s.updateVariation(rc, p.parentID, id, diffBody(before, after))
		if aerr != nil {
			return apiErr(aerr)
		}
		out = s.renderVariation(rc.base, updated)
		return nil
	})
	return out, err
}

// SetStock sets the stock of a product or variation (turning stock
// management on), as the shop owner would in the admin. It fires
// product.updated (with the variation as payload for a variation) and
// action.woocommerce_product_set_stock / woocommerce_variation_set_stock.
func (s *Store) SetStock(id int64, qty int) error {
	return s.direct(func(rc *reqCtx) error {
		p := s.products[id]
		if p == nil {
			return ErrNotFound
		}
		owner := p
		if p.isVariation() && !p.manageStock {
			owner = s.stockOwner(p)
		}
		if !owner.manageStock {
			owner = p
			owner.manageStock = true
		}
		owner.stock = qty
		s.stockChanged(rc, p)
		return nil
	})
}

// TrashProduct moves a product to the trash. It fires product.deleted with
// {"id": N}.
func (s *Store) TrashProduct(id int64) error {
	return s.direct(func(rc *reqCtx) error {
		p := s.products[id]
		if p == nil || p.isVariation() {
			return ErrNotFound
		}
		if p.status == "trash" {
			return apiErr(newErr(410, "woocommerce_rest_already_trashed", "The product has already been deleted."))
		}
		s.trash(p)
		rc.emit(s, "product.deleted", id)
		return nil
	})
}

// RestoreProduct takes a product out of the trash as the admin's "Restore"
// does. It fires product.restored (which REST untrashing never does).
func (s *Store) RestoreProduct(id int64) error {
	return s.direct(func(rc *reqCtx) error {
		p := s.products[id]
		if p == nil || p.status != "trash" {
			return ErrNotFound
		}
		status := "draft"
		var keep []MetaData
		for _, m := range p.meta {
			switch m.Key {
			case "_wp_trash_meta_status":
				status = fmt.Sprint(m.Value)
			case "_wp_trash_meta_time":
			default:
				keep = append(keep, m)
			}
		}
		p.meta = keep
		p.status = status
		p.modified = s.now()
		rc.emit(s, "product.restored", id)
		return nil
	})
}

// DeleteProduct deletes a product permanently (with its variations). Like
// WooCommerce, it fires no webhook.
func (s *Store) DeleteProduct(id int64) error {
	return s.direct(func(rc *reqCtx) error {
		p := s.products[id]
		if p == nil {
			return ErrNotFound
		}
		for _, k := range s.children(id) {
			delete(s.products, k.id)
		}
		delete(s.products, id)
		return nil
	})
}

// ---- terms ----

// AddCategory seeds a product category (Name required; Parent by ID).
func (s *Store) AddCategory(c Category) (Category, error) {
	var out Category
	err := s.direct(func(rc *reqCtx) error {
		created, aerr := s.createCategory(bodyFrom(c, true))
		if aerr != nil {
			return apiErr(aerr)
		}
		if c.ID > 0 && c.ID != created.ID && s.categories[c.ID] == nil {
			delete(s.categories, created.ID)
			created.ID = seedID(&s.seq.term, c.ID, false)
			s.categories[created.ID] = created
		}
		out = s.renderCategory(rc.base, created)
		return nil
	})
	return out, err
}

// Category returns a product category.
func (s *Store) Category(id int64) (Category, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	c := s.categories[id]
	if c == nil {
		return Category{}, false
	}
	return s.renderCategory(s.cfg.url, c), true
}

// Categories returns every product category, by id.
func (s *Store) Categories() []Category {
	s.mu.Lock()
	defer s.mu.Unlock()
	var ids []int64
	for id := range s.categories {
		ids = append(ids, id)
	}
	sort.Slice(ids, func(i, j int) bool { return ids[i] < ids[j] })
	var out []Category
	for _, id := range ids {
		out = append(out, s.renderCategory(s.cfg.url, s.categories[id]))
	}
	return out
}

// AddTag seeds a product tag.
func (s *Store) AddTag(t Tag) (Tag, error) {
	var out Tag
	err := s.direct(func(rc *reqCtx) error {
		created, aerr := s.createTag(bodyFrom(t, true))
		if aerr != nil {
			return apiErr(aerr)
		}
		out = s.renderTag(rc.base, created)
		return nil
	})
	return out, err
}

// Tags returns every product tag, by id.
func (s *Store) Tags() []Tag {
	s.mu.Lock()
	defer s.mu.Unlock()
	var ids []int64
	for id := range s.tags {
		ids = append(ids, id)
	}
	sort.Slice(ids, func(i, j int) bool { return ids[i] < ids[j] })
	var out []Tag
	for _, id := range ids {
		out = append(out, s.renderTag(s.cfg.url, s.tags[id]))
	}
	return out
}

// ---- customers ----

// AddCustomer seeds a customer (Email required). It fires no webhook.
func (s *Store) AddCustomer(c Customer) (Customer, error) {
	var out Customer
	err := s.direct(func(rc *reqCtx) error {
		created, aerr := s.createCustomer(bodyFrom(c, true))
		if aerr != nil {
			return apiErr(aerr)
		}
		if c.ID > 0 && c.ID != created.c.ID && s.customers[c.ID] == nil {
			delete(s.customers, created.c.ID)
			created.c.ID = seedID(&s.seq.user, c.ID, false)
			s.customers[created.c.ID] = created
		}
		created.c.IsPayingCustomer = c.IsPayingCustomer
		out = s.renderCustomer(rc.base, created)
		return nil
	})
	return out, err
}

// Customer returns a customer.
func (s *Store) Customer(id int64) (Customer, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	c := s.customers[id]
	if c == nil {
		return Customer{}, false
	}
	return s.renderCustomer(s.cfg.url, c), true
}

// CustomerIDs returns the ids of every customer, ascending.
func (s *Store) CustomerIDs() []int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Sorted(maps.Keys(s.customers))
}

// Customers returns every customer, by id.
func (s *Store) Customers() []Customer {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []Customer
	for _, id := range slices.Sorted(maps.Keys(s.customers)) {
		out = append(out, s.renderCustomer(s.cfg.url, s.customers[id]))
	}
	return out
}

// UpdateCustomer edits a customer as the shop owner would. It fires
// customer.updated.
func (s *Store) UpdateCustomer(id int64, fn func(*Customer)) (Customer, error) {
	var out Customer
	err := s.direct(func(rc *reqCtx) error {
		r := s.customers[id]
		if r == nil {
			return ErrNotFound
		}
		before := s.renderCustomer(rc.base, r)
		after := clone(before)
		fn(&after)
		body := diffBody(before, after)
		delete(body, "username")
		updated, aerr := s.updateCustomer(rc, id, body)
		if aerr != nil {
			return apiErr(aerr)
		}
		out = s.renderCustomer(rc.base, updated)
		return nil
	})
	return out, err
}

// DeleteCustomer deletes a customer. It fires customer.deleted.
func (s *Store) DeleteCustomer(id int64) error {
	return s.direct(func(rc *reqCtx) error {
		if s.customers[id] == nil {
			return ErrNotFound
		}
		_, aerr := s.deleteCustomer(rc, id, true)
		return apiErr(aerr)
	})
}

// ---- orders ----

// AddOrder seeds an order as it would already be in the store: line items
// by ProductID/VariationID/Quantity (Subtotal/Total optional), status as
// given (pending by default). It moves no stock and fires no webhook; use
// [Store.PlaceOrder] for a checkout.
func (s *Store) AddOrder(o Order) (Order, error) {
	var out Order
	err := s.direct(func(rc *reqCtx) error {
		body := bodyFrom(o, true)
		delete(body, "status")
		if len(o.LineItems) > 0 {
			var items []map[string]any
			for _, li := range o.LineItems {
				it := map[string]any{"product_id": li.ProductID, "variation_id": li.VariationID, "quantity": max(li.Quantity, 1)}
				if li.Subtotal != "" {
					it["subtotal"] = li.Subtotal
				}
				if li.Total != "" {
					it["total"] = li.Total
				}
				items = append(items, it)
			}
			b, _ := json.Marshal(items)
			body["line_items"] = b
		}
		r := s.newOrderRec("admin")
		if o.CreatedVia != "" {
			r.o.CreatedVia = o.CreatedVia
		}
		if aerr := s.applyOrder(r, body); aerr != nil {
			s.seq.post--
			return apiErr(aerr)
		}
		if o.ID > 0 && o.ID != r.o.ID && s.orders[o.ID] == nil && s.products[o.ID] == nil {
			s.seq.post--
			r.o.ID = seedID(&s.seq.post, o.ID, false)
		}
		if o.Status != "" {
			r.o.Status = o.Status
		}
		if t := parseGMT(o.DateCreatedGMT); !t.IsZero() {
			r.created, r.modified = t, t
		}
		if t := parseGMT(o.DateModifiedGMT); !t.IsZero() {
			r.modified = t
		}
		if r.o.Status == "processing" || r.o.Status == "completed" {
			r.paid = r.created
		}
		if r.o.Status == "completed" {
			r.completed = r.modified
		}
		s.orders[r.o.ID] = r
		out = s.renderOrder(rc.base, r)
		return nil
	})
	return out, err
}

// Checkout is an order placed from the storefront.
type Checkout struct {
	CustomerID         int64
	Billing            OrderBilling
	Shipping           OrderShipping
	PaymentMethod      string
	PaymentMethodTitle string
	CustomerNote       string
	Items              []CheckoutItem
	// ShippingLines use MethodID, MethodTitle and Total.
	ShippingLines []ShippingLine
	CouponCodes   []string
	MetaData      []MetaData
	// Paid completes the payment: the order becomes processing and its
	// stock is reduced.
	Paid bool
	// Status is the status an unpaid order is left in: "" (pending, stock
	// untouched), "on-hold" (as bank transfer leaves it; stock reduced),
	// "failed", ...
	Status string
}

// CheckoutItem is a cart line.
type CheckoutItem struct {
	ProductID   int64
	VariationID int64
	Quantity    int
}

// PlaceOrder places an order as a shopper's checkout does: it fires
// order.created then order.updated, and with Paid (or an on-hold status)
// reduces stock, which fires product.updated for each product or variation
// whose stock moved.
func (s *Store) PlaceOrder(c Checkout) (Order, error) {
	var out Order
	err := s.direct(func(rc *reqCtx) error {
		body := map[string]json.RawMessage{}
		put := func(k string, v any) {
			b, _ := json.Marshal(v)
			body[k] = b
		}
		put("customer_id", c.CustomerID)
		put("billing", c.Billing)
		put("shipping", c.Shipping)
		put("payment_method", c.PaymentMethod)
		title := c.PaymentMethodTitle
		if g := s.gateway(c.PaymentMethod); title == "" && g != nil {
			title = g.Title
		}
		put("payment_method_title", title)
		put("customer_note", c.CustomerNote)
		var items []map[string]any
		for _, it := range c.Items {
			items = append(items, map[string]any{"product_id": it.ProductID, "variation_id": it.VariationID, "quantity": max(it.Quantity, 1)})
		}
		put("line_items", items)
		var ships []map[string]any
		for _, sl := range c.ShippingLines {
			ships = append(ships, map[string]any{"method_id": sl.MethodID, "method_title": sl.MethodTitle, "total": sl.Total})
		}
		put("shipping_lines", ships)
		var coupons []map[string]any
		for _, code := range c.CouponCodes {
			coupons = append(coupons, map[string]any{"code": code})
		}
		put("coupon_lines", coupons)
		if len(c.MetaData) > 0 {
			put("meta_data", c.MetaData)
		}
		r := s.newOrderRec("checkout")
		if aerr := s.applyOrder(r, body); aerr != nil {
			s.seq.post--
			return apiErr(aerr)
		}
		for _, cl := range r.o.CouponLines {
			if cp := s.couponByCode(cl.Code); cp != nil {
				cp.c.UsageCount++
				if r.o.Billing.Email != "" {
					cp.c.UsedBy = append(cp.c.UsedBy, r.o.Billing.Email)
				}
			}
		}
		s.orders[r.o.ID] = r
		rc.emit(s, "order.created", r.o.ID)
		if c.Paid {
			s.paymentComplete(rc, r)
		} else if c.Status != "" && c.Status != "pending" {
			s.transition(rc, r, c.Status, false)
		}
		rc.emit(s, "order.updated", r.o.ID)
		out = s.renderOrder(rc.base, r)
		return nil
	})
	return out, err
}

// SetOrderStatus changes an order's status as the shop owner would, with
// WooCommerce's stock effects. It fires order.updated.
func (s *Store) SetOrderStatus(id int64, status string) error {
	status = strings.TrimPrefix(status, "wc-")
	if !contains(orderStatuses, status) {
		return fmt.Errorf("wootest: unknown order status %q", status)
	}
	return s.direct(func(rc *reqCtx) error {
		r := s.orders[id]
		if r == nil {
			return ErrNotFound
		}
		s.transition(rc, r, status, false)
		rc.emit(s, "order.updated", id)
		return nil
	})
}

// RefundOrder refunds amount of an order manually (no gateway refund, no
// restock). It fires order.updated; a full refund makes the order
// refunded.
func (s *Store) RefundOrder(id int64, amount, reason string) (Refund, error) {
	var out Refund
	err := s.direct(func(rc *reqCtx) error {
		if s.orders[id] == nil {
			return ErrNotFound
		}
		body := map[string]json.RawMessage{}
		b, _ := json.Marshal(amount)
		body["amount"] = b
		b, _ = json.Marshal(reason)
		body["reason"] = b
		body["api_refund"] = json.RawMessage("false")
		body["api_restock"] = json.RawMessage("false")
		rf, aerr := s.createRefund(rc, id, body)
		if aerr != nil {
			return apiErr(aerr)
		}
		out = s.renderRefund(rc.base, rf)
		return nil
	})
	return out, err
}

// TrashOrder moves an order to the trash. It fires order.deleted.
func (s *Store) TrashOrder(id int64) error {
	return s.direct(func(rc *reqCtx) error {
		if s.orders[id] == nil {
			return ErrNotFound
		}
		_, aerr := s.deleteOrder(rc, id, false)
		return apiErr(aerr)
	})
}

// RestoreOrder takes an order out of the trash as the admin does. It fires
// order.restored.
func (s *Store) RestoreOrder(id int64) error {
	return s.direct(func(rc *reqCtx) error {
		r := s.orders[id]
		if r == nil || r.o.Status != "trash" {
			return ErrNotFound
		}
		status := "pending"
		var keep []MetaData
		for _, m := range r.o.MetaData {
			switch m.Key {
			case "_wp_trash_meta_status":
				status = strings.TrimPrefix(fmt.Sprint(m.Value), "wc-")
			case "_wp_trash_meta_time":
			default:
				keep = append(keep, m)
			}
		}
		r.o.MetaData = keep
		r.o.Status = status
		r.modified = s.now()
		rc.emit(s, "order.restored", id)
		return nil
	})
}

// Order returns an order.
func (s *Store) Order(id int64) (Order, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	r := s.orders[id]
	if r == nil {
		return Order{}, false
	}
	return s.renderOrder(s.cfg.url, r), true
}

// OrderIDs returns the ids of the orders whose status is one of statuses
// (of every order when none is given), ascending. It renders nothing.
func (s *Store) OrderIDs(statuses ...string) []int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	var ids []int64
	for id, r := range s.orders {
		if len(statuses) == 0 || slices.Contains(statuses, r.o.Status) {
			ids = append(ids, id)
		}
	}
	slices.Sort(ids)
	return ids
}

// Orders returns every order (trashed ones included), by id.
func (s *Store) Orders() []Order {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []Order
	for _, id := range slices.Sorted(maps.Keys(s.orders)) {
		out = append(out, s.renderOrder(s.cfg.url, s.orders[id]))
	}
	return out
}

// OrderNotes returns the notes of an order, newest first.
func (s *Store) OrderNotes(orderID int64) []OrderNote {
	s.mu.Lock()
	defer s.mu.Unlock()
	notes := s.notes[orderID]
	var out []OrderNote
	for i := len(notes) - 1; i >= 0; i-- {
		out = append(out, s.renderNote(s.cfg.url, orderID, notes[i]))
	}
	return out
}

// Refunds returns the refunds of an order, newest first.
func (s *Store) Refunds(orderID int64) []Refund {
	s.mu.Lock()
	defer s.mu.Unlock()
	var list []*refundRec
	for _, rf := range s.refunds {
		if rf.orderID == orderID {
			list = append(list, rf)
		}
	}
	sort.Slice(list, func(i, j int) bool { return list[i].r.ID > list[j].r.ID })
	var out []Refund
	for _, rf := range list {
		out = append(out, s.renderRefund(s.cfg.url, rf))
	}
	return out
}

// ---- coupons ----

// AddCoupon seeds a coupon (Code required). It fires no webhook.
func (s *Store) AddCoupon(c Coupon) (Coupon, error) {
	var out Coupon
	err := s.direct(func(rc *reqCtx) error {
		created, aerr := s.createCoupon(bodyFrom(c, true))
		if aerr != nil {
			return apiErr(aerr)
		}
		out = s.renderCoupon(rc.base, created)
		return nil
	})
	return out, err
}

// Coupons returns every coupon, by id.
func (s *Store) Coupons() []Coupon {
	s.mu.Lock()
	defer s.mu.Unlock()
	var ids []int64
	for id := range s.coupons {
		ids = append(ids, id)
	}
	sort.Slice(ids, func(i, j int) bool { return ids[i] < ids[j] })
	var out []Coupon
	for _, id := range ids {
		out = append(out, s.renderCoupon(s.cfg.url, s.coupons[id]))
	}
	return out
}

// ---- webhooks ----

// AddWebhook registers a webhook (Topic and DeliveryURL required; Secret
// signs the deliveries, Status defaults to active) and, as WooCommerce
// does on creation, pings its delivery URL before returning.
func (s *Store) AddWebhook(w Webhook) (Webhook, error) {
	var out Webhook
	err := s.direct(func(rc *reqCtx) error {
		body := bodyFrom(w, true)
		if w.Secret != "" {
			b, _ := json.Marshal(w.Secret)
			body["secret"] = b
		}
		h, aerr := s.createWebhook(body)
		if aerr != nil {
			return apiErr(aerr)
		}
		rc.pings = append(rc.pings, ping{id: h.w.ID, url: h.w.DeliveryURL})
		out = s.renderWebhook(rc.base, h)
		return nil
	})
	return out, err
}

// Webhook returns a webhook (its status shows "disabled" once deliveries
// have failed too often).
func (s *Store) Webhook(id int64) (Webhook, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	h := s.hooks[id]
	if h == nil {
		return Webhook{}, false
	}
	return s.renderWebhook(s.cfg.url, h), true
}

// Webhooks returns every webhook, by id.
func (s *Store) Webhooks() []Webhook {
	s.mu.Lock()
	defer s.mu.Unlock()
	var ids []int64
	for id := range s.hooks {
		ids = append(ids, id)
	}
	sort.Slice(ids, func(i, j int) bool { return ids[i] < ids[j] })
	var out []Webhook
	for _, id := range ids {
		out = append(out, s.renderWebhook(s.cfg.url, s.hooks[id]))
	}
	return out
}
