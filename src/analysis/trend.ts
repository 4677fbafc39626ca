/**
 * Robust trend: the Theil-Sen estimator (median of pairwise slopes) with Sen's (1968)
 * distribution-free confidence interval for the slope, which ranks the pairwise slopes and
 * takes those at (N -/+ z*sqrt(Var S))/2, Var S = n(n-1)(2n+5)/18 (Kendall's S, no ties).
 * A few outliers (a GC that ran just before one sample) do not move it, unlike least squares.
 */
export interface TrendFit {
  /** Units of y per second. */
  readonly slope: number;
  readonly slopeLow: number;
  readonly slopeHigh: number;
  /** Fitted y at the last x. */
  readonly level: number;
  readonly n: number;
  readonly spanSec: number;
  /** Interquartile range of the residuals: how far the points scatter around the line. */
  readonly spread: number;
}

/** Pairs grow as n²: 40 points (780 pairs) keep a fit well under a tenth of a millisecond. */
const MAX_POINTS = 40;

/** Fits y over x (x in ms). Undefined with fewer than 3 points or no time span. */
export function theilSen(
  xs: readonly number[],
  ys: readonly number[],
  z = 1.96,
): TrendFit | undefined {
  const idx = evenlySpaced(xs.length, MAX_POINTS);
  const n = idx.length;
  if (n < 3) return undefined;
  const x0 = xs[idx[0]];
  const spanSec = (xs[idx[n - 1]] - x0) / 1000;
  if (spanSec <= 0) return undefined;
  const slopes = new Float64Array((n * (n - 1)) / 2);
  let k = 0;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const dx = (xs[idx[j]] - xs[idx[i]]) / 1000;
      if (dx > 0) slopes[k++] = (ys[idx[j]] - ys[idx[i]]) / dx;
    }
  }
  const sorted = slopes.subarray(0, k).sort();
  const slope = quantileSorted(sorted, 0.5);
  const c = z * Math.sqrt((n * (n - 1) * (2 * n + 5)) / 18);
  const lo = Math.max(0, Math.floor((k - c) / 2));
  const hi = Math.min(k - 1, Math.ceil((k + c) / 2));
  const residuals = idx.map((i) => ys[i] - slope * ((xs[i] - x0) / 1000)).sort((a, b) => a - b);
  const intercept = residuals[Math.floor(n / 2)];
  const spread = residuals[Math.floor((3 * n) / 4)] - residuals[Math.floor(n / 4)];
  return {
    slope,
    slopeLow: sorted[lo],
    slopeHigh: sorted[hi],
    level: intercept + slope * spanSec,
    n,
    spanSec,
    spread,
  };
}

/** Indices of at most `max` points spread evenly over 0..len-1 (always the first and last). */
export function evenlySpaced(len: number, max: number): number[] {
  if (len <= max) return Array.from({ length: len }, (_, i) => i);
  return Array.from({ length: max }, (_, i) => Math.round((i * (len - 1)) / (max - 1)));
}

function quantileSorted(sorted: Float64Array, q: number): number {
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

export function median(values: readonly number[]): number | undefined {
  if (values.length === 0) return undefined;
  const s = [...values].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}
