// Command list-products lists every product of a WooCommerce store, page
// after page, with its id, SKU, name and stock ("-" when the store does not
// manage the product's stock).
//
// Usage:
//
//	WOONEXO_STORE_URL=https://shop.example.com WOONEXO_CONSUMER_KEY=ck_... \
//	WOONEXO_CONSUMER_SECRET=cs_... go run ./examples/list-products
package main
