// Command rewrite copies the Example functions the README names into its
// snippets: go run ./internal/readme/rewrite (from the module root).
package main
