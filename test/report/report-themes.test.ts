// The report as an incident-ticket page, in Debian's Chromium: the verdict first with working
// links, charts with binary ticks (at least three each), limit labels and the hovered moment in
// the legend, evidence in units people read, labelled diff shares; light and dark themes at
// 1280 px, a phone in dark, and print. Screenshots of each go to test-artifacts/.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { chromiumSkipReason, launchChromium, waitForPage, watchPage } from '../support/chromium.js';

const CAPTURE = 'testdata/watch/leaky-oom.ndjson';
const skip = chromiumSkipReason();

interface Look {
  background: string;
  text: string;
  scrollWidth: number;
  firstSection?: string;
  sections: string[];
  verdict: string;
  links: string[];
  linkTargets: boolean[];
  ticks: Record<string, string[]>;
  findings: string;
  diffHeads: string[];
  diffCaption?: string;
}

const LOOK = `(() => {
  const ticks = {};
  for (const c of document.querySelectorAll('.chart')) {
    const u = c.querySelector('.uplot');
    if (!u) continue;
    for (const a of u.getAttributeNames().filter((n) => n.startsWith('data-ticks-')))
      ticks[c.getAttribute('data-chart') + ' ' + a.slice(11)] = u.getAttribute(a).split('|');
  }
  const links = [...document.querySelectorAll('#verdict a')].map((a) => a.getAttribute('href'));
  return {
    background: getComputedStyle(document.body).backgroundColor,
    text: getComputedStyle(document.body).color,
    scrollWidth: document.documentElement.scrollWidth,
    firstSection: document.querySelector('section')?.id,
    sections: [...document.querySelectorAll('section')].map((s) => s.id),
    verdict: document.querySelector('#verdict')?.innerText ?? '',
    links,
    linkTargets: links.map((h) => !!document.querySelector(h)),
    ticks,
    findings: document.querySelector('#findings')?.innerText ?? '',
    diffHeads: [...document.querySelectorAll('#diff-table th')].map((t) => t.textContent),
    diffCaption: document.querySelector('#diff-table caption')?.textContent,
  };
})()`;

async function open(browser: Browser, html: string, o: { width: number; dark: boolean }) {
  const page = await browser.newPage({
    viewport: { width: o.width, height: 900 },
    colorScheme: o.dark ? 'dark' : 'light',
  });
  const seen = watchPage(page, 'file://');
  await page.goto(`file://${html}`);
  await waitForPage(page, `document.querySelector('#diff-table td.fn')`, 20_000);
  return { page, seen, look: (await page.evaluate(LOOK)) as Look };
}

/** The legend's usage value: the newest sample until the pointer hovers a moment. */
async function legendOnHover(page: Page): Promise<{ before: string; during: string }> {
  const usage = `[...document.querySelectorAll('[data-chart="Memory"] .u-legend .u-series')].find((s) => s.textContent.includes('usage'))?.querySelector('.u-value')?.textContent`;
  const before = (await page.evaluate(usage)) as string;
  const box = (await page.locator('[data-chart="Memory"] .u-over').boundingBox())!;
  await page.mouse.move(box.x + box.width * 0.4, box.y + box.height / 2);
  const during = (await page.evaluate(usage)) as string;
  return { before, during };
}

