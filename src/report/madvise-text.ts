/** `gomemlens trace madvise` as text: tables per advice, path and thread, histograms, verdict. */
import type { AdviceRow, Counts } from '../analysis/madvise-tally.js';
import type { ExpectedAdvice, MadviseVerdict, VerdictNote } from '../analysis/madvise-verdict.js';
import { adviceName } from '../model/madvise.js';
import { formatBytes } from '../model/units.js';
import { sanitize } from './style.js';
import { textTable } from './text-table.js';

/** The trace as app/trace-madvise.ts returns it (only what is shown). */
export interface MadviseTraceView {
  readonly pid: number;
  readonly method: string;
  readonly tracedMs: number;
  readonly goVersion?: string;
  readonly godebug: Readonly<Record<string, { readonly value: string }>>;
  readonly totals: Counts & {
    readonly byAdvice: readonly AdviceRow[];
    readonly byPath: readonly (Counts & { label: string; byAdvice: Record<string, Counts> })[];
    readonly byThread: readonly (Counts & {
      tid: number | 'other';
      byAdvice: Record<string, Counts>;
    })[];
  };
  readonly verdict: MadviseVerdict;
  readonly notes: readonly string[];
}

const THREADS_SHOWN = 10;
const BAR = 40;

export function renderMadviseText(t: MadviseTraceView): string {
  const godebug = Object.entries(t.godebug).map(([k, v]) => `${k}=${v.value}`);
  const out = [
    `madvise calls of process ${t.pid} (${t.goVersion ?? 'Go version unknown'}` +
      `${godebug.length ? `, GODEBUG ${godebug.join(',')}` : ''}), ` +
      `${(t.tracedMs / 1000).toFixed(1)}s with ${t.method}`,
    '',
  ];
  if (t.totals.calls === 0) out.push('No madvise calls while tracing.');
  else
    out.push(
      ...adviceTable(t),
      '',
      ...histograms(t.totals.byAdvice),
      '',
      ...paths(t),
      '',
      ...threads(t),
    );
  out.push('', 'Verdict', ...verdictLines(t.verdict).map((l) => `  ${l}`));
  if (t.notes.length) out.push('', 'Notes', ...t.notes.map((n) => `  - ${n}`));
  // GODEBUG values, frames and tracer messages come from the traced process and the tracer.
  return sanitize(out.join('\n')) + '\n';
}

function adviceTable(t: MadviseTraceView): string[] {
  const rows = t.totals.byAdvice.map((a) => [
    a.name,
    String(a.calls),
    formatBytes(a.bytes),
    String(a.failed),
  ]);
  return textTable(['ADVICE', 'CALLS', 'BYTES', 'FAILED'], rows, [false, true, true, true]);
}

function histograms(rows: readonly AdviceRow[]): string[] {
  const out = ['Sizes per call'];
  for (const a of rows) {
    const max = Math.max(a.sizes.zero, ...a.sizes.buckets);
    const bar = (n: number) => '@'.repeat(Math.max(n > 0 ? 1 : 0, Math.round((n / max) * BAR)));
    const lines: string[][] = [];
    if (a.sizes.zero > 0) lines.push(['0', String(a.sizes.zero), bar(a.sizes.zero)]);
    a.sizes.buckets.forEach((n, k) => {
      if (n > 0)
        lines.push([`[${formatBytes(2 ** k)}, ${formatBytes(2 ** (k + 1))})`, String(n), bar(n)]);
    });
    out.push(`  ${a.name}`, ...textTable(['SIZE', 'CALLS', ''], lines, [false, true], '    '));
  }
  return out;
}

function paths(t: MadviseTraceView): string[] {
  const rows = t.totals.byPath.map((p) => [
    p.label,
    String(p.calls),
    formatBytes(p.bytes),
    split(p.byAdvice),
  ]);
  return [
    'By calling path',
    ...textTable(['PATH', 'CALLS', 'BYTES', 'ADVICE'], rows, [false, true, true], '  '),
  ];
}

function threads(t: MadviseTraceView): string[] {
  const shown = t.totals.byThread.slice(0, THREADS_SHOWN);
  const rows = shown.map((r) => [
    String(r.tid),
    String(r.calls),
    formatBytes(r.bytes),
    split(r.byAdvice),
  ]);
  const more = t.totals.byThread.length - shown.length;
  return [
    `By thread${more > 0 ? ` (the ${THREADS_SHOWN} busiest of ${t.totals.byThread.length})` : ''}`,
    ...textTable(['TID', 'CALLS', 'BYTES', 'ADVICE'], rows, [false, true, true], '  '),
  ];
}

