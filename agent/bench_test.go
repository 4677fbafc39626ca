package agent

import (
	"net/http"
	"net/http/httptest"
	"syscall"
	"testing"
	"time"
)

// cpuTime is the process's user + system CPU time (getrusage), so a benchmark reports the
// CPU a call costs, including the GC work its allocations cause, not just wall time.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	_ = syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// BenchmarkHandler measures serving Path; budget: < 50 us of CPU per call.
func BenchmarkHandler(b *testing.B) {
	a := startFixtureAgent(b, "hybrid", Options{NoHandler: true, GOGC: GOGCOptions{Enabled: true}})
	h := a.Handler()
	req := httptest.NewRequest(http.MethodGet, Path, nil)
	b.ReportAllocs()
	b.ResetTimer()
	start := cpuTime()
	for i := 0; i < b.N; i++ {
		h.ServeHTTP(httptest.NewRecorder(), req)
	}
	b.ReportMetric(float64((cpuTime()-start).Microseconds())/float64(b.N), "cpu-us/op")
}

// BenchmarkGOGCStep measures one adaptive GOGC window (runtime/metrics read + decision).
func BenchmarkGOGCStep(b *testing.B) {
	c := newGOGCController(GOGCOptions{Enabled: true, Budget: 1}, func(n int) int { return 100 }, discardLogger())
	b.ReportAllocs()
	b.ResetTimer()
	start := cpuTime()
	for i := 0; i < b.N; i++ {
		c.step(time.Time{})
	}
	reportOverhead(b, cpuTime()-start, 10*time.Second)
}

// BenchmarkLimitRefresh measures one refresh against the real /proc and /sys of this host.
func BenchmarkLimitRefresh(b *testing.B) {
	rt := &fakeRuntime{limit: noLimit}
	l := &limiter{fsys: Options{}.withFS(), ratio: 0.9, considerHigh: true, lastSet: -1,
		setLimit: rt.setLimit, liveHeap: readLiveHeap, log: discardLogger()}
	b.ReportAllocs()
	b.ResetTimer()
	start := cpuTime()
	for i := 0; i < b.N; i++ {
		l.refresh(time.Time{})
	}
	reportOverhead(b, cpuTime()-start, 30*time.Second)
}

// reportOverhead reports CPU per step and the share of one CPU it costs at the default
// interval; budget: the controllers together < 0.1% of one CPU.
func reportOverhead(b *testing.B, cpu, interval time.Duration) {
	perStep := float64(cpu.Nanoseconds()) / float64(b.N)
	b.ReportMetric(perStep/1e3, "cpu-us/op")
	b.ReportMetric(100*perStep/float64(interval.Nanoseconds()), "%cpu@default-interval")
}

// BenchmarkDecideGOGC measures the decision alone on the path that formats a reason (a
// window with GC work, above budget), which BenchmarkGOGCStep may not reach.
func BenchmarkDecideGOGC(b *testing.B) {
	w := gcWindow{gcCPU: 0.2, totalCPU: 1, live: 50 << 20, roots: 1 << 20, nonHeap: 10 << 20, limit: 200 << 20}
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		decideGOGC(100, 100, 1000, 0.1, 0, w)
	}
}
