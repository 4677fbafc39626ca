package agent_test

import (
	"fmt"
	"io"
	"log/slog"
	"os"
	"runtime/debug"

	"gomemlens.dev/agent"
)

// The options `gomemlens advise` prints (docs/agent.md, "Bounds from gomemlens advise"): here
// the advice for testdata/advise/gcload-gogc100.ndjson of the gomemlens repository, word for
// word (test/advise/agent-roundtrip.test.ts checks that). GOGC=200 is also set in the
// environment, as advise says, so that the controller starts at its floor.
func ExampleGOGCOptions_fromAdvise() {
	defer debug.SetGCPercent(debug.SetGCPercent(200)) // GOGC=200 from the advice
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(-1))
	opts := agent.Options{Ratio: 0.948, GOGC: agent.GOGCOptions{Enabled: true, Budget: 0.1, Min: 200, Max: 200}}
	opts.FS = os.DirFS("testdata/cgroup/v2") // a 512 MiB container; leave FS unset in a service
	opts.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	opts.NoHandler = true
	a := agent.Start(opts)
	defer a.Stop()
	limit, gc := a.Status()
	fmt.Println(limit.CgroupBytes, "->", limit.TargetBytes)
	fmt.Println(gc.Enabled, gc.GOGC, gc.Min, gc.Max, gc.Budget)
	// Output:
	// 536870912 -> 508953624
	// true 200 200 200 0.1
}
