package woocommerce

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"

	"github.com/shopspring/decimal"
	"github.com/woonexo/woonexo/internal/wire"
)

// Decimal is an exact decimal for money and quantities. WooCommerce sends
// money as a string ("19.99", "" for an unset sale price), plugins sometimes
// as a number, and line item prices as a computed JSON number; Decimal
// decodes all of them and encodes as a string. The unset value is IsZero, so
// an `omitzero` field is left out of a request. It is the same type as
// nexopos.Decimal.
type Decimal = wire.Decimal

// Time is a timestamp as WooCommerce sends it: "2006-01-02T15:04:05" with no
// offset (store-local time in date_created, UTC in the date_created_gmt
// twin), or null. Prefer the *GMT fields. It is the same type as
// nexopos.Time.
type Time = wire.Time

// NewDecimal parses "19.99" into a Decimal.
func NewDecimal(s string) (Decimal, error) { return wire.NewDecimal(s) }

// MustDecimal parses a decimal literal and panics if it is malformed; use it
// for constants only, never for input.
func MustDecimal(s string) Decimal { return wire.MustDecimal(s) }

// DecimalFromInt returns n as a Decimal.
func DecimalFromInt(n int64) Decimal { return wire.DecimalFromInt(n) }

// DecimalFrom wraps a shopspring decimal.
func DecimalFrom(d decimal.Decimal) Decimal { return wire.DecimalFrom(d) }

// Ptr returns a pointer to v, for the optional fields of request types:
// Featured: woocommerce.Ptr(true).
func Ptr[T any](v T) *T { return &v }

// FlexInt is an integer that also decodes from a JSON string ("0"), a float
// with no fraction (3.0), "" and null (both 0). WooCommerce sends
// total_sales as a string on some stores and a number on others, and some
// ids as "".
type FlexInt int64

// UnmarshalJSON accepts a number, a numeric string, "" and null.
func (n *FlexInt) UnmarshalJSON(b []byte) error {
	v, ok, err := parseLenientInt(b)
	if err != nil {
		return err
	}
	if !ok {
		v = 0
	}
	*n = FlexInt(v)
	return nil
}

// NullInt is an integer that may be null, such as stock_quantity (null when
// stock is not managed) or a coupon's usage_limit (null for no limit). It
// decodes a number, a numeric string or a float with no fraction; "" and
// null decode to the invalid value. It encodes as a number or null.
type NullInt struct {
	Int64 int64
	Valid bool
}

// Int returns a valid NullInt holding n.
func Int(n int64) NullInt { return NullInt{Int64: n, Valid: true} }

// UnmarshalJSON accepts a number, a numeric string, "" and null.
func (n *NullInt) UnmarshalJSON(b []byte) error {
	v, ok, err := parseLenientInt(b)
	if err != nil {
		return err
	}
	*n = NullInt{Int64: v, Valid: ok}
	return nil
}

// MarshalJSON encodes a number, or null when invalid.
func (n NullInt) MarshalJSON() ([]byte, error) {
	if !n.Valid {
		return []byte("null"), nil
	}
	return strconv.AppendInt(nil, n.Int64, 10), nil
}

// IsZero reports whether n is null, so `omitzero` leaves it out.
func (n NullInt) IsZero() bool { return !n.Valid }

// String returns the number, or "null".
func (n NullInt) String() string {
	if !n.Valid {
		return "null"
	}
	return strconv.FormatInt(n.Int64, 10)
}

// parseLenientInt decodes an integer from a JSON number or string; ok is
// false for null and "". A value with a fraction is an error rather than a
// silent truncation: stock counts must not drift.
func parseLenientInt(b []byte) (v int64, ok bool, err error) {
	b = bytes.TrimSpace(b)
	if len(b) == 0 || bytes.Equal(b, []byte("null")) {
		return 0, false, nil
	}
	s := string(b)
	if b[0] == '"' {
		if s, err = strconv.Unquote(s); err != nil {
			return 0, false, fmt.Errorf("integer: malformed JSON string %s", short(b))
		}
		s = string(bytes.TrimSpace([]byte(s)))
		if s == "" {
			return 0, false, nil
		}
	}
	if v, err := strconv.ParseInt(s, 10, 64); err == nil {
		return v, true, nil
	}
	d, err := decimal.NewFromString(s)
	if err != nil {
		return 0, false, fmt.Errorf("integer: cannot decode %s", short(b))
	}
	if !d.IsInteger() {
		return 0, false, fmt.Errorf("integer: %s has a fraction", short(b))
	}
	if !d.BigInt().IsInt64() {
		return 0, false, fmt.Errorf("integer: %s out of range", short(b))
	}
	return d.IntPart(), true, nil
}

func short(b []byte) string {
	if len(b) > 64 {
		return string(b[:64]) + "..."
	}
	return string(b)
}

// ManageStock says whether stock is managed. Products send true or false;
// variations also send "parent" when the parent product manages the stock.
type ManageStock int8

// ManageStock values.
const (
	// StockNotManaged is false: no stock quantity is kept.
	StockNotManaged ManageStock = iota
	// StockManaged is true: the item keeps its own stock quantity.
	StockManaged
	// StockManagedByParent is "parent": a variation whose parent product
	// keeps the stock.
	StockManagedByParent
)

// Managed reports whether some stock quantity applies (own or parent's).
func (m ManageStock) Managed() bool { return m == StockManaged || m == StockManagedByParent }

