package nexopos

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"reflect"
	"strconv"
	"strings"
	"sync"

	"github.com/woonexo/woonexo/internal/wire"
)

// Decimal is an exact decimal amount (prices, totals, quantities, rates). It
// decodes "19.99", 19.99, "" and null, and encodes as a JSON string. It is
// the same type as the woocommerce package's, so values pass between them
// unchanged.
type Decimal = wire.Decimal

// Time is a timestamp as NexoPOS sends it: "2006-01-02 15:04:05" (orders and
// CRUD lists), "2026-11-27T07:09:11.000000Z" (plain endpoints), or null.
type Time = wire.Time

// NewDecimal parses s ("19.99") as a Decimal.
func NewDecimal(s string) (Decimal, error) { return wire.NewDecimal(s) }

// MustDecimal is NewDecimal that panics on a malformed literal; for
// constants in code and tests.
func MustDecimal(s string) Decimal { return wire.MustDecimal(s) }

// DecimalFromInt returns n as a Decimal.
func DecimalFromInt(n int64) Decimal { return wire.DecimalFromInt(n) }

// Lenient decoding. NexoPOS sends the same column as a number, a numeric
// string ("group_id":"1" in CRUD answers, decimals as strings in 6.2), a
// boolean or 0/1 depending on the endpoint and the version, and renamed some
// columns between versions. Models decode through decodeObject, which reads
// int64, bool and string fields leniently and tries a field's alternative
// spellings (tag alt:"a,b") when its JSON name is absent.

type fieldKind int

const (
	kindOther fieldKind = iota
	kindInt
	kindBool
	kindString
	kindDecimal
	kindTime
	kindDisplay
)

var (
	decimalType = reflect.TypeFor[Decimal]()
	timeType    = reflect.TypeFor[Time]()
	displayType = reflect.TypeFor[map[string]string]()
)

type fieldInfo struct {
	index []int
	names []string
	kind  fieldKind
}

type structInfo struct{ fields []fieldInfo }

var structCache sync.Map // reflect.Type -> *structInfo

func infoFor(t reflect.Type) *structInfo {
	if v, ok := structCache.Load(t); ok {
		return v.(*structInfo)
	}
	si := &structInfo{}
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		if !f.IsExported() {
			continue
		}
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if name == "-" {
			continue
		}
		if name == "" {
			name = f.Name
		}
		fi := fieldInfo{index: f.Index, names: []string{name}}
		if alt := f.Tag.Get("alt"); alt != "" {
			fi.names = append(fi.names, strings.Split(alt, ",")...)
		}
		switch {
		case f.Type == decimalType:
			fi.kind = kindDecimal
		case f.Type == timeType:
			fi.kind = kindTime
		case name == "$display" && f.Type == displayType:
			fi.kind = kindDisplay
		}
		switch f.Type.Kind() {
		case reflect.Int64, reflect.Int, reflect.Int32:
			fi.kind = kindInt
		case reflect.Bool:
			fi.kind = kindBool
		case reflect.String:
			fi.kind = kindString
		}
		si.fields = append(si.fields, fi)
	}
	v, _ := structCache.LoadOrStore(t, si)
	return v.(*structInfo)
}

// decodeObject decodes a JSON object into the struct v points to. null
// leaves it unchanged.
func decodeObject(data []byte, v any) error {
	data = bytes.TrimSpace(data)
	if bytes.Equal(data, []byte("null")) {
		return nil
	}
	if len(data) == 0 || data[0] != '{' {
		return fmt.Errorf("expected a JSON object, got %s", snippet(data))
	}
	var m map[string]json.RawMessage
	if err := json.Unmarshal(data, &m); err != nil {
		return err
	}
	return fillStruct(m, v, nil)
}

