package nexopos

import (
	"context"
	"errors"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// kinds are the sentinels an error may match.
var kinds = []error{ErrNotFound, ErrUnauthorized, ErrForbidden, ErrValidation, ErrRateLimited}

// assertKind checks that err matches want and no other sentinel.
func assertKind(t *testing.T, err error, want error) {
	t.Helper()
	for _, k := range kinds {
		assert.Equal(t, k == want, errors.Is(err, k), "errors.Is(%v)", k)
	}
}

// TestValidationLikeServerErrors checks the refusals production NexoPOS
// sends as HTTP 500 because of what the request carried (the messages of
// app/Services/ProductService.php): they match ErrValidation, never
// ErrNotFound (the product being written exists; what is missing is the
// category it names), and the server's message is kept.
func TestValidationLikeServerErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		update  bool // Update product 7 instead of Create
		message string
	}{
		{"SKU in use on create", false, `The provided SKU "SPARK-001" is already in use.`},
		{"SKU in use on update", true, `The provided SKU is already in use.`},
		{"barcode in use on create", false, `The provided barcode "4006381333931" is already in use.`},
		{"barcode in use on update", true, `The provided barcode is already in use.`},
		{"variation SKU in use", false, `A variation within the product has a SKU which is already in use : SPARK-001`},
		{"variation barcode in use", false, `A variation within the product has a barcode which is already in use : 4006381333931.`},
		{"missing category on create", false, `The category to which the product is attached doesn't exists or has been deleted`},
		{"missing category on update", true, `The category to which the product is attached doesn't exists or has been deleted`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			body := `{"status":"error","message":` + strconv.Quote(tc.message) + `,"previous":"http://127.0.0.1:8090"}`
			route := "POST /api/products"
			if tc.update {
				route = "PUT /api/products/7"
			}
			f := newFake(t, map[string][]reply{route: {{status: 500, body: body}}})
			c := f.client(WithRetries(0))
			var err error
			if tc.update {
				_, err = c.Products.Update(ctx(), 7, sampleProductInput())
			} else {
				_, err = c.Products.Create(ctx(), sampleProductInput())
			}
			require.Error(t, err)
			assertKind(t, err, ErrValidation)
			var apiErr *APIError
			require.ErrorAs(t, err, &apiErr)
			assert.Equal(t, 500, apiErr.StatusCode)
			assert.Equal(t, tc.message, apiErr.Message)
			assert.Equal(t, ErrValidation, apiErr.Kind())
			assert.Contains(t, err.Error(), tc.message)
			assert.Len(t, f.requests(), 1, "a refusal is not retried")
		})
	}
}

