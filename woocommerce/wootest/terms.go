package wootest

import (
	"encoding/json"
	"fmt"
	"strings"
)

// Categories and tags (WC_REST_Terms_Controller).

func termNotFound() *apiError {
	return newErr(404, "woocommerce_rest_term_invalid", "Resource does not exist.")
}

func (s *Store) termCount(id int64, tag bool) int {
	n := 0
	for _, p := range s.products {
		if p.isVariation() || p.status != "publish" {
			continue
		}
		list := p.categories
		if tag {
			list = p.tags
		}
		if containsID(list, id) {
			n++
		}
	}
	return n
}

func (s *Store) renderCategory(base string, c *Category) Category {
	out := *c
	if c.Image != nil {
		img := *c.Image
		out.Image = &img
	}
	out.Count = s.termCount(c.ID, false)
	out.Links = Links{
		"self":       {{Href: fmt.Sprintf("%s/wp-json/wc/v3/products/categories/%d", base, c.ID), TargetHints: allHints()}},
		"collection": {{Href: base + "/wp-json/wc/v3/products/categories"}},
	}
	if c.Parent != 0 {
		out.Links["up"] = []Link{{Href: fmt.Sprintf("%s/wp-json/wc/v3/products/categories/%d", base, c.Parent)}}
	}
	return out
}

func (s *Store) renderTag(base string, t *Tag) Tag {
	out := *t
	out.Count = s.termCount(t.ID, true)
	out.Links = Links{
		"self":       {{Href: fmt.Sprintf("%s/wp-json/wc/v3/products/tags/%d", base, t.ID), TargetHints: allHints()}},
		"collection": {{Href: base + "/wp-json/wc/v3/products/tags"}},
	}
	return out
}

func (s *Store) termSlugTaken(slug string, tag bool, self int64) bool {
	if tag {
		for _, t := range s.tags {
			if t.ID != self && t.Slug == slug {
				return true
			}
		}
		return false
	}
	for _, c := range s.categories {
		if c.ID != self && c.Slug == slug {
			return true
		}
	}
	return false
}

func (s *Store) uniqueTermSlug(slug string, tag bool, self int64) string {
	if !s.termSlugTaken(slug, tag, self) {
		return slug
	}
	for i := 2; ; i++ {
		c := fmt.Sprintf("%s-%d", slug, i)
		if !s.termSlugTaken(c, tag, self) {
			return c
		}
	}
}

// termExists reports a term with the same name (and, for categories, the
// same parent), as wp_insert_term refuses it.
func (s *Store) termExists(name string, parent int64, tag bool, self int64) int64 {
	if tag {
		for _, t := range s.tags {
			if t.ID != self && strings.EqualFold(t.Name, name) {
				return t.ID
			}
		}
		return 0
	}
	for _, c := range s.categories {
		if c.ID != self && strings.EqualFold(c.Name, name) && c.Parent == parent {
			return c.ID
		}
	}
	return 0
}

func termExistsErr(id int64, tag bool) *apiError {
	msg := "A term with the name provided already exists with this parent."
	if tag {
		msg = "A term with the name provided already exists in this taxonomy."
	}
	return &apiError{Status: 400, Code: "term_exists", Message: msg, Data: omap{{"resource_id", id}}}
}

func termBody(tag bool) []arg {
	if tag {
		return []arg{a("name", tS()), a("slug", tS()), a("description", tS())}
	}
	return []arg{a("name", tS()), a("slug", tS()), a("parent", tI()), a("description", tS()),
		a("display", tE("default", "products", "subcategories", "both")),
		a("image", &sch{types: []string{"object", "null"}}), a("menu_order", tI())}
}

