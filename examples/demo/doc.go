// Command demo shows woonexo keeping a WooCommerce store and a NexoPOS point
// of sale in step, with nothing to install: both servers are the in-process
// fakes (woocommerce/wootest, nexopos/nexopostest) and the links live in a
// SQLite file.
//
//	go run ./examples/demo                 # SQLite mapping file in a temp dir
//	go run ./examples/demo -store memory:  # links in memory
//	go run ./examples/demo -v              # log every sync
//
// It seeds a small shop on each side, runs a full reconcile with a progress
// bar, then plays a web order, a counter sale, a price change and a new
// customer on either side, and prints both sides next to each other. It
// exits with status 1 if they differ.
package main
