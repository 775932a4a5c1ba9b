package wootest_test

import (
	"bytes"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/woonexo/woonexo/internal/testclock"
	"github.com/woonexo/woonexo/woocommerce/wootest"
)

func TestListValidation(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	defer srv.Close()
	a := newAPI(t, srv)

	r := a.do("GET", "/products?per_page=101", nil)
	assert.Equal(t, 400, r.status)
	assert.JSONEq(t, `{"code":"rest_invalid_param","message":"Invalid parameter(s): per_page","data":{"status":400,
		"params":{"per_page":"per_page must be between 1 (inclusive) and 100 (inclusive)"},
		"details":{"per_page":{"code":"rest_out_of_bounds","message":"per_page must be between 1 (inclusive) and 100 (inclusive)","data":null}}}}`, string(r.body))

	assert.Equal(t, 200, a.do("GET", "/products?per_page=100", nil).status)

	r = a.do("GET", "/orders?per_page=abc", nil)
	code, _, _ := errCode(t, r)
	assert.Equal(t, 400, r.status)
	assert.Equal(t, "rest_invalid_param", code)
	assert.Contains(t, string(r.body), "per_page is not of type integer.")

	r = a.do("GET", "/customers?page=0", nil)
	assert.Equal(t, 400, r.status)
	assert.Contains(t, string(r.body), "page must be greater than or equal to 1")

	r = a.do("GET", "/products?orderby=bogus", nil)
	assert.Equal(t, 400, r.status)

	r = a.do("GET", "/products?modified_after=yesterday", nil)
	assert.Equal(t, 400, r.status)
	assert.Contains(t, string(r.body), "rest_invalid_date")

	// Anonymous requests are validated before the permission check.
	r = a.send(a.request("GET", "/products?per_page=500", nil))
	assert.Equal(t, 400, r.status)
}

func TestBodyValidation(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	defer srv.Close()
	a := newAPI(t, srv)

	r := a.do("POST", "/products", map[string]any{"name": "Num", "regular_price": 19.99})
	assert.Equal(t, 400, r.status, "WooCommerce wants prices as strings")
	assert.Contains(t, string(r.body), "regular_price is not of type string.")

	r = a.do("POST", "/products", map[string]any{"name": "Stock", "manage_stock": true, "stock_quantity": "7"})
	assert.Equal(t, 201, r.status, "numeric strings pass as integers: %s", r.body)
	assert.Equal(t, 7.0, r.obj(t)["stock_quantity"])

	req := a.request("POST", "/products", nil)
	req.Body = http.NoBody
	req.Header.Set("Content-Type", "application/json")
	req, _ = http.NewRequest("POST", srv.URL+"/wp-json/wc/v3/products", bytes.NewReader([]byte(`{"name": "broken",`)))
	req.Header.Set("Content-Type", "application/json")
	a.sign(req, oauthOpts{})
	r = a.send(req)
	code, msg, _ := errCode(t, r)
	assert.Equal(t, 400, r.status)
	assert.Equal(t, "rest_invalid_json", code)
	assert.Equal(t, "Invalid JSON body passed.", msg)

	r = a.do("POST", "/customers", map[string]any{"first_name": "No email"})
	code, msg, _ = errCode(t, r)
	assert.Equal(t, 400, r.status)
	assert.Equal(t, "rest_missing_callback_param", code)
	assert.Equal(t, "Missing parameter(s): email", msg)

	r = a.do("GET", "/nope", nil)
	code, _, _ = errCode(t, r)
	assert.Equal(t, 404, r.status)
	assert.Equal(t, "rest_no_route", code)

	r = a.do("PATCH", "/products", map[string]any{})
	assert.Equal(t, 404, r.status, "a known route with another method is rest_no_route too")
}

