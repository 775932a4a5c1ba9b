package webhook

import (
	"container/list"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"strconv"
	"sync"
	"time"
)

// Deduper remembers which deliveries were processed, so that the [Handler]
// dispatches a delivery WooCommerce sent twice only once. The mapping stores
// (package mapping) implement it, which lets several replicas behind a load
// balancer share what they have seen.
type Deduper interface {
	// SeenOrMark atomically reports whether key is marked and unexpired
	// and, if it is not, marks it for ttl. Of several concurrent callers
	// with the same key exactly one gets false.
	SeenOrMark(ctx context.Context, key string, ttl time.Duration) (seen bool, err error)
}

// Unmarker is implemented by a [Deduper] that can forget a mark. The
// [Handler] unmarks a delivery whose function failed, so that a redelivery
// of it is processed rather than dropped as a duplicate. With a Deduper that
// is not an Unmarker, the Handler remembers failed keys in memory instead,
// which works only when the redelivery reaches the same process.
type Unmarker interface {
	// Unmark removes the mark on key. Unmarking a key that is not marked is
	// not an error.
	Unmark(ctx context.Context, key string) error
}

// DefaultDedupeTTL is how long the Handler remembers a delivery unless told
// otherwise. Duplicates from one checkout arrive within seconds; the longer
// window also refuses the replay of a captured delivery for a day.
const DefaultDedupeTTL = 24 * time.Hour

// DefaultDedupeEntries bounds a [MemoryDeduper] made with a size <= 0. An
// entry costs about 200 bytes.
const DefaultDedupeEntries = 10000

// DeliveryKey returns the de-duplication key of an event: its webhook id, its
// delivery id and the SHA-256 of its body. The delivery id alone is not
// enough: WooCommerce computes it from the webhook id and the current second,
// so two different events of one webhook in the same second share it, and
// action.* payloads are often identical.
func DeliveryKey(e *Event) string {
	sum := sha256.Sum256(e.Body)
	b := make([]byte, 0, 16+20+1+len(e.DeliveryID)+1+2*sha256.Size)
	b = append(b, "woocommerce:"...)
	b = strconv.AppendInt(b, e.WebhookID, 10)
	b = append(b, ':')
	b = append(b, e.DeliveryID...)
	b = append(b, ':')
	b = hex.AppendEncode(b, sum[:])
	return string(b)
}

// MemoryDeduper is the in-memory [Deduper] and [Unmarker] the Handler uses by
// default. It holds at most a fixed number of keys, forgetting the oldest
// mark first when full, and forgets each key when its ttl has passed. It is
// safe for concurrent use, and useless across processes: use a mapping store
// when several replicas receive the same webhook.
type MemoryDeduper struct {
	mu    sync.Mutex
	max   int
	now   func() time.Time
	keys  map[string]*list.Element
	order *list.List // of *memEntry, oldest mark first
}

type memEntry struct {
	key     string
	expires time.Time
}

// NewMemoryDeduper returns a MemoryDeduper holding at most maxEntries keys
// ([DefaultDedupeEntries] if maxEntries <= 0).
func NewMemoryDeduper(maxEntries int) *MemoryDeduper {
	if maxEntries <= 0 {
		maxEntries = DefaultDedupeEntries
	}
	return &MemoryDeduper{
		max:   maxEntries,
		now:   time.Now,
		keys:  make(map[string]*list.Element),
		order: list.New(),
	}
}

// SeenOrMark implements [Deduper]. A ttl <= 0 marks nothing and reports
// false.
func (m *MemoryDeduper) SeenOrMark(ctx context.Context, key string, ttl time.Duration) (bool, error) {
	if err := ctx.Err(); err != nil {
		return false, err
	}
	now := m.now()
	m.mu.Lock()
	defer m.mu.Unlock()
	m.sweep(now)
	if el, ok := m.keys[key]; ok {
		e := el.Value.(*memEntry)
		if now.Before(e.expires) {
			return true, nil
		}
		m.remove(el)
	}
	if ttl <= 0 {
		return false, nil
	}
	for m.order.Len() >= m.max {
		m.remove(m.order.Front())
	}
	m.keys[key] = m.order.PushBack(&memEntry{key: key, expires: now.Add(ttl)})
	return false, nil
}

// Unmark implements [Unmarker].
func (m *MemoryDeduper) Unmark(ctx context.Context, key string) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if el, ok := m.keys[key]; ok {
		m.remove(el)
	}
	return nil
}

// Len returns the number of keys held, expired or not.
func (m *MemoryDeduper) Len() int {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.order.Len()
}

// sweep drops expired marks from the front; marks are in insertion order,
// which is expiry order when every call uses the same ttl.
func (m *MemoryDeduper) sweep(now time.Time) {
	for el := m.order.Front(); el != nil; el = m.order.Front() {
		if now.Before(el.Value.(*memEntry).expires) {
			return
		}
		m.remove(el)
	}
}

func (m *MemoryDeduper) remove(el *list.Element) {
	delete(m.keys, el.Value.(*memEntry).key)
	m.order.Remove(el)
}

// failedKeys remembers, in this process, the keys whose function failed, for
// a Deduper that cannot unmark: a redelivery of such a key is let through
// once. It reuses MemoryDeduper's bounded, expiring set.
type failedKeys struct {
	set *MemoryDeduper
}

func newFailedKeys(max int) *failedKeys { return &failedKeys{set: NewMemoryDeduper(max)} }

// add remembers key as failed for ttl.
func (f *failedKeys) add(key string, ttl time.Duration) {
	_, _ = f.set.SeenOrMark(context.Background(), key, ttl)
}

// take reports whether key was remembered as failed, and forgets it, so that
// of several concurrent redeliveries only one is let through.
func (f *failedKeys) take(key string) bool {
	f.set.mu.Lock()
	defer f.set.mu.Unlock()
	el, ok := f.set.keys[key]
	if !ok {
		return false
	}
	live := f.set.now().Before(el.Value.(*memEntry).expires)
	f.set.remove(el)
	return live
}

var (
	_ Deduper  = (*MemoryDeduper)(nil)
	_ Unmarker = (*MemoryDeduper)(nil)
)
