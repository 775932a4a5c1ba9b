package syncer

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/woonexo/woonexo/mapping"
	"github.com/woonexo/woonexo/nexopos"
	"github.com/woonexo/woonexo/woocommerce"
)

// create makes the record on the target side, or finds it there by its
// stable key and links it.
func (e *Engine) create(ctx context.Context, a Action) error {
	var (
		target mapping.Link
		err    error
	)
	switch a.Kind {
	case mapping.KindCategory:
		target, err = e.createCategory(ctx, a)
	case mapping.KindProduct, mapping.KindVariation:
		target, err = e.createProduct(ctx, a)
	case mapping.KindCustomer:
		target, err = e.createCustomer(ctx, a)
	case mapping.KindOrder:
		target, err = e.createOrder(ctx, a)
	default:
		return fmt.Errorf("cannot create a %s", a.Kind)
	}
	if err != nil {
		return err
	}
	src := a.Link
	if a.Target == Woo && target.NexoStock != "" {
		// A product found on WooCommerce by SKU: the write says where
		// the POS side's baseline starts.
		src.NexoStock = target.NexoStock
	}
	if a.Target == Nexo && target.WooStock != "" {
		// A product an earlier attempt made: the WooCommerce baseline
		// is the one that attempt copied.
		src.WooStock, src.WooSales = target.WooStock, target.WooSales
	}
	return e.putLink(ctx, src, a.Source.Side, target)
}

func (e *Engine) update(ctx context.Context, a Action) error {
	var (
		target mapping.Link
		err    error
	)
	switch a.Kind {
	case mapping.KindCategory:
		target, err = e.updateCategory(ctx, a)
	case mapping.KindProduct, mapping.KindVariation:
		target, err = e.updateProduct(ctx, a)
	case mapping.KindCustomer:
		target, err = e.updateCustomer(ctx, a)
	default:
		return fmt.Errorf("cannot update a %s", a.Kind)
	}
	if err != nil {
		return err
	}
	return e.putLink(ctx, a.Link, a.Source.Side, target)
}

// ---- categories

type matchedKey struct{}

// withMatchedByName marks ctx as coming from a reconcile that has already
// linked every category with a counterpart of the same name, so creates
// need not look again.
func withMatchedByName(ctx context.Context) context.Context {
	return context.WithValue(ctx, matchedKey{}, true)
}

func matchedByName(ctx context.Context) bool { v, _ := ctx.Value(matchedKey{}).(bool); return v }

func (e *Engine) createCategory(ctx context.Context, a Action) (mapping.Link, error) {
	c := a.Category
	l := mapping.Link{Kind: mapping.KindCategory}
	if a.Target == Nexo && !matchedByName(ctx) {
		// Link an existing category of the same name and parent.
		for nc, err := range e.nexo.Categories.All(ctx, &nexopos.ListOptions{PerPage: 100}) {
			if err != nil {
				return l, err
			}
			if strings.EqualFold(norm(nc.Name), norm(c.Name)) && nc.ParentID == c.ParentID {
				l.NexoID, l.NexoFingerprint, l.NexoModified = nc.ID, CategoryFromNexo(nc).Fingerprint(), nc.UpdatedAt.UTC()
				return l, nil
			}
		}
	}
	if a.Target == Nexo {
		nc, err := e.nexo.Categories.Create(ctx, nexopos.CategoryInput{Name: c.Name, ParentID: c.ParentID, Description: c.Description})
		if err != nil {
			return l, err
		}
		l.NexoID, l.NexoFingerprint, l.NexoModified = nc.ID, CategoryFromNexo(*nc).Fingerprint(), nc.UpdatedAt.UTC()
		return l, nil
	}
	parent := c.ParentID
	wc, err := e.woo.Categories.Create(ctx, woocommerce.CategoryRequest{Name: c.Name, Parent: &parent, Description: &c.Description})
	var apiErr *woocommerce.APIError
	if errors.As(err, &apiErr) && apiErr.Code == "term_exists" && apiErr.Data.ResourceID != 0 {
		wc, err = e.woo.Categories.Get(ctx, apiErr.Data.ResourceID)
	}
	if err != nil {
		return l, err
	}
	l.WooID, l.WooFingerprint = wc.ID, CategoryFromWoo(*wc).Fingerprint()
	return l, nil
}

func (e *Engine) updateCategory(ctx context.Context, a Action) (mapping.Link, error) {
	c := a.Category
	l := mapping.Link{Kind: mapping.KindCategory}
	if a.Target == Nexo {
		nc, err := e.nexo.Categories.Update(ctx, a.TargetID, nexopos.CategoryInput{Name: c.Name, ParentID: c.ParentID, Description: c.Description})
		if err != nil {
			return l, err
		}
		l.NexoFingerprint, l.NexoModified = CategoryFromNexo(*nc).Fingerprint(), nc.UpdatedAt.UTC()
		return l, nil
	}
	parent := c.ParentID
	wc, err := e.woo.Categories.Update(ctx, a.TargetID, woocommerce.CategoryRequest{Name: c.Name, Parent: &parent})
	if err != nil {
		return l, err
	}
	l.WooFingerprint = CategoryFromWoo(*wc).Fingerprint()
	return l, nil
}

// ---- products

// nexoPrice is the price a NexoPOS unit sells at: WooCommerce's sale price
// while there is one, its regular price otherwise.
func nexoPrice(p *Product) Decimal {
	if p.SalePrice.Valid() {
		return p.SalePrice
	}
	return p.RegularPrice
}

