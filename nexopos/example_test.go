package nexopos_test

import (
	"context"
	"errors"
	"fmt"
	"log"
	"net/http"
	"net/http/httptest"

	"github.com/woonexo/woonexo/nexopos"
)

// fakeNexoPOS answers the few routes the examples use, as NexoPOS 5.3.10
// did.
func fakeNexoPOS() *httptest.Server {
	return httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		switch r.Method + " " + r.URL.Path {
		case "GET /api/products/SPARK-001":
			fmt.Fprint(w, `{"id":1,"name":"Sparkling Water","sku":"SPARK-001","type":"materialized","stock_management":"enabled","updated_at":"2026-11-27T07:09:11.000000Z"}`)
		case "GET /api/products/1/units":
			fmt.Fprint(w, `[{"id":1,"product_id":1,"unit_id":1,"quantity":100,"sale_price":3,"unit":{"id":1,"name":"Piece"}},
				{"id":2,"product_id":1,"unit_id":2,"quantity":0,"sale_price":30,"unit":{"id":2,"name":"Dozen"}}]`)
		case "POST /api/products/adjustments":
			fmt.Fprint(w, `{"status":"success","message":"The stock has been adjustment successfully.","data":[{"id":2,"product_id":1,"unit_id":1,"operation_type":"removed","before_quantity":100,"quantity":2,"after_quantity":98}]}`)
		case "POST /api/orders":
			fmt.Fprint(w, `{"status":"success","message":"The order has been placed.","data":{"order":{"id":12,"code":"261127-012","payment_status":"hold","total":6,"note":"woocommerce:1234"}}}`)
		case "GET /api/orders/999":
			w.WriteHeader(http.StatusNotFound)
			fmt.Fprint(w, `{"message":"No query results for model [App\\Models\\Order] 999"}`)
		case "GET /api/crud/ns.global-products-history":
			fmt.Fprint(w, `{"current_page":1,"last_page":1,"per_page":50,"total":2,"data":[
				{"id":8,"product_id":1,"unit_id":1,"operation_type":"Sold","quantity":2,"after_quantity":98,"created_at":"2026-11-27 07:20:00","updated_at":"2026-11-27 07:20:00"},
				{"id":7,"product_id":1,"unit_id":1,"operation_type":"Added","quantity":100,"after_quantity":100,"created_at":"2026-11-27 07:09:28","updated_at":"2026-11-27 07:09:28"}]}`)
		default:
			w.WriteHeader(http.StatusNotFound)
			fmt.Fprint(w, `{"status":"error","message":"not found"}`)
		}
	}))
}

func Example() {
	srv := fakeNexoPOS()
	defer srv.Close()
	ctx := context.Background()

	c, err := nexopos.NewClient(srv.URL, nexopos.WithToken("1|your-token"))
	if err != nil {
		log.Fatal(err)
	}
	p, err := c.Products.GetBySKU(ctx, "SPARK-001")
	if err != nil {
		log.Fatal(err)
	}
	units, err := c.Products.Units(ctx, p.ID)
	if err != nil {
		log.Fatal(err)
	}
	for _, u := range units {
		fmt.Printf("%s: %s in stock at %s\n", u.Unit.Name, u.Quantity, u.SalePrice)
	}
	// Output:
	// Piece: 100 in stock at 3
	// Dozen: 0 in stock at 30
}

func ExampleStockService_Adjust() {
	srv := fakeNexoPOS()
	defer srv.Close()
	c, err := nexopos.NewClient(srv.URL, nexopos.WithToken("1|your-token"))
	if err != nil {
		log.Fatal(err)
	}
	moves, err := c.Stock.Adjust(context.Background(), nexopos.Adjustment{
		ProductID: 1, UnitID: 1, Action: nexopos.ActionRemoved,
		Quantity: nexopos.DecimalFromInt(2), Reason: "sold on the web shop",
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("stock now", moves[0].AfterQuantity)
	// Output: stock now 98
}

func ExampleOrdersService_Create() {
	srv := fakeNexoPOS()
	defer srv.Close()
	c, err := nexopos.NewClient(srv.URL, nexopos.WithToken("1|your-token"))
	if err != nil {
		log.Fatal(err)
	}
	// A web order not paid yet is held: a held order takes no stock.
	o, err := c.Orders.Create(context.Background(), nexopos.OrderInput{
		CustomerID:    73,
		PaymentStatus: nexopos.PaymentStatusHold,
		Note:          "woocommerce:1234",
		Products: []nexopos.OrderLine{{
			ProductID: 1, UnitQuantityID: 1,
			Quantity: nexopos.DecimalFromInt(2), UnitPrice: nexopos.MustDecimal("3"),
		}},
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(o.Code, o.PaymentStatus, o.Total, o.Note)
	// Output: 261127-012 hold 6 woocommerce:1234
}

func ExampleOrdersService_Get_notFound() {
	srv := fakeNexoPOS()
	defer srv.Close()
	c, err := nexopos.NewClient(srv.URL, nexopos.WithToken("1|your-token"))
	if err != nil {
		log.Fatal(err)
	}
	_, err = c.Orders.Get(context.Background(), 999)
	fmt.Println(errors.Is(err, nexopos.ErrNotFound))
	fmt.Println(err)
	// Output:
	// true
	// nexopos: get order 999: HTTP 404: No query results for model [App\Models\Order] 999
}

func ExampleStockService_MovementsSince() {
	srv := fakeNexoPOS()
	defer srv.Close()
	c, err := nexopos.NewClient(srv.URL, nexopos.WithToken("1|your-token"))
	if err != nil {
		log.Fatal(err)
	}
	// lastID is stored between polls (0 the first time).
	var lastID int64 = 7
	moves, lastID, err := c.Stock.MovementsSince(context.Background(), lastID)
	if err != nil {
		log.Fatal(err)
	}
	for _, m := range moves {
		fmt.Println(m.ID, m.OperationType, m.Quantity)
	}
	fmt.Println("next cursor:", lastID)
	// Output:
	// 8 sold 2
	// next cursor: 8
}
