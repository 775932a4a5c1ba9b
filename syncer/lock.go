package syncer

import (
	"context"
	"sync"
	"time"

	"github.com/woonexo/woonexo/mapping"
)

// stockLockKey is the store claim that serialises stock-moving work across
// replicas.
const stockLockKey = "lock:stock"

type stockLockHeld struct{}

// lockStock serialises the work that reads and moves stock baselines:
// syncing a product, a variation or an order, and a full reconcile. An
// order's write on one side and the baseline move that goes with it must
// not interleave with a sync of the same product, or the sale is counted
// twice. Within a process a mutex does it; across replicas a claim in the
// store, renewed while held. The lock is re-entrant along a context, so
// dependencies synced while it is held do not wait for themselves.
func (e *Engine) lockStock(ctx context.Context) (context.Context, func(), error) {
	if ctx.Value(stockLockHeld{}) != nil {
		return ctx, func() {}, nil
	}
	e.stockMu.Lock()
	for {
		ok, err := e.store.Claim(ctx, stockLockKey, e.worker, e.lease)
		if err != nil {
			e.stockMu.Unlock()
			return ctx, nil, err
		}
		if ok {
			break
		}
		t := time.NewTimer(25 * time.Millisecond)
		select {
		case <-ctx.Done():
			t.Stop()
			e.stockMu.Unlock()
			return ctx, nil, ctx.Err()
		case <-t.C:
		}
	}
	stop := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		tick := time.NewTicker(e.lease / 3)
		defer tick.Stop()
		for {
			select {
			case <-stop:
				return
			case <-tick.C:
				_, _ = e.store.Claim(context.WithoutCancel(ctx), stockLockKey, e.worker, e.lease)
			}
		}
	}()
	release := func() {
		close(stop)
		wg.Wait()
		_ = e.store.Release(context.WithoutCancel(ctx), stockLockKey, e.worker)
		e.stockMu.Unlock()
	}
	return context.WithValue(ctx, stockLockHeld{}, true), release, nil
}

// movesStock reports whether work on kind reads or moves stock baselines.
func movesStock(k mapping.Kind) bool {
	return k == mapping.KindProduct || k == mapping.KindVariation || k == mapping.KindOrder
}

// applyTimeout bounds how long a plan already started may run after its
// context was cancelled: a started order write and the link and baseline
// writes that go with it finish together.
const applyTimeout = 2 * time.Minute

// ReconcileStatus is what the last full reconcile of this engine did.
type ReconcileStatus struct {
	// At is when it ended; zero if none ran yet.
	At time.Time
	// Took is how long it ran.
	Took time.Duration
	// Errors counts the records that failed.
	Errors int
	// Summary is Report.String() of that reconcile.
	Summary string
}

// LastReconcile returns the status of the last full reconcile this engine
// ran (not a dry run), for health checks.
func (e *Engine) LastReconcile() ReconcileStatus {
	e.statusMu.Lock()
	defer e.statusMu.Unlock()
	return e.lastRecon
}

func (e *Engine) noteReconcile(rep *Report) {
	e.statusMu.Lock()
	defer e.statusMu.Unlock()
	e.lastRecon = ReconcileStatus{At: nowUTC(e.now), Took: rep.Took, Errors: len(rep.Errors), Summary: rep.String()}
}
