/**
 * How fast a series grows now, and what the kernel is doing at the limit. Leaks change pace: one
 * that starts after a warm-up, one that slows down. The whole window's Theil-Sen slope is the
 * most precise while the pace holds; when the 95% intervals of the latest third and of the part
 * before it do not overlap, the pace has changed and the latest third's slope is the one to
 * extrapolate.
 */
import type { Sample } from '../model/series.js';
import { fitSeries, smoothed } from './growth-verdict.js';
import { between, since, type Series } from './steps.js';
import { etaOf, type Eta } from './series-fit.js';
import type { TrendFit } from './trend.js';
import { secondsToGrow, slowdown, type Slowdown } from './forecast-pace.js';

/** Fewer points than this in a part say nothing about a change of pace. */
const RECENT_MIN_POINTS = 5;
/** Less room than this is "at the limit" whatever the pace. */
const MIN_ROOM = 1 << 20;

export interface Rate {
  readonly fit: TrendFit;
  /** The level now: the fit's at the last sample, with the smoothing's lag put back. */
  readonly level: number;
  /** Seconds between steps of the growth (one sample interval for smooth growth). */
  readonly stepSec: number;
  /** The pace falls steadily (forecast-pace.ts): the ETA follows it. */
  readonly slowdown?: Slowdown;
}

export function currentRate(s: Series): Rate | undefined {
  const { series, periodSec } = smoothed(s);
  const all = fitSeries(series);
  if (!all) return undefined;
  const partSec = Math.max(all.spanSec / 3, 2 * periodSec);
  const cut = series.xs[series.xs.length - 1] - partSec * 1000;
  const recent = fitSeries(since(series, cut));
  // The intervals come from the samples as read: a smoothed series is not independent samples,
  // and its intervals would be too narrow.
  const changed = paceChanged(since(s, cut), between(s, -Infinity, cut));
  const fit = recent && changed ? recent : all;
  // A trailing mean over the period lags by half the period less half a sample interval.
  const lagSec = Math.max(0, periodSec - all.spanSec / (all.n - 1)) / 2;
  const slowing = fit === recent ? slowdown(s, partSec) : undefined;
  return {
    fit,
    level: fit.level + fit.slope * lagSec,
    stepSec: Math.max(periodSec, all.spanSec / (all.n - 1)),
    ...(slowing ? { slowdown: slowing } : {}),
  };
}

/** The two parts' 95% intervals do not overlap (and each has enough points). */
function paceChanged(latest: Series, rest: Series): boolean {
  const recent = fitSeries(latest);
  const before = fitSeries(rest);
  if (!recent || !before || recent.n < RECENT_MIN_POINTS || before.n < RECENT_MIN_POINTS)
    return false;
  return recent.slopeLow > before.slopeHigh || recent.slopeHigh < before.slopeLow;
}

/**
 * Seconds until the level reaches `limit`, with the slope's 95% interval. Nothing when less room
 * is left than one step of growth: the kill comes with the next one, and "in 0 s" would be false
 * for a process that is still alive ("at the limit" instead).
 */
export function untilLimit(r: Rate, limit: number | undefined): Eta & { atLimit?: boolean } {
  if (limit === undefined || r.fit.slope <= 0) return {};
  const room = limit - r.level;
  if (room <= Math.max(MIN_ROOM, r.fit.slope * r.stepSec)) return { atLimit: true };
  const eta = etaOf(room, r.fit);
  if (!r.slowdown) return eta;
  const etaSec = secondsToGrow(room, r.slowdown, r.fit.slope);
  return { ...eta, etaSec, etaHighSec: Math.max(etaSec, eta.etaHighSec ?? Infinity) };
}

/** The kernel hit the limit and reclaimed lately: memory.failcnt (v1) or memory.events max (v2) rose. */
export interface Reclaim {
  readonly source: 'memory.failcnt' | 'memory.events max';
  readonly rise: number;
  readonly windowSec: number;
}

/** Rises of the last `ms` (default 5 s): usage met the limit and the kernel reclaimed. */
export function reclaimNow(win: readonly Sample[], ms = 5000): Reclaim | undefined {
  const last = win[win.length - 1];
  const first = win.find((s) => s.t >= last.t - ms) ?? last;
  const windowSec = (last.t - first.t) / 1000;
  const v2 = rise(first.cgroup?.events?.max, last.cgroup?.events?.max);
  if (v2 > 0) return { source: 'memory.events max', rise: v2, windowSec };
  const v1 = rise(first.cgroup?.failcnt, last.cgroup?.failcnt);
  return v1 > 0 ? { source: 'memory.failcnt', rise: v1, windowSec } : undefined;
}

function rise(a: number | undefined, b: number | undefined): number {
  return a === undefined || b === undefined ? 0 : b - a;
}
