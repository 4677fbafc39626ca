// leaky is the bundled demo service: a small HTTP service that keeps a little of every
// "request" it handles in a global cache that nothing ever trims, so its live heap grows
// steadily. It serves expvar, pprof and /metrics like a real service.
//
//	leaky -listen 127.0.0.1:0 -rate 2MiB -every 100ms
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
	flag.Parse()

	serve.Start(*listen)
	keep(size.MustParse(*initial))
	perTick := size.MustParse(*rate)
	for range time.Tick(*every) {
		handleRequest(perTick)
	}
}

var initialBlock []byte

func keep(n int) {
	initialBlock = make([]byte, n)
	for i := range initialBlock {
		initialBlock[i] = byte(i)
	}
}

// handleRequest does some short-lived work and leaks n bytes into sessionCache.
func handleRequest(n int) {
	scratch := make([]byte, 64<<10)
	for i := range scratch {
		scratch[i] = byte(i)
	}
	entry := make([]byte, n)
	for i := 0; i < len(entry); i += 4096 {
		entry[i] = 1 // touch every page so it counts in RSS
	}
	sessionCache[len(sessionCache)] = entry
}
