package nexopos

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"strings"
)

// Customer is a NexoPOS customer. In 5.x and 6.x customers are rows of the
// users table and NexoPOS sends their bcrypt password hash; this type does
// not keep it. 4.x's name and surname decode into FirstName and LastName.
type Customer struct {
	ID        int64  `json:"id"`
	Username  string `json:"username"`
	Email     string `json:"email"`
	FirstName string `json:"first_name" alt:"name"`
	LastName  string `json:"last_name" alt:"surname"`
	Phone     string `json:"phone"`
	Gender    string `json:"gender"`
	Pobox     string `json:"pobox"`
	GroupID   int64  `json:"group_id"`
	// Active is false for customers created through the API.
	Active            bool    `json:"active"`
	BirthDate         Time    `json:"birth_date"`
	CreditLimitAmount Decimal `json:"credit_limit_amount"`
	AccountAmount     Decimal `json:"account_amount"`
	OwedAmount        Decimal `json:"owed_amount"`
	PurchasesAmount   Decimal `json:"purchases_amount"`
	TotalSales        Decimal `json:"total_sales"`
	TotalSalesCount   int64   `json:"total_sales_count"`
	AuthorID          int64   `json:"author_id" alt:"author"`
	CreatedAt         Time    `json:"created_at"`
	UpdatedAt         Time    `json:"updated_at"`
	// Group, Billing and Shipping are sent by CustomersService.Get.
	Group    *CustomerGroup `json:"group,omitempty"`
	Billing  *Address       `json:"billing,omitempty"`
	Shipping *Address       `json:"shipping,omitempty"`
	// GroupName is set in CRUD list rows.
	GroupName string `json:"group_name,omitempty"`
	// Display holds display strings of CRUD list columns ("USD 6,00 ");
	// list rows only.
	Display map[string]string `json:"$display,omitempty"`
}

// UnmarshalJSON decodes a customer from any NexoPOS version.
func (c *Customer) UnmarshalJSON(b []byte) error { return decodeObject(b, c) }

// Address is a customer's or an order's billing or shipping address.
type Address struct {
	ID         int64 `json:"id"`
	CustomerID int64 `json:"customer_id,omitempty"`
	OrderID    int64 `json:"order_id,omitempty"`
	// Type is "billing" or "shipping".
	Type      string `json:"type"`
	FirstName string `json:"first_name" alt:"name"`
	LastName  string `json:"last_name" alt:"surname"`
	Email     string `json:"email"`
	Phone     string `json:"phone"`
	Address1  string `json:"address_1"`
	Address2  string `json:"address_2"`
	Country   string `json:"country"`
	City      string `json:"city"`
	Pobox     string `json:"pobox"`
	Company   string `json:"company"`
	CreatedAt Time   `json:"created_at"`
	UpdatedAt Time   `json:"updated_at"`
}

// UnmarshalJSON decodes an address from any NexoPOS version.
func (a *Address) UnmarshalJSON(b []byte) error { return decodeObject(b, a) }

// AddressInput is a billing or shipping address to send.
type AddressInput struct {
	FirstName string
	LastName  string
	Email     string
	Phone     string
	Address1  string
	Address2  string
	Country   string
	City      string
	Pobox     string
	Company   string
}

// addressForm is the address tab in 5.x/6.x spelling; 4.x's is built by
// form().
type addressForm map[string]string

func (a *AddressInput) form(v Version) addressForm {
	if a == nil {
		return nil
	}
	first, last := "first_name", "last_name"
	if v == V4 {
		first, last = "name", "surname"
	}
	m := addressForm{}
	for k, val := range map[string]string{
		first: a.FirstName, last: a.LastName, "email": a.Email, "phone": a.Phone, "address_1": a.Address1,
		"address_2": a.Address2, "country": a.Country, "city": a.City, "pobox": a.Pobox, "company": a.Company,
	} {
		if val != "" {
			m[k] = val
		}
	}
	return m
}

// CustomerInput is what CustomersService.Create and Update send (the
// ns.customers form).
type CustomerInput struct {
	// FirstName is required.
	FirstName string
	LastName  string
	// Email is unique; NexoPOS's check refuses addresses with "+".
	Email string
	Phone string
	// GroupID 0 means the store's default customer group.
	GroupID int64
	// Gender is "male", "female" or empty.
	Gender            string
	Pobox             string
	CreditLimitAmount Decimal
	Billing           *AddressInput
	Shipping          *AddressInput
}

type customerForm struct {
	FirstName string         `json:"first_name,omitempty"`
	Name      string         `json:"name,omitempty"`
	General   map[string]any `json:"general"`
	Billing   addressForm    `json:"billing,omitempty"`
	Shipping  addressForm    `json:"shipping,omitempty"`
}

