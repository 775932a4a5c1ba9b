package wootest

import (
	"encoding/json"
	"fmt"
	"strings"
	"time"
)

type couponRec struct {
	c                 Coupon
	created, modified time.Time
	expires           time.Time
}

func (s *Store) couponByCode(code string) *couponRec {
	code = strings.ToLower(strings.TrimSpace(code))
	var found *couponRec
	for _, c := range s.coupons {
		if c.c.Status != "trash" && strings.ToLower(c.c.Code) == code && (found == nil || c.c.ID < found.c.ID) {
			found = c
		}
	}
	return found
}

func (s *Store) renderCoupon(base string, r *couponRec) Coupon {
	out := clone(r.c)
	out.DateCreated, out.DateCreatedGMT = s.datePair(r.created)
	out.DateModified, out.DateModifiedGMT = s.datePair(r.modified)
	out.DateExpires, out.DateExpiresGMT = s.datePair(r.expires)
	out.ProductIDs = nonNil(out.ProductIDs)
	out.ExcludedProductIDs = nonNil(out.ExcludedProductIDs)
	out.ProductCategories = nonNil(out.ProductCategories)
	out.ExcludedProductCategories = nonNil(out.ExcludedProductCategories)
	out.EmailRestrictions = nonNil(out.EmailRestrictions)
	out.UsedBy = nonNil(out.UsedBy)
	out.MetaData = nonNil(out.MetaData)
	out.Links = Links{
		"self":       {{Href: fmt.Sprintf("%s/wp-json/wc/v3/coupons/%d", base, r.c.ID), TargetHints: allHints()}},
		"collection": {{Href: base + "/wp-json/wc/v3/coupons"}},
	}
	return out
}

func couponBody() []arg {
	return []arg{
		a("code", tS()), a("amount", tS()), a("status", tS()), a("discount_type", tE("percent", "fixed_cart", "fixed_product")),
		a("description", tS()), a("date_expires", tDate()), a("date_expires_gmt", tDate()), a("individual_use", tB()),
		a("product_ids", tIDs()), a("excluded_product_ids", tIDs()), a("usage_limit", tNI()), a("usage_limit_per_user", tNI()),
		a("limit_usage_to_x_items", tNI()), a("free_shipping", tB()), a("product_categories", tIDs()),
		a("excluded_product_categories", tIDs()), a("exclude_sale_items", tB()), a("minimum_amount", tS()),
		a("maximum_amount", tS()), a("email_restrictions", tA(tS())), a("meta_data", metaArgs()),
	}
}

func (s *Store) applyCoupon(r *couponRec, body map[string]json.RawMessage) *apiError {
	c := &r.c
	if v, ok := body["code"]; ok {
		code := strings.ToLower(strings.TrimSpace(asString(v)))
		if other := s.couponByCode(code); other != nil && other.c.ID != c.ID {
			return newErr(400, "woocommerce_rest_coupon_code_already_exists", "The coupon code already exists")
		}
		c.Code = code
	}
	str := func(k string, dst *string) {
		if v, ok := body[k]; ok {
			*dst = asString(v)
		}
	}
	if v, ok := body["amount"]; ok {
		c.Amount = formatDecimal(asString(v))
		if c.Amount == "" {
			c.Amount = "0"
		}
	}
	str("status", &c.Status)
	str("discount_type", &c.DiscountType)
	str("description", &c.Description)
	if v, ok := body["minimum_amount"]; ok {
		c.MinimumAmount = formatDecimal(asString(v))
	}
	if v, ok := body["maximum_amount"]; ok {
		c.MaximumAmount = formatDecimal(asString(v))
	}
	boolean := func(k string, dst *bool) {
		if v, ok := body[k]; ok {
			*dst = asBool(v)
		}
	}
	boolean("individual_use", &c.IndividualUse)
	boolean("free_shipping", &c.FreeShipping)
	boolean("exclude_sale_items", &c.ExcludeSaleItems)
	ids := func(k string, dst *[]int64) {
		if v, ok := body[k]; ok {
			*dst = asIDs(v)
		}
	}
	ids("product_ids", &c.ProductIDs)
	ids("excluded_product_ids", &c.ExcludedProductIDs)
	ids("product_categories", &c.ProductCategories)
	ids("excluded_product_categories", &c.ExcludedProductCategories)
	nint := func(k string, dst **int) {
		if v, ok := body[k]; ok {
			if isNull(v) || asString(v) == "" || asInt(v) == 0 {
				*dst = nil
			} else {
				n := int(asInt(v))
				*dst = &n
			}
		}
	}
	nint("usage_limit", &c.UsageLimit)
	nint("usage_limit_per_user", &c.UsageLimitPerUser)
	nint("limit_usage_to_x_items", &c.LimitUsageToXItems)
	if v, ok := body["email_restrictions"]; ok {
		c.EmailRestrictions = asStrings(v)
	}
	for _, k := range []string{"date_expires_gmt", "date_expires"} {
		if v, ok := body[k]; ok {
			if isNull(v) || asString(v) == "" {
				r.expires = time.Time{}
			} else {
				loc := s.cfg.loc
				if strings.HasSuffix(k, "_gmt") {
					loc = time.UTC
				}
				if t, okd := parseRESTDate(asString(v), loc); okd {
					r.expires = t
				}
			}
			break
		}
	}
	if v, ok := body["meta_data"]; ok {
		c.MetaData = s.applyMeta(c.MetaData, v, &s.seq.meta)
	}
	return nil
}

