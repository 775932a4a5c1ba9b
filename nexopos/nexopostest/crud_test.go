package nexopostest

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// serve sends one request to h with the admin token and decodes the JSON
// answer.
func serve(t *testing.T, h *Handler, method, path, body string) map[string]any {
	t.Helper()
	req := httptest.NewRequest(method, h.Prefix()+path, strings.NewReader(body))
	req.Header.Set("Authorization", "Bearer "+h.AdminToken())
	req.Header.Set("Accept", "application/json")
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, req)
	require.Equal(t, http.StatusOK, w.Code, "%s %s: %s", method, path, w.Body.String())
	var out map[string]any
	require.NoError(t, json.Unmarshal(w.Body.Bytes(), &out), w.Body.String())
	return out
}

// pageIDs returns the $id of the rows of a CRUD page.
func pageIDs(t *testing.T, page map[string]any) []int64 {
	t.Helper()
	var ids []int64
	for _, r := range page["data"].([]any) {
		ids = append(ids, int64(r.(map[string]any)["$id"].(float64)))
	}
	return ids
}

// TestCRUDCustomersOrder checks the order of ns.customers: 4.x and 5.x
// (CustomerCrud::hook) by updated_at desc, so an older customer edited
// comes first, with ties by id desc; 6.x by id desc.
func TestCRUDCustomersOrder(t *testing.T) {
	for _, tc := range []struct {
		v    Version
		edit bool // the order puts the edited customer first
	}{{V4, true}, {V5, true}, {V6, false}} {
		t.Run(fmt.Sprintf("V%d", tc.v), func(t *testing.T) {
			h := NewHandler(WithVersion(tc.v), WithThrottle(0), WithClock(steppingClock(time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC), time.Second)))
			ref := h.SeedReference()
			var ids []int64
			for _, name := range []string{"Ann", "Bob", "Cid"} {
				cu, err := h.AddCustomer(NewCustomer{FirstName: name, GroupID: ref.CustomerGroupID})
				require.NoError(t, err)
				ids = append(ids, cu.ID)
			}
			ann, bob, cid := ids[0], ids[1], ids[2]
			before, _ := h.Customer(ann)
			first := "first_name"
			if tc.v == V4 {
				first = "name"
			}
			serve(t, h, "PUT", fmt.Sprintf("/crud/ns.customers/%d", ann), fmt.Sprintf(`{%q:"Ann",%q:{"group_id":%d}}`, first, "general", ref.CustomerGroupID))
			after, _ := h.Customer(ann)
			require.True(t, after.UpdatedAt.After(before.UpdatedAt), "an edit moves updated_at")

			page := serve(t, h, "GET", "/crud/ns.customers", "")
			if tc.edit {
				assert.Equal(t, []int64{ann, cid, bob}, pageIDs(t, page))
			} else {
				assert.Equal(t, []int64{cid, bob, ann}, pageIDs(t, page))
			}
			row := page["data"].([]any)[0].(map[string]any)
			assert.Contains(t, row, "updated_at", "rows carry updated_at")
			if tc.edit {
				assert.Equal(t, sqlTime(after.UpdatedAt), row["updated_at"])
			}

			// sorting skips the hook: every user, by the column asked for
			page = serve(t, h, "GET", "/crud/ns.customers?active=id&direction=asc", "")
			assert.Equal(t, []int64{h.st.admin.ID, ann, bob, cid}, pageIDs(t, page))
		})
	}
	t.Run("ties", func(t *testing.T) {
		at := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
		h := NewHandler(WithThrottle(0), WithClock(func() time.Time { return at }))
		ref := h.SeedReference()
		var ids []int64
		for _, name := range []string{"Ann", "Bob", "Cid"} {
			cu, err := h.AddCustomer(NewCustomer{FirstName: name, GroupID: ref.CustomerGroupID})
			require.NoError(t, err)
			ids = append(ids, cu.ID)
		}
		assert.Equal(t, []int64{ids[2], ids[1], ids[0]}, pageIDs(t, serve(t, h, "GET", "/crud/ns.customers", "")))
	})
}

// crudFake is a fake with orders and stock movements whose dates differ
// and tie: sales, holds, payments, voids and renamed products.
func crudFake(t *testing.T, orders int) *Handler {
	t.Helper()
	h := NewHandler(WithThrottle(0), WithClock(steppingClock(time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC), 300*time.Millisecond)))
	ref := h.SeedReference()
	cat, err := h.AddCategory(NewCategory{Name: "Goods"})
	require.NoError(t, err)
	var products, customers []int64
	for i := range 7 {
		p, err := h.AddProduct(NewProduct{Name: fmt.Sprintf("P%d", i), CategoryID: cat.ID, Units: []NewUnitQuantity{{UnitID: ref.PieceUnitID, SalePrice: 2, Stock: 1000}}})
		require.NoError(t, err)
		products = append(products, p.ID)
	}
	for i := range 5 {
		cu, err := h.AddCustomer(NewCustomer{FirstName: fmt.Sprintf("C%d", i), GroupID: ref.CustomerGroupID})
		require.NoError(t, err)
		customers = append(customers, cu.ID)
	}
	for i := range orders {
		line := OrderLine{ProductID: products[i%len(products)], UnitID: ref.PieceUnitID, Quantity: 1}
		switch i % 4 {
		case 0, 1:
			_, err = h.Sell(customers[i%len(customers)], line)
		case 2:
			_, err = h.AddOrder(NewOrder{CustomerID: customers[i%len(customers)], Lines: []OrderLine{line}, Hold: true})
		case 3:
			var o Order
			o, err = h.AddOrder(NewOrder{CustomerID: customers[i%len(customers)], Lines: []OrderLine{line}})
			require.NoError(t, err)
			require.NoError(t, h.PayOrder(o.ID, "cash-payment", 1))
			// An older sale changes: voided (which keeps updated_at, as
			// on a real 5.3.10) and edited (which moves it).
			err = h.VoidOrder(o.ID-3, "returned")
			h.mu.Lock()
			h.st.order(o.ID - 3).UpdatedAt = h.now()
			h.mu.Unlock()
		}
		require.NoError(t, err)
		if i%9 == 0 {
			require.NoError(t, h.RenameProduct(products[(i/9)%len(products)], fmt.Sprintf("P%d'", i)))
		}
	}
	return h
}

