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

type refundRec struct {
	r       Refund
	orderID int64
	created time.Time
}

func (s *Store) renderRefund(base string, rf *refundRec) Refund {
	out := clone(rf.r)
	out.DateCreated, out.DateCreatedGMT = s.datePair(rf.created)
	out.MetaData = nonNil(out.MetaData)
	out.LineItems = nonNil(out.LineItems)
	out.ShippingLines = nonNil(out.ShippingLines)
	out.TaxLines = nonNil(out.TaxLines)
	out.FeeLines = nonNil(out.FeeLines)
	out.Links = Links{
		"self":       {{Href: fmt.Sprintf("%s/wp-json/wc/v3/orders/%d/refunds/%d", base, rf.orderID, rf.r.ID), TargetHints: &TargetHints{Allow: []string{"GET", "DELETE"}}}},
		"collection": {{Href: fmt.Sprintf("%s/wp-json/wc/v3/orders/%d/refunds", base, rf.orderID)}},
		"up":         {{Href: fmt.Sprintf("%s/wp-json/wc/v3/orders/%d", base, rf.orderID)}},
	}
	return out
}

func (s *Store) refundedTotal(orderID int64) decimal.Decimal {
	t := decimal.Zero
	for _, rf := range s.refunds {
		if rf.orderID == orderID {
			t = t.Add(dec(rf.r.Amount))
		}
	}
	return t
}

// createRefund is wc_create_refund behind POST /orders/{id}/refunds.
func (s *Store) createRefund(rc *reqCtx, orderID int64, body map[string]json.RawMessage) (*refundRec, *apiError) {
	r := s.orders[orderID]
	if r == nil {
		return nil, newErr(404, "woocommerce_rest_invalid_order_id", "Invalid order ID.")
	}
	amount := decimal.Zero
	hasAmount := false
	if v, ok := body["amount"]; ok && asString(v) != "" {
		amount, hasAmount = dec(asString(v)), true
	}
	type restock struct {
		li  *LineItem
		qty int
		tot decimal.Decimal
	}
	var lines []restock
	if v, ok := body["line_items"]; ok {
		for _, it := range asObjects(v) {
			id := asInt(it["id"])
			for i := range r.o.LineItems {
				if r.o.LineItems[i].ID == id {
					t := dec(asString(it["refund_total"]))
					lines = append(lines, restock{li: &r.o.LineItems[i], qty: int(asInt(it["quantity"])), tot: t})
				}
			}
		}
		if !hasAmount {
			for _, l := range lines {
				amount = amount.Add(l.tot)
			}
		}
	}
	if !amount.IsPositive() {
		return nil, newErr(400, "woocommerce_rest_invalid_order_refund", "Refund amount must be greater than zero.")
	}
	remaining := dec(r.o.Total).Sub(s.refundedTotal(orderID))
	if amount.GreaterThan(remaining) {
		return nil, newErr(500, "woocommerce_rest_cannot_create_order_refund", "Invalid refund amount.")
	}
	apiRefund := true
	if v, ok := body["api_refund"]; ok {
		apiRefund = asBool(v)
	}
	if apiRefund {
		if s.gateway(r.o.PaymentMethod) == nil {
			return nil, newErr(500, "woocommerce_rest_cannot_create_order_refund", "The payment gateway for this order does not exist.")
		}
		if !contains(s.gateway(r.o.PaymentMethod).MethodSupports, "refunds") {
			return nil, newErr(500, "woocommerce_rest_cannot_create_order_refund", "The payment gateway for this order does not support automatic refunds.")
		}
	}
	restockItems := true
	if v, ok := body["api_restock"]; ok {
		restockItems = asBool(v)
	}
	s.seq.post++
	rf := &refundRec{orderID: orderID, created: s.now()}
	rf.r = Refund{ID: s.seq.post, Amount: money(amount), Reason: asString(body["reason"]), RefundedBy: 1, MetaData: []MetaData{}}
	if v, ok := body["refunded_by"]; ok {
		rf.r.RefundedBy = asInt(v)
	}
	if v, ok := body["meta_data"]; ok {
		rf.r.MetaData = s.applyMeta(rf.r.MetaData, v, &s.seq.orderMeta)
	}
	var notes []string
	for _, l := range lines {
		s.seq.item++
		q := -l.qty
		rli := LineItem{ID: s.seq.item, Name: l.li.Name, ProductID: l.li.ProductID, VariationID: l.li.VariationID, Quantity: q,
			TaxClass: l.li.TaxClass, Subtotal: money(l.tot.Neg()), SubtotalTax: "0.00", Total: money(l.tot.Neg()), TotalTax: "0.00",
			Taxes: []ItemTax{}, SKU: l.li.SKU, Image: l.li.Image, ParentName: l.li.ParentName}
		s.seq.itemMeta++
		rli.MetaData = []ItemMeta{{ID: s.seq.itemMeta, Key: "_refunded_item_id", Value: strconv.FormatInt(l.li.ID, 10),
			DisplayKey: "_refunded_item_id", DisplayValue: strconv.FormatInt(l.li.ID, 10)}}
		setLinePrice(&rli)
		rf.r.LineItems = append(rf.r.LineItems, rli)
		if restockItems && l.qty > 0 {
			p := s.products[l.li.ProductID]
			if l.li.VariationID != 0 {
				p = s.products[l.li.VariationID]
			}
			if p != nil {
				if owner := s.stockOwner(p); owner.manageStock {
					old := owner.stock
					owner.stock += l.qty
					notes = append(notes, fmt.Sprintf("Item #%d stock increased from %d to %d.", p.id, old, owner.stock))
					s.stockChanged(rc, p)
					if n, idx := lineReduced(l.li); idx >= 0 {
						left := strconv.Itoa(max(0, n-l.qty))
						l.li.MetaData[idx].Value, l.li.MetaData[idx].DisplayValue = left, left
					}
				}
			}
		}
	}
	s.refunds[rf.r.ID] = rf
	for _, n := range notes {
		s.addNote(orderID, n, false, "system")
	}
	s.addNote(orderID, fmt.Sprintf("Refunded %s%s", s.cfg.currencySign, rf.r.Amount)+reasonSuffix(rf.r.Reason), false, "system")
	r.modified = s.now()
	if dec(r.o.Total).Sub(s.refundedTotal(orderID)).IsZero() && r.o.Status != "refunded" {
		s.transition(rc, r, "refunded", false)
	}
	rc.emit(s, "order.updated", orderID)
	return rf, nil
}

