/**
 * Summaries and comparisons of samples under benchstat's two assumptions (x/perf benchmath):
 * "nothing" (median, its CI, Mann-Whitney U) and "exact" (deterministic metrics declared with
 * `Unit <unit> assume=exact`: the mode, min..max, always compared).
 */
import { medianSamplesNeeded, medianWithCI } from './quantile.js';
import { mannWhitneyU } from './utest.js';
import { formatGoFloat as fmt } from '../../model/gofmt.js';

export interface Summary {
  readonly center: number;
  readonly lo: number;
  readonly hi: number;
  readonly confidence: number;
  readonly warnings: readonly string[];
}

export interface Comparison {
  /** p-value; 0 for exact metrics (always significant). */
  readonly p: number;
  readonly n1: number;
  readonly n2: number;
  readonly alpha: number;
  readonly warnings: readonly string[];
}

export type Assumption = 'nothing' | 'exact';

/** Minimum achievable two-sided p for n per side (benchmath uTestMinP). */
const U_TEST_MIN_P = [
  NaN,
  1,
  1 / 3,
  0.1,
  0.02857142857142857,
  0.007936507936507936,
  0.0021645021645021645,
  0.0005827505827505828,
  0.0001554001554001554,
  4.113533525298231e-5,
];

function uTestSamplesNeeded(alpha: number): { op: string; n: number } {
  for (let n = 1; n < U_TEST_MIN_P.length; n++)
    if (U_TEST_MIN_P[n] <= alpha) return { op: '>=', n };
  return { op: '>', n: U_TEST_MIN_P.length };
}

export function summarize(
  sorted: readonly number[],
  assumption: Assumption,
  confidence: number,
): Summary {
  if (assumption === 'exact') return summarizeExact(sorted);
  const m = medianWithCI(sorted, confidence);
  const warnings: string[] = [];
  if (!Number.isFinite(m.lo) || !Number.isFinite(m.hi)) {
    const need = medianSamplesNeeded(confidence);
    warnings.push(
      `need ${need.op} ${need.n} samples for confidence interval at level ${fmt(confidence)}`,
    );
  }
  return { center: m.center, lo: m.lo, hi: m.hi, confidence: m.confidence, warnings };
}

/** The mode (first of equals in sorted order), bounds min..max, a warning if values vary. */
function summarizeExact(sorted: readonly number[]): Summary {
  let val = sorted[0];
  let count = 1;
  let mode = val;
  let modeCount = 1;
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i] === val) {
      count++;
      if (count > modeCount) {
        mode = val;
        modeCount = count;
      }
    } else {
      val = sorted[i];
      count = 1;
    }
  }
  const lo = sorted[0];
  const hi = sorted[sorted.length - 1];
  const warnings =
    modeCount !== sorted.length
      ? [`exact distribution expected, but values range from ${fmt(lo)} to ${fmt(hi)}`]
      : [];
  return { center: mode, lo, hi, confidence: 1, warnings };
}

/** Compares two sorted samples. */
export function compare(
  base: readonly number[],
  next: readonly number[],
  assumption: Assumption,
  alpha: number,
): Comparison {
  if (assumption === 'exact')
    return { p: 0, n1: base.length, n2: next.length, alpha: 0, warnings: [] };
  const res = mannWhitneyU(base, next, true);
  if (!res.ok) return { p: 1, n1: base.length, n2: next.length, alpha, warnings: [res.error] };
  const warnings: string[] = [];
  if (res.p > alpha) {
    const need = uTestSamplesNeeded(alpha);
    if (res.n1 < need.n && res.n2 < need.n) {
      warnings.push(
        `need ${need.op} ${need.n} samples to detect a difference at alpha level ${fmt(alpha)}`,
      );
    }
  }
  return { p: res.p, n1: res.n1, n2: res.n2, alpha, warnings };
}
