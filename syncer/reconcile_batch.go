package syncer

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"sync"

	"github.com/woonexo/woonexo/mapping"
	"github.com/woonexo/woonexo/nexopos"
	"github.com/woonexo/woonexo/woocommerce"
)

// How a full reconcile writes (the single-record paths, webhooks, polls and
// SyncRecord, write one record at a time and are not affected):
//
//   - It plans every record of a kind first (pure, store reads only), then
//     applies the plans.
//   - WooCommerce product creates, product stock updates and customer
//     creates go through the batch endpoints, batchSize items a call, each
//     item's error recorded as that record's failure. A create first looks
//     the record up by SKU or email in the listing the reconcile already
//     read, not with a request per record.
//   - Everything else (NexoPOS has no batch endpoints) is applied by a pool
//     of ReconcileOptions.Workers goroutines. The pool bounds concurrency,
//     not rate: against a real NexoPOS, which throttles at 80 requests a
//     minute per client, give the NexoPOS client nexopos.WithRateLimit so
//     the workers wait for their turn instead of being answered 429.

// defaultReconcileWorkers is how many writes a reconcile applies at once
// when ReconcileOptions.Workers is 0.
const defaultReconcileWorkers = 4

// batchSize is how many items a reconcile sends per WooCommerce batch call
// (the store's own limit). Claims are taken per call, so they are held for
// one call, not for the whole reconcile.
const batchSize = 100

// queuedPlan is one record's plan in a reconcile, applied in parts: the
// actions written one by one, and those written in a batch.
type queuedPlan struct {
	p     Plan
	parts int
	errs  []error
}

// poolJob is a part of a plan applied by the worker pool.
type poolJob struct {
	q   *queuedPlan
	run func(ctx context.Context) error
}

// batchJob is an action written in a WooCommerce batch.
type batchJob struct {
	q *queuedPlan
	a Action
}

// reconcileWriter applies the plans of one step of a reconcile (one kind).
type reconcileWriter struct {
	e       *Engine
	opts    ReconcileOptions
	rep     *Report
	kind    mapping.Kind
	workers int

	// batchable says which actions go in WooCommerce batches.
	batchable func(Action) bool
	// custom returns a replacement for the single-record write of an
	// action, or nil to apply it as usual.
	custom func(Action) func(context.Context, Action) error
	// flush writes batch jobs (at most batchSize) and calls finish for
	// each.
	flush func(context.Context, []batchJob)

	plans []*queuedPlan
	pool  []poolJob
	batch []batchJob

	mu   sync.Mutex
	done int
}

func (e *Engine) newReconcileWriter(opts ReconcileOptions, rep *Report, kind mapping.Kind) *reconcileWriter {
	n := opts.Workers
	if n <= 0 {
		n = defaultReconcileWorkers
	}
	return &reconcileWriter{e: e, opts: opts, rep: rep, kind: kind, workers: n,
		batchable: func(Action) bool { return false }}
}

// plan plans one record and queues the plan. A plan that needs other
// records synced first, and every plan of a dry run, goes through Engine.run
// at once, as a single record would.
func (w *reconcileWriter) plan(ctx context.Context, ref Ref, plan planFunc) {
	p, err := plan(ctx)
	switch {
	case err != nil:
		w.finished(p, err)
	case w.opts.DryRun:
		w.finished(p, nil)
	case len(p.Needs) > 0:
		p, err = w.e.run(ctx, ref, plan, false, 0)
		w.finished(p, err)
	default:
		w.add(ctx, p)
	}
}

// finished records a plan that is already applied (or failed).
func (w *reconcileWriter) finished(p Plan, err error) {
	q := &queuedPlan{p: p}
	if err != nil {
		q.errs = append(q.errs, err)
	}
	w.plans = append(w.plans, q)
}

