/**
 * The Go runtime's GC pacing constants the model uses, each from the Go 1.26 source
 * ($(go env GOROOT)/src/runtime). The pacer has not changed since Go 1.21 (the memory-limit
 * goal and the CPU limiter came in 1.19, the roots in the GOGC goal in 1.18); Go 1.26's Green
 * Tea GC changes what a byte costs to mark (calibrated per service), not these.
 */
import { MiB } from '../model/units.js';

/**
 * mgcpacer.go gcBackgroundUtilization (= gcGoalUtilization): the share of GOMAXPROCS that
 * background mark workers take while the GC marks. Also what the CPU limiter charges to the GC
 * while it is on (mgclimit.go updateLocked).
 */
export const BACKGROUND_UTILIZATION = 0.25;

/** mgcpacer.go defaultHeapMinimum (4 MiB without GOEXPERIMENT=heapminimum512kib); setGCPercent
 *  scales it by GOGC/100 (heapMinimum). */
export const HEAP_MINIMUM = 4 * MiB;

/** mgcpacer.go memoryLimitHeapGoalHeadroomPercent and memoryLimitMinHeapGoalHeadroom: the
 *  memory-limit goal is lowered by max(3%, 1 MiB) (memoryLimitHeapGoal). */
export const LIMIT_HEADROOM_PERCENT = 3;
export const LIMIT_HEADROOM_MIN = 1 * MiB;

/**
 * mgcpacer.go triggerRatioDen, minTriggerRatioNum, maxTriggerRatioNum: the trigger lies between
 * 45/64 (~0.7) and 61/64 (~0.95) of the way from the marked heap to the goal, the upper bound
 * raised to goal - defaultHeapMinimum for large heaps (trigger()).
 */
export const TRIGGER_RATIO_DEN = 64;
export const MIN_TRIGGER_RATIO_NUM = 45;
export const MAX_TRIGGER_RATIO_NUM = 61;

/** mgcpacer.go endCycle: consMark is the maximum of this cycle's and the last 4 (lastConsMark). */
export const CONS_MARK_HISTORY = 5;

/**
 * mgclimit.go capacityPerProc: the GC CPU limiter's bucket holds GOMAXPROCS x 1 CPU-second. It
 * fills with GC time and drains with mutator time (so it caps the GC at ~50%), and is on while
 * full: then mark assists stop (mgcmark.go gcAssistAlloc) and the heap may pass its goal.
 */
export const LIMITER_CAPACITY_PER_PROC_SEC = 1;

/**
 * mgcscavenge.go reduceExtraPercent: with a memory limit, the background scavenger returns
 * memory above 95% of it. (retainExtraPercent = 10 keeps 10% over the GOGC goal's heap, which
 * the model does not need: the heap's retained peak is calibrated.)
 */
export const SCAVENGE_LIMIT_SHARE = 0.95;

/** A GC CPU share at or above this is thrashing: the GC works at least as much as the program. */
export const THRASH_GC_SHARE = 0.5;
