/**
 * Debian's Chromium through playwright-core (never a downloaded browser), for page tests: the
 * report from file:// and the live page of `serve` over HTTP. Every request that leaves the
 * page's origin is collected (the pages must load nothing from elsewhere), with the page's errors.
 */
import { existsSync } from 'node:fs';
import type { TestContext } from 'node:test';
import type { Browser, Page } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';

/** Why a Chromium test cannot run here (or undefined): no browser, or the page code not built. */
export function chromiumSkipReason(bundle = 'dist/web/report.js'): string | undefined {
  if (!existsSync(CHROMIUM)) return `no ${CHROMIUM} (apt-get install chromium)`;
  if (!existsSync(bundle)) return `${bundle} not built (npm run build)`;
  return undefined;
}

export async function launchChromium(): Promise<Browser> {
  const { chromium } = await import('playwright-core');
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}

/** Collects console errors, page errors and every request that leaves `origin`. */
export function watchPage(page: Page, origin: string): { errors: string[]; requests: string[] } {
  const errors: string[] = [];
  const requests: string[] = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('request', (q) => {
    const u = q.url();
    if (!u.startsWith(origin) && !/^(data|blob|file):/.test(u)) requests.push(u);
  });
  return { errors, requests };
}

export interface OpenedPage {
  readonly page: Page;
  /** Console errors and uncaught exceptions. */
  readonly errors: string[];
  /** Requests to anything but the page's origin and file:, data: and blob: URLs. */
  readonly requests: string[];
}

/** Opens `url` in a fresh browser that is closed after the test. */
export async function openPage(t: TestContext, url: string): Promise<OpenedPage> {
  const browser = await launchChromium();
  t.after(() => browser.close());
  const page = await browser.newPage({ viewport: { width: 1300, height: 900 } });
  const origin = url.startsWith('file:') ? 'file:' : new URL(url).origin;
  const { errors, requests } = watchPage(page, origin);
  await page.goto(url);
  return { page, errors, requests };
}

/**
 * Waits until `expr` (run in the page) is truthy. page.waitForFunction evaluates its string
 * with eval inside the page, which the pages' Content-Security-Policy forbids; page.evaluate
 * goes through the DevTools protocol and is not affected.
 */
export async function waitForPage(page: Page, expr: string, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await page.evaluate(expr))) {
    if (Date.now() > end) throw new Error(`timed out after ${timeoutMs} ms waiting for ${expr}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