func TestProductCRUD(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	defer srv.Close()
	a := newAPI(t, srv)

	r := a.do("POST", "/products", map[string]any{"name": "Tee", "regular_price": "19.99", "sku": "TEE"})
	require.Equal(t, 201, r.status)
	p := r.obj(t)
	pid := id(p)
	assert.Equal(t, "0", p["average_rating"], "create answers in the edit context")
	assert.Contains(t, p, "permalink_template")

	r = a.do("POST", "/products", map[string]any{"name": "Tee 2", "sku": "TEE"})
	code, msg, st := errCode(t, r)
	assert.Equal(t, 400, r.status)
	assert.Equal(t, "product_invalid_sku", code)
	assert.Equal(t, "Invalid or duplicated SKU.", msg)
	assert.Equal(t, 400.0, st)
	data := r.obj(t)["data"].(map[string]any)
	assert.Equal(t, float64(pid), data["resource_id"])
	assert.Equal(t, "TEE-1", data["unique_sku"])

	r = a.do("GET", fmt.Sprintf("/products/%d", pid), nil)
	assert.Equal(t, "0.00", r.obj(t)["average_rating"])
	assert.NotContains(t, r.obj(t), "permalink_template")
	created := r.obj(t)["date_modified_gmt"]

	r = a.do("PUT", "/products/999999", map[string]any{"name": "x"})
	code, _, st = errCode(t, r)
	assert.Equal(t, 400, r.status, "invalid id on update is 400")
	assert.Equal(t, "woocommerce_rest_product_invalid_id", code)
	assert.Equal(t, 400.0, st)

	r = a.do("DELETE", "/products/999999", nil)
	assert.Equal(t, 404, r.status)

	r = a.do("GET", "/products?sku=TEE", nil)
	require.Len(t, r.list(t), 1)

	// Trash, then trash again, then force.
	r = a.do("DELETE", fmt.Sprintf("/products/%d", pid), nil)
	assert.Equal(t, 200, r.status)
	assert.Equal(t, "publish", r.obj(t)["status"], "the answer is the product as it was before trashing")
	r = a.do("GET", fmt.Sprintf("/products/%d", pid), nil)
	assert.Equal(t, "trash", r.obj(t)["status"])
	assert.NotEqual(t, created, "", "modified kept")
	assert.Empty(t, a.do("GET", "/products", nil).list(t), "trashed products are not listed by default")
	assert.Len(t, a.do("GET", "/products?status=trash", nil).list(t), 1)
	r = a.do("DELETE", fmt.Sprintf("/products/%d", pid), nil)
	code, msg, _ = errCode(t, r)
	assert.Equal(t, 410, r.status)
	assert.Equal(t, "woocommerce_rest_already_trashed", code)
	assert.Equal(t, "The product has already been deleted.", msg)
	r = a.do("DELETE", fmt.Sprintf("/products/%d?force=true", pid), nil)
	assert.Equal(t, 200, r.status)
	assert.Equal(t, 404, a.do("GET", fmt.Sprintf("/products/%d", pid), nil).status)

	// The SKU of a trashed product is free again; a deleted one too.
	assert.Equal(t, 201, a.do("POST", "/products", map[string]any{"name": "Tee 3", "sku": "TEE"}).status)
}

