package nexopostest_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/woonexo/woonexo/nexopos/nexopostest"
)

// fixture is a fake with reference data, a product sold by piece and dozen
// (100 pieces, 10 dozens) and a customer.
type fixture struct {
	*api
	ref      nexopostest.Reference
	product  nexopostest.Product
	customer nexopostest.Customer
	piece    int64 // unit quantity ids
	dozen    int64
}

func newFixture(t *testing.T, opts ...nexopostest.Option) *fixture {
	t.Helper()
	a := newAPI(t, append([]nexopostest.Option{nexopostest.WithThrottle(0)}, opts...)...)
	h := a.s.Handler
	ref := h.SeedReference()
	cat, err := h.AddCategory(nexopostest.NewCategory{Name: "Drinks"})
	require.NoError(t, err)
	p, err := h.AddProduct(nexopostest.NewProduct{Name: "Cola", SKU: "COLA", Barcode: "5012345678900", CategoryID: cat.ID, TaxGroupID: ref.TaxGroupID,
		Units: []nexopostest.NewUnitQuantity{{UnitID: ref.PieceUnitID, SalePrice: 1.5, Stock: 100}, {UnitID: ref.DozenUnitID, SalePrice: 15, Stock: 10}}})
	require.NoError(t, err)
	cu, err := h.AddCustomer(nexopostest.NewCustomer{FirstName: "Jane", LastName: "Doe", Email: "jane@example.com", GroupID: ref.CustomerGroupID})
	require.NoError(t, err)
	return &fixture{api: a, ref: ref, product: p, customer: cu, piece: p.Units[0].ID, dozen: p.Units[1].ID}
}

func (f *fixture) stock() (piece, dozen float64) {
	h := f.s.Handler
	return h.Stock(f.product.ID, f.ref.PieceUnitID), h.Stock(f.product.ID, f.ref.DozenUnitID)
}

func (f *fixture) order(lines []map[string]any, payments []map[string]any, extra map[string]any) map[string]any {
	b := map[string]any{"customer_id": f.customer.ID, "type": map[string]any{"identifier": "takeaway"}, "products": lines}
	if payments != nil {
		b["payments"] = payments
	}
	for k, v := range extra {
		b[k] = v
	}
	return b
}

func (f *fixture) pieces(q float64) []map[string]any {
	return []map[string]any{{"product_id": f.product.ID, "unit_quantity_id": f.piece, "quantity": q, "unit_price": 1.5}}
}

func cash(v float64) []map[string]any {
	return []map[string]any{{"identifier": "cash-payment", "value": v}}
}

func TestAuthentication(t *testing.T) {
	t.Parallel()
	a := newAPI(t)
	for name, hdr := range map[string]map[string]string{
		"no token":        {"Accept": "application/json"},
		"wrong token":     {"Accept": "application/json", "Authorization": "Bearer 1|wrongwrongwrongwrongwrongwrongwrongwrongwrong"},
		"malformed token": {"Accept": "application/json", "Authorization": "Bearer garbage"},
		"basic auth":      {"Accept": "application/json", "Authorization": "Basic YWRtaW46YWRtaW4="},
	} {
		r := a.raw("GET", "/api/products", nil, hdr)
		assert.Equal(t, 401, r.status, name)
		assert.Equal(t, map[string]any{"message": "Unauthenticated."}, r.body, name)
		assert.Empty(t, r.header.Get("X-RateLimit-Limit"), "401s are not counted")
	}
	// without Accept: application/json, a redirect to the login page
	r := a.raw("GET", "/api/products", nil, nil)
	assert.Equal(t, http.StatusFound, r.status)
	assert.Equal(t, a.s.URL+"/sign-in", r.header.Get("Location"))
	// and errors are HTML pages
	r = a.raw("GET", "/api/products/999999", nil, map[string]string{"Authorization": "Bearer " + a.token})
	assert.Equal(t, 500, r.status)
	assert.True(t, strings.HasPrefix(r.header.Get("Content-Type"), "text/html"))
	assert.Contains(t, string(r.raw), "Unable to find the product")
	// a valid token works, and so does a token created through the API
	a.must(200, "GET", "/api/user", nil)
	r = a.must(200, "POST", "/api/users/create-token", map[string]any{"name": "ci"})
	tok := dig(r.body, "data", "token", "plainTextToken").(string)
	assert.True(t, strings.HasPrefix(tok, "2|"), tok)
	assert.Len(t, tok, len("2|")+48)
	b := &api{t: t, s: a.s, token: tok}
	b.must(200, "GET", "/api/user", nil)
	a.must(200, "DELETE", "/api/users/tokens/2", nil)
	b.must(401, "GET", "/api/user", nil)
}

