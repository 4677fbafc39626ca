/**
 * The summary of a gctrace log, added up one line at a time (a log can be far larger than
 * what is kept of it): cycles, forced cycles, GC CPU from the cpu fields, heap before/after/
 * goal, stop-the-world pauses and the scavenger's lines.
 *
 * GC CPU follows the runtime's own bookkeeping (runtime/mgc.go gcMarkTermination, Go >= 1.21):
 * a cycle's GC time is sweep termination + mark assist + background mark + mark termination;
 * idle mark is left out ("free": it runs on Ps that had nothing else to do). The share is that
 * time over wall time x GOMAXPROCS, from the program's start (`@0s`) when the log starts at
 * cycle 1, else from its first cycle. The runtime's own `#%` field (whole percent, since the
 * start) is kept to compare; it can be lower, because since Go 1.22 the runtime counts the time
 * spent stopping the world only for the Ps that were stopped (stoppingCPUTime), while the
 * printed sweep-termination CPU is that whole wall time x the Ps. A log holding several runs
 * (a container restarted: cycle numbers start again) adds the runs' wall times up.
 */
import type { GcCycle, GctraceLine, ScavLine } from '../formats/gctrace.js';

export interface HeapFieldSummary {
  readonly maxMiB: number;
  readonly lastMiB: number;
  readonly meanMiB: number;
}

export interface GctraceSummary {
  readonly cycles: number;
  readonly forced: number;
  /** Cycle numbers that are not there between the first and the last (lines lost). */
  readonly missingCycles: number;
  /** Times the cycle numbers (or the clock) started again: the program restarted. */
  readonly restarts: number;
  readonly firstCycle?: number;
  readonly lastCycle?: number;
  /** Seconds since the program started, at the first cycle's start and the last cycle's end. */
  readonly fromSec?: number;
  readonly toSec?: number;
  readonly procs?: number;
  /** GC CPU (idle mark left out) over wall x GOMAXPROCS; undefined with no time elapsed. */
  readonly gcCpuShare?: number;
  /** The runtime's own figure on the last line (whole percent). */
  readonly runtimeCpuPercent?: number;
  /** CPU ms over all cycles per phase. */
  readonly cpuMs: {
    readonly stw: number;
    readonly assist: number;
    readonly background: number;
    readonly idle: number;
  };
  readonly heapStart?: HeapFieldSummary;
  readonly heapEnd?: HeapFieldSummary;
  readonly heapLive?: HeapFieldSummary;
  readonly goal?: HeapFieldSummary;
  /** Stop-the-world wall time per cycle: sweep termination + mark termination. */
  readonly pauses: {
    readonly totalMs: number;
    readonly maxMs: number;
    readonly maxCycle?: number;
    readonly meanMs: number;
  };
  readonly scavenger: {
    readonly lines: number;
    readonly forced: number;
    readonly bgKiB: number;
    readonly eagerKiB: number;
    /** `KiB now` on the last line: what the heap holds released to the OS. */
    readonly lastReleasedKiB?: number;
  };
}

class FieldSum {
  max = 0;
  last = 0;
  sum = 0;
  add(v: number) {
    this.max = Math.max(this.max, v);
    this.last = v;
    this.sum += v;
  }
  result(n: number): HeapFieldSummary | undefined {
    return n === 0 ? undefined : { maxMiB: this.max, lastMiB: this.last, meanMiB: this.sum / n };
  }
}

export class GctraceSummer {
  private n = 0;
  private forced = 0;
  private missing = 0;
  private restarts = 0;
  private first?: GcCycle;
  private last?: GcCycle;
  private gcCpuMs = 0;
  /** Wall ms x GOMAXPROCS of the runs before the current one, and where the current began. */
  private earlierRunsMs = 0;
  private runFromSec = 0;
  private readonly cpu = { stw: 0, assist: 0, background: 0, idle: 0 };
  private readonly heap = [new FieldSum(), new FieldSum(), new FieldSum(), new FieldSum()];
  private pauseTotal = 0;
  private pauseMax = 0;
  private pauseMaxCycle?: number;
  private readonly scav = { lines: 0, forced: 0, bgKiB: 0, eagerKiB: 0 } as {
    lines: number;
    forced: number;
    bgKiB: number;
    eagerKiB: number;
    lastReleasedKiB?: number;
  };

