package agent

import "fmt"

// Actions of the adaptive GOGC controller (GOGCState.LastAction).
const (
	ActionHold  = "hold"  // no change
	ActionRaise = "raise" // GC share near or above budget: GOGC up one step
	ActionLower = "lower" // GC share well below budget, or heap goal over the limit: GOGC down
)

// Step sizes and hysteresis of the adaptive GOGC controller.
const (
	raiseFactor = 1.5  // one raise multiplies GOGC by this...
	raiseMin    = 10   // ...and adds at least this many points
	lowerFactor = 0.8  // one lowering multiplies GOGC by this
	highWater   = 0.8  // raise when the share is above highWater x budget: the budget is a ceiling
	lowWater    = 0.4  // lower only when the share is under lowWater x budget...
	lowerAfter  = 3    // ...for this many windows in a row (raise fast, lower slowly)
	goalMargin  = 0.95 // keep the projected heap goal under 95% of the room the limit leaves
	capSlack    = 1.10 // step down for the cap only when GOGC is 10% above it (hysteresis)
	livePeakOf  = 8    // the cap uses the peak live heap of this many windows (live heap jitters)
)

// gcWindow is what the controller saw over one window.
type gcWindow struct {
	gcCPU, totalCPU float64 // deltas of /cpu/classes/gc/total and /cpu/classes/total
	live, roots     uint64  // peak /gc/heap/live of recent windows; /gc/scan/stack + /gc/scan/globals
	nonHeap         uint64  // memory the limit counts that is not heap (see nonHeapBytes)
	limit           int64   // /gc/gomemlimit:bytes
}

type gogcDecision struct {
	next   int
	action string
	reason string
	share  float64 // -1 when the window held no GC cycle
	low    bool    // the share was under lowWater x budget
	cap    int     // the highest GOGC whose heap goal fits under the limit
}

// decideGOGC is the controller's pure step. The heap goal for GOGC g is
// live + (live + roots) x g/100 (Go >= 1.18, mgcpacer.go); raising GOGC is pointless (and
// makes the memory limit drive the GC instead) once that goal passes the limit.
// lowStreak counts the windows in a row before this one whose share was low.
func decideGOGC(cur, min, max int, budget float64, lowStreak int, w gcWindow) gogcDecision {
	d := gogcDecision{next: cur, action: ActionHold, share: -1, cap: capForLimit(min, max, w)}
	if w.totalCPU <= 0 {
		d.reason = "no GC cycle in the window (CPU classes update at GC)"
		return d
	}
	d.share = w.gcCPU / w.totalCPU
	d.low = d.share < lowWater*budget
	switch {
	case float64(cur) > float64(d.cap)*capSlack:
		// One bounded step toward the cap: above it the memory limit already bounds the
		// heap goal (the runtime takes the smaller goal), so there is no hurry.
		d.next, d.action = maxInt(d.cap, int(float64(cur)*lowerFactor)), ActionLower
		d.reason = fmt.Sprintf("heap goal at GOGC=%d would pass the memory limit; cap %d", cur, d.cap)
	case d.share > highWater*budget:
		want := clamp(maxInt(int(float64(cur)*raiseFactor), cur+raiseMin), min, d.cap)
		d.reason = fmt.Sprintf("GC CPU share %.2f%% above %.0f%% of budget %.2f%%", 100*d.share, 100*highWater, 100*budget)
		if want > cur {
			d.next, d.action = want, ActionRaise
		} else {
			d.reason += fmt.Sprintf("; at the cap GOGC=%d", d.cap)
		}
	case d.low && cur > min && lowStreak+1 >= lowerAfter:
		d.next, d.action = clamp(int(float64(cur)*lowerFactor), min, d.cap), ActionLower
		d.reason = fmt.Sprintf("GC CPU share %.2f%% under %.0f%% of budget for %d windows",
			100*d.share, 100*lowWater, lowerAfter)
	default:
		d.reason = fmt.Sprintf("GC CPU share %.2f%% within the band", 100*d.share)
	}
	return d
}

// capForLimit returns the highest GOGC in [min, max] whose projected heap goal stays under
// goalMargin of what the memory limit leaves for the heap; min when none does (the memory
// limit then drives the GC, as it should).
func capForLimit(min, max int, w gcWindow) int {
	if w.limit <= 0 || w.limit == noLimit || w.live == 0 {
		return max
	}
	room := float64(w.limit) - float64(w.nonHeap)
	room *= goalMargin
	if room <= float64(w.live) {
		return min
	}
	g := int((room - float64(w.live)) * 100 / float64(w.live+w.roots))
	return clamp(g, min, max)
}

func clamp(v, lo, hi int) int {
	if v > hi {
		v = hi
	}
	if v < lo {
		v = lo
	}
	return v
}

func maxInt(a, b int) int {
	if a > b {
		return a
	}
	return b
}
