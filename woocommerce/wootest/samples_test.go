package wootest_test

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/woonexo/woonexo/woocommerce/wootest"
)

func sampleJSON(t *testing.T, name string) (sample, any) {
	t.Helper()
	s := loadSample(t, "testdata/samples/"+name)
	var v any
	require.NoError(t, json.Unmarshal(s.body, &v), name)
	return s, v
}

// checkSample compares a response with a recorded one: same status, same
// keys with the same JSON types.
func checkSample(t *testing.T, name string, r resp) {
	t.Helper()
	s, want := sampleJSON(t, name)
	assert.Equal(t, s.status, r.status, "%s status; body %s", name, r.body)
	got := r.json(t)
	if wl, ok := want.([]any); ok {
		gl, ok := got.([]any)
		require.True(t, ok, "%s: want a list", name)
		require.NotEmpty(t, gl, name)
		sameShape(t, name+"[0]", wl[0], gl[0])
		return
	}
	sameShape(t, name, want, got)
}

// replayStore builds, over HTTP, the state the samples were recorded in.
type replayState struct {
	a                           *api
	shirts, hoodies             int64
	simple, variable, variation int64
	customer, order             int64
}

func buildReplay(t *testing.T, a *api) *replayState {
	st := &replayState{a: a}
	r := a.do("POST", "/products/categories", map[string]any{"name": "Shirts", "description": "All shirts"})
	require.Equal(t, 201, r.status, "%s", r.body)
	st.shirts = id(r.obj(t))
	r = a.do("POST", "/products/categories", map[string]any{"name": "Hoodies", "description": "Warm things"})
	st.hoodies = id(r.obj(t))

	r = a.do("POST", "/products", map[string]any{
		"name": "Sample Hoodie", "type": "simple", "regular_price": "49.00", "sku": "RW-HOODIE",
		"manage_stock": true, "stock_quantity": 25, "categories": []any{map[string]any{"id": st.hoodies}},
		"meta_data": []any{map[string]any{"key": "_realwoo", "value": "x"}},
	})
	checkSample(t, "product-create-simple.http", r)
	assert.True(t, strings.HasSuffix(r.header.Get("Location"), fmt.Sprintf("/wp-json/wc/v3/products/%d", id(r.obj(t)))))
	st.simple = id(r.obj(t))
	// The recorded store had the hoodie on sale when the order was placed.
	r = a.do("PUT", fmt.Sprintf("/products/%d", st.simple), map[string]any{"sale_price": "39.00"})
	require.Equal(t, 200, r.status, "%s", r.body)

	r = a.do("POST", "/products", map[string]any{
		"name": "Variable Hoodie", "type": "variable", "sku": "RW-VHOODIE", "categories": []any{map[string]any{"id": st.hoodies}},
		"attributes": []any{map[string]any{"id": 1, "name": "Size", "visible": true, "variation": true, "options": []string{"M", "L"}}},
	})
	checkSample(t, "product-create-variable.http", r)
	p := r.obj(t)
	assert.Equal(t, "outofstock", p["stock_status"], "a variable product without variations is out of stock")
	assert.Equal(t, false, p["purchasable"])
	st.variable = id(p)

	r = a.do("POST", fmt.Sprintf("/products/%d/variations", st.variable), map[string]any{
		"regular_price": "55.00", "sku": "RW-VHOODIE-M", "manage_stock": true, "stock_quantity": 5,
		"attributes": []any{map[string]any{"id": 1, "option": "M"}},
	})
	require.Equal(t, 201, r.status, "%s", r.body)
	st.variation = id(r.obj(t))
	r = a.do("POST", fmt.Sprintf("/products/%d/variations", st.variable), map[string]any{
		"regular_price": "57.00", "sku": "RW-VHOODIE-L", "manage_stock": true, "stock_quantity": 3,
		"attributes": []any{map[string]any{"id": 1, "option": "L"}},
	})
	require.Equal(t, 201, r.status, "%s", r.body)

	addr := map[string]any{"first_name": "Jane", "last_name": "Doe", "address_1": "1 Main St", "city": "San Francisco",
		"state": "CA", "postcode": "94103", "country": "US"}
	billing := map[string]any{"email": "jane.doe@example.com", "phone": "555-1234"}
	for k, v := range addr {
		billing[k] = v
	}
	r = a.do("POST", "/customers", map[string]any{"email": "jane.doe@example.com", "first_name": "Jane", "last_name": "Doe",
		"username": "jane.doe", "billing": billing, "shipping": addr})
	require.Equal(t, 201, r.status, "%s", r.body)
	st.customer = id(r.obj(t))

	r = a.do("POST", "/orders", map[string]any{
		"customer_id": st.customer, "payment_method": "bacs", "payment_method_title": "Direct Bank Transfer", "set_paid": true,
		"billing": billing, "shipping": addr,
		"line_items": []any{
			map[string]any{"product_id": st.simple, "quantity": 2},
			map[string]any{"product_id": st.variable, "variation_id": st.variation, "quantity": 1},
		},
		"shipping_lines": []any{map[string]any{"method_id": "flat_rate", "method_title": "Flat Rate", "total": "10.00"}},
		"meta_data":      []any{map[string]any{"key": "_realwoo_ref", "value": "abc-123"}},
	})
	require.Equal(t, 201, r.status, "%s", r.body)
	st.order = id(r.obj(t))
	return st
}

