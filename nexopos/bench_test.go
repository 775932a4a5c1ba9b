package nexopos

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/woonexo/woonexo/internal/benchcpu"
)

// productPage100 builds a 100-row ns.products page from the real 5.3.10 row.
func productPage100(b testing.TB) []byte {
	var page map[string]json.RawMessage
	if err := json.Unmarshal(fixture(b, "v5/25-get-crud-products.json"), &page); err != nil {
		b.Fatal(err)
	}
	var rows []json.RawMessage
	if err := json.Unmarshal(page["data"], &rows); err != nil {
		b.Fatal(err)
	}
	many := make([]json.RawMessage, 100)
	for i := range many {
		many[i] = bytes.Replace(rows[0], []byte(`"id": 1,`), []byte(`"id": `+itoa(i+1)+`,`), 1)
	}
	page["data"], _ = json.Marshal(many)
	page["per_page"] = json.RawMessage("100")
	out, _ := json.Marshal(page)
	return out
}

func itoa(i int) string { return jsonInt(i) }

func jsonInt(i int) string { b, _ := json.Marshal(i); return string(b) }

func BenchmarkDecodeProductPage100(b *testing.B) {
	body := productPage100(b)
	b.SetBytes(int64(len(body)))
	b.ReportAllocs()
	cpu := benchcpu.Start()
	for b.Loop() {
		p, err := decodePage[Product](body, productsList)
		if err != nil || len(p.Items) != 100 {
			b.Fatal(err, len(p.Items))
		}
	}
	cpu.Report(b)
}

func TestBenchmarkPageIsReal(t *testing.T) {
	t.Parallel()
	p, err := decodePage[Product](productPage100(t), productsList)
	if err != nil || len(p.Items) != 100 || p.Items[99].ID != 100 || p.Items[0].Type != ProductMaterialized {
		t.Fatalf("bad benchmark page: %v", err)
	}
}

// BenchmarkStdlibDecodeProductPage100 decodes the same page into generic
// maps with encoding/json alone: the floor the typed decoder is compared
// with.
func BenchmarkStdlibDecodeProductPage100(b *testing.B) {
	body := productPage100(b)
	b.SetBytes(int64(len(body)))
	b.ReportAllocs()
	cpu := benchcpu.Start()
	for b.Loop() {
		var v map[string]any
		if err := json.Unmarshal(body, &v); err != nil {
			b.Fatal(err)
		}
	}
	cpu.Report(b)
}
