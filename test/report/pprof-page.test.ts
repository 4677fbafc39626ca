// `gomemlens pprof html`: the page is built by the CLI from real profiles and opened from
// file:// in Debian's Chromium (playwright-core). What it shows must be the engine's numbers
// (compared with profileTop/profileDiff/peek in this process), and search, zoom, the sample
// type, the granularity, the diff base and peek must work. Names from the profile show as
// text: main.site30 is renamed to markup of the same length.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { profileDiff } from '../../src/analysis/profile-diff.js';
import { profileTop } from '../../src/analysis/profile-top.js';
import { parseProfile } from '../../src/formats/pprof-detect.js';
import { chromiumSkipReason, openPage } from '../support/chromium.js';

const HEAP = 'testdata/pprof/shapes-heap.pb.gz';
const HEAP2 = 'testdata/pprof/shapes-heap2.pb.gz';
const EVIL = '<b>x</b>sit'; // as long as main.site30

const skip = chromiumSkipReason('dist/web/pprof.js');

/** heap2 with main.site30 renamed to markup of the same length (the bytes stay valid). */
function evilHeap(dir: string): string {
  const raw = gunzipSync(readFileSync(HEAP2));
  const at = raw.indexOf('main.site30');
  assert.ok(at >= 0);
  raw.write(EVIL, at, 'latin1');
  const path = join(dir, 'evil.pb.gz');
  writeFileSync(path, gzipSync(raw));
  return path;
}

const cli = (args: string[]) =>
  spawnSync(process.execPath, ['dist/src/cli/main.js', 'pprof', 'html', ...args], {
    encoding: 'utf8',
  });

test('pprof html: bad input is one line and exit 2, and nothing is written', () => {
  const dir = mkdtempSync(join(tmpdir(), 'gomemlens-pprof-html-'));
  try {
    writeFileSync(join(dir, 'bad'), 'not a profile');
    const out = join(dir, 'page.html');
    for (const args of [
      [join(dir, 'bad'), '-o', out],
      [HEAP, '--base', join(dir, 'x'), '-o', out],
      [HEAP],
    ]) {
      const r = cli(args);
      assert.equal(r.status, 2, r.stderr);
      assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
      assert.ok(!existsSync(out));
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('pprof html: the page in Chromium', { skip, timeout: 90_000 }, async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'gomemlens-pprof-html-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const html = join(dir, 'page.html');
  const newer = evilHeap(dir);
  const r = cli([newer, '--base', HEAP, '-o', html]);
  assert.equal(r.status, 0, r.stderr);
  const text = readFileSync(html, 'utf8');
  assert.doesNotMatch(text, /<(script|link|img|iframe)\b[^>]*\b(src|href)=/i);
  assert.match(text, /Content-Security-Policy" content="default-src 'none'/);
  const next = await parseProfile(readFileSync(newer));
  const base = await parseProfile(readFileSync(HEAP));

  const { page, errors, requests } = await openPage(t, `file://${html}`);
  await page.waitForSelector('#top-table td.fn');
  const texts = (sel: string) => page.$$eval(sel, (els) => els.map((e) => e.textContent ?? ''));
  const frames = () => page.$$eval('#flame .frame', (fs) => fs.length);

  await t.test('top and change tables are the engine numbers', async () => {
    const top = profileTop(next, {});
    assert.deepEqual(
      (await texts('#top-table td.fn')).slice(0, 8),
      top.rows.slice(0, 8).map((x) => x.name),
    );
    const diff = profileDiff(base, next, {});
    assert.deepEqual(
      (await texts('#diff-table td.fn')).slice(0, 5),
      diff.rows.slice(0, 5).map((x) => x.name),
    );
    const cells = await texts('#diff-table td');
    assert.ok(
      cells.some((c) => c.startsWith('+')) && cells.some((c) => c.startsWith('-')),
      'grew and shrank',
    );
    assert.ok((await texts('#top-table td.fn')).includes(EVIL), 'markup shown as text');
  });

  await t.test('search marks frames and keeps matching rows', async () => {
    await page.fill('#search', 'site3');
    const rows = await texts('#top-table td.fn');
    assert.ok(rows.length > 0 && rows.every((n) => /site3/.test(n)), rows.join());
    const marked = await texts('#flame .frame.match');
    assert.ok(marked.length > 0 && marked.every((n) => /site3/.test(n)), marked.join());
    assert.match((await texts('.flame-status'))[0], /Search matched .*% of the total/);
    await page.fill('#search', '');
  });

  await t.test('clicking a frame zooms in; the top frame zooms out', async () => {
    const all = await frames();
    await page.click('#flame .frame >> nth=3');
    const zoomed = await frames();
    assert.match((await texts('.flame-status'))[0], /Zoomed into/);
    await page.click('#flame .frame >> nth=0');
    assert.ok(zoomed < all && (await frames()) === all, `frames ${all} -> ${zoomed}`);
  });

  await t.test('peek: callers and callees of a clicked row', async () => {
    await page.fill('#peek-input', 'main\\.manySites$');
    await page.waitForSelector('#peek tr.self');
    assert.match((await texts('#peek tr.self td.fn'))[0], /^main\.manySites /);
    assert.deepEqual(await texts('#peek tr.caller td.fn'), ['main.work']);
    assert.ok((await texts('#peek tr.callee td.fn')).length > 10, 'the sites it calls');
    await page.click('#top-table tbody tr >> nth=0');
    assert.equal(
      await page.inputValue('#peek-input'),
      `^${profileTop(next).rows[0].name.replace(/\./g, '\\.')}$`,
    );
  });

  await t.test('sample type, granularity and base switches', async () => {
    await page.selectOption('#sample-type', 'alloc_space');
    // Run in the page (the test is compiled without the DOM lib, hence the strings).
    const first = `document.querySelector('#top-table td.fn')?.textContent`;
    const alloc = profileTop(next, { sampleIndex: 'alloc_space' }).rows[0].name;
    await page.waitForFunction(`${first} === ${JSON.stringify(alloc)}`);
    await page.selectOption('#granularity', 'lines');
    await page.waitForFunction(`/ [^ ]+\\.go:\\d+$/.test(${first} ?? '')`);
    await page.selectOption('#profile-base', '-1');
    await page.waitForFunction(`document.querySelector('#diff-table').hidden`);
  });

  assert.deepEqual(errors, []);
  assert.deepEqual(requests, []);
});
