package wire

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"

	"github.com/shopspring/decimal"
)

// Decimal is an exact decimal number that may be unset. It is used for money
// ("19.99") and for quantities, which some stores send as fractions.
//
// It decodes the shapes both servers send: a JSON string ("19.99"), a JSON
// number (19.99, or WooCommerce's computed line price 14.309999999999999,
// kept exactly as written), the empty string and null. The empty string and
// null decode to the unset value, which WooCommerce uses for "no sale price".
//
// It encodes as a JSON string, the way WooCommerce expects money; the unset
// value encodes as "" (WooCommerce's way to clear a price). Use the
// `omitzero` struct tag to leave an unset value out of a request.
type Decimal struct {
	d     decimal.Decimal
	valid bool
}

// NewDecimal parses s ("19.99", "-10.00", "3") into a set Decimal.
func NewDecimal(s string) (Decimal, error) {
	d, err := decimal.NewFromString(s)
	if err != nil {
		return Decimal{}, fmt.Errorf("invalid decimal %q", s)
	}
	return Decimal{d: d, valid: true}, nil
}

// MustDecimal is like NewDecimal but panics on a malformed literal. It is meant
// for constants in code and tests, never for input.
func MustDecimal(s string) Decimal {
	d, err := NewDecimal(s)
	if err != nil {
		panic(err)
	}
	return d
}

// DecimalFromInt returns the set Decimal n.
func DecimalFromInt(n int64) Decimal { return Decimal{d: decimal.NewFromInt(n), valid: true} }

// DecimalFrom wraps a shopspring decimal as a set Decimal.
func DecimalFrom(d decimal.Decimal) Decimal { return Decimal{d: d, valid: true} }

// Valid reports whether the value is set (it was not "", null or missing).
func (x Decimal) Valid() bool { return x.valid }

// IsZero reports whether the value is unset, so that `omitzero` leaves it out.
// A set zero ("0.00") is not zero in this sense.
func (x Decimal) IsZero() bool { return !x.valid }

// Decimal returns the value as a shopspring decimal for arithmetic; an unset
// value is 0.
func (x Decimal) Decimal() decimal.Decimal { return x.d }

// String returns the value as written ("19.99"), or "" when unset.
func (x Decimal) String() string {
	if !x.valid {
		return ""
	}
	return x.d.String()
}

// StringFixed returns the value rounded to places decimal places ("19.90"),
// or "" when unset.
func (x Decimal) StringFixed(places int32) string {
	if !x.valid {
		return ""
	}
	return x.d.StringFixed(places)
}

// Equal reports whether x and y are both unset, or both set and numerically
// equal ("19.9" equals "19.90").
func (x Decimal) Equal(y Decimal) bool {
	if x.valid != y.valid {
		return false
	}
	return !x.valid || x.d.Equal(y.d)
}

// Add returns x+y; an unset operand counts as 0 and the result is set.
func (x Decimal) Add(y Decimal) Decimal { return Decimal{d: x.d.Add(y.d), valid: true} }

// Sub returns x-y; an unset operand counts as 0 and the result is set.
func (x Decimal) Sub(y Decimal) Decimal { return Decimal{d: x.d.Sub(y.d), valid: true} }

// Mul returns x*y; an unset operand counts as 0 and the result is set.
func (x Decimal) Mul(y Decimal) Decimal { return Decimal{d: x.d.Mul(y.d), valid: true} }

// Neg returns -x, unset if x is unset.
func (x Decimal) Neg() Decimal { return Decimal{d: x.d.Neg(), valid: x.valid} }

// Cmp compares x and y numerically (unset counts as 0): -1, 0 or +1.
func (x Decimal) Cmp(y Decimal) int { return x.d.Cmp(y.d) }

// Sign returns -1, 0 or +1 (0 when unset).
func (x Decimal) Sign() int { return x.d.Sign() }

// IntPart returns the integer part, truncated toward zero (0 when unset).
func (x Decimal) IntPart() int64 { return x.d.IntPart() }

// Round returns x rounded half away from zero to places decimal places.
func (x Decimal) Round(places int32) Decimal { return Decimal{d: x.d.Round(places), valid: x.valid} }

// MarshalJSON encodes a set value as a JSON string and an unset one as "".
func (x Decimal) MarshalJSON() ([]byte, error) {
	if !x.valid {
		return []byte(`""`), nil
	}
	return strconv.AppendQuote(nil, x.d.String()), nil
}

// UnmarshalJSON accepts a JSON string, a JSON number, "" and null.
func (x *Decimal) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	if len(b) == 0 || bytes.Equal(b, []byte("null")) {
		*x = Decimal{}
		return nil
	}
	s := string(b)
	if b[0] == '"' {
		var err error
		if s, err = strconv.Unquote(s); err != nil {
			return fmt.Errorf("decimal: malformed JSON string %s", truncate(b))
		}
		s = trimSpace(s)
		if s == "" {
			*x = Decimal{}
			return nil
		}
	} else if b[0] == 't' || b[0] == 'f' || b[0] == '{' || b[0] == '[' {
		return fmt.Errorf("decimal: cannot decode %s", truncate(b))
	}
	d, err := decimal.NewFromString(s)
	if err != nil {
		return fmt.Errorf("decimal: cannot decode %s", truncate(b))
	}
	*x = Decimal{d: d, valid: true}
	return nil
}

// MarshalText encodes the value as text ("" when unset), for query strings.
func (x Decimal) MarshalText() ([]byte, error) { return []byte(x.String()), nil }

// UnmarshalText parses text ("" is unset).
func (x *Decimal) UnmarshalText(b []byte) error {
	if len(bytes.TrimSpace(b)) == 0 {
		*x = Decimal{}
		return nil
	}
	return x.UnmarshalJSON(strconv.AppendQuote(nil, string(b)))
}

var _ json.Marshaler = Decimal{}

func trimSpace(s string) string { return string(bytes.TrimSpace([]byte(s))) }

func truncate(b []byte) string {
	const max = 64
	if len(b) > max {
		return string(b[:max]) + "..."
	}
	return string(b)
}
