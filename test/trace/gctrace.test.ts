// gctrace/scavtrace lines as Go 1.21-1.26 print them (runtime/mgc.go, mgcscavenge.go), a real
// log from testdata/gctrace, and garbage that must give no cycle and no crash.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { parseGctrace, parseGctraceLine } from '../../src/formats/gctrace.js';
import { gcTraceStream } from '../../src/sources/gctrace-stream.js';

test('a gc line with every field, forced', () => {
  const line =
    'gc 4 @0.236s 4%: 22+0.21+0.003 ms clock, 45+0/0.26/0+0.006 ms cpu, 32->32->0 MB, 36 MB goal, 0 MB stacks, 0 MB globals, 2 P (forced)';
  assert.deepEqual(parseGctraceLine(line), {
    kind: 'gc',
    n: 4,
    atSec: 0.236,
    cpuPercent: 4,
    clockMs: { sweepTerm: 22, mark: 0.21, markTerm: 0.003 },
    cpuMs: { sweepTerm: 45, assist: 0, background: 0.26, idle: 0, markTerm: 0.006 },
    heapStartMiB: 32,
    heapEndMiB: 32,
    heapLiveMiB: 0,
    goalMiB: 36,
    stacksMiB: 0,
    globalsMiB: 0,
    procs: 2,
    forced: true,
  });
});

test('Go 1.26 goroutine-leak marker, Go <= 1.17 without stacks and globals, log prefixes', () => {
  const leak = parseGctraceLine(
    'gc 12 @3.5s 2% (checking for goroutine leaks): 0.1+2+0.01 ms clock, 0.2+0.1/1/2+0.02 ms cpu, 10->11->5 MB, 12 MB goal, 1 MB stacks, 2 MB globals, 8 P',
  );
  assert.equal(leak?.kind === 'gc' && leak.n, 12);
  const old = parseGctraceLine(
    'gc 1 @0.010s 0%: 0.011+0.51+0.003 ms clock, 0.045+0.10/0.85/1.9+0.014 ms cpu, 4->4->0 MB, 5 MB goal, 4 P',
  );
  assert.ok(old?.kind === 'gc' && old.stacksMiB === undefined && old.goalMiB === 5);
  const prefixed = parseGctraceLine(
    '2026-12-06T07:00:00Z stderr F gc 2 @0.5s 1%: 1+2+3 ms clock, 1+2/3/4+5 ms cpu, 1->2->3 MB, 4 MB goal, 0 MB stacks, 0 MB globals, 1 P',
  );
  assert.ok(prefixed?.kind === 'gc' && prefixed.heapLiveMiB === 3);
});

test('scavtrace: "KiB now" (the code) and "KiB total" (the doc), forced and controller reset', () => {
  assert.deepEqual(
    parseGctraceLine(
      'scav 0 KiB work (bg), 16416 KiB work (eager), 34000 KiB now, 21% util (forced)',
    ),
    { kind: 'scav', bgKiB: 0, eagerKiB: 16416, releasedKiB: 34000, utilPercent: 21, forced: true },
  );
  const reset = parseGctraceLine(
    'scav 12 KiB work (bg), 0 KiB work (eager), 5 KiB total, 99% util [controller reset]',
  );
  assert.ok(reset?.kind === 'scav' && !reset.forced && reset.bgKiB === 12);
});

test('a real Go 1.26 log (release -grow 32MiB -rounds 2 -free-os)', () => {
  const log = parseGctrace(readFileSync('testdata/gctrace/release-go1.26.log', 'utf8'));
  const text = readFileSync('testdata/gctrace/release-go1.26.log', 'utf8');
  assert.equal(log.cycles.length, (text.match(/^gc \d/gm) ?? []).length);
  assert.equal(log.scavenges.length, (text.match(/^scav \d/gm) ?? []).length);
  assert.deepEqual(
    log.cycles.map((c) => c.n),
    log.cycles.map((_, i) => i + 1),
  );
  assert.ok(log.cycles.filter((c) => c.forced).length >= 2);
  assert.deepEqual(log.garbled, []);
});

test('truncated and garbled lines are counted, not parsed', () => {
  const log = parseGctrace('gc 1 @0.1s 0%: 0.1+0.2\nhello\nscav 3 KiB\n');
  assert.equal(log.cycles.length, 0);
  assert.deepEqual(log.garbled, [1, 3]);
  assert.equal(log.otherLines, 1);
});

test('fuzz: any text gives a log, never a throw; lines over the cap are skipped', () => {
  fc.assert(
    fc.property(fc.string({ maxLength: 400 }), (s) => {
      const log = parseGctrace(s);
      assert.ok(log.cycles.length <= s.split('\n').length);
    }),
    { numRuns: 2000 },
  );
  const long = 'gc 1 @' + '1'.repeat(5000);
  assert.equal(parseGctraceLine(long), undefined);
});

test('linear: 100k lines of near-misses parse in well under a second', () => {
  const bad = 'gc 1 @0.1s 1%: ' + '1+'.repeat(200) + '\n';
  const start = performance.now();
  parseGctrace(bad.repeat(20_000));
  assert.ok(performance.now() - start < 2000);
});

test('Docker json-file lines are read for their log field', () => {
  const line =
    'gc 5 @1.5s 1%: 0.1+0.2+0.3 ms clock, 0.1+0.2/0.3/0.4+0.5 ms cpu, 7->8->4 MB, 9 MB goal, 0 MB stacks, 0 MB globals, 2 P';
  const docker = JSON.stringify({
    log: `${line}\n`,
    stream: 'stderr',
    time: '2026-12-06T07:00:00Z',
  });
  const parsed = parseGctraceLine(docker);
  assert.ok(parsed?.kind === 'gc' && parsed.n === 5 && parsed.goalMiB === 9);
  assert.equal(parseGctraceLine('{"log":"hello gc 1\\n","stream":"stderr"}'), undefined);
  assert.equal(parseGctraceLine('{"log":"gc 1 @'), undefined);
});

test('the stream of a running command: lines split across chunks, only GC lines kept', () => {
  const s = gcTraceStream();
  const line =
    'gc 2 @0.5s 0%: 0.1+0.2+0.3 ms clock, 0.1+0.2/0.3/0.4+0.5 ms cpu, 1->2->3 MB, 4 MB goal, 0 MB stacks, 0 MB globals, 2 P';
  s.push(`listening on http://x\n${line.slice(0, 40)}`);
  assert.deepEqual(s.read(), []);
  s.push(
    `${line.slice(40)}\r\nscav 1 KiB work (bg), 0 KiB work (eager), 2 KiB now, 99% util\ngc 3 @`,
  );
  assert.deepEqual(s.read(), [line]);
  s.push(Buffer.from('x'.repeat(10_000)));
  s.flush();
  // "gc 3 @" + 10,000 x is past the partial-line cap: dropped, not kept as a garbled line.
  assert.deepEqual(s.read(), []);
  s.push('gc 4 @1s 0%: cut\n');
  assert.deepEqual(
    s.read(),
    ['gc 4 @1s 0%: cut'],
    'a line that starts like one is kept, to be counted',
  );
});

test('a cut line behind a container-log prefix counts as garbled too', () => {
  const log = parseGctrace(
    '2026-12-06T07:00:00Z stderr F gc 7 @1.2s 0%: 0.1+\n' +
      '{"log":"scav 4 KiB work (bg), 0 KiB wo\\n","stream":"stderr"}\n' +
      'the gc 5 minutes ago\n' +
      'gc 1\n',
  );
  assert.deepEqual(log.garbled, [1, 2, 4]);
  assert.equal(log.otherLines, 1);
});
