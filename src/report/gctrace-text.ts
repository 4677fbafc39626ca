/** `gomemlens gctrace LOG` as text: the last cycles as a table, then the summary and notes. */
import type { GctraceSummary, HeapFieldSummary } from '../analysis/gctrace-summary.js';
import type { GcCycle } from '../formats/gctrace.js';
import { sanitize } from './style.js';
import { textTable } from './text-table.js';

export interface GctraceView {
  readonly input: string;
  readonly lines: number;
  readonly summary: GctraceSummary;
  readonly cycles: readonly GcCycle[];
  readonly notes: readonly string[];
}

export function renderGctraceText(v: GctraceView, rows: number): string {
  const s = v.summary;
  const shown = v.cycles.slice(Math.max(0, v.cycles.length - rows));
  const out = [
    `gctrace of ${v.input}: ${v.lines} lines, ${s.cycles} GC cycles, ${s.scavenger.lines} scavenger lines`,
  ];
  if (shown.length) {
    const first = shown.length < s.cycles ? ` (the last ${shown.length})` : '';
    out.push('', `Cycles${first}`, ...cycleTable(shown));
  }
  out.push('', 'Summary', ...summaryLines(s).map((l) => `  ${l}`));
  if (v.notes.length) out.push('', 'Notes', ...v.notes.map((n) => `  - ${n}`));
  // The input's name comes from the user; the rest is numbers.
  return sanitize(out.join('\n')) + '\n';
}

function cycleTable(cycles: readonly GcCycle[]): string[] {
  const header = [
    'cycle',
    '@s',
    'STW ms',
    'mark ms',
    'assist',
    'bg',
    'idle',
    'heap MiB',
    'goal',
    'P',
    '',
  ];
  const rows = cycles.map((c) => [
    String(c.n),
    c.atSec.toFixed(3),
    ms(c.clockMs.sweepTerm + c.clockMs.markTerm),
    ms(c.clockMs.mark),
    ms(c.cpuMs.assist),
    ms(c.cpuMs.background),
    ms(c.cpuMs.idle),
    `${c.heapStartMiB}->${c.heapEndMiB}->${c.heapLiveMiB}`,
    String(c.goalMiB),
    String(c.procs),
    c.forced ? 'forced' : '',
  ]);
  const lines = textTable(header, rows, [
    true,
    true,
    true,
    true,
    true,
    true,
    true,
    true,
    true,
    true,
  ]);
  return [
    ...lines.map((l) => `  ${l}`),
    '  (assist, bg, idle: mark CPU ms; heap: start->end->live)',
  ];
}

function summaryLines(s: GctraceSummary): string[] {
  const out = [
    `cycles         ${s.cycles}${s.cycles ? ` (${s.firstCycle}-${s.lastCycle})` : ''}, ${s.forced} forced (runtime.GC, debug.FreeOSMemory)`,
  ];
  if (s.cycles === 0) return [...out, scavLine(s)];
  const share = s.gcCpuShare === undefined ? '-' : `${(s.gcCpuShare * 100).toFixed(2)}%`;
  const since = s.firstCycle === 1 ? 'since the start' : `since cycle ${s.firstCycle}`;
  out.push(
    `span           @${s.fromSec!.toFixed(3)}s to @${s.toSec!.toFixed(3)}s, ${s.procs} P`,
    `GC CPU         ${share} of ${s.procs} P ${since}, from the cpu fields (idle mark not counted); the runtime's own figure: ${s.runtimeCpuPercent}%`,
    `  CPU ms       assist ${ms(s.cpuMs.assist)}, background ${ms(s.cpuMs.background)}, idle ${ms(s.cpuMs.idle)}, stop-the-world ${ms(s.cpuMs.stw)}`,
    `heap before    ${heap(s.heapStart)}`,
    `heap after     ${heap(s.heapEnd)}`,
    `heap live      ${heap(s.heapLive)}`,
    `goal           ${heap(s.goal)}`,
    `pauses (STW)   total ${ms(s.pauses.totalMs)} ms, mean ${ms(s.pauses.meanMs)} ms, max ${ms(s.pauses.maxMs)} ms (cycle ${s.pauses.maxCycle})`,
    scavLine(s),
  );
  return out;
}

function scavLine(s: GctraceSummary): string {
  const v = s.scavenger;
  if (v.lines === 0) return 'scavenger      no scavtrace lines (GODEBUG=scavtrace=1 prints them)';
  return (
    `scavenger      ${v.lines} lines (${v.forced} forced): ${v.bgKiB} KiB returned in the background, ` +
    `${v.eagerKiB} KiB eagerly; ${v.lastReleasedKiB} KiB released at the last line`
  );
}

function heap(h: HeapFieldSummary | undefined): string {
  return h ? `max ${h.maxMiB} MiB, last ${h.lastMiB} MiB, mean ${h.meanMiB.toFixed(1)} MiB` : '-';
}

/** Milliseconds as the runtime prints them: two significant digits below 10 ms. */
function ms(v: number): string {
  if (v >= 10) return v.toFixed(0);
  return String(Number(v.toPrecision(2)));
}
