// Package testclock gives the project's tests and fakes one clock that starts
// at a fixed instant, so that no test depends on the day it runs, and lets CI
// move that instant and the fake store's time zone from outside.
//
// A [Clock] starts at [Start] and then advances with the monotonic clock, so code that waits, leases or throttles still sees
// time pass. [Start] is the instant in the environment variable [EnvStart]
// (RFC 3339, e.g. 2028-02-29T23:59:30Z) when it is set, else the default
// the test names. [Zone] is the IANA zone in [EnvZone], else UTC; the fake
// WooCommerce store takes it as its timezone. A [Manual] clock stands still
// until the test advances it, for leases and TTLs.
//
//	WOONEXO_TEST_START=2027-03-28T00:59:30Z WOONEXO_TEST_ZONE=Europe/Berlin go test ./...
//
// It is internal: only this module's tests use it.
package testclock

import (
	"os"
	"sync"
	"testing"
	"time"
	_ "time/tzdata" // zones on machines without /usr/share/zoneinfo
)

const (
	// EnvStart names the environment variable that sets the instant every
	// test clock starts at, in RFC 3339.
	EnvStart = "WOONEXO_TEST_START"
	// EnvZone names the environment variable that sets the fake store's
	// time zone (an IANA name such as America/New_York).
	EnvZone = "WOONEXO_TEST_ZONE"
)

// Recorded is the instant the shared NexoPOS and WooCommerce samples were
// recorded around (2026-11-27 07:08:14 UTC); tests start there by default.
var Recorded = time.Date(2026, 11, 27, 7, 8, 14, 0, time.UTC)

// Start returns the instant tests start at: $WOONEXO_TEST_START when set,
// else def. A value that does not parse fails tb.
func Start(tb testing.TB, def time.Time) time.Time {
	tb.Helper()
	v := os.Getenv(EnvStart)
	if v == "" {
		return def
	}
	t, err := time.Parse(time.RFC3339Nano, v)
	if err != nil {
		tb.Fatalf("testclock: %s=%q is not an RFC 3339 time: %v", EnvStart, v, err)
	}
	return t
}

// Overridden reports whether $WOONEXO_TEST_START moves the start.
func Overridden() bool { return os.Getenv(EnvStart) != "" }

// Zone returns the fake store's time zone: $WOONEXO_TEST_ZONE when set,
// else UTC. An unknown zone fails tb.
func Zone(tb testing.TB) *time.Location {
	tb.Helper()
	v := os.Getenv(EnvZone)
	if v == "" {
		return time.UTC
	}
	loc, err := time.LoadLocation(v)
	if err != nil {
		tb.Fatalf("testclock: %s=%q: %v", EnvZone, v, err)
	}
	return loc
}

// Clock is a clock for tests: it starts at a fixed instant and advances with
// real elapsed time. Safe for concurrent use: it is never written after New.
type Clock struct {
	start time.Time
	began time.Time // monotonic reading at start
}

// New returns a clock that starts at Start(tb, Recorded).
func New(tb testing.TB) *Clock {
	tb.Helper()
	return &Clock{start: Start(tb, Recorded).Round(0), began: time.Now()}
}

// Now returns the clock's current time, in the start's location.
func (c *Clock) Now() time.Time { return c.start.Add(time.Since(c.began)) }

// Manual is a clock for tests that stands still until the test advances
// it: leases and TTLs expire by Advance, not by sleeping. Safe for
// concurrent use.
type Manual struct {
	mu  sync.Mutex
	now time.Time
}

// NewManual returns a manual clock standing at at.
func NewManual(at time.Time) *Manual { return &Manual{now: at} }

// Now returns the clock's time.
func (c *Manual) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

// Advance moves the clock forward by d.
func (c *Manual) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}
