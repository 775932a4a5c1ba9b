package nexopostest

import (
	"regexp"
	"sort"
	"strconv"
	"strings"
)

// emailRe is the check CustomerCrud applies; it refuses "+" addresses.
var emailRe = regexp.MustCompile(`^[\w\-\.]+@([\w\-]+\.)+[\w\-]{2,4}$`)

func (st *state) customerFull(cu *Customer) obj {
	o := st.customerJSON(cu, nil)
	if st.h.cfg.version != V4 {
		var g any
		if cu.GroupID != nil {
			if gr := st.group(*cu.GroupID); gr != nil {
				g = st.customerGroupJSON(gr)
			}
		}
		o = append(o, kv{"group", g})
	}
	b, s := st.customerAddresses(cu)
	o = append(o, kv{"billing", b}, kv{"shipping", s})
	return o
}

func (c *call) listCustomers() (any, *apiError) {
	st := c.h.st
	list := make([]*Customer, 0, len(st.customers))
	for _, cu := range st.customers {
		if cu.GroupID != nil {
			list = append(list, cu)
		}
	}
	sort.SliceStable(list, func(i, j int) bool { return list[i].CreatedAt.After(list[j].CreatedAt) })
	out := []any{}
	for _, cu := range list {
		o := st.customerJSON(cu, nil)
		b, s := st.customerAddresses(cu)
		o = append(o, kv{"billing", b}, kv{"shipping", s})
		out = append(out, o)
	}
	return out, nil
}

func (c *call) getCustomer() (any, *apiError) {
	st := c.h.st
	cu := st.customer(parseID(c.param(0)))
	if cu == nil {
		return nil, errNotFound("The requested customer cannot be found.")
	}
	return st.customerFull(cu), nil
}

func (c *call) searchCustomers() (any, *apiError) {
	st := c.h.st
	q := strings.ToLower(str(c.body.val("search")))
	out := []any{}
	for _, cu := range st.customers {
		if len(out) == 10 {
			break
		}
		hay := strings.ToLower(cu.FirstName + " " + nullS(cu.LastName) + " " + cu.Email + " " + nullS(cu.Phone) + " " + cu.Username)
		if strings.Contains(hay, q) {
			o := st.customerJSON(cu, nil)
			b, s := st.customerAddresses(cu)
			o = append(o, kv{"billing", b}, kv{"shipping", s})
			var g any
			if cu.GroupID != nil {
				if gr := st.group(*cu.GroupID); gr != nil {
					g = st.customerGroupJSON(gr)
				}
			}
			o = append(o, kv{"group", g})
			out = append(out, o)
		}
	}
	return out, nil
}

func nullS(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}

func (c *call) customerAddresses() (any, *apiError) {
	st := c.h.st
	cu := st.customer(parseID(c.param(0)))
	if cu == nil {
		return nil, errModel("Customer", c.param(0))
	}
	var list []*Address
	for _, a := range []*Address{cu.Billing, cu.Shipping} {
		if a != nil {
			list = append(list, a)
		}
	}
	sort.Slice(list, func(i, j int) bool { return list[i].ID < list[j].ID })
	out := []any{}
	for _, a := range list {
		out = append(out, addressJSON(a, cu.ID, cu.Author))
	}
	return out, nil
}

func (c *call) customerGroup() (any, *apiError) {
	st := c.h.st
	cu := st.customer(parseID(c.param(0)))
	if cu == nil {
		return nil, errModel("Customer", c.param(0))
	}
	if cu.GroupID != nil {
		if g := st.group(*cu.GroupID); g != nil {
			return st.customerGroupJSON(g), nil
		}
	}
	return nil, nil
}

func (c *call) customerOrders() (any, *apiError) {
	st := c.h.st
	cu := st.customer(parseID(c.param(0)))
	if cu == nil {
		return nil, errException("Unable to find the customer using the provided id %s.", c.param(0))
	}
	var list []*Order
	for _, o := range st.orders {
		if o.CustomerID == cu.ID {
			list = append(list, o)
		}
	}
	sort.SliceStable(list, func(i, j int) bool { return list[i].CreatedAt.After(list[j].CreatedAt) })
	out := []any{}
	for _, o := range list {
		j := st.orderJSON(o)
		j = append(j, kv{"human_status", paymentLabel(o.PaymentStatus)}, kv{"human_delivery_status", processLabel(o.DeliveryStatus)})
		out = append(out, j)
	}
	return out, nil
}

func (c *call) listCustomerGroups() (any, *apiError) {
	st := c.h.st
	out := []any{}
	for _, g := range st.groups {
		out = append(out, st.customerGroupJSON(g))
	}
	return out, nil
}

func (c *call) getCustomerGroup() (any, *apiError) {
	st := c.h.st
	g := st.group(parseID(c.param(0)))
	if g == nil {
		return nil, nil
	}
	return st.customerGroupJSON(g), nil
}

func (c *call) customerGroupCustomers() (any, *apiError) {
	st := c.h.st
	id := parseID(c.param(0))
	out := []any{}
	for _, cu := range st.customers {
		if cu.GroupID != nil && *cu.GroupID == id {
			out = append(out, st.customerJSON(cu, nil))
		}
	}
	return out, nil
}

func (st *state) emailUsed(email string, except int64) bool {
	if email == "" {
		return false
	}
	for _, cu := range st.customers {
		if cu.ID != except && strings.EqualFold(cu.Email, email) {
			return true
		}
	}
	return false
}

func emailTaken(email string) *apiError {
	return errNotAllowed("The email \"%s\" is already used for another customer.", email)
}

