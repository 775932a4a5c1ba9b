package wootest

import (
	"encoding/json"
	"fmt"
	"strings"
)

func (s *Store) variationFromPath(rc *reqCtx) *prod {
	if len(rc.ids) < 2 {
		return nil
	}
	v := s.products[rc.ids[1]]
	if v == nil || !v.isVariation() || v.parentID != rc.ids[0] {
		return nil
	}
	return v
}

func variationExists(s *Store, rc *reqCtx) bool { return s.variationFromPath(rc) != nil }

func (s *Store) createVariation(parentID int64, body map[string]json.RawMessage) (*prod, *apiError) {
	parent := s.products[parentID]
	if parent == nil || parent.isVariation() {
		return nil, newErr(404, "woocommerce_rest_product_variation_invalid_parent", "Invalid parent product.")
	}
	if v, ok := body["id"]; ok && asInt(v) != 0 {
		return nil, newErr(400, "woocommerce_rest_product_variation_exists", "Cannot create existing product_variation.")
	}
	v := newProd("variation")
	v.parentID = parentID
	v.reviewsAllowed = false
	v.catalogVisibility = "visible"
	if err := s.applyProduct(v, body, true); err != nil {
		return nil, err
	}
	s.seq.post++
	v.id = s.seq.post
	v.menuOrder = max(v.menuOrder, 0)
	now := s.now()
	v.created, v.modified = now, now
	s.products[v.id] = v
	parent.modified = now
	return v, nil
}

func (s *Store) updateVariation(rc *reqCtx, parentID, id int64, body map[string]json.RawMessage) (*prod, *apiError) {
	v := s.products[id]
	if v == nil || !v.isVariation() || v.parentID != parentID {
		return nil, invalidID("product_variation", 400)
	}
	c := copyProd(v)
	owner := s.stockOwner(v)
	before := owner.stock
	if err := s.applyProduct(c, body, false); err != nil {
		return nil, err
	}
	c.modified = s.now()
	s.products[id] = c
	rc.emit(s, "product.updated", id)
	if o := s.stockOwner(c); o.manageStock && o.stock != before {
		rc.emitAction(s, "woocommerce_variation_set_stock")
	}
	return c, nil
}

func (s *Store) deleteVariation(rc *reqCtx, parentID, id int64, force bool) (any, *apiError) {
	v := s.products[id]
	if v == nil || !v.isVariation() || v.parentID != parentID {
		return nil, invalidID("product_variation", 404)
	}
	if !force {
		return nil, newErr(501, "woocommerce_rest_trash_not_supported", "The product_variation does not support trashing.")
	}
	out := s.renderVariation(rc.base, v)
	delete(s.products, id)
	return out, nil
}

func (s *Store) listVariations(rc *reqCtx) *response {
	parentID := rc.ids[0]
	status := rc.q("status")
	if status == "" {
		status = "any"
	}
	sku := rc.q("sku")
	stockStatus := rc.q("stock_status")
	var rows []listRow[*prod]
	for _, v := range s.children(parentID) {
		if status != "any" && v.status != status {
			continue
		}
		if status == "any" && v.status == "trash" {
			continue
		}
		if sku != "" && !contains(strings.Split(sku, ","), v.sku) {
			continue
		}
		if stockStatus != "" && s.computedStockStatus(v) != stockStatus {
			continue
		}
		rows = append(rows, listRow[*prod]{key: rowKey{id: v.id, created: v.created, modified: v.modified, title: s.fullName(v),
			text: strings.ToLower(s.fullName(v) + " " + v.description + " " + v.sku)}, v: v})
	}
	return listResponse(s, rc, rows, listOpts{defOrderby: "date", defOrder: "desc", extraOrder: func(ob string, a, b rowKey) (int, bool) {
		pa, pb := s.products[a.id], s.products[b.id]
		if ob == "menu_order" && pa != nil && pb != nil {
			return pa.menuOrder - pb.menuOrder, true
		}
		return cmpInt(a.id, b.id), true
	}}, func(v *prod) any { return s.renderVariation(rc.base, v) })
}

func (s *Store) handleCreateVariation(rc *reqCtx) *response {
	v, err := s.createVariation(rc.ids[0], rc.body)
	if err != nil {
		return err.response()
	}
	rc.emit(s, "product.created", v.id)
	return created(s.renderVariation(rc.base, v), fmt.Sprintf("%s/wp-json/wc/v3/products/%d/variations/%d", rc.base, rc.ids[0], v.id))
}

func (s *Store) handleGetVariation(rc *reqCtx) *response {
	v := s.variationFromPath(rc)
	if v == nil {
		return invalidID("product_variation", 404).response()
	}
	return ok(s.renderVariation(rc.base, v))
}

func (s *Store) handleUpdateVariation(rc *reqCtx) *response {
	v, err := s.updateVariation(rc, rc.ids[0], rc.ids[1], rc.body)
	if err != nil {
		return err.response()
	}
	return ok(s.renderVariation(rc.base, v))
}

func (s *Store) handleDeleteVariation(rc *reqCtx) *response {
	out, err := s.deleteVariation(rc, rc.ids[0], rc.ids[1], rc.force())
	if err != nil {
		return err.response()
	}
	return ok(out)
}

func init() {
	addRoute("/products/{id}/variations", map[string]*handler{
		"GET": {fn: (*Store).listVariations, perm: permList, args: collectionArgs(
			[]string{"date", "modified", "id", "include", "title", "slug", "menu_order"},
			a("status", tE("any", "draft", "pending", "private", "publish")), a("sku", tS()),
			a("stock_status", tE("instock", "outofstock", "onbackorder")), a("on_sale", tB()),
			a("min_price", tS()), a("max_price", tS()))},
		"POST": {fn: (*Store).handleCreateVariation, perm: permCreate, body: variationBody()},
	})
	addRoute("/products/{id}/variations/batch", map[string]*handler{
		editable: {fn: (*Store).batchVariations, perm: permBatch},
	})
	addRoute("/products/{id}/variations/{id}", map[string]*handler{
		"GET":    {fn: (*Store).handleGetVariation, perm: permView, exists: variationExists},
		editable: {fn: (*Store).handleUpdateVariation, perm: permEdit, body: variationBody(), exists: variationExists},
		"DELETE": {fn: (*Store).handleDeleteVariation, perm: permDelete, args: []arg{a("force", tB())}, exists: variationExists},
	})
}
