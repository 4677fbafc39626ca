/**
 * Fits the pacer model's workload (pacer-model.ts) from a `watch` capture: the allocation rate,
 * the GC's CPU per cycle (split into a fixed and a per-byte part), the live heap, roots, the
 * runtime's and the container's memory around the heap, GOMAXPROCS and the program's own CPU,
 * each with where it came from and its spread (docs/advise.md, "Calibration"). Runtime numbers
 * come from the samples (/debug/vars, /metrics) and, when the capture has them, from
 * GODEBUG=gctrace=1 lines (`watch --gctrace`), which alone give the mark phase's wall time.
 */
import type { Capture } from '../formats/capture.js';
import type { Sample } from '../model/series.js';
import type { Snapshot } from '../model/snapshot.js';
import { outOfRange } from './gc-calibrate-check.js';
import { gcCpuOf, type Fit } from './gc-calibrate-fit.js';
import { markedOf, markOf, rootsOf } from './gc-calibrate-heap.js';
import { counterRate, goSamples, type Spread } from './gc-calibrate-samples.js';
import { memoryOf, type MemoryFit } from './gc-calibrate-memory.js';
import { traceCycles, traceStats } from './gc-calibrate-trace.js';
import { BACKGROUND_UTILIZATION } from './pacer-constants.js';
import type { Settings, Workload } from './pacer-model.js';

export interface CalibrationInput {
  readonly samples: readonly Sample[];
  readonly gctraceLines: readonly string[];
}

/** What the capture itself measured, at the settings it ran with. */
export interface Measured {
  readonly cyclesPerSec: number;
  readonly gcCpuShare?: number;
  readonly peakHeap: number;
  readonly peakGoMemory: number;
  readonly peakContainer?: number;
}

export interface Calibration {
  readonly workload: Workload;
  readonly observed: Settings;
  /** p10-p90 of the allocation rate over >= 1 s windows, of the live heap, of CPU per cycle. */
  readonly spread: {
    readonly allocRate: Spread;
    readonly live: Spread;
    readonly gcCpuPerCycle: Spread;
  };
  readonly measured: Measured;
  /** Where each fitted number came from. */
  readonly sources: Readonly<
    Record<'allocRate' | 'gcCpu' | 'live' | 'roots' | 'mutator' | 'procs', string>
  >;
  readonly spanSec: number;
  readonly cycles: number;
  readonly notes: readonly string[];
}

export type CalibrationResult = Calibration | { readonly error: string };

const MIN_SPAN_SEC = 3;

/** Calibrates on a capture: its samples and the gctrace lines `watch --gctrace` recorded. */
export function calibrateCapture(
  c: Pick<Capture, 'samples' | 'gctrace' | 'snapshots'>,
): CalibrationResult {
  const cal = calibrate({ samples: c.samples, gctraceLines: c.gctrace.flatMap((r) => r.lines) });
  const shared = sharedCgroup(c.snapshots[c.snapshots.length - 1]?.snapshot);
  return 'error' in cal || !shared ? cal : { ...cal, notes: [...cal.notes, shared] };
}

/**
 * The cgroup's usage counts every process in it: with others beside the target (a shell's
 * session on a laptop, a sidecar sharing the group), "memory outside Go" holds theirs too.
 */
function sharedCgroup(snap: Snapshot | undefined): string | undefined {
  const procs = snap?.cgroup?.status === 'ok' ? snap.cgroup.value.procs : undefined;
  if (procs?.status !== 'ok' || procs.value.length <= 1) return undefined;
  return `the target's cgroup holds ${procs.value.length} processes (${procs.source}): container memory outside Go counts theirs too`;
}

export function calibrate(input: CalibrationInput): CalibrationResult {
  const go = goSamples(input.samples);
  const spanSec = go.length ? (go[go.length - 1].t - go[0].t) / 1000 : 0;
  if (go.length < 3 || spanSec < MIN_SPAN_SEC)
    return {
      error: `${go.length} samples with Go runtime numbers over ${spanSec.toFixed(1)} s; calibration needs 3 over ${MIN_SPAN_SEC} s (watch with --url)`,
    };
  const { cycles, broken } = traceCycles(input.gctraceLines);
  const trace = traceStats(cycles, broken);
  const alloc = counterRate(go, 'totalAlloc');
  if (!alloc || alloc.rate <= 0)
    return {
      error:
        'no allocation counter (MemStats.TotalAlloc from /debug/vars, or go_memstats_alloc_bytes_total)',
    };
  const cpu = gcCpuOf(go, trace);
  if ('error' in cpu) return cpu;
  const cal = fit({ go, trace, alloc, cpu, spanSec });
  const bad = outOfRange(cal.workload);
  return bad ? { error: bad } : cal;
}

