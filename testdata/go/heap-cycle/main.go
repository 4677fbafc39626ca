// heap-cycle grows its heap and lets it shrink again, so the Go runtime hands the freed pages
// back to the OS with madvise: the background scavenger does it over the following seconds,
// and with -free-os-memory runtime/debug.FreeOSMemory does it at once. Run it with and without
// GODEBUG=madvdontneed=0 to see MADV_DONTNEED (RSS drops) against MADV_FREE (LazyFree).
//
//	heap-cycle -size 64MiB -every 2s [-free-os-memory]
//	heap-cycle -size 64MiB -stdin [-free-os-memory]   (one cycle per line read)
//
// It prints "ready" when it has settled (everything free returned to the OS), then
// "cycle N done" after each cycle; with -stdin nothing runs between two lines, so a cycle's
// madvise calls are the same for every tracer that watches it.
package main

import (
	"bufio"
	"flag"
	"fmt"
	"os"
	"runtime"
	"runtime/debug"
	"time"

	"gomemlens.test/scenarios/internal/size"
)

const chunk = 1 << 20

var live [][]byte

func main() {
	total := flag.String("size", "64MiB", "heap grown per cycle (B, KiB, MiB)")
	every := flag.Duration("every", 2*time.Second, "time between cycles (without -stdin)")
	fromStdin := flag.Bool("stdin", false, "run one cycle per line read from stdin")
	freeOS := flag.Bool("free-os-memory", false, "call debug.FreeOSMemory after each shrink")
	flag.Parse()

	n := size.MustParse(*total) / chunk
	// Settle: what start-up left free goes back now, so the first cycle starts from quiet.
	debug.FreeOSMemory()
	fmt.Println("ready")
	next := lines(*fromStdin)
	for i := 1; next(*every); i++ {
		cycle(n, *freeOS)
		fmt.Printf("cycle %d done\n", i)
	}
}

// cycle touches n MiB of fresh heap, drops it and collects it: the pages are now free in the
// heap, for the scavenger (or FreeOSMemory) to return to the OS.
func cycle(n int, freeOS bool) {
	for i := 0; i < n; i++ {
		b := make([]byte, chunk)
		for j := 0; j < len(b); j += 4096 {
			b[j] = 1
		}
		live = append(live, b)
	}
	live = nil
	runtime.GC()
	if freeOS {
		debug.FreeOSMemory()
	}
}

// lines returns a wait for the next cycle: a line on stdin, or a timer.
func lines(fromStdin bool) func(time.Duration) bool {
	if !fromStdin {
		first := true
		return func(d time.Duration) bool {
			if !first {
				time.Sleep(d)
			}
			first = false
			return true
		}
	}
	in := bufio.NewScanner(os.Stdin)
	return func(time.Duration) bool { return in.Scan() }
}
