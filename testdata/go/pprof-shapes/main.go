// pprof-shapes allocates memory in the shapes that make heap profiles hard to read right:
// inlined allocation helpers, direct and mutual recursion, deep stacks (past the runtime's
// stack depth limit), many small sites, and garbage that is freed before the profile is
// taken (so inuse and alloc differ). It writes the heap and goroutine profiles the way
// net/http/pprof serves them, or serves them itself.
//
//	pprof-shapes -out DIR      writes DIR/heap.pb.gz, heap2.pb.gz (after more work),
//	                           heap.txt (?debug=1), allocs.pb.gz, goroutine.pb.gz, goroutine.txt
//	pprof-shapes -serve        prints "listening on http://..." and serves /debug/pprof
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"

	"gomemlens.test/scenarios/internal/serve"
)

// Every allocation is recorded (not sampled), so totals are exact and reproducible.
func init() { runtime.MemProfileRate = 1 }

var (
	sink    [][]byte
	garbage [][]byte
	parked  = make(chan struct{})
)

// newBuf is small enough to be inlined into its callers: its frame shows up as an inlined
// line inside each caller's location.
func newBuf(n int) []byte { return make([]byte, n) }

//go:noinline
func inlineCallerA() { sink = append(sink, newBuf(3000)) }

//go:noinline
func inlineCallerB() {
	for i := 0; i < 3; i++ {
		sink = append(sink, newBuf(700))
	}
}

//go:noinline
func recurse(depth int) {
	sink = append(sink, make([]byte, 128*depth))
	if depth > 0 {
		recurse(depth - 1)
	}
}

//go:noinline
func ping(n int) {
	sink = append(sink, make([]byte, 256))
	if n > 0 {
		pong(n - 1)
	}
}

//go:noinline
func pong(n int) {
	sink = append(sink, make([]byte, 512))
	if n > 0 {
		ping(n - 1)
	}
}

//go:noinline
func deep(n int) {
	if n == 0 {
		sink = append(sink, make([]byte, 8192))
		return
	}
	deep(n - 1)
}

//go:noinline
func churn(n int) {
	for i := 0; i < n; i++ {
		garbage = append(garbage, make([]byte, 1024))
	}
}

func work(scale int) {
	for i := 0; i < scale; i++ {
		inlineCallerA()
		inlineCallerB()
	}
	recurse(6)
	ping(7)
	deep(40)
	deep(200)
	churn(100 * scale)
	garbage = nil
	manySites(scale)
	for i := 0; i < 3; i++ {
		go func() { <-parked }()
	}
}

func main() {
	out := flag.String("out", "", "directory to write profiles into")
	serveFlag := flag.Bool("serve", false, "serve /debug/pprof and block")
	flag.Parse()
	work(5)
	if *serveFlag {
		serve.Start("127.0.0.1:0")
		select {}
	}
	if *out == "" {
		fmt.Fprintln(os.Stderr, "need -out DIR or -serve")
		os.Exit(2)
	}
	write(*out, "heap.pb.gz", "heap", 0)
	write(*out, "heap.txt", "heap", 1)
	write(*out, "allocs.pb.gz", "allocs", 0)
	write(*out, "goroutine.pb.gz", "goroutine", 0)
	write(*out, "goroutine.txt", "goroutine", 1)
	// Second phase for diffs: some sites grow, some are released.
	sink = sink[:len(sink)/2]
	work(8)
	write(*out, "heap2.pb.gz", "heap", 0)
}

func write(dir, name, profile string, debug int) {
	runtime.GC()
	f, err := os.Create(filepath.Join(dir, name))
	if err == nil {
		err = pprof.Lookup(profile).WriteTo(f, debug)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "write profile:", err)
		os.Exit(1)
	}
}
