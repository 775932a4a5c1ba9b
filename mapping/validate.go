package mapping

import (
	"fmt"
	"strings"
	"time"
	"unicode/utf8"
)

// MaxPayloadBytes is the largest [Event.Payload] a store keeps; [Store.Append]
// fails with [ErrInvalid] past it, on every implementation alike. It is room
// for an 8 MiB webhook body and 64 KiB of what the syncer keeps beside it
// (topic, ids, clipped header values), and stays well below the default
// max_allowed_packet of MySQL 8 (64 MiB) and MariaDB (16 MiB).
const MaxPayloadBytes = 8<<20 + 64<<10

// Limits enforced on every store so that all of them accept the same input.
const (
	maxKindLen  = 64
	maxKeyLen   = 191 // fits a utf8mb4 index key on every MySQL version
	maxStockLen = 64
	maxErrorLen = 4000
	maxLimitLen = 1 << 20 // free text: fingerprints, reasons, cursor values
)

func (k Kind) validate() error {
	if k == "" || len(k) > maxKindLen {
		return fmt.Errorf("%w: kind %q must be 1 to %d characters", ErrInvalid, k, maxKindLen)
	}
	for _, r := range k {
		if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '_' || r == '-' || r == '.') {
			return fmt.Errorf("%w: kind %q may hold only a-z, 0-9, '_', '-' and '.'", ErrInvalid, k)
		}
	}
	return nil
}

func (s Side) validate() error {
	if s != SideWoo && s != SideNexo {
		return fmt.Errorf("%w: side %q is neither %q nor %q", ErrInvalid, s, SideWoo, SideNexo)
	}
	return nil
}

func validateID(what string, id int64) error {
	if id <= 0 {
		return fmt.Errorf("%w: %s %d is not positive", ErrInvalid, what, id)
	}
	return nil
}

// validateKey checks identifiers stored in indexed columns: non-empty,
// bounded, valid UTF-8 without NUL (PostgreSQL rejects both).
func validateKey(what, v string) error {
	if v == "" || len(v) > maxKeyLen {
		return fmt.Errorf("%w: %s must be 1 to %d bytes", ErrInvalid, what, maxKeyLen)
	}
	return validateText(what, v, maxKeyLen)
}

func validateText(what, v string, max int) error {
	if len(v) > max {
		return fmt.Errorf("%w: %s is longer than %d bytes", ErrInvalid, what, max)
	}
	if !utf8.ValidString(v) || strings.IndexByte(v, 0) >= 0 {
		return fmt.Errorf("%w: %s is not valid UTF-8 text", ErrInvalid, what)
	}
	return nil
}

func validateDuration(what string, d time.Duration) error {
	if d <= 0 {
		return fmt.Errorf("%w: %s %v is not positive", ErrInvalid, what, d)
	}
	return nil
}

func validateTime(what string, t time.Time) error {
	if t.IsZero() {
		return nil
	}
	if y := t.Year(); y < 1 || y > 9999 {
		return fmt.Errorf("%w: %s %v is outside years 1 to 9999", ErrInvalid, what, t)
	}
	return nil
}

// validateStock accepts "" or a plain decimal: optional '-', digits, and an
// optional fraction.
func validateStock(what, v string) error {
	if v == "" {
		return nil
	}
	if len(v) > maxStockLen {
		return fmt.Errorf("%w: %s is longer than %d bytes", ErrInvalid, what, maxStockLen)
	}
	s := strings.TrimPrefix(v, "-")
	intPart, frac, hasDot := strings.Cut(s, ".")
	if !allDigits(intPart) || hasDot && !allDigits(frac) {
		return fmt.Errorf("%w: %s %q is not a decimal number", ErrInvalid, what, v)
	}
	return nil
}

func allDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

func (l Link) validate() error {
	if err := l.Kind.validate(); err != nil {
		return err
	}
	if err := validateID("woo id", l.WooID); err != nil {
		return err
	}
	if err := validateID("nexo id", l.NexoID); err != nil {
		return err
	}
	for _, f := range []struct{ what, v string }{
		{"woo fingerprint", l.WooFingerprint},
		{"nexo fingerprint", l.NexoFingerprint},
	} {
		if err := validateText(f.what, f.v, maxLimitLen); err != nil {
			return err
		}
	}
	if err := validateTime("woo modified", l.WooModified); err != nil {
		return err
	}
	if err := validateTime("nexo modified", l.NexoModified); err != nil {
		return err
	}
	if err := validateStock("woo stock", l.WooStock); err != nil {
		return err
	}
	if err := validateStock("woo sales", l.WooSales); err != nil {
		return err
	}
	return validateStock("nexo stock", l.NexoStock)
}

func (s Skip) validate() error {
	if err := s.Kind.validate(); err != nil {
		return err
	}
	if err := s.Side.validate(); err != nil {
		return err
	}
	if err := validateID("id", s.ID); err != nil {
		return err
	}
	if err := validateText("reason", s.Reason, maxLimitLen); err != nil {
		return err
	}
	return validateTime("time", s.At)
}

func (e Event) validate() error {
	if err := validateKey("event id", e.ID); err != nil {
		return err
	}
	if err := validateText("source", e.Source, maxKindLen); err != nil {
		return err
	}
	if err := validateText("topic", e.Topic, maxKeyLen); err != nil {
		return err
	}
	if len(e.Payload) > MaxPayloadBytes {
		return fmt.Errorf("%w: payload of %d bytes is larger than %d", ErrInvalid, len(e.Payload), MaxPayloadBytes)
	}
	return nil
}

// errorText turns a failure cause into the stored last error: never empty,
// valid UTF-8, bounded.
func errorText(cause error) string {
	if cause == nil {
		return "unknown error"
	}
	s := strings.ToValidUTF8(strings.ReplaceAll(cause.Error(), "\x00", ""), "\uFFFD")
	if len(s) > maxErrorLen {
		s = strings.ToValidUTF8(s[:maxErrorLen], "")
	}
	if s == "" {
		s = "unknown error"
	}
	return s
}

// micros converts a time to what the stores keep: microseconds since the
// epoch. The zero time maps to its own (negative) value and back.
func micros(t time.Time) int64 { return t.UnixMicro() }

// fromMicros is the inverse of micros, in UTC.
func fromMicros(us int64) time.Time { return time.UnixMicro(us).UTC() }

// norm returns t as a store returns it: UTC, truncated to the microsecond.
func norm(t time.Time) time.Time { return fromMicros(micros(t)) }

// linkDesc names a link in errors: "product link woo=12 nexo=40".
func linkDesc(l Link) string {
	return fmt.Sprintf("%s link woo=%d nexo=%d", l.Kind, l.WooID, l.NexoID)
}

// sideDesc names a side's id in errors: "product link woo=12".
func sideDesc(kind Kind, side Side, id int64) string {
	if side == SideNexo {
		return fmt.Sprintf("%s link nexo=%d", kind, id)
	}
	return fmt.Sprintf("%s link woo=%d", kind, id)
}
