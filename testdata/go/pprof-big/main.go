// pprof-big writes a large heap profile for the pprof benchmark: with MemProfileRate = 1
// every allocation is recorded, and each allocation comes from its own call stack (a path
// of -depth calls through -funcs functions, chosen by the digits of its index in base
// -funcs), so the profile has about -n distinct samples.
//
//	pprof-big -n 340000 -depth 8 -funcs 10 -out heap.pb.gz    (few locations)
//	pprof-big -n 260000 -depth 8 -funcs 400 -out heap.pb.gz   (hundreds of locations)
//	pprof-big -n 60000 -debug 1 -out heap.txt                 (the ?debug=1 text form)
package main

import (
	"flag"
	"fmt"
	"os"
	"runtime"
	"runtime/pprof"
)

func init() { runtime.MemProfileRate = 1 }

var (
	kept  [][]byte
	freed int
	// fns are the functions each call level picks from (-funcs of allFuncs).
	fns []func(depth, code, size int)
)

// step walks one more level of the path, or allocates at the end of it. A negative size
// means "allocate -size bytes and drop them", so in-use and allocated totals differ.
func step(depth, code, size int) {
	if depth == 0 {
		if size < 0 {
			_ = make([]byte, -size)
			freed++
			return
		}
		kept = append(kept, make([]byte, size))
		return
	}
	k := len(fns)
	fns[code%k](depth-1, code/k, size)
}

func main() {
	n := flag.Int("n", 340000, "number of distinct allocation stacks")
	depth := flag.Int("depth", 8, "call depth of each stack (10^depth must exceed n)")
	funcs := flag.Int("funcs", 10, "distinct functions per call level (at most 400): more functions, more locations")
	out := flag.String("out", "heap.pb.gz", "output file")
	debug := flag.Int("debug", 0, "0: gzipped profile.proto; 1: the legacy text form (?debug=1)")
	flag.Parse()
	fns = allFuncs[:max(1, min(*funcs, len(allFuncs)))]
	for i := 0; i < *n; i++ {
		size := 16 + (i%7)*16
		if i%3 == 0 {
			size = -size // every third allocation is garbage
		}
		step(*depth, i, size)
	}
	// A heap profile shows the heap as of the last completed GC cycle, and its counts are
	// published a cycle late (runtime/pprof WriteHeapProfile docs): two GCs make it current.
	runtime.GC()
	runtime.GC()
	f, err := os.Create(*out)
	if err == nil {
		err = pprof.Lookup("heap").WriteTo(f, *debug)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "write profile:", err)
		os.Exit(1)
	}
}
