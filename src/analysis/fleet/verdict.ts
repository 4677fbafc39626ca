/**
 * The forecast verdict of a workload from its range series: each pod's series become samples
 * (verdict-samples.ts) for the same forecast `watch` uses (analysis/forecast.ts: what the kernel
 * charges fitted against the limit, Go's own numbers deciding whether it is a leak; leak,
 * warm-up, page cache, shmem or flat, with an ETA to the kill for a leak). A restart or an OOM
 * kill drops memory to nothing, so a pod that restarted is judged from its last drop on. The
 * workload's verdict is its worst replica's among the pods still running.
 */
import type { FleetVerdict } from '../../model/fleet.js';
import type { ForecastKind, Sample } from '../../model/series.js';
import { forecast, type Forecast } from '../forecast.js';
import { evenlySpaced } from '../trend.js';
import type { PodRow } from './rows.js';
import { samplesOf } from './verdict-samples.js';

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
    const f = forecast(thin(samplesOf(r, limit)), { windowMs, minSpanMs: 4 * stepMs });
    const v = verdictOfForecast(f, r.pod);
    if (worse(v, best)) best = v;
  }
  return best;
}

/**
 * The slope is the pace the ETA comes from: the live heap's when the kill comes by way of the
 * GC thrash point at GOMEMLIMIT (the GC holds the charge flat until then), else the current
 * pace of what the kernel charges.
 */
function verdictOfForecast(f: Forecast, pod: string): FleetVerdict {
  const slope = f.viaThrash ? f.heap?.slope : f.charged?.slope;
  return {
    kind: f.kind,
    pod,
    ...(f.etaSec !== undefined ? { etaSec: f.etaSec } : {}),
    ...(f.atLimit ? { atLimit: true } : {}),
    ...(slope !== undefined ? { slopeBytesPerSec: slope } : {}),
  };
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

/** The higher kind; within a kind the sooner kill (at the limit: now). */
function worse(a: FleetVerdict, b: FleetVerdict): boolean {
  if (RANK[a.kind] !== RANK[b.kind]) return RANK[a.kind] > RANK[b.kind];
  const eta = (v: FleetVerdict) => (v.atLimit ? 0 : (v.etaSec ?? Infinity));
  return eta(a) < eta(b);
}