// stableSKU is the SKU a product without one gets on NexoPOS, so that a
// create that timed out is found again.
func stableSKU(src Ref) string { return fmt.Sprintf("woo-%d", src.ID) }

func (e *Engine) createProduct(ctx context.Context, a Action) (mapping.Link, error) {
	p := a.Product
	l := mapping.Link{Kind: a.Kind}
	if a.Target == Nexo {
		sku := p.SKU
		if sku == "" {
			sku = stableSKU(a.Source)
		}
		np, err := e.nexo.Products.GetBySKU(ctx, sku)
		if err != nil && !isNotFound(err) {
			return l, err
		}
		// The initial stock is a second request: mark it pending first, so
		// a create whose stock set was cut off finishes it when the retry
		// finds the product by SKU.
		mark, im, err := e.initialMark(ctx, a.Kind, a.Source.Side, a.Source.ID)
		if err != nil {
			return l, err
		}
		if np != nil && np.ID != 0 && (im.pending || im.done) {
			// An earlier attempt of this create made it, perhaps from an
			// older copy of the record (an earlier event of the same
			// product): bring its content to this one, or the link would
			// call the two in step while they differ.
			upd := a
			upd.Op, upd.TargetID = OpUpdate, np.ID
			if _, err := e.updateProduct(ctx, upd); err != nil {
				return l, err
			}
		}
		initial, baseStock, baseSales := p.Stock, a.Link.WooStock, a.Link.WooSales
		if np == nil || np.ID == 0 || im.pending {
			if initial, baseStock, baseSales, err = e.initialNexoStock(ctx, a); err != nil {
				return l, err
			}
		}
		needStock := p.ManageStock && initial.Sign() > 0
		if np == nil || np.ID == 0 {
			cat := e.cfg.Defaults.CategoryID
			if len(p.CategoryIDs) > 0 {
				cat = p.CategoryIDs[0]
			}
			status, stock := nexopos.StatusAvailable, nexopos.StockEnabled
			if !p.Published {
				status = nexopos.StatusUnavailable
			}
			if !p.ManageStock {
				stock = nexopos.StockDisabled
			}
			if needStock {
				ok, err := e.store.CompareAndSetCursor(ctx, mark.Name, mark.Version, "pending")
				if err != nil {
					return l, err
				}
				if ok {
					mark.Version, im.pending = mark.Version+1, true
				}
			}
			np, err = e.nexo.Products.Create(ctx, nexopos.ProductInput{
				Name: p.Name, SKU: sku, CategoryID: cat, Status: status, StockManagement: stock,
				Description: p.Description, TaxGroupID: e.cfg.Defaults.TaxGroupID,
				UnitGroupID:  e.cfg.Defaults.UnitGroupID,
				SellingUnits: []nexopos.SellingUnit{{UnitID: e.cfg.Defaults.UnitID, SalePrice: nexoPrice(p), WholesalePrice: nexoPrice(p)}},
			})
			if err != nil {
				return l, err
			}
			// The answer lists the new unit quantities: no need to read
			// them again for the initial stock.
			e.rememberUnit(np.ID, np.UnitQuantities)
		} else if im.done {
			// Made by an earlier attempt of this create, initial stock
			// and all; only the answer was lost. The baselines are the
			// ones that attempt linked with: the count it set on NexoPOS
			// (the web orders it kept room for take it when they are
			// carried) and the WooCommerce stock and sales it copied, so
			// that what changed on WooCommerce since travels as a delta.
			l, err := e.nexoProductLink(ctx, np.ID, l)
			if err == nil && l.NexoStock != "" {
				im.apply(&l)
			}
			return l, err
		} else if !im.pending {
			// A product the POS already had: link it as a reconcile does,
			// so the next sync of the POS side carries its difference (the
			// POS count wins). Its name and price win too: when they differ
			// from this record's (a copy of it made on WooCommerce from an
			// older state, say), its fingerprint is left out of the link,
			// so the next sync of the POS side sees it changed.
			l, found, err := e.nexoProductRead(ctx, np.ID, l)
			if err == nil && (norm(found.Name) != norm(p.Name) || !found.RegularPrice.Equal(nexoPrice(p))) {
				l.NexoFingerprint = ""
			}
			if err == nil && p.ManageStock && p.Stock.Valid() && l.NexoStock != "" {
				woo := *p // the action's copy is in NexoPOS's terms: no WooCommerce id
				woo.Side, woo.ID = Woo, a.Source.ID
				l, err = e.foundPairBaselines(ctx, a.Kind, woo, l)
			}
			return l, err
		}
		if needStock {
			// A retried create (im.pending) may find a count on the
			// product; 4.x, which cannot set, must know it.
			uq, err := e.nexoUnit(ctx, np.ID, im.pending && e.nexo.Version() == nexopos.V4)
			if err != nil {
				return l, err
			}
			if _, err := e.setNexoStock(ctx, np.ID, uq, initial, "woonexo: initial stock from WooCommerce", p.Name); err != nil {
				return l, err
			}
			if im.pending {
				done := initialStock{done: true, nexo: initial.String(), wooStock: baseStock, wooSales: baseSales}
				if _, err := e.store.CompareAndSetCursor(ctx, mark.Name, mark.Version, done.String()); err != nil {
					return l, err
				}
			}
		}
		l, err = e.nexoProductLink(ctx, np.ID, l)
		if err == nil && l.NexoStock != "" && baseStock != "" {
			// The WooCommerce count the initial stock was worked out
			// from is the WooCommerce baseline.
			l.NexoStock, l.WooStock, l.WooSales = initial.String(), baseStock, baseSales
			if initial.Sign() < 0 {
				l, err = e.followPOSCount(ctx, a, initial, l)
			}
		}
		return l, err
	}
	// To WooCommerce: find by SKU first.
	if p.SKU != "" {
		found, _, err := e.woo.Products.List(ctx, &woocommerce.ProductListOptions{SKU: p.SKU})
		if err != nil {
			return l, err
		}
		for _, f := range found {
			if f.SKU == p.SKU && f.Type != "variation" {
				l, err := e.wooProductLink(ctx, &f, l)
				if err == nil && p.ManageStock && p.Stock.Valid() && l.WooStock != "" {
					l, err = e.linkFoundOnWoo(ctx, a.Kind, f, *p, l)
				}
				return l, err
			}
		}
	}
	wp, err := e.woo.Products.Create(ctx, wooProductCreate(p))
	var apiErr *woocommerce.APIError
	if errors.As(err, &apiErr) && apiErr.Data.ResourceID != 0 {
		// product_invalid_sku: the SKU exists; link it.
		wp, err = e.woo.Products.Get(ctx, apiErr.Data.ResourceID)
	}
	if err != nil {
		return l, err
	}
	return e.wooProductLink(ctx, wp, l)
}

