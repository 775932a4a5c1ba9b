package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"text/tabwriter"

	"github.com/woonexo/woonexo/woocommerce"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if err := listProducts(ctx, os.Getenv, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "list-products:", err)
		os.Exit(1)
	}
}

func listProducts(ctx context.Context, getenv func(string) string, stdout io.Writer) error {
	c, err := woocommerce.NewClient(getenv("WOONEXO_STORE_URL"),
		woocommerce.WithCredentials(getenv("WOONEXO_CONSUMER_KEY"), getenv("WOONEXO_CONSUMER_SECRET")))
	if err != nil {
		return err
	}
	tw := tabwriter.NewWriter(stdout, 0, 8, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tSKU\tNAME\tSTOCK")
	opts := &woocommerce.ProductListOptions{ListOptions: woocommerce.ListOptions{PerPage: 100}}
	for p, err := range c.Products.All(ctx, opts) {
		if err != nil {
			return err
		}
		stock := "-"
		if p.StockQuantity.Valid {
			stock = p.StockQuantity.String()
		}
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\n", p.ID, p.SKU, p.Name, stock)
	}
	return tw.Flush()
}
