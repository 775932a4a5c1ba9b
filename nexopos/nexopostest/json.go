package nexopostest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
)

// obj is a JSON object that keeps its keys in insertion order, so the
// bodies the fake writes list their fields in the order NexoPOS does.
type obj []kv

type kv struct {
	k string
	v any
}

// set replaces the value of k or appends k.
func (o *obj) set(k string, v any) {
	for i := range *o {
		if (*o)[i].k == k {
			(*o)[i].v = v
			return
		}
	}
	*o = append(*o, kv{k, v})
}

// get returns the value of k and whether k is present.
func (o obj) get(k string) (any, bool) {
	for _, p := range o {
		if p.k == k {
			return p.v, true
		}
	}
	return nil, false
}

func (o obj) has(k string) bool { _, ok := o.get(k); return ok }

// val returns the value of k, nil when absent.
func (o obj) val(k string) any { v, _ := o.get(k); return v }

// sub returns the object under k, nil when absent or not an object.
func (o obj) sub(k string) obj { v, _ := o.val(k).(obj); return v }

// arr returns the array under k, nil when absent or not an array.
func (o obj) arr(k string) []any { v, _ := o.val(k).([]any); return v }

func (o obj) without(keys ...string) obj {
	out := make(obj, 0, len(o))
	for _, p := range o {
		skip := false
		for _, k := range keys {
			if p.k == k {
				skip = true
			}
		}
		if !skip {
			out = append(out, p)
		}
	}
	return out
}

// MarshalJSON writes the object with its keys in order.
func (o obj) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	if err := writeValue(&b, o); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// writeValue writes v as json.Marshal does, but writes nested objects and
// arrays itself: json.Marshal would check and compact the output of every
// nested MarshalJSON again, at each level (a CRUD page nests four deep).
func writeValue(b *bytes.Buffer, v any) error {
	switch v := v.(type) {
	case obj:
		b.WriteByte('{')
		for i, p := range v {
			if i > 0 {
				b.WriteByte(',')
			}
			kb, _ := json.Marshal(p.k)
			b.Write(kb)
			b.WriteByte(':')
			if err := writeValue(b, p.v); err != nil {
				return err
			}
		}
		b.WriteByte('}')
		return nil
	case []any:
		if v == nil {
			b.WriteString("null")
			return nil
		}
		b.WriteByte('[')
		for i, e := range v {
			if i > 0 {
				b.WriteByte(',')
			}
			if err := writeValue(b, e); err != nil {
				return err
			}
		}
		b.WriteByte(']')
		return nil
	}
	vb, err := json.Marshal(v)
	if err != nil {
		return err
	}
	b.Write(vb)
	return nil
}

// decodeOrdered parses JSON keeping object key order; numbers stay
// json.Number so they are echoed exactly as sent.
func decodeOrdered(data []byte) (any, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	v, err := decodeValue(dec)
	if err != nil {
		return nil, err
	}
	if dec.More() {
		return nil, fmt.Errorf("trailing data")
	}
	return v, nil
}

func decodeValue(dec *json.Decoder) (any, error) {
	t, err := dec.Token()
	if err != nil {
		return nil, err
	}
	switch t := t.(type) {
	case json.Delim:
		switch t {
		case '{':
			o := obj{}
			for dec.More() {
				kt, err := dec.Token()
				if err != nil {
					return nil, err
				}
				k, _ := kt.(string)
				v, err := decodeValue(dec)
				if err != nil {
					return nil, err
				}
				o.set(k, v)
			}
			if _, err := dec.Token(); err != nil {
				return nil, err
			}
			return o, nil
		case '[':
			a := []any{}
			for dec.More() {
				v, err := decodeValue(dec)
				if err != nil {
					return nil, err
				}
				a = append(a, v)
			}
			if _, err := dec.Token(); err != nil {
				return nil, err
			}
			return a, nil
		}
		return nil, fmt.Errorf("unexpected delimiter %v", t)
	default:
		return t, nil
	}
}

// num reads a number the way PHP casts loosely: numbers, numeric strings,
// booleans; anything else is 0.
func num(v any) float64 {
	switch v := v.(type) {
	case json.Number:
		f, _ := v.Float64()
		return f
	case float64:
		return v
	case int:
		return float64(v)
	case int64:
		return float64(v)
	case string:
		f, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
		if err != nil {
			return 0
		}
		return f
	case bool:
		if v {
			return 1
		}
	}
	return 0
}

// isNumeric reports whether v is a number or a numeric string.
func isNumeric(v any) bool {
	switch v := v.(type) {
	case json.Number, float64, int, int64:
		return true
	case string:
		_, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
		return err == nil
	}
	return false
}

// str reads a scalar as PHP would print it.
func str(v any) string {
	switch v := v.(type) {
	case nil:
		return ""
	case string:
		return v
	case json.Number:
		return v.String()
	case bool:
		if v {
			return "1"
		}
		return ""
	case float64:
		return fmtNum(v)
	case int64:
		return strconv.FormatInt(v, 10)
	case int:
		return strconv.Itoa(v)
	}
	return ""
}

// empty mirrors PHP's empty(): nil, "", "0", 0, false and empty arrays.
func empty(v any) bool {
	switch v := v.(type) {
	case nil:
		return true
	case string:
		return v == "" || v == "0"
	case json.Number:
		return num(v) == 0
	case bool:
		return !v
	case float64:
		return v == 0
	case []any:
		return len(v) == 0
	case obj:
		return len(v) == 0
	}
	return false
}

// truthy mirrors a PHP boolean cast.
func truthy(v any) bool { return !empty(v) }

func fmtNum(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }

// sig6 rounds to six significant digits, as the FLOAT columns of the real
// server's MySQL store derived prices (2.5/1.1 is served as 2.27273).
func sig6(f float64) float64 {
	if f == 0 || math.IsNaN(f) || math.IsInf(f, 0) {
		return 0
	}
	r, _ := strconv.ParseFloat(strconv.FormatFloat(f, 'g', 6, 64), 64)
	return r
}

// money rounds to the currency precision used by NexoPOS computations.
func money(f float64) float64 { return math.Round(f*1e5) / 1e5 }

// isoTime is the date format of plain endpoints (Eloquent's default).
func isoTime(t time.Time) string { return t.UTC().Format("2006-01-02T15:04:05.000000Z") }

// sqlTime is the date format of orders and CRUD lists.
func sqlTime(t time.Time) string { return t.UTC().Format("2006-01-02 15:04:05") }

// usd formats an amount as the CRUD lists display it: "USD 300,00 ".
func usd(f float64) string {
	neg := f < 0
	if neg {
		f = -f
	}
	s := strconv.FormatFloat(f, 'f', 2, 64)
	ip, fp, _ := strings.Cut(s, ".")
	var b strings.Builder
	for i, c := range ip {
		if i > 0 && (len(ip)-i)%3 == 0 {
			b.WriteByte('.')
		}
		b.WriteRune(c)
	}
	sign := ""
	if neg {
		sign = "-"
	}
	return "USD " + sign + b.String() + "," + fp + " "
}

// nullStr returns nil for a nil pointer, else the string.
func nullStr(p *string) any {
	if p == nil {
		return nil
	}
	return *p
}

func nullID(p *int64) any {
	if p == nil {
		return nil
	}
	return *p
}

func strp(s string) *string { return &s }

func idp(i int64) *int64 { return &i }

// optStr returns a pointer to the string form of v, nil for JSON null or absent.
func optStr(v any, present bool) *string {
	if !present || v == nil {
		return nil
	}
	s := str(v)
	return &s
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}
