package webhook

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestScanEnvelope(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, in                     string
		id, typ, parent, action, arg string
	}{
		{"product", `{"id":11,"name":"x","type":"simple","parent_id":0}`, `11`, `"simple"`, `0`, ``, ``},
		{"whitespace", " {\n\t\"id\" : 14 ,\r\n \"type\":\"variation\" , \"parent_id\": 13 }", `14`, `"variation"`, `13`, ``, ``},
		{"nested ids are ignored", `{"line_items":[{"id":1,"type":"x"}],"meta":{"id":{"id":2}},"id":21}`, `21`, ``, ``, ``, ``},
		{"strings with quotes and brackets", `{"description":"a \"}\" ]","id":"11"}`, `"11"`, ``, ``, ``, ``},
		{"action", `{"action":"woocommerce_variation_set_stock","arg":{}}`, ``, ``, ``, `"woocommerce_variation_set_stock"`, `{}`},
		{"escaped key", `{"\u0069d":7}`, `7`, ``, ``, ``, ``},
		{"last duplicate wins", `{"id":1,"id":2}`, `2`, ``, ``, ``, ``},
		{"keys match exactly", `{"ID":5,"Type":"variation"}`, ``, ``, ``, ``, ``},
		{"null and literals", `{"id":null,"arg":true,"parent_id":-1.5e3}`, `null`, ``, `-1.5e3`, ``, `true`},
		{"empty object", `{}`, ``, ``, ``, ``, ``},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			in := bytes.TrimSpace([]byte(tt.in))
			require.True(t, json.Valid(in))
			env := scanEnvelope(in)
			assert.Equal(t, tt.id, string(env.ID))
			assert.Equal(t, tt.typ, string(env.Type))
			assert.Equal(t, tt.parent, string(env.ParentID))
			assert.Equal(t, tt.action, string(env.Action))
			assert.Equal(t, tt.arg, string(env.Arg))
		})
	}
}

// FuzzScanEnvelope checks the light scanner against encoding/json on every
// valid JSON object.
func FuzzScanEnvelope(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join("testdata", "payloads", "*.json"))
	for _, file := range files {
		b, err := os.ReadFile(file)
		if err == nil {
			f.Add(b)
		}
	}
	f.Add([]byte(`{"\u0069d":7,"id":8, "arg" : [1,{"a":"]"}] }`))
	f.Fuzz(func(t *testing.T, in []byte) {
		in = bytes.TrimSpace(in)
		if !json.Valid(in) || len(in) == 0 || in[0] != '{' {
			return
		}
		var ref map[string]json.RawMessage
		if err := json.Unmarshal(in, &ref); err != nil {
			t.Fatalf("valid object did not decode: %v", err)
		}
		env := scanEnvelope(in)
		for key, got := range map[string][]byte{"id": env.ID, "type": env.Type, "parent_id": env.ParentID, "action": env.Action, "arg": env.Arg} {
			if want, ok := ref[key]; !bytes.Equal(want, got) || ok != (got != nil) {
				t.Fatalf("%s: scanned %q, encoding/json %q", key, got, want)
			}
		}
	})
}
