package nexopos

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// sampleOrderInput is the order of sample 28.
func sampleOrderInput() OrderInput {
	return OrderInput{
		CustomerID: 73, Type: OrderTakeaway,
		Products: []OrderLine{{ProductID: 1, UnitQuantityID: 1, Quantity: DecimalFromInt(2), UnitPrice: DecimalFromInt(3)}},
		Payments: []PaymentInput{{Identifier: PaymentCash, Value: DecimalFromInt(6)}},
	}
}

// orderFormKeys are the keys OrdersService reads from an order body.
var orderFormKeys = map[string]bool{
	"customer_id": true, "type": true, "type.identifier": true, "payment_status": true, "title": true, "note": true,
	"discount_type": true, "discount": true, "discount_percentage": true, "shipping": true, "subtotal": true, "total": true,
	"addresses": true, "addresses.billing": true, "addresses.shipping": true,
	"products": true, "products[].id": true, "products[].product_id": true, "products[].sku": true,
	"products[].unit_quantity_id": true, "products[].name": true, "products[].unit_id": true, "products[].quantity": true,
	"products[].unit_price": true, "products[].discount_type": true, "products[].discount": true,
	"products[].discount_percentage": true,
	"payments":                       true, "payments[].identifier": true, "payments[].value": true, "coupons": true, "instalments": true,
}

func assertOrderKeys(t *testing.T, body []byte, sample string) {
	t.Helper()
	sent := keyPaths(t, body)
	for _, k := range sent {
		if len(k) > len("addresses.billing.") && (k[:18] == "addresses.billing." || k[:18] == "addresses.shipping") {
			continue
		}
		assert.True(t, orderFormKeys[k], "key %q is not read by NexoPOS", k)
	}
	for _, k := range keyPaths(t, fixture(t, "v5/requests/"+sample)) {
		assert.Contains(t, sent, k, "sample %s sent %q and worked", sample, k)
	}
}

func TestOrderCreateRequestShape(t *testing.T) {
	t.Parallel()
	f := newFake(t, map[string][]reply{"POST /api/orders": {{fixture: "v5/28-create-order.json"}}})
	in := sampleOrderInput()
	in.Note = "woocommerce:1234"
	o, err := f.client().Orders.Create(ctx(), in)
	require.NoError(t, err)
	body := f.last().Body
	assertOrderKeys(t, body, "28-create-order.json")
	assert.Equal(t, map[string]any{"identifier": "takeaway"}, jsonValue(t, body, "type"), "type is an object")
	assert.Equal(t, "woocommerce:1234", jsonValue(t, body, "note"))
	assert.Equal(t, float64(6), jsonValue(t, body, "payments.0.value"))
	assert.Equal(t, []any{}, jsonValue(t, body, "coupons"))
	assert.Nil(t, jsonValue(t, body, "payment_status"), "payment status is computed, not sent")

	assert.Equal(t, int64(1), o.ID)
	assert.Equal(t, PaymentStatusPaid, o.PaymentStatus)
	assert.Equal(t, "6", o.Total.String())
	assert.Equal(t, "261127-001", o.Code)
	require.Len(t, o.Products, 1)
	assert.Equal(t, int64(1), o.Products[0].UnitQuantityID)
	require.Len(t, o.Payments, 1)
	assert.Equal(t, PaymentCash, o.Payments[0].Identifier)
	assert.Len(t, o.Addresses, 2)
}