func TestThrottle(t *testing.T) {
	t.Parallel()
	var mu sync.Mutex
	now := time.Date(2026, 1, 1, 10, 0, 0, 0, time.UTC)
	clock := func() time.Time { mu.Lock(); defer mu.Unlock(); return now }
	a := newAPI(t, nexopostest.WithClock(clock))
	for i := 1; i <= 80; i++ {
		r := a.must(200, "GET", "/api/user", nil)
		require.Equal(t, "80", r.header.Get("X-RateLimit-Limit"))
		require.Equal(t, itoa(80-i), r.header.Get("X-RateLimit-Remaining"))
	}
	r := a.do("GET", "/api/user", nil)
	assert.Equal(t, 500, r.status, "production mode renders the throttle exception as a 500")
	assert.Equal(t, "error", dig(r.body, "status"))
	assert.Equal(t, "Too Many Attempts.", dig(r.body, "message"))
	assert.NotNil(t, dig(r.body, "previous"))
	// the window ends a minute after it opened
	mu.Lock()
	now = now.Add(61 * time.Second)
	mu.Unlock()
	r = a.must(200, "GET", "/api/user", nil)
	assert.Equal(t, "79", r.header.Get("X-RateLimit-Remaining"))

	// configurable, and 0 disables it
	b := newAPI(t, nexopostest.WithThrottle(3), nexopostest.WithClock(clock))
	for i := 0; i < 3; i++ {
		b.must(200, "GET", "/api/user", nil)
	}
	b.must(500, "GET", "/api/user", nil)
	c := newAPI(t, nexopostest.WithThrottle(0))
	for i := 0; i < 100; i++ {
		r := c.must(200, "GET", "/api/user", nil)
		require.Empty(t, r.header.Get("X-RateLimit-Limit"))
	}
}

func itoa(i int) string { return strings.TrimSpace(strings.Repeat(" ", 0) + fmtInt(i)) }

func fmtInt(i int) string {
	if i == 0 {
		return "0"
	}
	s := ""
	neg := i < 0
	if neg {
		i = -i
	}
	for i > 0 {
		s = string(rune('0'+i%10)) + s
		i /= 10
	}
	if neg {
		s = "-" + s
	}
	return s
}

func productBody(name, sku string, category, unit int64, extra map[string]any) map[string]any {
	ident := map[string]any{"barcode": "", "barcode_type": "ean13", "searchable": true, "category_id": category,
		"product_type": "product", "type": "materialized", "sku": sku, "status": "available", "stock_management": "enabled"}
	for k, v := range extra {
		ident[k] = v
	}
	return map[string]any{"name": name, "variations": []any{map[string]any{
		"$primary": true, "expiracy": map[string]any{"expires": 0, "on_expiration": "prevent_sales"},
		"identification": ident, "images": []any{}, "taxes": map[string]any{"tax_group_id": 1, "tax_type": "inclusive"},
		"units": map[string]any{"selling_group": []any{map[string]any{"sale_price_edit": 2, "wholesale_price_edit": 1, "unit_id": unit}}, "unit_group": 1},
	}}}
}

func TestProducts(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	cat := f.product.CategoryID

	// an unknown column in a primary tab is an SQL error, not ignored
	r := f.must(500, "POST", "/api/products", productBody("Bad", "BAD-1", cat, 1, map[string]any{"color": "red"}))
	assert.Contains(t, dig(r.body, "message"), "Unknown column 'color' in 'field list'")
	assert.Len(t, f.s.Products(), 1, "nothing saved")

	// empty SKU and barcode are generated; the unit barcode is <barcode>-<unit quantity id>
	r = f.must(200, "POST", "/api/products", productBody("Fanta", "", cat, 1, nil))
	assert.Equal(t, "success", dig(r.body, "status"))
	p := dig(r.body, "data", "product")
	sku := dig(p, "sku").(string)
	assert.True(t, strings.HasPrefix(sku, "drinks--fanta--"), sku)
	bc := dig(p, "barcode").(string)
	assert.Len(t, bc, 13)
	uq := dig(p, "unit_quantities", 0)
	assert.Equal(t, bc+"-"+itoa(int(idOf(dig(uq, "id")))), dig(uq, "barcode"))
	assert.Equal(t, 0.0, numOf(dig(uq, "quantity")), "stock cannot be set on create")
	id := idOf(dig(p, "id"))

	// duplicate SKU
	r = f.must(500, "POST", "/api/products", productBody("Other", "COLA", cat, 1, nil))
	assert.Equal(t, `The provided SKU "COLA" is already in use.`, dig(r.body, "message"))
	// duplicate barcode
	r = f.must(500, "POST", "/api/products", productBody("Other", "OTHER", cat, 1, map[string]any{"barcode": "5012345678900"}))
	assert.Equal(t, `The provided barcode "5012345678900" is already in use.`, dig(r.body, "message"))

	// PUT needs groups, POST does not
	body := productBody("Fanta 33cl", sku, cat, 1, nil)
	r = f.must(500, "PUT", "/api/products/"+itoa(int(id)), body)
	assert.Equal(t, `Undefined array key "groups"`, dig(r.body, "message"))
	body["variations"].([]any)[0].(map[string]any)["groups"] = map[string]any{"product_subitems": []any{}}
	r = f.must(200, "PUT", "/api/products/"+itoa(int(id)), body)
	assert.Equal(t, "The product has been updated", dig(r.body, "message"))
	assert.Equal(t, "Fanta 33cl", dig(r.body, "data", "product", "name"))
	// missing name on PUT is a validation error, as a 500
	delete(body, "name")
	r = f.must(500, "PUT", "/api/products/"+itoa(int(id)), body)
	assert.Equal(t, "The name field is required.", dig(r.body, "message"))
	f.must(404, "PUT", "/api/products/99999", body)

	// lookups
	r = f.must(200, "GET", "/api/products/COLA?as=sku", nil)
	assert.Equal(t, float64(f.product.ID), numOf(dig(r.body, "id")))
	f.must(200, "GET", "/api/products/5012345678900?as=barcode", nil)
	r = f.must(500, "GET", "/api/products/NOPE?as=sku", nil)
	assert.Equal(t, `Unable to find the product, as the argument "sku" which value is "NOPE", doesn't have any match.`, dig(r.body, "message"))
	r = f.must(200, "GET", "/api/products/search/using-barcode/"+f.product.Units[1].Barcode, nil)
	assert.Equal(t, float64(f.dozen), numOf(dig(r.body, "product", "selectedUnitQuantity", "id")))
	r = f.must(200, "GET", "/api/products", nil)
	assert.Len(t, r.list(), 2)
	r = f.must(200, "GET", "/api/products/"+itoa(int(f.product.ID))+"/units", nil)
	assert.Equal(t, 100.0, numOf(dig(r.body, 0, "quantity")))
	assert.Equal(t, "Piece", dig(r.body, 0, "unit", "name"))

	// delete
	r = f.must(200, "DELETE", "/api/products/"+itoa(int(id)), nil)
	assert.Equal(t, `The product "Fanta 33cl" has been successfully deleted`, dig(r.body, "message"))
	f.must(500, "GET", "/api/products/"+itoa(int(id)), nil)
}