  add(line: GctraceLine): void {
    if (line.kind === 'gc') this.cycle(line);
    else this.scavenge(line);
  }

  private cycle(c: GcCycle): void {
    this.n++;
    if (c.forced) this.forced++;
    const last = this.last;
    if (!last || c.n <= last.n || c.atSec < last.atSec) {
      if (last) {
        this.earlierRunsMs += this.runMs(last);
        this.restarts++;
      }
      this.runFromSec = c.n === 1 ? 0 : c.atSec;
    } else if (c.n > last.n + 1) this.missing += c.n - last.n - 1;
    this.first ??= c;
    this.last = c;
    const { sweepTerm, assist, background, idle, markTerm } = c.cpuMs;
    this.gcCpuMs += sweepTerm + assist + background + markTerm;
    this.cpu.stw += sweepTerm + markTerm;
    this.cpu.assist += assist;
    this.cpu.background += background;
    this.cpu.idle += idle;
    [c.heapStartMiB, c.heapEndMiB, c.heapLiveMiB, c.goalMiB].forEach((v, i) => this.heap[i].add(v));
    const pause = c.clockMs.sweepTerm + c.clockMs.markTerm;
    this.pauseTotal += pause;
    if (pause > this.pauseMax || this.pauseMaxCycle === undefined) {
      this.pauseMax = pause;
      this.pauseMaxCycle = c.n;
    }
  }

  /** The current run's wall ms x GOMAXPROCS, up to the end of `last`. */
  private runMs(last: GcCycle): number {
    return (last.atSec + sumOf(last.clockMs) / 1000 - this.runFromSec) * 1000 * last.procs;
  }

  private scavenge(s: ScavLine): void {
    this.scav.lines++;
    if (s.forced) this.scav.forced++;
    this.scav.bgKiB += s.bgKiB;
    this.scav.eagerKiB += s.eagerKiB;
    this.scav.lastReleasedKiB = s.releasedKiB;
  }

  result(): GctraceSummary {
    const { first, last, n } = this;
    const [heapStart, heapEnd, heapLive, goal] = this.heap.map((h) => h.result(n));
    const toSec = last && last.atSec + sumOf(last.clockMs) / 1000;
    const fromSec = first && (first.n === 1 ? 0 : first.atSec);
    const pWallMs = last ? this.earlierRunsMs + this.runMs(last) : 0;
    // Sums of the printed values (at most 3 decimals) lose their float noise.
    const ms3 = (v: number) => Math.round(v * 1000) / 1000;
    return {
      cycles: n,
      forced: this.forced,
      missingCycles: this.missing,
      restarts: this.restarts,
      firstCycle: first?.n,
      lastCycle: last?.n,
      fromSec,
      toSec: toSec === undefined ? undefined : Math.round(toSec * 1e6) / 1e6,
      procs: last?.procs,
      gcCpuShare: pWallMs > 0 ? this.gcCpuMs / pWallMs : undefined,
      runtimeCpuPercent: last?.cpuPercent,
      cpuMs: {
        stw: ms3(this.cpu.stw),
        assist: ms3(this.cpu.assist),
        background: ms3(this.cpu.background),
        idle: ms3(this.cpu.idle),
      },
      heapStart,
      heapEnd,
      heapLive,
      goal,
      pauses: {
        totalMs: ms3(this.pauseTotal),
        maxMs: this.pauseMax,
        maxCycle: this.pauseMaxCycle,
        meanMs: n === 0 ? 0 : this.pauseTotal / n,
      },
      scavenger: { ...this.scav },
    };
  }
}

function sumOf(o: Readonly<Record<string, number>>): number {
  return Object.values(o).reduce((a, b) => a + b, 0);
}
