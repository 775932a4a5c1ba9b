package syncer

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/woonexo/woonexo/mapping"
)

// orderFingerprint keeps the state readable in front of the hash, so the
// core knows which state the other side was last given.
func orderFingerprint(o Order) string { return string(o.State) + ":" + o.Fingerprint() }

func stateOf(fp string) OrderState {
	st, _, _ := strings.Cut(fp, ":")
	return OrderState(st)
}

// StockMarker names the cursor that records that the stock of an order
// which could not be sent as an order was moved by adjustments.
func StockMarker(side Side, orderID int64) string {
	return fmt.Sprintf("stock-moved:%s:order:%d", side, orderID)
}

// PlanOrder plans what a change to order o means for the other side.
//
// WooCommerce → NexoPOS follows what a real NexoPOS does to stock: an order
// not paid yet is created on hold (it takes no stock), paid by adding a
// payment (which takes it), deleted if cancelled while on hold, voided if
// cancelled once paid (which returns it). An unpaid NexoPOS order is never
// voided, deleted or re-lined, since NexoPOS would return stock it never
// took. A paid order whose payment method has no NexoPOS counterpart (and
// no fallback) is recorded as a skip and its stock still moves, by
// adjustment.
//
// NexoPOS → WooCommerce sends paid POS orders, with products that have no
// WooCommerce counterpart ("quick" products) as fee lines.
func PlanOrder(ctx context.Context, cfg Config, r Reader, o Order) (Plan, error) {
	var plan Plan
	src := Ref{mapping.KindOrder, o.Side, o.ID}
	to := other(o.Side)
	link, linked, err := lookup(ctx, r, mapping.KindOrder, o.Side, o.ID)
	if err != nil {
		return plan, err
	}
	fp := orderFingerprint(o)
	if !linked && o.Ref != 0 {
		l := mapping.Link{Kind: mapping.KindOrder}
		setID(&l, o.Side, o.ID)
		setID(&l, to, o.Ref)
		setFingerprint(&l, o.Side, fp)
		setFingerprint(&l, to, fp)
		setModified(&l, o.Side, o.Modified)
		act := Action{Op: OpLink, Kind: mapping.KindOrder, Target: to, TargetID: o.Ref,
			Source: src, Link: l, Reason: "the order names its counterpart"}
		if o.State == OrderPaid {
			// We made this order from its counterpart, but the create was
			// cut off (its answer lost) before the stock baselines moved:
			// move them now, or the sale travels twice.
			if act.Baseline, err = refBaseline(ctx, r, o); err != nil {
				return plan, err
			}
		}
		plan.Actions = append(plan.Actions, act)
		return plan, nil
	}
	if linked && isStale(link, o.Side, o.Modified) {
		plan.skip(src, false, "stale: modified %s, already saw %s", o.Modified.Format(timeFmt), modifiedOn(link, o.Side).Format(timeFmt))
		return plan, nil
	}
	if linked && fp == fingerprintOn(link, o.Side) {
		plan.skip(src, false, "unchanged since the last sync (or our own write coming back)")
		return plan, nil
	}

	target, err := translateOrder(ctx, cfg, r, o, &plan)
	if err != nil || len(plan.Needs) > 0 {
		return plan, err
	}
	l := link
	if !linked {
		l = mapping.Link{Kind: mapping.KindOrder}
		setID(&l, o.Side, o.ID)
	}
	setFingerprint(&l, o.Side, fp)
	setModified(&l, o.Side, o.Modified)
	act := Action{Kind: mapping.KindOrder, Target: to, TargetID: idOn(link, to), Source: src, Order: &target, Link: l}

	if to == Nexo && o.State != OrderCancelled && o.State != OrderRefunded {
		if target.PaymentMethod == "" {
			if !linked {
				reason := fmt.Sprintf("payment method %q has no NexoPOS payment type (set PaymentMap or FallbackPayment)", o.PaymentMethod)
				plan.skip(src, true, "%s", reason)
				if o.State == OrderPaid {
					moves, err := notMade(ctx, r, stockMoves(o, target, -1, reason))
					plan.Actions = append(plan.Actions, moves...)
					return plan, err
				}
				return plan, nil
			}
		}
	}

	if !linked {
		if to == Nexo && o.State == OrderCancelled {
			// Its stock went to NexoPOS by adjustment (no NexoPOS order
			// could carry it): WooCommerce restocks a cancelled order, so
			// NexoPOS gets it back too.
			back, err := returnMoves(ctx, r, o, target, "cancelled; the stock its sale took by adjustment goes back")
			if err != nil {
				return plan, err
			}
			plan.Actions = append(plan.Actions, back...)
		}
		if !cfg.direction(to).Orders {
			plan.skip(src, false, "sending orders to %s is turned off", to)
			if to == Nexo && o.State == OrderPaid && cfg.ToNexo.Stock {
				moves, err := notMade(ctx, r, stockMoves(o, target, -1, "orders to NexoPOS are off; stock still moves"))
				plan.Actions = append(plan.Actions, moves...)
				return plan, err
			}
			return plan, nil
		}
		// A reservation made for a create that never happened (the order
		// went before its copy was made) is given back.
		var release []Action
		if to == Nexo && cfg.ToNexo.Stock && o.State != OrderPending && o.State != OrderPaid {
			var err error
			if release, err = releaseMoves(ctx, r, o, target); err != nil {
				return plan, err
			}
		}
		switch o.State {
		case OrderRefunded:
			// Paid and refunded before it reached NexoPOS: a refund puts
			// back only what it restocks, so the stock the sale still
			// holds taken moves on NexoPOS by adjustment, once.
			reason := fmt.Sprintf("%s before it was ever synced; the stock its sale took moves by adjustment", o.RawStatus)
			moves := release
			if to == Nexo && cfg.ToNexo.Stock {
				taken, err := reducedMoves(ctx, r, o, target, reason)
				if err != nil {
					return plan, err
				}
				moves = append(moves, taken...)
			}
			if len(moves) == 0 {
				plan.skip(src, false, "%s before it was ever synced: nothing to carry", o.RawStatus)
				return plan, nil
			}
			plan.skip(src, true, "%s", reason)
			plan.Actions = append(plan.Actions, moves...)
			return plan, nil
		case OrderCancelled:
			if len(release) > 0 {
				plan.skip(src, false, "%s before it was ever synced: its reservation is given back", o.RawStatus)
				plan.Actions = append(plan.Actions, release...)
				return plan, nil
			}
			plan.skip(src, false, "%s before it was ever synced: nothing to carry", o.RawStatus)
			return plan, nil
		case OrderPending:
			if to == Woo {
				plan.skip(src, false, "POS order not paid yet; it is sent once paid")
				return plan, nil
			}
		}
		act.Op = OpCreate
		act.Reason = fmt.Sprintf("new %s order", o.State)
		if o.State == OrderPaid {
			act.Baseline = orderBaseline(o, target, -1)
		}
		if o.State == OrderPending && to == Nexo && cfg.ToNexo.Stock {
			// Reserved first: a create cut off after its write is found
			// again by its retry, but a reservation left out would not be.
			moves, err := reserveMoves(ctx, r, o, target)
			if err != nil {
				return plan, err
			}
			plan.Actions = append(plan.Actions, moves...)
		}
		plan.Actions = append(plan.Actions, act)
		return plan, nil
	}

	prev := stateOf(fingerprintOn(link, o.Side))
	// The units a held web order reserved on NexoPOS, given back before
	// the order is paid (its payment takes them) or when it goes.
	var release []Action
	if prev == OrderPending && o.State != OrderPending && to == Nexo && cfg.ToNexo.Stock {
		var err error
		if release, err = releaseMoves(ctx, r, o, target); err != nil {
			return plan, err
		}
	}
	switch {
	case prev == OrderPending && o.State == OrderPaid:
		act.Op, act.Reason = OpPayOrder, "paid"
		act.Baseline = orderBaseline(o, target, -1)
		plan.Actions = append(plan.Actions, release...)
	case prev == OrderPending && o.State == OrderPending:
		if to == Woo {
			plan.skip(src, false, "held POS order changed; it is sent once paid")
			return plan, nil
		}
		act.Op, act.Reason = OpRecreateOrder, "lines of an unpaid order changed"
		if cfg.ToNexo.Stock {
			// Put on hold (bank transfer) after it was first seen
			// pending: its stock is taken on WooCommerce now.
			moves, err := reserveMoves(ctx, r, o, target)
			if err != nil {
				return plan, err
			}
			plan.Actions = append(plan.Actions, moves...)
		}
	case o.State == OrderCancelled && prev == OrderPending:
		// Given back first: the cancel forgets the link, so a plan cut off
		// after it would not find the reservation again.
		act.Op, act.Reason = OpCancelOrder, "cancelled before payment"
		plan.Actions = append(plan.Actions, release...)
	case o.State == OrderCancelled && (prev == OrderPaid || prev == OrderRefunded):
		act.Op, act.Reason = OpCancelOrder, "cancelled after payment"
		act.Baseline = orderBaseline(o, target, +1)
	case o.State == OrderRefunded && prev == OrderPaid:
		act.Op, act.Reason = OpRefundOrder, "refunded"
	case o.State == OrderPaid && prev == OrderPaid && to == Nexo && o.Refunded.Sign() > 0:
		// Partly refunded on WooCommerce: the order stays processing or
		// completed there, and the refunds it does not hold yet go to
		// NexoPOS, each once.
		act.Op, act.Reason = OpRefundOrder, "partly refunded"
	case o.State == OrderRefunded && prev == OrderRefunded && to == Woo:
		// Refunded again at the counter (its lines changed): the refunds
		// WooCommerce does not hold yet are carried, each once.
		act.Op, act.Reason = OpRefundOrder, "refunded again"
	case o.State == OrderRefunded && prev == OrderPending && to == Nexo:
		// Paid and refunded on WooCommerce while NexoPOS held it (its
		// paid state was never seen: a lost webhook). The held order
		// took nothing and goes; the stock the sale still holds taken
		// on WooCommerce moves on NexoPOS by adjustment, once.
		reason := fmt.Sprintf("%s on %s while NexoPOS held it unpaid: the held order is deleted and the stock its sale took moves by adjustment", o.RawStatus, o.Side)
		moves, err := reducedMoves(ctx, r, o, target, reason)
		if err != nil {
			return plan, err
		}
		act.Op, act.Reason, act.Order = OpCancelOrder, reason, &target
		plan.skip(src, true, "%s", reason)
		plan.Actions = append(plan.Actions, release...)
		plan.Actions = append(plan.Actions, act)
		plan.Actions = append(plan.Actions, moves...)
		return plan, nil
	case prev == OrderCancelled:
		plan.skip(src, true, "order is %s on %s but was cancelled: a cancelled order is not revived", o.RawStatus, o.Side)
		return plan, nil
	case o.State == prev:
		// Same state, other details: a paid order cannot be changed on
		// NexoPOS; record the fingerprint and move on.
		act.Op, act.Reason = OpLink, "details changed after payment; state unchanged"
		act.Order = nil
	default:
		plan.skip(src, true, "order went from %s to %s; no rule carries that across", prev, o.State)
		return plan, nil
	}
	plan.Actions = append(plan.Actions, act)
	return plan, nil
}