func (s *Store) createCategory(body map[string]json.RawMessage) (*Category, *apiError) {
	name := strings.TrimSpace(asString(body["name"]))
	if name == "" {
		return nil, newErr(400, "empty_term_name", "A name is required for this term.")
	}
	c := &Category{Name: name, Display: "default"}
	if v, ok := body["parent"]; ok {
		c.Parent = asInt(v)
		if c.Parent != 0 && s.categories[c.Parent] == nil {
			return nil, newErr(400, "woocommerce_rest_term_invalid", "Parent term does not exist.")
		}
	}
	if id := s.termExists(name, c.Parent, false, 0); id != 0 {
		return nil, termExistsErr(id, false)
	}
	if err := s.applyCategory(c, body); err != nil {
		return nil, err
	}
	s.seq.term++
	c.ID = s.seq.term
	slug := c.Slug
	if slug == "" {
		slug = sanitizeTitle(name)
	}
	c.Slug = s.uniqueTermSlug(slug, false, c.ID)
	s.categories[c.ID] = c
	return c, nil
}

func (s *Store) applyCategory(c *Category, body map[string]json.RawMessage) *apiError {
	if v, ok := body["name"]; ok && strings.TrimSpace(asString(v)) != "" {
		c.Name = strings.TrimSpace(asString(v))
	}
	if v, ok := body["slug"]; ok && asString(v) != "" {
		c.Slug = s.uniqueTermSlug(sanitizeTitle(asString(v)), false, c.ID)
	}
	if v, ok := body["description"]; ok {
		c.Description = asString(v)
	}
	if v, ok := body["display"]; ok {
		c.Display = asString(v)
	}
	if v, ok := body["menu_order"]; ok {
		c.MenuOrder = int(asInt(v))
	}
	if v, ok := body["parent"]; ok && c.ID != 0 {
		p := asInt(v)
		if p != 0 && s.categories[p] == nil {
			return newErr(400, "woocommerce_rest_term_invalid", "Parent term does not exist.")
		}
		c.Parent = p
	}
	if v, ok := body["image"]; ok {
		if obj := asObject(v); obj != nil && (asInt(obj["id"]) != 0 || asString(obj["src"]) != "") {
			img := s.newImage(obj)
			c.Image = &img
		} else {
			c.Image = nil
		}
	}
	return nil
}

func (s *Store) createTag(body map[string]json.RawMessage) (*Tag, *apiError) {
	name := strings.TrimSpace(asString(body["name"]))
	if name == "" {
		return nil, newErr(400, "empty_term_name", "A name is required for this term.")
	}
	if id := s.termExists(name, 0, true, 0); id != 0 {
		return nil, termExistsErr(id, true)
	}
	s.seq.term++
	t := &Tag{ID: s.seq.term, Name: name, Description: asString(body["description"])}
	slug := sanitizeTitle(asString(body["slug"]))
	if slug == "" {
		slug = sanitizeTitle(name)
	}
	t.Slug = s.uniqueTermSlug(slug, true, t.ID)
	s.tags[t.ID] = t
	return t, nil
}

func (s *Store) deleteCategory(base string, id int64, force bool) (any, *apiError) {
	c := s.categories[id]
	if c == nil {
		return nil, termNotFound()
	}
	if !force {
		return nil, newErr(501, "woocommerce_rest_trash_not_supported", "Resource does not support trashing.")
	}
	if id == s.defaultCategory() {
		return nil, newErr(500, "woocommerce_rest_cannot_delete", "The resource cannot be deleted.")
	}
	out := s.renderCategory(base, c)
	for _, other := range s.categories {
		if other.Parent == id {
			other.Parent = c.Parent
		}
	}
	delete(s.categories, id)
	for _, p := range s.products {
		if containsID(p.categories, id) {
			p.categories = removeID(p.categories, id)
			if len(p.categories) == 0 && !p.isVariation() {
				p.categories = []int64{s.defaultCategory()}
			}
		}
	}
	return out, nil
}

func (s *Store) deleteTag(base string, id int64, force bool) (any, *apiError) {
	t := s.tags[id]
	if t == nil {
		return nil, termNotFound()
	}
	if !force {
		return nil, newErr(501, "woocommerce_rest_trash_not_supported", "Resource does not support trashing.")
	}
	out := s.renderTag(base, t)
	delete(s.tags, id)
	for _, p := range s.products {
		p.tags = removeID(p.tags, id)
	}
	return out, nil
}

