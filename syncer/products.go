package syncer

import (
	"context"

	"github.com/woonexo/woonexo/mapping"
)

func productKind(p Product) mapping.Kind {
	if p.Variation {
		return mapping.KindVariation
	}
	return mapping.KindProduct
}

// PlanCategory plans what a change to category c means for the other side:
// create it (after its parent), update its name, or nothing.
func PlanCategory(ctx context.Context, cfg Config, r Reader, c Category) (Plan, error) {
	var plan Plan
	src := Ref{mapping.KindCategory, c.Side, c.ID}
	to := other(c.Side)
	if !cfg.direction(to).Categories {
		plan.skip(src, false, "sending categories to %s is turned off", to)
		return plan, nil
	}
	link, linked, err := lookup(ctx, r, mapping.KindCategory, c.Side, c.ID)
	if err != nil {
		return plan, err
	}
	target := c
	target.Side, target.ParentID = to, 0
	if c.ParentID != 0 {
		pl, ok, err := lookup(ctx, r, mapping.KindCategory, c.Side, c.ParentID)
		if err != nil {
			return plan, err
		}
		if !ok {
			plan.Needs = append(plan.Needs, Ref{mapping.KindCategory, c.Side, c.ParentID})
			return plan, nil
		}
		target.ParentID = idOn(pl, to)
	}
	fp := c.Fingerprint()
	if !linked {
		l := sourceLink(mapping.KindCategory, c.Side, c.ID, fp, c.Modified)
		plan.Actions = append(plan.Actions, Action{Op: OpCreate, Kind: mapping.KindCategory, Target: to, Source: src,
			Category: &target, Link: l, Reason: "not on " + string(to) + " yet"})
		return plan, nil
	}
	if isStale(link, c.Side, c.Modified) {
		plan.skip(src, false, "stale: modified %s, already saw %s", c.Modified.Format(timeFmt), modifiedOn(link, c.Side).Format(timeFmt))
		return plan, nil
	}
	if fp == fingerprintOn(link, c.Side) {
		plan.skip(src, false, "unchanged since the last sync (or our own write coming back)")
		return plan, nil
	}
	l := link
	setFingerprint(&l, c.Side, fp)
	setModified(&l, c.Side, c.Modified)
	plan.Actions = append(plan.Actions, Action{Op: OpUpdate, Kind: mapping.KindCategory, Target: to,
		TargetID: idOn(link, to), Source: src, Category: &target, Link: l, Reason: "name changed"})
	return plan, nil
}