function fit(f: Fit): Calibration {
  const notes: string[] = [];
  const last = f.go[f.go.length - 1].go;
  const procs = last.gomaxprocs ?? f.trace?.procs ?? 1;
  if (last.gomaxprocs === undefined && !f.trace) notes.push('GOMAXPROCS not exported: 1 assumed');
  const mutatorCpu = f.cpu.mutatorCpu ?? BACKGROUND_UTILIZATION * procs;
  if (f.cpu.mutatorCpu === undefined)
    notes.push(
      `the program's own CPU not exported (go_cpu_classes_user_cpu_seconds_total): ${mutatorCpu} CPUs assumed`,
    );
  // The CPUs that make the GC CPU per cycle take the median mark time (pacer-cycle.ts markCpus).
  const markCpus =
    f.trace && f.trace.markMedianSec > 0 ? f.cpu.perCycle / f.trace.markMedianSec : undefined;
  const marked = markedOf(f);
  const mark = markOf(f, marked, Math.max(BACKGROUND_UTILIZATION * procs, procs - mutatorCpu));
  const live = mark.live;
  const roots = rootsOf(f);
  const fixed = Math.min(f.trace?.fixedSec ?? 0, f.cpu.perCycle);
  const mem: MemoryFit = memoryOf(f.go, f.trace?.heapEndMax);
  notes.push(...roots.notes, ...mem.notes, ...marked.notes);
  const workload: Workload = {
    allocRate: f.alloc.rate,
    live,
    liveGrowth: 0,
    stacks: roots.stacks,
    globals: roots.globals,
    runtimeOverhead: mem.runtimeOverhead,
    unusedRatio: mem.unusedRatio,
    sweptInSpans: mem.sweptInSpans,
    spanRatio: mem.spanRatio,
    nonGo: mem.nonGo,
    gomaxprocs: procs,
    mutatorCpu,
    ...(markCpus === undefined ? {} : { markCpu: markCpus }),
    ...(availability(f.cpu.cpuAvailability) ?? {}),
    cost: {
      fixed,
      perByte: (f.cpu.perCycle - fixed) / Math.max(1, live + roots.stacks + roots.globals),
    },
    markJitter: mark.jitter,
  };
  return {
    workload,
    observed: observedSettings(f, procs),
    spread: { allocRate: f.alloc.spread, live: mark.spread, gcCpuPerCycle: f.cpu.spread },
    measured: measuredOf(f, mem),
    sources: {
      allocRate: 'MemStats.TotalAlloc rate (Theil-Sen)',
      gcCpu: f.cpu.source,
      live: mark.source,
      roots: roots.source,
      mutator: f.cpu.mutatorCpu === undefined ? 'assumed' : '/cpu/classes/user rate',
      procs:
        last.gomaxprocs !== undefined
          ? 'go_sched_gomaxprocs_threads'
          : f.trace
            ? 'gctrace "P"'
            : 'assumed',
    },
    spanSec: f.spanSec,
    cycles: f.trace?.cycles ?? (last.numGC ?? 0) - (f.go[0].go.numGC ?? 0),
    notes,
  };
}

/** Kept only when it reads as a share: ticks of 10 ms over a short capture can overshoot 1. */
function availability(a: number | undefined): { cpuAvailability: number } | undefined {
  return a !== undefined && a > 0.01 ? { cpuAvailability: Math.min(1, a) } : undefined;
}

function observedSettings(f: Fit, procs: number): Settings {
  const last = f.go[f.go.length - 1];
  const gogc = last.go.gogc;
  return {
    gogc: gogc === undefined ? 100 : gogc < 0 ? 'off' : gogc,
    ...(last.go.gomemlimit === undefined ? {} : { gomemlimit: last.go.gomemlimit }),
    ...(last.cgroup?.limit === undefined ? {} : { containerLimit: last.cgroup.limit }),
    gomaxprocs: procs,
  };
}

function measuredOf(f: Fit, mem: MemoryFit): Measured {
  const cycles = counterRate(f.go, 'numGC');
  return {
    cyclesPerSec: f.trace?.cyclesPerSec ?? cycles?.rate ?? 0,
    ...(f.cpu.share === undefined ? {} : { gcCpuShare: f.cpu.share }),
    peakHeap: mem.peakHeap,
    peakGoMemory: mem.peakGoMemory,
    ...(mem.peakContainer === undefined ? {} : { peakContainer: mem.peakContainer }),
  };
}