// add queues a plan: its batchable actions for the batches, the others
// (with the plan's skips) for the pool, in the plan's order.
func (w *reconcileWriter) add(ctx context.Context, p Plan) {
	q := &queuedPlan{p: p}
	w.plans = append(w.plans, q)
	var single []Action
	for _, a := range p.Actions {
		plain := a.Marker == "" && len(a.Baseline) == 0
		if plain && w.batchable(a) {
			q.parts++
			w.batch = append(w.batch, batchJob{q: q, a: a})
			continue
		}
		if plain && w.custom != nil {
			if fn := w.custom(a); fn != nil {
				q.parts++
				w.pool = append(w.pool, poolJob{q: q, run: func(ctx context.Context) error { return w.e.settle(ctx, a, fn(ctx, a)) }})
				continue
			}
		}
		single = append(single, a)
	}
	rest := Plan{Actions: single, Skips: p.Skips}
	switch {
	case len(single) > 0:
		q.parts++
		w.pool = append(w.pool, poolJob{q: q, run: func(ctx context.Context) error { return w.e.apply(ctx, rest) }})
	case len(p.Skips) > 0:
		// Skips only touch the store: record them now.
		if err := w.e.apply(ctx, rest); err != nil {
			q.errs = append(q.errs, err)
		}
	}
}

// finish records the outcome of one part of q.
func (w *reconcileWriter) finish(q *queuedPlan, err error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if err != nil {
		q.errs = append(q.errs, err)
	}
	q.parts--
	if q.parts == 0 {
		w.done++
		w.e.report(w.kind, w.done, len(w.plans))
	}
}

// run applies the queued plans, the pool's parts first, then the batches,
// and notes every plan in the report in the order they were planned.
func (w *reconcileWriter) run(ctx context.Context) {
	w.mu.Lock()
	for _, q := range w.plans {
		if q.parts == 0 {
			w.done++
		}
	}
	if w.done > 0 {
		w.e.report(w.kind, w.done, len(w.plans))
	}
	w.mu.Unlock()

	if len(w.pool) > 0 {
		jobs := make(chan poolJob)
		var wg sync.WaitGroup
		for range min(w.workers, len(w.pool)) {
			wg.Go(func() {
				for j := range jobs {
					w.finish(j.q, j.run(ctx))
				}
			})
		}
		for _, j := range w.pool {
			jobs <- j
		}
		close(jobs)
		wg.Wait()
	}
	for len(w.batch) > 0 {
		n := min(batchSize, len(w.batch))
		w.flush(ctx, w.batch[:n])
		w.batch = w.batch[n:]
	}
	for _, q := range w.plans {
		w.rep.note(q.p, errors.Join(q.errs...))
	}
}

// settle does for an action written outside Engine.apply what apply does
// after each action: count it, log it, clear the record's old skip, and
// say which action failed.
func (e *Engine) settle(ctx context.Context, a Action, err error) error {
	if errors.Is(err, errAlreadyDone) {
		e.stats.add(a.Kind, func(c *Counts) { c.Skipped++ })
		return nil
	}
	if err != nil {
		e.stats.add(a.Kind, func(c *Counts) { c.Failed++ })
		return fmt.Errorf("syncer: %s %s %s for %s: %w", a.Op, a.Target, a.Kind, a.Source, err)
	}
	e.stats.add(a.Kind, func(c *Counts) { c.Synced++ })
	e.log.LogAttrs(ctx, slog.LevelInfo, "synced", slog.String("op", string(a.Op)), slog.String("to", string(a.Target)),
		slog.String("kind", string(a.Kind)), slog.String("source", a.Source.String()), slog.String("reason", a.Reason))
	_ = e.store.ClearSkip(ctx, a.Source.Kind, a.Source.Side, a.Source.ID)
	return nil
}

