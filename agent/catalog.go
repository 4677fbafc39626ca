package agent

import "runtime/metrics"

// catalog lists the memory, GC, CPU and scheduler runtime/metrics the handler serves, with
// the Go version that added each (runtime/metrics docs). Only names the running runtime
// knows (metrics.All) are served.
var catalog = []string{
	// Go 1.17
	"/gc/cycles/automatic:gc-cycles", "/gc/cycles/forced:gc-cycles", "/gc/cycles/total:gc-cycles",
	"/gc/heap/allocs:bytes", "/gc/heap/allocs:objects", "/gc/heap/frees:bytes", "/gc/heap/frees:objects",
	"/gc/heap/goal:bytes", "/gc/heap/objects:objects", "/gc/pauses:seconds",
	"/memory/classes/heap/free:bytes", "/memory/classes/heap/objects:bytes",
	"/memory/classes/heap/released:bytes", "/memory/classes/heap/stacks:bytes",
	"/memory/classes/heap/unused:bytes",
	"/memory/classes/metadata/mcache/free:bytes", "/memory/classes/metadata/mcache/inuse:bytes",
	"/memory/classes/metadata/mspan/free:bytes", "/memory/classes/metadata/mspan/inuse:bytes",
	"/memory/classes/metadata/other:bytes", "/memory/classes/os-stacks:bytes",
	"/memory/classes/other:bytes", "/memory/classes/profiling/buckets:bytes",
	"/memory/classes/total:bytes", "/sched/goroutines:goroutines", "/sched/latencies:seconds",
	// Go 1.19
	"/gc/limiter/last-enabled:gc-cycle", "/gc/stack/starting-size:bytes", "/sched/gomaxprocs:threads",
	// Go 1.20
	"/cpu/classes/gc/mark/assist:cpu-seconds", "/cpu/classes/gc/mark/dedicated:cpu-seconds",
	"/cpu/classes/gc/mark/idle:cpu-seconds", "/cpu/classes/gc/pause:cpu-seconds",
	"/cpu/classes/gc/total:cpu-seconds", "/cpu/classes/idle:cpu-seconds",
	"/cpu/classes/scavenge/assist:cpu-seconds", "/cpu/classes/scavenge/background:cpu-seconds",
	"/cpu/classes/scavenge/total:cpu-seconds", "/cpu/classes/total:cpu-seconds",
	"/cpu/classes/user:cpu-seconds",
	// Go 1.21
	"/gc/gogc:percent", "/gc/gomemlimit:bytes", "/gc/heap/live:bytes", "/gc/scan/globals:bytes",
	"/gc/scan/heap:bytes", "/gc/scan/stack:bytes", "/gc/scan/total:bytes",
	// Go 1.22
	"/sched/pauses/stopping/gc:seconds", "/sched/pauses/stopping/other:seconds",
	"/sched/pauses/total/gc:seconds", "/sched/pauses/total/other:seconds",
	// Go 1.26
	"/sched/goroutines/not-in-go:goroutines", "/sched/goroutines/runnable:goroutines",
	"/sched/goroutines/running:goroutines", "/sched/goroutines/waiting:goroutines",
	"/sched/goroutines-created:goroutines", "/sched/threads/total:threads",
}

// servedMetrics is the catalog filtered to what this runtime supports, in catalog order.
var servedMetrics = presentInRuntime(catalog)

func presentInRuntime(names []string) []string {
	known := map[string]bool{}
	for _, d := range metrics.All() {
		known[d.Name] = true
	}
	var out []string
	for _, n := range names {
		if known[n] {
			out = append(out, n)
		}
	}
	return out
}
