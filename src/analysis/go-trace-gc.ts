/**
 * What the GC did during a Go execution trace, built event by event: the concurrent mark
 * phases, every stop-the-world pause with its reason, mark-assist time per goroutine, the
 * heap (/memory/classes/heap/objects:bytes, the runtime's heapLive) and heap goal series,
 * and the MMU curve as `go tool trace` draws it. Ranges pair as Go's reader defines them
 * (internal/trace/event.go Range: the mark phase is global, STW and assists per goroutine).
 */
import {
  kindOf,
  rangeOf,
  MARK_ASSIST,
  MARK_PHASE,
  type TraceEvent,
} from '../formats/go-trace-event.js';
import { Ev } from '../formats/go-trace-spec.js';
import { MAX_CHANGES, MutatorUtilization } from './go-trace-mmu.js';
import { MmuCurve, mmuPlot, type MmuPoint } from './go-trace-mmu-curve.js';

export interface GcCycle {
  /** ns from the trace start; 0 with startedBefore when the trace began inside the phase. */
  readonly startNs: number;
  /** Undefined when the trace ended inside the phase. */
  readonly endNs?: number;
  readonly startedBefore?: boolean;
  /** The heap (objects) and heap goal when the mark phase began, as last reported before it. */
  readonly heapBytes?: number;
  readonly goalBytes?: number;
  /** The highest heap during the mark phase. */
  readonly peakHeapBytes?: number;
  /** GC stop-the-world time (sweep and mark termination) begun inside the phase. */
  readonly stwNs: number;
  /** Mark-assist time that ended inside the phase, all goroutines together. */
  readonly assistNs: number;
}

interface OpenCycle {
  startNs: number;
  endNs?: number;
  before: boolean;
  heapBytes?: number;
  goalBytes?: number;
  peakHeapBytes?: number;
  stwNs: number;
  assistNs: number;
}

export interface StwPause {
  readonly startNs: number;
  readonly durationNs: number;
  /** The runtime's reason: "GC mark termination", "GC sweep termination", "ReadMemStats", ... */
  readonly reason: string;
  /** A GC pause (its reason names the GC), as go tool trace's MMU counts it. */
  readonly gc: boolean;
}

export interface AssistTotal {
  readonly goroutine: number;
  readonly count: number;
  readonly totalNs: number;
  readonly maxNs: number;
}

export interface HeapPoint {
  readonly ns: number;
  readonly bytes: number;
}

export interface GcTraceSummary {
  /** The trace format's Go version (22 for "go 1.22 trace"; Go 1.24 writes 23). */
  readonly traceVersion: number;
  readonly durationNs: number;
  readonly events: number;
  readonly gomaxprocs?: number;
  readonly cycles: GcCycle[];
  readonly pauses: StwPause[];
  readonly assists: AssistTotal[];
  readonly heap: HeapPoint[];
  readonly heapGoal: HeapPoint[];
  /** MMU at fixed windows, then go tool trace's 100-window plot: its numbers exactly. */
  readonly mmu: MmuPoint[];
  readonly mmuPlot: MmuPoint[];
  /**
   * MMU at fixed windows with each background mark worker counted once while it runs
   * (go tool trace counts it again at every start, so its curve drops to 0 and stops early:
   * go-trace-mmu.ts). Spans the whole trace.
   */
  readonly mmuWorkersOnce: MmuPoint[];
  /** Set when the trace ended early (truncated, damaged): what was read is summarized. */
  readonly incomplete?: string;
  /** What was left out to bound memory (the MMU of a trace with too many changes, ...). */
  readonly notes: string[];
}

/** The windows the text output shows (ns). */
export const MMU_WINDOWS = [100e3, 1e6, 10e6, 100e6, 1e9];
/** Pauses and cycles listed at most (a real 100 MB trace has a few thousand). */
const MAX_LISTED = 200_000;
/** Series are cut to at most this many points (the peak of each slice of time is kept). */
const MAX_POINTS = 2000;

