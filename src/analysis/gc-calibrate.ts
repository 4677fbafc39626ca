/**
 * Fits the pacer model's workload (pacer-model.ts) from a `watch` capture: the allocation rate,
 * the GC's CPU per cycle (split into a fixed and a per-byte part), the live heap, roots, the
 * runtime's and the container's memory around the heap, GOMAXPROCS and the program's own CPU,
 * each with where it came from and its spread (docs/advise.md, "Calibration"). Runtime numbers
 * come from the samples (/debug/vars, /metrics) and, when the capture has them, from
 * GODEBUG=gctrace=1 lines (`watch --gctrace`), which alone give the mark phase's wall time.
 */
import type { Sample } from '../model/series.js';
import {
  counterRate,
  cpuFromSamples,
  goSamples,
  medianOf,
  spreadOf,
  values,
  type Spread,
} from './gc-calibrate-samples.js';
import { memoryOf, type MemoryFit } from './gc-calibrate-memory.js';
import { traceCycles, traceStats, type TraceStats } from './gc-calibrate-trace.js';
import { BACKGROUND_UTILIZATION } from './pacer-constants.js';
import type { Settings, Workload } from './pacer-model.js';
import { median } from './trend.js';

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

/** Largest byte count or rate taken as real: 2^53 (8 PiB), where numbers stop being exact. */
const MAX_BYTES = 2 ** 53;

/** Why a fitted workload cannot be real (a damaged or hand-made capture), or undefined. */
function outOfRange(w: Workload): string | undefined {
  if (!Number.isInteger(w.gomaxprocs) || w.gomaxprocs < 1 || w.gomaxprocs > 1024)
    return `GOMAXPROCS ${w.gomaxprocs} out of range (1 to 1024)`;
  const bytes = {
    allocRate: w.allocRate,
    live: w.live,
    stacks: w.stacks,
    globals: w.globals,
    runtimeOverhead: w.runtimeOverhead,
  };
  for (const [k, v] of Object.entries({ ...bytes, nonGo: Math.abs(w.nonGo) }))
    if (!Number.isFinite(v) || v < 0 || v > MAX_BYTES) return `${k} ${v} out of range`;
  const ratios = {
    unusedRatio: w.unusedRatio,
    spanRatio: w.spanRatio,
    mutatorCpu: w.mutatorCpu,
    perByte: w.cost.perByte,
    fixed: w.cost.fixed,
  };
  for (const [k, v] of Object.entries(ratios))
    if (!Number.isFinite(v) || v < 0 || v > 1e6) return `${k} ${v} out of range`;
  if (
    !w.markJitter.every(Number.isFinite) ||
    (w.markCpu !== undefined && !(w.markCpu > 0 && Number.isFinite(w.markCpu)))
  )
    return 'mark phase times out of range';
  return undefined;
}

type Fit = {
  go: ReturnType<typeof goSamples>;
  trace?: TraceStats;
  alloc: { rate: number; spread: Spread };
  cpu: GcCpu;
  spanSec: number;
};

interface GcCpu {
  readonly perCycle: number;
  readonly spread: Spread;
  readonly share?: number;
  readonly mutatorCpu?: number;
  readonly cpuAvailability?: number;
  readonly source: string;
}