func TestDateModifiedAndFilters(t *testing.T) {
	t.Parallel()
	now := time.Date(2026, 11, 27, 6, 0, 0, 0, time.UTC)
	clock := func() time.Time { return now }
	srv := newServer(t, wootest.WithClock(func() time.Time { return clock() }))
	defer srv.Close()
	a := newAPI(t, srv)
	srv.Store.AddKey("ck_x", "cs_x", wootest.ReadWrite)

	p1, err := srv.Store.AddProduct(wootest.Product{Name: "Old", RegularPrice: "1"})
	require.NoError(t, err)
	_, err = srv.Store.AddProduct(wootest.Product{Name: "New", RegularPrice: "1", DateCreatedGMT: ptr("2026-11-27T07:00:00"), DateModifiedGMT: ptr("2026-11-27T07:00:00")})
	require.NoError(t, err)

	// The clock moves only through the store's own notion of time here, so
	// sign with the fake's time.
	get := func(path string) resp {
		req := a.request("GET", path, nil)
		a.sign(req, oauthOpts{timestamp: now.Unix()})
		return a.send(req)
	}
	// Without dates_are_gmt the filter is in the store's time zone.
	cut := time.Date(2026, 11, 27, 6, 30, 0, 0, time.UTC)
	r := get("/products?modified_after=" + cut.In(testclock.Zone(t)).Format("2006-01-02T15:04:05"))
	require.Equal(t, 200, r.status, "%s", r.body)
	require.Len(t, r.list(t), 1)
	assert.Equal(t, "New", r.list(t)[0].(map[string]any)["name"])
	r = get("/products?modified_after=2026-11-27T06:30:00&dates_are_gmt=true")
	require.Len(t, r.list(t), 1)
	assert.Equal(t, "New", r.list(t)[0].(map[string]any)["name"])

	_, err = srv.Store.UpdateProduct(p1.ID, func(p *wootest.Product) { p.Name = "Old renamed" })
	require.NoError(t, err)
	p, _ := srv.Store.Product(p1.ID)
	assert.Equal(t, "2026-11-27T06:00:00", *p.DateModifiedGMT)
	assert.Equal(t, "Old renamed", p.Name)

	r = get("/products?after=2026-11-27T06:30:00Z&dates_are_gmt=true")
	assert.Len(t, r.list(t), 1)
	r = get("/products?search=renamed")
	assert.Len(t, r.list(t), 1)
	r = get(fmt.Sprintf("/products?include=%d&orderby=include", p1.ID))
	assert.Len(t, r.list(t), 1)
	r = get(fmt.Sprintf("/products?exclude=%d", p1.ID))
	assert.Len(t, r.list(t), 1)
}

func ptr[T any](v T) *T { return &v }

func TestBatchLimit(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	defer srv.Close()
	a := newAPI(t, srv)
	var creates []any
	for i := 0; i < 101; i++ {
		creates = append(creates, map[string]any{"name": fmt.Sprintf("B%d", i)})
	}
	r := a.do("POST", "/products/batch", map[string]any{"create": creates})
	assert.Equal(t, 413, r.status)
	assert.JSONEq(t, `{"code":"woocommerce_rest_request_entity_too_large","message":"Unable to accept more than 100 items for this request.","data":{"status":413}}`, string(r.body))
	assert.Empty(t, srv.Store.Products(), "nothing was created")

	// 100 across create, update and delete is fine.
	r = a.do("POST", "/products/batch", map[string]any{"create": creates[:99], "delete": []any{424242}})
	assert.Equal(t, 200, r.status)
	assert.Len(t, r.obj(t)["create"], 99)
	assert.Len(t, srv.Store.Products(), 99)

	r = a.do("POST", "/customers/batch", map[string]any{"create": []any{
		map[string]any{"email": "a@example.com"}, map[string]any{"email": "a@example.com"},
	}})
	require.Equal(t, 200, r.status)
	res := r.obj(t)["create"].([]any)
	assert.Equal(t, "registration-error-email-exists", res[1].(map[string]any)["error"].(map[string]any)["code"])
}

