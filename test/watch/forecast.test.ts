import { test } from 'node:test';
import assert from 'node:assert/strict';
import { forecast } from '../../src/analysis/forecast.js';
import { runSeriesRules } from '../../src/analysis/series-rules/index.js';
import { checkTriggers } from '../../src/analysis/triggers.js';
import { forecastText } from '../../src/report/watch-text.js';
import { theilSen } from '../../src/analysis/trend.js';
import type { Sample } from '../../src/model/series.js';
import { LIMIT, MiB, synthetic } from '../support/synthetic.js';

/** Samples each second: heap from fn(t sec), plus 20 MiB outside the heap; page cache file(t). */
function series(
  seconds: number,
  heap: (t: number) => number,
  file: (t: number) => number = () => 0,
): Sample[] {
  return synthetic(seconds, { heap, file });
}

test('Theil-Sen ignores outliers that move least squares; the interval holds the true slope', () => {
  const xs = Array.from({ length: 60 }, (_, i) => i * 1000);
  const ys = xs.map((x, i) => 2 * (x / 1000) + (i % 10 === 0 ? 500 : 0) + ((i * 7919) % 5) - 2);
  const f = theilSen(xs, ys)!;
  assert.ok(Math.abs(f.slope - 2) < 0.1, `slope ${f.slope}`);
  assert.ok(f.slopeLow <= 2 && f.slopeHigh >= 2, `${f.slopeLow}..${f.slopeHigh}`);
});

