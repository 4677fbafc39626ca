package agent

import (
	"bytes"
	"io"
	"log/slog"
	"os"
	"strings"
	"testing"
	"testing/fstest"
	"time"
)

const mib = 1 << 20

// v2Tree is a cgroup v2 container view whose memory.max the test can change.
func v2Tree(max string) fstest.MapFS {
	return fstest.MapFS{
		"proc/self/cgroup":         {Data: []byte("0::/\n")},
		"proc/self/mountinfo":      {Data: []byte("30 25 0:27 / /sys/fs/cgroup rw - cgroup2 cgroup2 rw\n")},
		"sys/fs/cgroup/memory.max": {Data: []byte(max + "\n")},
	}
}

// fakeRuntime stands in for debug.SetMemoryLimit and /gc/heap/live:bytes.
type fakeRuntime struct {
	limit int64
	live  uint64
	sets  int
}

func (f *fakeRuntime) setLimit(n int64) int64 {
	old := f.limit
	if n >= 0 {
		f.limit, f.sets = n, f.sets+1
	}
	return old
}

func (f *fakeRuntime) liveHeap() (uint64, bool) { return f.live, f.live > 0 }

func newTestLimiter(fsys fstest.MapFS, rt *fakeRuntime, env string, log io.Writer) *limiter {
	if log == nil {
		log = io.Discard
	}
	return &limiter{fsys: fsys, ratio: 0.9, considerHigh: true, env: env, lastSet: -1,
		setLimit: rt.setLimit, liveHeap: rt.liveHeap, log: slog.New(slog.NewTextHandler(log, nil))}
}

func TestLimiterFollowsResize(t *testing.T) {
	tree := v2Tree("209715200")
	rt := &fakeRuntime{limit: noLimit, live: 10 * mib}
	l := newTestLimiter(tree, rt, "", nil)
	st := l.refresh(time.Now())
	if st.Source != SourceCgroup || rt.limit != 188743680 || st.InForceBytes != 188743680 || st.Stale {
		t.Fatalf("first refresh: %+v (in force %d)", st, rt.limit)
	}
	tree["sys/fs/cgroup/memory.max"].Data = []byte("314572800\n")
	st = l.refresh(time.Now())
	if rt.limit != 283115520 || st.TargetBytes != 283115520 || st.CgroupBytes != 314572800 {
		t.Fatalf("after resize: %+v", st)
	}
	tree["sys/fs/cgroup/memory.max"].Data = []byte("max\n")
	st = l.refresh(time.Now())
	if rt.limit != noLimit || st.Source != SourceNone {
		t.Fatalf("after the limit was lifted: %+v (in force %d)", st, rt.limit)
	}
}

func TestLimiterReserve(t *testing.T) {
	rt := &fakeRuntime{limit: noLimit}
	l := newTestLimiter(v2Tree("1073741824"), rt, "", nil)
	l.reserve = 100 * mib
	l.refresh(time.Now())
	if want := int64(871995801); rt.limit != want { // 0.9 x (1 GiB - 100 MiB), truncated
		t.Fatalf("limit %d, want %d", rt.limit, want)
	}
	l.reserve = 2048 * mib
	if st := l.refresh(time.Now()); st.Refused == "" || !st.Stale {
		t.Fatalf("a reserve above the limit must be refused and reported: %+v", st)
	}
}

func TestLimiterRefusesLimitBelowLiveHeap(t *testing.T) {
	rt := &fakeRuntime{limit: noLimit, live: 500 * mib}
	l := newTestLimiter(v2Tree("536870912"), rt, "", nil)
	st := l.refresh(time.Now())
	if rt.sets != 0 || st.Refused == "" || !strings.Contains(st.Refused, "live heap") || !st.Stale {
		t.Fatalf("want a refusal and no change: %+v (sets %d)", st, rt.sets)
	}
	rt.live = 100 * mib // the heap shrank: now the limit is safe
	if st = l.refresh(time.Now()); rt.limit != 483183820 || st.Refused != "" || st.Stale {
		t.Fatalf("after the heap shrank: %+v (in force %d)", st, rt.limit)
	}
}

