/**
 * The GC CPU limiter (runtime/mgclimit.go), one cycle at a time: a bucket of GOMAXPROCS x 1
 * CPU-second that fills with GC time and drains with mutator time (accumulate()). While the GC
 * marks it is charged 25% of all Ps (updateLocked: gcBackgroundUtilization x total) plus
 * assists; idle time, idle-priority marking included, counts for neither side. The limiter is on
 * while the bucket is full.
 */
import { BACKGROUND_UTILIZATION, LIMITER_CAPACITY_PER_PROC_SEC } from './pacer-constants.js';

export interface LimiterState {
  readonly fill: number;
  readonly on: boolean;
}

export const LIMITER_EMPTY: LimiterState = { fill: 0, on: false };

export function limiterStep(
  s: LimiterState,
  procs: number,
  mutatorCpu: number,
  markSec: number,
  periodSec: number,
): LimiterState {
  const capacity = procs * LIMITER_CAPACITY_PER_PROC_SEC;
  const gc = BACKGROUND_UTILIZATION * procs * markSec;
  const fill = Math.min(capacity, Math.max(0, s.fill + gc - mutatorCpu * periodSec));
  return { fill, on: fill >= capacity };
}
