package wootest_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"

	"github.com/woonexo/woonexo/woocommerce/wootest"
)

// Start a fake store over HTTPS, seed a product and read it back with HTTP
// Basic authentication (accepted over TLS only, as in WooCommerce).
func ExampleNewTLSServer() {
	srv := wootest.NewTLSServer()
	defer srv.Close()

	p, err := srv.Store.AddProduct(wootest.Product{
		Name: "Tee", SKU: "TEE-1", RegularPrice: "19.99",
		ManageStock: true, StockQuantity: wootest.Int(10),
	})
	if err != nil {
		panic(err)
	}

	req, _ := http.NewRequest("GET", fmt.Sprintf("%s/wp-json/wc/v3/products/%d", srv.URL, p.ID), nil)
	req.SetBasicAuth(srv.ConsumerKey, srv.ConsumerSecret)
	res, err := srv.Client().Do(req)
	if err != nil {
		panic(err)
	}
	defer res.Body.Close()
	var got struct {
		Name  string `json:"name"`
		Price string `json:"price"`
		Stock int    `json:"stock_quantity"`
	}
	_ = json.NewDecoder(res.Body).Decode(&got)
	fmt.Println(res.StatusCode, got.Name, got.Price, got.Stock)
	// Output: 200 Tee 19.99 10
}

// Over plain HTTP the store wants OAuth 1.0a, like a real store: Basic
// credentials are ignored and the call is anonymous.
func ExampleNewServer() {
	srv := wootest.NewServer()
	defer srv.Close()

	req, _ := http.NewRequest("GET", srv.URL+"/wp-json/wc/v3/products", nil)
	req.SetBasicAuth(srv.ConsumerKey, srv.ConsumerSecret)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		panic(err)
	}
	defer res.Body.Close()
	var e struct {
		Code string `json:"code"`
	}
	_ = json.NewDecoder(res.Body).Decode(&e)
	fmt.Println(res.StatusCode, e.Code)
	// Output: 401 woocommerce_rest_cannot_view
}

// A checkout reduces stock and fires webhooks, as in a real store. The
// webhook receives a ping when it is registered.
func ExampleStore_PlaceOrder() {
	srv := wootest.NewServer(wootest.WithSyncWebhooks())
	defer srv.Close()
	receiver := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		topic := r.Header.Get("X-WC-Webhook-Topic")
		if topic == "" {
			topic = "ping"
		}
		fmt.Println("webhook:", topic)
	}))
	defer receiver.Close()

	st := srv.Store
	if _, err := st.AddWebhook(wootest.Webhook{Topic: "order.created", DeliveryURL: receiver.URL, Secret: "s3cret"}); err != nil {
		panic(err)
	}
	mug, _ := st.AddProduct(wootest.Product{Name: "Mug", RegularPrice: "12.50", ManageStock: true, StockQuantity: wootest.Int(10)})

	order, err := st.PlaceOrder(wootest.Checkout{
		PaymentMethod: "cod",
		Paid:          true,
		Items:         []wootest.CheckoutItem{{ProductID: mug.ID, Quantity: 2}},
	})
	if err != nil {
		panic(err)
	}
	mug, _ = st.Product(mug.ID)
	fmt.Println(order.Status, order.Total, *mug.StockQuantity, mug.TotalSales)
	// Output:
	// webhook: ping
	// webhook: order.created
	// processing 25.00 8 2
}

// Inject seeded faults on a route: here every order call gets a 429.
func ExampleStore_SetFaults() {
	srv := wootest.NewTLSServer(wootest.WithSeed(1))
	defer srv.Close()
	srv.Store.SetFaults("/wc/v3/orders/**", wootest.Faults{Rate429: 1})

	for _, path := range []string{"/products", "/orders"} {
		req, _ := http.NewRequest("GET", srv.URL+"/wp-json/wc/v3"+path, nil)
		req.SetBasicAuth(srv.ConsumerKey, srv.ConsumerSecret)
		res, err := srv.Client().Do(req)
		if err != nil {
			panic(err)
		}
		res.Body.Close()
		fmt.Println(path, res.StatusCode)
	}
	// Output:
	// /products 200
	// /orders 429
}
