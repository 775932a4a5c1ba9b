package mapping

import (
	"context"
	"fmt"
	"math/rand/v2"
	"runtime"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// benchLinks is how many links each benchmark store holds.
const benchLinks = 100_000

// seedLinks makes products woo=1..n, nexo=n+1..2n. The first link is
// written by Put, the store's own API; the others are copies of it, the
// table doubled a statement at a time (INSERT ... SELECT over linkCols, the
// column list the store itself reads and writes, with woo_id and nexo_id
// shifted). A column added to the store is therefore seeded with whatever
// Put writes to it, and the seed cannot fall behind the schema again.
func seedLinks(tb testing.TB, s *SQLStore, n int) {
	tb.Helper()
	ctx := context.Background()
	at := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	first := Link{Kind: KindProduct, WooID: 1, NexoID: int64(n) + 1, WooFingerprint: "wf", NexoFingerprint: "nf",
		WooModified: at, NexoModified: at, WooStock: "10", NexoStock: "10", WooSales: "3"}
	if err := s.Put(ctx, first); err != nil {
		tb.Fatal(err)
	}
	cols := strings.Split(linkCols, ",")
	for have := 1; have < n; {
		add := min(have, n-have)
		exprs := make([]string, len(cols))
		shifted := 0
		for i, c := range cols {
			c = strings.TrimSpace(c)
			cols[i], exprs[i] = c, c
			if c == "woo_id" || c == "nexo_id" {
				exprs[i] = fmt.Sprintf("%s + %d", c, have)
				shifted++
			}
		}
		if shifted != 2 {
			tb.Fatalf("linkCols %q lacks woo_id or nexo_id", linkCols)
		}
		q := fmt.Sprintf("INSERT INTO {p}links (%s) SELECT %s FROM {p}links WHERE kind = ? AND woo_id <= %d",
			strings.Join(cols, ", "), strings.Join(exprs, ", "), add)
		res, err := s.db.ExecContext(ctx, s.q(q), string(KindProduct))
		if err != nil {
			tb.Fatal(err)
		}
		if got, err := res.RowsAffected(); err != nil || got != int64(add) {
			tb.Fatalf("seed copied %d links, want %d (%v)", got, add, err)
		}
		have += add
	}
	// The last copy reads back as the first, ids apart.
	want, err := s.ByWoo(ctx, KindProduct, 1)
	if err != nil {
		tb.Fatal(err)
	}
	want.WooID, want.NexoID = int64(n), int64(2*n)
	got, err := s.ByNexo(ctx, KindProduct, int64(2*n))
	if err != nil {
		tb.Fatal(err)
	}
	if got != want {
		tb.Fatalf("seeded link %+v, want %+v", got, want)
	}
}

// TestBenchSeed keeps the benchmarks' seed in step with the schema in
// every go test run, on each dialect configured.
func TestBenchSeed(t *testing.T) {
	for _, o := range SQLOpeners {
		t.Run(o.Name, func(t *testing.T) {
			seedLinks(t, o.Open(t), 1000)
		})
	}
}

func perSecond(b *testing.B, unit string) {
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), unit)
}

// BenchmarkStores measures lookups, upserts and claims on each SQL store
// holding benchLinks links (seeded once per store).
func BenchmarkStores(b *testing.B) {
	for _, o := range SQLOpeners {
		b.Run(o.Name, func(b *testing.B) {
			s := o.Open(b)
			seedLinks(b, s, benchLinks)
			ctx := context.Background()

			b.Run("ByWoo", func(b *testing.B) {
				r := rand.New(rand.NewPCG(1, 2))
				for b.Loop() {
					if _, err := s.ByWoo(ctx, KindProduct, 1+r.Int64N(benchLinks)); err != nil {
						b.Fatal(err)
					}
				}
				perSecond(b, "lookups/s")
			})
			b.Run("ByNexo", func(b *testing.B) {
				r := rand.New(rand.NewPCG(3, 4))
				for b.Loop() {
					if _, err := s.ByNexo(ctx, KindProduct, benchLinks+1+r.Int64N(benchLinks)); err != nil {
						b.Fatal(err)
					}
				}
				perSecond(b, "lookups/s")
			})
			b.Run("ByWoo-8workers", func(b *testing.B) {
				b.SetParallelism(max(1, 8/runtime.GOMAXPROCS(0)))
				var seed atomic.Uint64
				b.RunParallel(func(pb *testing.PB) {
					r := rand.New(rand.NewPCG(seed.Add(1), 5))
					for pb.Next() {
						if _, err := s.ByWoo(ctx, KindProduct, 1+r.Int64N(benchLinks)); err != nil {
							b.Error(err)
							return
						}
					}
				})
				perSecond(b, "lookups/s")
			})
			b.Run("PutUpdate", func(b *testing.B) {
				r := rand.New(rand.NewPCG(5, 6))
				i := 0
				for b.Loop() {
					i++
					id := 1 + r.Int64N(benchLinks)
					l := Link{Kind: KindProduct, WooID: id, NexoID: benchLinks + id, WooFingerprint: fmt.Sprint("w", i), NexoFingerprint: "n", WooStock: "9", NexoStock: "9"}
					if err := s.Put(ctx, l); err != nil {
						b.Fatal(err)
					}
				}
				perSecond(b, "upserts/s")
			})
			b.Run("PutInsert", func(b *testing.B) {
				next := int64(10 * benchLinks)
				for b.Loop() {
					next++
					if err := s.Put(ctx, Link{Kind: KindOrder, WooID: next, NexoID: next}); err != nil {
						b.Fatal(err)
					}
				}
				perSecond(b, "upserts/s")
			})
			b.Run("Claim-8workers", func(b *testing.B) {
				b.SetParallelism(max(1, 8/runtime.GOMAXPROCS(0)))
				var worker, key atomic.Int64
				run := fmt.Sprint(time.Now().UnixNano())
				b.RunParallel(func(pb *testing.PB) {
					owner := fmt.Sprint("worker-", worker.Add(1))
					for pb.Next() {
						// Half the claims take a free key, half contend for
						// a key another worker may hold.
						k := key.Add(1)
						name := fmt.Sprintf("create:order:%s:%d", run, k)
						if k%2 == 0 {
							name = fmt.Sprintf("create:order:%s:hot%d", run, k%16)
						}
						if _, err := s.Claim(ctx, name, owner, time.Minute); err != nil {
							b.Error(err)
							return
						}
					}
				})
				perSecond(b, "claims/s")
			})
		})
	}
}