func TestTrashNotSupported(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	defer srv.Close()
	a := newAPI(t, srv)
	c, err := srv.Store.AddCustomer(wootest.Customer{Email: "x@example.com"})
	require.NoError(t, err)
	r := a.do("DELETE", fmt.Sprintf("/customers/%d", c.ID), nil)
	code, msg, _ := errCode(t, r)
	assert.Equal(t, 501, r.status)
	assert.Equal(t, "woocommerce_rest_trash_not_supported", code)
	assert.Equal(t, "Customers do not support trashing.", msg)

	cat, err := srv.Store.AddCategory(wootest.Category{Name: "C"})
	require.NoError(t, err)
	r = a.do("DELETE", fmt.Sprintf("/products/categories/%d", cat.ID), nil)
	assert.Equal(t, 501, r.status)
	r = a.do("DELETE", fmt.Sprintf("/products/categories/%d?force=true", cat.ID), nil)
	assert.Equal(t, 200, r.status)

	r = a.do("POST", "/products/categories", map[string]any{"name": "Dup"})
	require.Equal(t, 201, r.status)
	dupID := id(r.obj(t))
	r = a.do("POST", "/products/categories", map[string]any{"name": "Dup"})
	code, _, _ = errCode(t, r)
	assert.Equal(t, 400, r.status)
	assert.Equal(t, "term_exists", code)
	assert.Equal(t, float64(dupID), r.obj(t)["data"].(map[string]any)["resource_id"])

	r = a.do("POST", "/products/categories", map[string]any{"name": "Child", "parent": dupID})
	require.Equal(t, 201, r.status)
	assert.Contains(t, r.obj(t)["_links"], "up")
	r = a.do("GET", fmt.Sprintf("/products/categories?parent=%d", dupID), nil)
	assert.Len(t, r.list(t), 1)
}

func TestOrderStock(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	defer srv.Close()
	a := newAPI(t, srv)
	p, err := srv.Store.AddProduct(wootest.Product{Name: "Mug", RegularPrice: "12.50", SKU: "MUG", ManageStock: true, StockQuantity: wootest.Int(10)})
	require.NoError(t, err)
	stock := func() (int, int) {
		got, _ := srv.Store.Product(p.ID)
		return *got.StockQuantity, got.TotalSales
	}
	order := func(paid bool) int64 {
		r := a.do("POST", "/orders", map[string]any{"set_paid": paid, "payment_method": "cod",
			"line_items": []any{map[string]any{"product_id": p.ID, "quantity": 3}}})
		require.Equal(t, 201, r.status, "%s", r.body)
		return id(r.obj(t))
	}

	pending := order(false)
	s, sales := stock()
	assert.Equal(t, 10, s, "a pending order leaves stock alone")
	assert.Equal(t, 0, sales)

	paid := order(true)
	s, sales = stock()
	assert.Equal(t, 7, s, "set_paid reduces stock")
	assert.Equal(t, 3, sales, "total_sales follows paid orders")
	o, _ := srv.Store.Order(paid)
	assert.Equal(t, "processing", o.Status)
	assert.NotNil(t, o.DatePaidGMT)
	assert.Equal(t, "37.50", o.Total)
	assert.InDelta(t, 12.5, o.LineItems[0].Price, 1e-9)

	r := a.do("PUT", fmt.Sprintf("/orders/%d", pending), map[string]any{"status": "processing"})
	require.Equal(t, 200, r.status)
	s, _ = stock()
	assert.Equal(t, 4, s, "pending → processing reduces")
	r = a.do("PUT", fmt.Sprintf("/orders/%d", pending), map[string]any{"status": "completed"})
	require.Equal(t, 200, r.status)
	s, _ = stock()
	assert.Equal(t, 4, s, "stock is reduced once per order")

	r = a.do("PUT", fmt.Sprintf("/orders/%d", paid), map[string]any{"status": "cancelled"})
	require.Equal(t, 200, r.status)
	s, sales = stock()
	assert.Equal(t, 7, s, "processing → cancelled restores")
	assert.Equal(t, 3, sales)
	notes := srv.Store.OrderNotes(paid)
	require.NotEmpty(t, notes)
	assert.Contains(t, notes[0].Note, "Stock levels increased")

	// Out of stock, then backorders.
	require.NoError(t, srv.Store.SetStock(p.ID, 0))
	got, _ := srv.Store.Product(p.ID)
	assert.Equal(t, "outofstock", got.StockStatus)
	r = a.do("PUT", fmt.Sprintf("/products/%d", p.ID), map[string]any{"inventory_delta": 5})
	require.Equal(t, 200, r.status)
	assert.Equal(t, 5.0, r.obj(t)["stock_quantity"])
}

