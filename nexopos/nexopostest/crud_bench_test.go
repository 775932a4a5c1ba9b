package nexopostest

import (
	"net/http"
	"net/http/httptest"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/woonexo/woonexo/internal/benchcpu"
)

// steppingClock returns a clock that advances by step on every reading, so
// that rows made in a loop get distinct, increasing dates.
func steppingClock(start time.Time, step time.Duration) func() time.Time {
	var n atomic.Int64
	return func() time.Time { return start.Add(time.Duration(n.Add(1)) * step) }
}

var (
	benchOnce    sync.Once
	benchHandler *Handler
)

// benchFake is a fake grown as a long run grows it: 200 products, 500
// customers and 20,000 paid orders, each with its stock movement.
func benchFake(b *testing.B) *Handler {
	b.Helper()
	benchOnce.Do(func() {
		h := NewHandler(WithThrottle(0), WithClock(steppingClock(time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), 7*time.Millisecond)))
		ref := h.SeedReference()
		cat, err := h.AddCategory(NewCategory{Name: "Goods"})
		if err != nil {
			panic(err)
		}
		var products, customers []int64
		for i := range 200 {
			p, err := h.AddProduct(NewProduct{Name: "Product " + strconv.Itoa(i), CategoryID: cat.ID, Units: []NewUnitQuantity{{UnitID: ref.PieceUnitID, SalePrice: 2.5, Stock: 1e6}}})
			if err != nil {
				panic(err)
			}
			products = append(products, p.ID)
		}
		for i := range 500 {
			cu, err := h.AddCustomer(NewCustomer{FirstName: "Jane", LastName: "Doe " + strconv.Itoa(i), GroupID: ref.CustomerGroupID})
			if err != nil {
				panic(err)
			}
			customers = append(customers, cu.ID)
		}
		for i := range 20000 {
			if _, err := h.Sell(customers[i%len(customers)], OrderLine{ProductID: products[i%len(products)], UnitID: ref.PieceUnitID, Quantity: 1}); err != nil {
				panic(err)
			}
		}
		benchHandler = h
	})
	return benchHandler
}

// BenchmarkCRUDPage measures one CRUD page of a large fake: the stock
// movements poll (ns.global-products-history, id desc) and the orders poll
// (ns.orders by updated_at desc).
func BenchmarkCRUDPage(b *testing.B) {
	h := benchFake(b)
	token := h.AdminToken()
	for _, bc := range []struct{ name, path string }{
		{"history", "/api/crud/ns.global-products-history?page=1&per_page=50"},
		{"orders", "/api/crud/ns.orders?page=1&per_page=50&active=nexopos_orders.updated_at&direction=desc"},
	} {
		b.Run(bc.name, func(b *testing.B) {
			req := httptest.NewRequest(http.MethodGet, bc.path, nil)
			req.Header.Set("Authorization", "Bearer "+token)
			req.Header.Set("Accept", "application/json")
			b.ReportAllocs()
			cpu := benchcpu.Start()
			for b.Loop() {
				w := httptest.NewRecorder()
				h.ServeHTTP(w, req)
				if w.Code != http.StatusOK {
					b.Fatalf("%s: %d %s", bc.path, w.Code, w.Body.String())
				}
			}
			cpu.Report(b)
		})
	}
}
