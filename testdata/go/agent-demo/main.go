// agent-demo is a service that adopts the gomemlens agent (gomemlens.dev/agent): it serves
// /debug/gomemlens next to expvar and pprof, and can run an allocation-churn workload to
// exercise adaptive GOGC.
//
//	agent-demo -listen 127.0.0.1:0 -refresh 200ms -churn -live 8MiB -adaptive-gogc -gc-budget 0.05
//
// With -await-cgroup NAME it starts the agent only once /proc/self/cgroup names a group
// containing NAME, so a test can move it into a memory cgroup before the agent's first read.
package main

import (
	"flag"
	"fmt"
	"log/slog"
	"os"
	"runtime"
	"strings"
	"time"

	"gomemlens.dev/agent"
	"gomemlens.test/scenarios/internal/serve"
)

func main() {
	listen := flag.String("listen", "127.0.0.1:0", "address for the HTTP endpoints")
	awaitCgroup := flag.String("await-cgroup", "", "start the agent once /proc/self/cgroup contains this")
	refresh := flag.Duration("refresh", 30*time.Second, "cgroup limit refresh interval")
	ratio := flag.Float64("ratio", 0.9, "GOMEMLIMIT as a share of the cgroup limit")
	adaptive := flag.Bool("adaptive-gogc", false, "turn on adaptive GOGC")
	budget := flag.Float64("gc-budget", 0.10, "GC CPU budget for adaptive GOGC")
	window := flag.Duration("gc-window", 10*time.Second, "adaptive GOGC window")
	gogcMax := flag.Int("gogc-max", 1000, "highest GOGC adaptive GOGC may set")
	churnOn := flag.Bool("churn", false, "run the allocation-churn workload")
	live := flag.Int("live", 8<<20, "bytes the churn workload keeps live")
	workers := flag.Int("workers", 1, "churn goroutines (at most 64)")
	ballastSize := flag.Int("ballast", 0, "bytes to allocate, touch and keep live before the agent starts")
	flag.Parse()

	serve.Start(*listen)
	ballast = make([]byte, *ballastSize)
	for i := 0; i < len(ballast); i += 4096 {
		ballast[i] = 1 // touch every page so the cgroup charges it
	}
	runtime.GC() // so /gc/heap/live:bytes counts the ballast
	if *awaitCgroup != "" {
		waitForCgroup(*awaitCgroup, 10*time.Second)
	}
	agent.Start(agent.Options{
		Ratio:           *ratio,
		RefreshInterval: *refresh,
		Logger:          slog.New(slog.NewJSONHandler(os.Stderr, nil)),
		GOGC:            agent.GOGCOptions{Enabled: *adaptive, Budget: *budget, Window: *window, Max: *gogcMax},
	})
	fmt.Println("agent started")
	if *churnOn {
		for i := 0; i < *workers; i++ {
			go churn(i, *live / *workers)
		}
	}
	select {}
}

// ballast is live heap the agent's death-spiral guard can be tested against.
var ballast []byte

// garbage keeps the short-lived blocks on the heap (a block that does not escape would be
// allocated on the stack).
var garbage [64][]byte

// waitForCgroup polls /proc/self/cgroup until a line contains name, or gives up after limit.
func waitForCgroup(name string, limit time.Duration) {
	deadline := time.Now().Add(limit)
	for time.Now().Before(deadline) {
		text, err := os.ReadFile("/proc/self/cgroup")
		if err == nil && strings.Contains(string(text), name) {
			return
		}
		time.Sleep(5 * time.Millisecond)
	}
	fmt.Fprintln(os.Stderr, "agent-demo: cgroup", name, "not joined; starting anyway")
}

// churn keeps about live bytes reachable in 16 KiB blocks and replaces one block per
// iteration, so nearly everything it allocates becomes garbage at once: the GC's work is
// proportional to how often it runs, which GOGC decides.
func churn(worker, live int) {
	const block = 16 << 10
	ring := make([][]byte, live/block+1)
	for i := 0; ; i++ {
		b := make([]byte, block)
		b[0], b[block-1] = byte(i), byte(i)
		ring[i%len(ring)] = b
		for j := 0; j < 4; j++ {
			garbage[worker] = make([]byte, block) // short-lived garbage per request
		}
	}
}
