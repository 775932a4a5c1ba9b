package syncer

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/woonexo/woonexo/nexopos"
)

// CheckDefaults reads, on NexoPOS, each record [Defaults] names, so that a
// configuration the POS cannot honour fails at start with what is wrong
// rather than on every record later. A customer group is required as soon
// as customers or orders travel to NexoPOS: NexoPOS 5.x refuses a customer
// without one (500 "The general.group id field is required."), and the
// error lists the groups the POS has to choose from. [Engine.Run] calls it
// first.
func (e *Engine) CheckDefaults(ctx context.Context) error {
	d, to := e.cfg.Defaults, e.cfg.ToNexo
	var errs []error
	check := func(what, field string, id int64, get func(context.Context, int64) error) {
		if id == 0 {
			return
		}
		if err := get(ctx, id); err != nil {
			errs = append(errs, fmt.Errorf("default %s (Defaults.%s %d): %w", what, field, id, err))
		}
	}
	check("category", "CategoryID", d.CategoryID, func(ctx context.Context, id int64) error { _, err := e.nexo.Categories.Get(ctx, id); return err })
	check("unit group", "UnitGroupID", d.UnitGroupID, func(ctx context.Context, id int64) error { _, err := e.nexo.UnitGroups.Get(ctx, id); return err })
	check("unit", "UnitID", d.UnitID, func(ctx context.Context, id int64) error { _, err := e.nexo.Units.Get(ctx, id); return err })
	check("tax group", "TaxGroupID", d.TaxGroupID, func(ctx context.Context, id int64) error { _, err := e.nexo.TaxGroups.Get(ctx, id); return err })
	check("walk-in customer", "WalkInCustomerID", d.WalkInCustomerID, func(ctx context.Context, id int64) error { _, err := e.nexo.Customers.Get(ctx, id); return err })
	if d.CustomerGroupID != 0 || to.Customers || to.Orders {
		if err := e.checkCustomerGroup(ctx, d.CustomerGroupID); err != nil {
			errs = append(errs, err)
		}
	}
	if len(errs) > 0 {
		return fmt.Errorf("syncer: check defaults against NexoPOS: %w", errors.Join(errs...))
	}
	return nil
}

// checkCustomerGroup reports whether customer group id is one the POS has;
// its error names the groups there are.
func (e *Engine) checkCustomerGroup(ctx context.Context, id int64) error {
	var names []string
	for g, err := range e.nexo.CustomerGroups.All(ctx, nil) {
		if err != nil {
			return fmt.Errorf("default customer group: list NexoPOS customer groups: %w", err)
		}
		if g.ID == id {
			return nil
		}
		names = append(names, fmt.Sprintf("%d %q", g.ID, g.Name))
	}
	have := "NexoPOS has no customer group: create one"
	if len(names) > 0 {
		have = "NexoPOS has " + strings.Join(names, ", ")
	}
	if id == 0 {
		return fmt.Errorf("default customer group (Defaults.CustomerGroupID) is not set, and NexoPOS refuses a customer without a group; %s", have)
	}
	return fmt.Errorf("default customer group (Defaults.CustomerGroupID %d) is not a NexoPOS customer group (%w); %s", id, nexopos.ErrNotFound, have)
}
