// The leaks real services have, on synthetic series: the forecast's verdict, its ETA to the kill
// (what the cgroup cannot reclaim, against the limit), and what it must never say.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { forecast } from '../../src/analysis/forecast.js';
import { runSeriesRules } from '../../src/analysis/series-rules/index.js';
import { forecastText } from '../../src/report/watch-text.js';
import { LIMIT, MiB, synthetic, upTo } from '../support/synthetic.js';

const codes = (f: ReturnType<typeof forecast>) =>
  runSeriesRules([], f, undefined).findings.map((x) => x.code);

test('partly-touched buffers: the heap in use passes the limit, the ETA follows the charge', () => {
  // 10 MiB/s of buffers of which 40% of the pages are written: the kernel charges 4 MiB/s.
  const s = synthetic(40, { heap: (t) => t * 10 * MiB, charged: (t) => 20 * MiB + t * 4 * MiB });
  const f = forecast(s);
  assert.ok(s[39].go!.heapInuse! > LIMIT, 'the heap in use is past the limit');
  assert.equal(f.kind, 'leak');
  const expected = (LIMIT - 176 * MiB) / (4 * MiB); // 20 s: charged 176 MiB at t=39
  assert.ok(Math.abs(f.etaSec! - expected) < 1, `eta ${f.etaSec} vs ${expected}`);
  assert.match(forecastText(f), /^heap leak \+10 MiB\/s, charged \+4 MiB\/s, OOM in 20s/);
  const oom = runSeriesRules([], f, undefined).findings.find((x) => x.code === 'oom-forecast');
  assert.equal(oom?.args.grows, 'heap');
  assert.ok(Math.abs(Number(oom?.args.slopeBytesPerSec) - 4 * MiB) < 0.1 * MiB);
});

test('a burst leak (20 MiB every 5 s) is a leak at every tick, with the staircase ETA', () => {
  const step = (t: number) => Math.floor((t + 1) / 5) * 20 * MiB;
  const s = synthetic(60, { heap: step });
  // Killed at the first step that takes the charge (heap + 20 MiB) past the limit: t=59.
  const killedAt = 59;
  for (let t = 20; t < 55; t++) {
    const f = forecast(upTo(s, t));
    assert.equal(f.kind, 'leak', `t=${t}: ${f.kind}`);
    const left = killedAt - t;
    // The kill comes at a step: within half a step period either way of the line.
    const err = Math.abs(f.etaSec! - left);
    if (t >= 25) assert.ok(err <= Math.max(0.25 * left, 2.5), `t=${t}: eta ${f.etaSec} vs ${left}`);
  }
});

test('a leak that slows down is extrapolated at its recent pace', () => {
  // 5 MiB/s at first, x 30/(30+t): at t=40, 2.1 MiB/s; the whole window averages 3.2 MiB/s.
  const grown = (t: number) => 150 * MiB * Math.log(1 + t / 30);
  const s = synthetic(41, { heap: grown });
  const f = forecast(s);
  assert.equal(f.kind, 'leak');
  const room = LIMIT - (grown(40) + 20 * MiB);
  assert.ok(f.etaSec! > room / (3 * MiB), `eta ${f.etaSec}: not the whole window's pace`);
  assert.ok(Math.abs(f.charged!.slope - 2.3 * MiB) < 0.4 * MiB, `slope ${f.charged!.slope}`);
});

test('a warm-up, then a slower leak: the ETA is at the leak pace', () => {
  const heap = (t: number) => Math.min(t, 10) * 9 * MiB + Math.max(0, t - 10) * 2 * MiB;
  const f = forecast(synthetic(41, { heap }));
  assert.equal(f.kind, 'leak');
  const expected = (LIMIT - heap(40) - 20 * MiB) / (2 * MiB); // 43 s
  assert.ok(Math.abs(f.etaSec! - expected) < 0.1 * expected, `eta ${f.etaSec} vs ${expected}`);
});

test('goroutine stacks that grow: a leak of stacks, named so', () => {
  const f = forecast(
    synthetic(30, {
      heap: () => 5 * MiB,
      charged: (t) => 20 * MiB + t * 3 * MiB,
      go: (t) => ({ stackInuse: MiB + t * 3 * MiB }),
    }),
  );
  assert.equal(f.kind, 'leak');
  assert.equal(f.grows, 'stacks');
  assert.match(forecastText(f), /^goroutine stack leak \+3 MiB\/s, OOM in/);
  assert.deepEqual(codes(f), ['memory-leak', 'oom-forecast']);
});

test('a heap that grows into memory already charged is not a leak (garbage between far-apart GCs)', () => {
  const f = forecast(
    synthetic(60, { heap: (t) => 100 * MiB + t * 0.5 * MiB, charged: () => 150 * MiB }),
  );
  assert.notEqual(f.kind, 'leak');
  assert.equal(f.etaSec, undefined);
});

test('without Go numbers the charge decides, and the leak is of "memory"', () => {
  const f = forecast(synthetic(30, { heap: (t) => t * 4 * MiB, noGo: true }));
  assert.equal(f.kind, 'leak');
  assert.equal(f.grows, 'memory');
  assert.deepEqual(codes(f), ['memory-leak', 'oom-forecast']);
});

test('at the limit under reclaim: no "OOM in 0", the text says the kernel is reclaiming', () => {
  // The charge reaches 255.5 MiB of 256 MiB; memory.failcnt rises by 3 a second.
  const s = synthetic(60, {
    heap: (t) => 20 * MiB + t * 4 * MiB,
    charged: (t) => Math.min(LIMIT - MiB / 2, 20 * MiB + t * 4.1 * MiB),
    cgroup: (t) => ({ failcnt: Math.max(0, t - 55) * 3 }),
  });
  const f = forecast(s);
  assert.equal(f.kind, 'leak');
  assert.equal(f.etaSec, undefined);
  assert.equal(f.atLimit, true);
  assert.deepEqual(f.reclaim, { source: 'memory.failcnt', rise: 12, windowSec: 5 });
  const text = forecastText(f);
  assert.doesNotMatch(text, /OOM in/);
  assert.match(text, /at the limit under reclaim \(memory\.failcnt \+12 in 5\.0s\)/);
  assert.ok(!codes(f).includes('oom-forecast'));
  // Before the kernel counts a failure to charge, it says so without the counters.
  const quiet = forecast(
    s.slice(0, 58).map((x) => ({ ...x, cgroup: { ...x.cgroup, failcnt: 0 } })),
  );
  assert.equal(quiet.reclaim, undefined);
  assert.equal(quiet.atLimit, true);
  assert.match(forecastText(quiet), /^heap leak \+4 MiB\/s, at the limit$/);
});