// followPOSCount settles a product new to NexoPOS whose WooCommerce count,
// initial, is below zero: units owed to backorders. NexoPOS cannot count
// below zero, so it holds 0, and WooCommerce follows it (raised by what it
// owes) as on every other path where NexoPOS cannot take a count; the
// backorders are recorded for a person to fill. What changed on
// WooCommerce since the count was read still travels: its baseline moves by
// the same amount.
func (e *Engine) followPOSCount(ctx context.Context, a Action, initial Decimal, l mapping.Link) (mapping.Link, error) {
	owed := initial.Neg()
	if _, err := e.moveWooStock(ctx, a.Source.ID, owed); err != nil {
		return l, err
	}
	l.NexoStock = DecimalFromInt(0).String()
	l.WooStock = decimalOf(l.WooStock).Add(owed).String()
	_ = e.store.RecordSkip(ctx, mapping.Skip{Kind: a.Kind, Side: a.Source.Side, ID: a.Source.ID,
		Reason: fmt.Sprintf("WooCommerce counted %s (%s units on backorder, or sold and not yet on NexoPOS); NexoPOS cannot count below zero, so it holds 0 and WooCommerce was raised to 0 to follow it: fill the backorders by hand", initial, owed)})
	return l, nil
}

// setNexoStock brings unit quantity uq of NexoPOS product id to count and
// returns the history entries the change made (none when it is at count
// already). 5.x and later set a count in one request; 4.x has no such
// action, so the difference from uq.Quantity (which the caller read) is
// added or removed.
func (e *Engine) setNexoStock(ctx context.Context, id int64, uq nexopos.UnitQuantity, count Decimal, reason, name string) ([]nexopos.HistoryEntry, error) {
	adj := nexopos.Adjustment{ProductID: id, UnitID: uq.UnitID, UnitQuantityID: uq.ID, Action: nexopos.ActionSet, Quantity: count,
		Reason: reason, ProductName: name}
	if e.nexo.Version() == nexopos.V4 {
		diff := count.Sub(uq.Quantity)
		switch diff.Sign() {
		case 0:
			return nil, nil
		case 1:
			adj.Action, adj.Quantity = nexopos.ActionAdded, diff
		default:
			adj.Action, adj.Quantity = nexopos.ActionRemoved, diff.Neg()
		}
	}
	return e.nexo.Stock.Adjust(ctx, adj)
}

// initialStock is the marker a NexoPOS product create from WooCommerce
// keeps in the mapping store ("initial-stock:KIND:SIDE:ID"): "pending"
// while the product may exist without its initial stock set, then
// "done:NEXO:WOOSTOCK:WOOSALES", the count set and the WooCommerce stock and
// sales it was worked out from, which are the pair's baselines.
type initialStock struct {
	pending, done            bool
	nexo, wooStock, wooSales string
}

func (m initialStock) String() string {
	return strings.Join([]string{"done", m.nexo, m.wooStock, m.wooSales}, ":")
}

// apply sets the baselines the marker recorded on l (a marker written
// before the WooCommerce ones were kept has only the NexoPOS count).
func (m initialStock) apply(l *mapping.Link) {
	l.NexoStock = m.nexo
	if m.wooStock != "" {
		l.WooStock, l.WooSales = m.wooStock, m.wooSales
	}
}

// initialMark reads the initial-stock marker of the create of side's
// record id.
func (e *Engine) initialMark(ctx context.Context, kind mapping.Kind, side Side, id int64) (mapping.Cursor, initialStock, error) {
	c, err := e.store.GetCursor(ctx, fmt.Sprintf("initial-stock:%s:%s:%d", kind, side, id))
	if err != nil {
		return c, initialStock{}, err
	}
	m := initialStock{pending: c.Value == "pending"}
	if rest, ok := strings.CutPrefix(c.Value, "done:"); ok {
		parts := strings.Split(rest, ":")
		m.done, m.nexo = true, parts[0]
		if len(parts) == 3 {
			m.wooStock, m.wooSales = parts[1], parts[2]
		}
	}
	return c, m, nil
}

