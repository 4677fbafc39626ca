/**
 * Scores the OOM forecast on a real run (docs/watch.md, "How good the forecast is"). The
 * forecast is replayed on the capture's samples exactly as `watch` fed it, tick by tick (the
 * same samples, the same window), and checked against the forecast records watch wrote.
 * - ETA error at p of the life: (ETA - time actually left) / time left, at the tick nearest to
 *   p of the way from the first sample to the kill; undefined when no ETA was given then.
 * - First correct warning: the first tick with a leak or shmem verdict and an ETA within 50% of
 *   the time left; its lead is the time left then.
 * - False alarms: ticks whose ETA was under half the time left (too soon), and on a shape that
 *   is not killed, every tick with an ETA or a leak verdict.
 * - Lost: ticks after the first correct warning without a leak or shmem verdict.
 */
import { forecast, type Forecast } from '../../src/analysis/forecast.js';
import type { Capture } from '../../src/formats/capture.js';
import type { Sample } from '../../src/model/series.js';

/** What watch keeps in memory for the forecast (src/cli/watch-session.ts KEEP). */
const KEEP = 900;

export interface Tick {
  readonly t: number;
  readonly f: Forecast;
}

export interface Score {
  readonly lifeSec: number;
  readonly killed: boolean;
  /** ETA error (a fraction) at 25%, 50% and 75% of the life; undefined: no ETA then. */
  readonly errors: readonly (number | undefined)[];
  readonly leadSec?: number;
  readonly leadShare?: number;
  readonly falseAlarms: number;
  readonly lost: number;
  /** Ticks whose replayed forecast differs from the record watch wrote at that time. */
  readonly mismatches: number;
  readonly ticks: readonly Tick[];
}

/** The forecast at every tick, as watch computed it (samples while the target was alive). */
export function replay(c: Capture): Tick[] {
  const alive = c.end?.why === 'target-exited' ? c.samples.slice(0, -1) : c.samples;
  const out: Tick[] = [];
  alive.forEach((s, i) =>
    out.push({ t: s.t, f: forecast(alive.slice(Math.max(0, i + 1 - KEEP), i + 1) as Sample[]) }),
  );
  return out;
}

const warns = (f: Forecast) => f.kind === 'leak' || f.kind === 'shmem';

export function score(c: Capture, diedAt: number | undefined): Score {
  const ticks = replay(c);
  const start = ticks[0]?.t ?? 0;
  const end = diedAt ?? ticks[ticks.length - 1]?.t ?? start;
  const lifeSec = (end - start) / 1000;
  const left = (t: number) => (end - t) / 1000;
  const errors = [0.25, 0.5, 0.75].map((p) => {
    if (diedAt === undefined) return undefined;
    const at = nearest(ticks, start + p * (end - start));
    return at?.f.etaSec === undefined ? undefined : (at.f.etaSec - left(at.t)) / left(at.t);
  });
  const correct = (x: Tick) =>
    warns(x.f) && x.f.etaSec !== undefined && Math.abs(x.f.etaSec - left(x.t)) <= 0.5 * left(x.t);
  const first = diedAt === undefined ? undefined : ticks.find(correct);
  const falseAlarms = ticks.filter((x) =>
    diedAt === undefined
      ? x.f.etaSec !== undefined || x.f.kind === 'leak'
      : x.f.etaSec !== undefined && x.f.etaSec < 0.5 * left(x.t),
  ).length;
  const lost = first ? ticks.filter((x) => x.t > first.t && !warns(x.f)).length : 0;
  return {
    lifeSec,
    killed: diedAt !== undefined,
    errors,
    leadSec: first ? left(first.t) : undefined,
    leadShare: first ? left(first.t) / lifeSec : undefined,
    falseAlarms,
    lost,
    mismatches: mismatches(c, ticks),
    ticks,
  };
}

function nearest(ticks: readonly Tick[], t: number): Tick | undefined {
  let best: Tick | undefined;
  for (const x of ticks) if (!best || Math.abs(x.t - t) < Math.abs(best.t - t)) best = x;
  return best;
}

/** The records watch wrote must be what the replay gives at the same tick. */
function mismatches(c: Capture, ticks: readonly Tick[]): number {
  const byT = new Map(ticks.map((x) => [x.t, x.f]));
  return c.forecasts.filter((r) => {
    const f = byT.get(r.t);
    return !f || f.kind !== r.kind || !close(f.etaSec, r.etaSec);
  }).length;
}

function close(a: number | undefined, b: number | undefined): boolean {
  return a === b || (a !== undefined && b !== undefined && Math.abs(a - b) < 1e-6 * Math.max(1, a));
}