// claimCreate takes the claim Engine.applyAction takes before a create, so
// two replicas cannot create the same record. It returns errAlreadyDone
// when the record turned out to be linked already (the holder before us
// finished).
func (e *Engine) claimCreate(ctx context.Context, a Action) (release func(), err error) {
	key := fmt.Sprintf("create:%s:%s:%d", a.Kind, a.Source.Side, a.Source.ID)
	ok, err := e.store.Claim(ctx, key, e.worker, e.lease)
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, fmt.Errorf("%w: another worker is creating it", errBusy)
	}
	release = func() { _ = e.store.Release(context.WithoutCancel(ctx), key, e.worker) }
	l, linked, err := lookup(ctx, e.store, a.Kind, a.Source.Side, a.Source.ID)
	switch {
	case err != nil:
		release()
		return nil, err
	case linked && idOn(l, a.Target) != 0:
		release()
		return nil, errAlreadyDone
	}
	return release, nil
}

// afterWrite is the context for recording what a batch call wrote: like
// Engine.apply, once the write is made its links are recorded even if ctx
// is cancelled (for at most applyTimeout), or the records would exist
// without links until the next reconcile finds them by SKU or email.
func afterWrite(ctx context.Context) (context.Context, context.CancelFunc) {
	return context.WithTimeout(context.WithoutCancel(ctx), applyTimeout)
}

// batchCallError is the error of the items a failed batch call carried.
func batchCallError(err error) error {
	if err == nil {
		err = errors.New("the batch answer has no entry for this item")
	}
	return fmt.Errorf("batch call: %w", err)
}

// ---- products

// wooProductBatchable says which product actions of a reconcile go in
// WooCommerce batches: creates and stock moves of simple products
// (variations live under their parent's batch endpoint and go one by one).
func wooProductBatchable(a Action) bool {
	return a.Target == Woo && a.Kind == mapping.KindProduct && (a.Op == OpCreate || a.Op == OpAdjustStock)
}

// pendingWrite is an action of one batch call.
type pendingWrite struct {
	j        batchJob
	release  func()
	oldBase  Decimal // stock moves: the baseline the delta is added to
	oldSales string  // and the WooCommerce sales that go with it
}

// flushWooProducts writes product creates and stock moves in one
// WooCommerce batch call. bySKU holds the store's products by SKU, from the
// reconcile's listing: a create whose SKU is there is linked, not sent.
// Stock moves are applied to the stock read just before the call (one list
// request for the whole call), as the single path reads it before its
// write.
func (e *Engine) flushWooProducts(ctx context.Context, w *reconcileWriter, jobs []batchJob, bySKU map[string]Product) {
	var (
		req              woocommerce.BatchRequest[woocommerce.ProductRequest]
		creates, updates []pendingWrite
		moves            []pendingWrite
	)
	for _, j := range jobs {
		a := j.a
		if a.Op == OpCreate {
			release, err := e.claimCreate(ctx, a)
			if err != nil {
				w.finish(j.q, e.settle(ctx, a, err))
				continue
			}
			if f, ok := bySKU[a.Product.SKU]; ok && a.Product.SKU != "" {
				err := e.putLink(ctx, a.Link, a.Source.Side, wooLinkOf(f, mapping.Link{Kind: a.Kind}))
				release()
				w.finish(j.q, e.settle(ctx, a, err))
				continue
			}
			creates = append(creates, pendingWrite{j: j, release: release})
			req.Create = append(req.Create, wooProductCreate(a.Product))
			continue
		}
		curLink, linked, err := lookup(ctx, e.store, a.Kind, a.Source.Side, a.Source.ID)
		if err != nil {
			w.finish(j.q, e.settle(ctx, a, err))
			continue
		}
		m := pendingWrite{j: j}
		m.oldBase, m.oldSales = moveBase(a, curLink, linked)
		moves = append(moves, m)
	}
	if len(moves) > 0 {
		ids := make([]int64, len(moves))
		for i, m := range moves {
			ids[i] = m.j.a.TargetID
		}
		current := map[int64]woocommerce.Product{}
		found, _, err := e.woo.Products.List(ctx, &woocommerce.ProductListOptions{ListOptions: woocommerce.ListOptions{PerPage: len(ids)}, Include: ids})
		for _, p := range found {
			current[p.ID] = p
		}
		for _, m := range moves {
			a := m.j.a
			cur, ok := current[a.TargetID]
			switch {
			case err != nil:
				w.finish(m.j.q, e.settle(ctx, a, fmt.Errorf("read stock before the batch: %w", err)))
			case !ok || cur.Type == "variation":
				// Gone since the listing, or not a simple product: the single
				// path reads it and says what is wrong.
				w.finish(m.j.q, e.settle(ctx, a, e.adjustStock(ctx, a)))
			case !cur.StockQuantity.Valid:
				w.finish(m.j.q, e.settle(ctx, a, fmt.Errorf("WooCommerce product %d does not manage stock", a.TargetID)))
			default:
				q := DecimalFromInt(cur.StockQuantity.Int64).Add(a.Delta).IntPart()
				updates = append(updates, m)
				req.Update = append(req.Update, woocommerce.BatchUpdate[woocommerce.ProductRequest]{ID: cur.ID,
					Request: woocommerce.ProductRequest{StockQuantity: &q}})
			}
		}
	}
	if req.Len() == 0 {
		return
	}
	res, err := e.woo.Products.Batch(ctx, req)
	ctx, cancel := afterWrite(ctx)
	defer cancel()
	if res == nil {
		res = &woocommerce.BatchResult[woocommerce.Product]{}
	}
	for i, c := range creates {
		ierr := batchCallError(err)
		if i < len(res.Create) {
			ierr = e.linkWooProductCreate(ctx, c.j.a, res.Create[i])
		}
		c.release()
		w.finish(c.j.q, e.settle(ctx, c.j.a, ierr))
	}
	for i, u := range updates {
		ierr := batchCallError(err)
		if i < len(res.Update) {
			ierr = e.linkWooStockMove(ctx, u, res.Update[i])
		}
		w.finish(u.j.q, e.settle(ctx, u.j.a, ierr))
	}
}