// wooCountNow is initialNexoStock for WooCommerce product woo, found by a
// search rather than carried by an action: the count NexoPOS should hold
// for it (WooCommerce's now, plus the web orders NexoPOS has not taken
// yet), and the WooCommerce stock and sales read for it.
func (e *Engine) wooCountNow(ctx context.Context, kind mapping.Kind, woo Product) (Decimal, string, string, error) {
	link := mapping.Link{WooStock: woo.Stock.String()}
	if woo.TotalSales.Valid() {
		link.WooSales = woo.TotalSales.String()
	}
	return e.initialNexoStock(ctx, Action{Kind: kind, Source: Ref{kind, Woo, woo.ID}, Product: &woo, Link: link})
}

// foundPairBaselines sets the stock baselines of a WooCommerce product and
// a NexoPOS product found to be the same (by SKU) as a create's search
// linked them: both at WooCommerce's count, so that the next sync of the
// NexoPOS side carries its difference (the POS count wins). WooCommerce's
// count is read now, and the web orders that lowered it but that NexoPOS
// has not taken yet are counted back into the NexoPOS baseline (as into a
// new product's initial stock): they take it on NexoPOS when carried, and
// would otherwise show as a POS change of their size.
func (e *Engine) foundPairBaselines(ctx context.Context, kind mapping.Kind, woo Product, l mapping.Link) (mapping.Link, error) {
	nexo, wooStock, wooSales, err := e.wooCountNow(ctx, kind, woo)
	if err != nil {
		return l, err
	}
	l.NexoStock, l.WooStock, l.WooSales = nexo.String(), wooStock, wooSales
	return l, nil
}

// linkFoundOnWoo sets the stock baselines of NexoPOS product n and
// WooCommerce product f, which a create of n found by SKU, as l links them:
// as our own create left them (ownCreateBaselines), or else as a reconcile
// links a pair found by SKU (foundPairBaselines).
func (e *Engine) linkFoundOnWoo(ctx context.Context, kind mapping.Kind, f woocommerce.Product, n Product, l mapping.Link) (mapping.Link, error) {
	woo := ProductFromWoo(f)
	if own, err := e.ownCreateBaselines(ctx, kind, woo, n, &l); own || err != nil {
		return l, err
	}
	return e.foundPairBaselines(ctx, kind, woo, l)
}

// ownCreateBaselines reports whether NexoPOS product n, found unlinked with
// the SKU of WooCommerce product woo, is our own create of it, as its
// initial-stock marker says, and if so sets the stock baselines of l as
// that create would have:
//   - a create whose answer was lost: the baselines it recorded, so that
//     the web orders its initial count kept room for are not counted as a
//     POS change;
//   - a create whose initial stock set was cut off (NexoPOS holds 0 for
//     want of it): the set to finish is the count a new product starts
//     with; with NexoPOS's baseline at its count, the WooCommerce baseline
//     sits that far below WooCommerce's count, and the pair's next sync
//     carries the set as a change. The 0 our own half-finished create left
//     never wins over WooCommerce's count.
func (e *Engine) ownCreateBaselines(ctx context.Context, kind mapping.Kind, woo, n Product, l *mapping.Link) (bool, error) {
	_, m, err := e.initialMark(ctx, kind, Woo, woo.ID)
	if err != nil {
		return false, err
	}
	switch {
	case m.done:
		m.apply(l)
		return true, nil
	case m.pending && n.Stock.Sign() == 0:
		initial, stock, sales, err := e.wooCountNow(ctx, kind, woo)
		if err != nil {
			return false, err
		}
		l.NexoStock = n.Stock.String()
		l.WooStock, l.WooSales = decimalOf(stock).Sub(initial.Sub(n.Stock)).String(), sales
		return true, nil
	}
	return false, nil
}