func TestAdjustments(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	adj := func(action string, unit, uq int64, q float64) map[string]any {
		return map[string]any{"products": []any{map[string]any{"id": f.product.ID, "name": "Cola", "adjust_action": action,
			"adjust_unit": map[string]any{"id": uq, "unit_id": unit, "sale_price": 1.5}, "adjust_reason": "test", "adjust_quantity": q}}}
	}
	before := f.s.History()
	r := f.must(200, "POST", "/api/products/adjustments", adj("removed", f.ref.PieceUnitID, f.piece, 5))
	assert.Equal(t, "removed", dig(r.body, "data", 0, "operation_type"))
	assert.Equal(t, 95.0, numOf(dig(r.body, "data", 0, "after_quantity")))
	// set is recorded as the difference
	r = f.must(200, "POST", "/api/products/adjustments", adj("set", f.ref.PieceUnitID, f.piece, 80))
	assert.Equal(t, "removed", dig(r.body, "data", 0, "operation_type"))
	assert.Equal(t, 15.0, numOf(dig(r.body, "data", 0, "quantity")))
	assert.Equal(t, 120.0, numOf(dig(r.body, "data", 0, "total_price")))
	r = f.must(200, "POST", "/api/products/adjustments", adj("set", f.ref.PieceUnitID, f.piece, 90))
	assert.Equal(t, "added", dig(r.body, "data", 0, "operation_type"))
	// a dozen is its own stock
	f.must(200, "POST", "/api/products/adjustments", adj("removed", f.ref.DozenUnitID, f.dozen, 1))
	p, d := f.stock()
	assert.Equal(t, 90.0, p)
	assert.Equal(t, 9.0, d)
	// below zero and negative quantities are refused with 403
	r = f.must(403, "POST", "/api/products/adjustments", adj("lost", f.ref.PieceUnitID, f.piece, 1000))
	assert.Equal(t, `The operation will cause a negative stock for the product "Cola" (-910).`, dig(r.body, "message"))
	assert.Nil(t, dig(r.body, "data"))
	r = f.must(403, "POST", "/api/products/adjustments", adj("added", f.ref.PieceUnitID, f.piece, -1))
	assert.Contains(t, dig(r.body, "message"), "can't be negative")
	r = f.must(500, "POST", "/api/products/adjustments", adj("stolen", f.ref.PieceUnitID, f.piece, 1))
	assert.Equal(t, "Unsupported action for the product Cola.", dig(r.body, "message"))
	// global history ids increase
	h := f.s.History()
	require.Len(t, h, len(before)+4)
	for i := 1; i < len(h); i++ {
		assert.Greater(t, h[i].ID, h[i-1].ID)
	}
	r = f.must(200, "GET", "/api/crud/ns.global-products-history?per_page=2", nil)
	assert.Equal(t, float64(h[len(h)-1].ID), numOf(dig(r.body, "data", 0, "id")), "newest first")
	assert.Equal(t, "Removed", dig(r.body, "data", 0, "operation_type"))

	// no effect on a product without stock management
	un, err := f.s.AddProduct(nexopostest.NewProduct{Name: "Gift wrap", CategoryID: f.product.CategoryID, Untracked: true,
		Units: []nexopostest.NewUnitQuantity{{UnitID: f.ref.PieceUnitID, SalePrice: 2}}})
	require.NoError(t, err)
	body := adj("added", f.ref.PieceUnitID, un.Units[0].ID, 5)
	body["products"].([]any)[0].(map[string]any)["id"] = un.ID
	r = f.must(200, "POST", "/api/products/adjustments", body)
	assert.Equal(t, false, dig(r.body, "data", 0))
	assert.Equal(t, 0.0, f.s.Stock(un.ID, f.ref.PieceUnitID))
}

