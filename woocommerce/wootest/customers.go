package wootest

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/mail"
	"regexp"
	"strings"
	"time"
)

type custRec struct {
	c                 Customer
	created, modified time.Time
	password          string
}

func avatarURL(email string) string {
	sum := sha256.Sum256([]byte(strings.ToLower(strings.TrimSpace(email))))
	return "https://secure.gravatar.com/avatar/" + hex.EncodeToString(sum[:]) + "?s=96&d=mm&r=g"
}

func (s *Store) renderCustomer(base string, r *custRec) Customer {
	out := clone(r.c)
	out.DateCreated, out.DateCreatedGMT = s.datePair(r.created)
	out.DateModified, out.DateModifiedGMT = s.datePair(r.modified)
	out.AvatarURL = avatarURL(r.c.Email)
	out.MetaData = nonNil(out.MetaData)
	out.Links = Links{
		"self":       {{Href: fmt.Sprintf("%s/wp-json/wc/v3/customers/%d", base, r.c.ID), TargetHints: allHints()}},
		"collection": {{Href: base + "/wp-json/wc/v3/customers"}},
	}
	return out
}

func customerAddrArgs(withEmail bool) *sch {
	props := []arg{a("first_name", tS()), a("last_name", tS()), a("company", tS()), a("address_1", tS()), a("address_2", tS()),
		a("city", tS()), a("state", tS()), a("postcode", tS()), a("country", tS()), a("phone", tS())}
	if withEmail {
		props = append(props, a("email", tS()))
	}
	return tO(props...)
}

func customerBody() []arg {
	return []arg{
		a("email", &sch{types: []string{"string"}, format: "email"}), a("first_name", tS()), a("last_name", tS()),
		a("username", tS()), a("password", tS()),
		a("billing", customerAddrArgs(true)), a("shipping", customerAddrArgs(false)), a("meta_data", metaArgs()),
	}
}

var usernameClean = regexp.MustCompile(`[^a-z0-9 _.\-@]`)

func (s *Store) emailTaken(email string, self int64) bool {
	for _, c := range s.customers {
		if c.c.ID != self && strings.EqualFold(c.c.Email, email) {
			return true
		}
	}
	return false
}

func (s *Store) usernameTaken(u string, self int64) bool {
	if strings.EqualFold(u, "admin") {
		return true
	}
	for _, c := range s.customers {
		if c.c.ID != self && strings.EqualFold(c.c.Username, u) {
			return true
		}
	}
	return false
}

func validEmail(e string) bool {
	a, err := mail.ParseAddress(e)
	return err == nil && a.Address == e && strings.Contains(e, ".")
}

func applyAddr(dst any, raw json.RawMessage) {
	obj := asObject(raw)
	set := func(k string, p *string) {
		if v, ok := obj[k]; ok {
			*p = asString(v)
		}
	}
	switch d := dst.(type) {
	case *CustomerBilling:
		set("first_name", &d.FirstName)
		set("last_name", &d.LastName)
		set("company", &d.Company)
		set("address_1", &d.Address1)
		set("address_2", &d.Address2)
		set("city", &d.City)
		set("state", &d.State)
		set("postcode", &d.Postcode)
		set("country", &d.Country)
		set("email", &d.Email)
		set("phone", &d.Phone)
	case *CustomerShipping:
		set("first_name", &d.FirstName)
		set("last_name", &d.LastName)
		set("company", &d.Company)
		set("address_1", &d.Address1)
		set("address_2", &d.Address2)
		set("city", &d.City)
		set("state", &d.State)
		set("postcode", &d.Postcode)
		set("country", &d.Country)
		set("phone", &d.Phone)
	case *OrderBilling:
		set("first_name", &d.FirstName)
		set("last_name", &d.LastName)
		set("company", &d.Company)
		set("address_1", &d.Address1)
		set("address_2", &d.Address2)
		set("city", &d.City)
		set("state", &d.State)
		set("postcode", &d.Postcode)
		set("country", &d.Country)
		set("email", &d.Email)
		set("phone", &d.Phone)
	case *OrderShipping:
		set("first_name", &d.FirstName)
		set("last_name", &d.LastName)
		set("company", &d.Company)
		set("address_1", &d.Address1)
		set("address_2", &d.Address2)
		set("city", &d.City)
		set("state", &d.State)
		set("postcode", &d.Postcode)
		set("country", &d.Country)
		set("phone", &d.Phone)
	}
}

