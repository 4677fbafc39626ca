// The text rendering of a madvise trace, from a recorded run (testdata/trace).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { BpftraceMadviseReader } from '../../src/formats/madvise-bpftrace.js';
import { MadviseTally } from '../../src/analysis/madvise-tally.js';
import { madviseVerdict } from '../../src/analysis/madvise-verdict.js';
import { renderMadviseText } from '../../src/report/madvise-text.js';

function traceOf(file: string, godebug: Record<string, string>) {
  const reader = new BpftraceMadviseReader();
  const tally = new MadviseTally();
  for (const line of readFileSync(`testdata/trace/${file}`, 'utf8').split('\n')) {
    const r = reader.line(line);
    if (r.kind === 'call') tally.add(r.call);
  }
  const totals = tally.totals();
  const gd = Object.fromEntries(
    Object.entries(godebug).map(([k, v]) => [k, { value: v, source: 'env' }]),
  );
  const smaps = (rss: number, lazyFree: number) => ({ rss, lazyFree, raw: {} });
  const verdict = madviseVerdict(totals, {
    goVersion: { value: 'go1.26.8', source: 'exe' },
    godebug: gd,
    before: smaps(2 << 20, 0),
    after: smaps(70 << 20, 64 << 20),
    smapsSource: '/proc/1/smaps_rollup',
  });
  return {
    pid: 1,
    method: 'bpftrace',
    tracedMs: 9000,
    goVersion: 'go1.26.8',
    godebug: gd,
    totals,
    verdict,
    notes: ['a\u001b[2Jnote'],
  };
}

test('madvise text: tables per advice, sizes, paths and threads, and the verdict', () => {
  const text = renderMadviseText(traceOf('big-heap-free-os-memory.bpftrace.txt', {}));
  assert.match(text, /^madvise calls of process 1 \(go1\.26\.8\), 9\.0s with bpftrace$/m);
  assert.match(text, /^MADV_DONTNEED +365 +1\.37 GiB +0$/m);
  assert.match(text, /^MADV_HUGEPAGE +1 +32 MiB +0$/m);
  assert.match(text, /^ {4}\[32 MiB, 64 MiB\) +1 +@+$/m);
  assert.match(text, /^ {2}forced: debug\.FreeOSMemory +360 /m);
  assert.match(text, /^ {2}GC metadata huge pages +1 +32 MiB +MADV_HUGEPAGE 1$/m);
  assert.match(text, /go1\.26\.8 returns memory with MADV_DONTNEED/);
  assert.match(text, /1 MADV_HUGEPAGE call: huge-page advice on the runtime's own metadata/);
  assert.match(text, /RSS 2 MiB -> 70 MiB, LazyFree 0 B -> 64 MiB/);
  assert.match(
    text,
    /- a\?\[2Jnote/,
    'control characters from a tracer are not passed to the terminal',
  );
});

test('madvise text: MADV_FREE under GODEBUG=madvdontneed=0', () => {
  const text = renderMadviseText(traceOf('madvdontneed0.bpftrace.txt', { madvdontneed: '0' }));
  assert.match(text, /\(go1\.26\.8, GODEBUG madvdontneed=0\)/);
  assert.match(
    text,
    /GODEBUG madvdontneed=0 \(env\) makes go1\.26\.8 return memory with MADV_FREE\./,
  );
  assert.match(text, /MADV_FREE marked 128 MiB free: .*LazyFree.*\(LazyFree now: 64 MiB\)/);
});
