package nexopostest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/require"
)

// marshalPerValue is how obj was written before writeValue: each value by
// json.Marshal. The bytes must not change.
func marshalPerValue(o obj) ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	for i, p := range o {
		if i > 0 {
			b.WriteByte(',')
		}
		kb, _ := json.Marshal(p.k)
		b.Write(kb)
		b.WriteByte(':')
		vb, err := json.Marshal(p.v)
		if err != nil {
			return nil, err
		}
		b.Write(vb)
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

func TestObjMarshalAsPerValue(t *testing.T) {
	rnd := rand.New(rand.NewPCG(3, 4))
	var value func(depth int) any
	value = func(depth int) any {
		switch r := rnd.IntN(12); {
		case depth > 3 || r < 2:
			return []any{`<i class="las la-edit"></i> Edit & "go"`, 12.5, int64(-3), nil, true, json.Number("1.50"), map[string]any{"b": 1, "a": "<"}}[rnd.IntN(7)]
		case r < 5:
			o := obj{}
			for k := range rnd.IntN(5) {
				o = append(o, kv{fmt.Sprintf("k%d<&>", k), value(depth + 1)})
			}
			if rnd.IntN(8) == 0 {
				return obj(nil)
			}
			return o
		case r < 8:
			if rnd.IntN(8) == 0 {
				return []any(nil)
			}
			var a []any = []any{}
			for range rnd.IntN(4) {
				a = append(a, value(depth+1))
			}
			return a
		case r < 10:
			return []obj{{{"x", value(depth + 1)}}}
		}
		return struct {
			A obj   `json:"a"`
			B []any `json:"b,omitempty"`
		}{A: obj{{"n", value(depth + 1)}}}
	}
	for i := range 2000 {
		o := obj{{"root", value(0)}, {"more", value(0)}}
		want, err := marshalPerValue(o)
		require.NoError(t, err)
		got, err := json.Marshal(o)
		require.NoError(t, err)
		require.Equal(t, string(want), string(got), "case %d", i)
	}
}
