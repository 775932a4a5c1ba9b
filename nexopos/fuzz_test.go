package nexopos

import (
	"encoding/json"
	"net/http"
	"os"
	"path/filepath"
	"testing"
)

// addSeeds adds every recorded response body as a seed.
func addSeeds(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join("testdata", "v*", "*.json"))
	for _, name := range files {
		b, err := os.ReadFile(name)
		if err == nil {
			f.Add(b)
		}
	}
	for _, s := range []string{`{}`, `null`, `[]`, `{"id":"1e400"}`, `{"data":[{"__raw":{"id":"x"}}]}`, `{"current_page":"2","data":[null]}`} {
		f.Add([]byte(s))
	}
}

// FuzzDecodeModels feeds arbitrary bodies to every model decoder: they may
// fail, never panic.
func FuzzDecodeModels(f *testing.F) {
	addSeeds(f)
	f.Fuzz(func(t *testing.T, b []byte) {
		for _, v := range []any{new(Product), new(UnitQuantity), new(Order), new(OrderProduct), new(Customer),
			new(Category), new(Unit), new(Tax), new(TaxGroup), new(PaymentType), new(HistoryEntry), new(User),
			new(envelope[productSaved]), new([]HistoryEntry)} {
			_ = json.Unmarshal(b, v)
		}
	})
}

// FuzzDecodePage feeds arbitrary bodies to the CRUD page decoder.
func FuzzDecodePage(f *testing.F) {
	addSeeds(f)
	f.Fuzz(func(t *testing.T, b []byte) {
		if p, err := decodePage[Product](b, productsList); err == nil && p.HasNext() && len(p.Items) == 0 {
			t.Fatal("an empty page must not claim a next page")
		}
		_, _ = decodePage[Order](b, ordersList)
		_, _ = decodePage[HistoryEntry](b, globalHistoryList)
		_, _ = decodePage[Customer](b, customersList)
	})
}

// FuzzCheckResponse feeds arbitrary bodies to the error classifier.
func FuzzCheckResponse(f *testing.F) {
	addSeeds(f)
	f.Fuzz(func(t *testing.T, b []byte) {
		for _, status := range []int{200, 302, 401, 404, 422, 429, 500} {
			e := checkResponse(status, http.Header{}, b)
			if status >= 300 && e == nil {
				t.Fatalf("status %d accepted as success", status)
			}
			if e != nil {
				_ = e.Error()
			}
		}
	})
}
