package woocommerce

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestProductDecodeRealSamples(t *testing.T) {
	t.Parallel()
	p := assertRoundTrip[Product](t, fixtureBody(t, "product-get.http"))
	assert.Equal(t, int64(12), p.ID)
	assert.Equal(t, "RW-HOODIE", p.SKU)
	assert.Equal(t, "49", p.Price.String())
	assert.True(t, p.RegularPrice.Equal(MustDecimal("49.00")))
	assert.False(t, p.SalePrice.Valid(), `sale_price "" is unset`)
	assert.Equal(t, StockManaged, p.ManageStock)
	assert.Equal(t, NullInt{Int64: 25, Valid: true}, p.StockQuantity)
	assert.False(t, p.LowStockAmount.Valid, "low_stock_amount null")
	assert.True(t, p.DateOnSaleFrom.IsZero(), "null date")
	assert.Equal(t, time.Date(2026, 11, 27, 6, 43, 9, 0, time.UTC), p.DateCreatedGMT.Time)
	assert.Equal(t, []TermRef{{ID: 17, Name: "Hoodies", Slug: "hoodies"}}, p.Categories)
	assert.Equal(t, "x", p.MetaData.Value("_realwoo"))
	assert.Equal(t, Dimensions{}, p.Dimensions)

	v := assertRoundTrip[Product](t, fixtureBody(t, "product-create-variable.http"))
	assert.Equal(t, "variable", v.Type)
	assert.False(t, v.Price.Valid(), `variable product price ""`)
	assert.Equal(t, []ProductAttribute{{ID: 1, Name: "Size", Slug: "pa_size", Visible: true, Variation: true, Options: []string{"L", "M"}}}, v.Attributes)

	assertRoundTrip[Product](t, fixtureBody(t, "product-create-simple.http"))

	var page []json.RawMessage
	require.NoError(t, json.Unmarshal(fixtureBody(t, "product-list-page1.http"), &page))
	require.Len(t, page, 3)
	for _, raw := range page {
		assertRoundTrip[Product](t, raw)
	}
}

func TestProductDecodeQuirks(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		json  string
		check func(t *testing.T, p Product)
	}{
		{"total_sales as string", `{"total_sales":"7"}`, func(t *testing.T, p Product) { assert.Equal(t, FlexInt(7), p.TotalSales) }},
		{"total_sales as number", `{"total_sales":7}`, func(t *testing.T, p Product) { assert.Equal(t, FlexInt(7), p.TotalSales) }},
		{"price as number from a plugin", `{"price":19.99}`, func(t *testing.T, p Product) { assert.Equal(t, "19.99", p.Price.String()) }},
		{"price null", `{"price":null}`, func(t *testing.T, p Product) { assert.False(t, p.Price.Valid()) }},
		{"stock as float", `{"stock_quantity":5.0}`, func(t *testing.T, p Product) { assert.Equal(t, Int(5), p.StockQuantity) }},
		{"stock as string", `{"stock_quantity":"-3"}`, func(t *testing.T, p Product) { assert.Equal(t, Int(-3), p.StockQuantity) }},
		{"stock null", `{"stock_quantity":null,"manage_stock":false}`, func(t *testing.T, p Product) {
			assert.False(t, p.StockQuantity.Valid)
			assert.Equal(t, StockNotManaged, p.ManageStock)
		}},
		{"meta value object", `{"meta_data":[{"id":1,"key":"k","value":{"a":[1,2]}}]}`, func(t *testing.T, p Product) {
			var v struct{ A []int }
			require.NoError(t, p.MetaData[0].Decode(&v))
			assert.Equal(t, []int{1, 2}, v.A)
			assert.JSONEq(t, `{"a":[1,2]}`, p.MetaData.Value("k"))
		}},
		{"meta value number", `{"meta_data":[{"id":1,"key":"k","value":42}]}`, func(t *testing.T, p Product) { assert.Equal(t, "42", p.MetaData.Value("k")) }},
		{"dimensions and weight strings", `{"weight":"1.5","dimensions":{"length":"10","width":"","height":"2"}}`, func(t *testing.T, p Product) {
			assert.Equal(t, "1.5", p.Weight)
			assert.Equal(t, Dimensions{Length: "10", Height: "2"}, p.Dimensions)
		}},
		{"shipping_class_id integer", `{"shipping_class_id":4}`, func(t *testing.T, p Product) { assert.Equal(t, int64(4), p.ShippingClassID) }},
		{"offset-less local date", `{"date_created":"2026-11-27T08:43:09","date_created_gmt":"2026-11-27T06:43:09"}`, func(t *testing.T, p Product) {
			assert.Equal(t, 8, p.DateCreated.Hour())
			assert.Equal(t, 6, p.DateCreatedGMT.Hour())
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			var p Product
			require.NoError(t, json.Unmarshal([]byte(tc.json), &p))
			tc.check(t, p)
		})
	}
}

func TestProductDecodeRejectsFractionalStock(t *testing.T) {
	t.Parallel()
	var p Product
	err := json.Unmarshal([]byte(`{"stock_quantity":2.5}`), &p)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "fraction")
}

