/**
 * The VPA recommender's input from a workload's rows: every pod's daily peaks (the range
 * query of max_over_time(working set[1d]) evaluated once a day), and which of those intervals
 * held an OOM kill. Kills with a time (from the restart timeline) mark the interval they fall
 * in; kills counted without one (the exporter's or cAdvisor's counter) mark the pod's newest.
 */
import type { WorkloadMeasures } from '../../model/fleet.js';
import type { PodRow } from './rows.js';
import type { PeakSample, VpaInput } from './vpa.js';

export function vpaInputOf(
  rows: readonly PodRow[],
  m: WorkloadMeasures,
  windowMs: number,
): VpaInput {
  const peaks: PeakSample[] = [];
  const oomIntervals = new Set<number>();
  for (const r of rows) {
    const s = r.series.peaks;
    if (!s || s.t.length === 0) continue;
    const first = peaks.length;
    for (let i = 0; i < s.t.length; i++) peaks.push({ t: s.t[i] * 1000, bytes: s.v[i] });
    const times = r.oomTimes ?? [];
    for (const t of times) {
      const i = s.t.findIndex((end) => end >= t);
      if (i >= 0) oomIntervals.add(first + i);
    }
    const counted = Math.max(
      r.stats.get('gomemlens.oom_kills') ?? 0,
      r.stats.get('cadvisor.oom_events') ?? 0,
    );
    if (times.length === 0 && counted >= 1) oomIntervals.add(peaks.length - 1);
  }
  return {
    peaks,
    oomIntervals,
    requestBytes: m.request?.value,
    limitBytes: m.limit?.value,
    containersPerPod: m.containersPerPod,
    windowDays: Math.round(windowMs / 86_400_000),
  };
}
