package syncer

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"time"

	"github.com/woonexo/woonexo/mapping"
	"github.com/woonexo/woonexo/nexopos"
	"github.com/woonexo/woonexo/woocommerce"
)

// ReconcileOptions tunes a full reconcile.
type ReconcileOptions struct {
	// DryRun plans without writing: the report's Plans say what would be
	// done. Records that need a dependency created first show the need.
	DryRun bool
	// OrdersSince limits the orders looked at to those changed after it;
	// zero means the last 30 days.
	OrdersSince time.Time
	// Kinds limits the reconcile to these kinds; empty means all.
	Kinds []mapping.Kind
	// Workers is how many writes the reconcile applies at once (NexoPOS
	// writes, and the WooCommerce writes that have no batch form); 0 means
	// 4. WooCommerce creates and stock updates go in batch calls of 100
	// whatever it is. It bounds concurrency, not rate: against a real
	// NexoPOS (80 requests a minute per client) give the NexoPOS client
	// nexopos.WithRateLimit.
	Workers int
}

func (o ReconcileOptions) wants(k mapping.Kind) bool {
	if len(o.Kinds) == 0 {
		return true
	}
	for _, x := range o.Kinds {
		if x == k || (k == mapping.KindVariation && x == mapping.KindProduct) {
			return true
		}
	}
	return false
}

// Report says what a reconcile did (or, in a dry run, would do).
type Report struct {
	// Linked counts records found on both sides by their stable key (SKU,
	// email, name) and linked without writing.
	Linked map[mapping.Kind]int
	// Applied counts the actions applied per kind.
	Applied map[mapping.Kind]int
	// InStep counts records that needed nothing.
	InStep map[mapping.Kind]int
	// Plans holds every non-empty plan (dry runs and real ones alike).
	Plans []Plan
	// Errors holds the records that failed; the reconcile goes on past
	// them.
	Errors []error
	// Took is the wall time.
	Took time.Duration
}

func newReport() *Report {
	return &Report{Linked: map[mapping.Kind]int{}, Applied: map[mapping.Kind]int{}, InStep: map[mapping.Kind]int{}}
}

// String summarises the report in one line per kind.
func (r *Report) String() string {
	var b strings.Builder
	for _, k := range []mapping.Kind{mapping.KindCategory, mapping.KindProduct, mapping.KindVariation, mapping.KindCustomer, mapping.KindOrder} {
		if r.Linked[k]+r.Applied[k]+r.InStep[k] == 0 {
			continue
		}
		fmt.Fprintf(&b, "%-10s linked %d, applied %d, in step %d\n", k, r.Linked[k], r.Applied[k], r.InStep[k])
	}
	if len(r.Errors) > 0 {
		fmt.Fprintf(&b, "%d errors; first: %v\n", len(r.Errors), r.Errors[0])
	}
	return b.String()
}

func (r *Report) note(p Plan, err error) {
	if err != nil {
		r.Errors = append(r.Errors, err)
	}
	for _, a := range p.Actions {
		r.Applied[a.Kind]++
	}
	if len(p.Actions) == 0 && len(p.Needs) == 0 {
		for _, s := range p.Skips {
			r.InStep[s.Ref.Kind]++
		}
	}
	if len(p.Actions)+len(p.Needs) > 0 || hasRecordedSkip(p) {
		r.Plans = append(r.Plans, p)
	}
}

func hasRecordedSkip(p Plan) bool {
	for _, s := range p.Skips {
		if s.Record {
			return true
		}
	}
	return false
}

