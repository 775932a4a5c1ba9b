package nexopostest_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"

	"github.com/woonexo/woonexo/nexopos/nexopostest"
)

// Start a fake NexoPOS, seed a catalogue and call it over HTTP with the
// token it prints, as a client under test would.
func ExampleNewServer() {
	srv := nexopostest.NewServer()
	defer srv.Close()

	ref := srv.SeedReference() // tax group, Piece/Dozen units, customer group
	cat, _ := srv.AddCategory(nexopostest.NewCategory{Name: "Beverages"})
	_, _ = srv.AddProduct(nexopostest.NewProduct{
		Name: "Sparkling Water", SKU: "SPARK-001", CategoryID: cat.ID, TaxGroupID: ref.TaxGroupID,
		Units: []nexopostest.NewUnitQuantity{{UnitID: ref.PieceUnitID, SalePrice: 2.5, Stock: 100}},
	})

	req, _ := http.NewRequest("GET", srv.URL+"/api/products/SPARK-001?as=sku", nil)
	req.Header.Set("Authorization", "Bearer "+srv.Token)
	req.Header.Set("Accept", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		fmt.Println(err)
		return
	}
	defer resp.Body.Close()
	var p struct {
		ID   int64  `json:"id"`
		Name string `json:"name"`
	}
	_ = json.NewDecoder(resp.Body).Decode(&p)
	fmt.Println(resp.StatusCode, p.ID, p.Name)
	// Output: 200 1 Sparkling Water
}

// Seed data and act as a cashier would, then read the state directly.
func ExampleHandler_Sell() {
	srv := nexopostest.NewServer()
	defer srv.Close()

	ref := srv.SeedReference()
	cat, _ := srv.AddCategory(nexopostest.NewCategory{Name: "Beverages"})
	p, _ := srv.AddProduct(nexopostest.NewProduct{
		Name: "Cola", CategoryID: cat.ID,
		Units: []nexopostest.NewUnitQuantity{
			{UnitID: ref.PieceUnitID, SalePrice: 1.5, Stock: 100},
			{UnitID: ref.DozenUnitID, SalePrice: 15, Stock: 10},
		},
	})
	jane, _ := srv.AddCustomer(nexopostest.NewCustomer{FirstName: "Jane", Email: "jane@example.com", GroupID: ref.CustomerGroupID})

	// a counter sale of one dozen takes one dozen, not twelve pieces
	order, _ := srv.Sell(jane.ID, nexopostest.OrderLine{ProductID: p.ID, UnitID: ref.DozenUnitID, Quantity: 1})
	fmt.Println(order.PaymentStatus, order.Total)
	fmt.Println(srv.Stock(p.ID, ref.PieceUnitID), srv.Stock(p.ID, ref.DozenUnitID))

	h := srv.History()
	last := h[len(h)-1]
	fmt.Println(last.OperationType, last.Quantity)
	// Output:
	// paid 15
	// 100 9
	// sold 1
}

// The bare handler serves the API in process, without a listener.
func ExampleNewHandler() {
	h := nexopostest.NewHandler(nexopostest.WithThrottle(0))

	req := httptest.NewRequest("GET", "/api/products", nil)
	req.Header.Set("Accept", "application/json")
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req) // no token
	fmt.Println(rec.Code, strings.TrimSpace(rec.Body.String()))

	req.Header.Set("Authorization", "Bearer "+h.AdminToken())
	rec = httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	fmt.Println(rec.Code, rec.Body.String())
	// Output:
	// 401 {"message":"Unauthenticated."}
	// 200 []
}

// Inject faults to test retries: here every order creation is written but
// its answer is lost, as after a network timeout.
func ExampleHandler_SetFaults() {
	srv := nexopostest.NewServer(nexopostest.WithSeed(1))
	defer srv.Close()
	srv.SetFaults(
		nexopostest.Fault{Method: "GET", Path: "/api/products", RateLimited: 0.5},
		nexopostest.Fault{Method: "POST", Path: "/api/orders", Timeouts: 1},
	)
	fmt.Println(len(srv.Orders()))
	// Output: 0
}
