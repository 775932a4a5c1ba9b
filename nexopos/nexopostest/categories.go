package nexopostest

import (
	"strconv"
)

func (c *call) listCategories() (any, *apiError) {
	st := c.h.st
	out := []any{}
	for _, ct := range st.categories {
		if c.query.Get("parent") == "true" && ct.ParentID != nil {
			continue
		}
		out = append(out, st.categoryJSON(ct))
	}
	return out, nil
}

func (c *call) getCategory() (any, *apiError) {
	st := c.h.st
	id, _ := c.paramID(0)
	ct := st.category(id)
	if ct == nil {
		return nil, errException("Unable to find the category using the provided identifier")
	}
	return st.categoryJSON(ct), nil
}

func (c *call) categoryProducts() (any, *apiError) {
	st := c.h.st
	id, _ := c.paramID(0)
	out := []any{}
	for _, p := range st.products {
		if p.CategoryID == id {
			out = append(out, st.productJSON(p))
		}
	}
	return out, nil
}

var categoryFields = []string{"name", "parent_id", "description", "media_id"}

func (c *call) categoryInput() obj {
	var in obj
	for _, k := range categoryFields {
		if v, ok := c.body.get(k); ok {
			in = append(in, kv{k, v})
		}
	}
	return in
}

func applyCategory(ct *Category, in obj) {
	for _, p := range in {
		switch p.k {
		case "name":
			ct.Name = str(p.v)
		case "parent_id":
			if p.v == nil {
				ct.ParentID = nil
			} else {
				ct.ParentID = idp(int64(num(p.v)))
			}
		case "description":
			ct.Description = optStr(p.v, true)
		}
	}
}

func (c *call) createCategory() (any, *apiError) {
	st := c.h.st
	now := c.h.now()
	pv := c.body.val("parent_id")
	if st.category(int64(num(pv))) == nil && int64(num(pv)) != 0 {
		return nil, errNotFound("Unable to find the attached category parent")
	}
	in := c.categoryInput()
	if len(in) == 0 {
		return nil, errNotFound("Unable to proceed. The request doesn't provide enough data which could be handled")
	}
	if v, ok := in.get("name"); !ok || v == nil {
		var cols, vals []string
		for _, p := range in {
			cols = append(cols, p.k)
			vals = append(vals, sqlValue(p.v))
		}
		cols = append(cols, "author", "updated_at", "created_at")
		vals = append(vals, strconv.FormatInt(st.author(), 10), sqlTime(now), sqlTime(now))
		if !ok {
			return nil, sqlInsertError("HY000", "General error: 1364 Field 'name' doesn't have a default value", "products_categories", cols, vals)
		}
		return nil, sqlInsertError("23000", "Integrity constraint violation: 1048 Column 'name' cannot be null", "products_categories", cols, vals)
	}
	ct := &Category{ID: st.next("categories"), Author: st.author(), CreatedAt: now, UpdatedAt: now}
	applyCategory(ct, in)
	st.categories = append(st.categories, ct)
	st.catTotals[ct.ID] = 0
	echo := append(obj{}, in...)
	echo = append(echo, kv{"author", ct.Author}, kv{"updated_at", isoTime(now)}, kv{"created_at", isoTime(now)}, kv{"id", ct.ID})
	return success("The category has been correctly saved", obj{{"category", echo}}), nil
}

func (c *call) updateCategory() (any, *apiError) {
	st := c.h.st
	ct := st.category(parseID(c.param(0)))
	if ct == nil {
		if pv, ok := c.body.get("parent_id"); !(ok && isNumeric(pv) && !isString(pv) && num(pv) == 0) {
			return nil, errNotFound("Unable to find the category using the provided identifier")
		}
	}
	in := c.categoryInput()
	if len(in) == 0 {
		return nil, errNotFound("Unable to proceed. The request doesn't provide enough data which could be handled")
	}
	if ct == nil {
		return nil, errException("Attempt to assign property \"%s\" on null", in[0].k)
	}
	if v, ok := in.get("name"); ok && v == nil {
		return nil, errException("SQLSTATE[23000]: Integrity constraint violation: 1048 Column 'name' cannot be null (Connection: mysql, SQL: update `ns_nexopos_products_categories` set `name` = ?, `updated_at` = %s where `id` = %d)", sqlTime(c.h.now()), ct.ID)
	}
	applyCategory(ct, in)
	ct.UpdatedAt = c.h.now()
	return success("The category has been updated", obj{{"category", st.categoryJSON(ct)}}), nil
}

func (c *call) deleteCategory() (any, *apiError) {
	st := c.h.st
	ct := st.category(parseID(c.param(0)))
	if ct == nil {
		return nil, errNotFound("Unable to find the category using the provided identifier.")
	}
	if e := st.deleteCategory(ct); e != nil {
		return nil, e
	}
	return obj{{"status", "success"}, {"message", "The category has been deleted."}}, nil
}

func (st *state) deleteCategory(ct *Category) *apiError {
	for _, o := range st.categories {
		if o.ParentID != nil && *o.ParentID == ct.ID {
			return errNotFound("Can't delete a category having sub categories linked to it.")
		}
	}
	var deps []*Product
	for _, p := range st.products {
		if p.CategoryID == ct.ID {
			deps = append(deps, p)
		}
	}
	if len(deps) > 0 {
		more := "."
		if n := len(deps) - 1; n == 1 {
			more = " and 1 more item."
		} else if n > 1 {
			more = " and " + strconv.Itoa(n) + " more items."
		}
		return errNotAllowed("Unable to delete \"%s\" as it's a dependency for \"%s\"%s", ct.Name, deps[0].Name, more)
	}
	for i, o := range st.categories {
		if o == ct {
			st.categories = append(st.categories[:i], st.categories[i+1:]...)
			break
		}
	}
	delete(st.catTotals, ct.ID)
	return nil
}

// parentName is the CRUD list's parent label.
func (st *state) parentName(ct *Category) string {
	if ct.ParentID != nil {
		if p := st.category(*ct.ParentID); p != nil {
			return p.Name
		}
	}
	return "No Parent"
}