// TestOrderStockTable checks every row of the stock table of
// nexopos-facts.md, phantom returns included.
func TestOrderStockTable(t *testing.T) {
	t.Parallel()
	type step struct {
		name  string
		run   func(f *fixture) int64
		piece float64 // change of the piece stock
		dozen float64
	}
	create := func(q float64, pay []map[string]any, extra map[string]any) func(f *fixture) int64 {
		return func(f *fixture) int64 {
			r := f.must(200, "POST", "/api/orders", f.order(f.pieces(q), pay, extra))
			return idOf(dig(r.body, "data", "order", "id"))
		}
	}
	cases := []step{
		{"hold", create(3, []map[string]any{}, map[string]any{"payment_status": "hold"}), 0, 0},
		{"unpaid", create(4, nil, nil), 0, 0},
		{"partially paid", create(2, cash(1), nil), -2, 0},
		{"paid", create(2, cash(3), nil), -2, 0},
		{"paid dozen", func(f *fixture) int64 {
			r := f.must(200, "POST", "/api/orders", f.order([]map[string]any{{"product_id": f.product.ID, "unit_quantity_id": f.dozen, "quantity": 1, "unit_price": 15}}, cash(15), nil))
			return idOf(dig(r.body, "data", "order", "id"))
		}, 0, -1},
		{"quick product", func(f *fixture) int64 {
			f.must(200, "POST", "/api/orders", f.order([]map[string]any{{"name": "Service", "unit_price": 7.5, "quantity": 2, "unit_id": 1}}, cash(15), nil))
			return 0
		}, 0, 0},
		{"PUT unpaid, same line", func(f *fixture) int64 {
			id := create(4, nil, nil)(f)
			line := idOf(dig(f.must(200, "GET", "/api/orders/"+itoa(int(id)), nil).body, "products", 0, "id"))
			body := f.order([]map[string]any{{"id": line, "product_id": f.product.ID, "unit_quantity_id": f.piece, "quantity": 6, "unit_price": 1.5}}, []map[string]any{}, nil)
			r := f.must(200, "PUT", "/api/orders/"+itoa(int(id)), body)
			assert.Equal(t, 6.0, numOf(dig(r.body, "data", "order", "products", 0, "total_price")), "line total not recomputed")
			assert.Equal(t, 9.0, numOf(dig(r.body, "data", "order", "total")))
			return id
		}, 0, 0},
		{"payment makes unpaid paid", func(f *fixture) int64 {
			id := create(4, nil, nil)(f)
			r := f.must(200, "POST", "/api/orders/"+itoa(int(id))+"/payments", map[string]any{"identifier": "cash-payment", "value": 6})
			assert.Equal(t, "unpaid", dig(r.body, "data", "orderPayment", "order", "payment_status"), "the answer shows the order before the payment")
			return id
		}, -4, 0},
		{"refund unspoiled", func(f *fixture) int64 {
			id := create(2, cash(3), nil)(f)
			o := f.must(200, "GET", "/api/orders/"+itoa(int(id)), nil)
			line := idOf(dig(o.body, "products", 0, "id"))
			f.must(200, "POST", "/api/orders/"+itoa(int(id))+"/refund", map[string]any{"payment": map[string]any{"identifier": "cash-payment"},
				"refund_shipping": false, "total": 1.5, "products": []any{map[string]any{"id": line, "quantity": 1, "unit_price": 1.5, "condition": "unspoiled", "description": "x"}}})
			o = f.must(200, "GET", "/api/orders/"+itoa(int(id)), nil)
			assert.Equal(t, "partially_refunded", dig(o.body, "payment_status"))
			assert.Equal(t, 3.0, numOf(dig(o.body, "total")), "totals unchanged")
			return id
		}, -1, 0},
		{"void paid", func(f *fixture) int64 {
			id := create(5, cash(7.5), nil)(f)
			f.must(200, "POST", "/api/orders/"+itoa(int(id))+"/void", map[string]any{"reason": "mistake"})
			return id
		}, 0, 0},
		{"delete paid", func(f *fixture) int64 {
			id := create(2, cash(3), nil)(f)
			f.must(200, "DELETE", "/api/orders/"+itoa(int(id)), nil)
			return id
		}, 0, 0},
		{"delete unpaid: phantom return", func(f *fixture) int64 {
			id := create(2, nil, nil)(f)
			f.must(200, "DELETE", "/api/orders/"+itoa(int(id)), nil)
			return id
		}, +2, 0},
		{"void unpaid: phantom return", func(f *fixture) int64 {
			id := create(1, nil, nil)(f)
			f.must(200, "POST", "/api/orders/"+itoa(int(id))+"/void", map[string]any{"reason": "x"})
			return id
		}, +1, 0},
		{"PUT unpaid replacing its line: phantom return", func(f *fixture) int64 {
			id := create(2, nil, nil)(f)
			f.must(200, "PUT", "/api/orders/"+itoa(int(id)), f.order(f.pieces(4), []map[string]any{}, nil))
			return id
		}, +2, 0},
		{"delete hold", func(f *fixture) int64 {
			id := create(3, []map[string]any{}, map[string]any{"payment_status": "hold"})(f)
			f.must(200, "DELETE", "/api/orders/"+itoa(int(id)), nil)
			return id
		}, 0, 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			f := newFixture(t)
			p0, d0 := f.stock()
			c.run(f)
			p1, d1 := f.stock()
			assert.Equal(t, c.piece, p1-p0, "piece stock change")
			assert.Equal(t, c.dozen, d1-d0, "dozen stock change")
		})
	}
}