// initialNexoStock is the stock a product new to NexoPOS starts with: its
// WooCommerce stock, plus what paid and on-hold web orders took from it that
// no NexoPOS order, reservation or stock move has carried yet. Those orders
// take it again on
// NexoPOS when they are carried (their WooCommerce side nets out by
// total_sales, or by a stock move for an order refunded before it was
// synced), so a copy of the count they already lowered would deduct them
// twice. Only orders a reconcile would carry (changed in the last 30
// days) count, and only for a product that has sales.
//
// The count is worked out from the product as WooCommerce holds it now, not
// from the (possibly older) copy the action carries: a copy taken between
// two web orders would count the later one twice. The WooCommerce stock and
// sales it read are returned: they are the link's WooCommerce baseline.
func (e *Engine) initialNexoStock(ctx context.Context, a Action) (initial Decimal, wooStock, wooSales string, err error) {
	p := a.Product
	if !p.ManageStock || !p.Stock.Valid() || a.Source.Side != Woo || a.Kind != mapping.KindProduct {
		return p.Stock, a.Link.WooStock, a.Link.WooSales, nil
	}
	wp, err := e.woo.Products.Get(ctx, a.Source.ID)
	if err != nil {
		return p.Stock, "", "", err
	}
	now := ProductFromWoo(*wp)
	if !now.ManageStock || !now.Stock.Valid() {
		return p.Stock, a.Link.WooStock, a.Link.WooSales, nil
	}
	stock := now.Stock
	wooStock, wooSales = now.Stock.String(), a.Link.WooSales
	if now.TotalSales.Valid() {
		wooSales = now.TotalSales.String()
	}
	if now.TotalSales.Sign() <= 0 {
		return stock, wooStock, wooSales, nil
	}
	opts := &woocommerce.OrderListOptions{ListOptions: woocommerce.ListOptions{PerPage: 100}, Product: a.Source.ID,
		Status: []string{"processing", "completed", "refunded", "on-hold"}}
	opts.ModifiedAfter = nowUTC(e.now).AddDate(0, 0, -30)
	for o, err := range e.woo.Orders.All(ctx, opts) {
		if err != nil {
			return stock, "", "", err
		}
		rec := OrderFromWoo(o)
		if rec.Ref != 0 {
			continue // made from a POS sale
		}
		if _, linked, err := lookup(ctx, e.store, mapping.KindOrder, Woo, o.ID); err != nil {
			return stock, "", "", err
		} else if linked {
			continue
		}
		for i, ln := range rec.Lines {
			if ln.ProductID != a.Source.ID || ln.Variation {
				continue
			}
			marker := fmt.Sprintf("%s:line:%d", StockMarker(Woo, o.ID), i)
			if rec.State == OrderPending {
				// On hold: its copy reserves the units (reserveMoves).
				marker += ":reserved"
			}
			moved, err := e.store.GetCursor(ctx, marker)
			if err != nil {
				return stock, "", "", err
			}
			taken := ln.Quantity
			if ln.Reduced.Valid() || rec.State == OrderRefunded {
				// What the sale still holds taken (a refund that restocked
				// gave some back; a refunded order moves only the rest).
				taken = ln.Reduced
			}
			if moved.Value != "done" && taken.Valid() {
				stock = stock.Add(taken)
			}
		}
	}
	return stock, wooStock, wooSales, nil
}

// wooProductCreate is the WooCommerce request that creates p (the single
// path and the reconcile's batches send the same).
func wooProductCreate(p *Product) woocommerce.ProductRequest {
	req := woocommerce.ProductRequest{Name: p.Name, Type: "simple", Status: "publish", SKU: &p.SKU,
		RegularPrice: p.RegularPrice, Description: &p.Description, Categories: woocommerce.Refs(p.CategoryIDs...)}
	if !p.Published {
		req.Status = "draft"
	}
	if p.ManageStock {
		q := p.Stock.IntPart()
		req.ManageStock, req.StockQuantity = woocommerce.Ptr(true), &q
	}
	return req
}

// nexoProductLink reads a NexoPOS product back and fills the link's
// NexoPOS side: id, fingerprint, modification time and stock baseline.
func (e *Engine) nexoProductLink(ctx context.Context, id int64, l mapping.Link) (mapping.Link, error) {
	l, _, err := e.nexoProductRead(ctx, id, l)
	return l, err
}

// nexoProductRead is nexoProductLink that also returns the product read.
func (e *Engine) nexoProductRead(ctx context.Context, id int64, l mapping.Link) (mapping.Link, Product, error) {
	np, err := e.nexo.Products.Get(ctx, id)
	if err != nil {
		return l, Product{}, err
	}
	units, err := e.nexo.Products.Units(ctx, id)
	if err != nil {
		return l, Product{}, err
	}
	rec := ProductFromNexo(*np, units, e.cfg.Defaults.UnitID)
	e.rememberUnit(id, units)
	l.NexoID, l.NexoFingerprint, l.NexoModified = id, rec.Fingerprint(), rec.Modified
	if rec.ManageStock && rec.Stock.Valid() {
		l.NexoStock = rec.Stock.String()
	}
	return l, rec, nil
}

func (e *Engine) wooProductLink(_ context.Context, wp *woocommerce.Product, l mapping.Link) (mapping.Link, error) {
	rec := ProductFromWoo(*wp)
	l.WooID, l.WooFingerprint, l.WooModified = wp.ID, rec.Fingerprint(), rec.Modified
	if rec.ManageStock && rec.Stock.Valid() {
		l.WooStock = rec.Stock.String()
		if rec.TotalSales.Valid() {
			l.WooSales = rec.TotalSales.String()
		}
	}
	return l, nil
}

func (e *Engine) rememberUnit(productID int64, units []nexopos.UnitQuantity) {
	if uq, ok := pickUnit(units, e.cfg.Defaults.UnitID); ok {
		e.unitMu.Lock()
		e.units[productID] = uq
		e.unitMu.Unlock()
	}
}

// nexoUnit returns the unit quantity of a NexoPOS product that mirrors
// WooCommerce; fresh reads it again.
func (e *Engine) nexoUnit(ctx context.Context, productID int64, fresh bool) (nexopos.UnitQuantity, error) {
	if !fresh {
		e.unitMu.Lock()
		uq, ok := e.units[productID]
		e.unitMu.Unlock()
		if ok {
			return uq, nil
		}
	}
	units, err := e.nexo.Products.Units(ctx, productID)
	if err != nil {
		return nexopos.UnitQuantity{}, err
	}
	uq, ok := pickUnit(units, e.cfg.Defaults.UnitID)
	if !ok {
		return uq, fmt.Errorf("NexoPOS product %d has no unit quantity", productID)
	}
	e.rememberUnit(productID, units)
	return uq, nil
}

