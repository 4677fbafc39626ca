/**
 * Pre-OOM triggers. The OOM killer's SIGKILL gives a Go program no chance to dump anything
 * (mm/oom_kill.c), so profiles must be taken from outside before it: when the working set
 * nears the limit, when the forecast ETA is short, or when the cgroup starts hitting
 * memory.high / memory.max (v2 memory.events; v1 memory.failcnt counts hits of the limit).
 * A trigger may fire again after its cooldown while its condition holds.
 */
import type { Sample } from '../model/series.js';
import type { Forecast } from './forecast.js';
import { formatDuration } from '../model/units.js';

export interface TriggerOptions {
  /** Working set / limit at or above which to capture (default 0.9; 0 disables). */
  readonly workingSetShare: number;
  /** Forecast ETA below which to capture, seconds (default 60; 0 disables). */
  readonly etaSec: number;
  /** Capture when memory.events high/max or memory.failcnt increase (default true). */
  readonly eventsJump: boolean;
  /** Least time between two firings of one trigger (default 10 s). */
  readonly cooldownMs: number;
}

export const DEFAULT_TRIGGERS: TriggerOptions = {
  workingSetShare: 0.9,
  etaSec: 60,
  eventsJump: true,
  cooldownMs: 10_000,
};

export type TriggerName = 'working-set' | 'eta' | 'events-high' | 'events-max' | 'failcnt';

export interface TriggerHit {
  readonly name: TriggerName;
  readonly detail: string;
}

/** When each trigger last fired (ms); the caller keeps it between ticks. */
export type TriggerState = Partial<Record<TriggerName, number>>;

export function checkTriggers(
  prev: Sample | undefined,
  cur: Sample,
  f: Forecast | undefined,
  state: TriggerState,
  o: TriggerOptions = DEFAULT_TRIGGERS,
): TriggerHit[] {
  const hits = conditions(prev, cur, f, o).filter((h) => {
    const last = state[h.name];
    return last === undefined || cur.t - last >= o.cooldownMs;
  });
  for (const h of hits) state[h.name] = cur.t;
  return hits;
}

function conditions(
  prev: Sample | undefined,
  cur: Sample,
  f: Forecast | undefined,
  o: TriggerOptions,
): TriggerHit[] {
  const out: TriggerHit[] = [];
  const ws = cur.cgroup?.workingSet;
  const limit = cur.cgroup?.limit;
  if (
    o.workingSetShare > 0 &&
    ws !== undefined &&
    limit !== undefined &&
    ws >= o.workingSetShare * limit
  ) {
    out.push({ name: 'working-set', detail: `working set ${pct(ws, limit)} of the limit` });
  }
  // Only a leak or a filling tmpfs (kind shmem) has an ETA.
  if (o.etaSec > 0 && f?.etaSec !== undefined && f.etaSec < o.etaSec) {
    out.push({ name: 'eta', detail: `forecast time to OOM ${formatDuration(f.etaSec * 1000)}` });
  }
  if (o.eventsJump && prev) out.push(...jumps(prev, cur));
  return out;
}

function jumps(prev: Sample, cur: Sample): TriggerHit[] {
  const out: TriggerHit[] = [];
  const a = prev.cgroup?.events;
  const b = cur.cgroup?.events;
  if (a && b && b.high > a.high)
    out.push({ name: 'events-high', detail: `memory.events high +${b.high - a.high}` });
  if (a && b && b.max > a.max)
    out.push({ name: 'events-max', detail: `memory.events max +${b.max - a.max}` });
  const fa = prev.cgroup?.failcnt;
  const fb = cur.cgroup?.failcnt;
  if (fa !== undefined && fb !== undefined && fb > fa)
    out.push({ name: 'failcnt', detail: `memory.failcnt +${fb - fa}` });
  return out;
}

function pct(part: number, whole: number): string {
  return `${((100 * part) / whole).toFixed(1)}%`;
}
