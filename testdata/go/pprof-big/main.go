// pprof-big writes a large heap profile for the pprof benchmark: with MemProfileRate = 1
// every allocation is recorded, and each allocation comes from its own call stack (a path
// of -depth calls through ten functions, chosen by the digits of its index), so the
// profile has -n distinct samples.
//
//	pprof-big -n 340000 -depth 8 -out heap.pb.gz
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
	fns   [10]func(depth, code, size int)
	freed int
)

func init() {
	fns = [10]func(depth, code, size int){f0, f1, f2, f3, f4, f5, f6, f7, f8, f9}
}

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
	fns[code%10](depth-1, code/10, size)
}

//go:noinline
func f0(d, c, s int) { step(d, c, s) }

//go:noinline
func f1(d, c, s int) { step(d, c, s) }

//go:noinline
func f2(d, c, s int) { step(d, c, s) }

//go:noinline
func f3(d, c, s int) { step(d, c, s) }

//go:noinline
func f4(d, c, s int) { step(d, c, s) }

//go:noinline
func f5(d, c, s int) { step(d, c, s) }

//go:noinline
func f6(d, c, s int) { step(d, c, s) }

//go:noinline
func f7(d, c, s int) { step(d, c, s) }

//go:noinline
func f8(d, c, s int) { step(d, c, s) }

//go:noinline
func f9(d, c, s int) { step(d, c, s) }

func main() {
	n := flag.Int("n", 340000, "number of distinct allocation stacks")
	depth := flag.Int("depth", 8, "call depth of each stack (10^depth must exceed n)")
	out := flag.String("out", "heap.pb.gz", "output file")
	flag.Parse()
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
		err = pprof.WriteHeapProfile(f)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "write profile:", err)
		os.Exit(1)
	}
}