func (s *Store) createCustomer(body map[string]json.RawMessage) (*custRec, *apiError) {
	if v, ok := body["id"]; ok && asInt(v) != 0 {
		return nil, newErr(400, "woocommerce_rest_customer_exists", "Cannot create existing resource.")
	}
	email := strings.TrimSpace(asString(body["email"]))
	if email == "" || !validEmail(email) {
		return nil, newErr(400, "registration-error-invalid-email", "Please provide a valid email address.")
	}
	if s.emailTaken(email, 0) {
		return nil, newErr(400, "registration-error-email-exists",
			`An account is already registered with your email address. <a href="#" class="showlogin">Please log in.</a>`)
	}
	username := strings.TrimSpace(asString(body["username"]))
	if username == "" {
		base := usernameClean.ReplaceAllString(strings.ToLower(strings.SplitN(email, "@", 2)[0]), "")
		if base == "" {
			base = "user"
		}
		username = base
		for i := 1; s.usernameTaken(username, 0); i++ {
			username = fmt.Sprintf("%s%d", base, i)
		}
	} else if s.usernameTaken(username, 0) {
		return nil, newErr(400, "registration-error-username-exists", "An account is already registered with that username. Please choose another.")
	}
	r := &custRec{password: asString(body["password"])}
	r.c = Customer{Email: email, Role: "customer", Username: username, MetaData: []MetaData{}}
	s.applyCustomer(r, body)
	s.seq.user++
	r.c.ID = s.seq.user
	now := s.now()
	r.created, r.modified = now, now
	s.customers[r.c.ID] = r
	return r, nil
}

func (s *Store) applyCustomer(r *custRec, body map[string]json.RawMessage) {
	if v, ok := body["first_name"]; ok {
		r.c.FirstName = asString(v)
	}
	if v, ok := body["last_name"]; ok {
		r.c.LastName = asString(v)
	}
	if v, ok := body["password"]; ok {
		r.password = asString(v)
	}
	if v, ok := body["billing"]; ok {
		applyAddr(&r.c.Billing, v)
	}
	if v, ok := body["shipping"]; ok {
		applyAddr(&r.c.Shipping, v)
	}
	if v, ok := body["meta_data"]; ok {
		r.c.MetaData = s.applyMeta(r.c.MetaData, v, &s.seq.meta)
	}
}

func (s *Store) updateCustomer(rc *reqCtx, id int64, body map[string]json.RawMessage) (*custRec, *apiError) {
	r := s.customers[id]
	if r == nil {
		return nil, newErr(400, "woocommerce_rest_invalid_id", "Invalid resource ID.")
	}
	cp := &custRec{c: clone(r.c), created: r.created, modified: r.modified, password: r.password}
	if v, ok := body["email"]; ok {
		email := strings.TrimSpace(asString(v))
		if email != cp.c.Email {
			if !validEmail(email) {
				return nil, newErr(400, "woocommerce_rest_invalid_email", "Invalid email address.")
			}
			if s.emailTaken(email, id) {
				return nil, newErr(400, "woocommerce_rest_customer_invalid_email", "Email address is invalid.")
			}
			cp.c.Email = email
		}
	}
	if v, ok := body["username"]; ok && asString(v) != "" && asString(v) != cp.c.Username {
		return nil, newErr(400, "woocommerce_rest_customer_invalid_argument", "Username isn't editable.")
	}
	s.applyCustomer(cp, body)
	cp.modified = s.now()
	*r = *cp
	rc.emit(s, "customer.updated", id)
	return r, nil
}