func TestOrderRules(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	// an unknown or inactive payment identifier is refused
	r := f.must(403, "POST", "/api/orders", f.order(f.pieces(1), []map[string]any{{"identifier": "bitcoin-payment", "value": 1.5}}, nil))
	assert.Equal(t, "Unable to proceed. One of the submitted payment type is not supported.", dig(r.body, "message"))
	f.s.AddPaymentType("Voucher", "voucher", false)
	f.must(403, "POST", "/api/orders", f.order(f.pieces(1), []map[string]any{{"identifier": "voucher", "value": 1.5}}, nil))
	require.NoError(t, f.s.SetPaymentTypeActive("voucher", true))
	r = f.must(200, "POST", "/api/orders", f.order(f.pieces(1), []map[string]any{{"identifier": "voucher", "value": 1.5}}, nil))
	assert.Equal(t, "paid", dig(r.body, "data", "order", "payment_status"))
	paidID := idOf(dig(r.body, "data", "order", "id"))

	// type is an object
	body := f.order(f.pieces(1), cash(1.5), nil)
	body["type"] = "takeaway"
	f.must(500, "POST", "/api/orders", body)
	// a product line needs its unit quantity
	f.must(404, "POST", "/api/orders", f.order([]map[string]any{{"product_id": f.product.ID, "quantity": 1, "unit_price": 1.5}}, cash(1.5), nil))
	// a flat discount without discount_percentage is a 500
	r = f.must(500, "POST", "/api/orders", f.order(f.pieces(1), cash(1.5), map[string]any{"discount_type": "flat", "discount": 1}))
	assert.Equal(t, `Undefined array key "discount_percentage"`, dig(r.body, "message"))
	// short stock fails for paid orders, not for hold
	r = f.must(500, "POST", "/api/orders", f.order(f.pieces(1000), cash(1500), nil))
	assert.Contains(t, dig(r.body, "message"), "there is not enough stock for Cola using the unit Piece")
	f.must(200, "POST", "/api/orders", f.order(f.pieces(1000), []map[string]any{}, map[string]any{"payment_status": "hold"}))
	// paid orders cannot be edited nor paid again
	r = f.must(403, "PUT", "/api/orders/"+itoa(int(paidID)), f.order(f.pieces(1), nil, nil))
	assert.Equal(t, "Unable to edit an order that is completely paid.", dig(r.body, "message"))
	r = f.must(403, "POST", "/api/orders/"+itoa(int(paidID))+"/payments", map[string]any{"identifier": "cash-payment", "value": 1})
	assert.Equal(t, "Unable to proceed as the order is already paid.", dig(r.body, "message"))
	// statuses
	r = f.must(200, "POST", "/api/orders", f.order(f.pieces(2), cash(1), nil))
	assert.Equal(t, "partially_paid", dig(r.body, "data", "order", "payment_status"))
	assert.Equal(t, -2.0, numOf(dig(r.body, "data", "order", "change")))
	partial := idOf(dig(r.body, "data", "order", "id"))
	// no overpayment check
	f.must(200, "POST", "/api/orders/"+itoa(int(partial))+"/payments", map[string]any{"identifier": "cash-payment", "value": 1000})
	r = f.must(200, "GET", "/api/orders/"+itoa(int(partial)), nil)
	assert.Equal(t, "paid", dig(r.body, "payment_status"))
	assert.Equal(t, 998.0, numOf(dig(r.body, "change")))
	// missing order
	r = f.must(404, "GET", "/api/orders/999999", nil)
	assert.Equal(t, `No query results for model [App\Models\Order] 999999`, dig(r.body, "message"))
	// plain list: everything, bare array
	r = f.must(200, "GET", "/api/orders", nil)
	assert.Len(t, r.list(), len(f.s.Orders()))
	// direct access sees the same orders
	o, ok := f.s.Order(partial)
	require.True(t, ok)
	assert.Equal(t, "paid", o.PaymentStatus)
}

func TestCategories(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	r := f.must(200, "POST", "/api/categories", map[string]any{"name": "Root", "parent_id": 0})
	root := idOf(dig(r.body, "data", "category", "id"))
	assert.Equal(t, 0.0, numOf(dig(r.body, "data", "category", "parent_id")))
	r = f.must(200, "POST", "/api/categories", map[string]any{"name": "Child", "parent_id": root})
	child := idOf(dig(r.body, "data", "category", "id"))
	r = f.must(200, "POST", "/api/categories", map[string]any{"name": "Null root", "parent_id": nil})
	assert.Nil(t, dig(r.body, "data", "category", "parent_id"))
	f.must(404, "POST", "/api/categories", map[string]any{"name": "Orphan", "parent_id": 9999})
	r = f.must(404, "DELETE", "/api/categories/"+itoa(int(root)), nil)
	assert.Equal(t, "Can't delete a category having sub categories linked to it.", dig(r.body, "message"))
	r = f.must(403, "DELETE", "/api/categories/"+itoa(int(f.product.CategoryID)), nil)
	assert.Equal(t, `Unable to delete "Drinks" as it's a dependency for "Cola".`, dig(r.body, "message"))
	f.must(200, "DELETE", "/api/categories/"+itoa(int(child)), nil)
	f.must(200, "DELETE", "/api/categories/"+itoa(int(root)), nil)
	r = f.must(200, "GET", "/api/crud/ns.products-categories", nil)
	assert.Equal(t, 2.0, numOf(dig(r.body, "total")))
}

