package syncer

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/woonexo/woonexo/mapping"
)

// maxDepth bounds how deep dependencies are synced (a category's parent's
// parent ...), so a cycle in bad data cannot recurse forever.
const maxDepth = 32

// planFunc is one of the pure planners, bound to its record.
type planFunc func(ctx context.Context) (Plan, error)

// run plans, syncs what the plan needs first, plans again, and applies.
func (e *Engine) run(ctx context.Context, src Ref, plan planFunc, dryRun bool, depth int) (Plan, error) {
	if depth > maxDepth {
		return Plan{}, fmt.Errorf("syncer: %s: dependencies nested deeper than %d", src, maxDepth)
	}
	if !dryRun && movesStock(src.Kind) {
		lctx, release, err := e.lockStock(ctx)
		if err != nil {
			return Plan{}, fmt.Errorf("syncer: %s: %w", src, err)
		}
		defer release()
		ctx = lctx
	}
	p, err := plan(ctx)
	if err != nil {
		return p, err
	}
	if len(p.Needs) > 0 {
		if dryRun {
			return p, nil
		}
		for _, n := range p.Needs {
			if err := e.SyncRecord(ctx, n, depth+1); err != nil {
				return p, fmt.Errorf("syncer: %s needs %s: %w", src, n, err)
			}
		}
		if p, err = plan(ctx); err != nil {
			return p, err
		}
		if len(p.Needs) > 0 {
			return p, fmt.Errorf("syncer: %s still needs %s after syncing it", src, p.Needs[0])
		}
	}
	if dryRun {
		return p, nil
	}
	return p, e.apply(ctx, p)
}

// apply records the plan's skips and applies its actions in order. Once
// started, a plan runs to its end even if ctx is cancelled (for at most
// applyTimeout): an order written on one side without its link and
// baseline moves would be counted twice later.
func (e *Engine) apply(ctx context.Context, p Plan) error {
	for _, a := range p.Actions {
		if movesStock(a.Kind) {
			lctx, release, err := e.lockStock(ctx)
			if err != nil {
				return err
			}
			defer release()
			ctx = lctx
			break
		}
	}
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), applyTimeout)
	defer cancel()
	for _, s := range p.Skips {
		e.stats.add(s.Ref.Kind, func(c *Counts) { c.Skipped++ })
		if s.Record {
			e.log.LogAttrs(ctx, slog.LevelWarn, "not synced", slog.String("record", s.Ref.String()), slog.String("reason", s.Reason))
			if err := e.store.RecordSkip(ctx, mapping.Skip{Kind: s.Ref.Kind, Side: s.Ref.Side, ID: s.Ref.ID, Reason: s.Reason}); err != nil {
				return fmt.Errorf("syncer: record skip of %s: %w", s.Ref, err)
			}
		} else {
			e.log.LogAttrs(ctx, slog.LevelDebug, "nothing to do", slog.String("record", s.Ref.String()), slog.String("reason", s.Reason))
		}
	}
	for _, a := range p.Actions {
		if !hasRecordedSkip(p) {
			// The record syncs now: forget an earlier skip (the action
			// may record a new one).
			_ = e.store.ClearSkip(ctx, a.Source.Kind, a.Source.Side, a.Source.ID)
		}
		err := e.applyAction(ctx, a)
		if errors.Is(err, errAlreadyDone) {
			e.stats.add(a.Kind, func(c *Counts) { c.Skipped++ })
			continue
		}
		if err != nil {
			e.stats.add(a.Kind, func(c *Counts) { c.Failed++ })
			return fmt.Errorf("syncer: %s %s %s for %s: %w", a.Op, a.Target, a.Kind, a.Source, err)
		}
		e.stats.add(a.Kind, func(c *Counts) { c.Synced++ })
		e.log.LogAttrs(ctx, slog.LevelInfo, "synced", slog.String("op", string(a.Op)), slog.String("to", string(a.Target)),
			slog.String("kind", string(a.Kind)), slog.String("source", a.Source.String()), slog.String("reason", a.Reason))
	}
	return nil
}

