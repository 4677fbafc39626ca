// The report's what-if chart: the same predictions as `simulate` for the same settings, drawn
// and tabled in Debian's Chromium from file://, the OOM-killed setting marked.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../support/cli.js';
import { chromiumSkipReason, openPage } from '../support/chromium.js';

const CAPTURE = 'testdata/advise/gcload-gogc100.ndjson';

interface Prediction {
  settings: { gogc: number | 'off'; gomemlimit: string };
  oomAtSec: number | null;
  peakContainerBytes: number;
}

test("the what-if data are simulate's predictions for GOGC 25-off under each GOMEMLIMIT", async () => {
  const report = await runCli(['report', CAPTURE, '--json']);
  assert.equal(report.code, 0, report.stderr);
  const predictions = JSON.parse(report.stdout).whatIf.doc.predictions as Prediction[];
  const limits = [...new Set(predictions.map((p) => p.settings.gomemlimit))];
  // The capture ran without GOMEMLIMIT in a 2 GiB group: off and 90% of the limit.
  assert.deepEqual(limits, ['off', '1843MiB']);
  const sim = await runCli([
    'simulate',
    CAPTURE,
    '--gogc',
    '25,50,100,200,400,off',
    '--gomemlimit',
    limits.join(','),
    '--json',
  ]);
  assert.equal(sim.code, 0, sim.stderr);
  assert.deepEqual(predictions, JSON.parse(sim.stdout).predictions);
  const oom = predictions.filter((p) => p.oomAtSec !== null).map((p) => p.settings);
  assert.deepEqual(oom, [{ ...oom[0], gogc: 'off', gomemlimit: 'off' }]);
});

test(
  'the what-if chart and table open from file:// in Chromium',
  { skip: chromiumSkipReason(), timeout: 60_000 },
  async (t) => {
    const dir = mkdtempSync(join(tmpdir(), 'gomemlens-whatif-'));
    t.after(() => rmSync(dir, { recursive: true, force: true }));
    const html = join(dir, 'report.html');
    const r = await runCli(['report', CAPTURE, '-o', html]);
    assert.equal(r.code, 0, r.stderr);
    const { page, errors } = await openPage(t, `file://${html}`);
    await page.waitForSelector('#what-if-table tr');
    const rows: string[][] = await page.evaluate(
      `[...document.querySelectorAll('#what-if-table tr')].map((tr) => [...tr.children].map((c) => c.textContent))`,
    );
    const canvases = await page.$$eval('#what-if .uplot canvas', (c) => c.length);
    mkdirSync('test-artifacts', { recursive: true });
    await page.locator('#what-if').screenshot({ path: 'test-artifacts/what-if.png' });
    assert.deepEqual(errors, []);
    assert.equal(canvases, 1);
    assert.equal(rows.length, 1 + 12, 'a header and 6 GOGC x 2 GOMEMLIMIT rows');
    assert.deepEqual(rows[0].slice(0, 2), ['GOGC', 'GOMEMLIMIT']);
    const killed = rows.filter((r) => r[r.length - 1].startsWith('OOM-killed'));
    assert.deepEqual(
      killed.map((r) => r.slice(0, 2)),
      [['off', 'off']],
    );
  },
);