// String returns "false", "true" or "parent".
func (m ManageStock) String() string {
	switch m {
	case StockManaged:
		return "true"
	case StockManagedByParent:
		return "parent"
	}
	return "false"
}

// MarshalJSON encodes true, false or "parent".
func (m ManageStock) MarshalJSON() ([]byte, error) {
	if m == StockManagedByParent {
		return []byte(`"parent"`), nil
	}
	return []byte(m.String()), nil
}

// UnmarshalJSON accepts true, false, "parent", null, "yes"/"no", "1"/"0"
// and 1/0.
func (m *ManageStock) UnmarshalJSON(b []byte) error {
	switch s := string(bytes.TrimSpace(b)); s {
	case "true", `"true"`, `"yes"`, "1", `"1"`:
		*m = StockManaged
	case "false", `"false"`, `"no"`, "0", `"0"`, "null", `""`:
		*m = StockNotManaged
	case `"parent"`:
		*m = StockManagedByParent
	default:
		return fmt.Errorf("manage_stock: cannot decode %s", short(b))
	}
	return nil
}

// MetaData is one custom field (meta_data entry). Its value may be any JSON
// value: a string, a number, an object written by a plugin, ...
type MetaData struct {
	// ID is the meta entry's id; 0 in a request adds a new entry (or
	// updates the entry with the same key).
	ID int64 `json:"id,omitzero"`
	// Key is the meta key; keys starting with "_" are hidden in the admin.
	Key string `json:"key"`
	// Value is the raw JSON value.
	Value json.RawMessage `json:"value"`
	// DisplayKey and DisplayValue are sent on order line items only.
	DisplayKey   string          `json:"display_key,omitzero"`
	DisplayValue json.RawMessage `json:"display_value,omitzero"`
}

// Meta returns a MetaData entry with value encoded as JSON. It fails only for
// values encoding/json cannot encode.
func Meta(key string, value any) (MetaData, error) {
	b, err := json.Marshal(value)
	if err != nil {
		return MetaData{}, fmt.Errorf("meta %q: %w", key, err)
	}
	return MetaData{Key: key, Value: b}, nil
}

// StringMeta returns a MetaData entry with a string value, the usual kind for
// a sync reference.
func StringMeta(key, value string) MetaData {
	b, _ := json.Marshal(value) // a string always encodes
	return MetaData{Key: key, Value: b}
}

// String returns the value if it is a JSON string, and otherwise the raw
// JSON text ("42", "{...}"); "" for null.
func (m MetaData) String() string {
	v := bytes.TrimSpace(m.Value)
	if len(v) == 0 || bytes.Equal(v, []byte("null")) {
		return ""
	}
	if v[0] == '"' {
		var s string
		if json.Unmarshal(v, &s) == nil {
			return s
		}
	}
	return string(v)
}

// Decode decodes the value into v.
func (m MetaData) Decode(v any) error {
	if err := json.Unmarshal(m.Value, v); err != nil {
		return fmt.Errorf("meta %q: %w", m.Key, err)
	}
	return nil
}

// MetaList is a resource's meta_data.
type MetaList []MetaData

// Get returns the first entry with key.
func (l MetaList) Get(key string) (MetaData, bool) {
	for _, m := range l {
		if m.Key == key {
			return m, true
		}
	}
	return MetaData{}, false
}

// Value returns the value of the first entry with key as MetaData.String
// does, or "" when there is none.
func (l MetaList) Value(key string) string {
	m, _ := l.Get(key)
	return m.String()
}

// Dimensions are a product's dimensions as the store sends them: strings in
// the store's unit, "" when unset.
type Dimensions struct {
	Length string `json:"length"`
	Width  string `json:"width"`
	Height string `json:"height"`
}

// Image is a product, variation or category image.
type Image struct {
	ID              int64  `json:"id"`
	DateCreated     Time   `json:"date_created"`
	DateCreatedGMT  Time   `json:"date_created_gmt"`
	DateModified    Time   `json:"date_modified"`
	DateModifiedGMT Time   `json:"date_modified_gmt"`
	Src             string `json:"src"`
	Name            string `json:"name"`
	Alt             string `json:"alt"`
}

// ImageRequest sets an image: by ID for one in the media library, or by Src
// for the store to download.
type ImageRequest struct {
	ID   int64  `json:"id,omitzero"`
	Src  string `json:"src,omitzero"`
	Name string `json:"name,omitzero"`
	Alt  string `json:"alt,omitzero"`
}

// Ref points to another resource by id, as requests name categories, tags
// and brands: {"id": 9}.
type Ref struct {
	ID int64 `json:"id"`
}

// Refs returns a Ref for each id.
func Refs(ids ...int64) []Ref {
	out := make([]Ref, len(ids))
	for i, id := range ids {
		out[i] = Ref{ID: id}
	}
	return out
}

// Address is a billing or shipping address. The shipping address has no
// email. In a request the whole address is replaced: a field left "" is
// cleared.
type Address struct {
	FirstName string `json:"first_name"`
	LastName  string `json:"last_name"`
	Company   string `json:"company"`
	Address1  string `json:"address_1"`
	Address2  string `json:"address_2"`
	City      string `json:"city"`
	State     string `json:"state"`
	Postcode  string `json:"postcode"`
	Country   string `json:"country"`
	Email     string `json:"email,omitzero"`
	Phone     string `json:"phone"`
}

// Links are a resource's _links: relation name to targets.
type Links map[string][]Link

// Link is one _links target.
type Link struct {
	Href string `json:"href"`
}
