package nexopostest

import (
	"fmt"
	"time"
)

func (c *call) getUser() (any, *apiError) { return c.h.st.userJSON(false), nil }

func (c *call) createToken() (any, *apiError) {
	st := c.h.st
	now := c.h.now()
	name := str(c.body.val("name"))
	if name == "" {
		return nil, errException("The name field is required.")
	}
	t := &token{ID: st.next("tokens"), Name: name, CreatedAt: now, UpdatedAt: now}
	t.Plain = c.h.newTokenString(t.ID)
	st.tokens = append(st.tokens, t)
	return success("The token was successfully created", obj{{"token", obj{
		{"accessToken", obj{{"name", name}, {"abilities", []any{"*"}}, {"expires_at", nil}, {"tokenable_id", st.admin.ID},
			{"tokenable_type", "App\\Models\\User"}, {"updated_at", isoTime(now)}, {"created_at", "0 seconds ago"}, {"id", t.ID}}},
		{"plainTextToken", t.Plain},
	}}}), nil
}

func ago(now, t time.Time) string {
	d := now.Sub(t)
	switch {
	case d < time.Minute:
		return fmt.Sprintf("%d seconds ago", int(d.Seconds()))
	case d < time.Hour:
		n := int(d.Minutes())
		if n == 1 {
			return "1 minute ago"
		}
		return fmt.Sprintf("%d minutes ago", n)
	case d < 24*time.Hour:
		n := int(d.Hours())
		if n == 1 {
			return "1 hour ago"
		}
		return fmt.Sprintf("%d hours ago", n)
	}
	n := int(d.Hours() / 24)
	if n == 1 {
		return "1 day ago"
	}
	return fmt.Sprintf("%d days ago", n)
}

func (c *call) listTokens() (any, *apiError) {
	st := c.h.st
	now := c.h.now()
	out := []any{}
	for i := len(st.tokens) - 1; i >= 0; i-- {
		t := st.tokens[i]
		var last any
		if t.LastUsed != nil {
			last = ago(now, *t.LastUsed)
		}
		out = append(out, obj{{"id", t.ID}, {"tokenable_type", "App\\Models\\User"}, {"tokenable_id", st.admin.ID}, {"name", t.Name},
			{"abilities", []any{"*"}}, {"last_used_at", last}, {"expires_at", nil}, {"created_at", ago(now, t.CreatedAt)},
			{"updated_at", isoTime(t.UpdatedAt)}})
	}
	return out, nil
}

func (c *call) deleteToken() (any, *apiError) {
	st := c.h.st
	id := parseID(c.param(0))
	for i, t := range st.tokens {
		if t.ID == id {
			st.tokens = append(st.tokens[:i], st.tokens[i+1:]...)
			return obj{{"status", "success"}, {"message", "The token has been successfully deleted."}}, nil
		}
	}
	return nil, errNotFound("Unable to find the requested token.")
}

func (c *call) listUnits() (any, *apiError) {
	out := []any{}
	for _, u := range c.h.st.units {
		out = append(out, c.h.st.unitJSON(u))
	}
	return out, nil
}

func (c *call) getUnit() (any, *apiError) {
	u := c.h.st.unit(parseID(c.param(0)))
	if u == nil {
		// what UnitsController answers for an unknown id
		return nil, errException("Array to string conversion")
	}
	return c.h.st.unitJSON(u), nil
}

func (c *call) getUnitParentGroup() (any, *apiError) {
	st := c.h.st
	u := st.unit(parseID(c.param(0)))
	if u == nil {
		return nil, errNullOffset
	}
	if g := st.unitGroup(u.GroupID); g != nil {
		return st.unitGroupJSON(g), nil
	}
	return nil, nil
}

func (c *call) getUnitSiblings() (any, *apiError) {
	st := c.h.st
	u := st.unit(parseID(c.param(0)))
	if u == nil {
		return nil, errNullOffset
	}
	out := []any{}
	for _, o := range st.units {
		if o.GroupID == u.GroupID && o.ID != u.ID {
			out = append(out, st.unitJSON(o))
		}
	}
	return out, nil
}

func (c *call) listUnitGroups() (any, *apiError) {
	out := []any{}
	for _, g := range c.h.st.unitGroups {
		out = append(out, c.h.st.unitGroupJSON(g))
	}
	return out, nil
}

func (c *call) getUnitGroup() (any, *apiError) {
	g := c.h.st.unitGroup(parseID(c.param(0)))
	if g == nil {
		return nil, nil
	}
	return c.h.st.unitGroupJSON(g), nil
}

func (c *call) unitGroupUnits() (any, *apiError) {
	id := parseID(c.param(0))
	out := []any{}
	for _, u := range c.h.st.units {
		if u.GroupID == id {
			out = append(out, c.h.st.unitJSON(u))
		}
	}
	return out, nil
}

func (c *call) listTaxes() (any, *apiError) {
	out := []any{}
	for _, t := range c.h.st.taxes {
		out = append(out, c.h.st.taxJSON(t))
	}
	return out, nil
}

func (c *call) getTax() (any, *apiError) {
	t := c.h.st.tax(parseID(c.param(0)))
	if t == nil {
		return nil, errException("Unable to find the tax using the provided identifier.")
	}
	return c.h.st.taxJSON(t), nil
}

func (c *call) listTaxGroups() (any, *apiError) {
	out := []any{}
	for _, g := range c.h.st.taxGroups {
		out = append(out, c.h.st.taxGroupJSON(g, true))
	}
	return out, nil
}

func (c *call) getTaxGroup() (any, *apiError) {
	st := c.h.st
	g := st.taxGroup(parseID(c.param(0)))
	if g == nil {
		return nil, errNotFound("Unable to retrieve the requested tax group using the provided identifier \"%s\".", c.param(0))
	}
	// a single group lists its taxes through a join: the tax id is tax_id
	o := st.taxGroupJSON(g, false)
	taxes := []any{}
	for _, t := range st.taxes {
		if t.TaxGroupID == g.ID {
			taxes = append(taxes, append(st.taxJSON(t).without("id"), kv{"tax_id", t.ID}))
		}
	}
	return append(o, kv{"taxes", taxes}), nil
}
