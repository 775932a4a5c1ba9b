package woocommerce

import (
	"encoding/json"
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestNullIntAndFlexInt(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in      string
		want    NullInt
		wantErr bool
	}{
		{`5`, Int(5), false},
		{`-2`, Int(-2), false},
		{`"7"`, Int(7), false},
		{`" 8 "`, Int(8), false},
		{`3.0`, Int(3), false},
		{`"4.00"`, Int(4), false},
		{`1e2`, Int(100), false},
		{`null`, NullInt{}, false},
		{`""`, NullInt{}, false},
		{`2.5`, NullInt{}, true},
		{`"abc"`, NullInt{}, true},
		{`true`, NullInt{}, true},
		{`{}`, NullInt{}, true},
		{`1e30`, NullInt{}, true},
	}
	for _, tc := range tests {
		var n NullInt
		err := json.Unmarshal([]byte(tc.in), &n)
		if tc.wantErr {
			assert.Error(t, err, tc.in)
			continue
		}
		require.NoError(t, err, tc.in)
		assert.Equal(t, tc.want, n, tc.in)

		var f FlexInt
		require.NoError(t, json.Unmarshal([]byte(tc.in), &f), tc.in)
		assert.Equal(t, FlexInt(tc.want.Int64), f, tc.in)
	}

	b, err := json.Marshal(struct {
		A NullInt `json:"a"`
		B NullInt `json:"b"`
		C NullInt `json:"c,omitzero"`
	}{A: Int(math.MaxInt64)})
	require.NoError(t, err)
	assert.JSONEq(t, `{"a":9223372036854775807,"b":null}`, string(b))
	assert.Equal(t, "null", NullInt{}.String())
	assert.Equal(t, "12", Int(12).String())
}

func TestManageStock(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in   string
		want ManageStock
		out  string
	}{
		{`true`, StockManaged, `true`},
		{`false`, StockNotManaged, `false`},
		{`"parent"`, StockManagedByParent, `"parent"`},
		{`null`, StockNotManaged, `false`},
		{`"yes"`, StockManaged, `true`},
		{`"no"`, StockNotManaged, `false`},
		{`1`, StockManaged, `true`},
	}
	for _, tc := range tests {
		var m ManageStock
		require.NoError(t, json.Unmarshal([]byte(tc.in), &m), tc.in)
		assert.Equal(t, tc.want, m, tc.in)
		b, err := json.Marshal(m)
		require.NoError(t, err)
		assert.Equal(t, tc.out, string(b), tc.in)
	}
	var m ManageStock
	assert.Error(t, json.Unmarshal([]byte(`"sometimes"`), &m))
	assert.False(t, StockNotManaged.Managed())
	assert.True(t, StockManagedByParent.Managed())
}

func TestMetaHelpers(t *testing.T) {
	t.Parallel()
	m, err := Meta("_woonexo", map[string]int{"pos_id": 7})
	require.NoError(t, err)
	assert.JSONEq(t, `{"pos_id":7}`, string(m.Value))
	var v struct {
		PosID int `json:"pos_id"`
	}
	require.NoError(t, m.Decode(&v))
	assert.Equal(t, 7, v.PosID)
	assert.Error(t, m.Decode(new(string)))

	_, err = Meta("bad", make(chan int))
	assert.Error(t, err)

	b, err := json.Marshal(StringMeta("_ref", `pos "88"`))
	require.NoError(t, err)
	assert.JSONEq(t, `{"key":"_ref","value":"pos \"88\""}`, string(b))

	l := MetaList{{Key: "a", Value: []byte(`"x"`)}, {Key: "n", Value: []byte(`null`)}, {Key: "a", Value: []byte(`"second"`)}}
	assert.Equal(t, "x", l.Value("a"), "first entry wins")
	assert.Equal(t, "", l.Value("n"))
	assert.Equal(t, "", l.Value("missing"))
	_, ok := l.Get("missing")
	assert.False(t, ok)
}

func TestSmallHelpers(t *testing.T) {
	t.Parallel()
	assert.Equal(t, []Ref{{ID: 1}, {ID: 2}}, Refs(1, 2))
	assert.Equal(t, 3, *Ptr(3))
	d, err := NewDecimal("-10.00")
	require.NoError(t, err)
	assert.Equal(t, "-10", d.String())
	assert.True(t, DecimalFrom(d.Decimal()).Equal(d))
	_, err = NewDecimal("ten")
	assert.Error(t, err)
	assert.Equal(t, "oauth", AuthOAuth.String())
	assert.Equal(t, "AuthMode(9)", AuthMode(9).String())
	c, err := NewClient("https://s.example", WithBatchLimit(25))
	require.NoError(t, err)
	assert.Equal(t, 25, c.BatchLimit())
}
