// Package readme keeps the README's Go snippets equal to the compiled
// Example functions they are copied from.
//
// A snippet in README.md is a fenced go block preceded by a marker line:
//
//	<!-- example: woocommerce/example_test.go ExampleNewClient -->
//
// Its content must be the body of that function, one tab of indentation
// removed. `go run ./internal/readme/rewrite` rewrites the blocks from the
// examples; the test in the module root fails when they drift.
package readme
