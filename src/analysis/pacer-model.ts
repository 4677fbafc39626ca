/**
 * The inputs and outputs of the GC pacer model (src/analysis/pacer.ts, docs/advise.md). Bytes
 * are bytes, rates per second, CPU in CPU-seconds (as /cpu/classes/* count them: GOMAXPROCS x
 * wall time, idle-priority marking included).
 */

/** GC CPU per cycle = fixed + perByte x (live heap + stacks + globals): the GC guide's model. */
export interface GcCost {
  readonly perByte: number;
  readonly fixed: number;
}

/** What a service does, fitted from a capture (gc-calibrate.ts). */
export interface Workload {
  /** Heap bytes allocated per second (MemStats.TotalAlloc's rate). */
  readonly allocRate: number;
  /** The live heap without what was allocated during marking (marked black, mgcmark.go). */
  readonly live: number;
  /** Bytes per second the live heap grows (0: steady). */
  readonly liveGrowth: number;
  /** Scannable stacks and globals: the roots of the GOGC goal (/gc/scan/stack, /gc/scan/globals). */
  readonly stacks: number;
  readonly globals: number;
  /** Go memory besides heap spans (Sys - HeapSys: stacks, GC metadata, other). */
  readonly runtimeOverhead: number;
  /** Unused bytes in heap spans per byte of heap objects ((HeapInuse - HeapAlloc) / HeapAlloc). */
  readonly unusedRatio: number;
  /**
   * Of the garbage a GC sweeps, the share left as free slots in spans still in use (the rest
   * returns as free pages); the memory-limit goal counts those slots as non-heap memory until
   * the heap refills them (pacer-goal.ts limitGoalAt). 0 when not measured.
   */
  readonly sweptInSpans?: number;
  /** Heap memory kept (HeapSys - HeapReleased) at its peak per byte of the heap's peak. */
  readonly spanRatio: number;
  /** Container memory Go does not count (cgroup usage - (Sys - HeapReleased)); may be < 0. */
  readonly nonGo: number;
  readonly gomaxprocs: number;
  /** CPUs the program uses outside the GC (/cpu/classes/user's rate). */
  readonly mutatorCpu: number;
  /** CPUs the GC had while marking (GC CPU per cycle / mark wall time), when measured. */
  readonly markCpu?: number;
  readonly cost: GcCost;
  /**
   * Of the time the runtime counts its Ps busy (wall time on a P: /cpu/classes), the share the
   * kernel really ran them (/proc/PID/stat): below 1 on a host whose CPUs are contended or a
   * container throttled by its CPU limit. The cost and the program's CPU are in the runtime's
   * terms at this availability.
   */
  readonly cpuAvailability?: number;
  /** Mark wall time of each observed cycle over their mean, in order (empty: no jitter). */
  readonly markJitter: readonly number[];
}

export interface Settings {
  /** GOGC; 'off' is GOGC=off. */
  readonly gogc: number | 'off';
  /** GOMEMLIMIT in bytes; undefined is off. */
  readonly gomemlimit?: number;
  /** The container's memory limit; undefined is none. */
  readonly containerLimit?: number;
  /** GOMAXPROCS; default the workload's. */
  readonly gomaxprocs?: number;
  /** The host's CPU availability for this prediction (see Workload); default the calibration's. */
  readonly cpuAvailability?: number;
}

/** Which goal paces the GC in steady state. */
export type Regime = 'gogc' | 'memory-limit' | 'continuous' | 'no-gc';

export interface Prediction {
  readonly settings: Settings;
  readonly regime: Regime;
  readonly cyclesPerSec: number;
  /** GC CPU over GOMAXPROCS x wall time (/cpu/classes/gc/total over /cpu/classes/total). */
  readonly gcCpuShare: number;
  /** The heap's peak (heap objects at the end of marking, where each cycle peaks). */
  readonly peakHeap: number;
  /** Go memory at its peak (what GOMEMLIMIT counts: Sys - HeapReleased). */
  readonly peakGoMemory: number;
  /** Container memory at its peak (cgroup memory.max_usage_in_bytes / memory.peak). */
  readonly peakContainer: number;
  readonly heapGoal: number;
  /** The GC CPU limiter's bucket filled (mgclimit.go): assists stop, the heap may pass its goal. */
  readonly limiterEngaged: boolean;
  /** GC CPU share >= 50%. */
  readonly thrash: boolean;
  /** Seconds until the container's limit is reached (the kernel OOM-kills), when it is. */
  readonly oomAtSec?: number;
  /** How long the model ran (steady state after warm-up, or until the kill). */
  readonly simulatedSec: number;
}
