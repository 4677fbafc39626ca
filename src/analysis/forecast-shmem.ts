/**
 * Growth of tmpfs and shared memory. memory.stat `shmem` (v1 `total_shmem`) is counted in `file`
 * (v1 `cache`) but is swap-backed: without swap the kernel cannot reclaim it, so a tmpfs that
 * fills up (an emptyDir with `medium: Memory`, /dev/shm) ends in an OOM kill, unlike page cache
 * (Documentation/admin-guide/cgroup-v2.rst, memory.stat; cgroup-v1/memory.rst). It is inside
 * what the forecast fits for the kill (forecast-signals.ts CHARGED); this says when it is what
 * grows.
 */
import { FIELDS, type Sample, type SampleField } from '../model/series.js';
import { fitField } from './series-fit.js';
import type { TrendFit } from './trend.js';
import { reclaimableFile } from './working-set.js';

/** file - shmem: the page cache the kernel can reclaim (file alone when shmem is unknown). */
export const RECLAIMABLE_FILE: SampleField = (s) =>
  s.cgroup?.file === undefined ? undefined : reclaimableFile(s.cgroup.file, s.cgroup.shmem);

/**
 * The slope of shmem when the charged memory grows (by `grows`, the forecast's test of real
 * growth) and shmem accounts for at least half of it; else undefined.
 */
export function shmemSlope(
  win: readonly Sample[],
  charged: TrendFit,
  grows: (f: TrendFit) => boolean,
): number | undefined {
  if (!grows(charged)) return undefined;
  const slope = fitField(win, FIELDS.shmem)?.slope;
  return slope !== undefined && slope >= charged.slope / 2 ? slope : undefined;
}