func TestVariationStockAndParent(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	defer srv.Close()
	st := srv.Store
	parent, err := st.AddProduct(wootest.Product{Name: "Shoe", Type: "variable",
		Attributes: []wootest.Attribute{{Name: "Size", Variation: true, Visible: true, Options: []string{"40", "41"}}}})
	require.NoError(t, err)
	v40, err := st.AddVariation(parent.ID, wootest.Variation{RegularPrice: "80", SKU: "SHOE-40", ManageStock: true, StockQuantity: wootest.Int(4),
		Attributes: []wootest.VariationAttribute{{Name: "Size", Option: "40"}}})
	require.NoError(t, err)
	got, _ := st.Product(parent.ID)
	assert.Equal(t, []int64{v40.ID}, got.Variations)
	assert.Equal(t, "80", got.Price)
	assert.Equal(t, "instock", got.StockStatus)

	o, err := st.PlaceOrder(wootest.Checkout{PaymentMethod: "cod", Paid: true, Items: []wootest.CheckoutItem{{ProductID: parent.ID, VariationID: v40.ID, Quantity: 4}}})
	require.NoError(t, err)
	assert.Equal(t, "processing", o.Status)
	v, _ := st.Variation(v40.ID)
	assert.Equal(t, 0, *v.StockQuantity)
	assert.Equal(t, "outofstock", v.StockStatus)
	got, _ = st.Product(parent.ID)
	assert.Equal(t, "outofstock", got.StockStatus, "a variable product is out of stock when every variation is")

	// A variation that leaves stock to its parent.
	shirt, err := st.AddProduct(wootest.Product{Name: "Shirt", Type: "variable", ManageStock: true, StockQuantity: wootest.Int(9),
		Attributes: []wootest.Attribute{{Name: "Color", Variation: true, Options: []string{"Red"}}}})
	require.NoError(t, err)
	red, err := st.AddVariation(shirt.ID, wootest.Variation{RegularPrice: "20", Attributes: []wootest.VariationAttribute{{Name: "Color", Option: "Red"}}})
	require.NoError(t, err)
	assert.Equal(t, "parent", red.ManageStock)
	_, err = st.PlaceOrder(wootest.Checkout{Status: "on-hold", Items: []wootest.CheckoutItem{{ProductID: shirt.ID, VariationID: red.ID, Quantity: 2}}})
	require.NoError(t, err)
	got, _ = st.Product(shirt.ID)
	assert.Equal(t, 7, *got.StockQuantity, "on-hold reduces the parent's stock")
}

func TestRefundErrors(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	defer srv.Close()
	a := newAPI(t, srv)
	p, _ := srv.Store.AddProduct(wootest.Product{Name: "A", RegularPrice: "10", ManageStock: true, StockQuantity: wootest.Int(5)})
	o, err := srv.Store.PlaceOrder(wootest.Checkout{PaymentMethod: "bacs", Paid: true, Items: []wootest.CheckoutItem{{ProductID: p.ID, Quantity: 2}}})
	require.NoError(t, err)

	r := a.do("POST", fmt.Sprintf("/orders/%d/refunds", o.ID), map[string]any{"amount": "5.00"})
	assert.Equal(t, 500, r.status, "api_refund defaults to true and bacs cannot refund: %s", r.body)
	assert.Contains(t, string(r.body), "does not support automatic refunds")

	r = a.do("POST", fmt.Sprintf("/orders/%d/refunds", o.ID), map[string]any{"amount": "50.00", "api_refund": false})
	assert.Equal(t, 500, r.status)
	assert.Contains(t, string(r.body), "Invalid refund amount.")

	r = a.do("POST", fmt.Sprintf("/orders/%d/refunds", o.ID), map[string]any{"api_refund": false,
		"line_items": []any{map[string]any{"id": o.LineItems[0].ID, "quantity": 2, "refund_total": "20.00"}}})
	require.Equal(t, 201, r.status, "%s", r.body)
	got, _ := srv.Store.Order(o.ID)
	assert.Equal(t, "refunded", got.Status, "a full refund makes the order refunded")
	pp, _ := srv.Store.Product(p.ID)
	assert.Equal(t, 5, *pp.StockQuantity, "api_restock (default true) restocks")
	assert.Equal(t, "-20.00", got.Refunds[0].Total)
}

