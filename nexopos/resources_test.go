package nexopos

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestStockAdjustRequestShape(t *testing.T) {
	t.Parallel()
	f := newFake(t, map[string][]reply{"POST /api/products/adjustments": {{fixture: "v5/18-stock-adjustment-add.json"}}})
	h, err := f.client().Stock.Adjust(ctx(), Adjustment{
		ProductID: 1, UnitID: 1, UnitQuantityID: 1, Action: ActionAdded, Quantity: DecimalFromInt(100),
		Reason: "Initial stock (SDK sample)", UnitPrice: DecimalFromInt(3), ProductName: "Sparkling Water 50cl",
	})
	require.NoError(t, err)
	// The body is exactly what the real, working request of sample 18 sent.
	assert.JSONEq(t, string(fixture(t, "v5/requests/18-stock-adjustment-add.json")), string(f.last().Body))
	require.Len(t, h, 1)
	assert.Equal(t, "100", h[0].AfterQuantity.String())
	assert.Equal(t, ActionAdded, h[0].OperationType)
}

func TestStockAdjustValidation(t *testing.T) {
	t.Parallel()
	good := Adjustment{ProductID: 1, UnitID: 1, Action: ActionSet, Quantity: DecimalFromInt(5)}
	cases := []struct {
		name    string
		version Version
		adj     Adjustment
		want    string
	}{
		{"no unit", V6, Adjustment{ProductID: 1, Action: ActionAdded, Quantity: DecimalFromInt(1)}, "unit id"},
		{"negative", V6, Adjustment{ProductID: 1, UnitID: 1, Action: ActionRemoved, Quantity: DecimalFromInt(-1)}, "not negative"},
		{"unset quantity", V6, Adjustment{ProductID: 1, UnitID: 1, Action: ActionRemoved}, "quantity must be set"},
		{"unknown action", V6, Adjustment{ProductID: 1, UnitID: 1, Action: ActionSold, Quantity: DecimalFromInt(1)}, "action"},
		{"set on 4.x", V4, good, `action "set"`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			f := newFake(t, nil)
			_, err := f.client(WithVersion(tc.version)).Stock.Adjust(ctx(), tc.adj)
			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.want)
			assert.Empty(t, f.requests())
		})
	}
	f := newFake(t, map[string][]reply{"POST /api/products/adjustments": {{fixture: "v5/135-stock-adjustment-set.json"}}})
	_, err := f.client().Stock.Adjust(ctx(), good)
	require.NoError(t, err, "set is allowed on 6.x")
	assert.Equal(t, "set", jsonValue(t, f.last().Body, "products.0.adjust_action"))
	assert.Equal(t, float64(0), jsonValue(t, f.last().Body, "products.0.adjust_unit.sale_price"), "sale_price is read without a default")
}

func TestCategoryRequests(t *testing.T) {
	t.Parallel()
	f := newFake(t, map[string][]reply{
		"POST /api/categories":                 {{fixture: "v5/11-create-category.json"}},
		"PUT /api/categories/2":                {{fixture: "v5/101-update-category.json"}},
		"GET /api/categories/2":                {{fixture: "v5/102-get-category.json"}},
		"DELETE /api/categories/1":             {{status: 404, fixture: "v5/121-err-delete-category-with-subcategories.json"}},
		"GET /api/crud/ns.products-categories": {{fixture: "v5/123-get-crud-categories.json"}},
	})
	c := f.client()
	cat, err := c.Categories.Create(ctx(), CategoryInput{Name: "Beverages", Description: "Drinks"})
	require.NoError(t, err)
	assert.JSONEq(t, string(fixture(t, "v5/requests/11-create-category.json")), string(f.last().Body))
	assert.Equal(t, int64(1), cat.ID)

	_, err = c.Categories.Update(ctx(), 2, CategoryInput{Name: "Soft drinks", ParentID: 1})
	require.NoError(t, err)
	assert.Equal(t, keyPaths(t, fixture(t, "v5/requests/101-update-category.json")), intersect(keyPaths(t, f.last().Body), keyPaths(t, fixture(t, "v5/requests/101-update-category.json"))))

	got, err := c.Categories.Get(ctx(), 2)
	require.NoError(t, err)
	assert.Equal(t, int64(1), got.ParentID)

	err = c.Categories.Delete(ctx(), 1)
	require.ErrorIs(t, err, ErrForbidden, "a category with children is refused, not missing")

	_, err = c.Categories.Create(ctx(), CategoryInput{})
	require.Error(t, err)

	page, err := c.Categories.List(ctx(), &ListOptions{PerPage: 5})
	require.NoError(t, err)
	require.NotEmpty(t, page.Items)
	assert.True(t, page.Items[0].DisplaysOnPOS, `"Yes" is true`)
}

