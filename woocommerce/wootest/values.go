package wootest

import (
	"bytes"
	"encoding/json"
	"regexp"
	"strconv"
	"strings"

	"github.com/shopspring/decimal"
)

// Helpers that read body values the way PHP would after WordPress
// validated them.

func decodeAny(raw json.RawMessage) any {
	var v any
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	if dec.Decode(&v) != nil {
		return nil
	}
	return v
}

func asString(raw json.RawMessage) string {
	switch v := decodeAny(raw).(type) {
	case string:
		return v
	case json.Number:
		return v.String()
	case bool:
		if v {
			return "1"
		}
		return ""
	}
	return ""
}

func asInt(raw json.RawMessage) int64 {
	switch v := decodeAny(raw).(type) {
	case json.Number:
		if n, err := v.Int64(); err == nil {
			return n
		}
		f, _ := v.Float64()
		return int64(f)
	case string:
		f, _ := strconv.ParseFloat(strings.TrimSpace(v), 64)
		return int64(f)
	case bool:
		if v {
			return 1
		}
	}
	return 0
}

func asBool(raw json.RawMessage) bool {
	switch v := decodeAny(raw).(type) {
	case bool:
		return v
	case string:
		return v == "true" || v == "1" || v == "yes"
	case json.Number:
		return v.String() != "0"
	}
	return false
}

func isNull(raw json.RawMessage) bool { return decodeAny(raw) == nil }

func asIDs(raw json.RawMessage) []int64 {
	switch v := decodeAny(raw).(type) {
	case []any:
		var out []int64
		for _, x := range v {
			b, _ := json.Marshal(x)
			if n := asInt(b); n != 0 {
				if n < 0 {
					n = -n
				}
				out = append(out, n)
			}
		}
		return out
	case string:
		return parseIDList(v)
	case json.Number:
		return parseIDList(v.String())
	}
	return nil
}

func asObjects(raw json.RawMessage) []map[string]json.RawMessage {
	var list []json.RawMessage
	if json.Unmarshal(raw, &list) != nil {
		var obj map[string]json.RawMessage
		if json.Unmarshal(raw, &obj) == nil {
			// PHP arrays with keys: take the values.
			for _, v := range obj {
				list = append(list, v)
			}
		}
	}
	var out []map[string]json.RawMessage
	for _, item := range list {
		var m map[string]json.RawMessage
		if json.Unmarshal(item, &m) == nil && m != nil {
			out = append(out, m)
		}
	}
	return out
}

func asObject(raw json.RawMessage) map[string]json.RawMessage {
	var m map[string]json.RawMessage
	if json.Unmarshal(raw, &m) != nil {
		return nil
	}
	return m
}

func asStrings(raw json.RawMessage) []string {
	switch v := decodeAny(raw).(type) {
	case []any:
		var out []string
		for _, x := range v {
			b, _ := json.Marshal(x)
			out = append(out, asString(b))
		}
		return out
	case string:
		var out []string
		for _, p := range strings.Split(v, ",") {
			if p = strings.TrimSpace(p); p != "" {
				out = append(out, p)
			}
		}
		return out
	}
	return nil
}

// formatDecimal is wc_format_decimal without rounding: a price as the
// shop owner typed it ("19.99", "20"), "" for anything that is not a
// number.
func formatDecimal(s string) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return ""
	}
	d, err := decimal.NewFromString(s)
	if err != nil {
		return ""
	}
	if strings.ContainsAny(s, "eE") {
		return d.String()
	}
	return strings.TrimPrefix(s, "+")
}

func dec(s string) decimal.Decimal {
	d, err := decimal.NewFromString(strings.TrimSpace(s))
	if err != nil {
		return decimal.Zero
	}
	return d
}

// money formats an amount with two decimals, as order totals are stored.
func money(d decimal.Decimal) string { return d.Round(2).StringFixed(2) }

var accents = strings.NewReplacer(
	"à", "a", "á", "a", "â", "a", "ã", "a", "ä", "a", "å", "a", "À", "A", "Á", "A", "Â", "A", "Ã", "A", "Ä", "A", "Å", "A",
	"è", "e", "é", "e", "ê", "e", "ë", "e", "È", "E", "É", "E", "Ê", "E", "Ë", "E",
	"ì", "i", "í", "i", "î", "i", "ï", "i", "Ì", "I", "Í", "I", "Î", "I", "Ï", "I",
	"ò", "o", "ó", "o", "ô", "o", "õ", "o", "ö", "o", "ø", "o", "Ò", "O", "Ó", "O", "Ô", "O", "Õ", "O", "Ö", "O", "Ø", "O",
	"ù", "u", "ú", "u", "û", "u", "ü", "u", "Ù", "U", "Ú", "U", "Û", "U", "Ü", "U",
	"ç", "c", "Ç", "C", "ñ", "n", "Ñ", "N", "ß", "ss", "ý", "y", "ÿ", "y", "Ý", "Y", "æ", "ae", "Æ", "AE", "œ", "oe", "Œ", "OE",
)

var nonSlug = regexp.MustCompile(`[^a-z0-9_-]+`)
var dashes = regexp.MustCompile(`-+`)

// sanitizeTitle approximates WordPress' sanitize_title: lower case, accents
// removed, anything else a dash.
func sanitizeTitle(s string) string {
	out := strings.ToLower(accents.Replace(s))
	out = strings.ReplaceAll(out, " ", "-")
	out = strings.ReplaceAll(out, ".", "-")
	out = nonSlug.ReplaceAllString(out, "")
	out = dashes.ReplaceAllString(out, "-")
	return strings.Trim(out, "-")
}

// priceHTML renders wc_price with the store's currency.
func (s *Store) wcPrice(amount string, ariaHidden bool) string {
	attr := ""
	if ariaHidden {
		attr = ` aria-hidden="true"`
	}
	return `<span class="woocommerce-Price-amount amount"` + attr + `><bdi><span class="woocommerce-Price-currencySymbol">` +
		s.cfg.currencyHTML + `</span>` + dec(amount).StringFixed(2) + `</bdi></span>`
}

func (s *Store) salePriceHTML(regular, sale string) string {
	r, sp := dec(regular).StringFixed(2), dec(sale).StringFixed(2)
	return `<del aria-hidden="true">` + s.wcPrice(regular, false) + `</del> <span class="screen-reader-text">Original price was: &#036;` + r +
		`.</span><ins aria-hidden="true">` + s.wcPrice(sale, false) + `</ins><span class="screen-reader-text">Current price is: &#036;` + sp + `.</span>`
}

func (s *Store) rangeHTML(lo, hi string) string {
	return s.wcPrice(lo, true) + ` <span aria-hidden="true">&ndash;</span> ` + s.wcPrice(hi, true) +
		`<span class="screen-reader-text">Price range: ` + s.cfg.currencyHTML + dec(lo).StringFixed(2) + ` through ` + s.cfg.currencyHTML + dec(hi).StringFixed(2) + `</span>`
}
