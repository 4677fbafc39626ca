package agent

import (
	"net/http"
	"os"
	"runtime"
	"runtime/metrics"
	"sync"
	"sync/atomic"
	"time"
)

// Path is where Start registers Handler on http.DefaultServeMux.
const Path = "/debug/gomemlens"

// SchemaVersion is the version of the JSON document served at Path (field
// "schemaVersion"). It changes only when a field changes meaning or goes away.
const SchemaVersion = 1

// Handler returns the HTTP handler that serves the agent's JSON document (GET or HEAD).
func (a *Agent) Handler() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { serveStatus(w, r, a) })
}

var (
	defaultAgent atomic.Pointer[Agent]
	registerOnce sync.Once
)

// registerDefault serves the most recently started agent at Path on http.DefaultServeMux.
func registerDefault(a *Agent) {
	defaultAgent.Store(a)
	registerOnce.Do(func() {
		http.HandleFunc(Path, func(w http.ResponseWriter, r *http.Request) { serveStatus(w, r, defaultAgent.Load()) })
	})
}

// samplePool reuses the metric sample slices between requests.
var samplePool = sync.Pool{New: func() any {
	s := make([]metrics.Sample, len(servedMetrics))
	for i, n := range servedMetrics {
		s[i].Name = n
	}
	return &s
}}

var pid = os.Getpid()

func serveStatus(w http.ResponseWriter, r *http.Request, a *Agent) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	if r.Method == http.MethodHead {
		return
	}
	_, _ = w.Write(appendStatus(make([]byte, 0, 8<<10), a, time.Now()))
}

// appendStatus appends the JSON document (schema in docs/agent.md) to b.
func appendStatus(b []byte, a *Agent, now time.Time) []byte {
	sp := samplePool.Get().(*[]metrics.Sample)
	metrics.Read(*sp)
	b = append(b, `{"schemaVersion":`...)
	b = appendInt(b, SchemaVersion)
	b = append(b, `,"agent":"gomemlens.dev/agent","goVersion":`...)
	b = appendString(b, runtime.Version())
	b = append(b, `,"pid":`...)
	b = appendInt(b, int64(pid))
	b = append(b, `,"time":`...)
	b = appendTime(b, now)
	b = append(b, `,"metrics":`...)
	b = appendMetrics(b, *sp)
	samplePool.Put(sp)
	if a != nil {
		limit, gc := a.Status()
		b = append(b, `,"limit":`...)
		b = appendLimit(b, limit, a.opts.RefreshInterval)
		b = append(b, `,"gogc":`...)
		b = appendGOGC(b, gc)
	}
	return append(b, '}', '\n')
}
