/**
 * One GC cycle of the model, from the end of one mark phase to the end of the next: the heap
 * grows from the marked heap to the trigger, the GC marks for a wall time its CPU needs, the
 * heap peaks at the end of marking, and what was allocated meanwhile is marked too (allocate-
 * black, runtime/mgcmark.go gcmarknewobject), so it is part of the next marked heap.
 */
import { BACKGROUND_UTILIZATION, CONS_MARK_HISTORY } from './pacer-constants.js';
import { movingTrigger, trigger, type Goal } from './pacer-goal.js';
import type { Workload } from './pacer-model.js';

export interface CycleInput {
  readonly w: Workload;
  readonly procs: number;
  /** CPUs the GC has while it marks (markCpus). */
  readonly gcCpus: number;
  readonly live: number;
  readonly marked: number;
  readonly goal: Goal;
  readonly jitter: number;
  readonly limiterOn: boolean;
  /** Runways of the last cycles (mgcpacer.go lastConsMark), newest last. */
  readonly runways: readonly number[];
  /** The goal the runtime computes with the heap at a given size, when it moves with the heap
   *  (the memory-limit goal, limitGoalAt); undefined: the goal is fixed for the cycle. */
  readonly goalAt?: (heap: number) => number;
}

export interface Cycle {
  readonly trigger: number;
  /** Heap at the end of marking: the cycle's peak. */
  readonly peak: number;
  readonly markSec: number;
  /** From the previous mark end to this one. */
  readonly periodSec: number;
  readonly gcCpuSec: number;
  readonly nextMarked: number;
  /** This cycle's runway, for the next cycles' triggers. */
  readonly runway: number;
}

/**
 * CPUs the GC gets while marking: the background workers' 25% of GOMAXPROCS at least, and every
 * P the program leaves idle (idle-priority mark workers, mgc.go gcBgMarkWorker), scaled by what
 * the calibration measured against this estimate.
 */
export function markCpus(w: Workload, procs: number): number {
  const estimate = (p: number) => Math.max(BACKGROUND_UTILIZATION * p, p - w.mutatorCpu);
  const efficiency = w.markCpu === undefined ? 1 : w.markCpu / estimate(w.gomaxprocs);
  return Math.min(procs, estimate(procs) * efficiency);
}

export function gcCpuPerCycle(w: Workload, live: number): number {
  return w.cost.fixed + w.cost.perByte * (live + w.stacks + w.globals);
}

export function runCycle(c: CycleInput): Cycle {
  const { w, goal } = c;
  const gcCpuSec = gcCpuPerCycle(w, c.live);
  const markSec = (gcCpuSec / c.gcCpus) * c.jitter;
  // The trigger was set at the last commit, from the cons/mark ratios of the cycles before.
  const own = pacerRunway(w.allocRate, markSec, c.gcCpus / c.procs);
  const runway = c.runways.length ? Math.max(...c.runways) : own;
  const trig = c.goalAt
    ? movingTrigger(c.marked, runway, c.goalAt, goal.bytes)
    : trigger(c.marked, goal.bytes, runway);
  const idleSec = Math.max(0, trig - c.marked) / w.allocRate;
  const during = allocatedWhileMarking(c, trig, gcCpuSec, w.allocRate * markSec);
  return {
    trigger: trig,
    peak: trig + during,
    markSec: during / w.allocRate,
    periodSec: idleSec + during / w.allocRate,
    gcCpuSec,
    nextMarked: c.live + during,
    runway: own,
  };
}

/**
 * Bytes allocated while the GC marks: the allocation rate x the mark time, unless that would
 * pass the goal. Then mark assists (runtime/mgcmark.go gcAssistAlloc: allocating goroutines
 * mark in proportion to what they allocate, mgcpacer.go revise) end the cycle near the goal,
 * no sooner than all Ps marking allow; with the CPU limiter on there are no assists.
 */
function allocatedWhileMarking(
  c: CycleInput,
  trig: number,
  gcCpuSec: number,
  unassisted: number,
): number {
  if (c.limiterOn || trig + unassisted <= c.goal.bytes) return unassisted;
  return Math.max(c.goal.bytes - trig, (c.w.allocRate * gcCpuSec) / c.procs);
}

/**
 * commit(): runway = consMark x (1 - u)/u x scanWork, with endCycle()'s consMark = allocated
 * during marking x (u + idleU) / (scanWork x (1 - u)): the bytes allocated while marking, times
 * the utilization the GC had over the 25% it plans for. The runtime keeps the largest of the
 * last CONS_MARK_HISTORY values.
 */
function pacerRunway(allocRate: number, markSec: number, gcShareOfProcs: number): number {
  const u = BACKGROUND_UTILIZATION;
  return allocRate * markSec * (Math.max(u, gcShareOfProcs) / u);
}

export function pushRunway(runways: readonly number[], r: number): number[] {
  return [...runways, r].slice(-(CONS_MARK_HISTORY - 1));
}
