// What the calibration takes from gctrace lines (the one parser, formats/gctrace.ts): each
// cycle once, forced cycles out, broken lines counted, CPU summed as /cpu/classes/gc/total does.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cycleCpuMs, traceCycles, traceStats } from '../../src/analysis/gc-calibrate-trace.js';

// Printed by go1.26.8 (testdata/go/gcload with GODEBUG=gctrace=1) on this project's CI machine.
const line = (n: number, at: number) =>
  `gc ${n} @${at}s 14%: 0.22+146+0.004 ms clock, 0.45+0/101/127+0.009 ms cpu, 160->180->89 MB, 188 MB goal, 0 MB stacks, 0 MB globals, 2 P`;

test('cycles once each, in order, forced ones out, broken ones counted', () => {
  const lines = [line(20, 10.5), 'hello', line(19, 10.079), line(19, 10.079)];
  lines.push(`${line(21, 11)} (forced)`, 'gc 22 @11.5s bad', line(23, 12.079));
  const { cycles, broken } = traceCycles(lines);
  assert.deepEqual(
    cycles.map((c) => c.n),
    [19, 20, 23],
  );
  assert.equal(broken, 1);
  assert.equal(Math.round(cycleCpuMs(cycles[0]) * 1000), 228459);
  const stats = traceStats(cycles, broken)!;
  assert.equal(stats.cyclesPerSec, 4 / 2); // cycles 19 -> 23 in 2 s, the forced one counted
  assert.equal(stats.markMedianSec, 0.146);
  assert.equal(stats.marked[0], 89.5 * 2 ** 20); // whole MiB, truncated: the midpoint
  assert.equal(stats.procs, 2);
});