func TestSamplesReplay(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	defer srv.Close()
	a := newAPI(t, srv)
	st := buildReplay(t, a)

	t.Run("product-get", func(t *testing.T) {
		r := a.do("GET", fmt.Sprintf("/products/%d", st.simple), nil)
		checkSample(t, "product-get.http", r)
		p := r.obj(t)
		assert.Equal(t, "39.00", p["price"])
		assert.Equal(t, "49.00", p["regular_price"])
		assert.Equal(t, 23.0, p["stock_quantity"], "25 less the 2 of the paid order")
		assert.Equal(t, 2.0, p["total_sales"])
	})
	t.Run("variation-get", func(t *testing.T) {
		r := a.do("GET", fmt.Sprintf("/products/%d/variations/%d", st.variable, st.variation), nil)
		checkSample(t, "variation-get.http", r)
		v := r.obj(t)
		assert.Equal(t, 4.0, v["stock_quantity"])
		assert.Equal(t, "M", v["name"])
		assert.Contains(t, v["permalink"], "?attribute_pa_size=m")
	})
	t.Run("category-list", func(t *testing.T) {
		r := a.do("GET", "/products/categories", nil)
		checkSample(t, "category-list.http", r)
		var names []string
		for _, c := range r.list(t) {
			names = append(names, c.(map[string]any)["name"].(string))
		}
		assert.Equal(t, []string{"Hoodies", "Shirts", "Uncategorized"}, names, "ordered by name")
		assert.Equal(t, "3", r.header.Get("X-WP-Total"))
		assert.Equal(t, 2.0, r.list(t)[0].(map[string]any)["count"], "two published products in Hoodies")
	})
	t.Run("customer-get", func(t *testing.T) {
		r := a.do("GET", fmt.Sprintf("/customers/%d", st.customer), nil)
		checkSample(t, "customer-get.http", r)
		_, want := sampleJSON(t, "customer-get.http")
		assert.Equal(t, want.(map[string]any)["avatar_url"], r.obj(t)["avatar_url"])
		assert.Equal(t, true, r.obj(t)["is_paying_customer"], "after a paid order")
	})
	t.Run("order-get", func(t *testing.T) {
		r := a.do("GET", fmt.Sprintf("/orders/%d", st.order), nil)
		checkSample(t, "order-get.http", r)
		o := r.obj(t)
		assert.Equal(t, "processing", o["status"])
		assert.Equal(t, "143.00", o["total"])
		li := o["line_items"].([]any)
		assert.Equal(t, 39.0, li[0].(map[string]any)["price"], "price is a JSON number")
		assert.Equal(t, "", li[0].(map[string]any)["image"].(map[string]any)["id"], "simple product: id \"\"")
		assert.Equal(t, 0.0, li[1].(map[string]any)["image"].(map[string]any)["id"], "variation: id 0")
		assert.Equal(t, "Variable Hoodie - M", li[1].(map[string]any)["name"])
		meta := li[0].(map[string]any)["meta_data"].([]any)
		assert.Equal(t, "_reduced_stock", meta[0].(map[string]any)["key"])
		assert.Equal(t, "2", meta[0].(map[string]any)["value"])
	})
	t.Run("order-refund-create", func(t *testing.T) {
		r := a.do("POST", fmt.Sprintf("/orders/%d/refunds", st.order), map[string]any{"amount": "5.00", "reason": "sample partial refund", "api_refund": false})
		checkSample(t, "order-refund-create.http", r)
		assert.Contains(t, r.header.Get("Location"), "/orders/(?P<order_id>[\\d]+)/refunds/")
		o := a.do("GET", fmt.Sprintf("/orders/%d", st.order), nil).obj(t)
		refunds := o["refunds"].([]any)
		require.Len(t, refunds, 1)
		assert.Equal(t, "-5.00", refunds[0].(map[string]any)["total"])
		assert.Equal(t, "processing", o["status"], "a partial refund keeps the status")
	})
	t.Run("product-batch", func(t *testing.T) {
		r := a.do("POST", "/products/batch", map[string]any{
			"create": []any{map[string]any{"name": "Batch A", "regular_price": "1.00"}, map[string]any{"name": "Dup", "sku": "RW-HOODIE"}},
			"update": []any{map[string]any{"id": st.simple, "description": "updated via batch", "sale_price": "39.00"}},
			"delete": []any{999999},
		})
		s, want := sampleJSON(t, "product-batch.http")
		require.Equal(t, s.status, r.status, "%s", r.body)
		got := r.obj(t)
		w := want.(map[string]any)
		sameShape(t, "create[0]", w["create"].([]any)[0], got["create"].([]any)[0])
		sameShape(t, "create[1]", w["create"].([]any)[1], got["create"].([]any)[1])
		sameShape(t, "update[0]", w["update"].([]any)[0], got["update"].([]any)[0])
		sameShape(t, "delete[0]", w["delete"].([]any)[0], got["delete"].([]any)[0])
		dup := got["create"].([]any)[1].(map[string]any)
		assert.Equal(t, 0.0, dup["id"])
		e := dup["error"].(map[string]any)
		assert.Equal(t, "product_invalid_sku", e["code"])
		assert.Equal(t, float64(st.simple), e["data"].(map[string]any)["resource_id"])
		assert.Equal(t, "RW-HOODIE-1", e["data"].(map[string]any)["unique_sku"])
		upd := got["update"].([]any)[0].(map[string]any)
		assert.Equal(t, "39.00", upd["price"])
		assert.Equal(t, true, upd["on_sale"])
		assert.Equal(t, "woocommerce_rest_product_invalid_id", got["delete"].([]any)[0].(map[string]any)["error"].(map[string]any)["code"])
	})
	t.Run("error-400-invalid-param", func(t *testing.T) {
		r := a.do("POST", "/products", map[string]any{"name": "x", "type": "bogus"})
		s := loadSample(t, "testdata/samples/error-400-invalid-param.http")
		assert.Equal(t, 400, r.status)
		assert.JSONEq(t, string(s.body), string(r.body))
	})
	t.Run("error-401-no-auth", func(t *testing.T) {
		r := a.send(a.request("GET", "/products", nil))
		s := loadSample(t, "testdata/samples/error-401-no-auth.http")
		assert.Equal(t, 401, r.status)
		assert.JSONEq(t, string(s.body), string(r.body))
	})
	t.Run("error-404-product", func(t *testing.T) {
		r := a.do("GET", "/products/999999", nil)
		s := loadSample(t, "testdata/samples/error-404-product.http")
		assert.Equal(t, 404, r.status)
		assert.JSONEq(t, string(s.body), string(r.body))
	})
}

