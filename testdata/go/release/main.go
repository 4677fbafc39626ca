// release grows its heap, drops it, and lets the runtime return the memory to the OS, in
// rounds: the workload of `gomemlens trace madvise` and the gctrace/execution-trace tests.
// Each round allocates -grow in 1 MiB buffers (every page written), keeps them for -hold,
// drops them and runs a GC; with -free-os it then calls debug.FreeOSMemory, which forces a
// GC and returns all free memory at once (eager scavenging); without it the background
// scavenger returns it slowly. The madvise advice used depends on GODEBUG (madvdontneed=0
// opts into MADV_FREE on Go >= 1.16).
//
//	release -grow 64MiB -rounds 3 -hold 200ms -free-os
package main

import (
	"flag"
	"fmt"
	"os"
	"runtime"
	"runtime/debug"
	"time"

	"gomemlens.test/scenarios/internal/serve"
	"gomemlens.test/scenarios/internal/size"
)

var keep [][]byte

func main() {
	listen := flag.String("listen", "", "address for the HTTP endpoints (none when empty)")
	grow := flag.String("grow", "64MiB", "bytes allocated and dropped per round")
	rounds := flag.Int("rounds", 3, "rounds (0 = forever)")
	hold := flag.Duration("hold", 200*time.Millisecond, "how long a round keeps its buffers")
	pause := flag.Duration("pause", 300*time.Millisecond, "wait after a round is dropped")
	freeOS := flag.Bool("free-os", false, "call debug.FreeOSMemory after each round")
	linger := flag.Duration("linger", 0, "stay alive this long after the last round")
	flag.Parse()

	if *listen != "" {
		serve.Start(*listen)
	}
	n := size.MustParse(*grow) >> 20
	for r := 0; *rounds == 0 || r < *rounds; r++ {
		for i := 0; i < n; i++ {
			buf := make([]byte, 1<<20)
			for j := 0; j < len(buf); j += 4096 {
				buf[j] = 1
			}
			keep = append(keep, buf)
		}
		time.Sleep(*hold)
		keep = nil
		runtime.GC()
		if *freeOS {
			debug.FreeOSMemory()
		}
		time.Sleep(*pause)
	}
	fmt.Fprintln(os.Stderr, "release: done")
	time.Sleep(*linger)
}