export class GcTraceBuilder {
  private events = 0;
  private first: number | undefined;
  private last = 0;
  private gomaxprocs: number | undefined;
  private readonly cycles: OpenCycle[] = [];
  private open: OpenCycle | undefined;
  private heapNow: number | undefined;
  private goalNow: number | undefined;
  private readonly pauses: StwPause[] = [];
  private readonly stwOpen = new Map<number, { ns: number; cycle?: OpenCycle }>();
  private readonly assistOpen = new Map<number, number>();
  private readonly assists = new Map<number, { count: number; totalNs: number; maxNs: number }>();
  private readonly heap = new Series();
  private readonly goal = new Series();
  private readonly util = new MutatorUtilization();

  private dropped = 0;

  constructor(private readonly traceVersion: number) {}

  add(ev: TraceEvent): void {
    this.events++;
    this.first ??= ev.time;
    this.last = ev.time;
    this.util.add(ev);
    const kind = kindOf(ev);
    if (kind === 'Metric') this.metric(ev);
    else if (kind === 'RangeBegin' || kind === 'RangeActive' || kind === 'RangeEnd') {
      // Sweep ranges (one per span swept: many) are not part of the summary.
      if (ev.typ < Ev.GCSweepActive || ev.typ > Ev.GCSweepEnd) this.range(ev, kind);
    }
  }

  finish(incomplete?: string): GcTraceSummary {
    const t0 = this.first ?? 0;
    const rel = (ns: number): number => ns - t0;
    const all = this.open ? [...this.cycles, this.open] : this.cycles;
    const cycles: GcCycle[] = all.map((c) => ({
      ...closeCycle(c),
      startNs: rel(c.startNs),
      endNs: c.endNs === undefined ? undefined : rel(c.endNs),
    }));
    const series = this.util.finish();
    const curve = series ? new MmuCurve(series) : undefined;
    const once = this.util.finishWorkersOnce();
    const curveOnce = once ? new MmuCurve(once) : undefined;
    return {
      traceVersion: this.traceVersion,
      durationNs: this.last - t0,
      events: this.events,
      gomaxprocs: this.gomaxprocs,
      cycles,
      pauses: this.pauses.map((p) => ({ ...p, startNs: rel(p.startNs) })),
      assists: [...this.assists]
        .map(([goroutine, a]) => ({ goroutine, ...a }))
        .sort((a, b) => b.totalNs - a.totalNs || a.goroutine - b.goroutine),
      heap: this.heap.points(t0),
      heapGoal: this.goal.points(t0),
      mmu: curve ? atWindows(curve) : [],
      mmuPlot: curve ? mmuPlot(curve) : [],
      mmuWorkersOnce: curveOnce ? atWindows(curveOnce) : [],
      incomplete,
      notes: this.notes(),
    };
  }

  private notes(): string[] {
    const notes: string[] = [];
    if (this.util.overflow)
      notes.push(`MMU left out: more than ${MAX_CHANGES} changes of mutator utilization`);
    if (this.dropped > 0)
      notes.push(`${this.dropped} pauses and cycles after the first ${MAX_LISTED} not listed`);
    return notes;
  }

  private metric(ev: TraceEvent): void {
    const v = ev.a0;
    if (ev.typ === Ev.ProcsChange) this.gomaxprocs = v;
    else if (ev.typ === Ev.HeapAlloc) {
      this.heap.add(ev.time, v);
      this.heapNow = v;
      if (this.open) this.open.peakHeapBytes = Math.max(this.open.peakHeapBytes ?? 0, v);
    } else if (ev.typ === Ev.HeapGoal) {
      this.goal.add(ev.time, v);
      this.goalNow = v;
    }
  }

  private range(ev: TraceEvent, kind: string): void {
    const r = rangeOf(ev);
    const end = kind === 'RangeEnd';
    if (r.name === MARK_PHASE) {
      if (!end) this.markBegin(ev.time, kind === 'RangeActive');
      else {
        const open = this.open ?? this.newCycle(this.first ?? ev.time, true);
        open.endNs = ev.time;
        if (this.cycles.length < MAX_LISTED) this.cycles.push(open);
        else this.dropped++;
        this.open = undefined;
      }
    } else if (r.name === MARK_ASSIST) {
      if (!end) this.assistOpen.set(r.id, ev.time);
      else this.assistEnd(r.id, ev.time);
    } else if (ev.typ === Ev.STWBegin) this.stwOpen.set(r.id, { ns: ev.time, cycle: this.open });
    else if (ev.typ === Ev.STWEnd) {
      const begun = this.stwOpen.get(r.id);
      if (begun === undefined) return;
      const start = begun.ns;
      this.stwOpen.delete(r.id);
      const reason = r.name.slice('stop-the-world ('.length, -1);
      if (this.pauses.length >= MAX_LISTED) {
        this.dropped++;
        return;
      }
      this.pauses.push({
        startNs: start,
        durationNs: ev.time - start,
        reason,
        gc: reason.includes('GC'),
      });
      if (reason.includes('GC') && begun.cycle) begun.cycle.stwNs += ev.time - start;
    }
  }

