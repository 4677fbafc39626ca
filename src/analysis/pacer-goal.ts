/**
 * The heap goal and the trigger, as runtime/mgcpacer.go computes them (Go 1.21-1.26):
 * commit() for the GOGC goal, memoryLimitHeapGoal() for GOMEMLIMIT's, heapGoalInternal() for
 * the smaller of the two, trigger() for where the next cycle starts.
 */
import {
  HEAP_MINIMUM,
  LIMIT_HEADROOM_MIN,
  LIMIT_HEADROOM_PERCENT,
  MAX_TRIGGER_RATIO_NUM,
  MIN_TRIGGER_RATIO_NUM,
  TRIGGER_RATIO_DEN,
} from './pacer-constants.js';
import type { Settings, Workload } from './pacer-model.js';

export interface Goal {
  readonly bytes: number;
  readonly by: 'gogc' | 'memory-limit' | 'none';
}

/**
 * commit(): heapMarked + (heapMarked + lastStackScan + globalsScan) x GOGC/100, at least
 * heapMinimum = 4 MiB x GOGC/100 (setGCPercent). GOGC=off: no goal.
 */
export function gogcGoal(marked: number, roots: number, gogc: Settings['gogc']): number {
  if (gogc === 'off') return Infinity;
  return Math.max(marked + ((marked + roots) * gogc) / 100, (HEAP_MINIMUM * gogc) / 100);
}

/**
 * memoryLimitHeapGoal(): limit - (nonHeap + overage), less max(3%, 1 MiB), never below the
 * marked heap. nonHeap = mappedReady - heapFree - heapAlloc is the runtime's own memory plus
 * the unused part of heap spans, which grows with the heap: it is taken at the goal itself
 * (a fixed point, reached in a few steps). overage = mappedReady - limit when over.
 */
export function limitGoal(limit: number, marked: number, w: Workload, overage: number): number {
  let goal = limit;
  for (let i = 0; i < 4; i++) {
    const nonHeap = w.runtimeOverhead + w.unusedRatio * goal;
    if (nonHeap + overage >= limit) return marked;
    const room = limit - (nonHeap + overage);
    const headroom = Math.max((room / 100) * LIMIT_HEADROOM_PERCENT, LIMIT_HEADROOM_MIN);
    goal = room < headroom || room - headroom < headroom ? headroom : room - headroom;
  }
  return Math.max(goal, marked);
}

/** heapGoalInternal(): the smaller of the two goals. */
export function heapGoal(marked: number, w: Workload, s: Settings, overage: number): Goal {
  const byGogc = gogcGoal(marked, w.stacks + w.globals, s.gogc);
  const byLimit =
    s.gomemlimit === undefined ? Infinity : limitGoal(s.gomemlimit, marked, w, overage);
  if (byLimit < byGogc) return { bytes: byLimit, by: 'memory-limit' };
  return { bytes: byGogc, by: byGogc === Infinity ? 'none' : 'gogc' };
}

/**
 * trigger(): goal - runway, kept between 45/64 and 61/64 of the way from the marked heap to
 * the goal; the upper bound is raised to goal - defaultHeapMinimum on large heaps. A marked
 * heap at or above the goal triggers at once (the GC runs back to back).
 */
export function trigger(marked: number, goal: number, runway: number): number {
  if (marked >= goal) return goal;
  const span = (goal - marked) / TRIGGER_RATIO_DEN;
  const lower = marked + span * MIN_TRIGGER_RATIO_NUM;
  let upper = marked + span * MAX_TRIGGER_RATIO_NUM;
  if (goal > HEAP_MINIMUM && goal - HEAP_MINIMUM > upper) upper = goal - HEAP_MINIMUM;
  upper = Math.max(upper, lower);
  return Math.min(Math.max(goal - runway, lower), upper);
}