// Reconcile lists both sides and brings them in step: it links what
// matches by stable key (categories by name, products by SKU, customers by
// email), creates what is missing on either side (every category, however
// many), repairs the drift that lost webhooks left (content, prices,
// stock), and carries recent orders. It goes on past a record that fails
// and reports it. Run it on a schedule: WooCommerce never retries a lost
// webhook, and this is what finds it.
//
// It is cheap in requests for a large catalogue: it reads each side page by
// page (NexoPOS stock a page of products at a time, from ns.products-units),
// finds existing records by SKU and email in those listings, writes
// WooCommerce product creates, stock updates and customer creates in batch
// calls of 100 (an item the store refuses is reported as that record's
// failure), and applies the other writes, NexoPOS's among them (it has no
// batch endpoints), with ReconcileOptions.Workers at a time. See
// BENCHMARKS.md for the request counts of 10,000 products and customers.
func (e *Engine) Reconcile(ctx context.Context, opts ReconcileOptions) (*Report, error) {
	start := time.Now()
	rep := newReport()
	if !opts.DryRun {
		// A reconcile reads both sides' stock and moves baselines: it runs
		// alone (webhook events wait in the inbox, polls wait).
		lctx, release, err := e.lockStock(ctx)
		if err != nil {
			return rep, err
		}
		defer release()
		ctx = lctx
		defer func() { e.noteReconcile(rep) }()
		if _, err := e.primeCursors(ctx); err != nil {
			return rep, err
		}
	}
	steps := []struct {
		kind mapping.Kind
		fn   func(context.Context, ReconcileOptions, *Report) error
	}{
		{mapping.KindCategory, e.reconcileCategories},
		{mapping.KindProduct, e.reconcileProducts},
		{mapping.KindCustomer, e.reconcileCustomers},
		{mapping.KindOrder, e.reconcileOrders},
	}
	for _, s := range steps {
		if !opts.wants(s.kind) {
			continue
		}
		if err := s.fn(ctx, opts, rep); err != nil {
			rep.Took = time.Since(start)
			return rep, fmt.Errorf("syncer: reconcile %s: %w", s.kind, err)
		}
	}
	rep.Took = time.Since(start)
	e.log.LogAttrs(ctx, slog.LevelInfo, "reconcile done", slog.Duration("took", rep.Took), slog.Int("errors", len(rep.Errors)))
	return rep, nil
}

func (e *Engine) report(kind mapping.Kind, done, total int) {
	if e.progress != nil {
		e.progress(Progress{Kind: kind, Done: done, Total: total})
	}
}

// linkPair records a link between two records found to be the same.
func (e *Engine) linkPair(ctx context.Context, opts ReconcileOptions, rep *Report, l mapping.Link) error {
	rep.Linked[l.Kind]++
	if opts.DryRun {
		rep.Plans = append(rep.Plans, Plan{Actions: []Action{{Op: OpLink, Kind: l.Kind, Target: Nexo, TargetID: l.NexoID,
			Source: Ref{l.Kind, Woo, l.WooID}, Link: l, Reason: "same stable key on both sides"}}})
		return nil
	}
	err := e.store.Put(ctx, l)
	if errors.Is(err, mapping.ErrConflict) {
		rep.Errors = append(rep.Errors, fmt.Errorf("link %s woo #%d with nexo #%d: %w", l.Kind, l.WooID, l.NexoID, err))
		return nil
	}
	return err
}

func (e *Engine) reconcileCategories(ctx context.Context, opts ReconcileOptions, rep *Report) error {
	var woo []Category
	for c, err := range e.woo.Categories.All(ctx, &woocommerce.TermListOptions{ListOptions: woocommerce.ListOptions{PerPage: 100}}) {
		if err != nil {
			return err
		}
		woo = append(woo, CategoryFromWoo(c))
	}
	var nexo []Category
	for c, err := range e.nexo.Categories.All(ctx, &nexopos.ListOptions{PerPage: 100}) {
		if err != nil {
			return err
		}
		nexo = append(nexo, CategoryFromNexo(c))
	}
	// Link unlinked categories with the same name (roots first, then by
	// linked parents).
	byName := map[string][]Category{}
	for _, n := range nexo {
		if _, ok, err := lookup(ctx, e.store, mapping.KindCategory, Nexo, n.ID); err != nil {
			return err
		} else if !ok {
			k := strings.ToLower(norm(n.Name))
			byName[k] = append(byName[k], n)
		}
	}
	for _, w := range woo {
		if _, ok, err := lookup(ctx, e.store, mapping.KindCategory, Woo, w.ID); err != nil {
			return err
		} else if ok {
			continue
		}
		k := strings.ToLower(norm(w.Name))
		if cands := byName[k]; len(cands) > 0 {
			n := cands[0]
			byName[k] = cands[1:]
			if err := e.linkPair(ctx, opts, rep, mapping.Link{Kind: mapping.KindCategory, WooID: w.ID, NexoID: n.ID,
				WooFingerprint: w.Fingerprint(), NexoFingerprint: n.Fingerprint(), NexoModified: n.Modified}); err != nil {
				return err
			}
		}
	}
	total := len(woo) + len(nexo)
	if !opts.DryRun {
		ctx = withMatchedByName(ctx)
	}
	for i, c := range append(woo, nexo...) {
		p, err := e.run(ctx, Ref{mapping.KindCategory, c.Side, c.ID}, func(ctx context.Context) (Plan, error) {
			return PlanCategory(ctx, e.cfg, e.store, c)
		}, opts.DryRun, 0)
		rep.note(p, err)
		e.report(mapping.KindCategory, i+1, total)
	}
	return nil
}

