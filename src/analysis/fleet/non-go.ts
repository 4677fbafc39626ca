/**
 * Memory GOMEMLIMIT does not count, per pod, from two range series at the same instants: the
 * working set (what the kubelet and the OOM decision see, cAdvisor) minus what the Go runtime
 * has mapped and not released (Sys - HeapReleased, the quantity GOMEMLIMIT limits: go.dev/doc/
 * gc-guide#Memory_limit). The 95th percentile, so one page-cache spike does not size the limit.
 */
import type { PodRow } from './rows.js';

export function nonGoFromSeries(r: PodRow): number | undefined {
  const ws = r.series.ws;
  const go = r.series.goMapped;
  if (!ws || !go) return undefined;
  const goAt = new Map<number, number>();
  for (let i = 0; i < go.t.length; i++) goAt.set(go.t[i], go.v[i]);
  const gaps: number[] = [];
  for (let i = 0; i < ws.t.length; i++) {
    const g = goAt.get(ws.t[i]);
    if (g !== undefined) gaps.push(Math.max(0, ws.v[i] - g));
  }
  if (gaps.length === 0) return undefined;
  gaps.sort((a, b) => a - b);
  return gaps[Math.min(gaps.length - 1, Math.floor(gaps.length * 0.95))];
}
