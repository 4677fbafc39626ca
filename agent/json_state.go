package agent

import (
	"strconv"
	"time"
)

func appendLimit(b []byte, l LimitState, refresh time.Duration) []byte {
	b = append(b, `{"source":`...)
	b = appendString(b, l.Source)
	b = append(b, `,"cgroupVersion":`...)
	b = appendUintOrNull(b, uint64(l.CgroupVersion))
	b = append(b, `,"cgroupFile":`...)
	b = appendStringOrNull(b, l.CgroupFile)
	b = append(b, `,"cgroupLimitBytes":`...)
	b = appendUintOrNull(b, l.CgroupBytes)
	b = append(b, `,"ratio":`...)
	b = appendFloat(b, l.Ratio)
	b = append(b, `,"reserveBytes":`...)
	b = strconv.AppendUint(b, l.ReserveBytes, 10)
	b = append(b, `,"targetBytes":`...)
	b = appendUintOrNull(b, l.TargetBytes)
	b = append(b, `,"inForceBytes":`...)
	if l.InForceBytes == noLimit || l.InForceBytes < 0 {
		b = append(b, "null"...)
	} else {
		b = appendInt(b, l.InForceBytes)
	}
	b = append(b, `,"liveHeapBytes":`...)
	b = appendUintOrNull(b, l.LiveHeapBytes)
	b = append(b, `,"refused":`...)
	b = appendStringOrNull(b, l.Refused)
	b = append(b, `,"stale":`...)
	b = strconv.AppendBool(b, l.Stale)
	b = append(b, `,"staleReason":`...)
	b = appendStringOrNull(b, l.StaleReason)
	b = append(b, `,"error":`...)
	b = appendStringOrNull(b, l.Err)
	b = append(b, `,"decidedAt":`...)
	b = appendTime(b, l.DecidedAt)
	b = append(b, `,"checkedAt":`...)
	b = appendTime(b, l.CheckedAt)
	b = append(b, `,"refreshIntervalSeconds":`...)
	if refresh > 0 {
		b = appendFloat(b, refresh.Seconds())
	} else {
		b = append(b, "null"...)
	}
	return append(b, '}')
}

func appendGOGC(b []byte, g GOGCState) []byte {
	b = append(b, `{"enabled":`...)
	b = strconv.AppendBool(b, g.Enabled)
	b = append(b, `,"disabledReason":`...)
	b = appendStringOrNull(b, g.Disabled)
	b = append(b, `,"gogc":`...)
	b = appendInt(b, int64(g.GOGC))
	b = append(b, `,"initialGogc":`...)
	b = appendInt(b, int64(g.InitialGOGC))
	b = append(b, `,"min":`...)
	b = appendInt(b, int64(g.Min))
	b = append(b, `,"max":`...)
	b = appendInt(b, int64(g.Max))
	b = append(b, `,"budget":`...)
	b = appendFloat(b, g.Budget)
	b = append(b, `,"windowSeconds":`...)
	b = appendFloat(b, g.Window.Seconds())
	b = append(b, `,"lastShare":`...)
	if g.LastShare < 0 {
		b = append(b, "null"...)
	} else {
		b = appendFloat(b, g.LastShare)
	}
	b = append(b, `,"lastAction":`...)
	b = appendString(b, g.LastAction)
	b = append(b, `,"lastReason":`...)
	b = appendStringOrNull(b, g.LastReason)
	b = append(b, `,"cap":`...)
	b = appendInt(b, int64(g.Cap))
	b = append(b, `,"steps":`...)
	b = appendInt(b, int64(g.Steps))
	b = append(b, `,"changes":`...)
	b = appendInt(b, int64(g.Changes))
	b = append(b, `,"changedAt":`...)
	b = appendTime(b, g.ChangedAt)
	return append(b, '}')
}
