/**
 * The Go heap's ceiling under GOMEMLIMIT, and the kill after it. GOMEMLIMIT sets a heap goal
 * (runtime/mgcpacer.go memoryLimitHeapGoal): limit - nonHeap, where nonHeap = mappedReady -
 * heapFree - heapAlloc (in MemStats terms Sys - HeapIdle - HeapAlloc), minus a headroom of 3%
 * (at least 1 MiB). While the live heap is below it, the GC holds Go's memory near the limit, so
 * the cgroup's charge stops growing though the leak goes on. Once the live heap reaches it, the
 * GC runs almost continuously, capped at about 50% CPU by the GC CPU limiter
 * (runtime/mgclimit.go), and the heap grows with the live heap past the limit until the cgroup
 * OOM-kills the process. So the time to the kill comes from the live heap: the thrash point,
 * then the room left in the cgroup at the live heap's pace.
 */
import type { GoSample, Sample } from '../model/series.js';
import type { TrendFit } from './trend.js';

const HEADROOM_SHARE = 0.03;
const HEADROOM_MIN = 1 << 20;

/** The heap goal GOMEMLIMIT sets, or undefined without GOMEMLIMIT. */
export function limitHeapGoal(g: GoSample): number | undefined {
  if (g.gomemlimit === undefined) return undefined;
  const known = g.sys !== undefined && g.heapIdle !== undefined && g.heapAlloc !== undefined;
  const nonHeap = known ? Math.max(0, g.sys! - g.heapIdle! - g.heapAlloc!) : 0;
  const goal = g.gomemlimit - nonHeap;
  return goal - Math.max(goal * HEADROOM_SHARE, HEADROOM_MIN);
}

/**
 * NextGC is GOMEMLIMIT's goal, not GOGC's: the GC is holding the heap down near the limit. The
 * goal is read again from MemStats taken after the GC that set NextGC, so it may have moved by
 * a little (HELD_SHARE).
 */
export function heldByGomemlimit(g: GoSample | undefined): boolean {
  const goal = g ? limitHeapGoal(g) : undefined;
  return goal !== undefined && g!.nextGC !== undefined && g!.nextGC >= HELD_SHARE * goal;
}

const HELD_SHARE = 0.97;

export interface HeapCeiling {
  readonly gomemlimit: number;
  readonly heapGoal: number;
  /** The live heap is at the goal now: the GC runs almost all the time. */
  readonly thrashing: boolean;
  /** Seconds until the live heap reaches the goal (0 once there); undefined when it does not grow. */
  readonly thrashEtaSec?: number;
  /** Seconds until the cgroup limit by way of the thrash point, with the live heap's interval. */
  readonly killEtaSec?: number;
  readonly killEtaLowSec?: number;
  readonly killEtaHighSec?: number;
}

/**
 * `live`: the live heap now and its rate; `charged`: what the cgroup cannot reclaim now. The
 * kill comes by way of the thrash point only when the cgroup limit is still ahead then.
 */
export function heapCeiling(
  last: Sample,
  live: { readonly level: number; readonly rate?: TrendFit },
  charged: number | undefined,
  limit: number | undefined,
): HeapCeiling | undefined {
  const g = last.go;
  const heapGoal = g ? limitHeapGoal(g) : undefined;
  if (!g || heapGoal === undefined) return undefined;
  const thrashing = live.level >= heapGoal;
  const base = { gomemlimit: g.gomemlimit!, heapGoal, thrashing };
  const rate = live.rate;
  if (!rate || rate.slope <= 0) return thrashing ? { ...base, thrashEtaSec: 0 } : base;
  const until = (slope: number) => (thrashing ? 0 : (heapGoal - live.level) / slope);
  const kill = (slope: number) => killAfter(last, until(slope), slope, charged, limit);
  const killEtaSec = kill(rate.slope);
  if (killEtaSec === undefined) return { ...base, thrashEtaSec: until(rate.slope) };
  return {
    ...base,
    thrashEtaSec: until(rate.slope),
    killEtaSec,
    killEtaLowSec: kill(rate.slopeHigh),
    killEtaHighSec: rate.slopeLow > 0 ? kill(rate.slopeLow) : undefined,
  };
}

/**
 * Seconds to the kill: the thrash point, then the room left at the live heap's pace times the
 * share of Go's memory the kernel charges (RSS anon / Sys - HeapReleased: pages never written
 * are not charged). Undefined when the cgroup limit comes before the thrash point.
 */
function killAfter(
  last: Sample,
  thrashSec: number,
  slope: number,
  charged: number | undefined,
  limit: number | undefined,
): number | undefined {
  const g = last.go!;
  if (limit === undefined || charged === undefined || g.sys === undefined) return undefined;
  const mapped = g.sys - (g.heapReleased ?? 0);
  const rss = last.proc?.rssAnon;
  const share = rss !== undefined && mapped > 0 ? Math.min(1, Math.max(0.05, rss / mapped)) : 1;
  const atThrash = charged + share * Math.max(0, g.gomemlimit! - mapped);
  if (atThrash >= limit) return undefined;
  return thrashSec + (limit - atThrash) / (share * slope);
}
