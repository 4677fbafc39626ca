/**
 * The heap-profile gate of `bench heapdiff`: totals per sample type (inuse_space,
 * alloc_objects, ...) of two profiles, thresholds on their change, and the sites that grew,
 * ranked by the pprof engine (profile-diff: NEW minus BASE, as go tool pprof -diff_base).
 * One profile per side is one sample: there is no variance to test, so totals compare exactly.
 */
import type { Profile } from '../../model/profile.js';
import { profileDiff } from '../profile-diff.js';
import { resolveSampleIndex } from '../profile-top.js';
import type { Threshold } from './gate.js';

export interface HeapTotal {
  readonly type: string;
  readonly unit: string;
  readonly base: number;
  readonly new: number;
  readonly changePct: number;
}

export interface Site {
  readonly name: string;
  /** NEW minus BASE, flat (allocated in the function itself) and cum (with callees). */
  readonly flat: number;
  readonly cum: number;
}

export interface HeapVerdict {
  readonly threshold: Threshold;
  readonly total: HeapTotal;
  readonly regression: boolean;
  /** The sites with the largest growth of this sample type (flat > 0), largest first. */
  readonly grew: readonly Site[];
}

function total(p: Profile, index: number): number {
  const k = p.sampleTypes.length;
  let sum = 0;
  for (let s = 0; s < p.samples.count; s++) sum += p.samples.values[s * k + index];
  return sum;
}

function change(base: number, next: number): number {
  if (base === next) return 0;
  if (base === 0) return next > 0 ? Infinity : -Infinity;
  return (next / base - 1) * 100;
}

export function heapTotals(base: Profile, next: Profile): HeapTotal[] {
  return next.sampleTypes.map((t, i) => {
    const j = base.sampleTypes.findIndex((b) => b.type === t.type && b.unit === t.unit);
    const b = j >= 0 ? total(base, j) : 0;
    const n = total(next, i);
    return { type: t.type, unit: t.unit, base: b, new: n, changePct: change(b, n) };
  });
}

/** Throws SampleIndexError (from the pprof engine) for a sample type the profiles lack. */
export function evaluateHeapGate(
  base: Profile,
  next: Profile,
  thresholds: readonly Threshold[],
  sites = 10,
): HeapVerdict[] {
  const totals = heapTotals(base, next);
  return thresholds.map((th) => {
    const index = resolveSampleIndex(next, th.unit);
    const t = totals[index];
    const diff = profileDiff(base, next, { sampleIndex: String(index), nodeFraction: 0 });
    const grew = diff.rows
      .filter((r) => th.direction * r.flat > 0)
      .sort((a, b) => th.direction * (b.flat - a.flat) || a.name.localeCompare(b.name))
      .slice(0, sites)
      .map((r) => ({ name: r.name, flat: r.flat, cum: r.cum }));
    return { threshold: th, total: t, regression: th.direction * t.changePct > th.pct, grew };
  });
}
