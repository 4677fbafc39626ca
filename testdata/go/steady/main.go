// steady is a well-behaved service: it keeps a fixed working set (a ring of buffers that are
// replaced, never added to) and makes short-lived garbage on every tick, so its heap saws up
// and down around a constant level. gomemlens must not call this a leak.
//
//	steady -listen 127.0.0.1:0 -retain 32MiB -garbage 2MiB -every 50ms
package main

import (
	"flag"
	"time"

	"gomemlens.test/scenarios/internal/serve"
	"gomemlens.test/scenarios/internal/size"
)

const slots = 64

var ring [slots][]byte

func main() {
	listen := flag.String("listen", "127.0.0.1:0", "address for the HTTP endpoints")
	retain := flag.String("retain", "32MiB", "bytes kept alive in total (B, KiB, MiB)")
	garbage := flag.String("garbage", "2MiB", "short-lived bytes allocated per tick")
	every := flag.Duration("every", 50*time.Millisecond, "tick interval")
	flag.Parse()

	serve.Start(*listen)
	slot := size.MustParse(*retain) / slots
	g := size.MustParse(*garbage)
	for i := 0; ; i++ {
		handleRequest(i%slots, slot, g)
		time.Sleep(*every)
	}
}

// handleRequest replaces one slot of the ring (constant live heap) and drops some scratch.
func handleRequest(i, slot, garbage int) {
	buf := make([]byte, slot)
	for j := 0; j < len(buf); j += 4096 {
		buf[j] = 1
	}
	ring[i] = buf
	scratch := make([]byte, garbage)
	for j := 0; j < len(scratch); j += 4096 {
		scratch[j] = byte(j)
	}
}