func reasonSuffix(reason string) string {
	if reason == "" {
		return "."
	}
	return " &ndash; " + reason
}

func (s *Store) refundFromPath(rc *reqCtx) *refundRec {
	rf := s.refunds[rc.ids[1]]
	if rf == nil || rf.orderID != rc.ids[0] {
		return nil
	}
	return rf
}

func (s *Store) listRefunds(rc *reqCtx, orderID int64) *response {
	var rows []listRow[*refundRec]
	for _, rf := range s.refunds {
		if orderID != 0 && rf.orderID != orderID {
			continue
		}
		rows = append(rows, listRow[*refundRec]{key: rowKey{id: rf.r.ID, created: rf.created, modified: rf.created,
			text: strings.ToLower(rf.r.Reason)}, v: rf})
	}
	sort.Slice(rows, func(i, j int) bool { return rows[i].key.id < rows[j].key.id })
	return listResponse(s, rc, rows, listOpts{defOrderby: "date", defOrder: "desc"},
		func(rf *refundRec) any { return s.renderRefund(rc.base, rf) })
}

// ---- order notes ----

func (s *Store) renderNote(base string, orderID int64, n *OrderNote) OrderNote {
	out := *n
	out.Links = Links{
		"self":       {{Href: fmt.Sprintf("%s/wp-json/wc/v3/orders/%d/notes/%d", base, orderID, n.ID), TargetHints: &TargetHints{Allow: []string{"GET", "DELETE"}}}},
		"collection": {{Href: fmt.Sprintf("%s/wp-json/wc/v3/orders/%d/notes", base, orderID)}},
		"up":         {{Href: fmt.Sprintf("%s/wp-json/wc/v3/orders/%d", base, orderID)}},
	}
	return out
}

func (s *Store) noteFromPath(rc *reqCtx) *OrderNote {
	for _, n := range s.notes[rc.ids[0]] {
		if n.ID == rc.ids[1] {
			return n
		}
	}
	return nil
}

func invalidOrderID() *apiError {
	return newErr(404, "woocommerce_rest_order_invalid_id", "Invalid order ID.")
}

