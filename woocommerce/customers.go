package woocommerce

import (
	"context"
	"fmt"
	"iter"
	"net/url"
	"strconv"
)

// Customer is a customer as the store returns it (GET /customers/{id}).
type Customer struct {
	ID               int64    `json:"id"`
	DateCreated      Time     `json:"date_created"`
	DateCreatedGMT   Time     `json:"date_created_gmt"`
	DateModified     Time     `json:"date_modified"`
	DateModifiedGMT  Time     `json:"date_modified_gmt"`
	Email            string   `json:"email"`
	FirstName        string   `json:"first_name"`
	LastName         string   `json:"last_name"`
	Role             string   `json:"role"`
	Username         string   `json:"username"`
	Billing          Address  `json:"billing"`
	Shipping         Address  `json:"shipping"`
	IsPayingCustomer bool     `json:"is_paying_customer"`
	AvatarURL        string   `json:"avatar_url"`
	MetaData         MetaList `json:"meta_data"`
	Links            Links    `json:"_links,omitzero"`
}

// CustomerRequest creates or updates a customer; only set fields are sent.
// Email is required on create; Username is generated from it when empty
// (and cannot be changed later).
type CustomerRequest struct {
	Email     string     `json:"email,omitzero"`
	FirstName *string    `json:"first_name,omitempty"`
	LastName  *string    `json:"last_name,omitempty"`
	Username  string     `json:"username,omitzero"`
	Password  string     `json:"password,omitzero"`
	Billing   *Address   `json:"billing,omitempty"`
	Shipping  *Address   `json:"shipping,omitempty"`
	MetaData  []MetaData `json:"meta_data,omitzero"`
}

// CustomerListOptions filters GET /customers.
type CustomerListOptions struct {
	ListOptions
	Search string `url:"search,omitempty"`
	// Email matches the customer with exactly this email, the stable key
	// for finding a customer again.
	Email string `url:"email,omitempty"`
	// Role defaults to "customer" on the store, so administrators and shop
	// managers who also buy are not listed: use "all" to see everyone.
	Role    string  `url:"role,omitempty"`
	Include []int64 `url:"include,comma,omitempty"`
	Exclude []int64 `url:"exclude,comma,omitempty"`
	Order   string  `url:"order,omitempty"`
	// OrderBy is id, include, name or registered_date.
	OrderBy string `url:"orderby,omitempty"`
}

// CustomersService manages customers: GET/POST /customers,
// GET/PUT/DELETE /customers/{id}, POST /customers/batch.
type CustomersService struct{ c *Client }

// Get returns the customer with id.
func (s *CustomersService) Get(ctx context.Context, id int64) (*Customer, error) {
	op := fmt.Sprintf("get customer %d", id)
	if err := checkID(op, id); err != nil {
		return nil, err
	}
	return get[Customer](ctx, s.c, op, fmt.Sprintf("customers/%d", id), nil)
}

// List returns one page of customers.
func (s *CustomersService) List(ctx context.Context, opts *CustomerListOptions) ([]Customer, *Page, error) {
	return list[Customer](ctx, s.c, "list customers", "customers", opts)
}

// All iterates over every customer matching opts. When opts sets no OrderBy
// it sorts by id (ascending unless opts.Order says otherwise), so that each
// of the customers comes exactly once: the store's default order, by name,
// gives customers that tie no stable order across pages. An OrderBy set in
// opts is kept; one that is not unique (name, registered_date, ...) can
// repeat or skip customers across pages.
func (s *CustomersService) All(ctx context.Context, opts *CustomerListOptions) iter.Seq2[Customer, error] {
	return all[Customer](ctx, s.c, "list customers", "customers", opts)
}

// GetByEmail returns the user with this email whatever their role (an
// administrator who shops is not a "customer"), or an error matching
// ErrNotFound.
func (s *CustomersService) GetByEmail(ctx context.Context, email string) (*Customer, error) {
	op := fmt.Sprintf("get customer by email %q", email)
	if email == "" {
		return nil, fmt.Errorf("woocommerce: %s: empty email", op)
	}
	items, _, err := list[Customer](ctx, s.c, op, "customers", &CustomerListOptions{Email: email, Role: "all"})
	if err != nil {
		return nil, err
	}
	if len(items) == 0 {
		return nil, fmt.Errorf("woocommerce: %s: %w", op, &APIError{StatusCode: 404, Code: "woonexo_customer_not_found", Message: "no user has this email"})
	}
	return &items[0], nil
}

// Create creates a customer. It is not retried after a 5xx: look the
// customer up with GetByEmail before trying again.
func (s *CustomersService) Create(ctx context.Context, req CustomerRequest) (*Customer, error) {
	return create[Customer](ctx, s.c, "create customer", "customers", req)
}

// Update changes the fields set in req on customer id.
func (s *CustomersService) Update(ctx context.Context, id int64, req CustomerRequest) (*Customer, error) {
	op := fmt.Sprintf("update customer %d", id)
	if err := checkID(op, id); err != nil {
		return nil, err
	}
	return update[Customer](ctx, s.c, op, fmt.Sprintf("customers/%d", id), req)
}

// Delete deletes customer id for good (customers have no trash). When
// reassignTo is not 0, their posts go to that user.
func (s *CustomersService) Delete(ctx context.Context, id, reassignTo int64) (*Customer, error) {
	op := fmt.Sprintf("delete customer %d", id)
	if err := checkID(op, id); err != nil {
		return nil, err
	}
	q := forceQuery(true)
	if reassignTo != 0 {
		q = url.Values{"force": {"true"}, "reassign": {strconv.FormatInt(reassignTo, 10)}}
	}
	return remove[Customer](ctx, s.c, op, fmt.Sprintf("customers/%d", id), q)
}

// Batch creates, updates and deletes customers.
func (s *CustomersService) Batch(ctx context.Context, req BatchRequest[CustomerRequest]) (*BatchResult[Customer], error) {
	return batch[Customer](ctx, s.c, "batch customers", "customers", req)
}