func (e *Engine) reconcileProducts(ctx context.Context, opts ReconcileOptions, rep *Report) error {
	var woo []Product
	// The store's products by SKU (linked or not, variable parents
	// included), for the creates to find by SKU without asking again.
	wooBySKU := map[string]Product{}
	// By id, for pages that neither repeat nor skip rows (the default sort,
	// by date, has ties in any catalogue imported at once).
	for p, err := range e.woo.Products.All(ctx, &woocommerce.ProductListOptions{ListOptions: woocommerce.ListOptions{PerPage: 100}, OrderBy: "id", Order: "asc"}) {
		if err != nil {
			return err
		}
		if p.SKU != "" {
			wooBySKU[p.SKU] = ProductFromWoo(p)
		}
		if p.Type == "variable" {
			for v, err := range e.woo.Variations.All(ctx, p.ID, &woocommerce.VariationListOptions{ListOptions: woocommerce.ListOptions{PerPage: 100}}) {
				if err != nil {
					return err
				}
				woo = append(woo, VariationFromWoo(p, v))
			}
			continue
		}
		woo = append(woo, ProductFromWoo(p))
	}
	// Stock and prices live in unit quantities: read them all, a page of
	// many products a request, rather than one request per product.
	units, err := e.nexoUnitQuantities(ctx)
	if err != nil {
		return err
	}
	var nexo []Product
	for p, err := range e.nexo.Products.All(ctx, &nexopos.ListOptions{PerPage: 100}) {
		if err != nil {
			return err
		}
		us, ok := units[p.ID]
		if !ok {
			// Created after the unit quantities were read.
			if us, err = e.nexo.Products.Units(ctx, p.ID); err != nil {
				return err
			}
		}
		delete(units, p.ID)
		e.rememberUnit(p.ID, us)
		nexo = append(nexo, ProductFromNexo(p, us, e.cfg.Defaults.UnitID))
	}
	units = nil
	nexoByID := map[int64]Product{}
	nexoBySKU := map[string]Product{}
	for _, n := range nexo {
		nexoByID[n.ID] = n
		if _, ok, err := lookup(ctx, e.store, mapping.KindProduct, Nexo, n.ID); err != nil {
			return err
		} else if ok {
			continue
		}
		if _, ok, err := lookup(ctx, e.store, mapping.KindVariation, Nexo, n.ID); err != nil {
			return err
		} else if !ok && n.SKU != "" {
			nexoBySKU[n.SKU] = n
		}
	}
	w := e.newReconcileWriter(opts, rep, mapping.KindProduct)
	w.batchable = wooProductBatchable
	w.flush = func(ctx context.Context, jobs []batchJob) { e.flushWooProducts(ctx, w, jobs, wooBySKU) }
	pairedNexo := map[int64]bool{}
	for _, wp := range woo {
		kind := productKind(wp)
		link, linked, err := lookup(ctx, e.store, kind, Woo, wp.ID)
		if err != nil {
			return err
		}
		if !linked && wp.SKU != "" {
			if n, ok := nexoBySKU[wp.SKU]; ok {
				delete(nexoBySKU, wp.SKU)
				// First link: both sides start from WooCommerce's count;
				// the pair plan below then carries NexoPOS's difference,
				// so the POS (the physical stock) wins.
				link = mapping.Link{Kind: kind, WooID: wp.ID, NexoID: n.ID, WooFingerprint: wp.Fingerprint(),
					NexoFingerprint: n.Fingerprint(), WooModified: wp.Modified, NexoModified: n.Modified}
				setStockBase(&link, wp)
				if wp.Stock.Valid() && n.ManageStock {
					link.NexoStock = wp.Stock.String()
					if _, err := e.ownCreateBaselines(ctx, kind, wp, n, &link); err != nil {
						return err
					}
				}
				if err := e.linkPair(ctx, opts, rep, link); err != nil {
					return err
				}
				linked = true
			}
		}
		if linked {
			if n, ok := nexoByID[link.NexoID]; ok {
				pairedNexo[n.ID] = true
				p := PlanProductPair(e.cfg, link, wp, n)
				if opts.DryRun {
					w.finished(p, nil)
				} else {
					w.add(ctx, p)
				}
				continue
			}
		}
		wr := wp
		w.plan(ctx, Ref{kind, Woo, wp.ID}, func(ctx context.Context) (Plan, error) { return PlanProduct(ctx, e.cfg, e.store, wr) })
	}
	listed := map[int64]bool{}
	for _, wp := range woo {
		listed[wp.ID] = true
	}
	for _, n := range nexo {
		if pairedNexo[n.ID] {
			continue
		}
		if l, ok, err := lookup(ctx, e.store, mapping.KindProduct, Nexo, n.ID); err != nil {
			return err
		} else if ok && !listed[l.WooID] && n.Published {
			// Its WooCommerce product is not listed: trashed or deleted,
			// and the webhook that said so lost. Confirm and act on it
			// as on that webhook.
			ref := Ref{mapping.KindProduct, Woo, l.WooID}
			if opts.DryRun {
				p, err := PlanDelete(ctx, e.cfg, e.store, ref)
				w.finished(p, err)
				continue
			}
			w.finished(Plan{}, e.confirmDelete(ctx, ref))
			continue
		} else if ok && !listed[l.WooID] {
			// Trashed on WooCommerce and already unpublished here: out of
			// the sync until it is restored (its webhook syncs it again).
			var p Plan
			p.skip(Ref{mapping.KindProduct, Nexo, n.ID}, false, "its WooCommerce product #%d is in the trash (or deleted)", l.WooID)
			w.finished(p, nil)
			continue
		}
		ref := e.nexoProductRef(ctx, n.ID)
		nr := n
		nr.Variation = ref.Kind == mapping.KindVariation
		w.plan(ctx, ref, func(ctx context.Context) (Plan, error) { return PlanProduct(ctx, e.cfg, e.store, nr) })
	}
	w.run(ctx)
	return nil
}

