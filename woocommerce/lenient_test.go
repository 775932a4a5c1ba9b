package woocommerce

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestFlexStringDecode(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]FlexString{
		`"7"`: "7", `7`: "7", `-1.5`: "-1.5", `true`: "1", `false`: "", `null`: "", `""`: "", `"a\"b"`: `a"b`,
	} {
		var s FlexString
		require.NoError(t, json.Unmarshal([]byte(in), &s), in)
		assert.Equal(t, want, s, in)
	}
	for _, in := range []string{`{}`, `[1]`, `"unterminated`} {
		var s FlexString
		assert.Error(t, json.Unmarshal([]byte(in), &s), in)
	}
	b, err := json.Marshal(FlexString("5"))
	require.NoError(t, err)
	assert.Equal(t, `"5"`, string(b))
}

func TestStringMapDecode(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in   string
		want StringMap
	}{
		{`{"a":"A","b":2,"c":true,"d":null}`, StringMap{"a": "A", "b": "2", "c": "1", "d": ""}},
		{`[]`, StringMap{}},
		{`["x","y"]`, StringMap{"0": "x", "1": "y"}},
		{`null`, nil},
		{`{"g":{"k":"v"}}`, StringMap{"g": `{"k":"v"}`}},
	}
	for _, tc := range tests {
		var m StringMap
		require.NoError(t, json.Unmarshal([]byte(tc.in), &m), tc.in)
		assert.Equal(t, tc.want, m, tc.in)
	}
	var m StringMap
	assert.Error(t, json.Unmarshal([]byte(`"text"`), &m))
}

func TestStringListDecode(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in   string
		want StringList
	}{
		{`["a","b"]`, StringList{"a", "b"}},
		{`{"3":"c","0":"a"}`, StringList{"c", "a"}},
		{`[1,true]`, StringList{"1", "1"}},
		{`[]`, StringList{}},
		{`null`, nil},
	}
	for _, tc := range tests {
		var l StringList
		require.NoError(t, json.Unmarshal([]byte(tc.in), &l), tc.in)
		assert.Equal(t, tc.want, l, tc.in)
	}
	for _, in := range []string{`"a"`, `[{"a":1}]`, `{"a":[1]}`} {
		var l StringList
		assert.Error(t, json.Unmarshal([]byte(in), &l), in)
	}
}

func TestPathSegment(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{"general": "general", "my class": "my%20class", "a/b": "a%2Fb", "x?y#z": "x%3Fy%23z"} {
		got, err := pathSegment("op", "id", in)
		require.NoError(t, err)
		assert.Equal(t, want, got)
	}
	for _, in := range []string{"", ".", ".."} {
		_, err := pathSegment("get thing", "id", in)
		require.Error(t, err)
		assert.Contains(t, err.Error(), "woocommerce: get thing:")
	}
}

// FuzzLenientDecoders feeds untrusted bytes to the lenient decoders of this
// file's types: they may fail, but never panic, and what they accept encodes.
func FuzzLenientDecoders(f *testing.F) {
	for _, s := range []string{`"7"`, `7`, `true`, `null`, `[]`, `["a"]`, `{"0":"a","2":{"x":1}}`, `{"deleted":true,"previous":{"id":1}}`,
		`"unlimited"`, `"never"`, `"2026-11-27T06:43:09"`, `{"totals":[]}`, `[{"slug":"a"}]`, `{`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		var fs FlexString
		_ = json.Unmarshal(b, &fs)
		var sm StringMap
		if json.Unmarshal(b, &sm) == nil {
			_, err := json.Marshal(sm)
			require.NoError(t, err)
		}
		var sl StringList
		_ = json.Unmarshal(b, &sl)
		var st SettingMap
		_ = json.Unmarshal(b, &st)
		var dr DownloadsRemaining
		_ = json.Unmarshal(b, &dr)
		var ex Expiry
		_ = json.Unmarshal(b, &ex)
		var rv Review
		_ = json.Unmarshal(b, &rv)
		var sr SalesReport
		_ = json.Unmarshal(b, &sr)
		var tc taxClassAnswer
		_ = json.Unmarshal(b, &tc)
		s := Setting{Value: b, Options: b}
		_, _ = s.ValueStrings()
		_, _ = s.Choices()
		_ = s.ValueString()
		_ = s.Checked()
	})
}
