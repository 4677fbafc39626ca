// tracegen writes a Go execution trace (runtime/trace) of a GC-heavy workload: goroutines
// that allocate fast enough to be drafted into mark assists, a slowly growing retained heap,
// forced GCs, runtime.ReadMemStats (a non-GC stop-the-world) and debug.FreeOSMemory. The
// execution-trace tests build it with each Go toolchain (1.22+) and compare gomemlens's
// reader with golang.org/x/exp/trace on its output.
//
//	tracegen -out trace.out -for 1s -workers 4
package main

import (
	"flag"
	"fmt"
	"os"
	"runtime"
	"runtime/debug"
	"runtime/trace"
	"sync"
	"time"
)

var sink [][]byte

func main() {
	out := flag.String("out", "trace.out", "trace file to write")
	dur := flag.Duration("for", time.Second, "how long to trace")
	workers := flag.Int("workers", 4, "allocating goroutines")
	flag.Parse()

	f, err := os.Create(*out)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	if err := trace.Start(f); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	deadline := time.Now().Add(*dur)
	var wg sync.WaitGroup
	var mu sync.Mutex
	for w := 0; w < *workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; time.Now().Before(deadline); i++ {
				b := make([]byte, 64<<10)
				b[0] = byte(i)
				if i%64 == 0 {
					mu.Lock()
					sink = append(sink, b)
					if len(sink) > 512 {
						sink = sink[256:]
					}
					mu.Unlock()
				}
			}
		}()
	}
	for time.Now().Before(deadline) {
		time.Sleep(*dur / 5)
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		runtime.GC()
		debug.FreeOSMemory()
	}
	wg.Wait()
	trace.Stop()
	if err := f.Close(); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
