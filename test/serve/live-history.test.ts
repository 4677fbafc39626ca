// The server's bounded history: hours at 1 s stay a few thousand samples, the recent ones
// whole, the peaks of the old ones kept; profiles and snapshots bounded; records in time order.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LiveHistory, DEFAULT_HISTORY_LIMITS } from '../../src/report/html/live-history.js';
import type { CaptureHeader, SampleRecord } from '../../src/formats/capture.js';

const header: CaptureHeader = {
  type: 'header',
  format: 'gomemlens-capture',
  version: 1,
  startedAt: 0,
  target: { pid: 1 },
  intervalMs: 1000,
  profileEveryMs: 30_000,
};

const sample = (i: number, ws: number): SampleRecord => ({
  type: 'sample',
  t: i * 1000,
  cgroup: { usage: ws, workingSet: ws },
});

test('six hours at 1 s: bounded, the last 20 minutes whole, the old spike kept', () => {
  const h = new LiveHistory(header);
  const n = 6 * 3600;
  for (let i = 0; i < n; i++) h.add(sample(i, i === 1000 ? 9e9 : 100 + (i % 7)));
  const c = h.capture();
  assert.ok(c.samples.length <= DEFAULT_HISTORY_LIMITS.maxSamples, `${c.samples.length}`);
  const recent = c.samples.slice(-DEFAULT_HISTORY_LIMITS.recentSamples);
  assert.deepEqual(
    recent.map((s) => s.t / 1000),
    Array.from({ length: recent.length }, (_, k) => n - recent.length + k),
  );
  assert.ok(
    c.samples.some((s) => s.cgroup?.workingSet === 9e9),
    'the spike survives thinning',
  );
  assert.ok(
    c.samples.every((s, i) => i === 0 || s.t > c.samples[i - 1].t),
    'time order',
  );
  assert.match(c.notes[0], /older samples thinned/);
});

test('profiles stay bounded; the first, the last and trigger ones are kept', () => {
  const h = new LiveHistory(header);
  for (let i = 0; i < 500; i++) {
    h.add({
      type: 'profile',
      t: i,
      kind: 'heap',
      reason: i === 251 ? 'eta' : 'cadence',
      encoding: 'base64',
      data: `${i}`,
    });
    h.add({
      type: 'profile',
      t: i,
      kind: 'goroutine',
      reason: 'x',
      encoding: 'base64',
      data: `g${i}`,
    });
  }
  const c = h.capture();
  const heaps = c.profiles.filter((p) => p.kind === 'heap');
  assert.ok(heaps.length <= DEFAULT_HISTORY_LIMITS.maxHeapProfiles * 1.5, `${heaps.length}`);
  assert.equal(heaps[0].t, 0);
  assert.equal(heaps[heaps.length - 1].t, 499);
  assert.ok(
    heaps.some((p) => p.reason === 'eta'),
    'the trigger profile is kept, as the report keeps it',
  );
  assert.equal(c.profiles.filter((p) => p.kind === 'goroutine').length, 8);
});

test('a record that arrives late is put in its place', () => {
  const h = new LiveHistory(header);
  h.add({ type: 'finding', t: 5, finding: { code: 'a' } as never });
  h.add({ type: 'finding', t: 3, finding: { code: 'b' } as never });
  assert.deepEqual(
    h.capture().findings.map((f) => f.t),
    [3, 5],
  );
});

test('GC lines (serve -- CMD) are kept, the oldest left out past the limit and said so', () => {
  const h = new LiveHistory(header, { ...DEFAULT_HISTORY_LIMITS, maxGcLines: 100 });
  const line = (n: number) =>
    `gc ${n} @${n}.000s 1%: 0.01+0.2+0.01 ms clock, 4->4->2 MB, 5 MB goal`;
  for (let i = 0; i < 30; i++)
    h.add({ type: 'gctrace', t: i * 1000, lines: [0, 1, 2, 3, 4].map((k) => line(i * 5 + k)) });
  const c = h.capture();
  const lines = c.gctrace.flatMap((r) => r.lines);
  assert.equal(lines.length, 100);
  assert.equal(lines[lines.length - 1], line(149), 'the newest kept');
  assert.equal(lines[0], line(50), 'the oldest left out first');
  assert.ok(
    c.notes.some((n) => n.startsWith('50 older GC lines')),
    c.notes.join(),
  );
  assert.equal(h.records().filter((r) => r.type === 'gctrace').length, 20);
});
