package agent

import (
	"context"
	"fmt"
	"log/slog"
)

// target is Ratio x (cgroup limit - reserve); 0 when the reserve takes the whole limit.
func (l *limiter) target(cg CgroupLimit) uint64 {
	if cg.Bytes <= l.reserve {
		return 0
	}
	return uint64(float64(cg.Bytes-l.reserve) * l.ratio)
}

// decideFromCgroup applies the target, unless it is below the live heap: a limit under the
// live heap makes the GC run almost continuously (capped at ~50% CPU by the GC CPU
// limiter, runtime/mgclimit.go) until the heap grows past it and the cgroup OOM-kills the
// process, so the agent keeps the limit in force and reports it stale instead.
func (l *limiter) decideFromCgroup(next *LimitState, cg CgroupLimit) {
	next.Source = SourceCgroup
	if cg.Unlimited() {
		next.Source = SourceNone
		if l.lastSet >= 0 {
			l.setLimit(noLimit) // the cgroup limit was lifted: a limit we set has lost its basis
			l.lastSet = -1
		}
		return
	}
	next.TargetBytes = l.target(cg)
	if next.TargetBytes == 0 {
		next.Refused = fmt.Sprintf("reserve %d B is not below the cgroup limit %d B", l.reserve, cg.Bytes)
		next.Stale, next.StaleReason = l.lastSet >= 0, next.Refused
		return
	}
	live, known := l.liveHeap()
	next.LiveHeapBytes = live
	if known && next.TargetBytes < live {
		next.Refused = fmt.Sprintf("target %d B is below the live heap %d B (/gc/heap/live:bytes)", next.TargetBytes, live)
		next.Stale = next.InForceBytes != int64(next.TargetBytes)
		next.StaleReason = next.Refused
		return
	}
	if next.InForceBytes != int64(next.TargetBytes) {
		l.setLimit(int64(next.TargetBytes))
	}
	l.lastSet = int64(next.TargetBytes)
}

// logChange logs a decision once, when what it says differs from the previous one, so a
// refresh loop does not flood the log.
func (l *limiter) logChange(next LimitState) {
	prev := l.state
	if next.Source == prev.Source && next.InForceBytes == prev.InForceBytes &&
		next.TargetBytes == prev.TargetBytes && next.Stale == prev.Stale &&
		next.Refused == prev.Refused && next.Err == prev.Err {
		return
	}
	level := slog.LevelInfo
	if next.Stale || next.Refused != "" || next.Err != "" {
		level = slog.LevelWarn
	}
	attrs := []any{
		slog.String("source", next.Source),
		slog.Int64("gomemlimit", next.InForceBytes),
		slog.Uint64("cgroup_limit", next.CgroupBytes),
		slog.String("cgroup_file", next.CgroupFile),
		slog.Float64("ratio", next.Ratio),
		slog.Uint64("reserve", next.ReserveBytes),
		slog.Uint64("target", next.TargetBytes),
	}
	for _, kv := range [][2]string{{"refused", next.Refused}, {"stale", next.StaleReason}, {"error", next.Err}} {
		if kv[1] != "" {
			attrs = append(attrs, slog.String(kv[0], kv[1]))
		}
	}
	l.log.Log(context.Background(), level, "gomemlens: memory limit decision", attrs...)
}
