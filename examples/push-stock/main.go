package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strconv"
	"strings"

	"github.com/woonexo/woonexo/nexopos"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Getenv, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "push-stock:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, args []string, getenv func(string) string, stdout io.Writer) error {
	fs := flag.NewFlagSet("push-stock", flag.ContinueOnError)
	unitID := fs.Int64("unit", 0, "NexoPOS unit id (required when the product has several units)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	qty, err := nexopos.NewDecimal(fs.Arg(1))
	if fs.NArg() != 2 || err != nil || qty.Decimal().IsNegative() {
		return errors.New("usage: push-stock [-unit ID] SKU QUANTITY (QUANTITY a number >= 0)")
	}
	opts := []nexopos.Option{nexopos.WithToken(getenv("WOONEXO_NEXOPOS_TOKEN"))}
	if v := getenv("WOONEXO_NEXOPOS_VERSION"); v != "" {
		n, err := strconv.Atoi(strings.TrimSuffix(v, ".x"))
		if err != nil {
			return fmt.Errorf("WOONEXO_NEXOPOS_VERSION %q: want 4, 5 or 6", v)
		}
		opts = append(opts, nexopos.WithVersion(nexopos.Version(n)))
	}
	c, err := nexopos.NewClient(getenv("WOONEXO_NEXOPOS_URL"), opts...)
	if err != nil {
		return err
	}

	p, err := c.Products.GetBySKU(ctx, fs.Arg(0))
	if err != nil {
		return err
	}
	units, err := c.Products.Units(ctx, p.ID)
	if err != nil {
		return err
	}
	var uq *nexopos.UnitQuantity
	for i, u := range units {
		if u.UnitID == *unitID || *unitID == 0 && len(units) == 1 {
			uq = &units[i]
		}
	}
	if uq == nil {
		ids := make([]string, len(units))
		for i, u := range units {
			ids[i] = strconv.FormatInt(u.UnitID, 10)
		}
		return fmt.Errorf("product %q: -unit %d is not one of its units [%s]", p.SKU, *unitID, strings.Join(ids, " "))
	}
	_, err = c.Stock.Adjust(ctx, nexopos.Adjustment{ProductID: p.ID, UnitID: uq.UnitID, UnitQuantityID: uq.ID,
		Action: nexopos.ActionSet, Quantity: qty, UnitPrice: uq.SalePrice, ProductName: p.Name, Reason: "push-stock"})
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(stdout, "%s %q (product %d, unit %d): stock %s -> %s\n", p.SKU, p.Name, p.ID, uq.UnitID, uq.Quantity, qty)
	return err
}
