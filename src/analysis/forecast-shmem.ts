/**
 * Growth of tmpfs and shared memory. memory.stat `shmem` (v1 `total_shmem`) is counted in `file`
 * (v1 `cache`) but is swap-backed: without swap the kernel cannot reclaim it, so a tmpfs that
 * fills up (an emptyDir with `medium: Memory`, /dev/shm) ends in an OOM kill, unlike page cache
 * (Documentation/admin-guide/cgroup-v2.rst, memory.stat; cgroup-v1/memory.rst). What meets the
 * limit is the usage reclaim cannot free: usage - (file - shmem).
 */
import { FIELDS, type Sample, type SampleField } from '../model/series.js';
import { etaOf, fitField, lastDefined, type Eta } from './series-fit.js';
import type { TrendFit } from './trend.js';
import { reclaimableFile, unreclaimable } from './working-set.js';

/** file - shmem: the page cache the kernel can reclaim (file alone when shmem is unknown). */
export const RECLAIMABLE_FILE: SampleField = (s) =>
  s.cgroup?.file === undefined ? undefined : reclaimableFile(s.cgroup.file, s.cgroup.shmem);

/** usage - (file - shmem); only where shmem was read (captures before it have no shmem). */
export const UNRECLAIMABLE: SampleField = (s) => {
  const c = s.cgroup;
  return c?.usage === undefined || c.file === undefined || c.shmem === undefined
    ? undefined
    : unreclaimable(c.usage, c.file, c.shmem);
};

export interface ShmemGrowth extends Eta {
  readonly unreclaimable: TrendFit;
  readonly shmemSlope: number;
  readonly limit?: number;
}

/**
 * Unreclaimable usage grows (by `grows`, the forecast's test of real growth) and shmem accounts
 * for at least half of it: the time for it to reach the cgroup limit, or undefined.
 */
export function shmemGrowth(
  win: readonly Sample[],
  grows: (f: TrendFit) => boolean,
): ShmemGrowth | undefined {
  const u = fitField(win, UNRECLAIMABLE);
  const shmemSlope = fitField(win, FIELDS.shmem)?.slope;
  if (!u || !grows(u) || shmemSlope === undefined || shmemSlope < u.slope / 2) return undefined;
  const limit = lastDefined(win, FIELDS.limit);
  const growth = { unreclaimable: u, shmemSlope };
  return limit === undefined ? growth : { ...growth, limit, ...etaOf(limit - u.level, u) };
}
