/**
 * What GODEBUG=gctrace=1 lines say about a service's GC, per cycle (runtime/mgc.go prints them
 * at mark termination): the CPU each cycle took, split into the stop-the-world parts (the
 * model's fixed cost) and marking, the wall time of marking (its jitter), the marked heap,
 * stacks and globals, GOMAXPROCS. Heap sizes are whole MiB truncated (>>20): +0.5 MiB each.
 */
import { GctraceReader, type GcCycle } from '../formats/gctrace.js';
import { MiB } from '../model/units.js';
import { median } from './trend.js';

export interface TraceStats {
  readonly cycles: number;
  readonly cyclesPerSec?: number;
  /** CPU-seconds per cycle, in cycle order. */
  readonly cpuSec: readonly number[];
  /** The stop-the-world CPU of a cycle (sweep and mark termination), median. */
  readonly fixedSec: number;
  /** Wall seconds of concurrent marking, in cycle order. */
  readonly markSec: readonly number[];
  /** Marked heap of each cycle (bytes, midpoint of the MiB). */
  readonly marked: readonly number[];
  /** Median wall seconds of concurrent marking. */
  readonly markMedianSec: number;
  readonly heapEndMax: number;
  readonly stacks?: number;
  readonly globals?: number;
  readonly procs: number;
  /** Lines that start like gctrace but do not read. */
  readonly broken: number;
}

const mib = (v: number) => (v + 0.5) * MiB;

/** The cycles of gctrace lines, each once, in GC order; forced cycles (runtime.GC) left out. */
export function traceCycles(lines: Iterable<string>): { cycles: GcCycle[]; broken: number } {
  const reader = new GctraceReader();
  for (const line of lines) reader.line(line);
  const log = reader.result();
  const byN = new Map<number, GcCycle>();
  for (const c of log.cycles) if (!c.forced) byN.set(c.n, c);
  return { cycles: [...byN.values()].sort((a, b) => a.n - b.n), broken: log.garbledCount };
}

/** All the CPU a cycle took, as /cpu/classes/gc/total counts it (idle marking included). */
export function cycleCpuMs(c: GcCycle): number {
  const u = c.cpuMs;
  return u.sweepTerm + u.assist + u.background + u.idle + u.markTerm;
}

export function traceStats(cycles: readonly GcCycle[], broken = 0): TraceStats | undefined {
  if (cycles.length < 2) return undefined;
  const first = cycles[0];
  const last = cycles[cycles.length - 1];
  const span = last.atSec - first.atSec;
  const markSec = cycles.map((c) => c.clockMs.mark / 1000);
  return {
    cycles: cycles.length,
    cyclesPerSec: span > 0 ? (last.n - first.n) / span : undefined,
    cpuSec: cycles.map((c) => cycleCpuMs(c) / 1000),
    fixedSec: median(cycles.map((c) => (c.cpuMs.sweepTerm + c.cpuMs.markTerm) / 1000)) ?? 0,
    markSec,
    marked: cycles.map((c) => mib(c.heapLiveMiB)),
    markMedianSec: median(markSec) ?? 0,
    heapEndMax: Math.max(...cycles.map((c) => mib(c.heapEndMiB))),
    ...(last.stacksMiB === undefined
      ? {}
      : { stacks: mib(median(cycles.map((c) => c.stacksMiB ?? 0))!) }),
    ...(last.globalsMiB === undefined
      ? {}
      : { globals: mib(median(cycles.map((c) => c.globalsMiB ?? 0))!) }),
    procs: last.procs,
    broken,
  };
}
