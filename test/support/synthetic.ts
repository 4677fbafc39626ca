/**
 * Synthetic watch samples for the forecast's unit tests: one a second, a 256 MiB limit, the Go
 * heap from heap(t) and, unless given, a charge (usage - file) of the heap plus 20 MiB outside it.
 */
import type { CgroupSample, GoSample, Sample } from '../../src/model/series.js';

export const MiB = 1 << 20;
export const LIMIT = 256 * MiB;
export const T0 = 1_700_000_000_000;

export interface SyntheticShape {
  /** HeapAlloc (and HeapInuse) at t seconds. */
  readonly heap?: (t: number) => number;
  /** What the cgroup cannot reclaim, usage - (file - shmem); default heap + 20 MiB. */
  readonly charged?: (t: number) => number;
  /** Reclaimable page cache (memory.stat file) on top; default 0. */
  readonly file?: (t: number) => number;
  readonly go?: (t: number) => Partial<GoSample>;
  readonly cgroup?: (t: number) => Partial<CgroupSample>;
  /** No Go numbers at all (watch without --url). */
  readonly noGo?: boolean;
  readonly limit?: number | null;
}

export function synthetic(seconds: number, shape: SyntheticShape): Sample[] {
  return Array.from({ length: seconds }, (_, t) => {
    const h = shape.heap?.(t) ?? 10 * MiB;
    const charged = shape.charged?.(t) ?? h + 20 * MiB;
    const file = shape.file?.(t) ?? 0;
    const cgroup: CgroupSample = {
      usage: charged + file,
      workingSet: charged,
      file,
      ...(shape.limit === null ? {} : { limit: shape.limit ?? LIMIT }),
      ...shape.cgroup?.(t),
    };
    const go: GoSample = { heapAlloc: h, heapInuse: h, ...shape.go?.(t) };
    return { t: T0 + t * 1000, cgroup, ...(shape.noGo ? {} : { go }) };
  });
}

/** The samples up to and including second `t`. */
export function upTo(samples: readonly Sample[], t: number): Sample[] {
  return samples.slice(0, t + 1);
}
