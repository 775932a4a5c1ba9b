//go:build unix

package nexopos

import (
	"syscall"
	"testing"
)

// cpuMeter measures the CPU time (user + system) of the whole process, read
// with getrusage(RUSAGE_SELF): every goroutine counts, the garbage
// collector's included, so a benchmark that allocates more pays for its
// collections. On a shared machine it moves far less than wall time, which
// also counts the time other processes held the CPUs.
type cpuMeter struct{ start int64 }

// startCPU starts a measurement; call it just before the b.Loop loop.
func startCPU() cpuMeter { return cpuMeter{processCPU()} }

// report adds the cpu-ns/op metric: the CPU time since startCPU over b.N.
func (m cpuMeter) report(b *testing.B) {
	if b.N > 0 {
		b.ReportMetric(float64(processCPU()-m.start)/float64(b.N), "cpu-ns/op")
	}
}

func processCPU() int64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return ru.Utime.Nano() + ru.Stime.Nano()
}
