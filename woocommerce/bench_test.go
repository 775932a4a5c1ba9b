package woocommerce

import (
	"encoding/json"
	"testing"

	"github.com/woonexo/woonexo/internal/benchcpu"
)

// The page is 100 products built from the real product samples (the recorded
// list page, GET and create answers), ids and SKUs made unique.
func benchPage(b *testing.B) []byte {
	b.Helper()
	return jsonFixture(b, "products-page-100.json")
}

// BenchmarkDecodeProductPage decodes a 100-product page into []Product.
func BenchmarkDecodeProductPage(b *testing.B) {
	data := benchPage(b)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	cpu := benchcpu.Start()
	for b.Loop() {
		var out []Product
		if err := json.Unmarshal(data, &out); err != nil {
			b.Fatal(err)
		}
		if len(out) != 100 {
			b.Fatalf("decoded %d products", len(out))
		}
	}
	cpu.Report(b)
}

// BenchmarkDecodeProductPageMap decodes the same page with plain
// encoding/json into []map[string]any, the untyped baseline.
func BenchmarkDecodeProductPageMap(b *testing.B) {
	data := benchPage(b)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	cpu := benchcpu.Start()
	for b.Loop() {
		var out []map[string]any
		if err := json.Unmarshal(data, &out); err != nil {
			b.Fatal(err)
		}
		if len(out) != 100 {
			b.Fatalf("decoded %d products", len(out))
		}
	}
	cpu.Report(b)
}
