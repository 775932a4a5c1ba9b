// Command rewrite copies the Example functions the README names into its
// snippets: go run ./internal/readme/rewrite (from the module root).
package main

import (
	"fmt"
	"os"

	"github.com/woonexo/woonexo/internal/readme"
)

func main() {
	if err := readme.Rewrite("."); err != nil {
		fmt.Fprintln(os.Stderr, "rewrite:", err)
		os.Exit(1)
	}
}
