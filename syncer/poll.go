package syncer

import (
	"context"
	"fmt"
	"log/slog"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/woonexo/woonexo/mapping"
	"github.com/woonexo/woonexo/nexopos"
)

// boundaryWindow is how long after a cursor's second its records are read
// again; it covers NexoPOS's one-second timestamps and a second of clock
// skew.
const boundaryWindow = 2 * time.Second

// Poll cursor names in the mapping store.
const (
	CursorNexoOrders    = "nexopos:orders"
	CursorNexoProducts  = "nexopos:products"
	CursorNexoStock     = "nexopos:stock"
	CursorNexoCustomers = "nexopos:customers"
	// CursorNexoOpenOrders holds the ids of the orders whose payment was
	// open (held, unpaid, partially paid) at the last poll.
	CursorNexoOpenOrders = "nexopos:open-orders"
)

// PollReport counts what one NexoPOS poll found.
type PollReport struct {
	Orders, Products, StockMovements, Customers int
	// Primed is true when the poll only marked its starting point (the
	// cursors were empty): run Reconcile to catch up with what came before.
	Primed bool
	// Errors holds the records that failed; the cursors still advance past
	// them, and the next reconcile retries them.
	Errors []error
}

// PollNexo asks NexoPOS what changed since the last poll (NexoPOS sends no
// webhooks) and syncs it: it reads updated orders, stock movements and
// changed products, then syncs the orders first (so that the stock their
// sales moved is carried by the orders), then the products, then new
// customers. The cursors are kept in the store, so replicas share them.
//
// When the cursors are empty the poll only records where NexoPOS is now and
// syncs nothing: run a full Reconcile for what came before.
func (e *Engine) PollNexo(ctx context.Context) (PollReport, error) {
	var rep PollReport
	primed, err := e.primeCursors(ctx)
	if err != nil || primed {
		rep.Primed = primed
		return rep, err
	}
	seen := map[Ref]bool{}
	failed := map[Ref]bool{}
	syncOnce := func(ref Ref) {
		if seen[ref] {
			return
		}
		seen[ref] = true
		err := e.SyncRecord(ctx, ref, 0)
		switch {
		case err == nil:
		case ref.Kind == mapping.KindOrder && isNotFound(err):
			// Gone since it was listed (a held order deleted at the
			// counter): nothing to carry, and nothing to try again.
			e.log.LogAttrs(ctx, slog.LevelDebug, "order gone", slog.String("record", ref.String()))
		default:
			failed[ref] = true
			rep.Errors = append(rep.Errors, err)
		}
	}

	// Read first, sync after, in this order: orders, then stock
	// movements, then changed products. A sale made while the poll runs is
	// then either in the movements read (and its order is synced before
	// its product), or in neither list (and the next poll carries both):
	// never counted once as a stock change and again as an order.
	oc, cur, err := e.timeCursor(ctx, CursorNexoOrders)
	if err != nil {
		return rep, err
	}
	orders, next, err := e.nexo.Orders.UpdatedSince(ctx, cur)
	if err != nil {
		return rep, err
	}
	ooc, err := e.store.GetCursor(ctx, CursorNexoOpenOrders)
	if err != nil {
		return rep, err
	}
	wasOpen, primedOpen, err := parseIDSet(ooc.Value)
	if err != nil {
		return rep, fmt.Errorf("syncer: cursor %s: %w", CursorNexoOpenOrders, err)
	}
	// The open orders are listed only while there may be some: the set
	// was never read, holds some, or an order read above is open. Every
	// order is read once by UpdatedSince when it is made, so an idle
	// poll of a shop with no open order costs nothing more.
	watch := !primedOpen || len(wasOpen) > 0
	for _, o := range orders {
		watch = watch || nexopos.IsOpenPaymentStatus(o.PaymentStatus)
	}
	var openNow []int64
	if watch {
		if openNow, err = e.nexo.Orders.OpenIDs(ctx); err != nil {
			return rep, err
		}
	}
	sc, err := e.store.GetCursor(ctx, CursorNexoStock)
	if err != nil {
		return rep, err
	}
	after, _ := strconv.ParseInt(sc.Value, 10, 64)
	moves, last, err := e.nexo.Stock.MovementsSince(ctx, after)
	if err != nil {
		return rep, err
	}
	pc, pcur, err := e.timeCursor(ctx, CursorNexoProducts)
	if err != nil {
		return rep, err
	}
	products, pnext, err := e.nexo.Products.ChangedSince(ctx, pcur)
	if err != nil {
		return rep, err
	}

	// Orders, including those named by a movement: NexoPOS leaves an
	// order's updated_at alone when it is paid, refunded or voided later.
	for _, o := range orders {
		rep.Orders++
		syncOnce(Ref{mapping.KindOrder, Nexo, o.ID})
	}
	for _, m := range moves {
		if m.OrderID != 0 {
			syncOnce(Ref{mapping.KindOrder, Nexo, m.OrderID})
		}
	}
	// Orders whose payment was open at the last poll and is not now: paid,
	// voided or deleted since, which neither updated_at nor, for quick
	// products or a partially paid order, the stock history shows. One
	// that fails stays in the set, so the next poll tries it again; one
	// that is gone (a held order deleted at the counter) leaves it.
	keep := slices.Clone(openNow)
	if primedOpen {
		for _, id := range wasOpen {
			if _, open := slices.BinarySearch(openNow, id); open {
				continue
			}
			ref := Ref{mapping.KindOrder, Nexo, id}
			if !seen[ref] {
				rep.Orders++
			}
			syncOnce(ref)
			if failed[ref] {
				keep = append(keep, id)
			}
		}
	}
	if err := e.saveCursor(ctx, oc, next.String()); err != nil {
		return rep, err
	}
	if err := e.saveCursor(ctx, ooc, formatIDSet(keep)); err != nil {
		return rep, err
	}

	// A recent movement of an order that failed to sync holds the stock
	// cursor back: its sale must travel as that order (whose write moves
	// the baselines), not as a stock change now and as an order again once
	// the order syncs. The movements from there on are read again by the
	// next poll, which retries the order first; the products they moved
	// keep their stock until then (only their content travels now).
	rep.StockMovements = len(moves)
	held := map[int64]bool{}
	for i, m := range moves {
		if m.OrderID != 0 && failed[Ref{mapping.KindOrder, Nexo, m.OrderID}] && e.heldBack(m) {
			if i > 0 {
				last = moves[i-1].ID
			} else {
				last = after
			}
			for _, later := range moves[i:] {
				held[later.ProductID] = true
			}
			break
		}
	}

	// Products: a linked product's stock is the one its last movement read
	// above left (the live count may already hold a sale whose order this
	// poll has not seen); without a movement, only its content travels.
	snap := map[int64]Decimal{}
	for _, m := range moves {
		if held[m.ProductID] {
			continue
		}
		if (e.cfg.Defaults.UnitID == 0 || m.UnitID == e.cfg.Defaults.UnitID) && m.AfterQuantity.Valid() {
			snap[m.ProductID] = m.AfterQuantity // moves are in id order: the last one wins
		}
	}
	syncProduct := func(id int64) {
		ref := e.nexoProductRef(ctx, id)
		if seen[ref] {
			return
		}
		seen[ref] = true
		qty, ok := snap[id]
		if err := e.syncNexoProductAt(ctx, ref, qty, ok); err != nil {
			rep.Errors = append(rep.Errors, err)
		}
	}
	for _, m := range moves {
		syncProduct(m.ProductID)
	}
	for _, p := range products {
		rep.Products++
		syncProduct(p.ID)
	}
	if err := e.saveCursor(ctx, sc, strconv.FormatInt(last, 10)); err != nil {
		return rep, err
	}
	if err := e.saveCursor(ctx, pc, pnext.String()); err != nil {
		return rep, err
	}

	// New customers.
	cc, err := e.store.GetCursor(ctx, CursorNexoCustomers)
	if err != nil {
		return rep, err
	}
	ccur, err := nexopos.ParseCustomerCursor(cc.Value)
	if err != nil {
		return rep, fmt.Errorf("syncer: cursor %s: %w", CursorNexoCustomers, err)
	}
	customers, cnext, err := e.nexo.Customers.CreatedSince(ctx, ccur)
	if err != nil {
		return rep, err
	}
	for _, c := range customers {
		rep.Customers++
		if c.ID != e.cfg.Defaults.WalkInCustomerID {
			syncOnce(Ref{mapping.KindCustomer, Nexo, c.ID})
		}
	}
	return rep, e.saveCursor(ctx, cc, cnext.String())
}