// translateOrder gives o the other side's ids: customer, line products and
// payment method. Missing customers and products become needs when their
// kind is sent; otherwise guests and quick lines.
func translateOrder(ctx context.Context, cfg Config, r Reader, o Order, plan *Plan) (Order, error) {
	to := other(o.Side)
	t := o
	t.Side, t.ID, t.Ref = to, 0, o.ID
	t.CustomerID = 0
	if o.CustomerID != 0 {
		cl, ok, err := lookup(ctx, r, mapping.KindCustomer, o.Side, o.CustomerID)
		if err != nil {
			return t, err
		}
		switch {
		case ok:
			t.CustomerID = idOn(cl, to)
		case cfg.direction(to).Customers && !(o.Side == Nexo && o.CustomerID == cfg.Defaults.WalkInCustomerID):
			plan.Needs = append(plan.Needs, Ref{mapping.KindCustomer, o.Side, o.CustomerID})
		}
	}
	if to == Nexo && t.CustomerID == 0 {
		t.CustomerID = cfg.Defaults.WalkInCustomerID
	}
	t.Lines = make([]OrderLine, 0, len(o.Lines))
	for _, ln := range o.Lines {
		tl := ln
		tl.ProductID, tl.Variation = 0, false
		if ln.ProductID != 0 {
			kind := mapping.KindProduct
			if ln.Variation {
				kind = mapping.KindVariation
			}
			pl, ok, err := lookup(ctx, r, kind, o.Side, ln.ProductID)
			if err == nil && !ok && o.Side == Nexo {
				// A NexoPOS product may stand for a WooCommerce variation.
				kind = mapping.KindVariation
				pl, ok, err = lookup(ctx, r, kind, o.Side, ln.ProductID)
				if !ok {
					kind = mapping.KindProduct
				}
			}
			if err != nil {
				return t, err
			}
			switch {
			case ok:
				tl.ProductID = idOn(pl, to)
				tl.Variation = to == Woo && pl.Kind == mapping.KindVariation
			case cfg.direction(to).Products:
				plan.Needs = append(plan.Needs, Ref{kind, o.Side, ln.ProductID})
			}
		}
		t.Lines = append(t.Lines, tl)
	}
	if to == Nexo {
		t.PaymentMethod = cfg.PaymentMap[o.PaymentMethod]
		if t.PaymentMethod == "" {
			t.PaymentMethod = cfg.FallbackPayment
		}
	} else {
		t.PaymentMethod = ""
		for woo, nexo := range cfg.PaymentMap {
			if nexo == o.PaymentMethod && (t.PaymentMethod == "" || woo < t.PaymentMethod) {
				t.PaymentMethod = woo
			}
		}
		if t.PaymentMethod == "" {
			t.PaymentMethod = o.PaymentMethod
		}
	}
	return t, nil
}

