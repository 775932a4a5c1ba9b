package nexopos

import (
	"errors"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestErrorClassification(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name    string
		status  int
		fixture string
		body    string
		header  http.Header
		kind    error
		message string
	}{
		{"product not found is a 500", 500, "v5/40-err-product-not-found.json", "", nil, ErrNotFound, "Unable to find the product"},
		{"deleted product", 500, "v5/120b-err-get-deleted-product.json", "", nil, ErrNotFound, "doesn't have any match"},
		{"missing name is an SQL 500", 500, "v5/41-err-create-product-missing-name.json", "", nil, ErrValidation, "cannot be null"},
		{"no token", 401, "v5/42-err-no-token.json", "", nil, ErrUnauthorized, "Unauthenticated."},
		{"wrong token", 401, "v5/185-err-wrong-token-401.json", "", nil, ErrUnauthorized, "Unauthenticated."},
		{"html error page", 500, "v5/43-err-no-accept-header.html", "", http.Header{"Content-Type": {"text/html"}}, ErrNotFound, "HTML page instead of JSON: An Error Occured: Unable to find the product"},
		{"unknown payment is 403", 403, "v5/44-err-order-unknown-payment.json", "", nil, ErrForbidden, "payment type is not supported"},
		{"negative stock is 403", 403, "v5/45-err-adjustment-below-zero.json", "", nil, ErrForbidden, "negative stock"},
		{"no query results", 404, "v5/46-err-order-not-found.json", "", nil, ErrNotFound, "No query results for model"},
		{"customer not found", 404, "v5/47-err-customer-not-found.json", "", nil, ErrNotFound, "cannot be found"},
		{"validation as 500", 500, "v5/48-err-create-customer-missing-first-name.json", "", nil, ErrValidation, "The first name field is required."},
		{"email validation as 500", 500, "v5/140a-err-update-customer-plus-in-email-500.json", "", nil, ErrValidation, "general.email"},
		{"category with children is refused, not missing", 404, "v5/121-err-delete-category-with-subcategories.json", "", nil, ErrForbidden, "sub categories"},
		{"ambiguous filter is an input error", 500, "v5/126a-err-crud-products-queryfilters-ambiguous-500.json", "", nil, ErrValidation, "ambiguous"},
		{"duplicate email", 403, "v5/148-err-create-customer-duplicate-email.json", "", nil, ErrForbidden, "already used"},
		{"pay a paid order", 403, "v5/168d-err-order-payment-on-paid-order.json", "", nil, ErrForbidden, "already paid"},
		{"server bug is no sentinel", 500, "v5/154a-err-order-flat-discount-without-percentage-500.json", "", nil, nil, "Undefined array key"},
		{"422 with errors map", 422, "", `{"status":"error","message":"Unable to proceed the form is not valid","data":{"errors":{"name":["This field is required."]}}}`, nil, ErrValidation, "form is not valid"},
		{"laravel 422", 422, "", `{"message":"The name field is required.","errors":{"name":["The name field is required."]}}`, nil, ErrValidation, "name field"},
		{"200 with status error", 200, "", `{"status":"error","message":"Something refused"}`, nil, nil, "Something refused"},
		{"plain 404 page", 404, "", `{"message":"The route api/nope could not be found."}`, nil, ErrNotFound, "could not be found"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			rep := reply{status: tc.status, fixture: tc.fixture, body: tc.body, header: tc.header}
			f := newFake(t, map[string][]reply{"GET /api/products/5": {rep}})
			_, err := f.client(WithRetries(0)).Products.Get(ctx(), 5)
			require.Error(t, err)
			assert.True(t, strings.HasPrefix(err.Error(), "nexopos: get product 5: "), err.Error())
			var apiErr *APIError
			require.ErrorAs(t, err, &apiErr)
			assert.Equal(t, tc.status, apiErr.StatusCode)
			assert.Contains(t, apiErr.Message, tc.message)
			assert.NotEmpty(t, apiErr.Body)
			for _, k := range []error{ErrNotFound, ErrUnauthorized, ErrForbidden, ErrValidation, ErrRateLimited} {
				assert.Equal(t, k == tc.kind, errors.Is(err, k), "errors.Is(%v)", k)
			}
			assert.Equal(t, tc.kind, apiErr.Kind())
		})
	}
}

func TestAPIErrorValidationMap(t *testing.T) {
	t.Parallel()
	e := checkResponse(422, http.Header{}, []byte(`{"message":"invalid","errors":{"b":["two"],"a":"one"}}`))
	require.NotNil(t, e)
	assert.Equal(t, map[string][]string{"a": {"one"}, "b": {"two"}}, e.Errors)
	assert.Equal(t, "HTTP 422: invalid (a: one; b: two)", e.Error())
}

func TestAPIErrorBodyTruncated(t *testing.T) {
	t.Parallel()
	big := `{"status":"error","message":"x","pad":"` + strings.Repeat("a", 10000) + `"}`
	e := checkResponse(500, http.Header{}, []byte(big))
	require.NotNil(t, e)
	assert.LessOrEqual(t, len(e.Body), maxErrorBody+3)
}

func TestSuccessDecidedOnStatus(t *testing.T) {
	t.Parallel()
	assert.Nil(t, checkResponse(200, http.Header{}, []byte(`{"status":"success","data":{}}`)))
	assert.Nil(t, checkResponse(200, http.Header{}, []byte(`[{"status":"error"}]`)), "a list is data, not an envelope")
	assert.NotNil(t, checkResponse(200, http.Header{}, []byte(`{"status":"error","message":"no"}`)))
	assert.NotNil(t, checkResponse(500, http.Header{}, []byte(`{"status":"success"}`)))
}

func TestUnitNotFoundQuirk(t *testing.T) {
	t.Parallel()
	f := newFake(t, map[string][]reply{"GET /api/units/99999": {{status: 500, fixture: "v5/208-err-get-unit-not-found.json"}}})
	_, err := f.client(WithRetries(0)).Units.Get(ctx(), 99999)
	require.ErrorIs(t, err, ErrNotFound)
}