func (e *Engine) updateProduct(ctx context.Context, a Action) (mapping.Link, error) {
	p := a.Product
	l := mapping.Link{Kind: a.Kind}
	if a.Target == Nexo {
		np, err := e.nexo.Products.Get(ctx, a.TargetID)
		if err != nil {
			return l, err
		}
		units, err := e.nexo.Products.Units(ctx, a.TargetID)
		if err != nil {
			return l, err
		}
		in := nexopos.ProductInputFrom(np, units)
		if p.Name != "" {
			in.Name = p.Name
		}
		if p.SKU != "" {
			in.SKU = p.SKU
		}
		if p.Name != "" {
			in.Description = p.Description
			if len(p.CategoryIDs) > 0 {
				in.CategoryID = p.CategoryIDs[0]
			}
			in.Status = nexopos.StatusAvailable
			if !p.Published {
				in.Status = nexopos.StatusUnavailable
			}
		}
		if price := nexoPrice(p); price.Valid() {
			uq, _ := pickUnit(units, e.cfg.Defaults.UnitID)
			for i := range in.SellingUnits {
				if in.SellingUnits[i].UnitID == uq.UnitID {
					in.SellingUnits[i].SalePrice = price
				}
			}
		}
		if _, err := e.nexo.Products.Update(ctx, a.TargetID, in); err != nil {
			return l, err
		}
		l, err = e.nexoProductLink(ctx, a.TargetID, l)
		l.NexoStock = "" // an update does not move stock; keep the baseline
		return l, err
	}
	cur, err := e.woo.Products.Get(ctx, a.TargetID)
	if err != nil {
		return l, err
	}
	var out *woocommerce.Product
	if cur.Type == "variation" {
		req := woocommerce.VariationRequest{}
		if p.SKU != "" {
			req.SKU = &p.SKU
		}
		if p.RegularPrice.Valid() && !p.RegularPrice.Equal(cur.Price) {
			req.RegularPrice = p.RegularPrice
			req.SalePrice = &Decimal{}
		}
		v, err := e.woo.Variations.Update(ctx, cur.ParentID, cur.ID, req)
		if err != nil {
			return l, err
		}
		if out, err = e.woo.Products.Get(ctx, v.ID); err != nil {
			return l, err
		}
	} else {
		req := woocommerce.ProductRequest{Name: p.Name}
		if p.Name != "" {
			req.Description = &p.Description
			if len(p.CategoryIDs) > 0 {
				req.Categories = woocommerce.Refs(p.CategoryIDs...)
			}
		}
		if p.SKU != "" {
			req.SKU = &p.SKU
		}
		// NexoPOS has one price: it becomes the regular price and ends a
		// sale, unless it is already what the store charges.
		if p.RegularPrice.Valid() && !p.RegularPrice.Equal(cur.Price) {
			req.RegularPrice = p.RegularPrice
			req.SalePrice = &Decimal{}
		}
		if out, err = e.woo.Products.Update(ctx, a.TargetID, req); err != nil {
			return l, err
		}
	}
	l, err = e.wooProductLink(ctx, out, l)
	l.WooStock, l.WooSales = "", ""
	return l, err
}

// adjustStock moves the target's stock by the action's delta and records
// both sides' new baselines.
//
// The target's new baseline is its old baseline plus the delta, not the
// value read after the write: a change someone made on the target side
// since the last sync (a counter sale whose poll has not run yet) must stay
// visible as that side's own delta.
func (e *Engine) adjustStock(ctx context.Context, a Action) error {
	target := mapping.Link{Kind: a.Kind}
	curLink, linked, err := lookup(ctx, e.store, a.Kind, a.Source.Side, a.Source.ID)
	if err != nil {
		return err
	}
	oldBase, oldSales := moveBase(a, curLink, linked)
	if a.Target == Nexo {
		uq, err := e.nexoUnit(ctx, a.TargetID, true)
		if err != nil {
			return err
		}
		action, qty := nexopos.ActionAdded, a.Delta
		if a.Delta.Sign() < 0 {
			action, qty = nexopos.ActionRemoved, a.Delta.Neg()
		}
		if action == nexopos.ActionRemoved && qty.Cmp(uq.Quantity) > 0 {
			// NexoPOS refuses to go below zero: set zero and say so. The
			// baseline still moves by the whole delta, so the part NexoPOS
			// could not take comes back as its own change and brings
			// WooCommerce to the same count.
			action, qty = nexopos.ActionRemoved, uq.Quantity
			_ = e.store.RecordSkip(ctx, mapping.Skip{Kind: a.Kind, Side: a.Source.Side, ID: a.Source.ID,
				Reason: fmt.Sprintf("NexoPOS stock of product %d would go below zero (has %s, remove %s); set to 0, and WooCommerce follows", a.TargetID, uq.Quantity, a.Delta.Neg())})
		}
		hist, err := e.nexo.Stock.Adjust(ctx, nexopos.Adjustment{ProductID: a.TargetID, UnitID: uq.UnitID, UnitQuantityID: uq.ID,
			Action: action, Quantity: qty, Reason: "woonexo: " + a.Reason, ProductName: nameOf(a.Product)})
		if err != nil {
			return err
		}
		target.NexoID = a.TargetID
		switch n := len(hist); {
		case oldBase.Valid():
			target.NexoStock = oldBase.Add(a.Delta).String()
		case n > 0 && hist[n-1].AfterQuantity.Valid():
			target.NexoStock = hist[n-1].AfterQuantity.String()
		default:
			uq2, err := e.nexoUnit(ctx, a.TargetID, true)
			if err != nil {
				return err
			}
			target.NexoStock = uq2.Quantity.String()
		}
	} else {
		out, err := e.moveWooStock(ctx, a.TargetID, a.Delta)
		if err != nil {
			return err
		}
		target, _ = e.wooProductLink(ctx, out, target)
		target.WooFingerprint = "" // a stock write changes no content
		if oldBase.Valid() {
			target.WooStock = oldBase.Add(a.Delta).String()
			target.WooSales = oldSales
		}
	}
	if a.Source.Kind == mapping.KindOrder {
		// A stock move for a skipped order: no link of its own.
		return nil
	}
	return e.putLink(ctx, a.Link, a.Source.Side, target)
}

