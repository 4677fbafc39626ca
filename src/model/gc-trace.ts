/**
 * One GC cycle as GODEBUG=gctrace=1 prints it (runtime/extern.go, printed by gcMarkTermination
 * in runtime/mgc.go). Times in milliseconds; heap sizes are whole MiB, truncated by the runtime
 * (`work.heap0>>20`), so the true value is in [MiB, MiB + 1).
 */
export interface GcTraceCycle {
  /** GC number (memstats.numgc). */
  readonly n: number;
  /** Seconds since the program started, when the cycle began (sweep termination). */
  readonly atSec: number;
  /** GC CPU since start, percent, without idle marking (memstats.gc_cpu_fraction). */
  readonly cpuPercent: number;
  /** Wall clock: STW sweep termination, concurrent mark, STW mark termination. */
  readonly clockMs: readonly [sweepTerm: number, mark: number, markTerm: number];
  /** CPU: STW sweep termination (x procs), mark assist, background, idle, STW mark termination. */
  readonly cpuMs: {
    readonly sweepTerm: number;
    readonly assist: number;
    readonly background: number;
    readonly idle: number;
    readonly markTerm: number;
  };
  /** Heap at GC start, at GC end (the cycle's peak), and marked live (/gc/scan/heap). */
  readonly heapStartMiB: number;
  readonly heapEndMiB: number;
  readonly liveMiB: number;
  readonly goalMiB: number;
  /** Go >= 1.21 (older lines have no stacks and globals). */
  readonly stacksMiB?: number;
  readonly globalsMiB?: number;
  readonly procs: number;
  /** runtime.GC() forced it. */
  readonly forced: boolean;
}

/** All the CPU a cycle took, as /cpu/classes/gc/total counts it (idle marking included). */
export function cycleCpuMs(c: GcTraceCycle): number {
  const u = c.cpuMs;
  return u.sweepTerm + u.assist + u.background + u.idle + u.markTerm;
}
