/**
 * The report's GC cycle charts, from the GODEBUG=gctrace=1 lines in the capture (watch -- CMD,
 * watch --gctrace FILE): per cycle, the heap at its start, at its end, marked live and its goal
 * (whole MiB as the runtime prints them), and the CPU of its phases (mark assist, background
 * and idle mark, the two stop-the-world phases). The x axis is the cycle's start in seconds
 * since the program started (`@#s`), so the points are exact, not aligned to ticks.
 */
import { GctraceReader, type GcCycle } from '../../formats/gctrace.js';
import type { Capture } from '../../formats/capture.js';
import { MiB } from '../../model/units.js';
import { downsample, type Columns } from './downsample.js';

export interface GcCycleCharts {
  readonly cycles: number;
  readonly forced: number;
  /** Bytes (the runtime's whole MiB x 2^20). */
  readonly heap: Columns;
  /** Milliseconds of CPU per cycle. */
  readonly cpu: Columns;
  readonly notes: readonly string[];
}

export function gcCycleCharts(c: Capture, buckets: number): GcCycleCharts | undefined {
  const reader = new GctraceReader();
  for (const rec of c.gctrace) for (const line of rec.lines) reader.line(line);
  const notes: string[] = [];
  const all = reader.result().cycles;
  const cycles = lastRun(all);
  if (cycles.length < all.length)
    notes.push(`the program restarted: the GC charts show its last run (${cycles.length} cycles)`);
  if (cycles.length === 0) return undefined;
  const times = cycles.map((x) => x.atSec * 1000);
  const col = (f: (x: GcCycle) => number) => cycles.map(f);
  return {
    cycles: cycles.length,
    forced: cycles.filter((x) => x.forced).length,
    heap: downsample(
      times,
      {
        heapStart: col((x) => x.heapStartMiB * MiB),
        heapEnd: col((x) => x.heapEndMiB * MiB),
        heapLive: col((x) => x.heapLiveMiB * MiB),
        goal: col((x) => x.goalMiB * MiB),
      },
      buckets,
    ),
    cpu: downsample(
      times,
      {
        assist: col((x) => x.cpuMs.assist),
        background: col((x) => x.cpuMs.background),
        idle: col((x) => x.cpuMs.idle),
        stw: col((x) => x.cpuMs.sweepTerm + x.cpuMs.markTerm),
      },
      buckets,
    ),
    notes,
  };
}

/** The cycles after the last restart (cycle numbers or the clock going back), each once. */
function lastRun(cycles: readonly GcCycle[]): GcCycle[] {
  let start = 0;
  for (let i = 1; i < cycles.length; i++)
    if (cycles[i].n < cycles[i - 1].n || cycles[i].atSec < cycles[i - 1].atSec) start = i;
  const run = cycles.slice(start);
  // The same cycle read twice (a log reopened after rotation): keep one.
  return run.filter((x, i) => i === 0 || x.n !== run[i - 1].n);
}