// moveWooStock moves the stock of WooCommerce product (or variation) id by
// delta from the count it has now, and returns the product as written.
func (e *Engine) moveWooStock(ctx context.Context, id int64, delta Decimal) (*woocommerce.Product, error) {
	cur, err := e.woo.Products.Get(ctx, id)
	if err != nil {
		return nil, err
	}
	if !cur.StockQuantity.Valid {
		return nil, fmt.Errorf("WooCommerce product %d does not manage stock", id)
	}
	q := DecimalFromInt(cur.StockQuantity.Int64).Add(delta).IntPart()
	if cur.Type == "variation" {
		if _, err := e.woo.Variations.Update(ctx, cur.ParentID, cur.ID, woocommerce.VariationRequest{StockQuantity: &q}); err != nil {
			return nil, err
		}
		return e.woo.Products.Get(ctx, cur.ID)
	}
	return e.woo.Products.Update(ctx, cur.ID, woocommerce.ProductRequest{StockQuantity: &q})
}

// moveBase returns the target's stock baseline (and WooCommerce sales) that
// a stock move adds its delta to: the one the plan names in its link (a
// reconcile's pair plan reads both sides and names what the target held),
// else the one the store holds now.
func moveBase(a Action, cur mapping.Link, linked bool) (Decimal, string) {
	base, sales := decimalOf(stockBaseOn(a.Link, a.Target)), a.Link.WooSales
	if !base.Valid() {
		if !linked {
			return Decimal{}, ""
		}
		base, sales = decimalOf(stockBaseOn(cur, a.Target)), cur.WooSales
	}
	if sales == "" {
		sales = cur.WooSales
	}
	return base, sales
}

func nameOf(p *Product) string {
	if p == nil {
		return ""
	}
	return p.Name
}

// ---- customers

func (e *Engine) createCustomer(ctx context.Context, a Action) (mapping.Link, error) {
	c := a.Customer
	l := mapping.Link{Kind: mapping.KindCustomer}
	if a.Target == Woo {
		// Any user with this email, whatever the role (an administrator who
		// also shops at the counter), is linked rather than failed.
		found, _, err := e.woo.Customers.List(ctx, &woocommerce.CustomerListOptions{Email: c.Email, Role: "all"})
		if err != nil {
			return l, err
		}
		for _, f := range found {
			if strings.EqualFold(f.Email, c.Email) {
				l.WooID, l.WooFingerprint, l.WooModified = f.ID, CustomerFromWoo(f).Fingerprint(), gmt(f.DateModifiedGMT)
				return l, nil
			}
		}
		wc, err := e.woo.Customers.Create(ctx, wooCustomerCreate(c))
		if err != nil {
			return l, err
		}
		l.WooID, l.WooFingerprint, l.WooModified = wc.ID, CustomerFromWoo(*wc).Fingerprint(), gmt(wc.DateModifiedGMT)
		return l, nil
	}
	found, err := e.nexo.Customers.Search(ctx, c.Email)
	if err != nil && !isNotFound(err) {
		return l, err
	}
	for _, f := range found {
		if strings.EqualFold(f.Email, c.Email) {
			l.NexoID, l.NexoFingerprint, l.NexoModified = f.ID, CustomerFromNexo(f).Fingerprint(), f.UpdatedAt.UTC()
			return l, nil
		}
	}
	return e.createNexoCustomer(ctx, c)
}

// wooCustomerCreate is the WooCommerce request that creates c.
func wooCustomerCreate(c *Customer) woocommerce.CustomerRequest {
	return woocommerce.CustomerRequest{Email: c.Email, FirstName: &c.FirstName, LastName: &c.LastName,
		Billing: wooAddress(c.Billing, *c), Shipping: wooAddress(c.Shipping, Customer{})}
}

// createNexoCustomer creates c on NexoPOS without looking for it first.
func (e *Engine) createNexoCustomer(ctx context.Context, c *Customer) (mapping.Link, error) {
	l := mapping.Link{Kind: mapping.KindCustomer}
	first := c.FirstName
	if first == "" {
		first = strings.SplitN(c.Email, "@", 2)[0]
	}
	nc, err := e.nexo.Customers.Create(ctx, nexopos.CustomerInput{FirstName: first, LastName: c.LastName, Email: c.Email,
		Phone: c.Phone, GroupID: e.cfg.Defaults.CustomerGroupID, Billing: nexoAddress(c.Billing), Shipping: nexoAddress(c.Shipping)})
	var apiErr *nexopos.APIError
	if err != nil && errors.As(err, &apiErr) && strings.Contains(strings.ToLower(apiErr.Message), "already used") {
		// Made since the caller looked (an earlier attempt whose answer
		// was lost, or another path of the same reconcile): link it.
		found, serr := e.nexo.Customers.Search(ctx, c.Email)
		if serr != nil {
			return l, serr
		}
		for _, f := range found {
			if strings.EqualFold(f.Email, c.Email) {
				l.NexoID, l.NexoFingerprint, l.NexoModified = f.ID, CustomerFromNexo(f).Fingerprint(), f.UpdatedAt.UTC()
				return l, nil
			}
		}
	}
	if err != nil {
		return l, err
	}
	l.NexoID, l.NexoFingerprint, l.NexoModified = nc.ID, CustomerFromNexo(*nc).Fingerprint(), nc.UpdatedAt.UTC()
	return l, nil
}

