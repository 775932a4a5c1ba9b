package woocommerce_test

import (
	"context"
	"errors"
	"fmt"
	"log"
	"net/http"
	"net/http/httptest"
	"strconv"
	"time"

	"github.com/woonexo/woonexo/woocommerce"
)

// fakeStore stands in for a WooCommerce store in the examples: three
// products over two pages, a batch endpoint with one failing item, and 404s
// for unknown products.
func fakeStore() *httptest.Server {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /wp-json/wc/v3/products", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("X-WP-Total", "3")
		w.Header().Set("X-WP-TotalPages", "2")
		if r.URL.Query().Get("page") == "2" {
			fmt.Fprint(w, `[{"id":13,"name":"Variable Hoodie","sku":"RW-VHOODIE","price":"","stock_quantity":null}]`)
			return
		}
		fmt.Fprint(w, `[{"id":11,"name":"Realwoo Tee","sku":"RW-TEE","price":"19.99","stock_quantity":7},`+
			`{"id":12,"name":"Sample Hoodie","sku":"RW-HOODIE","price":"49.00","stock_quantity":25}]`)
	})
	mux.HandleFunc("GET /wp-json/wc/v3/products/{id}", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusNotFound)
		fmt.Fprint(w, `{"code":"woocommerce_rest_product_invalid_id","message":"Invalid ID.","data":{"status":404}}`)
	})
	mux.HandleFunc("POST /wp-json/wc/v3/products/batch", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprint(w, `{"update":[`+
			`{"id":12,"name":"Sample Hoodie","sale_price":"39.00","stock_quantity":18},`+
			`{"id":999,"error":{"code":"woocommerce_rest_product_invalid_id","message":"Invalid ID.","data":{"status":400}}}]}`)
	})
	return httptest.NewServer(mux)
}

func ExampleNewClient() {
	// Over https the key is sent with HTTP Basic; over http every request
	// is signed with OAuth 1.0a, which is what the store requires there.
	c, err := woocommerce.NewClient("https://shop.example.com/",
		woocommerce.WithCredentials("ck_0123", "cs_4567"),
		woocommerce.WithTimeout(30*time.Second),
		woocommerce.WithRetries(5),
		woocommerce.WithRateLimit(5, 10),
		woocommerce.WithUserAgent("my-bridge/1.0"),
	)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(c.StoreURL())

	// Bad options fail here, not on the first request.
	_, err = woocommerce.NewClient("http://shop.example.com",
		woocommerce.WithCredentials("ck_0123", "cs_4567"),
		woocommerce.WithAuthMode(woocommerce.AuthBasic))
	fmt.Println(err)
	// Output:
	// https://shop.example.com
	// woocommerce: new client: auth mode basic needs an https store URL: WooCommerce accepts it only over TLS, and it would send the secret in clear
}

func ExampleProductsService_All() {
	srv := fakeStore()
	defer srv.Close()
	c, err := woocommerce.NewClient(srv.URL, woocommerce.WithCredentials("ck_0123", "cs_4567"))
	if err != nil {
		log.Fatal(err)
	}

	ctx := context.Background()
	opts := &woocommerce.ProductListOptions{
		ListOptions: woocommerce.ListOptions{PerPage: 100},
		Status:      "publish",
	}
	for p, err := range c.Products.All(ctx, opts) {
		if err != nil {
			log.Fatal(err) // yielded once; the walk has stopped
		}
		stock := "not managed"
		if p.StockQuantity.Valid {
			stock = strconv.FormatInt(p.StockQuantity.Int64, 10)
		}
		fmt.Printf("%d %s price=%q stock=%s\n", p.ID, p.SKU, p.Price.String(), stock)
	}
	// Output:
	// 11 RW-TEE price="19.99" stock=7
	// 12 RW-HOODIE price="49" stock=25
	// 13 RW-VHOODIE price="" stock=not managed
}

func ExampleProductsService_List() {
	srv := fakeStore()
	defer srv.Close()
	c, _ := woocommerce.NewClient(srv.URL)

	products, page, err := c.Products.List(context.Background(), &woocommerce.ProductListOptions{SKU: "RW-TEE"})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(len(products), "products on page", page.Page, "of", page.TotalPages, "- more:", page.HasNext())
	// Output:
	// 2 products on page 1 of 2 - more: true
}

func ExampleProductsService_Batch() {
	srv := fakeStore()
	defer srv.Close()
	c, _ := woocommerce.NewClient(srv.URL)

	res, err := c.Products.Batch(context.Background(), woocommerce.BatchRequest[woocommerce.ProductRequest]{
		Update: []woocommerce.BatchUpdate[woocommerce.ProductRequest]{
			{ID: 12, Request: woocommerce.ProductRequest{SalePrice: woocommerce.Ptr(woocommerce.MustDecimal("39.00"))}},
			{ID: 999, Request: woocommerce.ProductRequest{StockQuantity: woocommerce.Ptr(int64(3))}},
		},
	})
	if err != nil {
		log.Fatal(err) // the call itself failed
	}
	// The call answered 200; each item has its own outcome.
	for _, it := range res.Update {
		if it.Err != nil {
			fmt.Printf("product %d failed: %v (not found: %t)\n", it.ID, it.Err, errors.Is(it.Err, woocommerce.ErrNotFound))
			continue
		}
		fmt.Printf("product %d on sale at %s\n", it.ID, it.Item.SalePrice.StringFixed(2))
	}
	fmt.Println(res.Failed(), "failed")
	// Output:
	// product 12 on sale at 39.00
	// product 999 failed: HTTP 400 woocommerce_rest_product_invalid_id: Invalid ID. (not found: true)
	// 1 failed
}

func ExampleAPIError() {
	srv := fakeStore()
	defer srv.Close()
	c, _ := woocommerce.NewClient(srv.URL)

	_, err := c.Products.Get(context.Background(), 42)
	fmt.Println(err)
	if errors.Is(err, woocommerce.ErrNotFound) {
		fmt.Println("product 42 is gone")
	}
	var apiErr *woocommerce.APIError
	if errors.As(err, &apiErr) {
		fmt.Println(apiErr.StatusCode, apiErr.Code)
	}
	// Output:
	// woocommerce: get product 42: HTTP 404 woocommerce_rest_product_invalid_id: Invalid ID.
	// product 42 is gone
	// 404 woocommerce_rest_product_invalid_id
}