// orderBaseline returns the baseline moves that keep an order's stock effect
// from also travelling as a delta. sign is -1 when the order takes stock on
// both sides (it was paid), +1 when it gives it back (voided).
//
// The order's own side moved its stock itself: for a WooCommerce product
// that change is matched by total_sales and nets to zero, but variations
// carry no total_sales, so their WooCommerce baseline moves. The other
// side's stock is moved by the order we write there, so its baseline moves
// too.
func orderBaseline(src, target Order, sign int64) []BaselineMove {
	var moves []BaselineMove
	for i, ln := range target.Lines {
		if ln.ProductID == 0 {
			continue
		}
		q := ln.Quantity.Mul(DecimalFromInt(sign))
		srcLine := src.Lines[i]
		wooID, kind, variation := ln.ProductID, mapping.KindProduct, ln.Variation
		if src.Side == Woo {
			wooID, variation = srcLine.ProductID, srcLine.Variation
		}
		if variation {
			kind = mapping.KindVariation
		}
		moves = append(moves, BaselineMove{Kind: kind, WooID: wooID, Side: Nexo, Amount: q})
		if variation {
			moves = append(moves, BaselineMove{Kind: kind, WooID: wooID, Side: Woo, Amount: q})
		}
	}
	return moves
}

// stockMoves returns NexoPOS stock adjustments that carry a web order's
// stock when the order itself cannot be sent.
func stockMoves(src, target Order, sign int64, reason string) []Action {
	var acts []Action
	for i, ln := range target.Lines {
		if ln.ProductID == 0 || src.Lines[i].Variation {
			// A variation's stock change travels as its own delta: it has
			// no total_sales to tell an order from a person.
			continue
		}
		kind := mapping.KindProduct
		p := Product{Side: Nexo, ID: ln.ProductID, SKU: ln.SKU, Name: ln.Name}
		acts = append(acts, Action{
			Op: OpAdjustStock, Kind: kind, Target: Nexo, TargetID: ln.ProductID,
			Source:  Ref{mapping.KindOrder, src.Side, src.ID},
			Product: &p, Delta: ln.Quantity.Mul(DecimalFromInt(sign)),
			Marker:   fmt.Sprintf("%s:line:%d", StockMarker(src.Side, src.ID), i),
			Reason:   reason,
			Baseline: []BaselineMove{{Kind: kind, WooID: src.Lines[i].ProductID, Side: Nexo, Amount: ln.Quantity.Mul(DecimalFromInt(sign))}},
		})
	}
	return acts
}

