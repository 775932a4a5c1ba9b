package woocommerce

import (
	"context"
	"net/http"
	"net/url"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestCustomerDecode(t *testing.T) {
	t.Parallel()
	c := assertRoundTrip[Customer](t, fixtureBody(t, "customer-get.http"))
	assert.Equal(t, "jane.doe@example.com", c.Email)
	assert.Equal(t, "San Francisco", c.Billing.City)
	assert.Equal(t, "customer", c.Role)
}

func TestCustomerOperations(t *testing.T) {
	t.Parallel()
	cust := fixtureBody(t, "customer-get.http")
	runOps(t, []opCase{
		{name: "get", method: http.MethodGet, path: "customers/2", respond: cust,
			call: func(ctx context.Context, c *Client) error { _, err := c.Customers.Get(ctx, 2); return err }},
		{name: "list by email", method: http.MethodGet, path: "customers", respond: []byte("[]"),
			query: url.Values{"email": {"jane+pos@example.com"}, "role": {"all"}},
			call: func(ctx context.Context, c *Client) error {
				_, _, err := c.Customers.List(ctx, &CustomerListOptions{Email: "jane+pos@example.com", Role: "all"})
				return err
			}},
		{name: "get by email finds an administrator", method: http.MethodGet, path: "customers", respond: []byte("[" + string(cust) + "]"),
			query: url.Values{"email": {"jane.doe@example.com"}, "role": {"all"}},
			call: func(ctx context.Context, c *Client) error {
				got, err := c.Customers.GetByEmail(ctx, "jane.doe@example.com")
				if err == nil && got.ID != 2 {
					t.Errorf("got customer %d", got.ID)
				}
				return err
			}},
		{name: "get by email not found", method: http.MethodGet, path: "customers", respond: []byte("[]"),
			query: url.Values{"email": {"nobody@example.com"}, "role": {"all"}},
			call: func(ctx context.Context, c *Client) error {
				_, err := c.Customers.GetByEmail(ctx, "nobody@example.com")
				return err
			},
			checkResp: func(t *testing.T, err error) { require.ErrorIs(t, err, ErrNotFound) }},
		{name: "all", method: http.MethodGet, path: "customers", respond: []byte("[]"), query: url.Values{"page": {"1"}, "orderby": {"registered_date"}},
			call: func(ctx context.Context, c *Client) error {
				for _, err := range c.Customers.All(ctx, &CustomerListOptions{OrderBy: "registered_date"}) {
					return err
				}
				return nil
			}},
		{name: "create", method: http.MethodPost, path: "customers", respond: cust,
			body: `{"email":"jane.doe@example.com","first_name":"Jane","meta_data":[{"key":"_pos_id","value":"7"}]}`,
			call: func(ctx context.Context, c *Client) error {
				_, err := c.Customers.Create(ctx, CustomerRequest{Email: "jane.doe@example.com", FirstName: Ptr("Jane"), MetaData: []MetaData{StringMeta("_pos_id", "7")}})
				return err
			}},
		{name: "update", method: http.MethodPut, path: "customers/2", respond: cust, body: `{"last_name":""}`,
			call: func(ctx context.Context, c *Client) error {
				_, err := c.Customers.Update(ctx, 2, CustomerRequest{LastName: Ptr("")})
				return err
			}},
		{name: "delete", method: http.MethodDelete, path: "customers/2", query: url.Values{"force": {"true"}}, respond: cust,
			call: func(ctx context.Context, c *Client) error { _, err := c.Customers.Delete(ctx, 2, 0); return err }},
		{name: "delete and reassign", method: http.MethodDelete, path: "customers/2", query: url.Values{"force": {"true"}, "reassign": {"1"}}, respond: cust,
			call: func(ctx context.Context, c *Client) error { _, err := c.Customers.Delete(ctx, 2, 1); return err }},
		{name: "batch", method: http.MethodPost, path: "customers/batch", body: `{"create":[{"email":"a@example.com"}]}`,
			call: func(ctx context.Context, c *Client) error {
				_, err := c.Customers.Batch(ctx, BatchRequest[CustomerRequest]{Create: []CustomerRequest{{Email: "a@example.com"}}})
				return err
			}},
	})
}