/** GC CPU per cycle: /cpu/classes/gc/total over NumGC when exported, else gctrace's cpu times. */
function gcCpuOf(go: Fit['go'], trace?: TraceStats): GcCpu | { error: string } {
  const s = cpuFromSamples(go);
  const traced = trace && spreadOf(trace.cpuSec);
  if (s && Number.isFinite(s.gcCpuPerCycle) && s.gcCpuPerCycle > 0)
    return {
      perCycle: s.gcCpuPerCycle,
      spread: traced ?? { low: s.gcCpuPerCycle, high: s.gcCpuPerCycle },
      share: s.gcCpuShare,
      mutatorCpu: s.mutatorCpu,
      cpuAvailability: s.cpuAvailability,
      source: '/cpu/classes/gc/total (go_cpu_classes_gc_total_cpu_seconds_total) per NumGC',
    };
  if (trace && traced)
    return { perCycle: mean(trace.cpuSec), spread: traced, source: 'gctrace "ms cpu"' };
  return {
    error:
      'no GC CPU measure: run the service with GODEBUG=gctrace=1 and watch with --gctrace FILE, or export go_cpu_classes_gc_total_cpu_seconds_total',
  };
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
      live: marked.source,
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

/**
 * The mark phase's typical wall time and its jitter, and the live heap without what marking
 * allocated: everything allocated while marking is marked (allocate-black), so each cycle's
 * marked heap is live + allocation rate x its mark time. gctrace gives both per cycle; without
 * it the mark time is estimated from the GC CPU per cycle and the CPUs it can have. The jitter
 * is cut at its 90th percentile: a single stall (the host, the watcher starting) is left out.
 */
function markOf(
  f: Fit,
  marked: Marked,
  gcCpus: number,
): { live: number; spread: Spread; jitter: number[] } {
  const t = f.trace;
  if (!t || t.markMedianSec <= 0) {
    const floating = (f.alloc.rate * f.cpu.perCycle) / gcCpus;
    const less = (x: number) => Math.max(0, x - floating);
    return {
      live: less(marked.value),
      spread: { low: less(marked.spread.low), high: less(marked.spread.high) },
      jitter: [],
    };
  }
  const lives = t.marked.map((m, i) => Math.max(0, m - f.alloc.rate * t.markSec[i]));
  const ratios = t.markSec.map((s) => s / t.markMedianSec);
  const cut = spreadOf(ratios)!.high;
  return {
    live: median(lives)!,
    spread: spreadOf(lives)!,
    jitter: ratios.map((r) => Math.min(r, cut)),
  };
}

/** Kept only when it reads as a share: ticks of 10 ms over a short capture can overshoot 1. */
function availability(a: number | undefined): { cpuAvailability: number } | undefined {
  return a !== undefined && a > 0.01 ? { cpuAvailability: Math.min(1, a) } : undefined;
}

function mean(xs: readonly number[]): number {
  return xs.reduce((a, b) => a + b, 0) / xs.length;
}

/** The marked heap: /gc/heap/live:bytes when exported, else gctrace's, else the estimate. */
interface Marked {
  readonly value: number;
  readonly spread: Spread;
  readonly source: string;
  readonly notes: string[];
}

function markedOf(f: Fit): Marked {
  const metric = values(
    f.go.filter((s) => s.go.liveSource === 'metric'),
    'live',
  );
  const [xs, source] = metric.length
    ? [metric, '/gc/heap/live:bytes (go_gc_heap_live_bytes)']
    : f.trace
      ? [f.trace.marked, 'gctrace marked heap ("->#-> MB", whole MiB)']
      : [values(f.go, 'live'), 'NextGC / (1 + GOGC/100)'];
  const notes =
    metric.length || f.trace
      ? []
      : ['live heap estimated from NextGC: it reads low under GOMEMLIMIT'];
  const spread = spreadOf(xs) ?? { low: 0, high: 0 };
  return { value: median(xs) ?? 0, spread, source, notes };
}

function rootsOf(f: Fit): { stacks: number; globals: number; source: string; notes: string[] } {
  const stacks = medianOf(f.go, (s) => s.go.stackScan);
  const globals = medianOf(f.go, (s) => s.go.globalsScan);
  if (stacks !== undefined && globals !== undefined)
    return { stacks, globals, source: '/gc/scan/stack, /gc/scan/globals', notes: [] };
  if (f.trace?.stacks !== undefined)
    return {
      stacks: f.trace.stacks,
      globals: f.trace.globals ?? 0,
      source: 'gctrace "MB stacks, MB globals"',
      notes: [],
    };
  const inuse = medianOf(f.go, (s) => s.go.stackInuse) ?? 0;
  return {
    stacks: inuse,
    globals: 0,
    source: 'StackInuse',
    notes: ['GC roots not exported: stacks from StackInuse, globals 0'],
  };
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
