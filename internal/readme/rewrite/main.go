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
