package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net/http/httptest"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/woonexo/woonexo/mapping"
	"github.com/woonexo/woonexo/nexopos"
	"github.com/woonexo/woonexo/nexopos/nexopostest"
	"github.com/woonexo/woonexo/syncer"
	"github.com/woonexo/woonexo/woocommerce"
	"github.com/woonexo/woonexo/woocommerce/wootest"
)

func main() {
	store := flag.String("store", "", "mapping store DSN (default: a SQLite file in a new temp dir; memory: keeps links in memory)")
	verbose := flag.Bool("v", false, "log every sync to stderr")
	flag.Parse()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	if err := run(ctx, os.Stdout, *store, *verbose); err != nil {
		fmt.Fprintln(os.Stderr, "demo:", err)
		os.Exit(1)
	}
}

const webhookSecret = "demo-webhook-secret"

// demo holds the two fake servers and the engine between them.
type demo struct {
	out    io.Writer
	woo    *wootest.Server
	pos    *nexopostest.Server
	ref    nexopostest.Reference
	walkIn int64
	store  mapping.Store
	eng    *syncer.Engine
}

func run(ctx context.Context, out io.Writer, dsn string, verbose bool) error {
	d := &demo{out: out}
	if dsn == "" {
		dir, err := os.MkdirTemp("", "woonexo-demo-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(dir)
		dsn = "sqlite://" + filepath.Join(dir, "mapping.db")
	}
	fmt.Fprintf(out, "woonexo demo: fake WooCommerce + fake NexoPOS (5.x) in this process, links in %s\n\n", dsn)

	d.woo = wootest.NewServer(wootest.WithSyncWebhooks())
	defer d.woo.Close()
	// The real NexoPOS allows 80 requests a minute; the demo turns the
	// fake's throttle off so that it runs in seconds.
	d.pos = nexopostest.NewServer(nexopostest.WithThrottle(0))
	defer d.pos.Close()
	if err := d.seed(); err != nil {
		return fmt.Errorf("seed: %w", err)
	}

	store, err := mapping.Open(ctx, dsn)
	if err != nil {
		return err
	}
	defer store.Close()
	d.store = store
	wc, err := woocommerce.NewClient(d.woo.URL, woocommerce.WithCredentials(d.woo.ConsumerKey, d.woo.ConsumerSecret))
	if err != nil {
		return err
	}
	nc, err := nexopos.NewClient(d.pos.URL, nexopos.WithToken(d.pos.Token), nexopos.WithVersion(nexopos.V5))
	if err != nil {
		return err
	}
	cfg := syncer.DefaultConfig(syncer.Defaults{
		CategoryID: d.defaultCategory(), UnitGroupID: d.ref.UnitGroupID, UnitID: d.ref.PieceUnitID,
		TaxGroupID: 0, CustomerGroupID: d.ref.CustomerGroupID, WalkInCustomerID: d.walkIn,
	})
	cfg.PaymentMap = map[string]string{"cod": "cash-payment", "bacs": "bank-payment"}
	cfg.ShippingMethodID, cfg.ShippingMethodTitle = "local_pickup", "Collected at the shop"
	logger := slog.New(slog.DiscardHandler)
	if verbose {
		logger = slog.New(slog.NewTextHandler(os.Stderr, nil))
	}
	d.eng, err = syncer.New(wc, nc, store, cfg, syncer.WithLogger(logger), syncer.WithProgress(d.progress))
	if err != nil {
		return err
	}
	hook, err := d.eng.WebhookHandler(webhookSecret)
	if err != nil {
		return err
	}
	receiver := httptest.NewServer(hook)
	defer receiver.Close()
	if err := d.eng.EnsureWebhooks(ctx, receiver.URL, webhookSecret); err != nil {
		return err
	}

	fmt.Fprintln(out, "Before the first sync:")
	if _, err := d.show(); err != nil {
		return err
	}
	fmt.Fprintln(out, "\nFull reconcile:")
	rep, err := d.eng.Reconcile(ctx, syncer.ReconcileOptions{})
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "\n%s", indent(rep.String()))
	if len(rep.Errors) > 0 {
		return fmt.Errorf("reconcile: %v", errors.Join(rep.Errors...))
	}
	if err := d.play(ctx); err != nil {
		return err
	}
	fmt.Fprintln(out, "\nAfter the reconcile and the changes on both sides:")
	equal, err := d.show()
	if err != nil {
		return err
	}
	if !equal {
		return errors.New("the two sides differ")
	}
	fmt.Fprintln(out, "\nBoth sides are in step.")
	return nil
}

