package wire

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestDecimalDecode(t *testing.T) {
	t.Parallel()
	cases := []struct {
		in    string
		valid bool
		want  string
	}{
		{`"19.99"`, true, "19.99"},
		{`19.99`, true, "19.99"},
		{`14.309999999999999`, true, "14.309999999999999"},
		{`"-10.00"`, true, "-10"},
		{`""`, false, ""},
		{`null`, false, ""},
		{`" 3 "`, true, "3"},
		{`0`, true, "0"},
	}
	for _, c := range cases {
		var d Decimal
		require.NoError(t, json.Unmarshal([]byte(c.in), &d), c.in)
		assert.Equal(t, c.valid, d.Valid(), c.in)
		assert.Equal(t, c.want, d.String(), c.in)
	}
	for _, bad := range []string{`"abc"`, `true`, `{}`, `[1]`, `"1.2.3"`} {
		var d Decimal
		err := json.Unmarshal([]byte(bad), &d)
		assert.Error(t, err, bad)
	}
}

func TestDecimalEncode(t *testing.T) {
	t.Parallel()
	type req struct {
		Price Decimal `json:"price"`
		Sale  Decimal `json:"sale,omitzero"`
	}
	b, err := json.Marshal(req{Price: MustDecimal("19.90")})
	require.NoError(t, err)
	assert.JSONEq(t, `{"price":"19.9"}`, string(b))
	b, err = json.Marshal(req{Sale: DecimalFromInt(0)})
	require.NoError(t, err)
	assert.JSONEq(t, `{"price":"","sale":"0"}`, string(b))

	var back req
	require.NoError(t, json.Unmarshal(b, &back))
	assert.False(t, back.Price.Valid())
	assert.True(t, back.Sale.Valid())
	assert.True(t, back.Sale.Equal(DecimalFromInt(0)))
	assert.False(t, back.Sale.Equal(Decimal{}))
}

func TestDecimalArithmetic(t *testing.T) {
	t.Parallel()
	a := MustDecimal("0.1")
	b := MustDecimal("0.2")
	assert.Equal(t, "0.3", a.Add(b).String())
	assert.Equal(t, "-0.1", a.Sub(b).String())
	assert.Equal(t, 1, b.Cmp(a))
	assert.Equal(t, "19.90", MustDecimal("19.9").StringFixed(2))
}

func TestTimeDecode(t *testing.T) {
	t.Parallel()
	want := time.Date(2026, 11, 27, 7, 9, 11, 0, time.UTC)
	for _, in := range []string{
		`"2026-11-27T07:09:11"`,
		`"2026-11-27 07:09:11"`,
		`"2026-11-27T07:09:11.000000Z"`,
		`"2026-11-27T07:09:11Z"`,
		`"2026-11-27T08:09:11+01:00"`,
	} {
		var v Time
		require.NoError(t, json.Unmarshal([]byte(in), &v), in)
		assert.True(t, want.Equal(v.Time), "%s decoded as %v", in, v.Time)
	}
	for _, in := range []string{`null`, `""`, `"0000-00-00 00:00:00"`} {
		var v Time
		require.NoError(t, json.Unmarshal([]byte(in), &v), in)
		assert.True(t, v.IsZero(), in)
	}
	var v Time
	assert.Error(t, json.Unmarshal([]byte(`"yesterday"`), &v))
	assert.Error(t, json.Unmarshal([]byte(`12`), &v))

	b, err := json.Marshal(Time{want})
	require.NoError(t, err)
	assert.Equal(t, `"2026-11-27T07:09:11"`, string(b))
	b, err = json.Marshal(Time{})
	require.NoError(t, err)
	assert.Equal(t, `null`, string(b))
}

func FuzzDecimal(f *testing.F) {
	for _, s := range []string{`"19.99"`, `19.99`, `""`, `null`, `1e3`, `"-0"`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		var d Decimal
		if err := json.Unmarshal(b, &d); err != nil {
			return
		}
		out, err := json.Marshal(d)
		require.NoError(t, err)
		var back Decimal
		require.NoError(t, json.Unmarshal(out, &back))
		require.True(t, d.Equal(back), "%s -> %s", b, out)
	})
}
