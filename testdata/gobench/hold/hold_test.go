// Package hold has one benchmark whose peak memory is set from outside: it allocates and
// touches GOBENCH_HOLD_MB MiB (default 16) once and holds it, so `bench run` tests know what peak RSS to
// expect of the test binary.
package hold

import (
	"os"
	"strconv"
	"testing"
	"time"
)

var held [][]byte

func BenchmarkHold(b *testing.B) {
	mb, err := strconv.Atoi(os.Getenv("GOBENCH_HOLD_MB"))
	if err != nil || mb <= 0 {
		mb = 16
	}
	if held == nil {
		for i := 0; i < mb; i++ {
			chunk := make([]byte, 1<<20)
			for j := 0; j < len(chunk); j += 4096 {
				chunk[j] = 1 // touch every page so it is resident
			}
			held = append(held, chunk)
		}
		// Stay at the peak for a while, as a real benchmark running for -benchtime would,
		// so a sampler polling /proc sees it.
		time.Sleep(300 * time.Millisecond)
	}
	for i := 0; i < b.N; i++ {
		_ = held[i%len(held)][0]
	}
}