func TestCustomerRequests(t *testing.T) {
	t.Parallel()
	f := newFake(t, map[string][]reply{
		"POST /api/crud/ns.customers":     {{fixture: "v5/26-create-customer.json"}},
		"PUT /api/crud/ns.customers/73":   {{fixture: "v5/140-update-customer-crud.json"}},
		"GET /api/customers/73":           {{fixture: "v5/27-get-customer.json"}},
		"GET /api/customers/73/addresses": {{fixture: "v5/143-get-customer-addresses.json"}},
		"POST /api/customers/search":      {{fixture: "v5/142-search-customers.json"}},
		"GET /api/crud/ns.customers":      {{fixture: "v5/147-get-crud-customers.json"}},
	})
	c := f.client()
	cu, err := c.Customers.Create(ctx(), CustomerInput{FirstName: "Jane", LastName: "Doe", Email: "jane.doe@example.com",
		Phone: "+15550100", GroupID: 1, Shipping: &AddressInput{FirstName: "Jane", Email: "jane.doe@example.com"}})
	require.NoError(t, err)
	assert.JSONEq(t, string(fixture(t, "v5/requests/26-create-customer.json")), string(f.last().Body))
	assert.Equal(t, int64(73), cu.ID)
	assert.Equal(t, int64(1), cu.GroupID, `"group_id":"1" decodes`)

	_, err = c.Customers.Update(ctx(), 73, CustomerInput{FirstName: "Jane", LastName: "Doe", Email: "jane.doe.s2@example.com",
		Phone: "+15550199", GroupID: 1,
		Billing: &AddressInput{FirstName: "Jane", LastName: "Doe", Email: "billing.s2@example.com", Phone: "+15550111",
			Address1: "1 Billing St", City: "Springfield", Country: "US", Pobox: "12345", Company: "ACME"},
		Shipping: &AddressInput{FirstName: "Jane", LastName: "Doe", Address1: "2 Shipping Ave", City: "Springfield", Country: "US"}})
	require.NoError(t, err)
	assert.JSONEq(t, string(fixture(t, "v5/requests/140-update-customer-crud.json")), string(f.last().Body))

	got, err := c.Customers.Get(ctx(), 73)
	require.NoError(t, err)
	assert.Equal(t, "Doe", got.LastName)
	require.NotNil(t, got.Shipping)
	assert.Equal(t, "Jane", got.Shipping.FirstName)
	assert.Nil(t, got.Billing)
	require.NotNil(t, got.Group)
	assert.Equal(t, "Regulars", got.Group.Name)

	addrs, err := c.Customers.Addresses(ctx(), 73)
	require.NoError(t, err)
	require.NotEmpty(t, addrs)
	assert.Equal(t, "2 Shipping Ave", addrs[0].Address1)

	found, err := c.Customers.Search(ctx(), "jane")
	require.NoError(t, err)
	assert.NotEmpty(t, found)

	page, err := c.Customers.List(ctx(), &ListOptions{PerPage: 2})
	require.NoError(t, err)
	require.NotEmpty(t, page.Items)
	assert.False(t, page.Items[0].PurchasesAmount.Valid())
	assert.Equal(t, "USD 6,00 ", page.Items[0].Display["purchases_amount"])
	assert.Equal(t, "", page.Items[0].Gender)
	assert.True(t, page.HasNext())

	_, err = c.Customers.Create(ctx(), CustomerInput{FirstName: "A", Email: "a+b@example.com"})
	require.Error(t, err, "NexoPOS refuses + in emails with a 500")
}

func TestCustomersNeverSorted(t *testing.T) {
	t.Parallel()
	f := newFake(t, nil)
	c := f.client()
	_, err := c.Customers.List(ctx(), &ListOptions{Active: "id", Direction: Descending})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "administrators")
	for _, err := range c.Customers.All(ctx(), &ListOptions{Active: "id", Direction: Descending}) {
		require.Error(t, err)
	}
	assert.Empty(t, f.requests(), "active= must never reach ns.customers")
}

func TestCustomerV4Spelling(t *testing.T) {
	t.Parallel()
	f := newFake(t, map[string][]reply{"POST /api/nexopos/v4/crud/ns.customers": {{fixture: "v4/create-customer.json"}}})
	cu, err := f.client(WithVersion(V4)).Customers.Create(ctx(), CustomerInput{FirstName: "Jane", LastName: "Doe", Email: "jane@example.com",
		Billing: &AddressInput{FirstName: "Jane", LastName: "Doe"}})
	require.NoError(t, err)
	body := f.last().Body
	assert.Equal(t, "Jane", jsonValue(t, body, "name"))
	assert.Equal(t, "Doe", jsonValue(t, body, "general.surname"))
	assert.Equal(t, "Doe", jsonValue(t, body, "billing.surname"))
	assert.Nil(t, jsonValue(t, body, "first_name"))
	assert.Equal(t, "Jane", cu.FirstName, "4.x name decodes into FirstName")
	assert.Equal(t, "Doe", cu.LastName)
}

