// The tracer output readers on real traces (testdata/trace: one run seen by bpftrace and strace
// at once): both readers must count the same calls, bytes, threads and calling paths.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import {
  BpftraceMadviseReader,
  frameName,
  MAX_FRAMES,
} from '../../src/formats/madvise-bpftrace.js';
import { StraceMadviseReader } from '../../src/formats/madvise-strace.js';
import { MadviseTally, type MadviseTotals } from '../../src/analysis/madvise-tally.js';
import { classifyStack } from '../../src/analysis/madvise-paths.js';
import type { MadviseCall } from '../../src/model/madvise.js';

const read = (name: string) => readFileSync(`testdata/trace/${name}`, 'utf8').split('\n');

function bpftraceCalls(lines: readonly string[]): MadviseCall[] {
  const r = new BpftraceMadviseReader();
  const out: MadviseCall[] = [];
  for (const l of lines) {
    const e = r.line(l);
    if (e.kind === 'call') out.push(e.call);
  }
  const last = r.finish();
  return last ? [...out, last] : out;
}

function straceCalls(lines: readonly string[], pid: number): MadviseCall[] {
  const r = new StraceMadviseReader(pid);
  const out: MadviseCall[] = [];
  for (const l of lines) for (const e of r.line(l)) if (e.kind === 'call') out.push(e.call);
  const last = r.finish();
  return last ? [...out, last] : out;
}

function tally(calls: readonly MadviseCall[]): MadviseTotals {
  const t = new MadviseTally();
  calls.forEach((c) => t.add(c));
  return t.totals();
}

/** What both tracers must agree on (the example stacks differ: strace's stop early). */
function comparable(t: MadviseTotals) {
  return {
    calls: t.calls,
    bytes: t.bytes,
    failed: t.failed,
    byAdvice: t.byAdvice,
    byThread: t.byThread,
    byPath: t.byPath.map((p) => ({
      path: p.path,
      calls: p.calls,
      bytes: p.bytes,
      byAdvice: p.byAdvice,
    })),
  };
}

const RUNS = ['limit-growth', 'big-heap-free-os-memory', 'madvdontneed0'];

for (const run of RUNS) {
  test(`madvise readers: bpftrace and strace count the same calls of one run (${run})`, () => {
    const st = read(`${run}.strace.txt`);
    const pid = Number(/Process (\d+) attached/.exec(st[0])![1]);
    const b = tally(bpftraceCalls(read(`${run}.bpftrace.txt`)));
    const s = tally(straceCalls(st, pid));
    assert.ok(b.calls > 10, `${b.calls} calls`);
    assert.deepEqual(comparable(s), comparable(b));
  });
}

const pathsOf = (t: MadviseTotals) => Object.fromEntries(t.byPath.map((p) => [p.path, p.calls]));
const adviceOf = (t: MadviseTotals) => Object.fromEntries(t.byAdvice.map((a) => [a.name, a.calls]));

test('madvise paths: heap growth under GOMEMLIMIT and the background scavenger', () => {
  const t = tally(bpftraceCalls(read('limit-growth.bpftrace.txt')));
  const p = pathsOf(t);
  assert.ok(p['heap-growth'] > 0 && p['background-scavenger'] > 0, JSON.stringify(p));
  assert.deepEqual(Object.keys(adviceOf(t)), ['MADV_DONTNEED']);
});

test('madvise paths: debug.FreeOSMemory, and MADV_HUGEPAGE on GC metadata past a 1 GiB goal', () => {
  const t = tally(bpftraceCalls(read('big-heap-free-os-memory.bpftrace.txt')));
  const p = t.byPath.find((x) => x.path === 'gc-metadata-hugepages');
  assert.deepEqual(Object.keys(p?.byAdvice ?? {}), ['MADV_HUGEPAGE']);
  assert.ok(p!.example.includes('runtime.(*mheap).enableMetadataHugePages'));
  assert.ok(pathsOf(t)['free-os-memory'] > pathsOf(t)['background-scavenger']);
});

test('madvise paths: GODEBUG=madvdontneed=0 returns everything with MADV_FREE', () => {
  const t = tally(straceCalls(read('madvdontneed0.strace.txt'), 0));
  assert.deepEqual(Object.keys(adviceOf(t)), ['MADV_FREE']);
  assert.ok(pathsOf(t)['free-os-memory'] > 0);
});

test('madvise paths: stacks without Go runtime callers', () => {
  assert.equal(classifyStack([]), 'no-stack');
  assert.equal(classifyStack(['0x4a3f10', '0x401000']), 'no-stack');
  assert.equal(classifyStack(['syscall.Syscall', 'syscall.Madvise', 'main.main']), 'other');
  // DWARF unwinding that stops at the system-stack switch: only bgscavenge calls it that way.
  const cut = [
    'runtime.madvise.abi0',
    'runtime.(*pageAlloc).scavengeOne',
    'runtime.(*pageAlloc).scavenge.func1',
    'runtime.systemstack.abi0',
  ];
  assert.equal(classifyStack(cut), 'background-scavenger');
  assert.equal(classifyStack(cut.slice(0, 3)), 'other');
});

test('madvise readers: frame names, results and advice spellings', () => {
  assert.equal(frameName('        runtime.bgscavenge+72'), 'runtime.bgscavenge');
  assert.equal(frameName('\tmain.f+3 (/app/server)'), 'main.f');
  assert.equal(frameName('        0x4a3f10'), '0x4a3f10');
  const [failed, named] = straceCalls(
    [
      'madvise(0xc000000000, 2097152, 0x19) = -1 EINVAL (Invalid argument)',
      '[pid 12] madvise(0xc000400000, 8192, MADV_DONTNEED <unfinished ...>',
      '[pid 13] madvise(0xc000600000, 4096, 0xc) = 0',
      '[pid 12] <... madvise resumed>) = 0',
    ],
    11,
  ).sort((a, b) => a.tid - b.tid);
  assert.deepEqual(failed, { tid: 11, advice: 25, bytes: 2097152, result: 'EINVAL', stack: [] });
  assert.deepEqual(named, { tid: 12, advice: 4, bytes: 8192, result: 'ok', stack: [] });
  const [empty] = bpftraceCalls(['madvise 5 8 4096 -11;']);
  assert.deepEqual(empty, { tid: 5, advice: 8, bytes: 4096, result: 'EAGAIN', stack: [] });
});

test('madvise readers: any lines give calls or nothing, with bounded stacks', () => {
  const line = fc.oneof(
    fc.string({ maxLength: 80 }),
    fc.constantFrom(
      'madvise 1 4 4096 0',
      ';',
      '        runtime.bgscavenge+72',
      ' > /x(f+0x1) [0x2]',
    ),
    fc.constantFrom(
      '[pid 3] madvise(0x1, 99999999999999999999999, 0x4) = 0',
      '<... madvise resumed>) = 0',
    ),
  );
  fc.assert(
    fc.property(fc.array(line, { maxLength: 200 }), (lines) => {
      for (const calls of [bpftraceCalls(lines), straceCalls(lines, 1)]) {
        for (const c of calls) assert.ok(c.stack.length <= MAX_FRAMES);
        tally(calls);
      }
    }),
  );
  const deep = ['madvise 1 4 4096 0', ...Array(100_000).fill('        main.f+1'), ';'];
  assert.equal(bpftraceCalls(deep)[0].stack.length, MAX_FRAMES);
});
