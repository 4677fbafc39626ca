import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseGcTrace, parseGcTraceLine } from '../../src/formats/gctrace.js';
import { cycleCpuMs } from '../../src/model/gc-trace.js';
import { ParseError } from '../../src/model/errors.js';

// Printed by go1.26.8 (testdata/go/gcload with GODEBUG=gctrace=1) on this project's CI machine.
const GO126 =
  'gc 19 @10.079s 14%: 0.22+146+0.004 ms clock, 0.45+0/101/127+0.009 ms cpu, 160->180->89 MB, 188 MB goal, 0 MB stacks, 0 MB globals, 2 P';

test('a Go 1.26 line: times, CPU split, heap sizes, goal, roots, P', () => {
  const c = parseGcTraceLine(GO126)!;
  assert.equal(c.n, 19);
  assert.equal(c.atSec, 10.079);
  assert.equal(c.cpuPercent, 14);
  assert.deepEqual(c.clockMs, [0.22, 146, 0.004]);
  assert.deepEqual(c.cpuMs, {
    sweepTerm: 0.45,
    assist: 0,
    background: 101,
    idle: 127,
    markTerm: 0.009,
  });
  assert.deepEqual(
    [c.heapStartMiB, c.heapEndMiB, c.liveMiB, c.goalMiB, c.stacksMiB, c.globalsMiB, c.procs],
    [160, 180, 89, 188, 0, 0, 2],
  );
  assert.equal(c.forced, false);
  assert.equal(Math.round(cycleCpuMs(c) * 1000), 228459);
});

test('older and decorated lines: no roots (Go 1.18-1.20), forced, goroutine-leak check', () => {
  const old = parseGcTraceLine(
    'gc 3 @0.5s 2%: 0.01+1.2+0.02 ms clock, 0.04+0.1/0.5/1.0+0.08 ms cpu, 4->4->1 MB, 5 MB goal, 4 P',
  )!;
  assert.equal(old.stacksMiB, undefined);
  assert.equal(old.goalMiB, 5);
  assert.equal(parseGcTraceLine(`${GO126} (forced)`)!.forced, true);
  const leak = GO126.replace('14%:', '14% (checking for goroutine leaks):');
  assert.equal(parseGcTraceLine(leak)!.n, 19);
});

test('not a GC line is not this format; a broken GC line is a ParseError', () => {
  assert.equal(parseGcTraceLine('listening on http://127.0.0.1:1'), undefined);
  assert.equal(
    parseGcTraceLine('scav 0 KiB work (bg), 0 KiB work (eager), 0 KiB now, 0% util'),
    undefined,
  );
  assert.throws(() => parseGcTraceLine('gc 1 @0.1s 1%: garbage'), ParseError);
  const huge = GO126.replace('160->', `${'9'.repeat(400)}->`);
  assert.throws(() => parseGcTraceLine(huge), /too long/);
  const { cycles, broken } = parseGcTrace(`x\n${GO126}\ngc 2 @1s bad\n${GO126}\n`);
  assert.equal(cycles.length, 2);
  assert.equal(broken, 1);
});