func TestOrderVariantsRequestShape(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name   string
		sample string
		in     OrderInput
		check  func(t *testing.T, body []byte)
	}{
		{"hold", "150-create-order-hold.json", OrderInput{
			CustomerID: 73, PaymentStatus: PaymentStatusHold, Title: "Held s2",
			Products: []OrderLine{{ProductID: 4, UnitQuantityID: 5, Quantity: DecimalFromInt(3), UnitPrice: MustDecimal("1.5")}},
		}, func(t *testing.T, body []byte) {
			assert.Equal(t, "hold", jsonValue(t, body, "payment_status"))
			assert.Equal(t, []any{}, jsonValue(t, body, "payments"))
		}},
		{"quick product", "153-create-order-quick-product.json", OrderInput{
			CustomerID: 73,
			Products:   []OrderLine{{Name: "Quick Service s2", UnitID: 1, Quantity: DecimalFromInt(2), UnitPrice: MustDecimal("7.5")}},
			Payments:   []PaymentInput{{Identifier: PaymentCash, Value: DecimalFromInt(15)}},
		}, func(t *testing.T, body []byte) {
			assert.Nil(t, jsonValue(t, body, "products.0.product_id"))
			assert.Nil(t, jsonValue(t, body, "products.0.unit_quantity_id"))
			assert.Equal(t, "Quick Service s2", jsonValue(t, body, "products.0.name"))
		}},
		{"addresses, shipping, flat discount", "154-create-order-addresses-shipping-discount.json", OrderInput{
			CustomerID: 73, Type: OrderDelivery, Shipping: DecimalFromInt(5), DiscountType: DiscountFlat, Discount: DecimalFromInt(1),
			BillingAddress: &AddressInput{FirstName: "Jane", LastName: "Doe", Phone: "+15550111", Address1: "1 Billing St", City: "Springfield",
				Country: "US", Pobox: "12345", Company: "ACME", Email: "billing.s2@example.com"},
			ShippingAddress: &AddressInput{FirstName: "Jane", LastName: "Doe", Address1: "2 Shipping Ave", City: "Springfield", Country: "US"},
			Products: []OrderLine{
				{ProductID: 4, UnitQuantityID: 5, Quantity: DecimalFromInt(2), UnitPrice: MustDecimal("1.5")},
				{ProductID: 4, UnitQuantityID: 6, Quantity: DecimalFromInt(1), UnitPrice: DecimalFromInt(15)},
				{ProductID: 5, UnitQuantityID: 7, Quantity: DecimalFromInt(1), UnitPrice: DecimalFromInt(2)},
			},
			Payments: []PaymentInput{{Identifier: PaymentCash, Value: DecimalFromInt(30)}},
		}, func(t *testing.T, body []byte) {
			assert.Equal(t, float64(0), jsonValue(t, body, "discount_percentage"), "a flat discount without discount_percentage is a 500")
			assert.Equal(t, map[string]any{"identifier": "delivery"}, jsonValue(t, body, "type"))
			assert.Equal(t, keyPaths(t, fixture(t, "v5/requests/154-create-order-addresses-shipping-discount.json")),
				intersect(keyPaths(t, body), keyPaths(t, fixture(t, "v5/requests/154-create-order-addresses-shipping-discount.json"))))
			assert.Equal(t, "2 Shipping Ave", jsonValue(t, body, "addresses.shipping.address_1"))
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			f := newFake(t, map[string][]reply{"POST /api/orders": {{fixture: "v5/" + tc.sample}}})
			_, err := f.client().Orders.Create(ctx(), tc.in)
			require.NoError(t, err)
			body := f.last().Body
			assertOrderKeys(t, body, tc.sample)
			tc.check(t, body)
		})
	}
}

func intersect(a, b []string) []string {
	set := map[string]bool{}
	for _, x := range a {
		set[x] = true
	}
	var out []string
	for _, x := range b {
		if set[x] {
			out = append(out, x)
		}
	}
	return out
}

func TestOrderInputValidation(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name   string
		modify func(*OrderInput)
		want   string
	}{
		{"no customer", func(o *OrderInput) { o.CustomerID = 0 }, "customer id is required"},
		{"no lines", func(o *OrderInput) { o.Products = nil }, "at least one product line"},
		{"no unit quantity", func(o *OrderInput) { o.Products[0].UnitQuantityID = 0 }, "unit quantity id"},
		{"quick without unit", func(o *OrderInput) {
			o.Products[0] = OrderLine{Name: "x", Quantity: DecimalFromInt(1), UnitPrice: DecimalFromInt(1)}
		}, "quick product"},
		{"zero quantity", func(o *OrderInput) { o.Products[0].Quantity = DecimalFromInt(0) }, "quantity must be positive"},
		{"paid status", func(o *OrderInput) { o.PaymentStatus = PaymentStatusPaid }, "NexoPOS computes it"},
		{"discount without type", func(o *OrderInput) { o.Discount = DecimalFromInt(1) }, "discount type"},
		{"bad discount type", func(o *OrderInput) { o.DiscountType = "fixed" }, "discount type"},
		{"payment without identifier", func(o *OrderInput) { o.Payments[0].Identifier = "" }, "payment 0"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			f := newFake(t, nil)
			in := sampleOrderInput()
			tc.modify(&in)
			_, err := f.client().Orders.Create(ctx(), in)
			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.want)
			assert.Contains(t, err.Error(), "nexopos: create order: ")
			assert.Empty(t, f.requests())
		})
	}
}

