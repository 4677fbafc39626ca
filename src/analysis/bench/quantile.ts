/**
 * The sample median and its distribution-free confidence interval, as benchstat computes them
 * (go-moremath stats.Sample.Quantile with Hyndman-Fan R8, and stats.QuantileCI: order
 * statistics from Binomial(n, q), exact up to n = 30, normal approximation above).
 */
import { choose, normalCDF, normalInvCDF } from './numeric.js';

/** The q-quantile of a sorted sample, R8 interpolation. */
export function quantileSorted(xs: readonly number[], q: number): number {
  if (xs.length === 0) return NaN;
  if (q <= 0) return xs[0];
  if (q >= 1) return xs[xs.length - 1];
  const n = 1 / 3 + q * (xs.length + 1 / 3);
  const k = Math.trunc(n);
  const frac = n - k;
  if (k <= 0) return xs[0];
  if (k >= xs.length) return xs[xs.length - 1];
  return xs[k - 1] + frac * (xs[k] - xs[k - 1]);
}

export interface QuantileCI {
  /** 1-based order statistic of the low bound; < 1 means -Infinity. */
  readonly loOrder: number;
  /** 1-based order statistic of the high bound; > n means +Infinity. */
  readonly hiOrder: number;
  /** The confidence actually achieved. */
  readonly confidence: number;
}

function binomialPMF(n: number, p: number, k: number): number {
  const ki = Math.floor(k);
  if (ki < 0 || ki > n) return 0;
  return choose(n, ki) * Math.pow(p, ki) * Math.pow(1 - p, n - ki);
}

/** Grows [x, x+1) around the quantile by the likelier neighbour until it holds `confidence`. */
function exactCI(n: number, q: number, confidence: number): QuantileCI {
  const x = q === 0 ? 0 : Math.ceil((n + 1) * q) - 1;
  let accum = binomialPMF(n, q, x);
  let l = x;
  let r = x + 1;
  let lp = binomialPMF(n, q, l - 1);
  let rp = binomialPMF(n, q, r);
  while (accum < confidence && (lp > 0 || rp > 0)) {
    if (lp >= rp) {
      accum += lp; // ties grow to the left, as upstream does
      l--;
      lp = binomialPMF(n, q, l - 1);
    } else {
      accum += rp;
      r++;
      rp = binomialPMF(n, q, r);
    }
  }
  return { loOrder: l, hiOrder: r, confidence: accum };
}

function approxCI(n: number, q: number, confidence: number): QuantileCI {
  const mu = n * q;
  const sigma = Math.sqrt(n * q * (1 - q));
  const l1 = normalInvCDF((1 - confidence) / 2, mu, sigma);
  const r1 = 2 * mu - l1;
  const l = Math.floor(Math.floor(l1 - 0.5) + 0.5) + 1;
  let r = Math.floor(Math.ceil(r1 - 0.5) + 0.5) + 1;
  const cdf = (a: number, b: number) =>
    normalCDF(b - 0.5, mu, sigma) - normalCDF(a - 0.5, mu, sigma);
  let achieved = cdf(l, r);
  const biased = cdf(l, r - 1);
  if (biased >= confidence && biased < achieved) {
    achieved = biased;
    r = r - 1;
  }
  if (l <= 0 && r >= n + 1) achieved = 1;
  return { loOrder: l, hiOrder: r, confidence: achieved };
}

const ciCache = new Map<number, Map<number, QuantileCI[]>>();

/** Order statistics bounding the q-quantile of n samples at `confidence`. */
export function quantileCI(n: number, q: number, confidence: number): QuantileCI {
  let byConf = ciCache.get(q);
  if (!byConf) ciCache.set(q, (byConf = new Map()));
  let byN = byConf.get(confidence);
  if (!byN) byConf.set(confidence, (byN = []));
  const hit = byN[n];
  if (hit) return hit;
  let ci: QuantileCI;
  if (confidence >= 1) ci = { loOrder: 0, hiOrder: n + 1, confidence: 1 };
  else ci = n <= 30 ? exactCI(n, q, confidence) : approxCI(n, q, confidence);
  ci = { ...ci, loOrder: Math.max(ci.loOrder, 0), hiOrder: Math.min(ci.hiOrder, n + 1) };
  byN[n] = ci;
  return ci;
}

/** Median and its confidence bounds (±Infinity where the sample is too small). */
export function medianWithCI(sorted: readonly number[], confidence: number) {
  const ci = quantileCI(sorted.length, 0.5, confidence);
  const center = quantileSorted(sorted, 0.5);
  const lo = ci.loOrder < 1 ? -Infinity : sorted[ci.loOrder - 1];
  const hi = ci.hiOrder - 1 >= sorted.length ? Infinity : sorted[ci.hiOrder - 1];
  return { center, lo, hi, confidence: ci.confidence };
}

/** Smallest n whose median CI is finite at this confidence: ">= 6" at 0.95. */
export function medianSamplesNeeded(confidence: number): { op: string; n: number } {
  for (let n = 2; n <= 50; n++) {
    const ci = quantileCI(n, 0.5, confidence);
    if (ci.loOrder > 0 && ci.hiOrder <= n) return { op: '>=', n };
  }
  return { op: '>', n: 50 };
}
