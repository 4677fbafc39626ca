/**
 * Growth that comes in steps (a batch job that keeps a buffer every few seconds, a GC that
 * only moves the live heap at the end of a cycle) defeats a median-of-slopes fit over a stretch
 * with one or two steps in it: most pairs of points sit on the same flat tread. A trailing mean
 * over one step period turns a regular staircase into the ramp it averages to, and leaves
 * smooth growth (one rise per sample) untouched.
 */

/** Parallel arrays: times in ms and values. */
export interface Series {
  readonly xs: readonly number[];
  readonly ys: readonly number[];
}

/**
 * Seconds between the steps of the rise: the span over the number of steps, counted as twice
 * the fewest sample-to-sample rises that make up half of the total rise. Smooth growth gives
 * one sample interval; a staircase its step period. One rise that makes half the growth alone
 * is a jump (a start-up ramp, a cache filled once), not a staircase: it gets one sample
 * interval too, so a trailing mean does not spread it into a slow ramp that looks like a leak.
 * Undefined when nothing rises.
 */
export function stepPeriodSec(s: Series): number | undefined {
  const rises: number[] = [];
  for (let i = 1; i < s.ys.length; i++) {
    const d = s.ys[i] - s.ys[i - 1];
    if (d > 0) rises.push(d);
  }
  const total = rises.reduce((a, b) => a + b, 0);
  if (total <= 0) return undefined;
  rises.sort((a, b) => b - a);
  let sum = 0;
  let count = 0;
  while (sum < total / 2) sum += rises[count++];
  const spanSec = (s.xs[s.xs.length - 1] - s.xs[0]) / 1000;
  const intervals = s.ys.length - 1;
  return spanSec / (count < 2 ? intervals : Math.min(2 * count, intervals));
}

/** Each point replaced by the mean of the points in the `widthSec` before it (itself included). */
export function trailingMean(s: Series, widthSec: number): Series {
  const ys: number[] = [];
  let lo = 0;
  let sum = 0;
  for (let i = 0; i < s.xs.length; i++) {
    sum += s.ys[i];
    while (s.xs[i] - s.xs[lo] >= widthSec * 1000 && lo < i) sum -= s.ys[lo++];
    ys.push(sum / (i - lo + 1));
  }
  return { xs: s.xs, ys };
}

/** The points from `fromMs` on. */
export function since(s: Series, fromMs: number): Series {
  const i = s.xs.findIndex((x) => x >= fromMs);
  return i < 0 ? { xs: [], ys: [] } : { xs: s.xs.slice(i), ys: s.ys.slice(i) };
}

/** The points in [fromMs, toMs]. */
export function between(s: Series, fromMs: number, toMs: number): Series {
  const keep = s.xs.map((x) => x >= fromMs && x <= toMs);
  return { xs: s.xs.filter((_, i) => keep[i]), ys: s.ys.filter((_, i) => keep[i]) };
}
