package agent

import (
	"math"
	"runtime/metrics"
)

// Runtime metric names the controllers read (runtime/metrics; all present since Go 1.21).
const (
	metricLiveHeap     = "/gc/heap/live:bytes"
	metricGCCPU        = "/cpu/classes/gc/total:cpu-seconds"
	metricTotalCPU     = "/cpu/classes/total:cpu-seconds"
	metricStackScan    = "/gc/scan/stack:bytes"
	metricGlobalsScan  = "/gc/scan/globals:bytes"
	metricMemTotal     = "/memory/classes/total:bytes"
	metricHeapReleased = "/memory/classes/heap/released:bytes"
	metricHeapFree     = "/memory/classes/heap/free:bytes"
	metricHeapObjects  = "/memory/classes/heap/objects:bytes"
	metricHeapUnused   = "/memory/classes/heap/unused:bytes"
	metricMemLimit     = "/gc/gomemlimit:bytes"
	metricGOGC         = "/gc/gogc:percent"
	metricHeapGoal     = "/gc/heap/goal:bytes"
)

// sampler reads a fixed set of runtime metrics into a reused slice, so a read does not
// allocate. Names the running Go version does not know read as absent. Not safe for
// concurrent use.
type sampler struct {
	samples []metrics.Sample
	index   map[string]int
}

func newSampler(names ...string) *sampler {
	s := &sampler{samples: make([]metrics.Sample, len(names)), index: make(map[string]int, len(names))}
	for i, n := range names {
		s.samples[i].Name = n
		s.index[n] = i
	}
	return s
}

func (s *sampler) read() { metrics.Read(s.samples) }

// uint returns a uint64 metric; ok is false when the runtime does not have it.
func (s *sampler) uint(name string) (uint64, bool) {
	v := s.samples[s.index[name]].Value
	if v.Kind() != metrics.KindUint64 {
		return 0, false
	}
	return v.Uint64(), true
}

// float returns a float64 metric; ok is false when the runtime does not have it.
func (s *sampler) float(name string) (float64, bool) {
	v := s.samples[s.index[name]].Value
	if v.Kind() != metrics.KindFloat64 {
		return 0, false
	}
	return v.Float64(), true
}

// readLiveHeap returns /gc/heap/live:bytes (Go >= 1.21): the heap marked live by the last
// GC. ok is false on older runtimes or before the first GC (value 0).
func readLiveHeap() (uint64, bool) {
	s := []metrics.Sample{{Name: metricLiveHeap}}
	metrics.Read(s)
	if s[0].Value.Kind() != metrics.KindUint64 || s[0].Value.Uint64() == 0 {
		return 0, false
	}
	return s[0].Value.Uint64(), true
}

// noLimit is the runtime's "no memory limit" value (debug.SetMemoryLimit docs).
const noLimit = math.MaxInt64