// linkWooProductCreate records the link of a product created in a batch.
// An item refused because the SKU exists (product_invalid_sku names the
// product) is linked to that product, as the single path does.
func (e *Engine) linkWooProductCreate(ctx context.Context, a Action, it woocommerce.BatchItem[woocommerce.Product]) error {
	wp := it.Item
	if it.Err != nil {
		if it.Err.Data.ResourceID == 0 {
			return fmt.Errorf("batch create product: %w", it.Err)
		}
		var err error
		if wp, err = e.woo.Products.Get(ctx, it.Err.Data.ResourceID); err != nil {
			return err
		}
	}
	target, err := e.wooProductLink(ctx, wp, mapping.Link{Kind: a.Kind})
	if err != nil {
		return err
	}
	return e.putLink(ctx, a.Link, a.Source.Side, target)
}

// linkWooStockMove records the baselines after a stock move made in a
// batch, as Engine.adjustStock does after its own write.
func (e *Engine) linkWooStockMove(ctx context.Context, m pendingWrite, it woocommerce.BatchItem[woocommerce.Product]) error {
	a := m.j.a
	if it.Err != nil {
		return fmt.Errorf("batch update stock of product %d: %w", a.TargetID, it.Err)
	}
	target, err := e.wooProductLink(ctx, it.Item, mapping.Link{Kind: a.Kind})
	if err != nil {
		return err
	}
	target.WooFingerprint = "" // a stock write changes no content
	if m.oldBase.Valid() {
		target.WooStock = m.oldBase.Add(a.Delta).String()
		target.WooSales = m.oldSales
	}
	return e.putLink(ctx, a.Link, a.Source.Side, target)
}

// wooLinkOf fills a link's WooCommerce side from a listed product, as
// Engine.wooProductLink does from one read back.
func wooLinkOf(rec Product, l mapping.Link) mapping.Link {
	l.WooID, l.WooFingerprint, l.WooModified = rec.ID, rec.Fingerprint(), rec.Modified
	if rec.ManageStock && rec.Stock.Valid() {
		l.WooStock = rec.Stock.String()
		if rec.TotalSales.Valid() {
			l.WooSales = rec.TotalSales.String()
		}
	}
	return l
}