func (e *Engine) reconcileCustomers(ctx context.Context, opts ReconcileOptions, rep *Report) error {
	var woo []Customer
	roles := map[int64]string{}
	// Both sides' customers by lower-cased email, linked or not, for the
	// creates to find by email without asking again (every WooCommerce
	// role: an administrator who shops at the counter is linked, not
	// failed).
	wooByEmail, nexoByEmail := map[string]Customer{}, map[string]Customer{}
	// By id: WooCommerce sorts customers by name by default, and pages of
	// a sort with ties (many shoppers share a name) may repeat some rows
	// and skip others.
	for c, err := range e.woo.Customers.All(ctx, &woocommerce.CustomerListOptions{ListOptions: woocommerce.ListOptions{PerPage: 100}, Role: "all",
		OrderBy: "id", Order: "asc"}) {
		if err != nil {
			return err
		}
		rec := CustomerFromWoo(c)
		woo = append(woo, rec)
		roles[c.ID] = c.Role
		if rec.Email != "" {
			wooByEmail[strings.ToLower(rec.Email)] = rec
		}
	}
	var nexo []Customer
	for c, err := range e.nexo.Customers.All(ctx, &nexopos.ListOptions{PerPage: 100}) {
		if err != nil {
			return err
		}
		rec := CustomerFromNexo(c)
		if rec.Email != "" {
			nexoByEmail[strings.ToLower(rec.Email)] = rec
		}
		if c.ID == e.cfg.Defaults.WalkInCustomerID {
			continue
		}
		nexo = append(nexo, rec)
	}
	byEmail := map[string]Customer{}
	for _, n := range nexo {
		if _, ok, err := lookup(ctx, e.store, mapping.KindCustomer, Nexo, n.ID); err != nil {
			return err
		} else if !ok && n.Email != "" {
			byEmail[strings.ToLower(n.Email)] = n
		}
	}
	var todo []Customer
	for _, w := range woo {
		_, linked, err := lookup(ctx, e.store, mapping.KindCustomer, Woo, w.ID)
		if err != nil {
			return err
		}
		if !linked {
			if n, ok := byEmail[strings.ToLower(w.Email)]; ok && w.Email != "" {
				delete(byEmail, strings.ToLower(w.Email))
				if err := e.linkPair(ctx, opts, rep, mapping.Link{Kind: mapping.KindCustomer, WooID: w.ID, NexoID: n.ID,
					WooFingerprint: w.Fingerprint(), NexoFingerprint: n.Fingerprint(), WooModified: w.Modified, NexoModified: n.Modified}); err != nil {
					return err
				}
				continue
			}
			// Only shoppers travel to the POS; staff accounts are linked
			// when the POS has them, never created there.
			if roles[w.ID] != "" && roles[w.ID] != "customer" && roles[w.ID] != "subscriber" {
				continue
			}
		}
		todo = append(todo, w)
	}
	todo = append(todo, nexo...)
	w := e.newReconcileWriter(opts, rep, mapping.KindCustomer)
	w.batchable = func(a Action) bool { return a.Op == OpCreate && a.Target == Woo && a.Kind == mapping.KindCustomer }
	w.flush = func(ctx context.Context, jobs []batchJob) { e.flushWooCustomers(ctx, w, jobs, wooByEmail) }
	createNexo := e.createNexoCustomerFrom(nexoByEmail)
	w.custom = func(a Action) func(context.Context, Action) error {
		if a.Op == OpCreate && a.Target == Nexo && a.Kind == mapping.KindCustomer {
			return createNexo
		}
		return nil
	}
	for _, c := range todo {
		cr := c
		w.plan(ctx, Ref{mapping.KindCustomer, c.Side, c.ID}, func(ctx context.Context) (Plan, error) {
			return PlanCustomer(ctx, e.cfg, e.store, cr)
		})
	}
	w.run(ctx)
	return nil
}

