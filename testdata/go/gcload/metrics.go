package main

import (
	"fmt"
	"io"
	"runtime/metrics"
	"strconv"
)

// promNames are the runtime/metrics a client_golang service exports with
// collectors.WithGoCollectorRuntimeMetrics, under client_golang's names
// (internal.RuntimeMetricsToProm: go_ + the path with / -> _, the unit, _total on counters).
var promNames = []struct{ metric, name, kind string }{
	{"/cpu/classes/gc/total:cpu-seconds", "go_cpu_classes_gc_total_cpu_seconds_total", "counter"},
	{"/cpu/classes/total:cpu-seconds", "go_cpu_classes_total_cpu_seconds_total", "counter"},
	{"/cpu/classes/user:cpu-seconds", "go_cpu_classes_user_cpu_seconds_total", "counter"},
	{"/gc/cycles/total:gc-cycles", "go_gc_cycles_total_gc_cycles_total", "counter"},
	{"/gc/heap/live:bytes", "go_gc_heap_live_bytes", "gauge"},
	{"/gc/heap/goal:bytes", "go_gc_heap_goal_bytes", "gauge"},
	{"/gc/scan/stack:bytes", "go_gc_scan_stack_bytes", "gauge"},
	{"/gc/scan/globals:bytes", "go_gc_scan_globals_bytes", "gauge"},
	{"/gc/limiter/last-enabled:gc-cycle", "go_gc_limiter_last_enabled_gc_cycle", "gauge"},
}

// runtimeMetrics writes promNames at the end of /metrics.
func runtimeMetrics(w io.Writer) {
	s := make([]metrics.Sample, len(promNames))
	for i, p := range promNames {
		s[i].Name = p.metric
	}
	metrics.Read(s)
	for i, p := range promNames {
		var v float64
		switch s[i].Value.Kind() {
		case metrics.KindUint64:
			v = float64(s[i].Value.Uint64())
		case metrics.KindFloat64:
			v = s[i].Value.Float64()
		default:
			continue
		}
		fmt.Fprintf(w, "# HELP %s Sourced from %s.\n# TYPE %s %s\n%s %s\n", p.name, p.metric, p.name, p.kind, p.name, strconv.FormatFloat(v, 'g', -1, 64))
	}
}
