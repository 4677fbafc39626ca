// goroutine-leak starts goroutines that never end, like handlers that wait for a reply nobody
// sends. Each one goes -stack deep into its call stack before it blocks, so what grows is
// goroutine stacks (StackInuse), not the heap. Stacks are not heap: GOGC and GOMEMLIMIT's heap
// goal do not shrink them while the goroutine is blocked down there (runtime/stack.go).
//
//	goroutine-leak -rate 6 -stack 64KiB -every 100ms
package main

import (
	"flag"
	"time"

	"gomemlens.test/scenarios/internal/serve"
	"gomemlens.test/scenarios/internal/size"
)

// never is the reply that never comes.
var never = make(chan struct{})

func main() {
	listen := flag.String("listen", "127.0.0.1:0", "address for the HTTP endpoints")
	rate := flag.Int("rate", 6, "goroutines leaked per tick")
	stack := flag.String("stack", "64KiB", "stack each leaked goroutine uses while it waits")
	every := flag.Duration("every", 100*time.Millisecond, "tick interval")
	flag.Parse()

	serve.Start(*listen)
	depth := size.MustParse(*stack) / frameBytes
	for range time.Tick(*every) {
		for i := 0; i < *rate; i++ {
			go handle(depth)
		}
	}
}

const frameBytes = 1024

// handle recurses depth frames of about 1 KiB each, writing them, then waits at the bottom.
//
//go:noinline
func handle(depth int) byte {
	var frame [frameBytes - 64]byte
	for i := range frame {
		frame[i] = byte(depth)
	}
	if depth <= 1 {
		<-never
		return frame[0]
	}
	return handle(depth-1) + frame[depth%len(frame)]
}