func removeID(list []int64, id int64) []int64 {
	var out []int64
	for _, x := range list {
		if x != id {
			out = append(out, x)
		}
	}
	return out
}

func termListArgs(tag bool) []arg {
	args := []arg{
		a("context", tE("view", "edit")), a("page", tI().withMin(1)), a("per_page", tI().withMin(1).withMax(100)),
		a("search", tS()), a("exclude", tIDs()), a("include", tIDs()), a("offset", tI()),
		a("order", tE("asc", "desc")), a("orderby", tE("id", "include", "name", "slug", "term_group", "description", "count")),
		a("hide_empty", tB()),
	}
	if !tag {
		args = append(args, a("parent", tI()))
	}
	return append(args, a("product", tI()), a("slug", tS()))
}

func (s *Store) listTerms(rc *reqCtx, tag bool) *response {
	hideEmpty, _ := rc.qBool("hide_empty")
	parentStr, hasParent := queryValue(rc, "parent")
	parent := asInt(json.RawMessage(fmt.Sprintf("%q", parentStr)))
	slug := rc.q("slug")
	productID := int64(rc.qInt("product", 0))
	var prodTerms []int64
	if productID != 0 {
		if p := s.products[productID]; p != nil {
			prodTerms = p.categories
			if tag {
				prodTerms = p.tags
			}
		}
	}
	type term struct {
		id          int64
		name, slug  string
		parent      int64
		description string
	}
	var all []term
	if tag {
		for _, t := range s.tags {
			all = append(all, term{t.ID, t.Name, t.Slug, 0, t.Description})
		}
	} else {
		for _, c := range s.categories {
			all = append(all, term{c.ID, c.Name, c.Slug, c.Parent, c.Description})
		}
	}
	var rows []listRow[int64]
	for _, t := range all {
		if hasParent && !tag && t.parent != parent {
			continue
		}
		if slug != "" && !contains(splitList(slug), t.slug) {
			continue
		}
		if productID != 0 && !containsID(prodTerms, t.id) {
			continue
		}
		if hideEmpty && s.termCount(t.id, tag) == 0 {
			continue
		}
		rows = append(rows, listRow[int64]{key: rowKey{id: t.id, title: t.name, slug: t.slug,
			text: strings.ToLower(t.name + " " + t.slug + " " + t.description)}, v: t.id})
	}
	return listResponse(s, rc, rows, listOpts{defOrderby: "name", defOrder: "asc", noDates: true,
		extraOrder: func(ob string, a, b rowKey) (int, bool) {
			switch ob {
			case "count":
				return s.termCount(a.id, tag) - s.termCount(b.id, tag), true
			case "description":
				return strings.Compare(strings.ToLower(a.text), strings.ToLower(b.text)), true
			case "term_group":
				return 0, true // the fake has no term groups: every term ties
			}
			return cmpInt(a.id, b.id), true
		}}, func(id int64) any {
		if tag {
			return s.renderTag(rc.base, s.tags[id])
		}
		return s.renderCategory(rc.base, s.categories[id])
	})
}

func catExists(s *Store, rc *reqCtx) bool { return s.categories[rc.ids[0]] != nil }
func tagExists(s *Store, rc *reqCtx) bool { return s.tags[rc.ids[0]] != nil }

