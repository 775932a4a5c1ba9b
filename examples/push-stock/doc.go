// Command push-stock sets the NexoPOS stock of one product, found by SKU, to
// a given quantity with a "set" adjustment (NexoPOS 5.x and 6.x; 4.x has no
// "set").
//
// Usage:
//
//	WOONEXO_NEXOPOS_URL=https://pos.example.com WOONEXO_NEXOPOS_TOKEN=... \
//	WOONEXO_NEXOPOS_VERSION=5 go run ./examples/push-stock [-unit ID] SKU QUANTITY
//
// -unit names the NexoPOS unit id when the product sells in several units.
// WOONEXO_NEXOPOS_VERSION is 4, 5 or 6 (default 6).
package main