func TestLimiterLeavesEnvAloneAndReportsStale(t *testing.T) {
	tree := v2Tree("536870912")
	rt := &fakeRuntime{limit: 400 * mib}
	l := newTestLimiter(tree, rt, "400MiB", nil)
	if st := l.refresh(time.Now()); st.Source != SourceEnv || st.Stale || rt.sets != 0 {
		t.Fatalf("env within the limit: %+v", st)
	}
	tree["sys/fs/cgroup/memory.max"].Data = []byte("1073741824\n")
	st := l.refresh(time.Now())
	if !st.Stale || !strings.Contains(st.StaleReason, "now 1073741824") || rt.sets != 0 {
		t.Fatalf("after resize the env limit is stale: %+v", st)
	}
	rt3 := &fakeRuntime{limit: 512, live: 20 * mib} // GOMEMLIMIT=512 from divisor: 1Mi
	st = newTestLimiter(v2Tree("536870912"), rt3, "512", nil).refresh(time.Now())
	if !st.Stale || !strings.Contains(st.StaleReason, "below the live heap") || rt3.sets != 0 {
		t.Fatalf("env below the live heap: %+v", st)
	}
	rt2 := &fakeRuntime{limit: 600 * mib}
	st = newTestLimiter(v2Tree("536870912"), rt2, "600MiB", nil).refresh(time.Now())
	if !st.Stale || !strings.Contains(st.StaleReason, "above the cgroup limit") {
		t.Fatalf("env above the cgroup limit: %+v", st)
	}
}

func TestLimiterUnreadableKeepsLimitAndSaysStale(t *testing.T) {
	tree := v2Tree("209715200")
	rt := &fakeRuntime{limit: noLimit}
	l := newTestLimiter(tree, rt, "", nil)
	l.refresh(time.Now())
	tree["sys/fs/cgroup/memory.max"].Data = []byte("garbage\n")
	st := l.refresh(time.Now())
	if rt.limit != 188743680 || !st.Stale || !strings.Contains(st.Err, "memory.max") {
		t.Fatalf("unreadable: %+v (in force %d)", st, rt.limit)
	}
}

func TestLimiterNoCgroupAndExternalChange(t *testing.T) {
	rt := &fakeRuntime{limit: noLimit}
	st := newTestLimiter(fstest.MapFS(nil), rt, "", nil).refresh(time.Now())
	if st.Source != SourceNone || rt.sets != 0 || st.Err == "" {
		t.Fatalf("no /proc at all: %+v", st)
	}
	none := newTestLimiter(fstest.MapFS{}, rt, "", nil)
	none.fsys = os.DirFS("testdata/cgroup/none")
	if st = none.refresh(time.Now()); st.Source != SourceNone || st.Err != "" || st.Stale {
		t.Fatalf("no memory cgroup is not an error: %+v", st)
	}
	l := newTestLimiter(v2Tree("209715200"), rt, "", nil)
	l.refresh(time.Now())
	rt.limit = 50 * mib // someone else called debug.SetMemoryLimit
	st = l.refresh(time.Now())
	if st.Source != SourceExternal || rt.limit != 50*mib || !st.Stale {
		t.Fatalf("external change: %+v", st)
	}
}

func TestLimiterLogsOncePerChange(t *testing.T) {
	var buf bytes.Buffer
	l := newTestLimiter(v2Tree("209715200"), &fakeRuntime{limit: noLimit}, "", &buf)
	for i := 0; i < 5; i++ {
		l.refresh(time.Now())
	}
	if n := strings.Count(buf.String(), "memory limit decision"); n != 1 {
		t.Fatalf("%d log lines for one decision:\n%s", n, buf.String())
	}
	if !strings.Contains(buf.String(), "gomemlimit=188743680") {
		t.Fatalf("log does not state the limit:\n%s", buf.String())
	}
}

func discardLogger() *slog.Logger { return slog.New(slog.NewTextHandler(io.Discard, nil)) }
