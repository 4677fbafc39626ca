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
    goal = lessHeadroom(limit - (nonHeap + overage));
  }
  return Math.max(goal, marked);
}

/** memoryLimitHeapGoal()'s headroom: max(3%, 1 MiB) off the room, never below the headroom. */
function lessHeadroom(room: number): number {
  const headroom = Math.max((room / 100) * LIMIT_HEADROOM_PERCENT, LIMIT_HEADROOM_MIN);
  return room < headroom || room - headroom < headroom ? headroom : room - headroom;
}

/**
 * memoryLimitHeapGoal() with the heap at `heap` inside a cycle, `inUse` bytes of Go memory in
 * use after the last sweep (mappedReady - heapFree). The sweep leaves part of the garbage as
 * free slots in spans still in use, which the runtime counts as non-heap memory (mappedReady -
 * heapFree - heapAlloc); as the heap refills them the goal rises with it. So early in a cycle
 * the goal, and the trigger with it, are lower than at its end. Seen with runtime/metrics read
 * every 0.3 ms under GOMEMLIMIT (88 MiB, 73 MiB live): /gc/heap/goal stays 1.5-2 MiB above
 * /memory/classes/heap/objects for the whole cycle while /memory/classes/total stays flat.
 */
export function limitGoalAt(
  limit: number,
  heap: number,
  inUse: number,
  w: Workload,
  overage: number,
): number {
  const nonHeap = Math.max(w.runtimeOverhead + w.unusedRatio * heap, inUse - heap);
  if (nonHeap + overage >= limit) return 0;
  return lessHeadroom(limit - (nonHeap + overage));
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

/**
 * Where the heap meets the trigger when the goal moves with the heap (`goalAt`, the goal the
 * runtime computes with the heap at that size; limitGoalAt): the smallest heap at or above the
 * marked heap that reaches the trigger of the goal at that heap. The trigger rises at most 97%
 * as fast as the heap, so the heap catches it; found by bisection to 1 KiB.
 */
export function movingTrigger(
  marked: number,
  runway: number,
  goalAt: (heap: number) => number,
  maxGoal: number,
): number {
  const reached = (h: number) => h >= trigger(marked, Math.max(goalAt(h), marked), runway);
  if (reached(marked)) return marked;
  let lo = marked;
  let hi = trigger(marked, maxGoal, runway);
  if (!reached(hi)) return hi;
  while (hi - lo > 1024) {
    const mid = (lo + hi) / 2;
    if (reached(mid)) hi = mid;
    else lo = mid;
  }
  return hi;
}
