/**
 * Does a series keep growing (a leak), did it grow and level off (warm-up), or neither? The
 * series is first smoothed over its step period (steps.ts), then fitted with Theil-Sen over the
 * whole window, over its latest part, and over the part just before that. Each part is a quarter
 * of the window, and at least two step periods so a staircase is judged over whole steps.
 */
import { between, since, stepPeriodSec, trailingMean, type Series } from './steps.js';
import { theilSen, type TrendFit } from './trend.js';

export interface GrowthOptions {
  /** Growth over the window below this many bytes is "flat". */
  readonly minGrowthBytes: number;
  /** ...or below this share of the level. */
  readonly minGrowthShare: number;
}

export type Verdict = 'leak' | 'warmup' | 'none';

export interface Growth {
  readonly verdict: Verdict;
  /** The whole window, smoothed. */
  readonly fit: TrendFit;
  /** The latest part, and the part before it (when the window is long enough). */
  readonly recent?: TrendFit;
  readonly before?: TrendFit;
  readonly periodSec: number;
}

export function fitSeries(s: Series): TrendFit | undefined {
  return theilSen(s.xs, s.ys);
}

/** The smoothed series, the step period, and the start of the latest part (ms). */
export function smoothed(s: Series): { series: Series; periodSec: number } {
  const periodSec = stepPeriodSec(s) ?? 0;
  return { series: periodSec > 0 ? trailingMean(s, periodSec) : s, periodSec };
}

export function judgeGrowth(s: Series, o: GrowthOptions): Growth | undefined {
  const { series, periodSec } = smoothed(s);
  const fit = fitSeries(series);
  if (!fit) return undefined;
  const end = series.xs[series.xs.length - 1];
  const partMs = Math.max(fit.spanSec / 4, 2 * periodSec) * 1000;
  const recent = fitSeries(since(series, end - partMs));
  const before = fitSeries(between(series, end - 2 * partMs, end - partMs));
  const parts = { fit, recent, before, periodSec };
  if (!significant(fit, o) && !(before && significant(before, o)))
    return { verdict: 'none', ...parts };
  return { verdict: goesOn(fit, o, recent, before) ? 'leak' : 'warmup', ...parts };
}

/**
 * A leak keeps growing in the latest part: surely (the slope's 95% interval is above zero), by
 * more than its scatter and a quarter of the least growth (in bytes and against the level), at
 * no less than half the rate of the
 * part before it and a quarter of the whole window's. Growth that slows to a crawl levels off.
 */
function goesOn(fit: TrendFit, o: GrowthOptions, recent?: TrendFit, before?: TrendFit): boolean {
  if (!recent || recent.slopeLow <= 0) return false;
  const growth = recent.slope * recent.spanSec;
  const least = Math.max(o.minGrowthBytes, o.minGrowthShare * Math.abs(recent.level)) / 4;
  if (growth < Math.max(least, 2 * recent.spread)) return false;
  return recent.slope >= fit.slope / 4 && (!before || recent.slope >= before.slope / 2);
}

/**
 * Growth counts when it is large in bytes, large against the level, and larger than twice the
 * scatter around the trend: a GC sawtooth (heap between live and goal) is scatter, not growth.
 */
export function significant(f: TrendFit, o: GrowthOptions): boolean {
  const growth = f.slope * f.spanSec;
  return (
    growth >= o.minGrowthBytes &&
    growth >= o.minGrowthShare * Math.abs(f.level) &&
    growth >= 2 * f.spread
  );
}