// fillStruct sets the fields of the struct v points to from m. When display
// is not nil (CRUD rows), a Decimal or Time column holding a display string
// ("USD 6,00 ", a localised date) is left unset and its text recorded in
// display, which ends up in the struct's $display field.
func fillStruct(m map[string]json.RawMessage, v any, display map[string]string) error {
	rv := reflect.ValueOf(v).Elem()
	si := infoFor(rv.Type())
	var displayField reflect.Value
	for i := range si.fields {
		f := &si.fields[i]
		if f.kind == kindDisplay {
			displayField = rv.FieldByIndex(f.index)
			continue
		}
		var raw json.RawMessage
		var name string
		for _, n := range f.names {
			if r, ok := m[n]; ok {
				raw, name = r, n
				break
			}
		}
		if raw == nil {
			continue
		}
		fv := rv.FieldByIndex(f.index)
		var err error
		switch f.kind {
		case kindInt:
			var n int64
			if n, err = lenientInt(raw); err == nil {
				fv.SetInt(n)
			}
		case kindBool:
			var b bool
			if b, err = lenientBool(raw); err == nil {
				fv.SetBool(b)
			}
		case kindString:
			var s string
			if s, err = lenientString(raw); err == nil {
				fv.SetString(s)
			}
		default:
			// raw is a valid JSON value already (it came out of a parsed
			// object): call the field's own decoder directly when it has
			// one, skipping encoding/json's second validation pass.
			if u, ok := fv.Addr().Interface().(json.Unmarshaler); ok {
				err = u.UnmarshalJSON(raw)
			} else {
				err = json.Unmarshal(raw, fv.Addr().Interface())
			}
			if err != nil && display != nil && (f.kind == kindDecimal || f.kind == kindTime) {
				if text, serr := lenientString(raw); serr == nil {
					display[name] = text
					err = nil
				}
			}
		}
		if err != nil {
			return fmt.Errorf("field %q: %w", name, err)
		}
	}
	if len(display) > 0 && displayField.IsValid() {
		displayField.Set(reflect.ValueOf(display))
	}
	return nil
}

func lenientInt(raw []byte) (int64, error) {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 {
		return 0, nil
	}
	s := string(raw)
	switch raw[0] {
	case 'n':
		if s == "null" {
			return 0, nil
		}
	case 't':
		if s == "true" {
			return 1, nil
		}
	case 'f':
		if s == "false" {
			return 0, nil
		}
	case '"':
		var err error
		if s, err = lenientString(raw); err != nil {
			return 0, err
		}
		s = strings.TrimSpace(s)
		if s == "" {
			return 0, nil
		}
	}
	if n, err := strconv.ParseInt(s, 10, 64); err == nil {
		return n, nil
	}
	if f, err := strconv.ParseFloat(s, 64); err == nil && f == math.Trunc(f) && math.Abs(f) < 1<<62 {
		return int64(f), nil
	}
	return 0, fmt.Errorf("cannot decode %s as an integer", snippet(raw))
}

func lenientBool(raw []byte) (bool, error) {
	raw = bytes.TrimSpace(raw)
	s := string(raw)
	if len(raw) > 0 && raw[0] == '"' {
		if err := json.Unmarshal(raw, &s); err != nil {
			return false, err
		}
		s = strings.ToLower(strings.TrimSpace(s))
	}
	switch s {
	case "true", "1", "yes", "on", "enabled":
		return true, nil
	case "false", "0", "no", "off", "disabled", "", "null":
		return false, nil
	}
	if f, err := strconv.ParseFloat(s, 64); err == nil {
		return f != 0, nil
	}
	return false, fmt.Errorf("cannot decode %s as a boolean", snippet(raw))
}

func lenientString(raw []byte) (string, error) {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 {
		return "", nil
	}
	switch raw[0] {
	case '"':
		if len(raw) >= 2 && raw[len(raw)-1] == '"' && bytes.IndexByte(raw, '\\') < 0 {
			return string(raw[1 : len(raw)-1]), nil
		}
		var s string
		err := json.Unmarshal(raw, &s)
		return s, err
	case 'n':
		if string(raw) == "null" {
			return "", nil
		}
	case '{', '[':
		return "", fmt.Errorf("cannot decode %s as a string", snippet(raw))
	}
	// Numbers and booleans keep their JSON text (a numeric barcode).
	if json.Valid(raw) {
		return string(raw), nil
	}
	return "", fmt.Errorf("cannot decode %s as a string", snippet(raw))
}

func snippet(b []byte) string {
	const max = 64
	if len(b) > max {
		return string(b[:max]) + "..."
	}
	return string(b)
}

// number is a Decimal that encodes as a JSON number, for request bodies whose
// values NexoPOS compares or computes with as numbers.
type number Decimal

// MarshalJSON writes the decimal as a JSON number (0 when unset).
func (n number) MarshalJSON() ([]byte, error) {
	d := Decimal(n)
	if !d.Valid() {
		return []byte("0"), nil
	}
	return []byte(d.String()), nil
}

// UnmarshalJSON reads a number or a numeric string.
func (n *number) UnmarshalJSON(b []byte) error { return (*Decimal)(n).UnmarshalJSON(b) }

// IsZero reports whether the decimal is unset, for omitzero.
func (n number) IsZero() bool { return Decimal(n).IsZero() }