func (e *Engine) reconcileOrders(ctx context.Context, opts ReconcileOptions, rep *Report) error {
	since := opts.OrdersSince
	if since.IsZero() {
		since = nowUTC(e.now).AddDate(0, 0, -30)
	}
	var refs []Ref
	wopts := &woocommerce.OrderListOptions{ListOptions: woocommerce.ListOptions{PerPage: 100}}
	wopts.ModifiedAfter = since
	for o, err := range e.woo.Orders.All(ctx, wopts) {
		if err != nil {
			return err
		}
		refs = append(refs, Ref{mapping.KindOrder, Woo, o.ID})
	}
	norders, _, err := e.nexo.Orders.UpdatedSince(ctx, nexopos.TimeCursor{Since: since})
	if err != nil {
		return err
	}
	for _, o := range norders {
		refs = append(refs, Ref{mapping.KindOrder, Nexo, o.ID})
	}
	// Products whose NexoPOS baseline a carried order moved: the product
	// step before may have carried the same sale as a stock change, which
	// the move turns into a change of NexoPOS's own that travels back.
	type moved struct {
		kind  mapping.Kind
		wooID int64
	}
	var touched []moved
	seen := map[moved]bool{}
	for i, ref := range refs {
		p, err := e.syncRef(ctx, ref, opts.DryRun, 0)
		if isNotFound(err) {
			// Gone since the listing (a held order deleted because its
			// web order was cancelled earlier in this reconcile).
			err = nil
		}
		rep.note(p, err)
		e.report(mapping.KindOrder, i+1, len(refs))
		for _, a := range p.Actions {
			for _, m := range a.Baseline {
				if k := (moved{m.Kind, m.WooID}); m.Side == Nexo && !opts.DryRun && err == nil && !seen[k] {
					seen[k] = true
					touched = append(touched, k)
				}
			}
		}
	}
	// Sync them from NexoPOS, as a poll syncs products after orders.
	for _, m := range touched {
		l, ok, err := lookup(ctx, e.store, m.kind, Woo, m.wooID)
		if err == nil && ok {
			err = e.SyncRecord(ctx, Ref{m.kind, Nexo, l.NexoID}, 0)
		}
		if err != nil {
			rep.Errors = append(rep.Errors, err)
		}
	}
	return nil
}
