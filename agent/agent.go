package agent

import (
	"io/fs"
	"log/slog"
	"os"
	"runtime/debug"
	"sync"
	"time"
)

// Options configures Start. The zero value is a sound default.
type Options struct {
	// Ratio is the share of the (cgroup limit - Reserve) used as GOMEMLIMIT; default 0.9.
	// Go's GC guide recommends 5-10% headroom.
	Ratio float64
	// Reserve is memory kept out of the limit for non-Go memory (cgo, mmap, ...), which
	// GOMEMLIMIT does not cover; default 0.
	Reserve uint64
	// RefreshInterval is how often the cgroup limit is re-read to follow an in-place
	// resize; default 30s. A negative value reads it once.
	RefreshInterval time.Duration
	// IgnoreMemoryHigh makes the agent ignore cgroup v2 memory.high.
	IgnoreMemoryHigh bool
	// GOGC configures the adaptive GOGC controller (off by default).
	GOGC GOGCOptions
	// Logger receives the decisions; default slog.Default().
	Logger *slog.Logger
	// FS is the filesystem root for /proc and /sys; default os.DirFS("/").
	FS fs.FS
	// NoHandler keeps Start from registering Handler at Path on http.DefaultServeMux.
	NoHandler bool
}

// Agent manages the memory limit and GOGC of the process. Create it with Start.
type Agent struct {
	opts    Options
	limiter *limiter
	gogc    *gogcController
	mu      sync.Mutex // guards limitState and gogcState
	limit   LimitState
	gc      GOGCState
	stop    chan struct{}
	done    chan struct{}
	once    sync.Once
}

// Start reads the cgroup limit, sets GOMEMLIMIT, starts the refresh loop and (unless
// opts.NoHandler) serves Handler at Path on http.DefaultServeMux. It never fails: problems
// are logged and reported in Status. Call Stop to end the loop. Start is meant to be called
// once per process: two agents would both set the memory limit and GOGC.
func Start(opts Options) *Agent {
	badRatio := opts.Ratio < 0 || opts.Ratio > 1
	opts = withDefaults(opts)
	if badRatio {
		opts.Logger.Warn("gomemlens: Ratio must be in (0, 1]; using 0.9")
	}
	a := &Agent{opts: opts, stop: make(chan struct{}), done: make(chan struct{})}
	a.limiter = &limiter{fsys: opts.FS, ratio: opts.Ratio, reserve: opts.Reserve,
		considerHigh: !opts.IgnoreMemoryHigh, env: os.Getenv("GOMEMLIMIT"), lastSet: -1,
		setLimit: debug.SetMemoryLimit, liveHeap: readLiveHeap, log: opts.Logger}
	a.gogc = newGOGCController(opts.GOGC, debug.SetGCPercent, opts.Logger)
	a.limit = a.limiter.refresh(time.Now())
	a.gc = a.gogc.state
	if !opts.NoHandler {
		registerDefault(a)
	}
	go a.loop()
	return a
}

func withDefaults(o Options) Options {
	if o.Ratio <= 0 || o.Ratio > 1 {
		o.Ratio = 0.9
	}
	if o.RefreshInterval == 0 {
		o.RefreshInterval = 30 * time.Second
	}
	if o.Logger == nil {
		o.Logger = slog.Default()
	}
	o.FS = o.withFS()
	return o
}

// loop refreshes the limit and steps the GOGC controller on their own intervals.
func (a *Agent) loop() {
	defer close(a.done)
	refresh := newTicker(a.opts.RefreshInterval)
	window := newTicker(a.gogc.opts.Window)
	if !a.gogc.state.Enabled {
		window = newTicker(-1)
	}
	defer refresh.Stop()
	defer window.Stop()
	for {
		select {
		case <-a.stop:
			a.gogc.restore()
			return
		case now := <-refresh.C:
			st := a.limiter.refresh(now)
			a.mu.Lock()
			a.limit = st
			a.mu.Unlock()
		case now := <-window.C:
			st := a.gogc.step(now)
			a.mu.Lock()
			a.gc = st
			a.mu.Unlock()
		}
	}
}

// newTicker returns a ticker, or one that never fires for a negative interval.
func newTicker(d time.Duration) *time.Ticker {
	if d > 0 {
		return time.NewTicker(d)
	}
	t := time.NewTicker(time.Hour)
	t.Stop()
	return t
}

// Stop ends the refresh loop and restores the GOGC in force at Start. The memory limit
// stays as it is. Safe to call more than once.
func (a *Agent) Stop() {
	a.once.Do(func() { close(a.stop) })
	<-a.done
}

// Status returns the latest memory-limit and GOGC decisions.
func (a *Agent) Status() (LimitState, GOGCState) {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.limit, a.gc
}

// withFS returns o.FS, or the real root when it is unset.
func (o Options) withFS() fs.FS {
	if o.FS == nil {
		return os.DirFS("/")
	}
	return o.FS
}
