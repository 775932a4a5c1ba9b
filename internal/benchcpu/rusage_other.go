//go:build !unix

package benchcpu

// processCPU reports that the CPU time cannot be read here (no getrusage).
func processCPU() int64 { return -1 }
