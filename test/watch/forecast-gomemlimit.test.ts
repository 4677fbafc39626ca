// A leak under GOMEMLIMIT on a synthetic series: the GC holds Go's memory (and so the charge)
// near GOMEMLIMIT while the live heap grows, thrashes once the live heap reaches the heap goal
// GOMEMLIMIT sets, then the heap grows past the limit until the cgroup kills the process.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { forecast } from '../../src/analysis/forecast.js';
import { runSeriesRules } from '../../src/analysis/series-rules/index.js';
import { forecastText } from '../../src/report/watch-text.js';
import type { Sample } from '../../src/model/series.js';
import { MiB, synthetic } from '../support/synthetic.js';

const GOMEMLIMIT = 200 * MiB;
const NON_HEAP = 6 * MiB;
// runtime/mgcpacer.go memoryLimitHeapGoal: (limit - nonHeap) less 3% headroom.
const GOAL = (GOMEMLIMIT - NON_HEAP) * 0.97;
const live = (t: number) => 20 * MiB + t * 4 * MiB;
const THRASH_AT = (GOAL - 20 * MiB) / (4 * MiB); // 42.0 s
const PLATEAU = GOMEMLIMIT + 5 * MiB;
const charged = (t: number) =>
  t < THRASH_AT ? Math.min(2 * live(t) + 10 * MiB, PLATEAU) : PLATEAU + (t - THRASH_AT) * 4 * MiB;

/** A GC every tick (sampled just after it); Go's mapped memory held at GOMEMLIMIT, then past it. */
function leakUnderLimit(seconds: number): Sample[] {
  return synthetic(seconds, {
    heap: (t) => live(t) + MiB,
    charged,
    go: (t) => {
      const heapAlloc = live(t) + MiB;
      const mapped = t < THRASH_AT ? charged(t) - 5 * MiB : heapAlloc + NON_HEAP;
      return {
        numGC: t,
        nextGC: Math.max(Math.min(2 * live(t), GOAL), live(t)),
        gomemlimit: GOMEMLIMIT,
        sys: mapped,
        heapReleased: 0,
        heapIdle: mapped - heapAlloc - NON_HEAP,
      };
    },
    cgroup: (t) => ({ anon: charged(t) }),
  });
}

test('GOMEMLIMIT holds the charge flat: the kill is forecast by way of the thrash point', () => {
  const s = leakUnderLimit(31);
  assert.equal(charged(30), charged(20), 'the charge is flat over the latest part');
  const f = forecast(s);
  assert.equal(f.kind, 'leak');
  assert.equal(f.viaThrash, true);
  assert.ok(Math.abs(f.thrashEtaSec! - (THRASH_AT - 30)) < 1, `thrash in ${f.thrashEtaSec}`);
  const kill = THRASH_AT - 30 + (256 * MiB - PLATEAU) / (4 * MiB); // 24.8 s
  assert.ok(Math.abs(f.etaSec! - kill) < 1.5, `kill in ${f.etaSec} vs ${kill}`);
  assert.match(forecastText(f), /GC thrash at GOMEMLIMIT in 1[12](\.\d)?s, then OOM in 2[345]s/);
  const codes = runSeriesRules([], f, undefined).findings.map((x) => x.code);
  assert.deepEqual(codes, ['heap-leak', 'oom-forecast', 'gomemlimit-thrash-forecast']);
  // Without GOMEMLIMIT's numbers, a flat charge would say nothing is coming.
  const blind = s.map((x) => ({ ...x, go: { ...x.go, gomemlimit: undefined } }));
  assert.equal(forecast(blind).etaSec, undefined);
});

test('past the heap goal: thrashing now, and the kill at the live heap pace', () => {
  const f = forecast(leakUnderLimit(49));
  assert.equal(f.thrashing, true);
  const kill = (256 * MiB - charged(48)) / (4 * MiB); // 6.8 s
  assert.ok(Math.abs(f.etaSec! - kill) < 1, `kill in ${f.etaSec} vs ${kill}`);
  assert.match(forecastText(f), /GC thrashing at GOMEMLIMIT, OOM in [67](\.\d)?s/);
  const thrash = runSeriesRules([], f, undefined).findings.find(
    (x) => x.code === 'gomemlimit-thrash-forecast',
  );
  assert.equal(thrash?.args.thrashing, true);
});

test('GOMEMLIMIT above the cgroup limit: the kill comes first, no thrash point is promised', () => {
  const s = synthetic(30, {
    heap: (t) => live(t),
    go: (t) => ({ gomemlimit: 1024 * MiB, nextGC: 2 * live(t), sys: live(t) + 10 * MiB }),
  });
  const f = forecast(s);
  assert.equal(f.kind, 'leak');
  assert.equal(f.thrashEtaSec, undefined);
  assert.ok(Math.abs(f.etaSec! - (256 * MiB - live(29) - 20 * MiB) / (4 * MiB)) < 1);
  const codes = runSeriesRules([], f, undefined).findings.map((x) => x.code);
  assert.ok(!codes.includes('gomemlimit-thrash-forecast'), `${codes}`);
});
