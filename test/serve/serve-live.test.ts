// `gomemlens serve` end to end on real things: leaky in a real 192 MiB v1 memory cgroup, the
// page in Debian's Chromium. The charts gain points live, the forecast appears, the profile
// button takes a heap profile that shows up in the page, a reload resumes from the server's
// history, and nothing loads from anywhere but the server.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { cgroupSkipReason, createTestCgroup } from '../support/cgroup.js';
import { chromiumSkipReason, launchChromium, waitForPage, watchPage } from '../support/chromium.js';
import { goSkipReason, startScenario } from '../support/go-scenario.js';
import { startServe } from '../support/serve.js';

const skip = chromiumSkipReason('dist/web/live.js') ?? cgroupSkipReason() ?? goSkipReason('leaky');

const points = `Number(document.querySelector('[data-chart="Memory"]')?.getAttribute('data-points') ?? 0)`;
const heapOptions = `[...document.querySelectorAll('#profile-pick option')].map((o) => o.textContent)`;

test(
  'serve: live charts, forecast, profile button and reload on a real leak',
  { skip, timeout: 180_000 },
  async (t) => {
    const cg = createTestCgroup('serve');
    t.after(() => cg.remove());
    cg.setLimit(192 << 20);
    // 3.75 MiB/s: a forecast with an ETA within seconds, the kill within a minute.
    const svc = await startScenario('leaky', {
      args: ['-rate', '384KiB', '-every', '100ms'],
      cgroupDir: cg.dir,
    });
    t.after(() => svc.stop());
    const serve = await startServe([
      '--pid',
      String(svc.pid),
      '--url',
      svc.url!,
      '--listen',
      '127.0.0.1:0',
      '--profile-every',
      '10m',
    ]);
    t.after(() => serve.stop());
    const browser = await launchChromium();
    t.after(() => browser.close());
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const seen = watchPage(page, serve.url);
    await page.goto(serve.url);
    await waitForPage(page, `${points} >= 3`, 20_000);
    const first = (await page.evaluate(points)) as number;
    await waitForPage(page, `${points} >= ${first + 3}`, 20_000);
    const forecastShown = `/OOM in/.test(document.querySelector('#live-forecast')?.textContent ?? '')`;
    await waitForPage(page, forecastShown, 60_000);
    const forecast = await page.textContent('#live-forecast');
    // The first heap profile comes with the first tick; the button takes another.
    await waitForPage(page, `${heapOptions}.length >= 1`, 20_000);
    await page.click('#profile-now');
    await waitForPage(page, `${heapOptions}.some((l) => l.includes('(button)'))`, 30_000);
    await page.waitForSelector('#top-table td.fn', { timeout: 20_000 });
    const before = (await page.evaluate(points)) as number;
    await page.reload();
    await waitForPage(page, `${points} >= ${before}`, 20_000);
    const afterReload = (await page.evaluate(heapOptions)) as string[];
    mkdirSync('test-artifacts', { recursive: true });
    await page.screenshot({ path: 'test-artifacts/serve-live.png', fullPage: true });
    // A profile picked stays picked while newer ones arrive (the view is rebuilt for them).
    await page.selectOption('#profile-pick', { index: 0 });
    const pickedAt = afterReload.length;
    // The kernel kills it at the limit: the tab keeps its history and gives the verdict.
    const verdict = `document.querySelector('#verdict')?.innerText ?? ''`;
    await waitForPage(page, `/Grew most/.test(${verdict})`, 90_000);
    const ended = (await page.evaluate(verdict)) as string;
    const stillPicked = (await page.evaluate(
      `document.querySelector('#profile-pick').selectedOptions[0].textContent`,
    )) as string;
    const heapsAtEnd = ((await page.evaluate(heapOptions)) as string[]).length;
    await page.screenshot({ path: 'test-artifacts/serve-ended.png', fullPage: true });
    assert.match(forecast ?? '', /Forecast: leak, \+[\d.]+ MiB\/s charged, OOM in \d+/);
    assert.ok(
      afterReload.some((l) => l.includes('(button)')),
      `after reload: ${afterReload}`,
    );
    assert.match(
      ended,
      /OOM-killed\s+at .* after watching began \(memory\.oom_control oom_kill 0 -> 1\)/,
    );
    assert.match(ended, /main\.handleRequest: \+\d+(\.\d+)? MiB/);
    assert.ok(heapsAtEnd > pickedAt, `heap profiles ${pickedAt} -> ${heapsAtEnd}`);
    assert.match(stillPicked, /\(first\)/);
    assert.deepEqual(seen.errors, []);
    assert.deepEqual(seen.requests, []);
  },
);