func (s *Store) deleteCustomer(rc *reqCtx, id int64, force bool) (any, *apiError) {
	if !force {
		return nil, newErr(501, "woocommerce_rest_trash_not_supported", "Customers do not support trashing.")
	}
	r := s.customers[id]
	if r == nil {
		return nil, newErr(400, "woocommerce_rest_invalid_id", "Invalid resource id.")
	}
	out := s.renderCustomer(rc.base, r)
	rc.emit(s, "customer.deleted", id)
	delete(s.customers, id)
	return out, nil
}

func (s *Store) listCustomers(rc *reqCtx) *response {
	role := rc.q("role")
	if role == "" {
		role = "customer"
	}
	email := rc.q("email")
	var rows []listRow[*custRec]
	for _, r := range s.customers {
		if role != "all" && r.c.Role != role {
			continue
		}
		if email != "" && !strings.EqualFold(r.c.Email, email) {
			continue
		}
		display := strings.TrimSpace(r.c.FirstName + " " + r.c.LastName)
		if display == "" {
			display = r.c.Username
		}
		rows = append(rows, listRow[*custRec]{key: rowKey{id: r.c.ID, created: r.created, modified: r.modified, title: display,
			text: strings.ToLower(r.c.Email + " " + r.c.Username + " " + display)}, v: r})
	}
	return listResponse(s, rc, rows, listOpts{defOrderby: "name", defOrder: "asc", noDates: true,
		extraOrder: func(ob string, a, b rowKey) (int, bool) {
			if ob == "registered_date" {
				return a.created.Truncate(time.Second).Compare(b.created.Truncate(time.Second)), true
			}
			return cmpInt(a.id, b.id), true
		}}, func(r *custRec) any { return s.renderCustomer(rc.base, r) })
}

func init() {
	addRoute("/customers", map[string]*handler{
		"GET": {fn: (*Store).listCustomers, perm: permList, args: []arg{
			a("context", tE("view", "edit")), a("page", tI().withMin(1)), a("per_page", tI().withMin(1).withMax(100)),
			a("search", tS()), a("exclude", tIDs()), a("include", tIDs()), a("offset", tI()),
			a("order", tE("asc", "desc")), a("orderby", tE("id", "include", "name", "registered_date")),
			a("email", &sch{types: []string{"string"}, format: "email"}),
			a("role", tE("all", "administrator", "editor", "author", "contributor", "subscriber", "customer", "shop_manager")),
		}},
		"POST": {fn: func(s *Store, rc *reqCtx) *response {
			r, err := s.createCustomer(rc.body)
			if err != nil {
				return err.response()
			}
			rc.emit(s, "customer.created", r.c.ID)
			return created(s.renderCustomer(rc.base, r), fmt.Sprintf("%s/wp-json/wc/v3/customers/%d", rc.base, r.c.ID))
		}, perm: permCreate, body: customerBody(), required: []string{"email"}},
	})
	addRoute("/customers/batch", map[string]*handler{editable: {fn: (*Store).batchCustomers, perm: permBatch}})
	addRoute("/customers/{id}", map[string]*handler{
		"GET": {fn: func(s *Store, rc *reqCtx) *response {
			r := s.customers[rc.ids[0]]
			if r == nil {
				return newErr(404, "woocommerce_rest_invalid_id", "Invalid resource ID.").response()
			}
			return ok(s.renderCustomer(rc.base, r))
		}, perm: permView},
		editable: {fn: func(s *Store, rc *reqCtx) *response {
			r, err := s.updateCustomer(rc, rc.ids[0], rc.body)
			if err != nil {
				return err.response()
			}
			return ok(s.renderCustomer(rc.base, r))
		}, perm: permEdit, body: customerBody()},
		"DELETE": {fn: func(s *Store, rc *reqCtx) *response {
			out, err := s.deleteCustomer(rc, rc.ids[0], rc.force())
			if err != nil {
				return err.response()
			}
			return ok(out)
		}, perm: permDelete, args: []arg{a("force", tB()), a("reassign", tI())}},
	})
}
