package woocommerce

import (
	"encoding/json"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"testing"

	"github.com/woonexo/woonexo/internal/transport"
)

// fuzzRoundTrip decodes data into a T; whatever decodes must encode and
// decode again (no panic, no value the client cannot send back).
func fuzzRoundTrip[T any](t *testing.T, data []byte) {
	var v T
	if err := json.Unmarshal(data, &v); err != nil {
		return
	}
	enc, err := json.Marshal(v)
	if err != nil {
		t.Fatalf("decoded %s but cannot encode it: %v", data, err)
	}
	var again T
	if err := json.Unmarshal(enc, &again); err != nil {
		t.Fatalf("cannot decode own encoding %s: %v", enc, err)
	}
}

func addFixtureSeeds(f *testing.F, names ...string) {
	for _, n := range names {
		var body []byte
		if filepath.Ext(n) == ".http" {
			body = fixtureBody(f, n)
		} else {
			b, err := os.ReadFile(filepath.Join("testdata", n))
			if err != nil {
				f.Fatal(err)
			}
			body = b
		}
		f.Add(body)
	}
}

func FuzzDecodeProduct(f *testing.F) {
	addFixtureSeeds(f, "product-get.http", "product-create-variable.http", "variation-get.http", "variation-quirks.json")
	f.Add([]byte(`{"total_sales":"3","stock_quantity":"4.0","manage_stock":"parent","price":12.5,"meta_data":[{"value":{"x":[1]}}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		fuzzRoundTrip[Product](t, data)
		fuzzRoundTrip[Variation](t, data)
		fuzzRoundTrip[[]Product](t, data)
	})
}

func FuzzDecodeOrder(f *testing.F) {
	addFixtureSeeds(f, "order-get.http", "order-quirks.json", "order-refund-create.http", "customer-get.http", "coupon-get.json")
	f.Fuzz(func(t *testing.T, data []byte) {
		fuzzRoundTrip[Order](t, data)
		fuzzRoundTrip[Refund](t, data)
		fuzzRoundTrip[Customer](t, data)
		fuzzRoundTrip[Coupon](t, data)
	})
}

func FuzzDecodeBatch(f *testing.F) {
	addFixtureSeeds(f, "product-batch.http")
	f.Add([]byte(`{"create":[{"id":"","error":{"code":"x","message":"y","data":[]}}],"delete":[{"id":1.0}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		var w batchWire
		if json.Unmarshal(data, &w) != nil {
			return
		}
		for _, part := range [][]json.RawMessage{w.Create, w.Update, w.Delete} {
			items, _ := decodeBatchItems[Product](part)
			for _, it := range items {
				if (it.Item == nil) == (it.Err == nil) {
					t.Fatalf("item %d has both or neither of Item and Err", it.ID)
				}
				if it.Err != nil {
					_ = it.Err.Error()
				}
			}
		}
	})
}

func FuzzAPIError(f *testing.F) {
	for _, n := range []string{"error-400-invalid-param.http", "error-401-no-auth.http", "error-404-product.http"} {
		f.Add(400, fixtureBody(f, n))
	}
	f.Add(503, []byte(""))
	f.Add(502, []byte("<html><title>Bad gateway</title></html>"))
	f.Add(301, []byte(`{"code":1}`))
	c := &Client{redactor: transport.NewRedactor("cs_fuzz_secret")}
	f.Fuzz(func(t *testing.T, status int, body []byte) {
		e := c.newAPIError(&transport.Response{StatusCode: status, Header: http.Header{"Location": {"https://x/?consumer_secret=cs_fuzz_secret"}}, Body: body})
		if e.StatusCode != status {
			t.Fatalf("status %d became %d", status, e.StatusCode)
		}
		if len(e.Body) > maxErrorBody+len(transport.Redacted)*8 {
			t.Fatalf("body of %d bytes kept", len(e.Body))
		}
		_ = e.Error()
	})
}

func FuzzParsePHPQuery(f *testing.F) {
	f.Add("per_page=100&search=blue%20hoodie&filter%5Bperiod%5D=week&l[]=1&l[]=2")
	f.Add("a=1&a=2&b")
	f.Fuzz(func(t *testing.T, raw string) {
		params, err := parsePHPQuery(raw)
		if err != nil {
			return
		}
		base := oauthBaseString("GET", "http://s.example/wp-json/wc/v3/products", params)
		if base == "" {
			t.Fatal("empty base string")
		}
		var q url.Values = url.Values{}
		for _, p := range params {
			q.Set(p.rawKey(), p.value)
		}
		_ = encodeQuery(q)
	})
}

func FuzzParsePage(f *testing.F) {
	f.Add("8", "3", `<http://127.0.0.1:8080/wp-json/wc/v3/products?per_page=3&page=2>; rel="next"`)
	f.Add("", "x", `<>; rel=prev, <`)
	f.Fuzz(func(t *testing.T, total, pages, link string) {
		h := http.Header{"X-Wp-Total": {total}, "X-Wp-Totalpages": {pages}, "Link": {link}}
		p := parsePage(h, url.Values{"page": {"2"}})
		if p.Page != 2 {
			t.Fatalf("page %d", p.Page)
		}
		_ = p.HasNext()
	})
}