// applyAction performs one action. A create is claimed first, so two
// replicas cannot both create the same record.
func (e *Engine) applyAction(ctx context.Context, a Action) error {
	if a.Marker != "" {
		c, err := e.store.GetCursor(ctx, a.Marker)
		if err != nil {
			return err
		}
		if c.Value == "done" {
			return nil
		}
	}
	var err error
	refused := new(bool)
	ctx = context.WithValue(ctx, refusedKey{}, refused)
	switch a.Op {
	case OpCreate:
		key := fmt.Sprintf("create:%s:%s:%d", a.Kind, a.Source.Side, a.Source.ID)
		ok, cerr := e.store.Claim(ctx, key, e.worker, e.lease)
		if cerr != nil {
			return cerr
		}
		if !ok {
			return fmt.Errorf("%w: another worker is creating it", errBusy)
		}
		defer func() { _ = e.store.Release(context.WithoutCancel(ctx), key, e.worker) }()
		// The holder before us may have finished: look again.
		if l, linked, lerr := lookup(ctx, e.store, a.Kind, a.Source.Side, a.Source.ID); lerr != nil {
			return lerr
		} else if linked && idOn(l, a.Target) != 0 {
			return errAlreadyDone
		}
		err = e.create(ctx, a)
	case OpUpdate:
		err = e.update(ctx, a)
	case OpAdjustStock:
		err = e.adjustStock(ctx, a)
	case OpLink:
		err = e.putLink(ctx, a.Link, a.Source.Side, a.Link)
	case OpUnlink:
		err = e.store.Delete(ctx, a.Kind, a.Source.Side, a.Source.ID)
		if errors.Is(err, mapping.ErrNotFound) {
			err = nil
		}
	case OpTrash, OpDelete:
		err = e.remove(ctx, a)
	case OpPayOrder, OpCancelOrder, OpRefundOrder, OpRecreateOrder:
		err = e.orderTransition(ctx, a)
	default:
		err = fmt.Errorf("unknown operation %q", a.Op)
	}
	if err != nil {
		return err
	}
	if err := e.moveBaselines(ctx, a.Baseline); err != nil {
		return err
	}
	e.carryHeldOrderStock(ctx, a, *refused)
	if a.Marker != "" {
		c, gerr := e.store.GetCursor(ctx, a.Marker)
		if gerr != nil {
			return gerr
		}
		if _, err := e.store.CompareAndSetCursor(ctx, a.Marker, c.Version, "done"); err != nil {
			return err
		}
	}
	return nil
}

var (
	errBusy = errors.New("busy")
	// errAlreadyDone says another worker did the action first.
	errAlreadyDone = errors.New("already done")
)

// putLink writes the link: the source side's fields from src (what the
// planner decided), the target side's from target (what the write
// returned), over what the store holds now.
func (e *Engine) putLink(ctx context.Context, src mapping.Link, side Side, target mapping.Link) error {
	cur, ok, err := lookup(ctx, e.store, src.Kind, side, idOn(src, side))
	if err != nil {
		return err
	}
	if !ok {
		cur = mapping.Link{Kind: src.Kind}
	}
	mergeSide(&cur, src, side)
	mergeSide(&cur, target, other(side))
	if cur.WooID == 0 || cur.NexoID == 0 {
		return fmt.Errorf("link %s: incomplete (woo %d, nexo %d)", src.Kind, cur.WooID, cur.NexoID)
	}
	if err := e.store.Put(ctx, cur); err != nil {
		if errors.Is(err, mapping.ErrConflict) {
			// The target record is linked to another source record (two
			// records with one SKU or email): record it for a person.
			_ = e.store.RecordSkip(ctx, mapping.Skip{Kind: src.Kind, Side: side, ID: idOn(src, side),
				Reason: fmt.Sprintf("its counterpart %s #%d is already linked to another record", other(side), idOn(cur, other(side)))})
		}
		return err
	}
	return nil
}

