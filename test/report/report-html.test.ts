// The HTML report: built from a real OOM capture by the CLI, opened from file:// in Debian's
// Chromium (playwright-core, never a downloaded browser). Untrusted text from profiles must show
// as text: the leaking function is renamed "<script>x</script>" (same length, so the profile
// bytes stay valid) before the report is built.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { embedJson, renderReportHtml } from '../../src/report/html/page.js';
import { downsample } from '../../src/report/html/downsample.js';
import { CHROMIUM, openPage } from '../support/chromium.js';

const CAPTURE = 'testdata/watch/leaky-oom.ndjson';
const EVIL = '<script>x</script>';

test('embedded JSON cannot close its script element; inlined JS cannot either', () => {
  const json = embedJson({ name: '</script><script>alert(1)</script>', sep: '\u2028' });
  assert.doesNotMatch(json, /<\/script/i);
  assert.equal(JSON.parse(json).name, '</script><script>alert(1)</script>');
  const html = renderReportHtml({ notes: ['</script>'] } as never, {
    js: 'var s = "</script>";',
    css: '',
  });
  assert.equal(html.match(/<\/script>/g)?.length, 2, 'only the two closing tags of the page');
});

test("downsampling keeps each bucket's min and max and stays within its budget", () => {
  const n = 86_400;
  const times = Array.from({ length: n }, (_, i) => i * 1000);
  const v = times.map((_, i) => (i === 50_000 ? 1e9 : i === 60_000 ? -5 : i % 100));
  const d = downsample(times, { v }, 500);
  assert.ok(d.t.length <= 500 * 3, `points ${d.t.length}`);
  assert.ok(d.series.v.includes(1e9) && d.series.v.includes(-5), 'spike and dip survive');
  assert.deepEqual(
    [...d.t].sort((a, b) => a - b),
    d.t,
    'time order kept',
  );
});

interface Facts {
  canvases: number;
  memoryPoints: number;
  scripts: number;
  topFn?: string;
  flame: string[];
  breakdownRows: number;
  breakdownTables: number;
  breakdownLabels: string[];
  verdict?: string;
  findings: number;
  diagnoseRows: number;
  goroutineTypes: string[];
  whatIf?: string;
}

function evilCapture(dir: string): string {
  const lines = readFileSync(CAPTURE, 'utf8').split('\n').filter(Boolean);
  const out = lines.map((line) => {
    const r = JSON.parse(line);
    if (r.type !== 'profile' || r.kind !== 'heap') return line;
    const raw = gunzipSync(Buffer.from(r.data, 'base64'));
    const at = raw.indexOf('main.handleRequest');
    assert.ok(at >= 0, 'the profile names main.handleRequest');
    raw.write(EVIL, at, 'latin1');
    return JSON.stringify({ ...r, data: gzipSync(raw).toString('base64') });
  });
  const path = join(dir, 'evil.ndjson');
  writeFileSync(path, out.join('\n') + '\n');
  return path;
}

const skip = !existsSync(CHROMIUM)
  ? `no ${CHROMIUM} (apt-get install chromium)`
  : !existsSync('dist/web/report.js')
    ? 'dist/web/report.js not built (npm run build)'
    : undefined;

test(
  'the report opens from file:// in Chromium: charts with data, no errors, untrusted names as text',
  { skip, timeout: 60_000 },
  async (t) => {
    const dir = mkdtempSync(join(tmpdir(), 'gomemlens-report-'));
    t.after(() => rmSync(dir, { recursive: true, force: true }));
    const html = join(dir, 'report.html');
    const r = spawnSync(
      process.execPath,
      ['dist/src/cli/main.js', 'report', evilCapture(dir), '-o', html],
      { encoding: 'utf8' },
    );
    assert.equal(r.status, 0, r.stderr);
    // Nothing loads from elsewhere: no src/href on script, link, img or iframe elements (the
    // requests are also watched below, and a Content-Security-Policy forbids them).
    assert.doesNotMatch(
      readFileSync(html, 'utf8'),
      /<(script|link|img|iframe)\b[^>]*\b(src|href)=/i,
    );
    const { page, errors, requests } = await openPage(t, `file://${html}`);
    await page.waitForSelector('#top-table td.fn', { timeout: 20_000 });
    await page.waitForSelector('#g-top-table td.fn', { timeout: 20_000 });
    // Runs in the page (the test is compiled without the DOM lib, hence the string).
    const facts: Facts = await page.evaluate(`({
    canvases: document.querySelectorAll('.uplot canvas').length,
    memoryPoints: Number(document.querySelector('[data-chart="Memory"]')?.getAttribute('data-points')),
    scripts: document.querySelectorAll('script').length,
    topFn: document.querySelector('#top-table td.fn')?.textContent,
    flame: [...document.querySelectorAll('.flame .frame')].map((f) => f.textContent),
    breakdownRows: document.querySelectorAll('#breakdown tr').length,
    breakdownTables: document.querySelectorAll('#breakdown table').length,
    breakdownLabels: [...document.querySelectorAll('#breakdown tr td:first-child')].map((td) => td.textContent),
    verdict: document.querySelector('#postmortem .verdict')?.textContent,
    findings: document.querySelectorAll('#findings .finding').length,
    diagnoseRows: document.querySelectorAll('#diagnose-moment tr').length,
    goroutineTypes: [...document.querySelectorAll('#g-sample-type option')].map((o) => o.value),
    whatIf: document.querySelector('#what-if')?.textContent,
  })`);
    // Clicking a frame of the icicle zooms into it; clicking its top frame zooms back out.
    const frames = () => page.$$eval('#flame .frame', (fs) => fs.length);
    const all = await frames();
    await page.click('#flame .frame >> nth=3');
    const zoomed = await frames();
    await page.click('#flame .frame >> nth=0');
    assert.ok(zoomed < all && (await frames()) === all, `frames ${all} -> ${zoomed}`);
    mkdirSync('test-artifacts', { recursive: true });
    await page.screenshot({ path: 'test-artifacts/report.png', fullPage: true });
    assert.deepEqual(errors, []);
    assert.deepEqual(requests, []);
    assert.ok(facts.canvases >= 3, `uPlot canvases: ${facts.canvases}`);
    assert.ok(facts.memoryPoints >= 40, `memory chart points: ${facts.memoryPoints}`);
    assert.equal(facts.scripts, 2, 'no script element came from the data');
    assert.equal(facts.topFn, EVIL);
    assert.ok(facts.flame.includes(EVIL), 'icicle shows the name as text');
    // One breakdown per moment, with diagnose's rows (shmem included: v1 total_shmem is 0 here).
    assert.equal(facts.breakdownTables, 1);
    assert.ok(facts.breakdownRows >= 10, `breakdown rows: ${facts.breakdownRows}`);
    for (const label of ['cgroup effective limit', 'working set', 'shmem:', 'process RSS'])
      assert.ok(
        facts.breakdownLabels.some((l) => l.startsWith(label)),
        `${label} in ${facts.breakdownLabels}`,
      );
    assert.match(facts.verdict ?? '', /OOM-killed/);
    // A capture without MemStats.TotalAlloc: the what-if section says why there is no chart.
    assert.match(facts.whatIf ?? '', /No what-if: .*no allocation counter/);
    assert.ok(facts.findings >= 3);
    assert.ok(
      facts.diagnoseRows >= 10,
      `diagnose breakdown rows at the moment: ${facts.diagnoseRows}`,
    );
  },
);