func (in CustomerInput) form(v Version) (*customerForm, error) {
	if strings.TrimSpace(in.FirstName) == "" {
		return nil, invalid(errors.New("first name is required"))
	}
	if in.GroupID < 0 {
		return nil, invalid(errors.New("group id must not be negative"))
	}
	if strings.Contains(in.Email, "+") {
		return nil, invalid(fmt.Errorf("email %q contains '+', which NexoPOS refuses", in.Email))
	}
	f := &customerForm{General: map[string]any{}}
	last := "last_name"
	if v == V4 {
		f.Name, last = in.FirstName, "surname"
	} else {
		f.FirstName = in.FirstName
	}
	for k, val := range map[string]string{last: in.LastName, "email": in.Email, "phone": in.Phone, "gender": in.Gender, "pobox": in.Pobox} {
		if val != "" {
			f.General[k] = val
		}
	}
	if in.GroupID > 0 {
		f.General["group_id"] = in.GroupID
	}
	if in.CreditLimitAmount.Valid() {
		f.General["credit_limit_amount"] = number(in.CreditLimitAmount)
	}
	f.Billing, f.Shipping = in.Billing.form(v), in.Shipping.form(v)
	return f, nil
}

// CustomersService reads and writes customers.
type CustomersService service

var customersList = crudList{
	namespace: NamespaceCustomers,
	labels:    map[string]map[string]string{"gender": {"Not Defined": "", "Male": "male", "Female": "female"}},
}

// Get returns customer id with its group and addresses.
func (s *CustomersService) Get(ctx context.Context, id int64) (*Customer, error) {
	op := fmt.Sprintf("get customer %d", id)
	if err := checkID(id); err != nil {
		return nil, wrap(op, err)
	}
	var c Customer
	if err := s.c.call(ctx, "GET", idPath("customers", id), nil, nil, &c); err != nil {
		return nil, wrap(op, err)
	}
	return &c, nil
}

// Create creates a customer. A duplicate email is refused (ErrForbidden).
func (s *CustomersService) Create(ctx context.Context, in CustomerInput) (*Customer, error) {
	const op = "create customer"
	form, err := in.form(s.c.version)
	if err != nil {
		return nil, wrap(op, err)
	}
	c, err := createCRUD[Customer](ctx, s.c, NamespaceCustomers, form)
	return c, wrap(op, err)
}

// Update replaces customer id with in. NexoPOS 5.x replaces the stored
// password with a random one when none is sent, as here: customers managed
// through this client do not log in.
func (s *CustomersService) Update(ctx context.Context, id int64, in CustomerInput) (*Customer, error) {
	op := fmt.Sprintf("update customer %d", id)
	form, err := in.form(s.c.version)
	if err != nil {
		return nil, wrap(op, err)
	}
	c, err := updateCRUD[Customer](ctx, s.c, NamespaceCustomers, id, form)
	return c, wrap(op, err)
}

// Delete deletes customer id.
func (s *CustomersService) Delete(ctx context.Context, id int64) error {
	op := fmt.Sprintf("delete customer %d", id)
	if err := checkID(id); err != nil {
		return wrap(op, err)
	}
	return wrap(op, s.c.call(ctx, "DELETE", idPath("customers", id), nil, nil, nil))
}

// Addresses returns the billing and shipping addresses of customer id.
func (s *CustomersService) Addresses(ctx context.Context, id int64) ([]Address, error) {
	op := fmt.Sprintf("get addresses of customer %d", id)
	if err := checkID(id); err != nil {
		return nil, wrap(op, err)
	}
	var out []Address
	if err := s.c.call(ctx, "GET", idPath("customers", id)+"/addresses", nil, nil, &out); err != nil {
		return nil, wrap(op, err)
	}
	return out, nil
}

// Search returns the customers whose name, email or phone match term.
// NexoPOS returns at most 10.
func (s *CustomersService) Search(ctx context.Context, term string) ([]Customer, error) {
	var out []Customer
	if err := s.c.call(ctx, "POST", "customers/search", nil, map[string]string{"search": term}, &out); err != nil {
		return nil, wrap(fmt.Sprintf("search customers %q", term), err)
	}
	return out, nil
}

// errCustomersSort explains why ns.customers is never sorted.
var errCustomersSort = invalid(errors.New("sorting ns.customers (active=...) makes NexoPOS skip the restriction to customers and list every user, administrators included; it is refused"))

// List returns one page of customers (ns.customers). opts.Active must be
// empty: see errCustomersSort.
func (s *CustomersService) List(ctx context.Context, opts *ListOptions) (*Page[Customer], error) {
	if opts != nil && opts.Active != "" {
		return nil, wrap("list customers", errCustomersSort)
	}
	p, err := listCRUD[Customer](ctx, s.c, customersList, opts)
	return p, wrap("list customers", err)
}