func (e *Engine) updateCustomer(ctx context.Context, a Action) (mapping.Link, error) {
	c := a.Customer
	l := mapping.Link{Kind: mapping.KindCustomer}
	if a.Target == Woo {
		wc, err := e.woo.Customers.Update(ctx, a.TargetID, woocommerce.CustomerRequest{FirstName: &c.FirstName, LastName: &c.LastName,
			Billing: wooAddress(c.Billing, *c), Shipping: wooAddress(c.Shipping, Customer{})})
		if err != nil {
			return l, err
		}
		l.WooFingerprint, l.WooModified = CustomerFromWoo(*wc).Fingerprint(), gmt(wc.DateModifiedGMT)
		return l, nil
	}
	cur, err := e.nexo.Customers.Get(ctx, a.TargetID)
	if err != nil {
		return l, err
	}
	nc, err := e.nexo.Customers.Update(ctx, a.TargetID, nexopos.CustomerInput{FirstName: orStr(c.FirstName, cur.FirstName),
		LastName: c.LastName, Email: cur.Email, Phone: orStr(c.Phone, cur.Phone), GroupID: cmp.Or(cur.GroupID, e.cfg.Defaults.CustomerGroupID),
		Billing: nexoAddress(c.Billing), Shipping: nexoAddress(c.Shipping)})
	if err != nil {
		return l, err
	}
	l.NexoFingerprint, l.NexoModified = CustomerFromNexo(*nc).Fingerprint(), nc.UpdatedAt.UTC()
	return l, nil
}

func orStr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

func wooAddress(a Address, c Customer) *woocommerce.Address {
	out := &woocommerce.Address{FirstName: a.FirstName, LastName: a.LastName, Company: a.Company, Address1: a.Address1,
		Address2: a.Address2, City: a.City, State: a.State, Postcode: a.Postcode, Country: a.Country, Email: a.Email, Phone: a.Phone}
	if c.Email != "" && out.Email == "" {
		out.Email = c.Email
	}
	if c.Phone != "" && out.Phone == "" {
		out.Phone = c.Phone
	}
	if *out == (woocommerce.Address{}) {
		return nil
	}
	return out
}

func nexoAddress(a Address) *nexopos.AddressInput {
	if a == (Address{}) {
		return nil
	}
	return &nexopos.AddressInput{FirstName: a.FirstName, LastName: a.LastName, Email: a.Email, Phone: a.Phone,
		Address1: a.Address1, Address2: a.Address2, Country: a.Country, City: a.City, Pobox: a.Postcode, Company: a.Company}
}

// ---- deletes

// remove applies a confirmed delete on the target side as the policy says.
func (e *Engine) remove(ctx context.Context, a Action) error {
	var err error
	switch {
	case a.Target == Woo && a.Kind == mapping.KindProduct:
		if a.Op == OpTrash {
			_, err = e.woo.Products.Delete(ctx, a.TargetID, false)
		} else {
			_, err = e.woo.Products.Delete(ctx, a.TargetID, true)
		}
	case a.Target == Nexo && (a.Kind == mapping.KindProduct || a.Kind == mapping.KindVariation):
		if a.Op == OpTrash {
			np, gerr := e.nexo.Products.Get(ctx, a.TargetID)
			if gerr != nil {
				return gerr
			}
			units, gerr := e.nexo.Products.Units(ctx, a.TargetID)
			if gerr != nil {
				return gerr
			}
			in := nexopos.ProductInputFrom(np, units)
			in.Status = nexopos.StatusUnavailable
			_, err = e.nexo.Products.Update(ctx, a.TargetID, in)
		} else {
			err = e.nexo.Products.Delete(ctx, a.TargetID)
		}
	case a.Target == Woo && a.Kind == mapping.KindCustomer && a.Op == OpDelete:
		_, err = e.woo.Customers.Delete(ctx, a.TargetID, 0)
	case a.Target == Nexo && a.Kind == mapping.KindCustomer && a.Op == OpDelete:
		err = e.nexo.Customers.Delete(ctx, a.TargetID)
	case a.Target == Woo && a.Kind == mapping.KindCategory && a.Op == OpDelete:
		_, err = e.woo.Categories.Delete(ctx, a.TargetID)
	case a.Target == Nexo && a.Kind == mapping.KindCategory && a.Op == OpDelete:
		err = e.nexo.Categories.Delete(ctx, a.TargetID)
	}
	if err != nil && !isNotFound(err) {
		return err
	}
	if a.Op == OpDelete || a.Kind != mapping.KindProduct {
		if derr := e.store.Delete(ctx, a.Kind, a.Source.Side, a.Source.ID); derr != nil && !errors.Is(derr, mapping.ErrNotFound) {
			return derr
		}
	}
	return nil
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
