package webhook_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"

	"github.com/woonexo/woonexo/woocommerce/webhook"
)

// Verify checks the X-WC-Webhook-Signature header against the raw body. Pass
// the previous secret too while rotating it.
func ExampleVerify() {
	body := []byte(`{"id":11}`)
	signature := webhook.Sign(body, "old-secret") // what the store sent

	err := webhook.Verify(body, signature, "new-secret", "old-secret")
	fmt.Println("signed with the old secret:", err)

	err = webhook.Verify([]byte(`{"id":12}`), signature, "new-secret", "old-secret")
	fmt.Println("body changed:", err)

	err = webhook.Verify(body, "", "new-secret")
	fmt.Println("no signature:", err)
	// Output:
	// signed with the old secret: <nil>
	// body changed: webhook: verify signature: the signature does not match the body
	// no signature: webhook: verify signature: the request is not signed
}

// A Handler verifies, de-duplicates and dispatches each delivery to the
// function registered for its topic, and answers the creation ping.
func ExampleHandler_On() {
	h, err := webhook.NewHandler("my-webhook-secret")
	if err != nil {
		panic(err)
	}
	h.On(webhook.TopicProductUpdated, func(ctx context.Context, e *webhook.Event) error {
		if e.IsVariation() {
			v, err := e.Variation()
			if err != nil {
				return err
			}
			fmt.Printf("variation %d of product %d: stock %v\n", v.ID, v.ParentID, v.StockQuantity)
			return nil
		}
		p, err := e.Product()
		if err != nil {
			return err
		}
		fmt.Printf("product %d %q: stock %v\n", p.ID, p.SKU, p.StockQuantity)
		return nil // answered 200 only now: store the event durably before returning
	})
	h.On("product.*", func(ctx context.Context, e *webhook.Event) error {
		id, err := e.DeletedID()
		if err != nil {
			return err
		}
		fmt.Printf("%s: product %d\n", e.Topic, id)
		return nil
	})

	send := func(r *http.Request) {
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		fmt.Println("->", w.Code)
	}
	product := []byte(`{"id":11,"type":"simple","sku":"RW-TEE-1","stock_quantity":9}`)
	variation := []byte(`{"id":14,"type":"variation","parent_id":13,"sku":"RW-VHOODIE-M","manage_stock":true,"stock_quantity":4}`)
	send(webhook.NewTestPing(1))
	send(webhook.NewTestRequest(webhook.TopicProductUpdated, product, "my-webhook-secret", webhook.WithDeliveryID("d1")))
	send(webhook.NewTestRequest(webhook.TopicProductUpdated, product, "my-webhook-secret", webhook.WithDeliveryID("d1")))
	send(webhook.NewTestRequest(webhook.TopicProductUpdated, variation, "my-webhook-secret"))
	send(webhook.NewTestRequest(webhook.TopicProductDeleted, []byte(`{"id":11}`), "my-webhook-secret"))
	send(webhook.NewTestRequest(webhook.TopicProductUpdated, product, "wrong-secret"))
	// Output:
	// -> 200
	// product 11 "RW-TEE-1": stock 9
	// -> 200
	// -> 200
	// variation 14 of product 13: stock 4
	// -> 200
	// product.deleted: product 11
	// -> 200
	// -> 401
}

// NewTestRequest builds a delivery signed and headed exactly like a store's,
// for testing your own handler.
func ExampleNewTestRequest() {
	payload := []byte(`{"id":21,"status":"processing"}`)
	r := webhook.NewTestRequest(webhook.TopicOrderCreated, payload, "my-webhook-secret",
		webhook.WithWebhookID(5), webhook.WithDeliveryID("a1ae8b7eee6d8f2201671b1e2a3129be"))

	fmt.Println(r.Method, r.Header.Get(webhook.HeaderTopic), r.Header.Get(webhook.HeaderWebhookID))
	fmt.Println(r.Header.Get(webhook.HeaderSignature) == webhook.Sign(payload, "my-webhook-secret"))

	e, err := webhook.Parse(r)
	if err != nil {
		panic(err)
	}
	fmt.Println(e.Verify("my-webhook-secret"), e.Resource, e.Event, e.ID, e.DeliveryID)
	// Output:
	// POST order.created 5
	// true
	// <nil> order created 21 a1ae8b7eee6d8f2201671b1e2a3129be
}
