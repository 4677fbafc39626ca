package agent

import (
	"context"
	"log/slog"
	"time"
)

// step measures one window and applies the decision. It reads runtime/metrics only
// (no stop-the-world) and does not allocate unless it logs.
func (c *gogcController) step(now time.Time) GOGCState {
	if !c.state.Enabled {
		return c.state
	}
	w := c.window()
	d := decideGOGC(c.state.GOGC, c.opts.Min, c.opts.Max, c.opts.Budget, c.lowStreak, w)
	switch {
	case d.action == ActionLower || !d.low:
		c.lowStreak = 0
	case d.share >= 0:
		c.lowStreak++
	}
	c.state.Steps++
	c.state.Cap, c.state.LastAction, c.state.LastReason = d.cap, d.action, d.reason
	if d.share >= 0 {
		c.state.LastShare = d.share
	}
	if d.next != c.state.GOGC {
		c.setGCPercent(d.next)
		c.log.LogAttrs(context.Background(), slog.LevelInfo, "gomemlens: GOGC adjusted",
			slog.Int("from", c.state.GOGC), slog.Int("to", d.next), slog.String("reason", d.reason))
		c.state.GOGC, c.state.ChangedAt = d.next, now
		c.state.Changes++
	}
	return c.state
}

// window reads the samples and returns the deltas since the previous window.
func (c *gogcController) window() gcWindow {
	c.s.read()
	gc, _ := c.s.float(metricGCCPU)
	total, _ := c.s.float(metricTotalCPU)
	w := gcWindow{gcCPU: gc - c.prevGC, totalCPU: total - c.prevTotal}
	c.prevGC, c.prevTotal = gc, total
	live, _ := c.s.uint(metricLiveHeap)
	w.live = c.peakLive(live)
	stack, _ := c.s.uint(metricStackScan)
	globals, _ := c.s.uint(metricGlobalsScan)
	w.roots = stack + globals
	w.nonHeap = c.nonHeapBytes()
	limit, _ := c.s.uint(metricMemLimit)
	w.limit = int64(limit)
	return w
}

// peakLive records live and returns the largest of the last livePeakOf windows.
func (c *gogcController) peakLive(live uint64) uint64 {
	c.lives[c.windows%livePeakOf] = live
	c.windows++
	peak := uint64(0)
	for _, v := range c.lives {
		if v > peak {
			peak = v
		}
	}
	return peak
}

// nonHeapBytes is what the memory limit counts beyond the heap: mapped and not released
// (total - heap/released, the quantity GOMEMLIMIT limits) minus heap free, objects and
// unused (mgcpacer.go memoryLimitHeapGoal).
func (c *gogcController) nonHeapBytes() uint64 {
	total, _ := c.s.uint(metricMemTotal)
	var heap uint64
	for _, n := range []string{metricHeapReleased, metricHeapFree, metricHeapObjects, metricHeapUnused} {
		v, _ := c.s.uint(n)
		heap += v
	}
	if heap >= total {
		return 0
	}
	return total - heap
}

// restore puts back the GOGC in force at Start.
func (c *gogcController) restore() {
	if c.state.Enabled && c.state.GOGC != c.state.InitialGOGC {
		c.setGCPercent(c.state.InitialGOGC)
		c.state.GOGC = c.state.InitialGOGC
	}
}
