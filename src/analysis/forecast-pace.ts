/**
 * A leak that slows down steadily (a cache keyed by ever fewer new keys, traffic that tails
 * off): at its current pace the kill looks nearer than it is. When the pace surely fell from the
 * first third of the window to the last (their 95% intervals part), it is extrapolated as
 * c / (t + t0) through those two, provided the middle third is on that curve too (a warm-up that
 * ended and gave way to a steady leak is not): the memory then grows as a logarithm, slowing down
 * as it has and never stopping. An
 * exponential decay would promise a ceiling the data does not show. Because a warm-up that gave
 * way to a steady leak can look the same for a while, the ETA is never put off by more than
 * MAX_STRETCH over the current pace's.
 */
import { between, type Series } from './steps.js';
import { fitSeries } from './growth-verdict.js';
import type { TrendFit } from './trend.js';

export const MAX_STRETCH = 1.25;
const MIN_POINTS = 5;
const TOLERANCE = 0.1;

export interface Slowdown {
  /** The pace is c / (t + t0) bytes/s, t in seconds from the window's start; now is nowSec. */
  readonly c: number;
  readonly t0: number;
  readonly nowSec: number;
}

/** The slowdown in a series (as read) cut in thirds of `partSec` from its end, if it slows steadily. */
export function slowdown(s: Series, partSec: number): Slowdown | undefined {
  const start = s.xs[0];
  const end = s.xs[s.xs.length - 1];
  const cuts = [end - 2 * partSec * 1000, end - partSec * 1000];
  const parts = [
    between(s, start, cuts[0]),
    between(s, cuts[0], cuts[1]),
    between(s, cuts[1], end),
  ];
  const fits = parts.map((p) => (p.xs.length >= MIN_POINTS ? fitSeries(p) : undefined));
  if (fits.some((f) => !f)) return undefined;
  const [r1, r2, r3] = fits as TrendFit[];
  if (!(r3.slope > 0 && r3.slopeHigh < r1.slopeLow)) return undefined;
  const mid = (p: Series) => (p.xs[0] + p.xs[p.xs.length - 1]) / 2000 - start / 1000;
  const [m1, m2, m3] = parts.map(mid);
  const t0 = (r3.slope * m3 - r1.slope * m1) / (r1.slope - r3.slope);
  if (!(m1 + t0 > 0)) return undefined;
  const c = r3.slope * (m3 + t0);
  // The middle third must be on the same curve: a warm-up that ended leaves it far off.
  const expected = c / (m2 + t0);
  if (r2.slopeLow > expected * (1 + TOLERANCE) || r2.slopeHigh < expected * (1 - TOLERANCE))
    return undefined;
  return { c, t0, nowSec: (end - start) / 1000 };
}

/** Seconds to grow by `room` at the slowing pace, at most MAX_STRETCH x `room / slope`. */
export function secondsToGrow(room: number, d: Slowdown, slope: number): number {
  const slowing = (d.nowSec + d.t0) * Math.expm1(room / d.c);
  return Math.min(slowing, (MAX_STRETCH * room) / slope);
}
