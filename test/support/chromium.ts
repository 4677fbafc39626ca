/**
 * Opens a local page (an HTML report, from file://) in Debian's Chromium through
 * playwright-core (never a downloaded browser), collecting the page's errors and any request
 * that leaves the file (the reports must load nothing from elsewhere). Closed after the test.
 */
import type { TestContext } from 'node:test';
import type { Page } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';

export interface OpenedPage {
  readonly page: Page;
  /** Console errors and uncaught exceptions. */
  readonly errors: string[];
  /** Requests to anything but file:, data: and blob: URLs. */
  readonly requests: string[];
}

export async function openPage(t: TestContext, url: string): Promise<OpenedPage> {
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  t.after(() => browser.close());
  const page = await browser.newPage({ viewport: { width: 1300, height: 900 } });
  const errors: string[] = [];
  const requests: string[] = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('request', (q) => {
    if (!/^(file|data|blob):/.test(q.url())) requests.push(q.url());
  });
  await page.goto(url);
  return { page, errors, requests };
}
