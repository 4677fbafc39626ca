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
import { MutatorUtilization } from './go-trace-mmu.js';
import { MmuCurve, mmuPlot, type MmuPoint } from './go-trace-mmu-curve.js';

export interface GcCycle {
  /** ns from the trace start; 0 with startedBefore when the trace began inside the phase. */
  readonly startNs: number;
  /** Undefined when the trace ended inside the phase. */
  readonly endNs?: number;
  readonly startedBefore?: boolean;
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
  /** MMU at fixed windows, then go tool trace's 100-window plot. */
  readonly mmu: MmuPoint[];
  readonly mmuPlot: MmuPoint[];
  /** Set when the trace ended early (truncated, damaged): what was read is summarized. */
  readonly incomplete?: string;
}

/** The windows the text output shows (ns). */
export const MMU_WINDOWS = [100e3, 1e6, 10e6, 100e6, 1e9];
/** Series are cut to at most this many points (the peak of each slice of time is kept). */
const MAX_POINTS = 2000;

export class GcTraceBuilder {
  private events = 0;
  private first: number | undefined;
  private last = 0;
  private gomaxprocs: number | undefined;
  private readonly cycles: GcCycle[] = [];
  private markStart: { ns: number; before: boolean } | undefined;
  private readonly pauses: StwPause[] = [];
  private readonly stwOpen = new Map<number, number>();
  private readonly assistOpen = new Map<number, number>();
  private readonly assists = new Map<number, { count: number; totalNs: number; maxNs: number }>();
  private readonly heap = new Series();
  private readonly goal = new Series();
  private readonly util = new MutatorUtilization();

  constructor(private readonly traceVersion: number) {}

  add(ev: TraceEvent): void {
    this.events++;
    this.first ??= ev.time;
    this.last = ev.time;
    this.util.add(ev);
    const kind = kindOf(ev);
    if (kind === 'Metric') this.metric(ev);
    else if (kind === 'RangeBegin' || kind === 'RangeActive' || kind === 'RangeEnd')
      this.range(ev, kind);
  }

  finish(incomplete?: string): GcTraceSummary {
    const t0 = this.first ?? 0;
    const rel = (ns: number): number => ns - t0;
    const cycles: GcCycle[] = this.cycles.map((c) => ({
      ...c,
      startNs: rel(c.startNs),
      endNs: c.endNs === undefined ? undefined : rel(c.endNs),
    }));
    if (this.markStart)
      cycles.push({
        startNs: rel(this.markStart.ns),
        startedBefore: this.markStart.before || undefined,
      });
    const series = this.util.finish();
    const curve = series ? new MmuCurve(series) : undefined;
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
      mmu: curve
        ? MMU_WINDOWS.filter((w) => w <= curve.duration).map((w) => ({
            windowNs: w,
            mmu: curve.mmu(w),
          }))
        : [],
      mmuPlot: curve ? mmuPlot(curve) : [],
      incomplete,
    };
  }

  private metric(ev: TraceEvent): void {
    if (ev.typ === Ev.ProcsChange) this.gomaxprocs = ev.args[0];
    else if (ev.typ === Ev.HeapAlloc) this.heap.add(ev.time, ev.args[0]);
    else if (ev.typ === Ev.HeapGoal) this.goal.add(ev.time, ev.args[0]);
  }

  private range(ev: TraceEvent, kind: string): void {
    const r = rangeOf(ev);
    const end = kind === 'RangeEnd';
    if (r.name === MARK_PHASE) {
      if (!end) this.markStart = { ns: ev.time, before: kind === 'RangeActive' };
      else {
        const start = this.markStart ?? { ns: this.first ?? ev.time, before: true };
        this.cycles.push({
          startNs: start.ns,
          endNs: ev.time,
          startedBefore: start.before || undefined,
        });
        this.markStart = undefined;
      }
    } else if (r.name === MARK_ASSIST) {
      if (!end) this.assistOpen.set(r.id, ev.time);
      else this.assistEnd(r.id, ev.time);
    } else if (ev.typ === Ev.STWBegin) this.stwOpen.set(r.id, ev.time);
    else if (ev.typ === Ev.STWEnd) {
      const start = this.stwOpen.get(r.id);
      if (start === undefined) return;
      this.stwOpen.delete(r.id);
      const reason = r.name.slice('stop-the-world ('.length, -1);
      this.pauses.push({
        startNs: start,
        durationNs: ev.time - start,
        reason,
        gc: reason.includes('GC'),
      });
    }
  }

  private assistEnd(g: number, ns: number): void {
    const start = this.assistOpen.get(g);
    if (start === undefined) return;
    this.assistOpen.delete(g);
    const d = ns - start;
    const a = this.assists.get(g);
    if (a) {
      a.count++;
      a.totalNs += d;
      a.maxNs = Math.max(a.maxNs, d);
    } else this.assists.set(g, { count: 1, totalNs: d, maxNs: d });
  }
}

/** A time series kept whole, handed out cut to MAX_POINTS slices (the peak of each). */
class Series {
  private readonly ns: number[] = [];
  private readonly values: number[] = [];

  add(ns: number, value: number): void {
    this.ns.push(ns);
    this.values.push(value);
  }

  points(t0: number): HeapPoint[] {
    const n = this.ns.length;
    if (n <= MAX_POINTS) return this.ns.map((ns, i) => ({ ns: ns - t0, bytes: this.values[i] }));
    const out: HeapPoint[] = [];
    const step = n / MAX_POINTS;
    for (let b = 0; b < MAX_POINTS; b++) {
      let best = Math.floor(b * step);
      const end = Math.min(n, Math.floor((b + 1) * step));
      for (let i = best; i < end; i++) if (this.values[i] > this.values[best]) best = i;
      out.push({ ns: this.ns[best] - t0, bytes: this.values[best] });
    }
    return out;
  }
}