func TestProductRequestEncoding(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		req  ProductRequest
		want string
	}{
		{"empty sends nothing", ProductRequest{}, `{}`},
		{"create simple", ProductRequest{
			Name: "Tee", Type: "simple", RegularPrice: MustDecimal("19.90"), SKU: Ptr("T-1"),
			ManageStock: Ptr(true), StockQuantity: Ptr(int64(0)), Categories: Refs(9, 10),
			MetaData: []MetaData{StringMeta("_woonexo_ref", "pos-1")},
		}, `{"name":"Tee","type":"simple","regular_price":"19.9","sku":"T-1","manage_stock":true,"stock_quantity":0,"categories":[{"id":9},{"id":10}],"meta_data":[{"key":"_woonexo_ref","value":"pos-1"}]}`},
		{"end a sale and clear tags", ProductRequest{SalePrice: &Decimal{}, Tags: []Ref{}}, `{"sale_price":"","tags":[]}`},
		{"false and empty are sent when set", ProductRequest{Featured: Ptr(false), Description: Ptr("")}, `{"featured":false,"description":""}`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			b, err := json.Marshal(tc.req)
			require.NoError(t, err)
			assert.JSONEq(t, tc.want, string(b))
		})
	}
}

func TestProductOperations(t *testing.T) {
	t.Parallel()
	product := fixtureBody(t, "product-get.http")
	runOps(t, []opCase{
		{name: "get", method: http.MethodGet, path: "products/12", respond: product,
			call: func(ctx context.Context, c *Client) error {
				p, err := c.Products.Get(ctx, 12)
				if err == nil && p.ID != 12 {
					t.Errorf("decoded id %d", p.ID)
				}
				return err
			}},
		{name: "list with filters", method: http.MethodGet, path: "products", respond: []byte("[]"),
			query: url.Values{"sku": {"RW-1"}, "per_page": {"100"}, "page": {"2"}, "status": {"publish"},
				"include": {"1,2"}, "modified_after": {"2026-11-27T06:00:00"}, "dates_are_gmt": {"true"},
				"search": {"blue hoodie"}, "featured": {"false"}, "category": {"17"}},
			call: func(ctx context.Context, c *Client) error {
				loc := time.FixedZone("X", 2*3600)
				_, _, err := c.Products.List(ctx, &ProductListOptions{
					ListOptions: ListOptions{Page: 2, PerPage: 100}, SKU: "RW-1", Status: "publish",
					Include: []int64{1, 2}, DateFilters: DateFilters{ModifiedAfter: time.Date(2026, 11, 27, 8, 0, 0, 0, loc)},
					Search: "blue hoodie", Featured: Ptr(false), Category: "17",
				})
				return err
			}},
		{name: "list nil options", method: http.MethodGet, path: "products", respond: []byte("[]"),
			call: func(ctx context.Context, c *Client) error {
				_, _, err := c.Products.List(ctx, nil)
				return err
			}},
		{name: "create", method: http.MethodPost, path: "products", respond: product,
			body: `{"name":"Tee","regular_price":"9.5"}`,
			call: func(ctx context.Context, c *Client) error {
				_, err := c.Products.Create(ctx, ProductRequest{Name: "Tee", RegularPrice: MustDecimal("9.50")})
				return err
			}},
		{name: "update", method: http.MethodPut, path: "products/12", respond: product,
			body: `{"stock_quantity":3}`,
			call: func(ctx context.Context, c *Client) error {
				_, err := c.Products.Update(ctx, 12, ProductRequest{StockQuantity: Ptr(int64(3))})
				return err
			}},
		{name: "trash", method: http.MethodDelete, path: "products/12", respond: product,
			call: func(ctx context.Context, c *Client) error {
				_, err := c.Products.Delete(ctx, 12, false)
				return err
			}},
		{name: "force delete", method: http.MethodDelete, path: "products/12", query: url.Values{"force": {"true"}}, respond: product,
			call: func(ctx context.Context, c *Client) error {
				_, err := c.Products.Delete(ctx, 12, true)
				return err
			}},
		{name: "batch", method: http.MethodPost, path: "products/batch", respond: []byte(`{}`),
			body: `{"create":[{"name":"A"}],"update":[{"id":12,"regular_price":"5"}],"delete":[7]}`,
			call: func(ctx context.Context, c *Client) error {
				_, err := c.Products.Batch(ctx, BatchRequest[ProductRequest]{
					Create: []ProductRequest{{Name: "A"}},
					Update: []BatchUpdate[ProductRequest]{{ID: 12, Request: ProductRequest{RegularPrice: MustDecimal("5")}}},
					Delete: []int64{7},
				})
				return err
			}},
	})
}

func TestInvalidIDsFailBeforeAnyRequest(t *testing.T) {
	t.Parallel()
	rec := newRecorder(t, jsonServer(200, []byte("{}")))
	c := rec.client(t)
	ctx := context.Background()
	_, err := c.Products.Get(ctx, 0)
	require.ErrorContains(t, err, "woocommerce: get product 0: id must be a positive integer")
	_, err = c.Variations.Update(ctx, 5, -1, VariationRequest{})
	require.Error(t, err)
	for _, err := range c.Refunds.All(ctx, 0, nil) {
		require.Error(t, err)
	}
	assert.Empty(t, rec.requests())
}