func (d *demo) progress(p syncer.Progress) {
	const width = 30
	n := width
	if p.Total > 0 {
		n = width * p.Done / p.Total
	}
	fmt.Fprintf(d.out, "\r  %-9s [%s%s] %d/%d", p.Kind, strings.Repeat("#", n), strings.Repeat(".", width-n), p.Done, p.Total)
	if p.Done == p.Total {
		fmt.Fprintln(d.out)
	}
}

// seed fills each side with what a small shop would have before it met
// woonexo.
func (d *demo) seed() error {
	s := d.woo.Store
	mugs, err := s.AddCategory(wootest.Category{Name: "Mugs"})
	if err != nil {
		return err
	}
	tea, err := s.AddCategory(wootest.Category{Name: "Tea"})
	if err != nil {
		return err
	}
	for _, p := range []wootest.Product{
		{Name: "Blue mug", SKU: "MUG-BLUE", RegularPrice: "9.50", Categories: []wootest.TermRef{{ID: mugs.ID}}, StockQuantity: wootest.Int(12)},
		{Name: "Green mug", SKU: "MUG-GREEN", RegularPrice: "9.50", Categories: []wootest.TermRef{{ID: mugs.ID}}, StockQuantity: wootest.Int(8)},
		{Name: "Earl Grey 100g", SKU: "TEA-EG", RegularPrice: "6.90", Categories: []wootest.TermRef{{ID: tea.ID}}, StockQuantity: wootest.Int(30)},
	} {
		p.Type, p.Status, p.ManageStock = "simple", "publish", true
		if _, err := s.AddProduct(p); err != nil {
			return err
		}
	}
	if _, err := s.AddCustomer(wootest.Customer{Email: "ann@example.com", FirstName: "Ann", LastName: "Lee", Role: "customer"}); err != nil {
		return err
	}

	d.ref = d.pos.SeedReference()
	walkIn, err := d.pos.AddCustomer(nexopostest.NewCustomer{FirstName: "Walk-in", LastName: "Customer", Email: "counter@shop.test"})
	if err != nil {
		return err
	}
	d.walkIn = walkIn.ID
	general, err := d.pos.AddCategory(nexopostest.NewCategory{Name: "General"})
	if err != nil {
		return err
	}
	// The POS already sells the Earl Grey (same SKU, and it counted 28),
	// and a teapot the web shop does not list yet.
	for _, p := range []nexopostest.NewProduct{
		{Name: "Earl Grey 100g", SKU: "TEA-EG", CategoryID: general.ID, Units: []nexopostest.NewUnitQuantity{{UnitID: d.ref.PieceUnitID, SalePrice: 6.9, Stock: 28}}},
		{Name: "Teapot", SKU: "POT-1", CategoryID: general.ID, Units: []nexopostest.NewUnitQuantity{{UnitID: d.ref.PieceUnitID, SalePrice: 25, Stock: 4}}},
	} {
		if _, err := d.pos.AddProduct(p); err != nil {
			return err
		}
	}
	return nil
}

func (d *demo) defaultCategory() int64 {
	for _, c := range d.pos.Categories() {
		if c.Name == "General" {
			return c.ID
		}
	}
	return 0
}

