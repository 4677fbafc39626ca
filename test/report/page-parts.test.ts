// The pure parts of the page's design: binary axis ticks, evidence in units people read, the
// verdict's forecast-in-hindsight, from the real OOM capture.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { byteAxisMax, byteTicks, niceTicks } from '../../src/report/html/axis-ticks.js';
import { evidenceText } from '../../src/report/evidence-text.js';
import { parseCapture } from '../../src/formats/capture.js';
import { postMortem } from '../../src/analysis/postmortem.js';
import { buildReportData } from '../../src/report/html/report-data.js';

const MiB = 1 << 20;

test('byte ticks step by a power of two, at least three on every span', () => {
  assert.deepEqual(
    byteTicks(0, 400 * MiB).map((v) => v / MiB),
    [0, 128, 256, 384],
  );
  assert.deepEqual(
    byteTicks(0, 192 * MiB).map((v) => v / MiB),
    [0, 64, 128, 192],
  );
  for (const span of [1, 3, 1000, 5 * MiB, 191 * MiB, 381 * MiB, 7.3 * 2 ** 30]) {
    const t = byteTicks(0, span);
    assert.ok(t.length >= 3, `${span}: ${t}`);
    const step = t[1] - t[0];
    assert.ok(Number.isInteger(Math.log2(step)), `${span}: step ${step} is a power of two`);
  }
  assert.equal(byteAxisMax(381 * MiB) / MiB, 512);
});

test('other axes: 1, 2, 5 steps, at least three ticks, even on a tiny span', () => {
  assert.deepEqual(niceTicks(0, 60), [0, 20, 40, 60]);
  for (const [lo, hi] of [
    [53, 55],
    [0, 0.2],
    [0, 1e6],
    [4.53, 4.56],
  ]) {
    const t = niceTicks(lo, hi);
    assert.ok(t.length >= 3 && t.every((v) => v >= lo && v <= hi), `${lo}..${hi}: ${t}`);
  }
});

test('evidence reads as people read it', () => {
  assert.equal(evidenceText(5271233.05, 'bytes/s'), '+5.03 MiB/s');
  assert.equal(evidenceText(35.2, 'seconds'), '35 s');
  assert.equal(evidenceText(250, 'seconds'), '4m10s');
  assert.equal(evidenceText(-1, 'seconds'), 'no bound');
  assert.equal(evidenceText(256 * MiB, 'bytes'), '256 MiB');
  assert.equal(evidenceText(true), 'yes');
});

test('the report of the real OOM capture: verdict, marks, evidence named from the args', () => {
  const r = parseCapture(readFileSync('testdata/watch/leaky-oom.ndjson'));
  assert.equal(r.kind, 'capture');
  if (r.kind !== 'capture') return;
  const c = r.capture;
  const pm = postMortem(c);
  const d = buildReportData(c, pm);
  assert.equal(d.verdict.outcome, 'oom-killed');
  const h = d.verdict.hindsight!;
  // Halfway through the 50 s run: the forecast in force then said ~24 s; the kill came ~25 s later.
  const half = c.header.startedAt + (pm.endedAt! - c.header.startedAt) / 2;
  assert.ok(Math.abs(h.at - half) < 6000, `forecast at ${h.at - c.header.startedAt} ms`);
  assert.ok(Math.abs(h.actualSec - (pm.endedAt! - h.at) / 1000) < 1e-9);
  assert.ok(Math.abs(h.etaSec - h.actualSec) / h.actualSec < 0.2, `${h.etaSec} vs ${h.actualSec}`);
  assert.equal(d.verdict.gomemlimit, null, 'GOMEMLIMIT off');
  assert.equal(d.verdict.top[0].severity, 'error');
  assert.deepEqual(
    d.marks.map((m) => m.kind),
    [...c.triggers.map(() => 'trigger'), 'kill'],
  );
  const oom = d.findings.find((f) => f.finding.code === 'oom-forecast')!;
  const rate = oom.finding.evidence.find((e) => e.what === 'growth rate')!;
  assert.equal(rate.unit, 'bytes/s');
  assert.equal(rate.value, oom.finding.args.slopeBytesPerSec);
  assert.ok(!oom.finding.evidence.some((e) => /PerSec|Sec$/.test(e.what)));
});
