/**
 * Minimum mutator utilization (MMU) from a Go execution trace, as `go tool trace` computes it
 * on its /mmu page with the default boxes (STW, background workers, mark assists; one
 * function for the whole program, each P weighing 1/GOMAXPROCS). A port of
 * $GOROOT/src/internal/trace/gc.go: MutatorUtilizationV2 (fed event by event) and
 * MMUCurve.MMU (bands, integrators and the band heap), and of the window choice of
 * internal/trace/traceviewer/mmu.go HandlePlot.
 */
import {
  executing,
  kindOf,
  metricOf,
  rangeOf,
  transitionGoroutine,
  transitionOf,
  type TraceEvent,
} from '../formats/go-trace-event.js';
import { Ev } from '../formats/go-trace-spec.js';

/** Changes of utilization kept at most (16 bytes each): a busy 100 MB trace has ~1 million. */
export const MAX_CHANGES = 8_000_000;

/** A step function: from times[i] on, utilization is utils[i] (0..1). */
export interface UtilSeries {
  readonly times: number[];
  readonly utils: number[];
}

/**
 * One utilization function being built: per P the GC work under way on it (gcPs counts the
 * Ps with some), and the function's changes.
 */
class Counter {
  readonly times: number[] = [];
  readonly utils: number[] = [];
  ps: number[] = [];
  gcPs = 0;
  /** Set when the function had more changes than MAX_CHANGES (it is then not kept). */
  overflow = false;

  constructor(readonly workersOnce: boolean) {}

  resize(n: number, time: number): void {
    if (this.ps.length > n) {
      for (const gc of this.ps.slice(n)) if (gc > 0) this.gcPs--;
      this.ps = this.ps.slice(0, n);
    }
    while (this.ps.length < n) {
      if (this.times.length === 0 && !this.overflow) this.add(time, 1, true);
      this.ps.push(0);
    }
  }

  bump(p: number, by: number): void {
    if (p < 0 || p >= this.ps.length) return;
    const was = this.ps[p] > 0;
    this.ps[p] += by;
    if (was !== this.ps[p] > 0) this.gcPs += was ? -1 : 1;
  }

  /** gc.go addUtil: drop repeats; at one time stamp keep the lowest. */
  add(time: number, util: number, force = false): void {
    const n = this.times.length;
    if (n > 0 && !force) {
      if (util === this.utils[n - 1]) return;
      if (time === this.times[n - 1]) {
        if (util < this.utils[n - 1]) this.utils[n - 1] = util;
        return;
      }
    }
    if (n >= MAX_CHANGES) {
      this.overflow = true;
      this.times.length = 0;
      this.utils.length = 0;
      this.ps = [];
      return;
    }
    this.times.push(time);
    this.utils.push(util);
  }

  /** Takes 1/GOMAXPROCS off every point so far (an assist under way since the start). */
  lower(procs: readonly { time: number; n: number }[]): void {
    const { times, utils } = this;
    let pi = 0;
    for (let mi = 0; mi < times.length;) {
      if (pi < procs.length - 1 && procs[pi + 1].time < times[mi]) {
        pi++;
        continue;
      }
      utils[mi] = Math.max(0, utils[mi] - 1 / procs[pi].n);
      mi++;
    }
  }

  series(lastTime: number): UtilSeries | undefined {
    if (this.overflow || this.times.length === 0) return undefined;
    const force = this.workersOnce && lastTime > this.times[this.times.length - 1];
    this.add(lastTime, 0, force);
    return { times: this.times, utils: this.utils };
  }
}

/**
 * gc.go MutatorUtilizationV2 with UtilSTW|UtilBackground|UtilAssist, one event at a time,
 * building two functions in the same pass: go tool trace's, and one with each background
 * mark worker counted once while it runs. gc.go counts a worker at its GoStart (known
 * worker) and again at the "GC (...)" label the runtime emits right after every start
 * (runtime/traceruntime.go GoStart), but takes it off once at its stop: the count only
 * grows, and from the first worker's second run its function sticks at 0 (and ends there).
 */
export class MutatorUtilization {
  private stw = 0;
  private readonly goTool = new Counter(false);
  private readonly once = new Counter(true);
  private readonly counters = [this.goTool, this.once];
  private procs: { time: number; n: number }[] = [];
  private readonly inGC = new Set<number>();
  private readonly bgMark = new Set<number>();
  private readonly states = new Map<number, number>();
  private nSync = 0;
  private lastTime: number | undefined;

  /** True when a function had too many changes to keep (MAX_CHANGES). */
  get overflow(): boolean {
    return this.goTool.overflow || this.once.overflow;
  }