  private newCycle(startNs: number, before: boolean): OpenCycle {
    const heap = this.heapNow;
    return {
      startNs,
      before,
      heapBytes: heap,
      goalBytes: this.goalNow,
      peakHeapBytes: heap,
      stwNs: 0,
      assistNs: 0,
    };
  }

  private markBegin(ns: number, before: boolean): void {
    this.open = this.newCycle(ns, before);
  }

  private assistEnd(g: number, ns: number): void {
    const start = this.assistOpen.get(g);
    if (start === undefined) return;
    this.assistOpen.delete(g);
    const d = ns - start;
    if (this.open) this.open.assistNs += d;
    const a = this.assists.get(g);
    if (a) {
      a.count++;
      a.totalNs += d;
      a.maxNs = Math.max(a.maxNs, d);
    } else this.assists.set(g, { count: 1, totalNs: d, maxNs: d });
  }
}

/** The MMU at the fixed windows that fit in the function's span. */
function atWindows(c: MmuCurve): MmuPoint[] {
  return MMU_WINDOWS.filter((w) => w <= c.duration).map((w) => ({ windowNs: w, mmu: c.mmu(w) }));
}

function closeCycle(c: OpenCycle): GcCycle {
  return {
    startNs: c.startNs,
    endNs: c.endNs,
    startedBefore: c.before || undefined,
    heapBytes: c.heapBytes,
    goalBytes: c.goalBytes,
    peakHeapBytes: c.peakHeapBytes,
    stwNs: c.stwNs,
    assistNs: c.assistNs,
  };
}

/**
 * A time series kept at most 2 x MAX_POINTS points as it arrives (heap events come by the
 * million): each slice of time keeps its peak, and slices double in width when full.
 */
class Series {
  private ns: number[] = [];
  private values: number[] = [];
  private width = 1e6;
  private t0: number | undefined;

  /** Where the slice of the last point ends. */
  private sliceEnd = -Infinity;

  add(ns: number, value: number): void {
    const n = this.ns.length;
    if (ns < this.sliceEnd) {
      if (value > this.values[n - 1]) {
        this.ns[n - 1] = ns;
        this.values[n - 1] = value;
      }
      return;
    }
    this.t0 ??= ns;
    this.ns.push(ns);
    this.values.push(value);
    if (this.ns.length > 2 * MAX_POINTS) this.coarsen();
    this.sliceEnd = this.endOfSlice(this.ns[this.ns.length - 1]);
  }

  private endOfSlice(ns: number): number {
    const t0 = this.t0 ?? ns;
    return t0 + (Math.floor((ns - t0) / this.width) + 1) * this.width;
  }

  /** Doubles the slice width, merging the points that now share a slice. */
  private coarsen(): void {
    this.width *= 2;
    const ns: number[] = [];
    const values: number[] = [];
    const t0 = this.t0 ?? 0;
    for (let i = 0; i < this.ns.length; i++) {
      const k = ns.length - 1;
      const same =
        k >= 0 &&
        Math.floor((ns[k] - t0) / this.width) === Math.floor((this.ns[i] - t0) / this.width);
      if (!same) {
        ns.push(this.ns[i]);
        values.push(this.values[i]);
      } else if (this.values[i] > values[k]) {
        ns[k] = this.ns[i];
        values[k] = this.values[i];
      }
    }
    this.ns = ns;
    this.values = values;
  }

  points(t0: number): HeapPoint[] {
    while (this.ns.length > MAX_POINTS) this.coarsen();
    if (this.ns.length > 0) this.sliceEnd = this.endOfSlice(this.ns[this.ns.length - 1]);
    return this.ns.map((ns, i) => ({ ns: ns - t0, bytes: this.values[i] }));
  }
}