func TestCouponsAndGateways(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	defer srv.Close()
	a := newAPI(t, srv)
	r := a.do("POST", "/coupons", map[string]any{"code": "TEN", "discount_type": "percent", "amount": "10"})
	require.Equal(t, 201, r.status, "%s", r.body)
	assert.Equal(t, "ten", r.obj(t)["code"])
	r = a.do("POST", "/coupons", map[string]any{"code": "ten"})
	code, _, _ := errCode(t, r)
	assert.Equal(t, "woocommerce_rest_coupon_code_already_exists", code)

	p, _ := srv.Store.AddProduct(wootest.Product{Name: "A", RegularPrice: "50"})
	r = a.do("POST", "/orders", map[string]any{"line_items": []any{map[string]any{"product_id": p.ID, "quantity": 2}},
		"coupon_lines": []any{map[string]any{"code": "ten"}}})
	require.Equal(t, 201, r.status, "%s", r.body)
	assert.Equal(t, "90.00", r.obj(t)["total"])
	assert.Equal(t, "10.00", r.obj(t)["discount_total"])

	r = a.do("GET", "/payment_gateways", nil)
	require.Equal(t, 200, r.status)
	var ids []string
	for _, g := range r.list(t) {
		ids = append(ids, g.(map[string]any)["id"].(string))
	}
	assert.Equal(t, []string{"bacs", "cheque", "cod"}, ids)
	r = a.do("PUT", "/payment_gateways/cheque", map[string]any{"enabled": true})
	assert.Equal(t, true, r.obj(t)["enabled"])
	assert.Equal(t, 404, a.do("GET", "/payment_gateways/nope", nil).status)
	r = a.do("GET", "/shipping_methods", nil)
	assert.Len(t, r.list(t), 3)
	assert.Equal(t, 200, a.do("GET", "/shipping_methods/flat_rate", nil).status)
}

func TestOrderNotesAndLists(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	defer srv.Close()
	a := newAPI(t, srv)
	c, _ := srv.Store.AddCustomer(wootest.Customer{Email: "buyer@example.com", FirstName: "B"})
	p, _ := srv.Store.AddProduct(wootest.Product{Name: "A", RegularPrice: "5"})
	o, err := srv.Store.AddOrder(wootest.Order{CustomerID: c.ID, Status: "completed", LineItems: []wootest.LineItem{{ProductID: p.ID, Quantity: 1}}})
	require.NoError(t, err)
	assert.Equal(t, "completed", o.Status)

	r := a.do("POST", fmt.Sprintf("/orders/%d/notes", o.ID), map[string]any{"note": "Shipped", "customer_note": true})
	require.Equal(t, 201, r.status, "%s", r.body)
	r = a.do("GET", fmt.Sprintf("/orders/%d/notes", o.ID), nil)
	assert.Equal(t, "Shipped", r.list(t)[0].(map[string]any)["note"])
	r = a.do("DELETE", fmt.Sprintf("/orders/%d/notes/%d", o.ID, id(r.list(t)[0].(map[string]any))), nil)
	assert.Equal(t, 501, r.status)

	assert.Len(t, a.do("GET", fmt.Sprintf("/orders?customer=%d", c.ID), nil).list(t), 1)
	assert.Len(t, a.do("GET", "/orders?status=processing", nil).list(t), 0)
	assert.Len(t, a.do("GET", "/orders?status=completed,processing", nil).list(t), 1)
	assert.Len(t, a.do("GET", "/customers?email=buyer@example.com", nil).list(t), 1)
	assert.Len(t, a.do("GET", "/customers?search=buyer", nil).list(t), 1)

	r = a.do("DELETE", fmt.Sprintf("/orders/%d", o.ID), nil)
	assert.Equal(t, 200, r.status)
	assert.Len(t, a.do("GET", "/orders", nil).list(t), 0)
	r = a.do("DELETE", fmt.Sprintf("/orders/%d", o.ID), nil)
	assert.Equal(t, 410, r.status)
}

