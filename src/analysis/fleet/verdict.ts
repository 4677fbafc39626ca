/**
 * The forecast verdict of a workload from its range series: each pod's working set, heap in use
 * and limit become samples for the same forecast `watch` uses (analysis/forecast.ts: a robust
 * trend, classified as leak, warm-up, page cache or flat, with an ETA to the limit for a leak).
 * A restart or an OOM kill drops memory to nothing, so a pod that restarted is judged from its
 * last drop on. The workload's verdict is its worst replica's among the pods still running.
 * Where the live heap is measured (go_gc_heap_live_bytes), the forecast also runs with it in the
 * heap's place: GOMEMLIMIT holds the heap in use flat near the limit while a leak grows the
 * live heap under it, and the live heap has no GC sawtooth to hide a slow leak in.
 */
import type { PromSeries } from '../../formats/prom-api.js';
import type { FleetVerdict } from '../../model/fleet.js';
import type { ForecastKind, Sample } from '../../model/series.js';
import { forecast } from '../forecast.js';
import { evenlySpaced } from '../trend.js';
import type { PodRow } from './rows.js';

const RANK: Record<ForecastKind, number> = {
  leak: 5,
  shmem: 4,
  'page-cache': 3,
  warmup: 2,
  flat: 1,
  insufficient: 0,
};

export function verdictOf(
  rows: readonly PodRow[],
  limit: number | undefined,
  windowMs: number,
  stepMs: number,
): FleetVerdict {
  const end = Math.max(0, ...rows.map((r) => r.series.ws?.t.at(-1) ?? 0));
  // Pods gone before the end (replaced in a rollout) no longer decide the verdict.
  const live = rows.filter((r) => (r.series.ws?.t.at(-1) ?? 0) * 1000 >= end * 1000 - 2 * stepMs);
  let best: FleetVerdict = { kind: 'insufficient' };
  for (const r of live.length ? live : rows) {
    for (const useLive of r.series.live ? [false, true] : [false]) {
      const f = forecast(thin(samplesOf(r, limit, useLive)), { windowMs, minSpanMs: 4 * stepMs });
      const v: FleetVerdict = {
        kind: f.kind,
        pod: r.pod,
        ...(f.etaSec !== undefined ? { etaSec: f.etaSec } : {}),
        ...(f.heap ? { slopeBytesPerSec: f.heap.slope } : {}),
      };
      if (worse(v, best)) best = v;
    }
  }
  return best;
}

/**
 * At most 48 samples, evenly spaced, into the forecast: its Theil-Sen fits cost n^2 log n and
 * run several times per pod, and a week at 3.5 h resolution still shows a trend (10,000 pods
 * at 168 points took 21 s of CPU; bench/fleet.bench.ts).
 */
const MAX_FORECAST_POINTS = 48;
function thin(samples: Sample[]): Sample[] {
  return evenlySpaced(samples.length, MAX_FORECAST_POINTS).map((i) => samples[i]);
}

function worse(a: FleetVerdict, b: FleetVerdict): boolean {
  if (RANK[a.kind] !== RANK[b.kind]) return RANK[a.kind] > RANK[b.kind];
  return (a.etaSec ?? Infinity) < (b.etaSec ?? Infinity);
}

/**
 * One Sample per step of the working set, with the heap in use at the same instant. With
 * `useLive` the live heap stands in for the heap, and the working set becomes the live heap
 * plus what lies outside the heap in use (ws - heap in use): the forecast's effective limit
 * (limit minus the median of ws - heap) is then the room for the live heap once GOMEMLIMIT
 * has squeezed out the GC's headroom.
 */
export function samplesOf(r: PodRow, limit: number | undefined, useLive = false): Sample[] {
  const ws = r.series.ws;
  if (!ws) return [];
  const inuseAt = valuesAt(r.series.heap);
  const liveAt = valuesAt(r.series.live);
  const from = lastDrop(ws);
  const out: Sample[] = [];
  for (let i = from; i < ws.t.length; i++) {
    const inuse = inuseAt.get(ws.t[i]);
    const live = liveAt.get(ws.t[i]);
    const heap = useLive ? live : inuse;
    const outside = inuse !== undefined ? ws.v[i] - inuse : undefined;
    const workingSet =
      useLive && live !== undefined && outside !== undefined ? live + outside : ws.v[i];
    out.push({
      t: ws.t[i] * 1000,
      cgroup: { workingSet, ...(limit !== undefined ? { limit } : {}) },
      ...(heap !== undefined ? { go: { heapInuse: heap } } : {}),
    });
  }
  return out;
}

function valuesAt(s: PromSeries | undefined): Map<number, number> {
  const m = new Map<number, number>();
  if (s) for (let i = 0; i < s.t.length; i++) m.set(s.t[i], s.v[i]);
  return m;
}

/**
 * Where the last restart begins: a fall of the working set to under 40% of the step before
 * (a GC returns far less than that at once; a new container starts near empty).
 */
function lastDrop(ws: PromSeries): number {
  for (let i = ws.v.length - 1; i > 0; i--) if (ws.v[i] < 0.4 * ws.v[i - 1]) return i;
  return 0;
}