func TestCustomers(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	// "+" addresses are refused, duplicates are 403, new customers are inactive
	r := f.must(500, "POST", "/api/crud/ns.customers", map[string]any{"first_name": "A", "general": map[string]any{"group_id": 1, "email": "a+b@example.com"}})
	assert.Equal(t, `The "general.email" provided is not valid.`, dig(r.body, "message"))
	r = f.must(403, "POST", "/api/crud/ns.customers", map[string]any{"first_name": "A", "general": map[string]any{"group_id": 1, "email": "jane@example.com"}})
	assert.Equal(t, `The email "jane@example.com" is already used for another customer.`, dig(r.body, "message"))
	r = f.must(500, "POST", "/api/crud/ns.customers", map[string]any{"general": map[string]any{"group_id": 1}})
	assert.Equal(t, "The first name field is required.", dig(r.body, "message"))
	r = f.must(200, "POST", "/api/crud/ns.customers", map[string]any{"first_name": "Bob", "general": map[string]any{"group_id": 1, "last_name": "Smith", "email": "bob@example.com"},
		"billing": map[string]any{"city": "Springfield"}})
	entry := dig(r.body, "data", "entry")
	assert.Equal(t, "1", dig(entry, "group_id"), "CRUD entries carry numbers as strings")
	assert.True(t, strings.HasPrefix(dig(entry, "password").(string), "$2y$10$"))
	id := idOf(dig(entry, "id"))
	r = f.must(200, "GET", "/api/customers/"+itoa(int(id)), nil)
	assert.Equal(t, 0.0, numOf(dig(r.body, "active")))
	assert.Equal(t, "Springfield", dig(r.body, "billing", "city"))
	assert.Equal(t, "Regulars", dig(r.body, "group", "name"))
	r = f.must(404, "GET", "/api/customers/999999", nil)
	assert.Equal(t, "The requested customer cannot be found.", dig(r.body, "message"))
	// POST /api/customers without username is an SQL error
	r = f.must(500, "POST", "/api/customers", map[string]any{"first_name": "C", "email": "c@example.com", "group_id": 1})
	assert.Contains(t, dig(r.body, "message"), "Field 'username' doesn't have a default value")
	// update through CRUD replaces the password hash
	old, _ := f.s.Customer(id)
	f.must(200, "PUT", "/api/crud/ns.customers/"+itoa(int(id)), map[string]any{"first_name": "Bob", "general": map[string]any{"group_id": 1, "email": "bob2@example.com"}})
	now, _ := f.s.Customer(id)
	assert.NotEqual(t, old.Password, now.Password)
	assert.Equal(t, "bob2@example.com", now.Email)
	// the ns.customers trap: active= lists every user, administrators included
	r = f.must(200, "GET", "/api/crud/ns.customers", nil)
	assert.Equal(t, 2.0, numOf(dig(r.body, "total")))
	r = f.must(200, "GET", "/api/crud/ns.customers?active=id&direction=desc", nil)
	assert.Equal(t, 3.0, numOf(dig(r.body, "total")))
	// plain list and search
	r = f.must(200, "GET", "/api/customers", nil)
	assert.Len(t, r.list(), 2)
	r = f.must(200, "POST", "/api/customers/search", map[string]any{"search": "bob"})
	assert.Len(t, r.list(), 1)
}

func TestCrudLists(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	for i := 0; i < 25; i++ {
		_, err := f.s.AddProduct(nexopostest.NewProduct{Name: "P" + itoa(i), CategoryID: f.product.CategoryID,
			Units: []nexopostest.NewUnitQuantity{{UnitID: f.ref.PieceUnitID, SalePrice: 1}}})
		require.NoError(t, err)
	}
	r := f.must(200, "GET", "/api/crud/ns.products", nil)
	assert.Equal(t, 20.0, numOf(dig(r.body, "per_page")), "default page size")
	assert.Equal(t, 26.0, numOf(dig(r.body, "total")))
	assert.Equal(t, 2.0, numOf(dig(r.body, "last_page")))
	assert.Equal(t, f.s.URL+"/api/crud/ns.products?page=2", dig(r.body, "next_page_url"))
	r = f.must(200, "GET", "/api/crud/ns.products?page=2", nil)
	assert.Len(t, dig(r.body, "data"), 6)
	assert.Equal(t, 21.0, numOf(dig(r.body, "from")))
	r = f.must(200, "GET", "/api/crud/ns.products?search=cola", nil)
	assert.Equal(t, 1.0, numOf(dig(r.body, "total")))
	r = f.must(200, "GET", "/api/crud/ns.products?active=name&direction=desc&per_page=1", nil)
	assert.Equal(t, "P9", dig(r.body, "data", 0, "name"))
	// queryFilters: table-qualified keys and raw values
	r = f.must(200, "GET", "/api/crud/ns.products?queryFilters="+urlq(`{"nexopos_products.sku":"COLA"}`), nil)
	assert.Equal(t, 1.0, numOf(dig(r.body, "total")))
	r = f.must(500, "GET", "/api/crud/ns.products?queryFilters="+urlq(`{"sku":"COLA"}`), nil)
	assert.Contains(t, dig(r.body, "message"), "Column 'sku' in WHERE is ambiguous")
	// orders: display casts, raw values in filters
	_, err := f.s.Sell(f.customer.ID, nexopostest.OrderLine{ProductID: f.product.ID, UnitID: f.ref.PieceUnitID, Quantity: 2})
	require.NoError(t, err)
	r = f.must(200, "GET", "/api/crud/ns.orders?queryFilters="+urlq(`{"payment_status":"paid"}`), nil)
	assert.Equal(t, 1.0, numOf(dig(r.body, "total")))
	assert.Equal(t, "Paid", dig(r.body, "data", 0, "payment_status"))
	assert.Equal(t, "USD 3,00 ", dig(r.body, "data", 0, "total"))
	assert.Equal(t, "Take Away", dig(r.body, "data", 0, "type"))
	r = f.must(200, "GET", "/api/crud/ns.orders?queryFilters="+urlq(`{"payment_status":"Paid"}`), nil)
	assert.Equal(t, 0.0, numOf(dig(r.body, "total")), "filters compare raw values, not labels")
	// NexoPOS url-decodes the parameter a second time: escaped twice, as
	// the client sends it, it filters the same.
	twice := func(s string) string { return url.QueryEscape(url.QueryEscape(s)) }
	r = f.must(200, "GET", "/api/crud/ns.orders?queryFilters="+twice(`{"nexopos_orders.payment_status":"paid"}`), nil)
	assert.Equal(t, 1.0, numOf(dig(r.body, "total")), "the paid order")
	r = f.must(200, "GET", "/api/crud/ns.orders?queryFilters="+twice(`{"nexopos_orders.payment_status":"hold"}`), nil)
	assert.Equal(t, 0.0, numOf(dig(r.body, "total")), "no held order")
	for _, ns := range []string{"ns.products-histories", "ns.payments-types", "ns.units", "ns.units-groups", "ns.taxes", "ns.taxes-groups", "ns.customers-groups"} {
		r := f.must(200, "GET", "/api/crud/"+ns, nil)
		assert.NotEmpty(t, dig(r.body, "data"), ns)
		assert.Equal(t, false, dig(r.body, "data", 0, "$checked"), ns)
	}
	r = f.must(200, "GET", "/api/crud/ns.payments-types", nil)
	assert.Equal(t, "Yes", dig(r.body, "data", 0, "active"))
}

