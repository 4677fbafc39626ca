package agent

import (
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"runtime/debug"
	"testing"
	"time"
)

// startFixtureAgent starts an agent on a fixture tree and restores the process's memory
// limit and GOGC when the test ends.
func startFixtureAgent(t testing.TB, fixture string, opts Options) *Agent {
	t.Helper()
	before := debug.SetMemoryLimit(-1)
	opts.FS = os.DirFS("testdata/cgroup/" + fixture)
	opts.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	a := Start(opts)
	t.Cleanup(func() { a.Stop(); debug.SetMemoryLimit(before) })
	return a
}

type statusDoc struct {
	SchemaVersion int                        `json:"schemaVersion"`
	GoVersion     string                     `json:"goVersion"`
	Pid           int                        `json:"pid"`
	Metrics       map[string]json.RawMessage `json:"metrics"`
	Limit         map[string]any             `json:"limit"`
	GOGC          map[string]any             `json:"gogc"`
}

func getStatus(t *testing.T, h http.Handler) statusDoc {
	t.Helper()
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, Path, nil))
	if rec.Code != 200 || rec.Header().Get("Content-Type") != "application/json" {
		t.Fatalf("status %d, type %q", rec.Code, rec.Header().Get("Content-Type"))
	}
	var doc statusDoc
	if err := json.Unmarshal(rec.Body.Bytes(), &doc); err != nil {
		t.Fatalf("invalid JSON: %v\n%s", err, rec.Body.String())
	}
	return doc
}

func TestHandlerServesMetricsAndDecisions(t *testing.T) {
	a := startFixtureAgent(t, "hybrid", Options{NoHandler: true, GOGC: GOGCOptions{Enabled: true}})
	doc := getStatus(t, a.Handler())
	if doc.SchemaVersion != SchemaVersion || doc.Pid != os.Getpid() || doc.GoVersion == "" {
		t.Fatalf("header fields: %+v", doc)
	}
	if len(doc.Metrics) != len(servedMetrics) || len(servedMetrics) < 40 {
		t.Fatalf("%d metrics served, %d known to this runtime", len(doc.Metrics), len(servedMetrics))
	}
	if got := string(doc.Metrics["/gc/gomemlimit:bytes"]); got != "188743680" {
		t.Fatalf("/gc/gomemlimit:bytes = %s, want 0.9 x 200 MiB", got)
	}
	var pauses struct{ Count, P50, P99, Max *float64 }
	if err := json.Unmarshal(doc.Metrics["/sched/latencies:seconds"], &pauses); err != nil || pauses.Count == nil {
		t.Fatalf("histogram summary: %s (%v)", doc.Metrics["/sched/latencies:seconds"], err)
	}
	wantFile := "/sys/fs/cgroup/memory/process_api/24cb66ff3fda113ed1909635ad61fc4f/memory.limit_in_bytes"
	if doc.Limit["source"] != "cgroup" || doc.Limit["cgroupFile"] != wantFile || doc.Limit["stale"] != false {
		t.Fatalf("limit: %v", doc.Limit)
	}
	if doc.GOGC["enabled"] != true || doc.GOGC["lastAction"] != "hold" {
		t.Fatalf("gogc: %v", doc.GOGC)
	}
}

func TestHandlerRejectsOtherMethods(t *testing.T) {
	rec := httptest.NewRecorder()
	(&Agent{}).Handler().ServeHTTP(rec, httptest.NewRequest(http.MethodPost, Path, nil))
	if rec.Code != http.StatusMethodNotAllowed {
		t.Fatalf("POST: %d", rec.Code)
	}
}

func TestStartRegistersOnDefaultMuxAndRefreshes(t *testing.T) {
	a := startFixtureAgent(t, "v2", Options{RefreshInterval: 10 * time.Millisecond})
	srv := httptest.NewServer(http.DefaultServeMux)
	defer srv.Close()
	first, _ := a.Status()
	res, err := http.Get(srv.URL + Path)
	if err != nil || res.StatusCode != 200 {
		t.Fatalf("GET %s: %v %v", Path, err, res)
	}
	res.Body.Close()
	later := first
	for deadline := time.Now().Add(5 * time.Second); !later.CheckedAt.After(first.CheckedAt) && time.Now().Before(deadline); {
		time.Sleep(5 * time.Millisecond)
		later, _ = a.Status()
	}
	if !later.CheckedAt.After(first.CheckedAt) || later.DecidedAt != first.DecidedAt {
		t.Fatalf("refresh loop: checked %v -> %v, decided %v -> %v",
			first.CheckedAt, later.CheckedAt, first.DecidedAt, later.DecidedAt)
	}
}

// appendString must agree with encoding/json on any string.
func FuzzAppendString(f *testing.F) {
	for _, s := range []string{"", "plain", "quote\"back\\slash", "\x00\x1f\t\n", "héllo ✓", "\xff\xfe bad utf8", "\u2028"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var back string
		if err := json.Unmarshal(appendString(nil, s), &back); err != nil {
			t.Fatalf("%q: %v", s, err)
		}
		var want string
		std, _ := json.Marshal(s)
		_ = json.Unmarshal(std, &want)
		if back != want {
			t.Fatalf("%q: got %q, encoding/json %q", s, back, want)
		}
	})
}
