package wire

import (
	"bytes"
	"fmt"
	"strconv"
	"time"
)

// Time is a timestamp that decodes every format WooCommerce and NexoPOS send,
// and null.
//
//   - "2006-01-02T15:04:05": WooCommerce's dates, with no offset. The `_gmt`
//     twins are UTC; the others are the store's local wall clock, which the
//     payload does not name, so they decode as that wall clock in UTC.
//   - "2006-01-02 15:04:05": NexoPOS orders and CRUD lists (server time, UTC
//     by default).
//   - RFC 3339 with or without fraction ("2026-11-27T07:09:11.000000Z"):
//     NexoPOS plain endpoints.
//   - null, "" and WooCommerce's "0000-00-00 00:00:00": the zero Time.
//
// It encodes as "2006-01-02T15:04:05" in its own location (what WooCommerce
// reads), and the zero Time as null.
type Time struct {
	time.Time
}

var timeLayouts = []string{
	"2006-01-02T15:04:05",
	"2006-01-02 15:04:05",
	time.RFC3339Nano,
	"2006-01-02T15:04:05.999999999",
	"2006-01-02 15:04:05.999999999",
	"2006-01-02 15:04:05Z07:00",
	"2006-01-02",
}

// ParseTime parses s in any of the formats Time decodes.
func ParseTime(s string) (Time, error) {
	if s == "" || s == "0000-00-00 00:00:00" || s == "0000-00-00T00:00:00" {
		return Time{}, nil
	}
	for _, l := range timeLayouts {
		if t, err := time.Parse(l, s); err == nil {
			return Time{t}, nil
		}
	}
	return Time{}, fmt.Errorf("time: cannot parse %q", truncate([]byte(s)))
}

// MarshalJSON encodes the zero Time as null and any other as
// "2006-01-02T15:04:05".
func (t Time) MarshalJSON() ([]byte, error) {
	if t.IsZero() {
		return []byte("null"), nil
	}
	return strconv.AppendQuote(nil, t.Format("2006-01-02T15:04:05")), nil
}

// UnmarshalJSON accepts a JSON string in any supported format, "" and null.
func (t *Time) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	if bytes.Equal(b, []byte("null")) || len(b) == 0 {
		*t = Time{}
		return nil
	}
	s, err := strconv.Unquote(string(b))
	if err != nil {
		return fmt.Errorf("time: expected a JSON string, got %s", truncate(b))
	}
	v, err := ParseTime(s)
	if err != nil {
		return err
	}
	*t = v
	return nil
}