func urlq(s string) string {
	r := strings.NewReplacer("{", "%7B", "}", "%7D", `"`, "%22", ":", "%3A", ",", "%2C", " ", "%20")
	return r.Replace(s)
}

func TestFaults(t *testing.T) {
	t.Parallel()
	f := newFixture(t, nexopostest.WithSeed(7))
	f.s.SetFaults(nexopostest.Fault{Path: "/api/products", RateLimited: 1})
	r := f.do("GET", "/api/products", nil)
	assert.Equal(t, 429, r.status)
	assert.Equal(t, "1", r.header.Get("Retry-After"))
	f.must(200, "GET", "/api/orders", nil)

	f.s.SetFaults(nexopostest.Fault{Method: "GET", ServerErrors: 1, ServerErrorStatus: 502})
	assert.Equal(t, 502, f.do("GET", "/api/orders", nil).status)

	// a timeout after the write: the order exists though the client saw no answer
	f.s.SetFaults(nexopostest.Fault{Method: "POST", Path: "/api/orders", Timeouts: 1, Hang: 50 * time.Millisecond})
	before := len(f.s.Orders())
	data := `{"customer_id":` + itoa(int(f.customer.ID)) + `,"type":{"identifier":"takeaway"},"products":[{"product_id":` + itoa(int(f.product.ID)) +
		`,"unit_quantity_id":` + itoa(int(f.piece)) + `,"quantity":1,"unit_price":1.5}],"payments":[{"identifier":"cash-payment","value":1.5}]}`
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, "POST", f.s.URL+"/api/orders", strings.NewReader(data))
	req.Header.Set("Authorization", "Bearer "+f.token)
	req.Header.Set("Accept", "application/json")
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err == nil {
		resp.Body.Close()
	}
	assert.Error(t, err, "the connection is dropped")
	assert.Len(t, f.s.Orders(), before+1, "the write was made")

	// latency, and the same seed gives the same faults
	f.s.SetFaults(nexopostest.Fault{Latency: 20 * time.Millisecond})
	start := time.Now()
	f.must(200, "GET", "/api/user", nil)
	assert.GreaterOrEqual(t, time.Since(start), 20*time.Millisecond)

	seq := func() []int {
		g := newAPI(t, nexopostest.WithSeed(42), nexopostest.WithThrottle(0))
		g.s.SetFaults(nexopostest.Fault{RateLimited: 0.3, ServerErrors: 0.3})
		var out []int
		for i := 0; i < 20; i++ {
			out = append(out, g.do("GET", "/api/user", nil).status)
		}
		return out
	}
	a1, a2 := seq(), seq()
	assert.Equal(t, a1, a2)
	assert.Contains(t, a1, 429)
	assert.Contains(t, a1, 503)
	assert.Contains(t, a1, 200)
	f.s.SetFaults()
}

func TestVersions(t *testing.T) {
	t.Parallel()
	v4 := newAPI(t, nexopostest.WithVersion(nexopostest.V4), nexopostest.WithThrottle(0))
	v4.must(404, "GET", "/api/products", nil)
	v4.must(200, "GET", "/api/nexopos/v4/products", nil)
	ref := v4.s.SeedReference()
	r := v4.must(200, "POST", "/api/nexopos/v4/crud/ns.customers", map[string]any{"name": "Ann", "general": map[string]any{"group_id": ref.CustomerGroupID, "surname": "Lee", "email": "ann@example.com"}})
	id := idOf(dig(r.body, "data", "entry", "id"))
	r = v4.must(200, "GET", "/api/nexopos/v4/customers/"+itoa(int(id)), nil)
	assert.Equal(t, "Ann", dig(r.body, "name"))
	assert.Equal(t, "Lee", dig(r.body, "surname"))
	assert.Nil(t, dig(r.body, "password"))

	// 4.x has no "set" adjustment: only actions that add or remove.
	f4 := newFixture(t, nexopostest.WithVersion(nexopostest.V4))
	set := map[string]any{"products": []any{map[string]any{"id": f4.product.ID, "name": "Cola", "adjust_action": "set",
		"adjust_unit": map[string]any{"id": f4.piece, "unit_id": f4.ref.PieceUnitID}, "adjust_reason": "test", "adjust_quantity": 7}}}
	r = f4.must(500, "POST", "/api/nexopos/v4/products/adjustments", set)
	assert.Contains(t, dig(r.body, "message"), "Unsupported action")
	piece, _ := f4.stock()
	assert.Equal(t, 100.0, piece, "a refused set changes nothing")

	v6 := newFixture(t, nexopostest.WithVersion(nexopostest.V6))
	r = v6.must(200, "GET", "/api/products/"+itoa(int(v6.product.ID))+"/units", nil)
	assert.Equal(t, 1.5, numOf(dig(r.body, 0, "sale_price_gross")))
	assert.Nil(t, dig(r.body, 0, "sale_price_with_tax"))
	r = v6.must(200, "POST", "/api/orders", v6.order(v6.pieces(1), cash(1.5), nil))
	o := dig(r.body, "data", "order")
	assert.NotNil(t, dig(o, "author_id"))
	assert.Nil(t, dig(o, "author"))
	assert.Equal(t, 0.0, numOf(dig(o, "products", 0, "price_gross")))
}

