package syncer_test

import (
	"context"
	"fmt"
	"log"
	"net/http/httptest"

	"github.com/woonexo/woonexo/mapping"
	"github.com/woonexo/woonexo/nexopos"
	"github.com/woonexo/woonexo/nexopos/nexopostest"
	"github.com/woonexo/woonexo/syncer"
	"github.com/woonexo/woonexo/woocommerce"
	"github.com/woonexo/woonexo/woocommerce/wootest"
)

// A bridge in a few lines: two clients, a mapping store, the defaults for
// records that arrive without a NexoPOS reference, the payment map, then a
// full reconcile. Here both servers are the in-process fakes.
func Example() {
	ctx := context.Background()
	shop := wootest.NewServer()
	defer shop.Close()
	pos := nexopostest.NewServer(nexopostest.WithThrottle(0))
	defer pos.Close()
	ref := pos.SeedReference()
	general, _ := pos.AddCategory(nexopostest.NewCategory{Name: "General"})
	walkIn, _ := pos.AddCustomer(nexopostest.NewCustomer{FirstName: "Walk-in", Email: "counter@shop.test"})
	_, _ = shop.Store.AddProduct(wootest.Product{Name: "Blue mug", SKU: "MUG-BLUE", RegularPrice: "9.50",
		Type: "simple", Status: "publish", ManageStock: true, StockQuantity: wootest.Int(12)})

	woo, err := woocommerce.NewClient(shop.URL, woocommerce.WithCredentials(shop.ConsumerKey, shop.ConsumerSecret))
	if err != nil {
		log.Fatal(err)
	}
	nexo, err := nexopos.NewClient(pos.URL, nexopos.WithToken(pos.Token), nexopos.WithVersion(nexopos.V5))
	if err != nil {
		log.Fatal(err)
	}
	store, err := mapping.Open(ctx, "memory:") // "sqlite:///var/lib/woonexo/links.db", "postgres://..."
	if err != nil {
		log.Fatal(err)
	}
	defer store.Close()

	cfg := syncer.DefaultConfig(syncer.Defaults{
		CategoryID:       general.ID,
		UnitGroupID:      ref.UnitGroupID,
		UnitID:           ref.PieceUnitID,
		WalkInCustomerID: walkIn.ID,
	})
	cfg.PaymentMap = map[string]string{"cod": "cash-payment", "bacs": "bank-payment"}
	cfg.Ownership = syncer.Ownership{Price: syncer.OwnerNexo} // prices are set at the counter

	engine, err := syncer.New(woo, nexo, store, cfg)
	if err != nil {
		log.Fatal(err)
	}
	report, err := engine.Reconcile(ctx, syncer.ReconcileOptions{})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Print(report)
	// Output:
	// category   linked 0, applied 2, in step 0
	// product    linked 0, applied 1, in step 0
}

// WooCommerce delivers webhooks to the engine's handler, which writes each
// verified delivery to the store's inbox before answering 200; Run applies
// the inbox, polls NexoPOS and reconciles on a schedule.
func ExampleEngine_WebhookHandler() {
	ctx := context.Background()
	shop := wootest.NewServer()
	defer shop.Close()
	pos := nexopostest.NewServer(nexopostest.WithThrottle(0))
	defer pos.Close()
	ref := pos.SeedReference()
	walkIn, _ := pos.AddCustomer(nexopostest.NewCustomer{FirstName: "Walk-in", Email: "counter@shop.test"})
	woo, _ := woocommerce.NewClient(shop.URL, woocommerce.WithCredentials(shop.ConsumerKey, shop.ConsumerSecret))
	nexo, _ := nexopos.NewClient(pos.URL, nexopos.WithToken(pos.Token), nexopos.WithVersion(nexopos.V5))
	store, _ := mapping.Open(ctx, "memory:")
	defer store.Close()
	engine, err := syncer.New(woo, nexo, store, syncer.DefaultConfig(syncer.Defaults{
		UnitGroupID: ref.UnitGroupID, UnitID: ref.PieceUnitID, WalkInCustomerID: walkIn.ID}))
	if err != nil {
		log.Fatal(err)
	}

	handler, err := engine.WebhookHandler("the-webhook-secret")
	if err != nil {
		log.Fatal(err)
	}
	receiver := httptest.NewServer(handler) // in a service: mux.Handle("/webhooks/woocommerce", handler)
	defer receiver.Close()
	// Create (or repair) the store's webhooks, pointing at the receiver.
	if err := engine.EnsureWebhooks(ctx, receiver.URL, "the-webhook-secret"); err != nil {
		log.Fatal(err)
	}

	mug, _ := shop.Store.AddProduct(wootest.Product{Name: "Blue mug", SKU: "MUG-BLUE", RegularPrice: "9.50", Type: "simple", Status: "publish"})
	if _, err := woo.Products.Update(ctx, mug.ID, woocommerce.ProductRequest{Name: "Royal blue mug"}); err != nil { // fires product.updated
		log.Fatal(err)
	}
	shop.Store.Flush()

	applied, err := engine.ProcessInbox(ctx) // engine.Run(ctx) does this in a loop
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("events applied:", applied)
	p, err := nexo.Products.GetBySKU(ctx, "MUG-BLUE")
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("NexoPOS has:", p.Name)
	// Output:
	// events applied: 1
	// NexoPOS has: Royal blue mug
}
