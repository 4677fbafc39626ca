package agent

import (
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"time"
)

// Where the memory limit in force comes from (LimitState.Source).
const (
	SourceCgroup   = "cgroup"   // set by the agent from the cgroup limit
	SourceEnv      = "env"      // GOMEMLIMIT in the environment; the agent leaves it alone
	SourceExternal = "external" // changed by other code (debug.SetMemoryLimit); left alone
	SourceNone     = "none"     // no cgroup limit found; nothing set
)

// LimitState is the agent's latest memory-limit decision, as served at Path.
type LimitState struct {
	Source        string    // one of SourceCgroup, SourceEnv, SourceExternal, SourceNone
	CgroupVersion int       // 1 or 2; 0 when no cgroup was read
	CgroupFile    string    // the file that set the effective cgroup limit
	CgroupBytes   uint64    // effective cgroup limit; 0 when none
	Ratio         float64   // the configured ratio
	ReserveBytes  uint64    // the configured reserve for non-Go memory
	TargetBytes   uint64    // Ratio x (CgroupBytes - ReserveBytes); 0 when there is none
	InForceBytes  int64     // debug.SetMemoryLimit(-1) after the decision
	LiveHeapBytes uint64    // /gc/heap/live:bytes at the decision; 0 when unknown
	Refused       string    // why the target was not applied (death-spiral guard), or ""
	Stale         bool      // the limit in force no longer matches the container
	StaleReason   string    // why it is stale, or ""
	Err           string    // the last cgroup read error, or ""
	DecidedAt     time.Time // when the limit in force was last decided or changed
	CheckedAt     time.Time // when the cgroup was last read
}

// limiter decides and applies the memory limit. Its dependencies are fields so tests can
// drive it with fixture trees and a fake runtime.
type limiter struct {
	fsys         fs.FS
	ratio        float64
	reserve      uint64
	considerHigh bool
	env          string                // GOMEMLIMIT from the environment, "" when unset
	setLimit     func(int64) int64     // debug.SetMemoryLimit
	liveHeap     func() (uint64, bool) // readLiveHeap
	log          *slog.Logger
	lastSet      int64       // what the agent set last; -1 when it has set nothing
	startCgroup  CgroupLimit // the cgroup limit at the first read (env staleness)
	started      bool
	state        LimitState
}

// refresh reads the cgroup, decides, applies, and returns the new state.
func (l *limiter) refresh(now time.Time) LimitState {
	cg, err := ReadCgroupLimit(l.fsys, l.considerHigh)
	if err == nil && !l.started {
		l.startCgroup, l.started = cg, true
	}
	next := LimitState{Ratio: l.ratio, ReserveBytes: l.reserve, CheckedAt: now,
		CgroupVersion: cg.Version, CgroupFile: cg.Source, CgroupBytes: cg.Bytes}
	next.InForceBytes = l.setLimit(-1)
	switch {
	case l.env != "":
		l.decideEnv(&next, cg, err)
	case err != nil:
		l.decideUnreadable(&next, err)
	case l.lastSet >= 0 && next.InForceBytes != l.lastSet:
		l.decideExternal(&next, cg)
	default:
		l.decideFromCgroup(&next, cg)
	}
	next.InForceBytes = l.setLimit(-1)
	if next.InForceBytes == l.state.InForceBytes && !l.state.DecidedAt.IsZero() {
		next.DecidedAt = l.state.DecidedAt
	} else {
		next.DecidedAt = now
	}
	l.logChange(next)
	l.state = next
	return next
}

func (l *limiter) decideEnv(next *LimitState, cg CgroupLimit, err error) {
	next.Source = SourceEnv
	if err != nil || cg.Unlimited() {
		next.Err = errText(err)
		return
	}
	next.TargetBytes = l.target(cg)
	live, known := l.liveHeap()
	next.LiveHeapBytes = live
	switch {
	case known && next.InForceBytes >= 0 && uint64(next.InForceBytes) < live:
		next.Stale, next.StaleReason = true, fmt.Sprintf(
			"GOMEMLIMIT=%s is below the live heap %d B: the GC runs almost continuously (a downward-API value with divisor 1Mi is read as bytes)", l.env, live)
	case next.InForceBytes != noLimit && uint64(next.InForceBytes) >= cg.Bytes:
		next.Stale, next.StaleReason = true, fmt.Sprintf(
			"GOMEMLIMIT=%s is at or above the cgroup limit %d B (%s): it leaves no headroom", l.env, cg.Bytes, cg.Source)
	case cg.Bytes != l.startCgroup.Bytes:
		next.Stale, next.StaleReason = true, fmt.Sprintf(
			"GOMEMLIMIT=%s was set for a cgroup limit of %d B; the limit is now %d B", l.env, l.startCgroup.Bytes, cg.Bytes)
	}
}

func (l *limiter) decideUnreadable(next *LimitState, err error) {
	if errors.Is(err, ErrNoMemoryCgroup) {
		next.Source = SourceNone
		return
	}
	next.Source, next.Err = l.state.Source, err.Error()
	if next.Source == "" {
		next.Source = SourceNone
	}
	if l.lastSet >= 0 {
		next.TargetBytes = l.state.TargetBytes
		next.Stale, next.StaleReason = true, "cgroup limit unreadable; the limit in force was decided at "+
			l.state.DecidedAt.Format(time.RFC3339)
	}
}

func (l *limiter) decideExternal(next *LimitState, cg CgroupLimit) {
	next.Source = SourceExternal
	if cg.Unlimited() {
		return
	}
	next.TargetBytes = l.target(cg)
	if uint64(next.InForceBytes) != next.TargetBytes {
		next.Stale, next.StaleReason = true, fmt.Sprintf(
			"memory limit changed outside the agent to %d B; the cgroup limit gives %d B", next.InForceBytes, next.TargetBytes)
	}
}

func errText(err error) string {
	if err == nil || errors.Is(err, ErrNoMemoryCgroup) {
		return ""
	}
	return err.Error()
}