func TestEnvelopesAndRoutes(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	r := f.must(404, "GET", "/api/nothing-here", nil)
	assert.Equal(t, "The route api/nothing-here could not be found.", dig(r.body, "message"))
	r = f.must(500, "GET", "/api/orders/1/void", nil)
	assert.Contains(t, dig(r.body, "message"), "method is not supported")
	r = f.must(200, "GET", "/api/taxes/groups", nil)
	assert.Equal(t, 10.0, numOf(dig(r.body, 0, "taxes", 0, "rate")))
	f.must(200, "GET", "/api/units", nil)
	f.must(200, "GET", "/api/units-groups/1/units", nil)
	r = f.must(200, "GET", "/api/categories", nil)
	assert.Len(t, r.list(), 1)
	// dates: plain endpoints ISO, orders and CRUD SQL
	assert.Regexp(t, `^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.000000Z$`, dig(r.body, 0, "created_at"))
	o, err := f.s.Sell(f.customer.ID, nexopostest.OrderLine{ProductID: f.product.ID, UnitID: f.ref.PieceUnitID, Quantity: 1})
	require.NoError(t, err)
	r = f.must(200, "GET", "/api/orders/"+itoa(int(o.ID)), nil)
	assert.Regexp(t, `^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$`, dig(r.body, "created_at"))
}

// TestShapeDiff makes sure the replay comparison can fail.
func TestShapeDiff(t *testing.T) {
	t.Parallel()
	want := map[string]any{"a": "x", "b": []any{map[string]any{"c": nil}}}
	assert.Empty(t, shapeDiff("$", want, map[string]any{"a": "y", "b": []any{map[string]any{"c": nil}}}))
	assert.NotEmpty(t, shapeDiff("$", want, map[string]any{"a": 1.0, "b": []any{map[string]any{"c": nil}}}))
	assert.NotEmpty(t, shapeDiff("$", want, map[string]any{"a": "y", "b": []any{map[string]any{"d": nil}}}))
	assert.NotEmpty(t, shapeDiff("$", want, map[string]any{"a": "y"}))
}

// TestBadInputNeverPanics sends malformed bodies to every write route; each
// must come back as a JSON answer (a handler panic would drop the
// connection instead).
func TestBadInputNeverPanics(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	paths := []string{"/api/products", "/api/products/1", "/api/products/adjustments", "/api/products/search", "/api/categories", "/api/categories/1",
		"/api/customers", "/api/customers/2", "/api/customers/search", "/api/orders", "/api/orders/1", "/api/orders/1/payments", "/api/orders/1/refund",
		"/api/orders/1/void", "/api/orders/1/processing", "/api/crud/ns.customers", "/api/crud/ns.customers/2", "/api/crud/ns.units", "/api/crud/ns.taxes",
		"/api/crud/ns.payments-types", "/api/crud/ns.products-categories", "/api/users/create-token"}
	bodies := []string{``, `null`, `[]`, `[1,2]`, `"x"`, `{`, `{"products":"x","variations":"x","payments":"x","type":1}`,
		`{"products":[null,1,"x",{"id":"a"}],"variations":[{"$primary":true}],"payments":[{"identifier":null}],"customer_id":"x","general":"x"}`,
		`{"variations":[{"$primary":1,"identification":[],"units":{"selling_group":[{}]},"images":{}}],"name":{"a":1}}`,
		`{"products":[{"id":1,"adjust_unit":[],"adjust_action":[],"adjust_quantity":"x"}]}`}
	for _, p := range paths {
		for _, m := range []string{"POST", "PUT"} {
			for _, b := range bodies {
				r := f.do(m, p, b)
				require.Contains(t, r.header.Get("Content-Type"), "application/json", "%s %s %s: %d %s", m, p, b, r.status, r.raw)
			}
		}
	}
	for _, q := range []string{"?queryFilters=%7B", "?queryFilters=%5B1%5D", "?active=%60x%60&direction=up", "?per_page=-1&page=-5", "?per_page=abc", "?active=a.b.c"} {
		for _, ns := range []string{"ns.products", "ns.orders", "ns.customers", "ns.global-products-history", "ns.nope"} {
			r := f.do("GET", "/api/crud/"+ns+q, nil)
			require.Contains(t, r.header.Get("Content-Type"), "application/json", "%s%s: %s", ns, q, r.raw)
		}
	}
}