// heldBackFor is how long a movement of an order that fails to sync holds
// the stock cursor back. An order that still fails after that is left to
// the reconcile, and its sale travels as a stock change.
const heldBackFor = time.Hour

// heldBack reports whether a movement of an order that failed to sync is
// recent enough to hold the stock cursor back.
func (e *Engine) heldBack(m nexopos.HistoryEntry) bool {
	if m.CreatedAt.IsZero() {
		return false
	}
	return nowUTC(e.now).Sub(m.CreatedAt.Time) < heldBackFor
}

// nexoProductRef names a NexoPOS product as a product or, when it is
// linked to a WooCommerce variation, as a variation.
func (e *Engine) nexoProductRef(ctx context.Context, id int64) Ref {
	if _, ok, _ := lookup(ctx, e.store, mapping.KindVariation, Nexo, id); ok {
		return Ref{mapping.KindVariation, Nexo, id}
	}
	return Ref{mapping.KindProduct, Nexo, id}
}

func (e *Engine) timeCursor(ctx context.Context, name string) (mapping.Cursor, nexopos.TimeCursor, error) {
	c, err := e.store.GetCursor(ctx, name)
	if err != nil {
		return c, nexopos.TimeCursor{}, err
	}
	tc, err := nexopos.ParseTimeCursor(c.Value)
	if err != nil {
		return c, tc, fmt.Errorf("syncer: cursor %s: %w", name, err)
	}
	// NexoPOS times have one-second resolution: a record changed twice in
	// the cursor's second keeps the same updated_at, so while that second
	// is recent its records are read again (a repeat is a no-op by
	// fingerprint). Older seconds cannot change any more.
	if nowUTC(e.now).Sub(tc.Since) < boundaryWindow {
		tc.IDs = nil
	}
	return c, tc, nil
}

