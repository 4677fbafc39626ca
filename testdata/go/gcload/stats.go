package main

import (
	"encoding/json"
	"net/http"
	"runtime/metrics"
	"sync"
	"syscall"
	"time"
)

// The runtime/metrics the window is measured with (all present since Go 1.21).
var names = []string{
	"/gc/cycles/total:gc-cycles",
	"/cpu/classes/gc/total:cpu-seconds",
	"/cpu/classes/total:cpu-seconds",
	"/cpu/classes/user:cpu-seconds",
	"/memory/classes/heap/objects:bytes",
	"/memory/classes/total:bytes",
	"/memory/classes/heap/released:bytes",
	"/gc/heap/live:bytes",
	"/gc/heap/goal:bytes",
	"/gc/limiter/last-enabled:gc-cycle",
	"/gc/heap/allocs:bytes",
	"/sched/gomaxprocs:threads",
}

const (
	mCycles = iota
	mGC
	mTotal
	mUser
	mObjects
	mMemTotal
	mReleased
	mLive
	mGoal
	mLimiter
	mAllocs
	mProcs
)

// point is the counters at one moment of the window.
type point struct {
	t               time.Time
	cycles          uint64
	gc, total, user float64
	allocs          uint64
	cpu             float64 // getrusage user + system seconds: CPU the host really gave
}

// stats measures the GC over a window that starts after the warm-up, sampling every 5 ms:
// cycles per second and GC CPU share between the first and the last GC seen in the window
// (the runtime updates its /cpu/classes at each GC, runtime/metrics.go cpuStatsAggregate),
// the heap's and Go memory's peaks, and whether the GC CPU limiter engaged.
type stats struct {
	mu        sync.Mutex
	warmup    time.Duration
	start     time.Time
	base      *point
	first     *point
	last      *point
	now       point
	peakHeap  uint64
	peakGo    uint64
	baseCycle uint64
	limiter   uint64
	live      uint64
	goal      uint64
	procs     uint64
}

func newStats(warmup time.Duration) *stats { return &stats{warmup: warmup, start: time.Now()} }

func (s *stats) sample() {
	samples := make([]metrics.Sample, len(names))
	for i, n := range names {
		samples[i].Name = n
	}
	for range time.Tick(5 * time.Millisecond) {
		metrics.Read(samples)
		s.record(time.Now(), samples)
	}
}

func (s *stats) record(t time.Time, m []metrics.Sample) {
	u := func(i int) uint64 { return m[i].Value.Uint64() }
	f := func(i int) float64 { return m[i].Value.Float64() }
	p := point{t: t, cycles: u(mCycles), gc: f(mGC), total: f(mTotal), user: f(mUser), allocs: u(mAllocs), cpu: rusage()}
	s.mu.Lock()
	defer s.mu.Unlock()
	if t.Sub(s.start) < s.warmup {
		return
	}
	if s.base == nil {
		s.base, s.baseCycle, s.now = &p, p.cycles, p
	}
	if p.cycles != s.now.cycles { // a GC ended since the previous sample
		if s.first == nil {
			s.first = &p
		}
		s.last = &p
	}
	s.now = p
	s.peakHeap = max(s.peakHeap, u(mObjects))
	s.peakGo = max(s.peakGo, u(mMemTotal)-u(mReleased))
	s.limiter, s.live, s.goal, s.procs = u(mLimiter), u(mLive), u(mGoal), u(mProcs)
}

// report is /debug/gcload: the window's measurements (zeros before the window starts).
type report struct {
	WindowSec      float64 `json:"windowSec"`
	Cycles         uint64  `json:"cycles"`
	CyclesPerSec   float64 `json:"cyclesPerSec"`
	GCShare        float64 `json:"gcCpuShare"`
	UserCPUPerSec  float64 `json:"userCpuPerSec"`
	AllocRate      float64 `json:"allocBytesPerSec"`
	PeakHeap       uint64  `json:"peakHeapBytes"`
	PeakGoMemory   uint64  `json:"peakGoMemoryBytes"`
	LimiterEngaged bool    `json:"limiterEngaged"`
	Live           uint64  `json:"liveHeapBytes"`
	Goal           uint64  `json:"heapGoalBytes"`
	GOMAXPROCS     uint64  `json:"gomaxprocs"`
	// CPU the process got (getrusage) over the time its Ps were busy by the runtime's count
	// (/cpu/classes/gc/total + /cpu/classes/user, wall time on a P): 1 on an idle host.
	CPUAvailability float64 `json:"cpuAvailability"`
}

func (s *stats) report() report {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.base == nil {
		return report{}
	}
	r := report{
		WindowSec: s.now.t.Sub(s.base.t).Seconds(), PeakHeap: s.peakHeap, PeakGoMemory: s.peakGo,
		LimiterEngaged: s.limiter > s.baseCycle, Live: s.live, Goal: s.goal, GOMAXPROCS: s.procs,
		Cycles: s.now.cycles - s.base.cycles,
	}
	if r.WindowSec > 0 {
		r.AllocRate = float64(s.now.allocs-s.base.allocs) / r.WindowSec
	}
	if s.first != nil && s.last != s.first {
		span := s.last.t.Sub(s.first.t).Seconds()
		r.CyclesPerSec = float64(s.last.cycles-s.first.cycles) / span
		r.GCShare = (s.last.gc - s.first.gc) / (s.last.total - s.first.total)
		r.UserCPUPerSec = (s.last.user - s.first.user) / span
		busy := (s.last.gc - s.first.gc) + (s.last.user - s.first.user)
		if busy > 0 {
			r.CPUAvailability = (s.last.cpu - s.first.cpu) / busy
		}
	}
	return r
}

func (s *stats) serve(w http.ResponseWriter, _ *http.Request) {
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(s.report())
}

func rusage() float64 {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano()).Seconds()
}