func TestHeadAndMethodOverride(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	defer srv.Close()
	a := newAPI(t, srv)
	p, _ := srv.Store.AddProduct(wootest.Product{Name: "A", RegularPrice: "5"})
	req := a.request("POST", fmt.Sprintf("/products/%d?_method=DELETE&force=true", p.ID), nil)
	a.sign(req, oauthOpts{})
	r := a.send(req)
	assert.Equal(t, 200, r.status, "%s", r.body)
	_, found := srv.Store.Product(p.ID)
	assert.False(t, found)
	assert.True(t, strings.HasPrefix(r.header.Get("Content-Type"), "application/json"))
}

func TestOrderSearch(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	defer srv.Close()
	a := newAPI(t, srv)
	p, _ := srv.Store.AddProduct(wootest.Product{Name: "Blue mug", RegularPrice: "10"})
	var ids []int64
	for _, name := range []string{"Ada", "Grace", "Ada"} {
		o, err := srv.Store.PlaceOrder(wootest.Checkout{PaymentMethod: "cod", Billing: wootest.OrderBilling{FirstName: name, Email: strings.ToLower(name) + "@example.com"},
			Items: []wootest.CheckoutItem{{ProductID: p.ID, Quantity: 1}}})
		require.NoError(t, err)
		ids = append(ids, o.ID)
	}
	found := func(q string) []int64 {
		r := a.do("GET", "/orders?search="+q, nil)
		require.Equal(t, 200, r.status, "%s", r.body)
		var out []int64
		for _, o := range r.list(t) {
			out = append(out, id(o.(map[string]any)))
		}
		return out
	}
	assert.Equal(t, []int64{ids[2], ids[0]}, found("ada"), "billing name")
	assert.Equal(t, []int64{ids[1]}, found("GRACE%40example"), "billing email, any case")
	assert.Len(t, found("mug"), 3, "line item names")
	assert.Empty(t, found("nobody"))
}

// A variation without a SKU of its own shows its parent's, as on a real
// store (WC_Product_Variation::get_sku in the view context); the edit
// context and the SKU search see its own (none).
func TestVariationWithoutSKUShowsItsParents(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	defer srv.Close()
	a := newAPI(t, srv)
	parent, err := srv.Store.AddProduct(wootest.Product{Name: "Shoe", SKU: "SHOE", Type: "variable",
		Attributes: []wootest.Attribute{{Name: "Size", Variation: true, Visible: true, Options: []string{"40"}}}})
	require.NoError(t, err)
	v, err := srv.Store.AddVariation(parent.ID, wootest.Variation{RegularPrice: "80", Attributes: []wootest.VariationAttribute{{Name: "Size", Option: "40"}}})
	require.NoError(t, err)
	got, ok := srv.Store.Variation(v.ID)
	require.True(t, ok)
	assert.Equal(t, "SHOE", got.SKU)
	r := a.do("GET", fmt.Sprintf("/products/%d/variations/%d", parent.ID, v.ID), nil)
	assert.Equal(t, "SHOE", r.obj(t)["sku"])
	r = a.do("GET", fmt.Sprintf("/products/%d", v.ID), nil)
	assert.Equal(t, "SHOE", r.obj(t)["sku"])
	r = a.do("GET", fmt.Sprintf("/products/%d?context=edit", v.ID), nil)
	assert.Equal(t, "", r.obj(t)["sku"], "the edit context shows its own")
}
