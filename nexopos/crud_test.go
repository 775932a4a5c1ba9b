package nexopos

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// pagedServer serves n products, perPage rows a page, newest id first.
func pagedServer(t *testing.T, n int, failPage int) (*httptest.Server, *atomic.Int32) {
	t.Helper()
	var calls atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		calls.Add(1)
		q := r.URL.Query()
		page, _ := strconv.Atoi(q.Get("page"))
		if page == 0 {
			page = 1
		}
		per, _ := strconv.Atoi(q.Get("per_page"))
		if per == 0 {
			per = 20
		}
		if page == failPage {
			w.WriteHeader(500)
			_, _ = w.Write([]byte(`{"status":"error","message":"boom"}`))
			return
		}
		last := (n + per - 1) / per
		if last == 0 {
			last = 1
		}
		var rows []map[string]any
		for i := (page-1)*per + 1; i <= min(page*per, n); i++ {
			id := n - i + 1
			rows = append(rows, map[string]any{"id": id, "name": fmt.Sprintf("P%d", id), "updated_at": "2026-11-27 07:09:27",
				"type": "<strong>Materialized Product</strong>", "rawType": "materialized", "$actions": map[string]any{}})
		}
		_ = json.NewEncoder(w).Encode(map[string]any{"current_page": page, "last_page": last, "per_page": per,
			"total": n, "data": rows})
	}))
	t.Cleanup(srv.Close)
	return srv, &calls
}

func TestAllIteratesEveryPage(t *testing.T) {
	t.Parallel()
	srv, calls := pagedServer(t, 7, 0)
	c, err := NewClient(srv.URL, WithToken(testToken))
	require.NoError(t, err)
	opts := &ListOptions{PerPage: 3}
	var ids []int64
	for p, err := range c.Products.All(ctx(), opts) {
		require.NoError(t, err)
		ids = append(ids, p.ID)
		assert.Equal(t, ProductMaterialized, p.Type)
	}
	assert.Equal(t, []int64{7, 6, 5, 4, 3, 2, 1}, ids)
	assert.Equal(t, int32(3), calls.Load())
	assert.Equal(t, 0, opts.Page, "the caller's options are not changed")
}

func TestAllHonoursBreak(t *testing.T) {
	t.Parallel()
	srv, calls := pagedServer(t, 100, 0)
	c, err := NewClient(srv.URL, WithToken(testToken))
	require.NoError(t, err)
	n := 0
	for _, err := range c.Products.All(ctx(), &ListOptions{PerPage: 10}) {
		require.NoError(t, err)
		n++
		if n == 15 {
			break
		}
	}
	assert.Equal(t, 15, n)
	assert.Equal(t, int32(2), calls.Load())
}

func TestAllYieldsErrorOnceAndStops(t *testing.T) {
	t.Parallel()
	srv, _ := pagedServer(t, 10, 2)
	c, err := NewClient(srv.URL, WithToken(testToken), WithRetries(0))
	require.NoError(t, err)
	var got, errs int
	for _, err := range c.Products.All(ctx(), &ListOptions{PerPage: 4}) {
		if err != nil {
			errs++
			assert.Contains(t, err.Error(), "nexopos: list products page 2: HTTP 500: boom")
			continue
		}
		got++
	}
	assert.Equal(t, 4, got)
	assert.Equal(t, 1, errs)
}

func TestListOptionsEncoding(t *testing.T) {
	t.Parallel()
	o := &ListOptions{Page: 2, PerPage: 5, Search: "cola", Active: "nexopos_orders.updated_at", Direction: Descending,
		QueryFilters: map[string]string{"nexopos_products.stock_management": "disabled", "note": "a+b 100%"}}
	q, err := o.values()
	require.NoError(t, err)
	assert.Equal(t, "2", q.Get("page"))
	assert.Equal(t, "5", q.Get("per_page"))
	assert.Equal(t, "cola", q.Get("search"))
	assert.Equal(t, "nexopos_orders.updated_at", q.Get("active"))
	assert.Equal(t, "desc", q.Get("direction"))
	// NexoPOS runs urldecode() on the already decoded parameter: decoding
	// it once more must give the JSON back exactly.
	once := q.Get("queryFilters")
	twice, err := url.QueryUnescape(once)
	require.NoError(t, err)
	var filters map[string]string
	require.NoError(t, json.Unmarshal([]byte(twice), &filters))
	assert.Equal(t, o.QueryFilters, filters)

	for _, bad := range []ListOptions{{Direction: "up", Active: "id"}, {Active: "id"}, {Direction: Ascending}, {Page: -1}} {
		_, err := bad.values()
		assert.Error(t, err, "%+v", bad)
	}
}

func TestDecodeRealPages(t *testing.T) {
	t.Parallel()
	for _, name := range []string{"124-get-crud-products-page2", "125-get-crud-products-sorted", "126-get-crud-products-queryfilters"} {
		p, err := decodePage[Product](fixture(t, "v5/"+name+".json"), productsList)
		require.NoError(t, err, name)
		for _, it := range p.Items {
			assert.Contains(t, []string{ProductMaterialized, ProductDematerialized}, it.Type, name)
			assert.NotZero(t, it.ID)
			assert.False(t, it.UpdatedAt.IsZero())
		}
	}
	h, err := decodePage[HistoryEntry](fixture(t, "v5/138-get-crud-products-histories.json"), globalHistoryList)
	require.NoError(t, err)
	assert.Equal(t, ActionRemoved, h.Items[0].OperationType)
	assert.Equal(t, "USD 15,00 ", h.Items[0].Display["unit_price"], "ns.products-histories formats unit_price")
	assert.Equal(t, "Cola Can s2", h.Items[0].ProductName)
	assert.Equal(t, 3, h.LastPage)

	o, err := decodePage[Order](fixture(t, "v5/191b-get-crud-orders-filter-void.json"), ordersList)
	require.NoError(t, err)
	for _, it := range o.Items {
		assert.Equal(t, PaymentStatusVoid, it.PaymentStatus)
	}
}

func TestPasswordHashNeverKept(t *testing.T) {
	t.Parallel()
	for _, name := range []string{"v5/27-get-customer.json", "v5/141-get-customers.json", "v5/147-get-crud-customers.json", "v5/29-get-order.json"} {
		raw := fixture(t, name)
		require.Contains(t, string(raw), "$2y$10$", "the fixture carries a hash")
		var out []byte
		switch name {
		case "v5/141-get-customers.json":
			var v []Customer
			require.NoError(t, json.Unmarshal(raw, &v))
			out, _ = json.Marshal(v)
		case "v5/147-get-crud-customers.json":
			p, err := decodePage[Customer](raw, customersList)
			require.NoError(t, err)
			out, _ = json.Marshal(p.Items)
		case "v5/29-get-order.json":
			var v Order
			require.NoError(t, json.Unmarshal(raw, &v))
			out, _ = json.Marshal(v)
		default:
			var v Customer
			require.NoError(t, json.Unmarshal(raw, &v))
			out, _ = json.Marshal(v)
		}
		assert.NotContains(t, string(out), "$2y$", name)
		assert.NotContains(t, fmt.Sprintf("%+v", out), "$2y$", name)
	}
}
