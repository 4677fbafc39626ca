import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gcRate, summarizePauses, validPauses } from '../../../src/analysis/gc-pauses.js';
import { MiB } from '../../../src/model/units.js';
import { fires, only, skipReason } from '../helpers.js';
import { memstats, type Spec } from '../snapshot-builder.js';

// Go memory (Sys - HeapReleased) of about 207 MiB against a 200 MiB GOMEMLIMIT.
const nearLimit = (gcCpu: number, heapAlloc = 100 * MiB): Spec => ({
  env: { GOMEMLIMIT: '200MiB' },
  memstats: {
    HeapInuse: 170 * MiB,
    HeapAlloc: heapAlloc,
    HeapIdle: 20 * MiB,
    HeapReleased: 20 * MiB,
    GCCPUFraction: gcCpu,
  },
});

test('gc-thrashing: Go memory at GOMEMLIMIT with GC CPU >= 10%', () => {
  const ms = memstats(nearLimit(0.3).memstats);
  const f = only(nearLimit(0.3), 'gc-thrashing');
  assert.equal(f.severity, 'warning');
  assert.equal(f.args.goMapped, ms.Sys - ms.HeapReleased);
  assert.equal(f.args.gomemlimit, 200 * MiB);
  assert.equal(f.args.gcCpuFraction, 0.3);
  assert.equal(f.args.liveHeapNearLimit, false);
});

test('gc-thrashing: live heap itself near GOMEMLIMIT is the death spiral (error)', () => {
  const f = only(nearLimit(0.3, 185 * MiB), 'gc-thrashing');
  assert.equal(f.severity, 'error');
  assert.equal(f.args.liveHeap, 185 * MiB);
  // go_gc_heap_live_bytes, when exported, is preferred over HeapAlloc.
  const viaMetric = only(
    {
      ...nearLimit(0.3, 185 * MiB),
      prom: { heapLiveBytes: 120 * MiB, gomemlimitBytes: 200 * MiB },
    },
    'gc-thrashing',
  );
  assert.equal(viaMetric.args.liveHeap, 120 * MiB);
  assert.equal(viaMetric.severity, 'warning');
});

test('gc-thrashing near misses: low GC CPU, far from the limit, or no GOMEMLIMIT', () => {
  assert.equal(fires(nearLimit(0.09), 'gc-thrashing'), false);
  assert.equal(fires({ ...nearLimit(0.3), env: { GOMEMLIMIT: '400MiB' } }, 'gc-thrashing'), false);
  assert.equal(fires({ ...nearLimit(0.3), env: {} }, 'gc-thrashing'), false);
});

test('PauseNs ring: only min(NumGC, 256) entries, newest at (NumGC+255)%256', () => {
  const ring = new Array(256).fill(0);
  ring[0] = 10;
  ring[1] = 20;
  ring[2] = 30;
  assert.deepEqual(validPauses(ring, 3), [
    { ns: 30, cyclesAgo: 0 },
    { ns: 20, cyclesAgo: 1 },
    { ns: 10, cyclesAgo: 2 },
  ]);
  const wrapped = Array.from({ length: 256 }, (_, i) => i + 1);
  const v = validPauses(wrapped, 300);
  assert.equal(v.length, 256);
  assert.equal(v[0].ns, wrapped[(300 + 255) % 256]);
  assert.equal(v[255].ns, wrapped[(300 + 256) % 256], 'oldest is the slot after the newest');
  assert.deepEqual(validPauses(ring, 0), []);
});

function pauses(numGC: number, set: Record<number, number>, fill = 0): Spec {
  const PauseNs = new Array(256).fill(fill);
  for (const [i, ns] of Object.entries(set)) PauseNs[Number(i)] = ns;
  return { memstats: { PauseNs, NumGC: numGC } };
}

test('gc-pause-outlier: a 50 ms pause among 100 us ones, with its age in cycles', () => {
  const set: Record<number, number> = {};
  for (let i = 0; i < 300; i++) set[i % 256] = 100_000;
  set[(299 + 255) % 256] = 50_000_000; // GC number 299: the one before the newest (NumGC = 300)
  const f = only(pauses(300, set), 'gc-pause-outlier');
  assert.equal(f.severity, 'warning');
  assert.equal(f.args.maxNs, 50_000_000);
  assert.equal(f.args.medianNs, 100_000);
  assert.equal(f.args.worstCyclesAgo, 1);
  assert.equal(f.args.pausesConsidered, 256);
  assert.equal(f.args.outliers, 1);
});

test('gc-pause-outlier ignores the unused zero slots of the ring (NumGC < 256)', () => {
  // 5 GCs: 2 ms each and one 15 ms. Median of valid entries is 2 ms, threshold 20 ms: no outlier.
  // Counting the 251 zero slots would make the median 0 and flag everything.
  const spec = pauses(5, { 0: 2e6, 1: 2e6, 2: 15e6, 3: 2e6, 4: 2e6 });
  assert.equal(fires(spec, 'gc-pause-outlier'), false);
  assert.equal(summarizePauses(memstats(spec.memstats).PauseNs!, 5).medianNs, 2e6);
  assert.equal(
    fires(pauses(5, { 0: 2e6, 1: 2e6, 2: 25e6, 3: 2e6, 4: 2e6 }), 'gc-pause-outlier'),
    true,
  );
});

test('gc-pause-outlier: short pauses under the 1 ms floor never count; no PauseNs -> skipped', () => {
  assert.equal(
    fires(pauses(4, { 0: 10_000, 1: 10_000, 2: 900_000, 3: 10_000 }), 'gc-pause-outlier'),
    false,
  );
  const info = only(
    pauses(4, { 0: 10_000, 1: 10_000, 2: 1_500_000, 3: 10_000 }),
    'gc-pause-outlier',
  );
  assert.equal(info.severity, 'info');
  assert.match(skipReason({}, 'gc-pause-outlier') ?? '', /no PauseNs/);
});

test('gcRate: cycles per second over the valid PauseEnd entries', () => {
  const end = new Array(256).fill(0);
  const t0 = 1.7e18;
  for (let i = 0; i < 11; i++) end[i] = t0 + i * 50e6; // 11 GCs, 50 ms apart
  assert.deepEqual(gcRate(end, 11), { perSecond: 20, cycles: 11 });
  assert.equal(gcRate(end, 1), undefined);
  assert.equal(gcRate(undefined, 11), undefined);
});

test('gc-thrashing fires on a high GC rate even when the CPU fraction is low', () => {
  const PauseEnd = new Array(256).fill(0);
  for (let i = 0; i < 100; i++) PauseEnd[i] = 1.7e18 + i * 20e6; // 50 GCs per second
  const spec: Spec = {
    ...nearLimit(0.02),
    memstats: { ...nearLimit(0.02).memstats, PauseEnd, NumGC: 100 },
  };
  const f = only(spec, 'gc-thrashing');
  assert.equal(f.args.gcPerSecond, 50);
  assert.equal(f.args.gcRateCycles, 100);
  const slow = PauseEnd.map((t, i) => (i < 100 ? 1.7e18 + i * 200e6 : 0)); // 5 per second
  assert.equal(
    fires({ ...spec, memstats: { ...spec.memstats, PauseEnd: slow } }, 'gc-thrashing'),
    false,
  );
});