// TestOwnChecksAreValidation checks that every input the client refuses
// before sending matches ErrValidation (and no other sentinel), keeps its
// message, and sends nothing.
func TestOwnChecksAreValidation(t *testing.T) {
	t.Parallel()
	one := MustDecimal("1")
	tests := []struct {
		name string
		call func(ctx context.Context, c *Client) error
		want string
	}{
		{"product name", func(ctx context.Context, c *Client) error {
			in := sampleProductInput()
			in.Name = " "
			_, err := c.Products.Create(ctx, in)
			return err
		}, "name is required"},
		{"product without anything", func(ctx context.Context, c *Client) error {
			_, err := c.Products.Update(ctx, 3, ProductInput{})
			return err
		}, "category id is required"},
		{"product id", func(ctx context.Context, c *Client) error { _, err := c.Products.Get(ctx, 0); return err }, "id must be positive"},
		{"product delete id", func(ctx context.Context, c *Client) error { return c.Products.Delete(ctx, -1) }, "id must be positive"},
		{"product sku", func(ctx context.Context, c *Client) error { _, err := c.Products.GetBySKU(ctx, "a/b"); return err }, "no slash"},
		{"customer first name", func(ctx context.Context, c *Client) error {
			_, err := c.Customers.Create(ctx, CustomerInput{LastName: "Doe"})
			return err
		}, "first name is required"},
		{"customer email", func(ctx context.Context, c *Client) error {
			_, err := c.Customers.Update(ctx, 4, CustomerInput{FirstName: "Jane", Email: "jane+shop@example.com"})
			return err
		}, "contains '+'"},
		{"customer sort", func(ctx context.Context, c *Client) error {
			_, err := c.Customers.List(ctx, &ListOptions{Active: "id", Direction: Ascending})
			return err
		}, "it is refused"},
		{"customer sort, all", func(ctx context.Context, c *Client) error {
			for _, err := range c.Customers.All(ctx, &ListOptions{Active: "id", Direction: Ascending}) {
				return err
			}
			return nil
		}, "it is refused"},
		{"customer group name", func(ctx context.Context, c *Client) error {
			_, err := c.CustomerGroups.Create(ctx, CustomerGroupInput{})
			return err
		}, "name is required"},
		{"category name", func(ctx context.Context, c *Client) error {
			_, err := c.Categories.Create(ctx, CategoryInput{})
			return err
		}, "name is required"},
		{"category parent", func(ctx context.Context, c *Client) error {
			_, err := c.Categories.Update(ctx, 2, CategoryInput{Name: "Drinks", ParentID: -1})
			return err
		}, "must not be negative"},
		{"unit", func(ctx context.Context, c *Client) error { _, err := c.Units.Create(ctx, UnitInput{}); return err }, "are required"},
		{"unit group", func(ctx context.Context, c *Client) error {
			_, err := c.UnitGroups.Create(ctx, NamedInput{})
			return err
		}, "name is required"},
		{"tax", func(ctx context.Context, c *Client) error { _, err := c.Taxes.Create(ctx, TaxInput{}); return err }, "are required"},
		{"tax group", func(ctx context.Context, c *Client) error {
			_, err := c.TaxGroups.Create(ctx, NamedInput{})
			return err
		}, "name is required"},
		{"payment type", func(ctx context.Context, c *Client) error {
			_, err := c.PaymentTypes.Create(ctx, PaymentTypeInput{})
			return err
		}, "label is required"},
		{"order", func(ctx context.Context, c *Client) error { _, err := c.Orders.Create(ctx, OrderInput{}); return err }, "customer id is required"},
		{"order payment", func(ctx context.Context, c *Client) error {
			_, err := c.Orders.AddPayment(ctx, 5, PaymentInput{Identifier: "cash-payment"})
			return err
		}, "positive value"},
		{"refund", func(ctx context.Context, c *Client) error {
			_, err := c.Orders.Refund(ctx, 5, RefundInput{})
			return err
		}, "payment identifier is required"},
		{"void reason", func(ctx context.Context, c *Client) error { return c.Orders.Void(ctx, 5, " ") }, "a reason is required"},
		{"no adjustment", func(ctx context.Context, c *Client) error { _, err := c.Stock.Adjust(ctx); return err }, "no adjustment given"},
		{"adjustment", func(ctx context.Context, c *Client) error {
			_, err := c.Stock.Adjust(ctx, Adjustment{Action: ActionAdded, Quantity: one})
			return err
		}, "product id and unit id are required"},
		{"list page", func(ctx context.Context, c *Client) error {
			_, err := c.Products.List(ctx, &ListOptions{Page: -1})
			return err
		}, "negative page"},
		{"list direction", func(ctx context.Context, c *Client) error {
			_, err := c.Orders.List(ctx, &ListOptions{Active: "id", Direction: "sideways"})
			return err
		}, "is neither"},
		{"crud delete id", func(ctx context.Context, c *Client) error { return c.Units.Delete(ctx, 0) }, "id must be positive"},
		{"poll cursor", func(ctx context.Context, c *Client) error {
			_, _, err := c.Stock.MovementsSince(ctx, -1)
			return err
		}, "negative cursor"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			f := newFake(t, map[string][]reply{})
			err := tc.call(ctx(), f.client(WithRetries(0)))
			require.Error(t, err)
			assertKind(t, err, ErrValidation)
			assert.Contains(t, err.Error(), tc.want)
			assert.True(t, strings.HasPrefix(err.Error(), "nexopos: "), "the error names the package and the operation")
			var apiErr *APIError
			assert.False(t, errors.As(err, &apiErr), "no answer: the request was not sent")
			assert.Empty(t, f.requests(), "the request was not sent")
		})
	}
}