test(
  'the report reads as an incident page in light, dark, phone and print',
  { skip, timeout: 90_000 },
  async (t) => {
    const dir = mkdtempSync(join(tmpdir(), 'gomemlens-themes-'));
    t.after(() => rmSync(dir, { recursive: true, force: true }));
    const html = join(dir, 'report.html');
    const r = spawnSync(process.execPath, ['dist/src/cli/main.js', 'report', CAPTURE, '-o', html], {
      encoding: 'utf8',
    });
    assert.equal(r.status, 0, r.stderr);
    const browser = await launchChromium();
    t.after(() => browser.close());
    mkdirSync('test-artifacts', { recursive: true });

    const light = await open(browser, html, { width: 1280, dark: false });
    const hover = await legendOnHover(light.page);
    await light.page.mouse.move(0, 0);
    await light.page.screenshot({ path: 'test-artifacts/report-light.png', fullPage: true });
    const dark = await open(browser, html, { width: 1280, dark: true });
    await dark.page.screenshot({ path: 'test-artifacts/report-dark.png', fullPage: true });
    const phone = await open(browser, html, { width: 390, dark: true });
    await phone.page.screenshot({ path: 'test-artifacts/report-phone-dark.png', fullPage: true });
    await light.page.emulateMedia({ media: 'print' });
    const printHidden = await light.page.evaluate(
      `getComputedStyle(document.querySelector('.controls')).display`,
    );
    await light.page.pdf({ path: 'test-artifacts/report-print.pdf', format: 'A4' });

    const L = light.look;
    // The verdict comes first and says how it ended, what grew, how good the forecast was.
    assert.equal(L.firstSection, 'verdict');
    // Every section, the GC ones among them, on the same page.
    const order = [
      'verdict',
      'charts',
      'breakdown',
      'findings',
      'postmortem',
      'gc-cycles',
      'what-if',
      'profiles',
    ];
    assert.deepEqual(
      L.sections.filter((id) => order.includes(id)),
      order,
    );
    assert.match(L.verdict, /OOM-killed\s+at .*, 50 s after watching began/);
    assert.match(L.verdict, /main\.handleRequest: \+\d+ MiB/);
    assert.match(
      L.verdict,
      /halfway, .* it said OOM in \d+ s[^;]*; the kill came \d+ s later \(off by \d+%\)/,
    );
    assert.match(L.verdict, /limit 256 MiB; GOMEMLIMIT off; GOGC 100/);
    assert.ok(
      L.links.some((h) => h.startsWith('#finding-')),
      `${L.links}`,
    );
    assert.ok(L.linkTargets.every(Boolean), `verdict links ${L.links} -> ${L.linkTargets}`);
    // Binary ticks on byte axes; at least three ticks on every axis.
    const bytes = L.ticks['Memory bytes'];
    assert.ok(bytes.length >= 3, `${bytes}`);
    for (const tick of bytes) assert.match(tick, /^(0 B|(64|128|192|256|320|384|448|512) MiB)$/);
    for (const [axis, ticks] of Object.entries(L.ticks))
      assert.ok(ticks.length >= 3, `${axis}: ${ticks}`);
    assert.ok(
      L.ticks['Forecast: time to the OOM kill (and to the GC thrash point) sec'].length >= 3,
    );
    // The legend: the newest value, then the hovered moment's.
    assert.match(hover.before, /KiB|MiB/);
    assert.match(hover.during, /MiB/);
    assert.notEqual(hover.during, hover.before);
    // Evidence for people; diff shares say what they are of.
    assert.match(L.findings, /growth rate: \+\d+(\.\d+)? MiB\/s/);
    assert.match(L.findings, /time left: \d+(\.\d)? s/);
    assert.doesNotMatch(L.findings, /slopeBytesPerSec|etaSec|\d{7,}/);
    assert.deepEqual(L.diffHeads.slice(0, 4), [
      'flat change',
      'of base total',
      'cum change',
      'of base total',
    ]);
    assert.match(L.diffCaption ?? '', /of the base profile's total, [\d.]+ (KiB|MiB)/);
    // Themes follow the system; the phone page does not scroll sideways; print hides controls.
    assert.equal(L.background, 'rgb(250, 250, 250)');
    assert.equal(dark.look.background, 'rgb(22, 24, 28)');
    assert.notEqual(dark.look.text, L.text);
    assert.ok(phone.look.scrollWidth <= 390, `phone page ${phone.look.scrollWidth} px wide`);
    assert.equal(printHidden, 'none');
    for (const s of [light.seen, dark.seen, phone.seen]) {
      assert.deepEqual(s.errors, []);
      assert.deepEqual(s.requests, []);
    }
  },
);
