// tiny is the smallest realistic Go service, for scale tests (one node running hundreds of
// them): it serves expvar, pprof and /metrics like the other scenarios, keeps a small fixed
// heap and makes a little garbage now and then.
//
//	tiny -listen 127.0.0.1:0 -retain 1MiB -every 1s
package main

import (
	"flag"
	"time"

	"gomemlens.test/scenarios/internal/serve"
	"gomemlens.test/scenarios/internal/size"
)

var kept []byte

func main() {
	listen := flag.String("listen", "127.0.0.1:0", "address for the HTTP endpoints")
	retain := flag.String("retain", "1MiB", "bytes kept alive (B, KiB, MiB)")
	every := flag.Duration("every", time.Second, "how often to make 64 KiB of garbage")
	flag.Parse()

	serve.Start(*listen)
	kept = make([]byte, size.MustParse(*retain))
	for i := 0; i < len(kept); i += 4096 {
		kept[i] = 1
	}
	for range time.Tick(*every) {
		scratch := make([]byte, 64<<10)
		scratch[0] = byte(len(kept))
	}
}