// All iterates over every customer from opts.Page on; opts.Active must be
// empty.
func (s *CustomersService) All(ctx context.Context, opts *ListOptions) iter.Seq2[Customer, error] {
	if opts != nil && opts.Active != "" {
		return func(yield func(Customer, error) bool) { yield(Customer{}, wrap("list customers", errCustomersSort)) }
	}
	return iterateCRUD[Customer](ctx, s.c, customersList, opts, "list customers")
}

// CustomerGroup is a group of customers (pricing, rewards, credit).
type CustomerGroup struct {
	ID                   int64   `json:"id"`
	Name                 string  `json:"name"`
	Description          string  `json:"description"`
	RewardSystemID       int64   `json:"reward_system_id"`
	MinimalCreditPayment Decimal `json:"minimal_credit_payment"`
	AuthorID             int64   `json:"author_id" alt:"author"`
	UUID                 string  `json:"uuid"`
	CreatedAt            Time    `json:"created_at"`
	UpdatedAt            Time    `json:"updated_at"`
	// Display holds display strings of CRUD list columns; list rows only.
	Display map[string]string `json:"$display,omitempty"`
}

// UnmarshalJSON decodes a customer group from any NexoPOS version.
func (g *CustomerGroup) UnmarshalJSON(b []byte) error { return decodeObject(b, g) }

// CustomerGroupInput is what CustomerGroupsService.Create and Update send.
type CustomerGroupInput struct {
	// Name is required.
	Name        string
	Description string
	// RewardSystemID 0 sends null (no reward system).
	RewardSystemID       int64
	MinimalCreditPayment Decimal
}

type customerGroupForm struct {
	Name    string               `json:"name"`
	General customerGroupGeneral `json:"general"`
}

type customerGroupGeneral struct {
	RewardSystemID       *int64 `json:"reward_system_id"`
	MinimalCreditPayment number `json:"minimal_credit_payment"`
	Description          string `json:"description,omitempty"`
}

func (in CustomerGroupInput) form() (*customerGroupForm, error) {
	if strings.TrimSpace(in.Name) == "" {
		return nil, invalid(errors.New("name is required"))
	}
	f := &customerGroupForm{Name: in.Name, General: customerGroupGeneral{
		MinimalCreditPayment: number(in.MinimalCreditPayment), Description: in.Description,
	}}
	if in.RewardSystemID > 0 {
		id := in.RewardSystemID
		f.General.RewardSystemID = &id
	}
	return f, nil
}

// CustomerGroupsService reads and writes customer groups.
type CustomerGroupsService service

var customerGroupsList = crudList{namespace: NamespaceCustomerGroups}

// Get returns customer group id.
func (s *CustomerGroupsService) Get(ctx context.Context, id int64) (*CustomerGroup, error) {
	op := fmt.Sprintf("get customer group %d", id)
	if err := checkID(id); err != nil {
		return nil, wrap(op, err)
	}
	var g CustomerGroup
	if err := s.c.call(ctx, "GET", idPath("customers-groups", id), nil, nil, &g); err != nil {
		return nil, wrap(op, err)
	}
	return &g, nil
}

// Create creates a customer group.
func (s *CustomerGroupsService) Create(ctx context.Context, in CustomerGroupInput) (*CustomerGroup, error) {
	const op = "create customer group"
	form, err := in.form()
	if err != nil {
		return nil, wrap(op, err)
	}
	g, err := createCRUD[CustomerGroup](ctx, s.c, NamespaceCustomerGroups, form)
	return g, wrap(op, err)
}

// Update replaces customer group id with in.
func (s *CustomerGroupsService) Update(ctx context.Context, id int64, in CustomerGroupInput) (*CustomerGroup, error) {
	op := fmt.Sprintf("update customer group %d", id)
	form, err := in.form()
	if err != nil {
		return nil, wrap(op, err)
	}
	g, err := updateCRUD[CustomerGroup](ctx, s.c, NamespaceCustomerGroups, id, form)
	return g, wrap(op, err)
}

// Delete deletes customer group id.
func (s *CustomerGroupsService) Delete(ctx context.Context, id int64) error {
	return wrap(fmt.Sprintf("delete customer group %d", id), deleteCRUD(ctx, s.c, NamespaceCustomerGroups, id))
}

// List returns one page of ns.customers-groups.
func (s *CustomerGroupsService) List(ctx context.Context, opts *ListOptions) (*Page[CustomerGroup], error) {
	p, err := listCRUD[CustomerGroup](ctx, s.c, customerGroupsList, opts)
	return p, wrap("list customer groups", err)
}

// All iterates over every customer group from opts.Page on.
func (s *CustomerGroupsService) All(ctx context.Context, opts *ListOptions) iter.Seq2[CustomerGroup, error] {
	return iterateCRUD[CustomerGroup](ctx, s.c, customerGroupsList, opts, "list customer groups")
}