// nexoUnitQuantities reads the unit quantities of every NexoPOS product,
// many products a request (ns.products-units), by product id.
func (e *Engine) nexoUnitQuantities(ctx context.Context) (map[int64][]nexopos.UnitQuantity, error) {
	out := map[int64][]nexopos.UnitQuantity{}
	for uq, err := range e.nexo.Products.AllUnitQuantities(ctx, &nexopos.ListOptions{PerPage: batchSize}) {
		if err != nil {
			return nil, err
		}
		out[uq.ProductID] = append(out[uq.ProductID], uq)
	}
	return out, nil
}

// ---- customers

// flushWooCustomers creates customers in one WooCommerce batch call.
// byEmail holds the store's users of every role by lower-cased email, from
// the reconcile's listing: a create whose email is there is linked, not
// sent.
func (e *Engine) flushWooCustomers(ctx context.Context, w *reconcileWriter, jobs []batchJob, byEmail map[string]Customer) {
	var (
		req     woocommerce.BatchRequest[woocommerce.CustomerRequest]
		creates []pendingWrite
	)
	for _, j := range jobs {
		a := j.a
		release, err := e.claimCreate(ctx, a)
		if err != nil {
			w.finish(j.q, e.settle(ctx, a, err))
			continue
		}
		if f, ok := byEmail[strings.ToLower(a.Customer.Email)]; ok {
			l := mapping.Link{Kind: mapping.KindCustomer, WooID: f.ID, WooFingerprint: f.Fingerprint(), WooModified: f.Modified}
			err := e.putLink(ctx, a.Link, a.Source.Side, l)
			release()
			w.finish(j.q, e.settle(ctx, a, err))
			continue
		}
		creates = append(creates, pendingWrite{j: j, release: release})
		req.Create = append(req.Create, wooCustomerCreate(a.Customer))
	}
	if req.Len() == 0 {
		return
	}
	res, err := e.woo.Customers.Batch(ctx, req)
	ctx, cancel := afterWrite(ctx)
	defer cancel()
	if res == nil {
		res = &woocommerce.BatchResult[woocommerce.Customer]{}
	}
	for i, c := range creates {
		ierr := batchCallError(err)
		if i < len(res.Create) {
			ierr = e.linkWooCustomerCreate(ctx, c.j.a, res.Create[i])
		}
		c.release()
		w.finish(c.j.q, e.settle(ctx, c.j.a, ierr))
	}
}

func (e *Engine) linkWooCustomerCreate(ctx context.Context, a Action, it woocommerce.BatchItem[woocommerce.Customer]) error {
	if it.Err != nil {
		return fmt.Errorf("batch create customer %s: %w", a.Customer.Email, it.Err)
	}
	rec := CustomerFromWoo(*it.Item)
	l := mapping.Link{Kind: mapping.KindCustomer, WooID: rec.ID, WooFingerprint: rec.Fingerprint(), WooModified: rec.Modified}
	return e.putLink(ctx, a.Link, a.Source.Side, l)
}

// createNexoCustomerFrom returns the write of a customer create on NexoPOS
// that looks the email up in byEmail (the reconcile's listing, lower-cased
// emails) instead of searching NexoPOS for it.
func (e *Engine) createNexoCustomerFrom(byEmail map[string]Customer) func(context.Context, Action) error {
	return func(ctx context.Context, a Action) error {
		release, err := e.claimCreate(ctx, a)
		if err != nil {
			return err
		}
		defer release()
		var l mapping.Link
		if f, ok := byEmail[strings.ToLower(a.Customer.Email)]; ok {
			l = mapping.Link{Kind: mapping.KindCustomer, NexoID: f.ID, NexoFingerprint: f.Fingerprint(), NexoModified: f.Modified}
		} else if l, err = e.createNexoCustomer(ctx, a.Customer); err != nil {
			return err
		}
		ctx, cancel := afterWrite(ctx)
		defer cancel()
		return e.putLink(ctx, a.Link, a.Source.Side, l)
	}
}