func TestReferenceDataRequests(t *testing.T) {
	t.Parallel()
	f := newFake(t, map[string][]reply{
		"POST /api/crud/ns.taxes-groups":     {{fixture: "v5/02-create-tax-group.json"}},
		"POST /api/crud/ns.taxes":            {{fixture: "v5/03-create-tax.json"}},
		"POST /api/crud/ns.units-groups":     {{fixture: "v5/04-create-unit-group.json"}},
		"POST /api/crud/ns.units":            {{fixture: "v5/05-create-unit-piece.json"}},
		"POST /api/crud/ns.customers-groups": {{fixture: "v5/07-create-customer-group.json"}},
		"POST /api/crud/ns.payments-types":   {{body: `{"status":"success","data":{"entry":{"label":"Card","identifier":"card","active":"1","priority":"0","id":4}},"message":"ok"}`}},
		"GET /api/taxes/groups/1":            {{body: `{"id":1,"name":"VAT","taxes":[{"id":1,"name":"VAT 10","rate":"10.000000","tax_group_id":1}]}`}},
		"GET /api/crud/ns.payments-types":    {{fixture: "v5/24-get-payments-types.json"}},
		"GET /api/units-groups/1/units":      {{fixture: "v5/202-get-units-group-units.json"}},
		"GET /api/crud/ns.units":             {{fixture: "v5/206-get-crud-units.json"}},
		"GET /api/taxes/groups/99999":        {{status: 404, fixture: "v5/209-err-get-tax-group-not-found.json"}},
	})
	c := f.client()

	tg, err := c.TaxGroups.Create(ctx(), NamedInput{Name: "VAT"})
	require.NoError(t, err)
	assert.Equal(t, "VAT", jsonValue(t, f.last().Body, "name"))
	assert.Equal(t, int64(1), tg.ID)

	tax, err := c.Taxes.Create(ctx(), TaxInput{Name: "VAT 10", Rate: DecimalFromInt(10), TaxGroupID: 1})
	require.NoError(t, err)
	assert.JSONEq(t, string(fixture(t, "v5/requests/03-create-tax.json")), string(f.last().Body))
	assert.Equal(t, "10", tax.Rate.String(), `"rate":"10" decodes`)
	assert.Equal(t, int64(1), tax.TaxGroupID)

	_, err = c.UnitGroups.Create(ctx(), NamedInput{Name: "Countable"})
	require.NoError(t, err)

	u, err := c.Units.Create(ctx(), UnitInput{Name: "Piece", Identifier: "piece", GroupID: 1, Value: DecimalFromInt(1), BaseUnit: true})
	require.NoError(t, err)
	assert.JSONEq(t, string(fixture(t, "v5/requests/05-create-unit-piece.json")), string(f.last().Body))
	assert.True(t, u.BaseUnit)
	assert.Equal(t, int64(1), u.GroupID)

	g, err := c.CustomerGroups.Create(ctx(), CustomerGroupInput{Name: "Regulars"})
	require.NoError(t, err)
	assert.Equal(t, "Regulars", g.Name)
	assert.Nil(t, jsonValue(t, f.last().Body, "general.reward_system_id"))

	pt, err := c.PaymentTypes.Create(ctx(), PaymentTypeInput{Label: "Card", Identifier: "card", Active: true})
	require.NoError(t, err)
	assert.True(t, pt.Active)
	assert.Equal(t, "card", jsonValue(t, f.last().Body, "general.identifier"))
	assert.Equal(t, "Card", jsonValue(t, f.last().Body, "label"))
	assert.Equal(t, true, jsonValue(t, f.last().Body, "general.active"))

	full, err := c.TaxGroups.Get(ctx(), 1)
	require.NoError(t, err)
	require.Len(t, full.Taxes, 1)
	assert.Equal(t, "10", full.Taxes[0].Rate.String(), "6.2 decimal strings decode")

	types, err := c.PaymentTypes.List(ctx(), nil)
	require.NoError(t, err)
	require.Len(t, types.Items, 3)
	assert.Equal(t, PaymentCash, types.Items[0].Identifier)
	assert.True(t, types.Items[0].Active, `"Yes" is active`)

	units, err := c.UnitGroups.Units(ctx(), 1)
	require.NoError(t, err)
	assert.NotEmpty(t, units)

	up, err := c.Units.List(ctx(), nil)
	require.NoError(t, err)
	assert.Equal(t, "Countable", up.Items[0].GroupName)

	_, err = c.TaxGroups.Get(ctx(), 99999)
	require.ErrorIs(t, err, ErrNotFound)
}
