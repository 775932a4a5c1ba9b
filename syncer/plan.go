package syncer

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/woonexo/woonexo/mapping"
)

// Reader is the read access to a mapping store that the pure functions
// need. mapping.Store satisfies it.
type Reader interface {
	ByWoo(ctx context.Context, kind mapping.Kind, wooID int64) (mapping.Link, error)
	ByNexo(ctx context.Context, kind mapping.Kind, nexoID int64) (mapping.Link, error)
	GetCursor(ctx context.Context, name string) (mapping.Cursor, error)
}

// Op is what an Action does on its target side.
type Op string

// Operations.
const (
	// OpCreate creates the record on the target side (after looking for it
	// by its stable key: SKU, email, order reference).
	OpCreate Op = "create"
	// OpUpdate updates the linked record's content and price fields.
	OpUpdate Op = "update"
	// OpAdjustStock moves the linked product's stock by Delta: a NexoPOS
	// adjustment, or WooCommerce stock set to its current value plus Delta.
	OpAdjustStock Op = "adjust-stock"
	// OpLink records a link between two records that already exist.
	OpLink Op = "link"
	// OpUnlink forgets a link and leaves both records alone.
	OpUnlink Op = "unlink"
	// OpTrash unpublishes the linked record (WooCommerce trash, NexoPOS
	// unavailable).
	OpTrash Op = "trash"
	// OpDelete deletes the linked record.
	OpDelete Op = "delete"
	// OpPayOrder pays a held order in full (NexoPOS) or marks it paid
	// (WooCommerce processing).
	OpPayOrder Op = "pay-order"
	// OpCancelOrder cancels the linked order: a held NexoPOS order is
	// deleted (it never took stock), a paid one voided; WooCommerce status
	// cancelled.
	OpCancelOrder Op = "cancel-order"
	// OpRefundOrder refunds the linked order.
	OpRefundOrder Op = "refund-order"
	// OpRecreateOrder replaces a held order whose lines changed: delete and
	// create, because re-lining an unpaid NexoPOS order returns stock that
	// was never taken.
	OpRecreateOrder Op = "recreate-order"
)

// Ref names a record on one side.
type Ref struct {
	Kind mapping.Kind
	Side Side
	ID   int64
}

// String names the record: "woocommerce product #12".
func (r Ref) String() string { return fmt.Sprintf("%s %s #%d", r.Side, r.Kind, r.ID) }

// Action is one write on the target side. Records in an action are in the
// target side's terms: their ids of other records (categories, customer,
// line products) are already translated; their own ID is the source's.
type Action struct {
	Op     Op
	Kind   mapping.Kind
	Target Side
	// TargetID is the record's id on the target side (0 for a create).
	TargetID int64
	// Source names the record that caused the action.
	Source Ref

	Category *Category
	Product  *Product
	Customer *Customer
	Order    *Order

	// Delta is the stock change for OpAdjustStock.
	Delta Decimal
	// Reason says why, in words, for dry runs and logs.
	Reason string

	// Link is the link to record once the action succeeded; the engine
	// fills in what only the write can tell (the new id, the target's
	// fingerprint, modification time and stock).
	Link mapping.Link
	// Marker, when set, names a cursor the engine sets to "done" after
	// the action succeeded and checks before applying it, so that a stock
	// move made for a skipped order happens once however often the order's
	// events arrive.
	Marker string
	// Baseline holds stock baseline moves caused by an order action, per
	// product link: the engine applies them after the action succeeded.
	Baseline []BaselineMove
}

// BaselineMove moves a product link's stock baseline on one side, so that a
// stock change carried by an order is not also carried as a delta.
type BaselineMove struct {
	Kind   mapping.Kind
	WooID  int64
	Side   Side
	Amount Decimal
}

// Skip is a record that was not synced, and why.
type Skip struct {
	Ref    Ref
	Reason string
	// Record is true when the skip must be kept in the store for a person
	// to see ("unknown payment method"), false for the routine ones
	// (stale event, echo of our own write).
	Record bool
}

// Plan is what the core decided for one change: the actions to apply in
// order, the records that must be synced first, and what was skipped.
type Plan struct {
	Actions []Action
	// Needs lists records that must be synced before this plan can be made
	// again (a product's category, an order's customer or products). When
	// it is not empty, Actions is empty.
	Needs []Ref
	Skips []Skip
}

// Empty reports whether the plan does nothing at all.
func (p Plan) Empty() bool { return len(p.Actions) == 0 && len(p.Needs) == 0 && len(p.Skips) == 0 }

// String renders the plan for a dry run, one line per entry.
func (p Plan) String() string {
	var b strings.Builder
	for _, n := range p.Needs {
		fmt.Fprintf(&b, "need   %s\n", n)
	}
	for _, a := range p.Actions {
		fmt.Fprintf(&b, "%-6s %s %s", a.Op, a.Target, a.Kind)
		if a.TargetID != 0 {
			fmt.Fprintf(&b, " #%d", a.TargetID)
		}
		fmt.Fprintf(&b, " from %s", a.Source)
		if a.Op == OpAdjustStock {
			fmt.Fprintf(&b, " by %s", a.Delta.String())
		}
		if a.Reason != "" {
			fmt.Fprintf(&b, ": %s", a.Reason)
		}
		b.WriteByte('\n')
	}
	for _, s := range p.Skips {
		fmt.Fprintf(&b, "skip   %s: %s\n", s.Ref, s.Reason)
	}
	return b.String()
}

func (p *Plan) skip(ref Ref, record bool, format string, args ...any) {
	p.Skips = append(p.Skips, Skip{Ref: ref, Reason: fmt.Sprintf(format, args...), Record: record})
}

// lookup finds the link of a record on side by its id there; ok is false
// when there is none.
func lookup(ctx context.Context, r Reader, kind mapping.Kind, side Side, id int64) (mapping.Link, bool, error) {
	var (
		l   mapping.Link
		err error
	)
	if side == Woo {
		l, err = r.ByWoo(ctx, kind, id)
	} else {
		l, err = r.ByNexo(ctx, kind, id)
	}
	if errors.Is(err, mapping.ErrNotFound) {
		return mapping.Link{}, false, nil
	}
	if err != nil {
		return mapping.Link{}, false, fmt.Errorf("syncer: look up %s %s #%d: %w", side, kind, id, err)
	}
	return l, true, nil
}

// idOn returns the link's id on side.
func idOn(l mapping.Link, side Side) int64 {
	if side == Woo {
		return l.WooID
	}
	return l.NexoID
}

func setID(l *mapping.Link, side Side, id int64) {
	if side == Woo {
		l.WooID = id
	} else {
		l.NexoID = id
	}
}

func fingerprintOn(l mapping.Link, side Side) string {
	if side == Woo {
		return l.WooFingerprint
	}
	return l.NexoFingerprint
}

func setFingerprint(l *mapping.Link, side Side, fp string) {
	if side == Woo {
		l.WooFingerprint = fp
	} else {
		l.NexoFingerprint = fp
	}
}

// sourceLink starts the link of a record not linked yet, with what is known
// of its own side: id, fingerprint and modification time.
func sourceLink(kind mapping.Kind, side Side, id int64, fp string, modified time.Time) mapping.Link {
	l := mapping.Link{Kind: kind}
	setID(&l, side, id)
	setFingerprint(&l, side, fp)
	setModified(&l, side, modified)
	return l
}
