/**
 * The report's GC section: an execution trace record (as watch takes one on a trigger) in a
 * real OOM capture is read into the heap/goal and pause charts and the trace gc summary, and
 * the page shows them in Chromium from file://.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseCapture } from '../../src/formats/capture.js';
import { reportGcTraces } from '../../src/report/html/trace-view.js';
import { goSkipReason } from '../support/go-scenario.js';
import { writeTrace } from './trace-gen.js';
import { CHROMIUM, openPage } from '../support/chromium.js';

const CAPTURE = 'testdata/watch/leaky-oom.ndjson';
const dir = mkdtempSync(join(tmpdir(), 'gomemlens-trace-report-'));
test.after(() => rmSync(dir, { recursive: true, force: true }));

/** The capture with a trace record (and a damaged one) put in before its end record. */
function captureWithTrace(trace: Buffer): string {
  const lines = readFileSync(CAPTURE, 'utf8').split('\n').filter(Boolean);
  const end = lines.findIndex((l) => (JSON.parse(l) as { type: string }).type === 'end');
  const t = (JSON.parse(lines[end - 1]) as { t: number }).t;
  const rec = (data: Buffer, reason: string) =>
    JSON.stringify({
      type: 'profile',
      t,
      kind: 'trace',
      reason,
      encoding: 'base64',
      data: data.toString('base64'),
    });
  lines.splice(end, 0, rec(trace.subarray(0, 100), 'broken'), rec(trace, 'eta'));
  const path = join(dir, 'with-trace.ndjson');
  writeFileSync(path, lines.join('\n') + '\n');
  return path;
}

test(
  'report data: a trace record becomes charts and the trace gc summary; a broken one says why',
  { skip: goSkipReason('tracegen') },
  (t) => {
    const made = writeTrace(dir, '');
    if (typeof made === 'string') return t.skip(made);
    const read = parseCapture(readFileSync(captureWithTrace(readFileSync(made.path)), 'utf8'));
    assert.equal(read.kind, 'capture');
    const [broken, ok] = reportGcTraces(read.kind === 'capture' ? read.capture.profiles : []);
    assert.match(broken.error ?? '', /cut short|truncated|end of data/);
    assert.equal(ok.error, undefined);
    assert.match(ok.text, /Stop-the-world pauses: \d+/);
    assert.ok(ok.heap.t.length > 10 && ok.heap.series.goal.some((v) => v !== null));
    assert.ok(ok.pauses.series.pauseMs.some((v) => v !== null && v > 0));
    // The trace ends when the record was written.
    assert.ok(Math.abs(ok.heap.t[ok.heap.t.length - 1] - ok.t / 1000) < 0.5);
  },
);

const skip = !existsSync(CHROMIUM)
  ? `no ${CHROMIUM}`
  : !existsSync('dist/web/report.js')
    ? 'dist/web/report.js not built (npm run build)'
    : goSkipReason('tracegen');

test('the report shows the GC section in Chromium', { skip, timeout: 90_000 }, async (t) => {
  const made = writeTrace(dir, '');
  if (typeof made === 'string') return t.skip(made);
  const html = join(dir, 'report.html');
  const capture = captureWithTrace(readFileSync(made.path));
  const r = spawnSync(process.execPath, ['bin/gomemlens.js', 'report', capture, '-o', html], {
    encoding: 'utf8',
  });
  assert.equal(r.status, 0, r.stderr);
  const { page, errors, requests } = await openPage(t, `file://${html}`);
  await page.waitForSelector('#gctraces pre.trace-summary', { timeout: 30_000 });
  const facts: { canvases: number; summary: string; error: string } = await page.evaluate(`({
    canvases: document.querySelectorAll('#gctraces .uplot canvas').length,
    summary: document.querySelector('#gctraces pre.trace-summary')?.textContent ?? '',
    error: document.querySelector('#gctraces p.error')?.textContent ?? '',
  })`);
  assert.deepEqual(errors, []);
  assert.deepEqual(requests, []);
  assert.ok(facts.canvases >= 2, `canvases: ${facts.canvases}`);
  assert.match(facts.summary, /GC timeline/);
  assert.match(facts.error, /Could not read it/);
});