func (s *Store) createCoupon(body map[string]json.RawMessage) (*couponRec, *apiError) {
	if v, ok := body["id"]; ok && asInt(v) != 0 {
		return nil, newErr(400, "woocommerce_rest_shop_coupon_exists", "Cannot create existing shop_coupon.")
	}
	r := &couponRec{c: Coupon{Amount: "0", Status: "publish", DiscountType: "fixed_cart", MetaData: []MetaData{}}}
	if err := s.applyCoupon(r, body); err != nil {
		return nil, err
	}
	s.seq.post++
	r.c.ID = s.seq.post
	now := s.now()
	r.created, r.modified = now, now
	s.coupons[r.c.ID] = r
	return r, nil
}

func (s *Store) updateCoupon(rc *reqCtx, id int64, body map[string]json.RawMessage) (*couponRec, *apiError) {
	r := s.coupons[id]
	if r == nil {
		return nil, invalidID("shop_coupon", 400)
	}
	cp := &couponRec{c: clone(r.c), created: r.created, modified: r.modified, expires: r.expires}
	if err := s.applyCoupon(cp, body); err != nil {
		return nil, err
	}
	cp.modified = s.now()
	*r = *cp
	rc.emit(s, "coupon.updated", id)
	return r, nil
}

func (s *Store) deleteCoupon(rc *reqCtx, id int64, force bool) (any, *apiError) {
	r := s.coupons[id]
	if r == nil {
		return nil, invalidID("shop_coupon", 404)
	}
	out := s.renderCoupon(rc.base, r)
	if force {
		delete(s.coupons, id)
		return out, nil
	}
	if r.c.Status == "trash" {
		return nil, newErr(410, "woocommerce_rest_already_trashed", "The shop_coupon has already been deleted.")
	}
	r.c.Status = "trash"
	r.modified = s.now()
	rc.emit(s, "coupon.deleted", id)
	return out, nil
}

func (s *Store) listCoupons(rc *reqCtx) *response {
	code := strings.ToLower(rc.q("code"))
	status := rc.q("status")
	var rows []listRow[*couponRec]
	for _, r := range s.coupons {
		if status == "" || status == "any" {
			if r.c.Status == "trash" {
				continue
			}
		} else if r.c.Status != status {
			continue
		}
		if code != "" && strings.ToLower(r.c.Code) != code {
			continue
		}
		rows = append(rows, listRow[*couponRec]{key: rowKey{id: r.c.ID, created: r.created, modified: r.modified, title: r.c.Code, slug: r.c.Code,
			text: strings.ToLower(r.c.Code + " " + r.c.Description)}, v: r})
	}
	return listResponse(s, rc, rows, listOpts{defOrderby: "date", defOrder: "desc"},
		func(r *couponRec) any { return s.renderCoupon(rc.base, r) })
}

func couponExists(s *Store, rc *reqCtx) bool { return s.coupons[rc.ids[0]] != nil }

func init() {
	addRoute("/coupons", map[string]*handler{
		"GET": {fn: (*Store).listCoupons, perm: permList, args: collectionArgs([]string{"date", "modified", "id", "include", "title", "slug"},
			a("code", tS()), a("status", tS()))},
		"POST": {fn: func(s *Store, rc *reqCtx) *response {
			r, err := s.createCoupon(rc.body)
			if err != nil {
				return err.response()
			}
			rc.emit(s, "coupon.created", r.c.ID)
			return created(s.renderCoupon(rc.base, r), fmt.Sprintf("%s/wp-json/wc/v3/coupons/%d", rc.base, r.c.ID))
		}, perm: permCreate, body: couponBody(), required: []string{"code"}},
	})
	addRoute("/coupons/batch", map[string]*handler{editable: {fn: (*Store).batchCoupons, perm: permBatch}})
	addRoute("/coupons/{id}", map[string]*handler{
		"GET": {fn: func(s *Store, rc *reqCtx) *response {
			r := s.coupons[rc.ids[0]]
			if r == nil {
				return invalidID("shop_coupon", 404).response()
			}
			return ok(s.renderCoupon(rc.base, r))
		}, perm: permView, exists: couponExists},
		editable: {fn: func(s *Store, rc *reqCtx) *response {
			r, err := s.updateCoupon(rc, rc.ids[0], rc.body)
			if err != nil {
				return err.response()
			}
			return ok(s.renderCoupon(rc.base, r))
		}, perm: permEdit, body: couponBody(), exists: couponExists},
		"DELETE": {fn: func(s *Store, rc *reqCtx) *response {
			out, err := s.deleteCoupon(rc, rc.ids[0], rc.force())
			if err != nil {
				return err.response()
			}
			return ok(out)
		}, perm: permDelete, args: []arg{a("force", tB())}, exists: couponExists},
	})
}