func TestOrderOperations(t *testing.T) {
	t.Parallel()
	f := newFake(t, map[string][]reply{
		"GET /api/orders/1":           {{fixture: "v5/29-get-order.json"}},
		"PUT /api/orders/5":           {{fixture: "v5/155-update-order-unpaid.json"}},
		"POST /api/orders/5/payments": {{fixture: "v5/156-order-add-payment.json"}},
		"POST /api/orders/8/refund":   {{fixture: "v5/162-order-refund.json"}},
		"POST /api/orders/9/void":     {{fixture: "v5/167-order-void.json"}},
		"DELETE /api/orders/6":        {{fixture: "v5/170-delete-order-paid.json"}},
		"GET /api/orders/5/products":  {{fixture: "v5/160-get-order-products.json"}},
		"GET /api/orders/8/payments":  {{fixture: "v5/164-get-order-payments.json"}},
		"PUT /api/orders/7":           {{status: 403, fixture: "v5/169-err-update-paid-order.json"}},
	})
	c := f.client()

	o, err := c.Orders.Get(ctx(), 1)
	require.NoError(t, err)
	require.NotNil(t, o.Customer)
	assert.Equal(t, "Jane", o.Customer.FirstName)
	require.NotNil(t, o.ShippingAddress)
	assert.Equal(t, "shipping", o.ShippingAddress.Type)
	assert.Equal(t, "2026-11-27 07:09:40", o.CreatedAt.Format("2006-01-02 15:04:05"))

	upd := OrderInput{CustomerID: 73, Products: []OrderLine{{ID: 5, ProductID: 4, UnitQuantityID: 5, Quantity: DecimalFromInt(6), UnitPrice: MustDecimal("1.5")}}}
	o, err = c.Orders.Update(ctx(), 5, upd)
	require.NoError(t, err)
	assert.Equal(t, PaymentStatusUnpaid, o.PaymentStatus)
	assertOrderKeys(t, f.last().Body, "155-update-order-unpaid.json")
	assert.Equal(t, float64(5), jsonValue(t, f.last().Body, "products.0.id"), "the line id keeps the line")

	pay, err := c.Orders.AddPayment(ctx(), 5, PaymentInput{Identifier: PaymentCash, Value: DecimalFromInt(9)})
	require.NoError(t, err)
	assert.Equal(t, int64(7), pay.ID)
	assert.Equal(t, int64(5), pay.OrderID)
	assert.JSONEq(t, string(fixture(t, "v5/requests/156-order-add-payment.json")), string(f.last().Body))

	res, err := c.Orders.Refund(ctx(), 8, RefundInput{PaymentIdentifier: PaymentCash, Total: MustDecimal("1.5"),
		Products: []RefundLine{{OrderProductID: 8, Quantity: DecimalFromInt(1), UnitPrice: MustDecimal("1.5"), Description: "Customer changed mind (s2)"}}})
	require.NoError(t, err)
	assert.Equal(t, "success", res.Status)
	assert.JSONEq(t, string(fixture(t, "v5/requests/162-order-refund.json")), string(f.last().Body))

	require.NoError(t, c.Orders.Void(ctx(), 9, "Entered by mistake (s2)"))
	assert.JSONEq(t, string(fixture(t, "v5/requests/167-order-void.json")), string(f.last().Body))
	require.Error(t, c.Orders.Void(ctx(), 9, " "), "a reason is required")

	require.NoError(t, c.Orders.Delete(ctx(), 6))
	require.Error(t, c.Orders.Delete(ctx(), 0))

	lines, err := c.Orders.Products(ctx(), 5)
	require.NoError(t, err)
	require.NotEmpty(t, lines)
	assert.Equal(t, "1.5", lines[0].UnitPrice.String())

	pays, err := c.Orders.Payments(ctx(), 8)
	require.NoError(t, err)
	require.Len(t, pays, 1)
	assert.Equal(t, "30", pays[0].Value.String())

	_, err = c.Orders.Update(ctx(), 7, upd)
	require.ErrorIs(t, err, ErrForbidden)
	assert.Contains(t, err.Error(), "nexopos: update order 7: HTTP 403: Unable to edit an order that is completely paid.")
}

func TestOrderListDisplayColumns(t *testing.T) {
	t.Parallel()
	f := newFake(t, map[string][]reply{"GET /api/crud/ns.orders": {{fixture: "v5/30-get-crud-orders.json"}}})
	page, err := f.client().Orders.List(ctx(), &ListOptions{PerPage: 2})
	require.NoError(t, err)
	require.Len(t, page.Items, 1)
	o := page.Items[0]
	assert.Equal(t, OrderTakeaway, o.Type)
	assert.Equal(t, PaymentStatusPaid, o.PaymentStatus)
	assert.Equal(t, "not-available", o.ProcessStatus)
	assert.False(t, o.Total.Valid(), "a formatted total is not a number")
	assert.Equal(t, "USD 6,00 ", o.Display["total"])
	assert.Equal(t, "Paid", o.Display["payment_status"])
	assert.Equal(t, "6", o.Subtotal.String())
	assert.Equal(t, "Jane", o.CustomerFirstName)
}

// Refunds decodes GET orders/{id}/refunds as a real 5.3.10 answers it: the
// order with its refunds, each with its refunded lines.
func TestOrderRefunds(t *testing.T) {
	t.Parallel()
	f := newFake(t, map[string][]reply{"GET /api/orders/8/refunds": {{fixture: "v5/163-get-order-refunds.json"}}})
	c := f.client()
	refunds, err := c.Orders.Refunds(ctx(), 8)
	require.NoError(t, err)
	require.Len(t, refunds, 1)
	r := refunds[0]
	assert.Equal(t, int64(1), r.ID)
	assert.Equal(t, int64(8), r.OrderID)
	assert.Equal(t, "1.5", r.Total.String())
	assert.Equal(t, "0", r.Shipping.String())
	assert.Equal(t, "cash-payment", r.PaymentMethod)
	require.Len(t, r.Products, 1)
	p := r.Products[0]
	assert.Equal(t, int64(8), p.OrderProductID)
	assert.Equal(t, int64(4), p.ProductID)
	assert.Equal(t, "1", p.Quantity.String())
	assert.Equal(t, "1.5", p.TotalPrice.String())
	assert.Equal(t, ConditionUnspoiled, p.Condition)
	_, err = c.Orders.Refunds(ctx(), 0)
	require.ErrorIs(t, err, ErrValidation)
}