  add(ev: TraceEvent): void {
    this.lastTime = ev.time;
    const kind = kindOf(ev);
    if (kind === 'Sync') this.nSync = ev.a0;
    else if (kind === 'Metric' && ev.typ === Ev.ProcsChange) this.gomaxprocs(ev);
    // Nothing counts before GOMAXPROCS is known (it comes first in practice).
    if (this.procs.length === 0) return;
    switch (kind) {
      case 'RangeActive':
        // After a whole generation, active ranges only repeat what is known.
        if (this.nSync > 1) break;
        this.activeAtStart(ev);
        this.rangeBegin(ev);
        break;
      case 'RangeBegin':
        this.rangeBegin(ev);
        break;
      case 'RangeEnd':
        this.rangeEnd(ev);
        break;
      case 'StateTransition':
        this.transition(ev);
        break;
      case 'Label':
        this.label(ev);
        break;
    }
    this.step(this.goTool, ev.time);
    this.step(this.once, ev.time);
  }

  /** The utilization now, recorded when it changed (the common case: it did not). */
  private step(c: Counter, time: number): void {
    const n = c.ps.length;
    if (n === 0) return;
    const util = 1 - (this.stw > 0 ? n : c.gcPs) / n;
    if (util !== c.utils[c.utils.length - 1]) c.add(time, util);
  }

  /** go tool trace's function, ended with 0 utilization at the last event. */
  finish(): UtilSeries | undefined {
    return this.lastTime === undefined ? undefined : this.goTool.series(this.lastTime);
  }

  /** The function with each mark worker counted once; it spans the whole trace. */
  finishWorkersOnce(): UtilSeries | undefined {
    return this.lastTime === undefined ? undefined : this.once.series(this.lastTime);
  }

  private bump(p: number, by: number): void {
    this.goTool.bump(p, by);
    this.once.bump(p, by);
  }

  private gomaxprocs(ev: TraceEvent): void {
    const n = metricOf(ev).value;
    for (const c of this.counters) if (!c.overflow) c.resize(n, ev.time);
    const last = this.procs[this.procs.length - 1];
    if (!last || last.n !== n) this.procs.push({ time: ev.time, n });
  }

  /** A mark assist under way since before the trace: take 1/GOMAXPROCS off until now. */
  private activeAtStart(ev: TraceEvent): void {
    if (ev.typ !== Ev.GCMarkAssistActive) return; // sweep is not counted (no UtilSweep)
    if (!executing(this.states.get(ev.g) ?? 0)) return;
    for (const c of this.counters) c.lower(this.procs);
  }

  private isGcStw(ev: TraceEvent): boolean {
    if (ev.typ !== Ev.STWBegin && ev.typ !== Ev.STWEnd) return false;
    return rangeOf(ev).name.includes('GC');
  }

  private isAssist(ev: TraceEvent): boolean {
    return ev.typ >= Ev.GCMarkAssistActive && ev.typ <= Ev.GCMarkAssistEnd;
  }

  private rangeBegin(ev: TraceEvent): void {
    if (this.isGcStw(ev)) this.stw++;
    else if (this.isAssist(ev)) {
      this.bump(ev.p, 1);
      const g = rangeOf(ev).id;
      if (g !== -1) this.inGC.add(g);
    }
  }

  private rangeEnd(ev: TraceEvent): void {
    if (this.isGcStw(ev)) this.stw--;
    else if (this.isAssist(ev)) {
      this.bump(ev.p, -1);
      const g = rangeOf(ev).id;
      if (g !== -1) this.inGC.delete(g);
    }
  }

  private transition(ev: TraceEvent): void {
    const g = transitionGoroutine(ev);
    if (g === -2) return;
    const tracked = this.inGC.has(g) || this.bgMark.has(g);
    // The states are read only in the first generation (activeAtStart): past it, only the
    // goroutines doing GC work matter.
    if (!tracked && this.nSync > 1) return;
    const t = transitionOf(ev);
    if (tracked) {
      const was = executing(t.from);
      const is = executing(t.to);
      if (!was && is) this.bump(ev.p, 1);
      else if (was && !is) this.bump(ev.p, -1);
    }
    if (this.nSync <= 1) this.states.set(g, t.to);
  }

  /** Background mark workers label themselves "GC (dedicated)", "GC (fractional)", "GC (idle)". */
  private label(ev: TraceEvent): void {
    const l = ev.str(0);
    if (!l.startsWith('GC ') || l === 'GC (idle)') return;
    const known = this.bgMark.has(ev.g);
    this.bgMark.add(ev.g);
    this.goTool.bump(ev.p, 1);
    if (!known) this.once.bump(ev.p, 1);
  }
}
