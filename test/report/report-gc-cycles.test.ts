// The report's GC cycle charts (heap before/after/live/goal and the CPU phases per cycle) on a
// real `watch -- CMD` capture, opened from file:// in Debian's Chromium: both charts are drawn
// with one point per cycle, and the values the page holds are the gctrace lines' own.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseCapture, type Capture } from '../../src/formats/capture.js';
import { parseGctraceLine } from '../../src/formats/gctrace.js';
import { gcCycleCharts } from '../../src/report/html/gc-cycles.js';
import { chromiumSkipReason, openPage } from '../support/chromium.js';

const CAPTURE = 'testdata/watch/leaky-gctrace-oom.ndjson';
const MiB = 1 << 20;

function capture(): Capture {
  const parsed = parseCapture(readFileSync(CAPTURE));
  assert.equal(parsed.kind, 'capture');
  return (parsed as { capture: Capture }).capture;
}

test('the chart data is the gctrace lines: heap in bytes, CPU per phase', () => {
  const c = capture();
  const lines = c.gctrace.flatMap((g) => g.lines).map((l) => parseGctraceLine(l)!);
  const g = gcCycleCharts(c, 1000)!;
  assert.equal(g.cycles, 67);
  assert.equal(g.forced, lines.filter((l) => l.kind === 'gc' && l.forced).length);
  const gc = lines.filter((l) => l.kind === 'gc');
  assert.deepEqual(
    g.heap.t,
    gc.map((l) => l.atSec),
  );
  assert.deepEqual(
    g.heap.series.heapStart,
    gc.map((l) => l.heapStartMiB * MiB),
  );
  assert.deepEqual(
    g.heap.series.goal,
    gc.map((l) => l.goalMiB * MiB),
  );
  assert.deepEqual(
    g.cpu.series.assist,
    gc.map((l) => l.cpuMs.assist),
  );
  assert.deepEqual(
    g.cpu.series.stw,
    gc.map((l) => l.cpuMs.sweepTerm + l.cpuMs.markTerm),
  );
});

test('a capture without gctrace lines has no GC cycle charts', () => {
  const c = parseCapture(readFileSync('testdata/watch/leaky-oom.ndjson'));
  assert.equal(c.kind === 'capture' && gcCycleCharts(c.capture, 1000), undefined);
});

const skip = chromiumSkipReason();

test(
  'Chromium draws the GC cycle charts of a watch -- CMD capture',
  { skip, timeout: 60_000 },
  async (t) => {
    const dir = mkdtempSync(join(tmpdir(), 'gomemlens-report-gc-'));
    t.after(() => rmSync(dir, { recursive: true, force: true }));
    const html = join(dir, 'report.html');
    const r = spawnSync(process.execPath, ['dist/src/cli/main.js', 'report', CAPTURE, '-o', html], {
      encoding: 'utf8',
    });
    assert.equal(r.status, 0, r.stderr);
    const { page, errors } = await openPage(t, `file://${html}`);
    await page.waitForSelector('#gc-cycles .uplot canvas', { timeout: 20_000 });
    const facts = (await page.evaluate(`({
    canvases: document.querySelectorAll('#gc-cycles .uplot canvas').length,
    heapPoints: Number(document.querySelector('#gc-cycles [data-chart="Heap per GC cycle"]')?.getAttribute('data-points')),
    cpuPoints: Number(document.querySelector('#gc-cycles [data-chart="GC CPU per cycle (ms)"]')?.getAttribute('data-points')),
    legend: [...document.querySelectorAll('#gc-cycles .u-legend .u-label')].map((l) => l.textContent),
    text: document.querySelector('#gc-cycles')?.textContent,
  })`)) as {
      canvases: number;
      heapPoints: number;
      cpuPoints: number;
      legend: string[];
      text: string;
    };
    // Hovering the heap chart at its right end shows the last cycle's values in the legend.
    const box = (await page.$('#gc-cycles [data-chart="Heap per GC cycle"] .u-over'))!;
    await box.scrollIntoViewIfNeeded();
    const b = (await box.boundingBox())!;
    await page.mouse.move(b.x + b.width - 1, b.y + b.height / 2);
    const values = (await page.evaluate(
      `[...document.querySelectorAll('#gc-cycles [data-chart="Heap per GC cycle"] .u-legend .u-value')].map((v) => v.textContent)`,
    )) as string[];
    mkdirSync('test-artifacts', { recursive: true });
    await (await page.$('#gc-cycles'))!.screenshot({ path: 'test-artifacts/report-gc-cycles.png' });
    assert.deepEqual(errors, []);
    assert.equal(facts.canvases, 2);
    assert.equal(facts.heapPoints, 67);
    assert.equal(facts.cpuPoints, 67);
    assert.match(facts.text, /67 GC cycles \(1 forced\)/);
    for (const label of [
      'goal',
      'before (cycle start)',
      'after (cycle end)',
      'marked live',
      'mark assist',
      'background mark',
      'idle mark',
      'stop-the-world',
    ])
      assert.ok(facts.legend.includes(label), `${label} in ${facts.legend}`);
    // The last gctrace line: "... 55->55->25 MB, 55 MB goal ..." (whole MiB).
    const last = parseGctraceLine(
      capture()
        .gctrace.flatMap((g) => g.lines)
        .at(-1)!,
    )!;
    assert.ok(last.kind === 'gc');
    assert.ok(values.includes(`${last.heapStartMiB} MiB`), `legend ${values}`);
    assert.ok(values.includes(`${last.goalMiB} MiB`), `legend ${values}`);
  },
);
