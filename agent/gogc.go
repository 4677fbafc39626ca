package agent

import (
	"log/slog"
	"time"
)

// GOGCOptions configures the adaptive GOGC controller. It is off unless Enabled.
//
// Every Window the controller computes the GC's share of the available CPU: the delta of
// /cpu/classes/gc/total:cpu-seconds over the delta of /cpu/classes/total:cpu-seconds
// (GOMAXPROCS x wall time). The runtime updates these at each GC cycle, so a window with
// no GC holds. Then:
//
//   - above 80% of Budget it raises GOGC at once by x1.5 (at least +10), up to Max (the
//     budget is a ceiling, so the controller aims below it);
//   - after three windows in a row under 40% of the budget it lowers GOGC by x0.8, down
//     to Min (hysteresis: raise fast, lower slowly, so GOGC does not oscillate);
//   - in between it holds.
//
// It never raises GOGC past the cap whose heap goal, live + (live + roots) x GOGC/100,
// would pass 95% of what the memory limit leaves for the heap (live is the peak of the last
// eight windows, as the live heap jitters from cycle to cycle), and steps GOGC down (x0.8)
// toward the cap when the live heap grows and GOGC is more than 10% above it. The GC total
// includes idle-priority marking, which uses CPU that would otherwise be idle. On Stop the
// GOGC in force at Start is restored. If GOGC is off at Start, the controller does not run.
type GOGCOptions struct {
	// Enabled turns the controller on.
	Enabled bool
	// Budget is the target GC share of the available CPU; default 0.10.
	Budget float64
	// Window is how often the share is measured and GOGC adjusted; default 10s.
	Window time.Duration
	// Min is the lowest GOGC it sets; default the GOGC in force at Start.
	Min int
	// Max is the highest GOGC it sets; default 1000.
	Max int
}

// GOGCState is the adaptive GOGC controller's state, as served at Path.
type GOGCState struct {
	Enabled     bool          // the controller runs
	Disabled    string        // why it does not run, or ""
	GOGC        int           // GOGC in force
	InitialGOGC int           // GOGC at Start, restored on Stop
	Min, Max    int           // bounds
	Budget      float64       // target GC CPU share
	Window      time.Duration // measurement window
	LastShare   float64       // GC CPU share over the last window; -1 when unknown
	LastAction  string        // ActionHold, ActionRaise or ActionLower
	LastReason  string        // why
	Cap         int           // highest GOGC whose heap goal fits under the memory limit
	Steps       int           // windows evaluated
	Changes     int           // windows that changed GOGC
	ChangedAt   time.Time     // when GOGC was last changed; zero when never
}

// gogcController runs decideGOGC on runtime/metrics samples.
type gogcController struct {
	opts         GOGCOptions
	setGCPercent func(int) int // debug.SetGCPercent
	s            *sampler
	log          *slog.Logger
	prevGC       float64
	prevTotal    float64
	lowStreak    int                // windows in a row with a low share
	lives        [livePeakOf]uint64 // /gc/heap/live:bytes of the last windows (ring)
	windows      int
	state        GOGCState
}

func newGOGCController(opts GOGCOptions, setGCPercent func(int) int, log *slog.Logger) *gogcController {
	initial := setGCPercent(-1)
	setGCPercent(initial) // SetGCPercent(-1) turned the GC off: put it back at once
	c := &gogcController{opts: withGOGCDefaults(opts, initial), setGCPercent: setGCPercent, log: log}
	c.state = GOGCState{Enabled: opts.Enabled, GOGC: initial, InitialGOGC: initial, Min: c.opts.Min,
		Max: c.opts.Max, Cap: c.opts.Max, Budget: c.opts.Budget, Window: c.opts.Window, LastShare: -1, LastAction: ActionHold}
	switch {
	case !opts.Enabled:
		c.state.Disabled = "not enabled (GOGCOptions.Enabled)"
	case initial < 0:
		c.state.Enabled, c.state.Disabled = false, "GOGC is off"
	}
	c.s = newSampler(metricGCCPU, metricTotalCPU, metricLiveHeap, metricStackScan, metricGlobalsScan,
		metricMemTotal, metricHeapReleased, metricHeapFree, metricHeapObjects, metricHeapUnused, metricMemLimit)
	c.s.read()
	c.prevGC, _ = c.s.float(metricGCCPU)
	c.prevTotal, _ = c.s.float(metricTotalCPU)
	return c
}

func withGOGCDefaults(o GOGCOptions, initial int) GOGCOptions {
	if o.Budget <= 0 {
		o.Budget = 0.10
	}
	if o.Window <= 0 {
		o.Window = 10 * time.Second
	}
	if o.Min <= 0 {
		o.Min = maxInt(initial, 1)
	}
	if o.Max <= 0 {
		o.Max = 1000
	}
	if o.Max < o.Min {
		o.Max = o.Min
	}
	return o
}
