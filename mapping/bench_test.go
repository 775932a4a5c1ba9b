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

// seedLinks inserts products woo=1..n, nexo=n+1..2n in one transaction,
// 500 rows a statement.
func seedLinks(b *testing.B, s *SQLStore, n int) {
	b.Helper()
	ctx := context.Background()
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		b.Fatal(err)
	}
	defer func() { _ = tx.Rollback() }()
	const batch = 500
	now := micros(time.Now())
	for start := 1; start <= n; start += batch {
		end := min(start+batch-1, n)
		var sb strings.Builder
		sb.WriteString("INSERT INTO {p}links (" + linkCols + ") VALUES ")
		args := make([]any, 0, (end-start+1)*10)
		for i := start; i <= end; i++ {
			if i > start {
				sb.WriteString(", ")
			}
			sb.WriteString("(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
			args = append(args, string(KindProduct), int64(i), int64(n+i), "wf", "nf", now, now, "10", "10", now)
		}
		if _, err := tx.ExecContext(ctx, s.q(sb.String()), args...); err != nil {
			b.Fatal(err)
		}
	}
	if err := tx.Commit(); err != nil {
		b.Fatal(err)
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