function split(byAdvice: Record<string, Counts>): string {
  return Object.entries(byAdvice)
    .map(([name, c]) => `${name} ${c.calls}`)
    .join(', ');
}

export function verdictLines(v: MadviseVerdict): string[] {
  const out = v.expected
    ? [expectedLine(v.expected)]
    : ['Go version unknown: which advice to expect is not known.'];
  out.push(...v.notes.map(noteLine));
  if (v.rss)
    out.push(
      `RSS ${formatBytes(v.rss.before)} -> ${formatBytes(v.rss.after)}` +
        (v.lazyFree
          ? `, LazyFree ${formatBytes(v.lazyFree.before)} -> ${formatBytes(v.lazyFree.after)}`
          : '') +
        ` (${v.smapsSource} at the start and the end)`,
    );
  return out;
}

function expectedLine(e: ExpectedAdvice): string {
  const go = e.goVersion ?? 'this Go';
  const flag = e.madvdontneed
    ? `GODEBUG madvdontneed=${e.madvdontneed.value} (${e.madvdontneed.source})`
    : '';
  switch (e.cause) {
    case 'go-1.16-default':
      return `${go} returns memory with MADV_DONTNEED (the default on Linux since Go 1.16)${flag ? `; ${flag} changes nothing` : ''}.`;
    case 'madvdontneed-0':
      return `${flag} makes ${go} return memory with MADV_FREE.`;
    case 'go-1.12-default':
      return `${go} returns memory with MADV_FREE by default (Go 1.12-1.15).`;
    case 'madvdontneed-1':
      return `${flag} makes ${go} return memory with MADV_DONTNEED.`;
    case 'go-before-1.12':
      return `${go} returns memory with MADV_DONTNEED (Go <= 1.11 knows no other).`;
  }
}

function noteLine(n: VerdictNote): string {
  switch (n.kind) {
    case 'rss-dropped':
      return `MADV_DONTNEED returned ${formatBytes(n.bytes)}: each call lowered RSS and the cgroup's memory usage at once (the pages read as zero when touched again).`;
    case 'lazy-free':
      return (
        `MADV_FREE marked ${formatBytes(n.bytes)} free: the pages stay in RSS and in the cgroup's usage, counted as LazyFree, ` +
        'until memory pressure reclaims them or the program writes to them again' +
        `${n.lazyFreeNow !== undefined ? ` (LazyFree now: ${formatBytes(n.lazyFreeNow)})` : ''}; ` +
        'the working set (usage - inactive_file) already leaves them out.'
      );
    case 'nothing-returned':
      return (
        'No memory was returned to the OS while tracing (no MADV_DONTNEED or MADV_FREE that succeeded): madvise did not lower RSS.' +
        (n.denseChunksWait
          ? ' Go >= 1.21 keeps free memory in 4 MiB chunks that were densely used in this or the last GC cycle (for huge pages; runtime/mgcscavenge.go shouldScavenge): ' +
            'memory freed by a GC goes back only after later GC cycles, unless debug.FreeOSMemory or the memory limit forces it.'
          : '')
      );
    case 'unexpected-advice':
      return n.seen === 4
        ? `Expected MADV_FREE, but ${formatBytes(n.bytes)} went back with MADV_DONTNEED: the runtime falls back to it where the kernel refuses MADV_FREE (Linux < 4.5), or other code in the process calls madvise (see the calling paths).`
        : `Expected MADV_DONTNEED, but ${formatBytes(n.bytes)} went back with MADV_FREE: GODEBUG was changed at run time (os.Setenv), or C code in the process (a cgo allocator) calls MADV_FREE (see the calling paths).`;
    case 'failed':
      return `${n.calls} ${adviceName(n.advice)} call${n.calls === 1 ? '' : 's'} failed${n.advice === 25 ? ' (MADV_COLLAPSE is best effort)' : ': those bytes were not released'}.`;
    case 'hugepages':
      return hugepageLine(n);
  }
}

function hugepageLine(n: Extract<VerdictNote, { kind: 'hugepages' }>): string {
  const what = `${n.calls} ${adviceName(n.advice)} call${n.calls === 1 ? '' : 's'}`;
  if (n.advice === 15 && n.disablethp === '1')
    return `${what}: GODEBUG disablethp=1 marks new heap memory MADV_NOHUGEPAGE (huge pages off for the heap).`;
  return n.heapMarked
    ? `${what}: Go 1.21.0-1.21.3 marks the heap for huge pages (1.21.4 stopped: it caused performance problems in production).`
    : `${what}: huge-page advice on the runtime's own metadata; the heap itself is not marked (Go 1.21.4+).`;
}