var customerAPIFields = []string{"first_name", "last_name", "username", "password", "description", "gender", "phone", "email", "pobox", "group_id", "address"}

func (c *call) customerAPIInput() obj {
	var in obj
	for _, k := range customerAPIFields {
		if v, ok := c.body.get(k); ok {
			in = append(in, kv{k, v})
		}
	}
	return in
}

// createCustomerAPI is POST /api/customers: CustomerService::create, which
// writes the fields as columns without validation.
func (c *call) createCustomerAPI() (any, *apiError) {
	st := c.h.st
	now := c.h.now()
	in := c.customerAPIInput()
	if st.emailUsed(str(in.val("email")), 0) {
		return nil, emailTaken(str(in.val("email")))
	}
	if v, ok := in.get("username"); !ok || v == nil {
		var cols, vals []string
		for _, p := range in {
			if p.k != "address" {
				cols = append(cols, p.k)
				vals = append(vals, sqlValue(p.v))
			}
		}
		cols = append(cols, "author", "updated_at", "created_at")
		vals = append(vals, strconv.FormatInt(st.author(), 10), sqlTime(now), sqlTime(now))
		if !ok {
			return nil, sqlInsertError("HY000", "General error: 1364 Field 'username' doesn't have a default value", "users", cols, vals)
		}
		return nil, sqlInsertError("23000", "Integrity constraint violation: 1048 Column 'username' cannot be null", "users", cols, vals)
	}
	cu := &Customer{ID: st.next("users"), Author: st.author(), CreatedAt: now, UpdatedAt: now}
	st.applyCustomerFields(cu, in)
	if cu.Password == "" {
		cu.Password = c.h.fakeHash()
	}
	st.customers = append(st.customers, cu)
	addr, ok := in.get("address")
	if !ok {
		// the row is saved before the service reads the address
		return nil, undefinedKey("address")
	}
	if ao, ok := addr.(obj); ok {
		for _, typ := range []string{"billing", "shipping"} {
			if f, ok := ao.sub(typ), ao.has(typ); ok {
				st.saveCustomerAddress(cu, typ, f)
			}
		}
	}
	o := st.customerJSON(cu, nil)
	var addrs []any
	for _, a := range []*Address{cu.Billing, cu.Shipping} {
		if a != nil {
			addrs = append(addrs, addressJSON(a, cu.ID, cu.Author))
		}
	}
	if addrs == nil {
		addrs = []any{}
	}
	o = append(o, kv{"addresses", addrs})
	return success("The customer has been created.", obj{{"customer", o}}), nil
}

func (c *call) updateCustomerAPI() (any, *apiError) {
	st := c.h.st
	cu := st.customer(parseID(c.param(0)))
	if cu == nil {
		return nil, errNotFound("Unable to find the customer using the provided ID.")
	}
	in := c.customerAPIInput()
	if st.emailUsed(str(in.val("email")), cu.ID) {
		return nil, emailTaken(str(in.val("email")))
	}
	st.applyCustomerFields(cu, in)
	cu.UpdatedAt = c.h.now()
	if ao, ok := in.val("address").(obj); ok {
		for _, typ := range []string{"billing", "shipping"} {
			if ao.has(typ) {
				st.saveCustomerAddress(cu, typ, ao.sub(typ))
			}
		}
	}
	return success("The customer has been edited.", obj{{"customer", st.customerJSON(cu, nil)}}), nil
}

func (st *state) applyCustomerFields(cu *Customer, in obj) {
	for _, p := range in {
		v := p.v
		switch p.k {
		case "first_name", "name":
			cu.FirstName = str(v)
		case "last_name", "surname":
			cu.LastName = optStr(v, true)
		case "username":
			cu.Username = str(v)
		case "password":
			cu.Password = str(v)
		case "email":
			cu.Email = str(v)
		case "phone":
			cu.Phone = optStr(v, true)
		case "gender":
			cu.Gender = optStr(v, true)
		case "group_id":
			if empty(v) {
				cu.GroupID = nil
			} else {
				cu.GroupID = idp(int64(num(v)))
			}
		case "credit_limit_amount":
			cu.CreditLimit = num(v)
		}
	}
}

func (st *state) saveCustomerAddress(cu *Customer, typ string, f obj) {
	now := st.h.now()
	slot := &cu.Billing
	if typ == "shipping" {
		slot = &cu.Shipping
	}
	if *slot == nil {
		*slot = &Address{ID: st.next("customer_addresses"), Type: typ, CreatedAt: now}
	}
	a := *slot
	applyAddress(a, f)
	a.UpdatedAt = now
}

func applyAddress(a *Address, f obj) {
	for _, p := range f {
		s := optStr(p.v, true)
		switch p.k {
		case "first_name", "name":
			a.FirstName = s
		case "last_name", "surname":
			a.LastName = s
		case "email":
			a.Email = s
		case "phone":
			a.Phone = s
		case "address_1":
			a.Address1 = s
		case "address_2":
			a.Address2 = s
		case "country":
			a.Country = s
		case "city":
			a.City = s
		case "pobox":
			a.Pobox = s
		case "company":
			a.Company = s
		}
	}
}

func (c *call) deleteCustomer() (any, *apiError) {
	st := c.h.st
	cu := st.customer(parseID(c.param(0)))
	if cu == nil {
		return nil, errNotFound("Unable to find the customer using the provided id.")
	}
	st.removeCustomer(cu)
	return obj{{"status", "success"}, {"message", "The customer has been deleted."}}, nil
}

func (st *state) removeCustomer(cu *Customer) {
	for i, o := range st.customers {
		if o == cu {
			st.customers = append(st.customers[:i], st.customers[i+1:]...)
			return
		}
	}
}
