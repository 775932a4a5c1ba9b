package syncer

import (
	"context"

	"github.com/woonexo/woonexo/mapping"
)

// PlanCustomer plans what a change to customer c means for the other side:
// create (the engine first looks the email up there and links what it
// finds, whatever that user's role), update, or nothing.
func PlanCustomer(ctx context.Context, cfg Config, r Reader, c Customer) (Plan, error) {
	var plan Plan
	src := Ref{mapping.KindCustomer, c.Side, c.ID}
	to := other(c.Side)
	if !cfg.direction(to).Customers {
		plan.skip(src, false, "sending customers to %s is turned off", to)
		return plan, nil
	}
	link, linked, err := lookup(ctx, r, mapping.KindCustomer, c.Side, c.ID)
	if err != nil {
		return plan, err
	}
	target := c
	target.Side, target.ID = to, 0
	fp := c.Fingerprint()
	if !linked {
		if c.Email == "" {
			plan.skip(src, true, "customer has no email address, the key both sides share")
			return plan, nil
		}
		l := sourceLink(mapping.KindCustomer, c.Side, c.ID, fp, c.Modified)
		plan.Actions = append(plan.Actions, Action{Op: OpCreate, Kind: mapping.KindCustomer, Target: to, Source: src,
			Customer: &target, Link: l, Reason: "not on " + string(to) + " yet"})
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
	plan.Actions = append(plan.Actions, Action{Op: OpUpdate, Kind: mapping.KindCustomer, Target: to, TargetID: idOn(link, to),
		Source: src, Customer: &target, Link: l, Reason: "name or email changed"})
	return plan, nil
}
