package woocommerce

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
)

// FlexString is a string that also decodes from a JSON number, a boolean or
// null, the way PHP would turn the value into a string: 7 is "7", true is "1",
// false and null are "". WooCommerce sends such values where PHP arrays keep
// what get_option or a database row returned: a page id in the system status
// ("7", 7 or false), a state code that PHP turned into an integer key, a
// remote check's response (an HTTP status or an error message). It encodes as
// a JSON string.
type FlexString string

// UnmarshalJSON accepts a string, a number, a boolean and null.
func (s *FlexString) UnmarshalJSON(b []byte) error {
	v, err := flexString(b)
	if err != nil {
		return err
	}
	*s = FlexString(v)
	return nil
}

// String returns the value.
func (s FlexString) String() string { return string(s) }

// flexString converts one JSON scalar to a string as PHP's (string) cast does.
func flexString(b []byte) (string, error) {
	b = bytes.TrimSpace(b)
	if len(b) == 0 {
		return "", nil
	}
	switch b[0] {
	case '"':
		var s string
		if err := json.Unmarshal(b, &s); err != nil {
			return "", fmt.Errorf("string: malformed JSON string %s", short(b))
		}
		return s, nil
	case 't':
		if bytes.Equal(b, []byte("true")) {
			return "1", nil
		}
	case 'f':
		if bytes.Equal(b, []byte("false")) {
			return "", nil
		}
	case 'n':
		if bytes.Equal(b, []byte("null")) {
			return "", nil
		}
	case '{', '[':
		return "", fmt.Errorf("string: expected a scalar, got %s", short(b))
	default:
		var n json.Number
		if err := json.Unmarshal(b, &n); err == nil {
			return n.String(), nil
		}
	}
	return "", fmt.Errorf("string: cannot decode %s", short(b))
}

// StringMap is a JSON object of strings, such as the system status
// taxonomies ({"simple": "simple", ...}). PHP encodes an
// empty array as [] and an array with keys 0..n-1 as a JSON list, so a
// StringMap also decodes [] (empty) and ["a", "b"] ({"0": "a", "1": "b"}).
// Values that are not strings are kept as PHP would print them (FlexString)
// or, for objects and lists, as their JSON text.
type StringMap map[string]string

// UnmarshalJSON accepts an object, a list and null.
func (m *StringMap) UnmarshalJSON(b []byte) error {
	raw, err := decodePHPMap[json.RawMessage](b)
	if err != nil {
		return fmt.Errorf("string map: %w", err)
	}
	if raw == nil {
		*m = nil
		return nil
	}
	out := make(StringMap, len(raw))
	for k, v := range raw {
		s, err := flexString(v)
		if err != nil {
			s = string(bytes.TrimSpace(v)) // nested object or list: keep its JSON
		}
		out[k] = s
	}
	*m = out
	return nil
}

// StringList is a JSON list of strings. PHP sends an array whose keys are no
// longer 0..n-1 (after a plugin unset an entry) as a JSON object; StringList
// takes that object's values in order. Non-string entries are converted as
// FlexString does.
type StringList []string

// UnmarshalJSON accepts a list, an object and null.
func (l *StringList) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	if len(b) == 0 || bytes.Equal(b, []byte("null")) {
		*l = nil
		return nil
	}
	var vals []json.RawMessage
	switch b[0] {
	case '[':
		if err := json.Unmarshal(b, &vals); err != nil {
			return fmt.Errorf("string list: %w", err)
		}
	case '{':
		var err error
		if vals, err = orderedValues(b); err != nil {
			return fmt.Errorf("string list: %w", err)
		}
	default:
		return fmt.Errorf("string list: expected a list, got %s", short(b))
	}
	out := make(StringList, 0, len(vals))
	for _, v := range vals {
		s, err := flexString(v)
		if err != nil {
			return fmt.Errorf("string list: %w", err)
		}
		out = append(out, s)
	}
	*l = out
	return nil
}

// orderedValues returns the member values of a JSON object in document order.
func orderedValues(b []byte) ([]json.RawMessage, error) {
	dec := json.NewDecoder(bytes.NewReader(b))
	if _, err := dec.Token(); err != nil { // {
		return nil, err
	}
	var vals []json.RawMessage
	for dec.More() {
		if _, err := dec.Token(); err != nil { // key
			return nil, err
		}
		var v json.RawMessage
		if err := dec.Decode(&v); err != nil {
			return nil, err
		}
		vals = append(vals, v)
	}
	return vals, nil
}

// decodePHPMap decodes a JSON object into a map, accepting what PHP sends for
// an associative array: an object, [] when it is empty, a list when its keys
// happen to be 0..n-1 (keyed "0", "1", ...), and null (a nil map).
func decodePHPMap[V any](b []byte) (map[string]V, error) {
	b = bytes.TrimSpace(b)
	if len(b) == 0 || bytes.Equal(b, []byte("null")) {
		return nil, nil
	}
	switch b[0] {
	case '{':
		var m map[string]V
		if err := json.Unmarshal(b, &m); err != nil {
			return nil, err
		}
		return m, nil
	case '[':
		var list []V
		if err := json.Unmarshal(b, &list); err != nil {
			return nil, err
		}
		m := make(map[string]V, len(list))
		for i, v := range list {
			m[strconv.Itoa(i)] = v
		}
		return m, nil
	}
	return nil, fmt.Errorf("expected an object, got %s", short(b))
}
