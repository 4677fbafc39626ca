/**
 * The execution traces watch took on triggers, read for the report: per trace, the GC
 * summary as `gomemlens trace gc` prints it, the heap and goal over the trace's seconds and
 * every stop-the-world pause and mark phase, as chart columns in wall-clock seconds. The last
 * traces of a capture are the GC's last seconds before the end (or the kill).
 */
import type { GcTraceSummary } from '../../analysis/go-trace-gc.js';
import { summarizeGcTrace } from '../../analysis/go-trace-summary.js';
import type { ProfileRecord } from '../../formats/capture.js';
import { decodeBase64 } from '../../formats/base64.js';
import type { Columns } from './downsample.js';
import { renderTraceGcText } from '../trace-gc-text.js';

export interface ReportGcTrace {
  /** When the trace ended (the fetch came back), ms since the epoch. */
  readonly t: number;
  readonly reason: string;
  /** The trace gc text; or why the trace could not be read. */
  readonly text: string;
  readonly error?: string;
  /** heap and goal (bytes) over time. */
  readonly heap: Columns;
  /** pauseMs at each pause's start; markMs at each mark phase's start. */
  readonly pauses: Columns;
}

const EMPTY: Columns = { t: [], series: {} };

/** The last `max` traces of a capture, read (a broken one says why). */
export function reportGcTraces(all: readonly ProfileRecord[], max = 3): ReportGcTrace[] {
  return all
    .filter((p) => p.kind === 'trace')
    .slice(-max)
    .map((p) => {
      try {
        const s = summarizeGcTrace(decodeBase64(p.data));
        // The trace ran up to t: its time 0 is t minus its duration.
        const t0 = p.t / 1000 - s.durationNs / 1e9;
        return {
          t: p.t,
          reason: p.reason,
          text: renderTraceGcText(s, { cycles: 30 }),
          heap: heapColumns(s, t0),
          pauses: pauseColumns(s, t0),
        };
      } catch (err) {
        const error = (err as Error).message;
        return { t: p.t, reason: p.reason, text: '', error, heap: EMPTY, pauses: EMPTY };
      }
    });
}

/** Heap and goal on one time axis: each carries its last value forward (both are steps). */
function heapColumns(s: GcTraceSummary, t0: number): Columns {
  const points = [
    ...s.heap.map((p) => ({ ns: p.ns, heap: p.bytes })),
    ...s.heapGoal.map((p) => ({ ns: p.ns, goal: p.bytes })),
  ].sort((a, b) => a.ns - b.ns);
  const t: number[] = [];
  const heap: (number | null)[] = [];
  const goal: (number | null)[] = [];
  let h: number | null = null;
  let g: number | null = null;
  for (const p of points) {
    if ('heap' in p) h = p.heap;
    if ('goal' in p) g = p.goal;
    t.push(t0 + p.ns / 1e9);
    heap.push(h);
    goal.push(g);
  }
  return { t, series: { heap, goal } };
}

function pauseColumns(s: GcTraceSummary, t0: number): Columns {
  const events = [
    ...s.pauses.map((p) => ({ ns: p.startNs, pauseMs: p.durationNs / 1e6, markMs: null })),
    ...s.cycles
      .filter((c) => c.endNs !== undefined)
      .map((c) => ({ ns: c.startNs, pauseMs: null, markMs: ((c.endNs ?? 0) - c.startNs) / 1e6 })),
  ].sort((a, b) => a.ns - b.ns);
  return {
    t: events.map((e) => t0 + e.ns / 1e9),
    series: { pauseMs: events.map((e) => e.pauseMs), markMs: events.map((e) => e.markMs) },
  };
}