test('a linear leak gets an ETA: what the cgroup cannot reclaim, to the limit', () => {
  const f = forecast(series(30, (t) => 10 * MiB + t * 4 * MiB));
  assert.equal(f.kind, 'leak');
  assert.equal(f.grows, 'heap');
  assert.equal(f.limit, LIMIT);
  // The charge: heap + 20 MiB, 146 MiB at t=29, growing 4 MiB/s.
  assert.ok(Math.abs(f.chargedNow! - 146 * MiB) < MiB, `charged ${f.chargedNow}`);
  const expected = (LIMIT - 146 * MiB) / (4 * MiB);
  assert.ok(Math.abs(f.etaSec! - expected) < 0.5, `eta ${f.etaSec} vs ${expected}`);
  assert.ok(f.etaLowSec! <= f.etaSec! && f.etaHighSec! >= f.etaSec!);
  assert.match(forecastText(f), /^heap leak \+4 MiB\/s, OOM in 28s \(/);
});

test('growth that levels off is warm-up, with no ETA', () => {
  const f = forecast(series(60, (t) => Math.min(t, 20) * 3 * MiB));
  assert.equal(f.kind, 'warmup');
  assert.equal(f.etaSec, undefined);
});

test('a GC sawtooth around a constant level is flat', () => {
  const f = forecast(series(90, (t) => 50 * MiB + ((t * 13) % 7) * 7 * MiB));
  assert.equal(f.kind, 'flat');
  assert.equal(f.etaSec, undefined);
});

test('usage growing by page cache while the heap is flat is page-cache growth', () => {
  const f = forecast(
    series(
      60,
      () => 40 * MiB,
      (t) => t * 2 * MiB,
    ),
  );
  assert.equal(f.kind, 'page-cache');
});

test('too few samples are insufficient', () => {
  assert.equal(forecast(series(5, (t) => t * MiB)).kind, 'insufficient');
  assert.equal(forecast([]).kind, 'insufficient');
});

test('a ~1 s GC sawtooth sampled every second aliases into a ramp: flat, because the live heap is flat', () => {
  // HeapAlloc climbs 3 MiB a sample for 15 samples (the alias), while NextGC, and so the live
  // heap, stay put and a GC runs every tick.
  const s = synthetic(30, {
    heap: (t) => 50 * MiB + (t % 15) * 3 * MiB,
    go: (t) => ({ numGC: t, nextGC: 100 * MiB, live: 50 * MiB, liveSource: 'estimate' }),
  }).slice(12, 30);
  assert.notEqual(forecast(s, { minSpanMs: 10_000 }).kind, 'leak');
  const withoutLive = s.map((x) => ({ ...x, go: { heapAlloc: x.go!.heapAlloc } }));
  assert.equal(
    forecast(withoutLive, { minSpanMs: 10_000 }).kind,
    'leak',
    'without the live heap it would look like one',
  );
});

/** Heap flat at 40 MiB; page cache = reclaimable file(t) + tmpfs shmem(t), both in `file`. */
function fileSeries(
  seconds: number,
  reclaimable: (t: number) => number,
  shmem: ((t: number) => number) | undefined,
  limit: number | null = LIMIT,
): Sample[] {
  return series(
    seconds,
    () => 40 * MiB,
    (t) => reclaimable(t) + (shmem?.(t) ?? 0),
  ).map((x, t) => ({
    ...x,
    cgroup: {
      ...x.cgroup,
      // shmem is on the anon LRU lists: never in inactive_file, all of it in the working set.
      workingSet: x.cgroup!.workingSet! + (shmem?.(t) ?? 0),
      ...(shmem ? { shmem: shmem(t) } : {}),
      limit: limit ?? undefined,
    },
  }));
}

test('tmpfs (shmem) growing while the heap is flat gets an OOM ETA, not a page-cache verdict', () => {
  const s = fileSeries(
    60,
    () => 8 * MiB,
    (t) => t * 2 * MiB,
  );
  const f = forecast(s);
  assert.equal(f.kind, 'shmem');
  assert.ok(Math.abs(f.shmemSlope! - 2 * MiB) < 1, `shmem slope ${f.shmemSlope}`);
  // The charge = usage - (file - shmem) = 40 + 20 MiB + shmem; at t=59: 178 MiB of 256 MiB.
  const level = 60 * MiB + 59 * 2 * MiB;
  assert.ok(Math.abs(f.chargedNow! - level) < MiB);
  assert.equal(f.limit, LIMIT);
  const expected = (LIMIT - level) / (2 * MiB);
  assert.ok(Math.abs(f.etaSec! - expected) < 0.5, `eta ${f.etaSec} vs ${expected}`);
  const rules = runSeriesRules([], f, undefined).findings;
  const found = rules.find((x) => x.code === 'shmem-growth');
  assert.equal(found?.severity, 'error', 'ETA under 10 minutes');
  assert.equal(found?.args.limit, LIMIT);
  assert.ok(!rules.some((x) => x.code === 'page-cache-growth'));
  const hits = checkTriggers(s[58], s[59], f, {});
  assert.ok(
    hits.some((h) => h.name === 'eta'),
    'the ETA trigger takes profiles before the kill',
  );
  assert.match(forecastText(f), /^tmpfs\/shmem \+2 MiB\/s, OOM in 39s/);
});

test('reclaimable page cache growing next to a constant tmpfs is page-cache growth', () => {
  const f = forecast(
    fileSeries(
      60,
      (t) => t * 2 * MiB,
      () => 30 * MiB,
    ),
  );
  assert.equal(f.kind, 'page-cache');
  assert.ok(Math.abs(f.fileSlope! - 2 * MiB) < 1, 'the slope of file - shmem');
  assert.equal(f.etaSec, undefined);
  const codes = runSeriesRules([], f, undefined).findings.map((x) => x.code);
  assert.deepEqual(codes, ['page-cache-growth']);
});

test('captures without shmem keep the old verdict; shmem growth with no limit has no ETA', () => {
  assert.equal(forecast(fileSeries(60, (t) => t * 2 * MiB, undefined)).kind, 'page-cache');
  const f = forecast(
    fileSeries(
      60,
      () => 0,
      (t) => t * 2 * MiB,
      null,
    ),
  );
  assert.equal(f.kind, 'shmem');
  assert.equal(f.etaSec, undefined);
  const found = runSeriesRules([], f, undefined).findings.find((x) => x.code === 'shmem-growth');
  assert.equal(found?.severity, 'warning');
  assert.equal(found?.args.etaSec, undefined);
});

test('a small tmpfs next to a heap leak: still a leak', () => {
  const s = series(30, (t) => 10 * MiB + t * 4 * MiB).map((x, t) => ({
    ...x,
    cgroup: { ...x.cgroup, file: t * MiB, shmem: t * MiB, usage: x.cgroup!.usage! + t * MiB },
  }));
  assert.equal(forecast(s).kind, 'leak');
});