// reducedMoves are the stock moves, not made yet, that take on the target
// side the stock o's lines still hold taken (WooCommerce's _reduced_stock).
func reducedMoves(ctx context.Context, r Reader, o, target Order, reason string) ([]Action, error) {
	return notMade(ctx, r, stockMoves(reducedLines(o), reducedLines(target), -1, reason))
}

// reserveMoves are the NexoPOS stock moves, not made yet, that reserve
// the units of a web order held unpaid in NexoPOS (where a held order takes
// no stock) whose lines hold stock taken on WooCommerce (on-hold, as bank
// transfer leaves an order): without them the counter could sell units the
// shop no longer has. Each line is reserved once (a marker), in full.
func reserveMoves(ctx context.Context, r Reader, o, target Order) ([]Action, error) {
	reason := fmt.Sprintf("reserved for %s order %s (%s): it holds its stock taken there, and a held NexoPOS order takes none", o.Side, o.Number, o.RawStatus)
	acts := stockMoves(heldLines(o), heldLines(target), -1, reason)
	for i := range acts {
		acts[i].Marker += ":reserved"
	}
	return notMade(ctx, r, acts)
}

// releaseMoves give back, each once, the reservations reserveMoves made
// for o: before its payment takes the units, or when it is cancelled.
func releaseMoves(ctx context.Context, r Reader, o, target Order) ([]Action, error) {
	reason := fmt.Sprintf("reservation for %s order %s released: it is %s", o.Side, o.Number, o.RawStatus)
	return undoMoves(ctx, r, stockMoves(o, target, +1, reason), ":reserved", ":released")
}

