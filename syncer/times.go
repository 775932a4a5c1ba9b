package syncer

import (
	"time"

	"github.com/woonexo/woonexo/mapping"
)

const timeFmt = time.RFC3339

func modifiedOn(l mapping.Link, side Side) time.Time {
	if side == Woo {
		return l.WooModified
	}
	return l.NexoModified
}

func setModified(l *mapping.Link, side Side, t time.Time) {
	if t.IsZero() {
		return
	}
	if side == Woo {
		l.WooModified = t
	} else {
		l.NexoModified = t
	}
}

// isStale reports whether a record modified at t is older than what the
// link last saw on side: an event that arrived late must not overwrite a
// newer state. Equal times are not stale (both sides have one-second
// resolution, and a duplicate is caught by its fingerprint).
func isStale(l mapping.Link, side Side, t time.Time) bool {
	seen := modifiedOn(l, side)
	return !t.IsZero() && !seen.IsZero() && t.Before(seen)
}
