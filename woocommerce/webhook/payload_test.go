package webhook_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/woonexo/woonexo/woocommerce"
	"github.com/woonexo/woonexo/woocommerce/webhook"
)

// payloadTopic returns the topic of a testdata/payloads file:
// "product.updated+variation.json" is a product.updated payload.
func payloadTopic(file string) string {
	name := strings.TrimSuffix(filepath.Base(file), ".json")
	topic, _, _ := strings.Cut(name, "+")
	return topic
}

// parsePayload signs a testdata payload as a store would, and parses and
// verifies it.
func parsePayload(t *testing.T, name string) *webhook.Event {
	t.Helper()
	body, err := os.ReadFile(filepath.Join("testdata", "payloads", name))
	require.NoError(t, err)
	r := webhook.NewTestRequest(payloadTopic(name), body, realSecret, webhook.WithSource("http://127.0.0.1:8080/"))
	e, err := webhook.Parse(r)
	require.NoError(t, err)
	require.NoError(t, e.Verify(realSecret))
	require.Equal(t, body, e.Body)
	return e
}

// accessors calls every typed accessor and reports which succeeded.
func accessors(e *webhook.Event) map[string]error {
	_, product := e.Product()
	_, variation := e.Variation()
	_, order := e.Order()
	_, customer := e.Customer()
	_, coupon := e.Coupon()
	_, deleted := e.DeletedID()
	_, _, action := e.Action()
	return map[string]error{
		"product": product, "variation": variation, "order": order, "customer": customer,
		"coupon": coupon, "deleted": deleted, "action": action,
	}
}

// TestPayloadsEveryTopic decodes a real-shaped payload of every topic, checks
// the values, and checks that every other accessor refuses it.
func TestPayloadsEveryTopic(t *testing.T) {
	t.Parallel()
	tests := []struct {
		file  string
		kind  string // the one accessor that must succeed
		id    int64
		check func(t *testing.T, e *webhook.Event)
	}{
		{"product.created.json", "product", 11, func(t *testing.T, e *webhook.Event) {
			p, _ := e.Product()
			assert.Equal(t, "RW-TEE-1", p.SKU)
			assert.Equal(t, "simple", p.Type)
		}},
		{"product.updated.json", "product", 11, func(t *testing.T, e *webhook.Event) {
			p, _ := e.Product()
			assert.Equal(t, woocommerce.Int(9), p.StockQuantity)
			assert.Equal(t, woocommerce.FlexInt(1), p.TotalSales, `total_sales arrives as "1"`)
			assert.Equal(t, "17.99", p.SalePrice.String())
			assert.Len(t, p.Images, 5)
			assert.False(t, e.IsVariation())
		}},
		{"product.updated+variation.json", "variation", 14, func(t *testing.T, e *webhook.Event) {
			assert.True(t, e.IsVariation())
			assert.Equal(t, int64(13), e.ParentID())
			v, _ := e.Variation()
			assert.Equal(t, int64(13), v.ParentID)
			assert.Equal(t, "RW-VHOODIE-M", v.SKU)
			assert.Equal(t, woocommerce.Int(4), v.StockQuantity)
			_, err := e.Product()
			assert.ErrorContains(t, err, "use Variation")
		}},
		{"product.created+variation-managed-by-parent.json", "variation", 14, func(t *testing.T, e *webhook.Event) {
			v, _ := e.Variation()
			assert.Equal(t, woocommerce.StockManagedByParent, v.ManageStock)
			assert.False(t, v.StockQuantity.Valid)
		}},
		{"product.deleted.json", "deleted", 11, nil},
		{"product.restored.json", "product", 11, func(t *testing.T, e *webhook.Event) {
			p, _ := e.Product()
			assert.Equal(t, "draft", p.Status)
		}},
		{"product.published.json", "product", 11, func(t *testing.T, e *webhook.Event) {
			p, _ := e.Product()
			assert.Equal(t, "publish", p.Status)
		}},
		{"order.created.json", "order", 21, func(t *testing.T, e *webhook.Event) {
			o, _ := e.Order()
			assert.Equal(t, "processing", o.Status)
			require.Len(t, o.LineItems, 2)
			assert.Equal(t, int64(14), o.LineItems[1].VariationID)
		}},
		{"order.updated.json", "order", 21, func(t *testing.T, e *webhook.Event) {
			o, _ := e.Order()
			assert.Equal(t, "completed", o.Status)
			require.Len(t, o.Refunds, 1)
			assert.Equal(t, "-10.00", o.Refunds[0].Total.StringFixed(2))
		}},
		{"order.deleted.json", "deleted", 21, nil},
		{"order.restored.json", "order", 21, nil},
		{"customer.created.json", "customer", 2, func(t *testing.T, e *webhook.Event) {
			c, _ := e.Customer()
			assert.Equal(t, "Jane", c.FirstName)
		}},
		{"customer.updated.json", "customer", 2, func(t *testing.T, e *webhook.Event) {
			c, _ := e.Customer()
			assert.Equal(t, "Janet", c.FirstName)
			assert.True(t, c.IsPayingCustomer)
		}},
		{"customer.deleted.json", "deleted", 2, nil},
		{"coupon.created.json", "coupon", 30, func(t *testing.T, e *webhook.Event) {
			c, _ := e.Coupon()
			assert.Equal(t, "realwoo10", c.Code)
			assert.Equal(t, "percent", c.DiscountType)
			assert.False(t, c.UsageLimit.Valid)
		}},
		{"coupon.updated.json", "coupon", 30, func(t *testing.T, e *webhook.Event) {
			c, _ := e.Coupon()
			assert.Equal(t, "15.00", c.Amount.StringFixed(2))
			assert.Equal(t, []string{"2"}, c.UsedBy)
		}},
		{"coupon.deleted.json", "deleted", 30, nil},
		{"coupon.restored.json", "coupon", 30, nil},
		{"action.woocommerce_variation_set_stock.json", "action", 0, func(t *testing.T, e *webhook.Event) {
			name, arg, _ := e.Action()
			assert.Equal(t, "woocommerce_variation_set_stock", name)
			assert.JSONEq(t, `{}`, string(arg), "product actions never say which product")
		}},
		{"action.woocommerce_payment_complete.json", "action", 0, func(t *testing.T, e *webhook.Event) {
			name, arg, _ := e.Action()
			assert.Equal(t, "woocommerce_payment_complete", name)
			var orderID int64
			require.NoError(t, json.Unmarshal(arg, &orderID))
			assert.Equal(t, int64(21), orderID)
		}},
	}

	files, err := filepath.Glob(filepath.Join("testdata", "payloads", "*.json"))
	require.NoError(t, err)
	require.Len(t, files, len(tests), "every payload in testdata has a case")

	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			t.Parallel()
			e := parsePayload(t, tt.file)
			assert.Equal(t, payloadTopic(tt.file), e.Topic)
			assert.Equal(t, tt.id, e.ID)
			for kind, err := range accessors(e) {
				if kind == tt.kind {
					require.NoError(t, err, kind)
				} else {
					require.ErrorIs(t, err, webhook.ErrWrongPayload, "%s accessor on %s", kind, tt.file)
				}
			}
			if tt.kind == "deleted" {
				id, _ := e.DeletedID()
				assert.Equal(t, tt.id, id)
			}
			if tt.check != nil {
				tt.check(t, e)
			}
		})
	}

	// Every topic WooCommerce offers has a payload.
	have := map[string]bool{}
	for _, f := range files {
		have[payloadTopic(f)] = true
	}
	for _, topic := range []string{
		webhook.TopicCouponCreated, webhook.TopicCouponUpdated, webhook.TopicCouponDeleted, webhook.TopicCouponRestored,
		webhook.TopicCustomerCreated, webhook.TopicCustomerUpdated, webhook.TopicCustomerDeleted,
		webhook.TopicOrderCreated, webhook.TopicOrderUpdated, webhook.TopicOrderDeleted, webhook.TopicOrderRestored,
		webhook.TopicProductCreated, webhook.TopicProductUpdated, webhook.TopicProductDeleted, webhook.TopicProductRestored,
		webhook.TopicProductPublished,
	} {
		assert.True(t, have[topic], "no payload for %s", topic)
	}
}