// heldLines returns o with the lines that hold no stock taken on o's side
// (Reduced) left without a product; line positions are kept.
func heldLines(o Order) Order {
	out := o
	out.Lines = slices.Clone(o.Lines)
	for i := range out.Lines {
		if ln := &out.Lines[i]; !ln.Reduced.Valid() || ln.Reduced.Sign() <= 0 {
			ln.ProductID = 0
		}
	}
	return out
}

// reducedLines returns o with each line's quantity replaced by the stock it
// still holds taken (Reduced), and the lines holding none left without a
// product (heldLines), so that stockMoves moves only that stock. Line
// positions are kept: stock markers are numbered by line.
func reducedLines(o Order) Order {
	out := heldLines(o)
	for i := range out.Lines {
		if ln := &out.Lines[i]; ln.ProductID != 0 {
			ln.Quantity = ln.Reduced
		}
	}
	return out
}

// notMade drops the stock moves whose marker says they were already made,
// so that a plan (and a dry run, and a reconcile's report) shows only what
// is left to do.
func notMade(ctx context.Context, r Reader, acts []Action) ([]Action, error) {
	out := acts[:0]
	for _, a := range acts {
		c, err := r.GetCursor(ctx, a.Marker)
		if err != nil {
			return nil, err
		}
		if c.Value != "done" {
			out = append(out, a)
		}
	}
	return out, nil
}

// returnMoves gives back, each once, the stock adjustments that stockMoves
// made for an order that is now cancelled.
func returnMoves(ctx context.Context, r Reader, src, target Order, reason string) ([]Action, error) {
	return undoMoves(ctx, r, stockMoves(src, target, +1, reason), "", ":returned")
}

// undoMoves keeps, of the stock moves back (stockMoves with sign +1), those
// whose move out was made (its marker, with made appended, is done) and not
// yet given back; each keeps its marker with made and undo appended.
func undoMoves(ctx context.Context, r Reader, back []Action, made, undo string) ([]Action, error) {
	var out []Action
	for _, a := range back {
		out1, err := r.GetCursor(ctx, a.Marker+made)
		if err != nil {
			return nil, err
		}
		if out1.Value != "done" {
			continue
		}
		a.Marker += made + undo
		in, err := r.GetCursor(ctx, a.Marker)
		if err != nil {
			return nil, err
		}
		if in.Value != "done" {
			out = append(out, a)
		}
	}
	return out, nil
}

// refBaseline returns the baseline moves that the create of a paid order's
// counterpart makes (see orderBaseline), for an order linked by the
// reference it carries: NexoPOS stock was taken by a paid order there, and
// a WooCommerce variation has no total_sales to net its stock change out.
func refBaseline(ctx context.Context, r Reader, o Order) ([]BaselineMove, error) {
	var moves []BaselineMove
	for _, ln := range o.Lines {
		if ln.ProductID == 0 {
			continue
		}
		kind, wooID := mapping.KindProduct, ln.ProductID
		if ln.Variation {
			kind = mapping.KindVariation
		}
		if o.Side == Nexo {
			l, ok, err := lookup(ctx, r, mapping.KindProduct, Nexo, ln.ProductID)
			if err == nil && !ok {
				kind = mapping.KindVariation
				l, ok, err = lookup(ctx, r, kind, Nexo, ln.ProductID)
			}
			if err != nil {
				return nil, err
			}
			if !ok {
				continue
			}
			wooID = l.WooID
		}
		q := ln.Quantity.Neg()
		moves = append(moves, BaselineMove{Kind: kind, WooID: wooID, Side: Nexo, Amount: q})
		if kind == mapping.KindVariation {
			moves = append(moves, BaselineMove{Kind: kind, WooID: wooID, Side: Woo, Amount: q})
		}
	}
	return moves, nil
}