func init() {
	addRoute("/products/categories", map[string]*handler{
		"GET": {fn: func(s *Store, rc *reqCtx) *response { return s.listTerms(rc, false) }, perm: permList, args: termListArgs(false)},
		"POST": {fn: func(s *Store, rc *reqCtx) *response {
			c, err := s.createCategory(rc.body)
			if err != nil {
				return err.response()
			}
			return created(s.renderCategory(rc.base, c), fmt.Sprintf("%s/wp-json/wc/v3/products/categories/%d", rc.base, c.ID))
		}, perm: permCreate, body: termBody(false), required: []string{"name"}},
	})
	addRoute("/products/categories/batch", map[string]*handler{editable: {fn: (*Store).batchCategories, perm: permBatch}})
	addRoute("/products/categories/{id}", map[string]*handler{
		"GET": {fn: func(s *Store, rc *reqCtx) *response {
			c := s.categories[rc.ids[0]]
			if c == nil {
				return termNotFound().response()
			}
			return ok(s.renderCategory(rc.base, c))
		}, perm: permView, exists: catExists},
		editable: {fn: func(s *Store, rc *reqCtx) *response {
			c, err := s.updateCategory(rc.ids[0], rc.body)
			if err != nil {
				return err.response()
			}
			return ok(s.renderCategory(rc.base, c))
		}, perm: permEdit, body: termBody(false), exists: catExists},
		"DELETE": {fn: func(s *Store, rc *reqCtx) *response {
			out, err := s.deleteCategory(rc.base, rc.ids[0], rc.force())
			if err != nil {
				return err.response()
			}
			return ok(out)
		}, perm: permDelete, args: []arg{a("force", tB())}, exists: catExists},
	})
	addRoute("/products/tags", map[string]*handler{
		"GET": {fn: func(s *Store, rc *reqCtx) *response { return s.listTerms(rc, true) }, perm: permList, args: termListArgs(true)},
		"POST": {fn: func(s *Store, rc *reqCtx) *response {
			t, err := s.createTag(rc.body)
			if err != nil {
				return err.response()
			}
			return created(s.renderTag(rc.base, t), fmt.Sprintf("%s/wp-json/wc/v3/products/tags/%d", rc.base, t.ID))
		}, perm: permCreate, body: termBody(true), required: []string{"name"}},
	})
	addRoute("/products/tags/batch", map[string]*handler{editable: {fn: (*Store).batchTags, perm: permBatch}})
	addRoute("/products/tags/{id}", map[string]*handler{
		"GET": {fn: func(s *Store, rc *reqCtx) *response {
			t := s.tags[rc.ids[0]]
			if t == nil {
				return termNotFound().response()
			}
			return ok(s.renderTag(rc.base, t))
		}, perm: permView, exists: tagExists},
		editable: {fn: func(s *Store, rc *reqCtx) *response {
			t, err := s.updateTag(rc.ids[0], rc.body)
			if err != nil {
				return err.response()
			}
			return ok(s.renderTag(rc.base, t))
		}, perm: permEdit, body: termBody(true), exists: tagExists},
		"DELETE": {fn: func(s *Store, rc *reqCtx) *response {
			out, err := s.deleteTag(rc.base, rc.ids[0], rc.force())
			if err != nil {
				return err.response()
			}
			return ok(out)
		}, perm: permDelete, args: []arg{a("force", tB())}, exists: tagExists},
	})
}

func (s *Store) updateCategory(id int64, body map[string]json.RawMessage) (*Category, *apiError) {
	c := s.categories[id]
	if c == nil {
		return nil, termNotFound()
	}
	cp := *c
	if v, ok := body["name"]; ok {
		name := strings.TrimSpace(asString(v))
		parent := cp.Parent
		if pv, ok := body["parent"]; ok {
			parent = asInt(pv)
		}
		if other := s.termExists(name, parent, false, id); other != 0 {
			return nil, newErr(400, "duplicate_term_slug", "A term with the name provided already exists with this parent.")
		}
	}
	if err := s.applyCategory(&cp, body); err != nil {
		return nil, err
	}
	*c = cp
	return c, nil
}

func (s *Store) updateTag(id int64, body map[string]json.RawMessage) (*Tag, *apiError) {
	t := s.tags[id]
	if t == nil {
		return nil, termNotFound()
	}
	if v, ok := body["name"]; ok && strings.TrimSpace(asString(v)) != "" {
		t.Name = strings.TrimSpace(asString(v))
	}
	if v, ok := body["slug"]; ok && asString(v) != "" {
		t.Slug = s.uniqueTermSlug(sanitizeTitle(asString(v)), true, id)
	}
	if v, ok := body["description"]; ok {
		t.Description = asString(v)
	}
	return t, nil
}