func TestDeletedIDShapes(t *testing.T) {
	t.Parallel()
	tests := []struct {
		body string
		id   int64
		ok   bool
	}{
		{`{"id":11}`, 11, true},
		{`{"id":"11"}`, 11, true},
		{`{"id":11.0}`, 11, true},
		{`{"id":0}`, 0, false},
		{`{"id":-3}`, 0, false},
		{`{"id":"abc"}`, 0, false},
		{`{"id":11.5}`, 0, false},
		{`{}`, 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.body, func(t *testing.T) {
			t.Parallel()
			e, err := webhook.Parse(webhook.NewTestRequest(webhook.TopicProductDeleted, []byte(tt.body), "s"))
			require.NoError(t, err)
			id, err := e.DeletedID()
			if !tt.ok {
				require.ErrorIs(t, err, webhook.ErrWrongPayload)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.id, id)
		})
	}
}

func TestActionWithoutName(t *testing.T) {
	t.Parallel()
	e, err := webhook.Parse(webhook.NewTestRequest("action.woocommerce_product_set_stock", []byte(`{"arg":12}`), "s"))
	require.NoError(t, err)
	name, arg, err := e.Action()
	require.NoError(t, err)
	assert.Equal(t, "woocommerce_product_set_stock", name, "falls back to the event header")
	assert.Equal(t, "12", string(arg))
}

// A decoding error says where it failed without quoting the payload, which
// holds personal data.
func TestDecodeErrorDoesNotQuotePayload(t *testing.T) {
	t.Parallel()
	body := `{"id":2,"email":{"private":"jane.secret@example.com"}}`
	e, err := webhook.Parse(webhook.NewTestRequest(webhook.TopicCustomerUpdated, []byte(body), "s"))
	require.NoError(t, err)
	_, err = e.Customer()
	require.Error(t, err)
	assert.Contains(t, err.Error(), "email")
	assert.NotContains(t, err.Error(), "jane.secret")

	_, err = webhook.ParseHeaders(webhook.NewTestRequest(webhook.TopicCustomerUpdated, nil, "s").Header,
		[]byte(`{"id":2,"email":"jane.secret@example.com"`))
	require.ErrorIs(t, err, webhook.ErrMalformed)
	assert.NotContains(t, err.Error(), "jane.secret")
}
