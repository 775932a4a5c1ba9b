// Package benchcpu reports the CPU time a benchmark's loop took, beside the
// wall time testing measures: on a shared machine CPU time moves far less,
// so a benchmark and its peer or floor compare by it in one run.
//
// It is internal: only this module's benchmarks use it.
package benchcpu

import "testing"

// Meter is one measurement, from [Start] to [Meter.Report].
type Meter struct{ start int64 }

// Start starts a measurement; call it just before the b.Loop loop.
func Start() Meter { return Meter{processCPU()} }

// Report adds the cpu-ns/op metric to b: the process's CPU time (user and
// system, every goroutine and the garbage collector's included) since
// Start, over b.N. Where the CPU time cannot be read it adds nothing.
func (m Meter) Report(b *testing.B) {
	if b.N > 0 && m.start >= 0 {
		if now := processCPU(); now >= 0 {
			b.ReportMetric(float64(now-m.start)/float64(b.N), "cpu-ns/op")
		}
	}
}
