/**
 * One GC cycle of the model, from the end of one mark phase to the end of the next: the heap
 * grows from the marked heap to the trigger, the GC marks for a wall time its CPU needs, the
 * heap peaks at the end of marking, and what was allocated meanwhile is marked too (allocate-
 * black, runtime/mgcmark.go gcmarknewobject), so it is part of the next marked heap.
 */
import { BACKGROUND_UTILIZATION, CONS_MARK_HISTORY } from './pacer-constants.js';
import { trigger, type Goal } from './pacer-goal.js';
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
  const trig = trigger(c.marked, goal.bytes, c.runways.length ? Math.max(...c.runways) : own);
  const idleSec = Math.max(0, trig - c.marked) / w.allocRate;
  let peak = trig + w.allocRate * markSec;
  // Mark assists (the allocating goroutines mark too) hold the heap at the goal, unless the
  // limiter has turned them off; with every P marking the cycle cannot end sooner than C/P.
  if (peak > goal.bytes && !c.limiterOn)
    peak = Math.max(goal.bytes, trig + (w.allocRate * gcCpuSec) / c.procs);
  return {
    trigger: trig,
    peak,
    markSec,
    periodSec: idleSec + markSec,
    gcCpuSec,
    nextMarked: c.live + w.allocRate * markSec,
    runway: own,
  };
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
