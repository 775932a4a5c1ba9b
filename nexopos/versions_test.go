package nexopos

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The 6.1.x fixtures are the 5.3.10 recordings with the columns 6.1.2
// renamed (sale_price_gross/_net, price_gross/_net, author_id; see
// database/migrations/update/2026_02_25..., 2026_03_04..., 2026_03_05...);
// the 6.2 ones also carry money and quantities as decimal strings
// (2026_05_18_000000_convert_monetary_fields_to_decimal).
func TestDecodeAcrossVersions(t *testing.T) {
	t.Parallel()
	for _, dir := range []string{"v5", "v6.1", "v6.2"} {
		t.Run(dir, func(t *testing.T) {
			t.Parallel()
			productFile := map[string]string{"v5": "v5/13-create-product.json"}[dir]
			if productFile == "" {
				productFile = dir + "/create-product.json"
			}
			var env envelope[productSaved]
			require.NoError(t, json.Unmarshal(fixture(t, productFile), &env))
			p := env.Data.Product
			assert.Equal(t, int64(72), p.AuthorID)
			require.Len(t, p.UnitQuantities, 2)
			u := p.UnitQuantities[0]
			assert.Equal(t, "2.5", u.SalePriceGross.String())
			assert.Equal(t, "2.27273", u.SalePriceNet.String())
			assert.Equal(t, "1.81818", u.WholesalePriceNet.String())
			assert.Equal(t, "2", u.WholesalePriceGross.String())
			assert.True(t, u.Quantity.Valid())

			orderFile := map[string]string{"v5": "v5/29-get-order.json"}[dir]
			if orderFile == "" {
				orderFile = dir + "/get-order.json"
			}
			var o Order
			require.NoError(t, json.Unmarshal(fixture(t, orderFile), &o))
			assert.Equal(t, "6", o.Total.String())
			assert.Equal(t, int64(72), o.AuthorID)
			require.Len(t, o.Products, 1)
			assert.Equal(t, "6", o.Products[0].TotalPrice.String())
			assert.Equal(t, "3", o.Products[0].UnitPrice.String())
			assert.True(t, o.Products[0].PriceGross.Valid(), "price_with_tax / price_gross decode")
			assert.True(t, o.Products[0].TotalPriceNet.Valid())
			assert.Equal(t, "2", o.Products[0].Quantity.String())
		})
	}
}

func TestModelRoundTrip(t *testing.T) {
	t.Parallel()
	cases := []struct {
		file string
		new  func() any
	}{
		{"v5/15-get-product.json", func() any { return new(Product) }},
		{"v5/29-get-order.json", func() any { return new(Order) }},
		{"v5/27-get-customer.json", func() any { return new(Customer) }},
		{"v5/102-get-category.json", func() any { return new(Category) }},
		{"v5/200-get-unit.json", func() any { return new(Unit) }},
		{"v5/204-get-tax-group.json", func() any { return new(TaxGroup) }},
		{"v5/01-get-user.json", func() any { return new(User) }},
	}
	for _, tc := range cases {
		t.Run(tc.file, func(t *testing.T) {
			t.Parallel()
			a := tc.new()
			require.NoError(t, json.Unmarshal(fixture(t, tc.file), a))
			b1, err := json.Marshal(a)
			require.NoError(t, err)
			b := tc.new()
			require.NoError(t, json.Unmarshal(b1, b))
			b2, err := json.Marshal(b)
			require.NoError(t, err)
			assert.JSONEq(t, string(b1), string(b2))
			assert.Equal(t, a, b)
		})
	}
}

func TestLenientScalars(t *testing.T) {
	t.Parallel()
	cases := []struct {
		in      string
		wantID  int64
		wantAct bool
		wantErr bool
	}{
		{`{"id":5,"active":true}`, 5, true, false},
		{`{"id":"5","active":"1"}`, 5, true, false},
		{`{"id":5.0,"active":1}`, 5, true, false},
		{`{"id":null,"active":null}`, 0, false, false},
		{`{"id":"","active":"Yes"}`, 0, true, false},
		{`{"id":"x"}`, 0, false, true},
		{`{"id":5.5}`, 0, false, true},
		{`{"active":"maybe"}`, 0, false, true},
		{`{"id":{}}`, 0, false, true},
		{`[1]`, 0, false, true},
	}
	for _, tc := range cases {
		var u User
		err := json.Unmarshal([]byte(tc.in), &u)
		if tc.wantErr {
			assert.Error(t, err, tc.in)
			continue
		}
		require.NoError(t, err, tc.in)
		assert.Equal(t, tc.wantID, u.ID, tc.in)
		assert.Equal(t, tc.wantAct, u.Active, tc.in)
	}
}
