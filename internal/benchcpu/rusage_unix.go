//go:build unix

package benchcpu

import "syscall"

// processCPU is the CPU time of the whole process in nanoseconds, from
// getrusage(RUSAGE_SELF), or -1 when it cannot be read.
func processCPU() int64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return -1
	}
	return ru.Utime.Nano() + ru.Stime.Nano()
}