// saveCursor moves a cursor on; losing the race to another replica is not
// an error (it polled the same or more).
func (e *Engine) saveCursor(ctx context.Context, c mapping.Cursor, value string) error {
	if value == c.Value {
		return nil
	}
	_, err := e.store.CompareAndSetCursor(ctx, c.Name, c.Version, value)
	return err
}

// formatIDSet encodes a set of ids for a cursor: "ids:" and the ids in
// ascending order, comma-separated ("ids:" alone is the empty set, which
// an empty cursor, never written, is not).
func formatIDSet(ids []int64) string {
	ids = slices.Clone(ids)
	slices.Sort(ids)
	ids = slices.Compact(ids)
	var b strings.Builder
	b.WriteString("ids:")
	for i, id := range ids {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(strconv.FormatInt(id, 10))
	}
	return b.String()
}

// parseIDSet decodes formatIDSet's encoding; ok is false for a cursor
// never written.
func parseIDSet(s string) (ids []int64, ok bool, err error) {
	if s == "" {
		return nil, false, nil
	}
	rest, found := strings.CutPrefix(s, "ids:")
	if !found {
		return nil, false, fmt.Errorf("%q is not an id set", s)
	}
	if rest == "" {
		return nil, true, nil
	}
	for f := range strings.SplitSeq(rest, ",") {
		id, err := strconv.ParseInt(f, 10, 64)
		if err != nil {
			return nil, false, fmt.Errorf("id set: %w", err)
		}
		ids = append(ids, id)
	}
	slices.Sort(ids)
	return ids, true, nil
}

// primeCursors records NexoPOS's current position in every empty cursor
// and reports whether it had to.
func (e *Engine) primeCursors(ctx context.Context) (bool, error) {
	primed := false
	for _, name := range []string{CursorNexoOrders, CursorNexoProducts} {
		c, tc, err := e.timeCursor(ctx, name)
		if err != nil {
			return primed, err
		}
		if c.Value != "" {
			continue
		}
		var next nexopos.TimeCursor
		if name == CursorNexoOrders {
			_, next, err = e.nexo.Orders.UpdatedSince(ctx, tc)
		} else {
			_, next, err = e.nexo.Products.ChangedSince(ctx, tc)
		}
		if err != nil {
			return primed, err
		}
		if next.Since.IsZero() {
			next.Since = nowUTC(e.now).Add(-1e9)
		}
		if err := e.saveCursor(ctx, c, next.String()); err != nil {
			return primed, err
		}
		primed = true
	}
	for _, name := range []string{CursorNexoStock, CursorNexoCustomers} {
		c, err := e.store.GetCursor(ctx, name)
		if err != nil {
			return primed, err
		}
		if c.Value != "" {
			continue
		}
		var at string
		if name == CursorNexoStock {
			var last int64
			_, last, err = e.nexo.Stock.MovementsSince(ctx, 0)
			at = strconv.FormatInt(last, 10)
		} else {
			var next nexopos.CustomerCursor
			_, next, err = e.nexo.Customers.CreatedSince(ctx, nexopos.CustomerCursor{})
			at = next.String()
		}
		if err != nil {
			return primed, err
		}
		if err := e.saveCursor(ctx, c, at); err != nil {
			return primed, err
		}
		primed = true
	}
	return primed, nil
}

// syncNexoProductAt syncs a NexoPOS product whose stock, when it is linked,
// is qty (hasQty) as read with the poll's movements, or left out (only its
// content travels) when no movement of it was read.
func (e *Engine) syncNexoProductAt(ctx context.Context, ref Ref, qty Decimal, hasQty bool) error {
	p, err := e.fetchProduct(ctx, Nexo, ref.ID)
	if err != nil {
		return err
	}
	p.Variation = ref.Kind == mapping.KindVariation
	if _, linked, err := lookup(ctx, e.store, ref.Kind, Nexo, ref.ID); err != nil {
		return err
	} else if linked && p.ManageStock {
		p.Stock = Decimal{}
		if hasQty {
			p.Stock = qty
		}
	}
	_, err = e.run(ctx, ref, func(ctx context.Context) (Plan, error) { return PlanProduct(ctx, e.cfg, e.store, p) }, false, 0)
	return err
}
