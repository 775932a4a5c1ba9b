package syncer

import (
	"sync"

	"github.com/woonexo/woonexo/mapping"
)

// Progress reports how far a reconcile got with one kind.
type Progress struct {
	Kind  mapping.Kind
	Done  int
	Total int
}

// Counts are the outcomes for one kind.
type Counts struct {
	Synced  int64 // actions applied
	Skipped int64 // changes that needed nothing, or were recorded as skips
	Failed  int64 // actions that failed
	Retried int64 // inbox events tried again
}

// StatsSnapshot holds the counters per kind, for metrics.
type StatsSnapshot map[mapping.Kind]Counts

// Stats counts what the engine did, per kind.
type Stats struct {
	mu sync.Mutex
	m  map[mapping.Kind]*Counts
}

func (s *Stats) add(k mapping.Kind, f func(*Counts)) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.m == nil {
		s.m = map[mapping.Kind]*Counts{}
	}
	c := s.m[k]
	if c == nil {
		c = &Counts{}
		s.m[k] = c
	}
	f(c)
}

func (s *Stats) snapshot() StatsSnapshot {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := StatsSnapshot{}
	for k, c := range s.m {
		out[k] = *c
	}
	return out
}