// TestCRUDPageBuildsItsRowsOnly checks that a page renders the rows it
// shows and no other, and that the polls' sorts build no raw values.
func TestCRUDPageBuildsItsRowsOnly(t *testing.T) {
	const orders = 120
	h := crudFake(t, orders)
	nHistory := len(h.History())
	require.Greater(t, nHistory, 60)
	for _, tc := range []struct {
		path           string
		raws, displays int
		idDesc         bool
	}{
		{path: "/crud/ns.global-products-history?page=2&per_page=10", displays: 10, idDesc: true},
		{path: "/crud/ns.global-products-history", displays: 20, idDesc: true},
		{path: "/crud/ns.orders", displays: 20, idDesc: true},
		{path: "/crud/ns.orders?page=3&per_page=10&active=nexopos_orders.updated_at&direction=desc", displays: 10},
		{path: "/crud/ns.orders?per_page=10&active=created_at&direction=asc", displays: 10},
		{path: "/crud/ns.products", displays: 7},
		{path: "/crud/ns.customers", displays: 5},
		// search reads every row's text, not its display
		{path: "/crud/ns.orders?per_page=5&search=C1", displays: 5},
		// a filter and a sort on another column need every row's raw values
		{path: "/crud/ns.orders?per_page=5&queryFilters=" + url.QueryEscape(`{"nexopos_orders.payment_status":"paid"}`), raws: orders, displays: 5},
		{path: "/crud/ns.global-products-history?per_page=5&active=nexopos_products_histories.quantity&direction=desc", raws: nHistory, displays: 5},
	} {
		h.mu.Lock()
		h.crudStats = crudStats{}
		h.mu.Unlock()
		page := serve(t, h, "GET", tc.path, "")
		h.mu.Lock()
		got := h.crudStats
		h.mu.Unlock()
		assert.Equal(t, crudStats{raws: tc.raws, displays: tc.displays}, got, tc.path)
		assert.Len(t, page["data"], tc.displays, tc.path)
		if tc.idDesc {
			ids := pageIDs(t, page)
			for i := 1; i < len(ids); i++ {
				assert.Greater(t, ids[i-1], ids[i], tc.path)
			}
		}
	}
}

// TestCRUDSortFromRecords checks that sorting by the main table's id,
// created_at and updated_at from the records gives the order that sorting
// their raw values gives, dates out of the years 0000-9999 included.
func TestCRUDSortFromRecords(t *testing.T) {
	h := crudFake(t, 60)
	// the fixture has orders updated after newer ones, and dates that tie
	var outOfOrder, ties bool
	for i, o := range h.st.orders[1:] {
		prev := sqlTime(h.st.orders[i].UpdatedAt)
		outOfOrder = outOfOrder || sqlTime(o.UpdatedAt) < prev
		ties = ties || sqlTime(o.UpdatedAt) == prev
	}
	require.True(t, outOfOrder && ties, "fixture dates")
	check := func(t *testing.T, datesInRange bool) {
		t.Helper()
		for _, ns := range []string{"ns.orders", "ns.products", "ns.global-products-history", "ns.products-histories", "ns.customers", "ns.products-units"} {
			src, _ := crudSources(ns)
			for _, col := range []string{"id", "created_at", "updated_at"} {
				for _, desc := range []bool{false, true} {
					c := &call{h: h, base: "http://nexopos.test", query: url.Values{"active": {col}}}
					rk, fast := c.crudRows(ns)
					_, generic := c.crudRows(ns)
					h.crudStats = crudStats{}
					sortRows(rk, fast, src.main, src.main+"."+col, desc)
					if col == "id" || (rk.times != nil && datesInRange) {
						assert.Zero(t, h.crudStats.raws, "%s %s", ns, col)
					}
					sortByID(generic)
					sortByRaw(rk, generic, src.main+"."+col, desc)
					require.Equal(t, rowIDs(generic), rowIDs(fast), "%s %s desc=%v", ns, col, desc)
				}
			}
		}
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	check(t, true)
	// dates whose text does not sort as the date
	h.st.orders[3].UpdatedAt = time.Date(12000, 1, 1, 0, 0, 0, 0, time.UTC)
	h.st.orders[5].UpdatedAt = time.Date(-3, 1, 1, 0, 0, 0, 0, time.UTC)
	h.st.orders[7].CreatedAt = time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC)
	check(t, false)
}

func rowIDs(rows []crudRow) []int64 {
	ids := make([]int64, len(rows))
	for i, r := range rows {
		ids[i] = r.id
	}
	return ids
}
