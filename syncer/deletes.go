package syncer

import (
	"context"

	"github.com/woonexo/woonexo/mapping"
)

// PlanDelete plans what a confirmed delete (or trash) of a record on one
// side means for the other, by the configured policy. The caller confirms
// first: a webhook saying "deleted" is a hint; the engine reads the record
// from its side and calls this only if it is really gone or trashed.
func PlanDelete(ctx context.Context, cfg Config, r Reader, ref Ref) (Plan, error) {
	var plan Plan
	link, linked, err := lookup(ctx, r, ref.Kind, ref.Side, ref.ID)
	if err != nil {
		return plan, err
	}
	if !linked {
		plan.skip(ref, false, "deleted, and was never linked")
		return plan, nil
	}
	to := other(ref.Side)
	act := Action{Kind: ref.Kind, Target: to, TargetID: idOn(link, to), Source: ref, Link: link}
	switch cfg.deletePolicy(ref.Kind) {
	case DeleteDelete:
		act.Op, act.Reason = OpDelete, "deleted on "+string(ref.Side)
	case DeleteTrash:
		if ref.Kind != mapping.KindProduct && ref.Kind != mapping.KindVariation {
			act.Op, act.Reason = OpUnlink, "deleted on "+string(ref.Side)+"; only products can be unpublished"
		} else {
			act.Op, act.Reason = OpTrash, "deleted on "+string(ref.Side)
		}
	default:
		act.Op, act.Reason = OpUnlink, "deleted on "+string(ref.Side)+"; the other side keeps its record"
	}
	plan.Actions = append(plan.Actions, act)
	return plan, nil
}

// PlanProductPair plans a full reconcile of two linked products read at
// the same time: content goes from the side that changed since the last
// sync (the later modification when both did, within ownership), and stock
// changes on both sides merge, each applied to the other side, with
// baselines that account for both.
func PlanProductPair(cfg Config, link mapping.Link, w, n Product) Plan {
	var plan Plan
	wChanged := w.Fingerprint() != link.WooFingerprint
	nChanged := n.Fingerprint() != link.NexoFingerprint
	if wChanged && nChanged {
		if n.Modified.After(w.Modified) {
			wChanged = false
		} else {
			nChanged = false
		}
	}
	content := func(src Product, to Side) {
		owner := cfg.Ownership
		allowContent, allowPrice := owner.content().allows(src.Side), owner.price().allows(src.Side)
		if !allowContent && !allowPrice {
			return
		}
		t := src
		t.Side, t.ID = to, 0
		t.CategoryIDs = nil // categories are carried by the single-record path
		if !allowPrice {
			t.RegularPrice, t.SalePrice = Decimal{}, Decimal{}
		}
		if !allowContent {
			t.Name, t.Description, t.SKU = "", "", ""
		}
		l := link
		setFingerprint(&l, src.Side, src.Fingerprint())
		setModified(&l, src.Side, src.Modified)
		plan.Actions = append(plan.Actions, Action{Op: OpUpdate, Kind: link.Kind, Target: to, TargetID: idOn(link, to),
			Source: Ref{link.Kind, src.Side, src.ID}, Product: &t, Link: l, Reason: "changed on " + string(src.Side) + " (reconcile)"})
	}
	if wChanged {
		content(w, Nexo)
	}
	if nChanged {
		content(n, Woo)
	}
	dw, okW := stockDelta(link, w)
	dn, okN := stockDelta(link, n)
	if !okW || !cfg.Ownership.stock().allows(Woo) || !cfg.ToNexo.Stock {
		dw = DecimalFromInt(0)
	}
	if !okN || !cfg.Ownership.stock().allows(Nexo) || !cfg.ToWoo.Stock {
		dn = DecimalFromInt(0)
	}
	// After both moves, WooCommerce holds w+dn and NexoPOS n+dw. Each
	// action's link also names the target's stock as read here, which the
	// engine adds the delta to: the baselines then end the same whichever
	// move is written first.
	if dw.Sign() != 0 {
		l := mapping.Link{Kind: link.Kind, WooID: link.WooID, NexoID: link.NexoID}
		if w.Stock.Valid() {
			l.WooStock = w.Stock.Add(dn).String()
		}
		if w.TotalSales.Valid() {
			l.WooSales = w.TotalSales.String()
		}
		if okN {
			l.NexoStock = n.Stock.String()
		}
		setModified(&l, Woo, w.Modified)
		t := n
		plan.Actions = append(plan.Actions, Action{Op: OpAdjustStock, Kind: link.Kind, Target: Nexo, TargetID: link.NexoID,
			Source: Ref{link.Kind, Woo, w.ID}, Product: &t, Delta: dw, Link: l, Reason: "stock changed on woocommerce (reconcile)"})
	}
	if dn.Sign() != 0 {
		l := mapping.Link{Kind: link.Kind, WooID: link.WooID, NexoID: link.NexoID}
		if n.Stock.Valid() {
			l.NexoStock = n.Stock.Add(dw).String()
		}
		if okW {
			l.WooStock = w.Stock.String()
			if w.TotalSales.Valid() {
				l.WooSales = w.TotalSales.String()
			}
		}
		setModified(&l, Nexo, n.Modified)
		t := w
		plan.Actions = append(plan.Actions, Action{Op: OpAdjustStock, Kind: link.Kind, Target: Woo, TargetID: link.WooID,
			Source: Ref{link.Kind, Nexo, n.ID}, Product: &t, Delta: dn, Link: l, Reason: "stock changed on nexopos (reconcile)"})
	}
	if dw.Sign() == 0 && dn.Sign() == 0 && (stockBaseChanged(link, w) || (okN && stockBaseChanged(link, n))) {
		l := link
		setStockBase(&l, w)
		setStockBase(&l, n)
		setModified(&l, Woo, w.Modified)
		setModified(&l, Nexo, n.Modified)
		plan.Actions = append(plan.Actions, Action{Op: OpLink, Kind: link.Kind, Target: Nexo, TargetID: link.NexoID,
			Source: Ref{link.Kind, Woo, w.ID}, Link: l, Reason: "stock moved by orders; baselines only"})
	}
	if len(plan.Actions) == 0 {
		plan.skip(Ref{link.Kind, Woo, w.ID}, false, "in step")
	}
	return plan
}
