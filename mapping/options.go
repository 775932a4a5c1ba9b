package mapping

import (
	"fmt"
	"time"
)

// Option configures a store at construction. A bad option makes the
// constructor fail.
type Option func(*options) error

type options struct {
	prefix string
	now    func() time.Time
	// maxVersion stops migrations at a version (tests of upgrades); 0 means
	// the latest.
	maxVersion int
}

func buildOptions(opts []Option) (options, error) {
	o := options{now: time.Now}
	for _, opt := range opts {
		if opt == nil {
			continue
		}
		if err := opt(&o); err != nil {
			return options{}, err
		}
	}
	return o, nil
}

// WithTablePrefix prefixes the names of the SQL tables (and of the
// schema_version table), so several stores can share one database. The
// prefix is up to 32 lower-case letters, digits and underscores, starting
// with a letter. Memory stores ignore it.
func WithTablePrefix(prefix string) Option {
	return func(o *options) error {
		if len(prefix) > 32 {
			return fmt.Errorf("mapping: table prefix %q: %w: longer than 32", prefix, ErrInvalid)
		}
		for i, r := range prefix {
			ok := r >= 'a' && r <= 'z' || r == '_' || i > 0 && r >= '0' && r <= '9'
			if !ok {
				return fmt.Errorf("mapping: table prefix %q: %w: use a-z, 0-9 and '_', starting with a letter or '_'", prefix, ErrInvalid)
			}
		}
		o.prefix = prefix
		return nil
	}
}

// WithClock sets the clock used for leases, expiries and UpdatedAt
// (time.Now by default), for tests that need to move time.
func WithClock(now func() time.Time) Option {
	return func(o *options) error {
		if now == nil {
			return fmt.Errorf("mapping: clock: %w: nil", ErrInvalid)
		}
		o.now = now
		return nil
	}
}