// mergeSide copies side's fields of from into l where from has them.
func mergeSide(l *mapping.Link, from mapping.Link, side Side) {
	if side == Woo {
		if from.WooID != 0 {
			l.WooID = from.WooID
		}
		if from.WooFingerprint != "" {
			l.WooFingerprint = from.WooFingerprint
		}
		if !from.WooModified.IsZero() {
			l.WooModified = from.WooModified
		}
		if from.WooStock != "" {
			l.WooStock = from.WooStock
		}
		if from.WooSales != "" {
			l.WooSales = from.WooSales
		}
		return
	}
	if from.NexoID != 0 {
		l.NexoID = from.NexoID
	}
	if from.NexoFingerprint != "" {
		l.NexoFingerprint = from.NexoFingerprint
	}
	if !from.NexoModified.IsZero() {
		l.NexoModified = from.NexoModified
	}
	if from.NexoStock != "" {
		l.NexoStock = from.NexoStock
	}
}

// moveBaselines shifts stock baselines so that a stock change carried by
// an order is not also carried as a delta.
func (e *Engine) moveBaselines(ctx context.Context, moves []BaselineMove) error {
	for _, m := range moves {
		l, ok, err := lookup(ctx, e.store, m.Kind, Woo, m.WooID)
		if err != nil {
			return err
		}
		if !ok {
			continue
		}
		if m.Side == Woo {
			if b := decimalOf(l.WooStock); b.Valid() {
				l.WooStock = b.Add(m.Amount).String()
			}
		} else if b := decimalOf(l.NexoStock); b.Valid() {
			l.NexoStock = b.Add(m.Amount).String()
		}
		if err := e.store.Put(ctx, l); err != nil {
			return fmt.Errorf("move stock baseline of %s woo #%d: %w", m.Kind, m.WooID, err)
		}
	}
	return nil
}

type refusedKey struct{}

// noteRefused records, for carryHeldOrderStock, that NexoPOS refused to
// take the stock of the order being applied.
func noteRefused(ctx context.Context) {
	if p, ok := ctx.Value(refusedKey{}).(*bool); ok {
		*p = true
	}
}

// carryHeldOrderStock syncs, after a paid web order was made or paid on
// NexoPOS, the products of its lines from NexoPOS when NexoPOS refused to
// take their stock (the counter sold the same units) and the order was
// kept on hold there. Its baseline moves assumed NexoPOS took the units; it
// did not, so they travel back to WooCommerce as NexoPOS's own change, now
// rather than at the next reconcile: a held order makes no stock movement
// for a poll to find. A failure is logged; the next reconcile carries it.
func (e *Engine) carryHeldOrderStock(ctx context.Context, a Action, refused bool) {
	if a.Kind != mapping.KindOrder || a.Target != Nexo || (a.Op != OpCreate && a.Op != OpPayOrder) || a.Order == nil || a.Order.State != OrderPaid {
		return
	}
	if !refused {
		l, ok, err := lookup(ctx, e.store, mapping.KindOrder, a.Source.Side, a.Source.ID)
		if err != nil || !ok || stateOf(l.NexoFingerprint) != OrderPending {
			return
		}
	}
	for _, m := range a.Baseline {
		if m.Side != Nexo {
			continue
		}
		pl, ok, err := lookup(ctx, e.store, m.Kind, Woo, m.WooID)
		if err != nil || !ok {
			continue
		}
		if err := e.SyncRecord(ctx, Ref{m.Kind, Nexo, pl.NexoID}, 1); err != nil {
			e.log.LogAttrs(ctx, slog.LevelWarn, "held order: stock not carried back yet", slog.String("record", a.Source.String()), slog.String("error", err.Error()))
		}
	}
}

func nowUTC(f func() time.Time) time.Time { return f().UTC() }
