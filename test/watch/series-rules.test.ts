import { test } from 'node:test';
import assert from 'node:assert/strict';
import { newPauses, type Sample } from '../../src/model/series.js';
import { forecast } from '../../src/analysis/forecast.js';
import { runSeriesRules } from '../../src/analysis/series-rules/index.js';
import { checkTriggers, DEFAULT_TRIGGERS, type TriggerState } from '../../src/analysis/triggers.js';
import { postMortem } from '../../src/analysis/postmortem.js';
import { CAPTURE_FORMAT } from '../../src/formats/capture.js';

/** A MemStats ring after `numGC` GCs where GC n paused n microseconds and ended at n seconds. */
function ring(numGC: number) {
  const ns = new Array(256).fill(0);
  const end = new Array(256).fill(0);
  for (let n = Math.max(1, numGC - 255); n <= numGC; n++) {
    ns[(n + 255) % 256] = n * 1000;
    end[(n + 255) % 256] = n * 1e9;
  }
  return { ns, end };
}

test('pauses from the ring: each GC once across samples, at most 256 after a long gap', () => {
  const a = ring(10);
  assert.deepEqual(newPauses(undefined, 10, a.ns, a.end), []);
  const b = ring(13);
  assert.deepEqual(
    newPauses(10, 13, b.ns, b.end).map(([, ns]) => ns / 1000),
    [11, 12, 13],
  );
  assert.deepEqual(newPauses(13, 13, b.ns, b.end), []);
  const c = ring(1000);
  const all = newPauses(13, 1000, c.ns, c.end);
  assert.equal(all.length, 256);
  assert.equal(all[0][1], 745_000);
  assert.equal(all[255][1], 1_000_000);
});

const base = 1_700_000_000_000;

function gcSamples(gcPerSec: number, longPauseAt?: number): Sample[] {
  return Array.from({ length: 12 }, (_, i) => ({
    t: base + i * 1000,
    cgroup: { events: { low: 0, high: i * 10, max: 0, oom: 0, oomKill: 0 } },
    go: {
      numGC: i * gcPerSec,
      pauses: i === longPauseAt ? [[0, 150e6] as const] : [[0, 1e5] as const],
      goroutines: 10 + i * 20,
    },
  }));
}

test('series rules: memory.high rise, GC rate, long pause and goroutine growth fire above their thresholds only', () => {
  const hot = gcSamples(6, 5);
  const codes = runSeriesRules(hot, forecast(hot), undefined)
    .findings.map((f) => f.code)
    .sort();
  assert.deepEqual(codes, [
    'gc-pause-long',
    'gc-rate-high',
    'goroutines-growing',
    'memory-high-rising',
  ]);
  const calm = gcSamples(2).map((s) => ({
    ...s,
    cgroup: { events: { low: 0, high: 3, max: 0, oom: 0, oomKill: 0 } },
    go: { ...s.go, goroutines: 10 },
  }));
  const r = runSeriesRules(calm, forecast(calm), undefined);
  assert.deepEqual(r.findings, []);
  assert.deepEqual(
    r.skipped.map((s) => s.rule),
    ['top-site-growing'],
  );
});

test('top site: over 40% and growing fires; a large but stable site does not', () => {
  const s = gcSamples(1);
  const grow = runSeriesRules(s, forecast(s), [
    { func: 'main.leak', inuseBytes: 100, share: 0.6, growthBytes: 40 },
  ]);
  assert.equal(grow.findings.find((f) => f.code === 'top-site-growing')?.args.func, 'main.leak');
  const stable = runSeriesRules(s, forecast(s), [
    { func: 'main.cache', inuseBytes: 100, share: 0.9, growthBytes: 1 },
  ]);
  assert.equal(
    stable.findings.some((f) => f.code === 'top-site-growing'),
    false,
  );
});

test('triggers: working set at 90%, a jump of failcnt; cooldown stops repeats', () => {
  const state: TriggerState = {};
  const s = (t: number, ws: number, failcnt: number): Sample => ({
    t,
    cgroup: { workingSet: ws, limit: 100, failcnt },
  });
  assert.deepEqual(checkTriggers(undefined, s(0, 80, 0), undefined, state), []);
  const hits = checkTriggers(s(0, 80, 0), s(1000, 91, 3), undefined, state);
  assert.deepEqual(hits.map((h) => h.name).sort(), ['failcnt', 'working-set']);
  assert.deepEqual(checkTriggers(s(1000, 91, 3), s(2000, 92, 5), undefined, state), []);
  assert.equal(checkTriggers(s(1000, 91, 3), s(12_000, 92, 5), undefined, state).length, 2);
  assert.deepEqual(
    checkTriggers(
      undefined,
      s(0, 99, 0),
      undefined,
      {},
      { ...DEFAULT_TRIGGERS, workingSetShare: 0 },
    ),
    [],
  );
});

test('post-mortem: an oom_kill counter that rose means OOM-killed; otherwise just exited', () => {
  const header = {
    type: 'header',
    format: CAPTURE_FORMAT,
    version: 1,
    startedAt: base,
    target: {},
    intervalMs: 1000,
    profileEveryMs: 30_000,
  } as const;
  const samples: Sample[] = [
    { t: base, cgroup: { oomKill: 0, workingSet: 10, limit: 100 }, go: {} },
    { t: base + 1000, cgroup: { oomKill: 0, workingSet: 99, limit: 100 }, go: {} },
    { t: base + 2000, cgroup: { oomKill: 1, workingSet: 0, limit: 100 } },
  ];
  const end = { type: 'end', t: base + 2000, why: 'target-exited' } as const;
  const pm = postMortem({ header, samples, profiles: [], triggers: [], end });
  assert.equal(pm.oomKilled, true);
  assert.deepEqual(pm.evidence, ['memory.oom_control oom_kill 0 -> 1']);
  assert.equal(pm.lastSample?.cgroup?.workingSet, 99);
  assert.equal(pm.finding?.code, 'oom-kill-observed');
  const quiet = postMortem({
    header,
    samples: samples.slice(0, 2),
    profiles: [],
    triggers: [],
    end,
  });
  assert.equal(quiet.oomKilled, false);
  assert.equal(quiet.finding?.code, 'target-exited');
});
