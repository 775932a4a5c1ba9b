//go:build !unix

package nexopos

import "testing"

// cpuMeter reports nothing where getrusage is not available (see
// bench_cpu_test.go).
type cpuMeter struct{}

func startCPU() cpuMeter { return cpuMeter{} }

func (cpuMeter) report(*testing.B) {}
