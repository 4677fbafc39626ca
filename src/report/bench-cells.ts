/**
 * The words inside benchstat's cells: "± 3%", "-4.62%", "~", "p=0.008 n=10" (x/perf
 * benchmath Summary.PctRangeString, Comparison.FormatDelta and Comparison.String).
 */
import type { Comparison, Summary } from '../analysis/bench/summary.js';
import { formatGoFixed, formatGoSigned } from '../model/gofmt.js';

/** "∞" for an infinite bound, "?" when a bound's sign differs from the center's, else %.0f%%. */
export function formatPctRange(s: Summary): string {
  if (!Number.isFinite(s.lo) || !Number.isFinite(s.hi)) return '∞';
  const sign = Math.sign(s.center);
  if (sign !== Math.sign(s.lo) || sign !== Math.sign(s.hi)) return '?';
  if (s.center === 0) return '0%';
  const v = Math.max(s.hi / s.center - 1, 1 - s.lo / s.center);
  return `${formatGoFixed(100 * v, 0)}%`;
}

/** "~" when not significant, "0.00%" when equal, "?" from zero, else the signed change. */
export function formatDelta(c: Comparison, old: number, next: number): string {
  if (c.p > c.alpha) return '~';
  if (old === next) return '0.00%';
  if (old === 0) return '?';
  return `${formatGoSigned((next / old - 1) * 100, 2)}%`;
}

/** "p=0.008 n=5", "n=10+9" when sizes differ; no p for exact metrics (p = 0). */
export function formatComparison(c: Comparison): string {
  const p = c.p !== 0 ? `p=${formatGoFixed(c.p, 3)} ` : '';
  return c.n1 === c.n2 ? `${p}n=${c.n1}` : `${p}n=${c.n1}+${c.n2}`;
}

export function formatRatio(ratio: number): string {
  return `${formatGoSigned((ratio - 1) * 100, 2)}%`;
}