// play makes changes on both sides as shoppers, cashiers and owners would,
// and lets the engine carry them: webhooks for WooCommerce, polls for
// NexoPOS.
func (d *demo) play(ctx context.Context) error {
	step := func(title string, change func() error) error {
		fmt.Fprintf(d.out, "\n- %s\n", title)
		if err := change(); err != nil {
			return err
		}
		d.woo.Store.Flush()
		if _, err := d.eng.ProcessInbox(ctx); err != nil {
			return err
		}
		rep, err := d.eng.PollNexo(ctx)
		if err != nil {
			return err
		}
		if len(rep.Errors) > 0 {
			return errors.Join(rep.Errors...)
		}
		d.woo.Store.Flush()
		_, err = d.eng.ProcessInbox(ctx)
		return err
	}
	blue := d.wooProduct("MUG-BLUE")
	pot := d.posProduct("POT-1")
	steps := []struct {
		title  string
		change func() error
	}{
		{"web order: Ann buys 2 blue mugs, cash on delivery (paid)", func() error {
			_, err := d.woo.Store.PlaceOrder(wootest.Checkout{PaymentMethod: "cod", Paid: true,
				Billing: wootest.OrderBilling{FirstName: "Ann", LastName: "Lee", Email: "ann@example.com"},
				Items:   []wootest.CheckoutItem{{ProductID: blue.ID, Quantity: 2}}})
			return err
		}},
		{"counter sale: a teapot and a gift wrap the web shop does not sell", func() error {
			_, err := d.pos.Sell(d.walkIn,
				nexopostest.OrderLine{ProductID: pot.ID, UnitID: d.ref.PieceUnitID, Quantity: 1},
				nexopostest.OrderLine{Name: "Gift wrap", UnitID: d.ref.PieceUnitID, Quantity: 1, UnitPrice: 2.5})
			return err
		}},
		{"price change on the web: green mug 9.50 -> 11.00", func() error {
			_, err := d.woo.Store.UpdateProduct(d.wooProduct("MUG-GREEN").ID, func(p *wootest.Product) { p.RegularPrice = "11.00" })
			return err
		}},
		{"price change at the counter: teapot 25 -> 27.50", func() error {
			return d.pos.SetPrice(pot.ID, d.ref.PieceUnitID, 27.5)
		}},
		{"new customer on the web: Bob registers", func() error {
			return d.register("bob@example.com", "Bob", "Hart")
		}},
		{"new customer at the counter: Cleo", func() error {
			_, err := d.pos.AddCustomer(nexopostest.NewCustomer{FirstName: "Cleo", LastName: "Diaz", Email: "cleo@example.com"})
			return err
		}},
	}
	for _, s := range steps {
		if err := step(s.title, s.change); err != nil {
			return fmt.Errorf("%s: %w", s.title, err)
		}
	}
	return nil
}

// register signs a shopper up through the REST API, which fires
// customer.created as a real registration does.
func (d *demo) register(email, first, last string) error {
	wc, err := woocommerce.NewClient(d.woo.URL, woocommerce.WithCredentials(d.woo.ConsumerKey, d.woo.ConsumerSecret))
	if err != nil {
		return err
	}
	_, err = wc.Customers.Create(context.Background(), woocommerce.CustomerRequest{Email: email, FirstName: &first, LastName: &last})
	return err
}

func (d *demo) wooProduct(sku string) wootest.Product {
	for _, p := range d.woo.Store.Products() {
		if p.SKU == sku {
			return p
		}
	}
	return wootest.Product{}
}

func (d *demo) posProduct(sku string) nexopostest.Product {
	for _, p := range d.pos.Products() {
		if p.SKU == sku {
			return p
		}
	}
	return nexopostest.Product{}
}

