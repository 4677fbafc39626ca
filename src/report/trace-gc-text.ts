/**
 * The text of `gomemlens trace gc`: what the GC did during an execution trace (cycles, pauses
 * by reason, assists by goroutine, MMU) and the timeline of its last cycles.
 */
import type { GcCycle, GcTraceSummary, StwPause } from '../analysis/go-trace-gc.js';
import { formatBytes } from '../model/units.js';
import { sanitize } from './style.js';

/** Nanoseconds for people: 850ns, 12.3µs, 4.56ms, 1.20s. */
export function formatNs(ns: number): string {
  const three = (v: number): string =>
    v
      .toPrecision(3)
      .replace(/(\.\d*?)0+$/, '$1')
      .replace(/\.$/, '');
  if (ns < 1e3) return `${Math.round(ns)}ns`;
  if (ns < 1e6) return `${three(ns / 1e3)}µs`;
  if (ns < 1e9) return `${three(ns / 1e6)}ms`;
  return `${three(ns / 1e9)}s`;
}

function pct(part: number, whole: number): string {
  return whole > 0 ? `${((100 * part) / whole).toFixed(1)}%` : '-';
}

function table(rows: string[][]): string[] {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  return rows.map(
    (r) =>
      '  ' + r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  '),
  );
}

function header(s: GcTraceSummary): string[] {
  const procs = s.gomaxprocs === undefined ? '' : `, GOMAXPROCS ${s.gomaxprocs}`;
  const lines = [
    `Go execution trace (go 1.${s.traceVersion} format): ${formatNs(s.durationNs)}, ${s.events} events${procs}`,
  ];
  if (s.incomplete)
    lines.push(`incomplete: ${sanitize(s.incomplete)}; the numbers cover what was read`);
  for (const n of s.notes) lines.push(`note: ${n}`);
  return lines;
}

function cyclesPart(s: GcTraceSummary): string[] {
  const closed = s.cycles.filter((c) => c.endNs !== undefined);
  const markNs = closed.reduce((sum, c) => sum + ((c.endNs ?? 0) - c.startNs), 0);
  const longest = Math.max(0, ...closed.map((c) => (c.endNs ?? 0) - c.startNs));
  const open = s.cycles.length - closed.length;
  return [
    '',
    `GC: ${s.cycles.length} mark phases${open ? ` (${open} still running at the end)` : ''}, ` +
      `marking ${formatNs(markNs)} (${pct(markNs, s.durationNs)} of the trace), longest ${formatNs(longest)}`,
  ];
}

function pausesPart(pauses: readonly StwPause[], durationNs: number): string[] {
  if (pauses.length === 0) return ['', 'Stop-the-world pauses: none'];
  const byReason = new Map<string, StwPause[]>();
  for (const p of pauses) byReason.set(p.reason, [...(byReason.get(p.reason) ?? []), p]);
  const total = pauses.reduce((sum, p) => sum + p.durationNs, 0);
  const rows = [['reason', 'count', 'total', 'longest']];
  for (const [reason, list] of [...byReason].sort((a, b) => b[1].length - a[1].length)) {
    const sum = list.reduce((t, p) => t + p.durationNs, 0);
    const max = Math.max(...list.map((p) => p.durationNs));
    rows.push([sanitize(reason), String(list.length), formatNs(sum), formatNs(max)]);
  }
  return [
    '',
    `Stop-the-world pauses: ${pauses.length}, ${formatNs(total)} in all (${pct(total, durationNs)} of the trace)`,
    ...table(rows),
  ];
}

function assistsPart(s: GcTraceSummary, top: number): string[] {
  if (s.assists.length === 0) return ['', 'Mark assists: none'];
  const total = s.assists.reduce((t, a) => t + a.totalNs, 0);
  const count = s.assists.reduce((t, a) => t + a.count, 0);
  const rows = [['goroutine', 'assists', 'total', 'longest']];
  for (const a of s.assists.slice(0, top))
    rows.push([String(a.goroutine), String(a.count), formatNs(a.totalNs), formatNs(a.maxNs)]);
  const more = s.assists.length > top ? [`  ... ${s.assists.length - top} more goroutines`] : [];
  return [
    '',
    `Mark assists: ${formatNs(total)} in ${count} assists by ${s.assists.length} goroutines ` +
      '(allocating goroutines drafted to mark: their own work waits)',
    ...table(rows),
    ...more,
  ];
}

function mmuPart(s: GcTraceSummary): string[] {
  if (s.mmuWorkersOnce.length === 0 && s.mmu.length === 0) return [];
  const windows = s.mmuWorkersOnce.length >= s.mmu.length ? s.mmuWorkersOnce : s.mmu;
  const row = (name: string, points: GcTraceSummary['mmu']) => [
    name,
    ...windows.map((w) => {
      const p = points.find((x) => x.windowNs === w.windowNs);
      return p ? `${(100 * p.mmu).toFixed(1)}%` : '-';
    }),
  ];
  return [
    '',
    'Minimum mutator utilization (STW, background mark workers, assists; docs/trace.md):',
    ...table([
      ['window', ...windows.map((m) => formatNs(m.windowNs))],
      row('MMU', s.mmuWorkersOnce),
      row('go tool trace', s.mmu),
    ]),
  ];
}

function cycleRow(c: GcCycle): string[] {
  const bytes = (b?: number): string => (b === undefined ? '-' : formatBytes(b));
  const mark = c.endNs === undefined ? 'running' : formatNs(c.endNs - c.startNs);
  const start = c.startedBefore ? `<${formatNs(c.startNs)}` : formatNs(c.startNs);
  return [
    start,
    mark,
    formatNs(c.stwNs),
    formatNs(c.assistNs),
    bytes(c.heapBytes),
    bytes(c.goalBytes),
    bytes(c.peakHeapBytes),
  ];
}

function timelinePart(s: GcTraceSummary, last: number): string[] {
  if (s.cycles.length === 0 || last <= 0) return [];
  const shown = s.cycles.slice(-last);
  const rows = [
    ['start', 'mark', 'GC STW', 'assists', 'heap', 'goal', 'peak'],
    ...shown.map(cycleRow),
  ];
  const what =
    shown.length < s.cycles.length
      ? `the last ${shown.length} of ${s.cycles.length}`
      : `${shown.length}`;
  return [
    '',
    `GC timeline (${what} cycles; heap = /memory/classes/heap/objects at mark start):`,
    ...table(rows),
  ];
}

export interface TraceGcTextOptions {
  /** Cycles in the timeline (the last ones). */
  readonly cycles?: number;
  /** Goroutines in the assist table. */
  readonly goroutines?: number;
}

export function renderTraceGcText(s: GcTraceSummary, o: TraceGcTextOptions = {}): string {
  return (
    [
      ...header(s),
      ...cyclesPart(s),
      ...pausesPart(s.pauses, s.durationNs),
      ...assistsPart(s, o.goroutines ?? 10),
      ...mmuPart(s),
      ...timelinePart(s, o.cycles ?? 20),
    ].join('\n') + '\n'
  );
}