func TestSampleProductListPagination(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	defer srv.Close()
	a := newAPI(t, srv)
	for i := 0; i < 8; i++ {
		_, err := srv.Store.AddProduct(wootest.Product{Name: fmt.Sprintf("P%d", i), RegularPrice: "10", SKU: fmt.Sprintf("S%d", i),
			ManageStock: true, StockQuantity: wootest.Int(10)})
		require.NoError(t, err)
	}
	r := a.do("GET", "/products?per_page=3&page=1&orderby=id&order=asc", nil)
	checkSample(t, "product-list-page1.http", r)
	s := loadSample(t, "testdata/samples/product-list-page1.http")
	assert.Equal(t, s.header.Get("X-WP-Total"), r.header.Get("X-WP-Total"))
	assert.Equal(t, s.header.Get("X-WP-TotalPages"), r.header.Get("X-WP-TotalPages"))
	link := r.header.Get("Link")
	assert.Contains(t, link, `rel="next"`)
	assert.NotContains(t, link, `rel="prev"`)
	assert.NotContains(t, link, `rel="first"`)
	assert.Contains(t, link, "per_page=3&page=2&orderby=id&order=asc")
	assert.Len(t, r.list(t), 3)

	r = a.do("GET", "/products?per_page=3&page=3&orderby=id&order=asc", nil)
	assert.Len(t, r.list(t), 2)
	assert.Contains(t, r.header.Get("Link"), `rel="prev"`)
	assert.NotContains(t, r.header.Get("Link"), `rel="next"`)

	r = a.do("GET", "/products?per_page=3&page=9", nil)
	assert.Equal(t, 200, r.status)
	assert.Empty(t, r.list(t))
	assert.Equal(t, "8", r.header.Get("X-WP-Total"))
}
