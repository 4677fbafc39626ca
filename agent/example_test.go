package agent_test

import (
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"os"
	"runtime/debug"
	"time"

	"gomemlens.dev/agent"
)

// A service adopts the agent with one call at the start of main. Here the cgroup is a
// fixture tree (a cgroup v2 container limited to 512 MiB); in a service, leave FS unset.
func ExampleStart() {
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(-1)) // keep this example's limit to itself
	a := agent.Start(agent.Options{
		FS:        os.DirFS("testdata/cgroup/v2"),
		Logger:    slog.New(slog.NewTextHandler(io.Discard, nil)),
		NoHandler: true,
	})
	defer a.Stop()
	limit, _ := a.Status()
	fmt.Println(limit.Source, limit.CgroupBytes, "->", limit.TargetBytes, "from", limit.CgroupFile)
	fmt.Println("in force:", debug.SetMemoryLimit(-1))
	// Output:
	// cgroup 536870912 -> 483183820 from /sys/fs/cgroup/memory.max
	// in force: 483183820
}

// Adaptive GOGC is opt-in: keep the GC under 5% of the CPU, measured every 10 seconds,
// with GOGC between 100 and 400.
func ExampleGOGCOptions() {
	a := agent.Start(agent.Options{
		FS:        os.DirFS("testdata/cgroup/none"),
		Logger:    slog.New(slog.NewTextHandler(io.Discard, nil)),
		NoHandler: true,
		GOGC:      agent.GOGCOptions{Enabled: true, Budget: 0.05, Window: 10 * time.Second, Min: 100, Max: 400},
	})
	defer a.Stop()
	_, gc := a.Status()
	fmt.Println(gc.Enabled, gc.GOGC, gc.Min, gc.Max, gc.Budget)
	// Output: true 100 100 400 0.05
}

// ReadCgroupLimit on its own: the smallest limit on the path, and the file that sets it.
func ExampleReadCgroupLimit() {
	limit, err := agent.ReadCgroupLimit(os.DirFS("testdata/cgroup/v1-nested"), true)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("cgroup v%d: %d bytes from %s\n", limit.Version, limit.Bytes, limit.Source)
	// Output: cgroup v1: 268435456 bytes from /sys/fs/cgroup/memory/kubepods/pod2/memory.limit_in_bytes
}

// The handler can be mounted on any mux instead of http.DefaultServeMux.
func ExampleAgent_Handler() {
	a := agent.Start(agent.Options{NoHandler: true, FS: os.DirFS("testdata/cgroup/none"),
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	defer a.Stop()
	mux := http.NewServeMux()
	mux.Handle(agent.Path, a.Handler())
	fmt.Println(agent.Path, agent.SchemaVersion)
	// Output: /debug/gomemlens 1
}