// show prints products, customers and orders of both sides next to each
// other and reports whether the catalogue and customers match.
func (d *demo) show() (bool, error) {
	type row struct{ woo, pos string }
	products := map[string]*row{}
	for _, p := range d.woo.Store.Products() {
		stock := "-"
		if p.StockQuantity != nil {
			stock = strconv.Itoa(*p.StockQuantity)
		}
		products[p.SKU] = &row{woo: fmt.Sprintf("%-16s %7s %5s", p.Name, money(p.RegularPrice), stock)}
	}
	for _, p := range d.pos.Products() {
		r := products[p.SKU]
		if r == nil {
			r = &row{}
			products[p.SKU] = r
		}
		price, stock := "", ""
		for _, u := range p.Units {
			if u.UnitID == d.ref.PieceUnitID {
				price, stock = money(strconv.FormatFloat(u.SalePriceEdit, 'f', -1, 64)), strconv.FormatFloat(u.Quantity, 'f', -1, 64)
			}
		}
		r.pos = fmt.Sprintf("%-16s %7s %5s", p.Name, price, stock)
	}
	equal := true
	fmt.Fprintf(d.out, "  %-10s | %-30s | %-30s\n", "SKU", "WooCommerce  name / price / stock", "NexoPOS  name / price / stock")
	for _, sku := range sortedKeys(products) {
		r := products[sku]
		mark := ""
		if r.woo != r.pos {
			equal, mark = false, "  <- differs"
		}
		fmt.Fprintf(d.out, "  %-10s | %-30s | %-30s%s\n", sku, orDash(r.woo), orDash(r.pos), mark)
	}
	customers := map[string]*row{}
	for _, c := range d.woo.Store.Customers() {
		customers[strings.ToLower(c.Email)] = &row{woo: c.FirstName + " " + c.LastName}
	}
	for _, c := range d.pos.Customers() {
		if c.ID == d.walkIn || c.Email == "" || strings.Contains(c.Username, "admin") {
			continue
		}
		r := customers[strings.ToLower(c.Email)]
		if r == nil {
			r = &row{}
			customers[strings.ToLower(c.Email)] = r
		}
		last := ""
		if c.LastName != nil {
			last = *c.LastName
		}
		r.pos = c.FirstName + " " + last
	}
	fmt.Fprintf(d.out, "\n  %-18s | %-22s | %-22s\n", "customer", "WooCommerce", "NexoPOS")
	for _, email := range sortedKeys(customers) {
		r := customers[email]
		mark := ""
		if r.woo != r.pos {
			equal, mark = false, "  <- differs"
		}
		fmt.Fprintf(d.out, "  %-18s | %-22s | %-22s%s\n", email, orDash(r.woo), orDash(r.pos), mark)
	}
	fmt.Fprintf(d.out, "\n  orders: WooCommerce %d, NexoPOS %d\n", len(d.woo.Store.Orders()), len(d.pos.Orders()))
	for _, o := range d.woo.Store.Orders() {
		var lines []string
		for _, li := range o.LineItems {
			lines = append(lines, fmt.Sprintf("%d x %s", li.Quantity, li.Name))
		}
		for _, f := range o.FeeLines {
			lines = append(lines, "fee: "+f.Name)
		}
		fmt.Fprintf(d.out, "    web #%-3d %-10s total %6s  %s\n", o.ID, o.Status, money(o.Total), strings.Join(lines, ", "))
	}
	for _, o := range d.pos.Orders() {
		var lines []string
		for _, p := range o.Products {
			lines = append(lines, fmt.Sprintf("%s x %s", strconv.FormatFloat(p.Quantity, 'f', -1, 64), p.Name))
		}
		fmt.Fprintf(d.out, "    pos #%-3d %-10s total %6s  %s\n", o.ID, o.PaymentStatus, strconv.FormatFloat(o.Total, 'f', 2, 64), strings.Join(lines, ", "))
	}
	return equal, nil
}

func money(s string) string {
	if s == "" {
		return ""
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return s
	}
	return strconv.FormatFloat(f, 'f', 2, 64)
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

func indent(s string) string {
	return "  " + strings.ReplaceAll(strings.TrimRight(s, "\n"), "\n", "\n  ") + "\n"
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