func init() {
	addRoute("/orders/{id}/notes", map[string]*handler{
		"GET": {fn: func(s *Store, rc *reqCtx) *response {
			if s.orders[rc.ids[0]] == nil {
				return invalidOrderID().response()
			}
			typ := rc.q("type")
			out := []any{}
			notes := s.notes[rc.ids[0]]
			for i := len(notes) - 1; i >= 0; i-- {
				n := notes[i]
				if (typ == "customer" && !n.CustomerNote) || (typ == "internal" && n.CustomerNote) {
					continue
				}
				out = append(out, s.renderNote(rc.base, rc.ids[0], n))
			}
			return ok(out)
		}, perm: permList, args: []arg{a("context", tE("view", "edit")), a("type", tE("any", "customer", "internal"))}},
		"POST": {fn: func(s *Store, rc *reqCtx) *response {
			r := s.orders[rc.ids[0]]
			if r == nil {
				return invalidOrderID().response()
			}
			text := asString(rc.body["note"])
			if text == "" {
				if v, ok := rc.param("note"); ok {
					text = asString(v)
				}
			}
			author := "system"
			if v, ok := rc.param("added_by_user"); ok && asBool(v) {
				author = "admin"
			}
			customer := false
			if v, ok := rc.param("customer_note"); ok {
				customer = asBool(v)
			}
			n := s.addNote(r.o.ID, text, customer, author)
			return created(s.renderNote(rc.base, r.o.ID, n), fmt.Sprintf("%s/wp-json/wc/v3/orders/%d/notes/%d", rc.base, r.o.ID, n.ID))
		}, perm: permCreate, body: []arg{a("note", tS()), a("customer_note", tB()), a("added_by_user", tB())}, required: []string{"note"}},
	})
	addRoute("/orders/{id}/notes/{id}", map[string]*handler{
		"GET": {fn: func(s *Store, rc *reqCtx) *response {
			if s.orders[rc.ids[0]] == nil {
				return invalidOrderID().response()
			}
			n := s.noteFromPath(rc)
			if n == nil {
				return newErr(404, "woocommerce_rest_invalid_id", "Invalid resource ID.").response()
			}
			return ok(s.renderNote(rc.base, rc.ids[0], n))
		}, perm: permView},
		"DELETE": {fn: func(s *Store, rc *reqCtx) *response {
			if !rc.force() {
				return newErr(501, "woocommerce_rest_trash_not_supported", "Webhooks do not support trashing.").response()
			}
			if s.orders[rc.ids[0]] == nil {
				return invalidOrderID().response()
			}
			n := s.noteFromPath(rc)
			if n == nil {
				return newErr(404, "woocommerce_rest_invalid_id", "Invalid resource ID.").response()
			}
			out := s.renderNote(rc.base, rc.ids[0], n)
			var keep []*OrderNote
			for _, x := range s.notes[rc.ids[0]] {
				if x.ID != n.ID {
					keep = append(keep, x)
				}
			}
			s.notes[rc.ids[0]] = keep
			return ok(out)
		}, perm: permDelete, args: []arg{a("force", tB())}},
	})

	addRoute("/orders/{id}/refunds", map[string]*handler{
		"GET": {fn: func(s *Store, rc *reqCtx) *response { return s.listRefunds(rc, rc.ids[0]) }, perm: permList,
			args: collectionArgs([]string{"date", "modified", "id", "include", "title", "slug"}, a("dp", tI()))},
		"POST": {fn: func(s *Store, rc *reqCtx) *response {
			rf, err := s.createRefund(rc, rc.ids[0], rc.body)
			if err != nil {
				return err.response()
			}
			// WooCommerce builds the Location from the unexpanded route.
			return created(s.renderRefund(rc.base, rf), fmt.Sprintf("%s/wp-json/wc/v3/orders/(?P<order_id>[\\d]+)/refunds/%d", rc.base, rf.r.ID))
		}, perm: permCreate, body: []arg{a("amount", tS()), a("reason", tS()), a("refunded_by", tI()), a("meta_data", metaArgs()),
			a("line_items", tA(tO(a("id", tI()), a("quantity", tI())))), a("api_refund", tB()), a("api_restock", tB())}},
	})
	addRoute("/orders/{id}/refunds/{id}", map[string]*handler{
		"GET": {fn: func(s *Store, rc *reqCtx) *response {
			rf := s.refundFromPath(rc)
			if rf == nil {
				return invalidID("shop_order_refund", 404).response()
			}
			return ok(s.renderRefund(rc.base, rf))
		}, perm: permView, exists: func(s *Store, rc *reqCtx) bool { return s.refundFromPath(rc) != nil }},
		"DELETE": {fn: func(s *Store, rc *reqCtx) *response {
			rf := s.refundFromPath(rc)
			if rf == nil {
				return invalidID("shop_order_refund", 404).response()
			}
			if !rc.force() {
				return newErr(501, "woocommerce_rest_trash_not_supported", "The shop_order_refund does not support trashing.").response()
			}
			out := s.renderRefund(rc.base, rf)
			delete(s.refunds, rf.r.ID)
			return ok(out)
		}, perm: permDelete, args: []arg{a("force", tB())}, exists: func(s *Store, rc *reqCtx) bool { return s.refundFromPath(rc) != nil }},
	})
	addRoute("/refunds", map[string]*handler{
		"GET": {fn: func(s *Store, rc *reqCtx) *response { return s.listRefunds(rc, 0) }, perm: permList,
			args: collectionArgs([]string{"date", "modified", "id", "include", "title", "slug"}, a("dp", tI()))},
	})
}
