// gcload is the workload that `gomemlens advise` and `simulate` are checked against
// (docs/advise.md): a service that keeps a fixed live heap and allocates short-lived garbage
// at a rate paced by the clock, so CPU contention on the host does not change the rate (a
// goroutine that falls behind catches up, within one second of backlog). Knobs:
//
//	gcload -rate 128MiB -live 64MiB -pointers 0.5 -goroutines 8 -object 1KiB
//
// -rate is bytes allocated per second in total; -live the bytes kept reachable; -pointers the
// share of objects that hold pointers (the GC scans those; the rest are pointer-free bytes);
// -churn the share of allocations that replace a live object (the live heap stays the same
// size, its objects turn over). It serves the endpoints every scenario serves (/debug/vars,
// /metrics with the opt-in runtime/metrics series, /debug/pprof) and /debug/gcload: the GC's
// numbers measured inside the process over a window that starts after -warmup (stats.go).
// Run it with GODEBUG=gctrace=1 for one line per GC on stderr.
package main

import (
	"flag"
	"fmt"
	"net/http"
	"os"
	"time"

	"gomemlens.test/scenarios/internal/serve"
	"gomemlens.test/scenarios/internal/size"
)

func main() {
	listen := flag.String("listen", "127.0.0.1:0", "address for the HTTP endpoints")
	rate := flag.String("rate", "128MiB", "bytes allocated per second, all goroutines together")
	live := flag.String("live", "64MiB", "bytes kept reachable (the live heap)")
	pointers := flag.Float64("pointers", 0.5, "share of objects that hold pointers (0..1)")
	goroutines := flag.Int("goroutines", 8, "allocating goroutines")
	object := flag.String("object", "1KiB", "size of each object")
	churn := flag.Float64("churn", 0.02, "share of allocations that replace a live object (0..1)")
	depth := flag.Int("depth", 16, "stack frames each goroutine holds while it allocates")
	tick := flag.Duration("tick", 2*time.Millisecond, "pacing period of each goroutine")
	warmup := flag.Duration("warmup", 3*time.Second, "the measurement window starts after this")
	flag.Parse()

	obj := size.MustParse(*object)
	if obj < 64 || *goroutines < 1 || *pointers < 0 || *pointers > 1 || *churn < 0 || *churn > 1 {
		fmt.Fprintln(os.Stderr, "gcload: -object >= 64B, -goroutines >= 1, -pointers and -churn in 0..1")
		os.Exit(2)
	}
	h := newHeap(size.MustParse(*live), obj, *pointers)
	st := newStats(*warmup)
	serve.Extra = runtimeMetrics
	http.HandleFunc("/debug/gcload", st.serve)
	serve.Start(*listen)
	go st.sample()
	perG := float64(size.MustParse(*rate)) / float64(*goroutines)
	for g := 0; g < *goroutines; g++ {
		w := &worker{h: h, id: g, rate: perG, churn: *churn, tick: *tick}
		go w.run(*depth)
	}
	select {}
}
