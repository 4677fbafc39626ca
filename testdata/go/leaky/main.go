// leaky is the bundled demo service: a small HTTP service that keeps a little of every
// "request" it handles in a global cache that nothing ever trims, so its live heap grows.
// It serves expvar, pprof and /metrics like a real service. Flags give the leak the shapes
// real services have:
//
//	leaky -rate 512KiB -every 100ms          a constant leak, every page of it written
//	leaky -rate 512KiB -touch 0.5            buffers only half written (read buffers, bytes.Buffer
//	                                         growth, pooled slabs): the heap counts all of each
//	                                         buffer, the kernel charges only the pages written
//	leaky -rate 512KiB -burst 40             40 buffers at once every 40 ticks (a step leak)
//	leaky -rate 1MiB -halve-after 30s        a leak that slows down (rate x D/(D+t))
//	leaky -warmup 96MiB -warmup-for 10s      a cache warms up, then the leak starts
//	leaky -warmup 120MiB -rate 0             warms up and levels off: no leak
//	GOMEMLIMIT=200MiB leaky -rate 512KiB     the GC thrashes at the limit, then the kill
package main

import (
	"flag"
	"time"

	"gomemlens.test/scenarios/internal/serve"
	"gomemlens.test/scenarios/internal/size"
)

// sessionCache is the leak: entries are added per request and never evicted.
var sessionCache = map[int][]byte{}

func main() {
	listen := flag.String("listen", "127.0.0.1:0", "address for the HTTP endpoints")
	rate := flag.String("rate", "1MiB", "bytes leaked per tick (B, KiB, MiB)")
	every := flag.Duration("every", 100*time.Millisecond, "tick interval")
	initial := flag.String("initial", "0", "bytes to allocate and keep at start-up")
	garbage := flag.String("garbage", "64KiB", "short-lived bytes allocated (and written) per tick")
	touch := flag.Float64("touch", 1, "fraction of each leaked buffer's pages that is written (0..1)")
	burst := flag.Int("burst", 1, "leak this many buffers at once, every this many ticks")
	halveAfter := flag.Duration("halve-after", 0, "the leak rate halves after this long (0: constant)")
	warmup := flag.String("warmup", "0", "bytes a cache takes over -warmup-for before the leak starts")
	warmupFor := flag.Duration("warmup-for", 10*time.Second, "how long the warm-up takes")
	flag.Parse()

	serve.Start(*listen)
	keep(size.MustParse(*initial))
	p := plan{
		rate:       size.MustParse(*rate),
		burst:      max(1, *burst),
		halveAfter: *halveAfter,
		warmup:     size.MustParse(*warmup),
		warmupFor:  *warmupFor,
		every:      *every,
	}
	g := size.MustParse(*garbage)
	start := time.Now()
	for tick := 1; ; tick++ {
		time.Sleep(time.Until(start.Add(time.Duration(tick) * *every)))
		for _, n := range p.buffers(tick, time.Since(start)) {
			handleRequest(n, g, *touch)
		}
	}
}

var initialBlock []byte

func keep(n int) {
	initialBlock = make([]byte, n)
	for i := range initialBlock {
		initialBlock[i] = byte(i)
	}
}

// handleRequest does some short-lived work and leaks an n-byte buffer into sessionCache, of
// which only the first `touch` share of pages is written. A large buffer gets fresh pages from
// the OS, which the runtime knows are zero and does not clear, so the pages never written are
// never charged to the cgroup (runtime/malloc.go: needzero; mheap.go allocNeedsZero).
func handleRequest(n, garbage int, touch float64) {
	scratch := make([]byte, garbage)
	for i := range scratch {
		scratch[i] = byte(i)
	}
	entry := make([]byte, n)
	written := int(float64(n) * touch)
	for i := 0; i < written; i += 4096 {
		entry[i] = 1 // one byte a page is enough for the kernel to charge the page
	}
	sessionCache[len(sessionCache)] = entry
}