// PlanProduct plans what a change to product p means for the other side:
// create it (after its categories), update content and price as the
// ownership rules allow, and carry its stock change as a delta.
func PlanProduct(ctx context.Context, cfg Config, r Reader, p Product) (Plan, error) {
	var plan Plan
	kind := productKind(p)
	src := Ref{kind, p.Side, p.ID}
	to := other(p.Side)
	link, linked, err := lookup(ctx, r, kind, p.Side, p.ID)
	if err != nil {
		return plan, err
	}
	if p.Variable && !linked {
		plan.skip(src, false, "variable product: each of its variations is a product of its own on %s", to)
		return plan, nil
	}
	if !linked && !cfg.direction(to).Products {
		plan.skip(src, false, "sending products to %s is turned off", to)
		return plan, nil
	}
	target := p
	target.Side, target.ID, target.ParentID = to, 0, 0
	target.CategoryIDs = nil
	for _, cid := range p.CategoryIDs {
		cl, ok, err := lookup(ctx, r, mapping.KindCategory, p.Side, cid)
		if err != nil {
			return plan, err
		}
		if !ok {
			if cfg.direction(to).Categories {
				plan.Needs = append(plan.Needs, Ref{mapping.KindCategory, p.Side, cid})
			}
			continue
		}
		target.CategoryIDs = append(target.CategoryIDs, idOn(cl, to))
	}
	if len(plan.Needs) > 0 {
		return plan, nil
	}
	if to == Nexo && len(target.CategoryIDs) == 0 && cfg.Defaults.CategoryID > 0 {
		target.CategoryIDs = []int64{cfg.Defaults.CategoryID}
	}
	if p.Variation && p.Side == Woo {
		// A NexoPOS product has one category; a variation inherits its
		// parent's, which the engine puts in CategoryIDs when it converts.
		target.Variation = false
	}
	fp := p.Fingerprint()
	if !linked {
		l := sourceLink(kind, p.Side, p.ID, fp, p.Modified)
		setStockBase(&l, p)
		plan.Actions = append(plan.Actions, Action{Op: OpCreate, Kind: kind, Target: to, Source: src,
			Product: &target, Link: l, Reason: "not on " + string(to) + " yet"})
		return plan, nil
	}
	if isStale(link, p.Side, p.Modified) {
		plan.skip(src, false, "stale: modified %s, already saw %s", p.Modified.Format(timeFmt), modifiedOn(link, p.Side).Format(timeFmt))
		return plan, nil
	}
	l := link
	setModified(&l, p.Side, p.Modified)
	if fp != fingerprintOn(link, p.Side) {
		allowContent := cfg.Ownership.content().allows(p.Side)
		allowPrice := cfg.Ownership.price().allows(p.Side)
		if allowContent || allowPrice {
			if !allowPrice {
				target.RegularPrice, target.SalePrice = Decimal{}, Decimal{}
			}
			if !allowContent {
				target.Name, target.Description, target.SKU, target.CategoryIDs = "", "", "", nil
			}
			setFingerprint(&l, p.Side, fp)
			plan.Actions = append(plan.Actions, Action{Op: OpUpdate, Kind: kind, Target: to, TargetID: idOn(link, to),
				Source: src, Product: &target, Link: l, Reason: "content or price changed"})
		} else {
			plan.skip(src, false, "content and price are owned by %s", to)
		}
	}
	if delta, ok := stockDelta(link, p); ok && cfg.Ownership.stock().allows(p.Side) && cfg.direction(to).Stock {
		sl := l
		setStockBase(&sl, p)
		if delta.Sign() != 0 {
			plan.Actions = append(plan.Actions, Action{Op: OpAdjustStock, Kind: kind, Target: to, TargetID: idOn(link, to),
				Source: src, Product: &target, Delta: delta, Link: sl, Reason: "stock changed on " + string(p.Side)})
		} else if stockBaseChanged(link, p) {
			// Stock and sales moved together: an order did it, and the
			// order carries it across. Only the baseline moves.
			plan.Actions = append(plan.Actions, Action{Op: OpLink, Kind: kind, Target: to, TargetID: idOn(link, to),
				Source: src, Link: sl, Reason: "stock moved by an order; baseline only"})
		}
	} else if len(plan.Actions) == 0 && !modifiedOn(link, p.Side).Equal(p.Modified) && !p.Modified.IsZero() {
		plan.skip(src, false, "unchanged since the last sync (or our own write coming back)")
	}
	if len(plan.Actions) == 0 && len(plan.Skips) == 0 {
		plan.skip(src, false, "unchanged since the last sync (or our own write coming back)")
	}
	return plan, nil
}

// stockDelta is the change of p's stock since the link's baseline on p's
// side that is not explained by orders: for WooCommerce, the stock change
// plus the change of total_sales (an order that took 2 units lowers stock by
// 2 and raises total_sales by 2, a net 0: the order itself carries it).
func stockDelta(l mapping.Link, p Product) (Decimal, bool) {
	if !p.ManageStock || !p.Stock.Valid() {
		return Decimal{}, false
	}
	base := decimalOf(stockBaseOn(l, p.Side))
	if !base.Valid() {
		return Decimal{}, false
	}
	delta := p.Stock.Sub(base)
	if p.Side == Woo && p.TotalSales.Valid() {
		if sales := decimalOf(l.WooSales); sales.Valid() {
			delta = delta.Add(p.TotalSales.Sub(sales))
		}
	}
	return delta, true
}

func stockBaseChanged(l mapping.Link, p Product) bool {
	if !decimalOf(stockBaseOn(l, p.Side)).Equal(p.Stock) {
		return true
	}
	return p.Side == Woo && p.TotalSales.Valid() && !decimalOf(l.WooSales).Equal(p.TotalSales)
}

func stockBaseOn(l mapping.Link, side Side) string {
	if side == Woo {
		return l.WooStock
	}
	return l.NexoStock
}

// setStockBase records p's stock (and WooCommerce sales) as the baseline on
// p's side.
func setStockBase(l *mapping.Link, p Product) {
	if !p.ManageStock || !p.Stock.Valid() {
		return
	}
	if p.Side == Woo {
		l.WooStock = p.Stock.String()
		if p.TotalSales.Valid() {
			l.WooSales = p.TotalSales.String()
		}
	} else {
		l.NexoStock = p.Stock.String()
	}
}

func decimalOf(s string) Decimal {
	if s == "" {
		return Decimal{}
	}
	var d Decimal
	if err := d.UnmarshalText([]byte(s)); err != nil {
		return Decimal{}
	}
	return d
}
