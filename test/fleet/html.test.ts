// The fleet HTML page in Debian's Chromium (playwright-core): it opens from file:// with no
// request elsewhere and no error, sorts by a clicked column (numbers by their exact value,
// both directions), and shows hostile label values as text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FleetReport, FleetWorkload } from '../../src/model/fleet.js';
import { MiB } from '../../src/model/units.js';
import { renderFleetHtml } from '../../src/report/fleet-html.js';

const CHROMIUM = '/usr/bin/chromium';
const EVIL = '<script>window.pwned=1</script>';

function workload(name: string, wsMax: number): FleetWorkload {
  return {
    id: { namespace: 'shop', kind: 'Deployment', name, container: 'app' },
    ownerSource: 'kube_pod_owner',
    sources: ['cadvisor'],
    measures: {
      workingSet: { max: wsMax },
      oomKills: { value: 0, source: 'x' },
      pods: 1,
      containersPerPod: 1,
    },
    verdict: { kind: 'flat' },
    findings: [],
    recommendation: {
      limitBytes: 0,
      requestBytes: 0,
      gomemlimit: '',
      gomemlimitBytes: 0,
      gogc: 100,
      basis: 'none',
      steps: [],
    },
    krr: { notes: [] },
    vpa: { notes: [] },
    differences: [],
  };
}

const report: FleetReport = {
  at: 0,
  windowMs: 7 * 86_400_000,
  stepMs: 3_600_000,
  sources: [{ url: 'http://p', calls: 1, bytes: 1, ms: 1, failures: 0 }],
  missing: [EVIL],
  absent: [],
  // 900 KiB sorts below 2 MiB only by value: as text "900 KiB" > "2 MiB".
  workloads: [workload('b', 2 * MiB), workload(EVIL, 100 * MiB), workload('a', 900 * 1024)],
  nonGoContainers: 0,
  elapsedMs: 1,
};

const skip = existsSync(CHROMIUM) ? undefined : `no ${CHROMIUM} (apt-get install chromium)`;

test(
  'the fleet page sorts by value in Chromium and keeps hostile names as text',
  { skip, timeout: 60_000 },
  async (t) => {
    const dir = mkdtempSync(join(tmpdir(), 'gomemlens-fleet-html-'));
    t.after(() => rmSync(dir, { recursive: true, force: true }));
    const file = join(dir, 'fleet.html');
    writeFileSync(file, renderFleetHtml(report));
    const { chromium } = await import('playwright-core');
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu'],
    });
    t.after(() => browser.close());
    const page = await browser.newPage();
    const errors: string[] = [];
    const requests: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    page.on('request', (q) => !q.url().startsWith('file://') && requests.push(q.url()));
    await page.goto(`file://${file}`);
    const names = () =>
      page.$$eval('#fleet tbody tr td:nth-child(2)', (tds) => tds.map((td) => td.textContent));
    assert.deepEqual(await names(), ['Deployment/b', `Deployment/${EVIL}`, 'Deployment/a']);
    await page.click('th:has-text("WS MAX")');
    assert.deepEqual(
      await names(),
      ['Deployment/a', 'Deployment/b', `Deployment/${EVIL}`],
      'ascending by bytes',
    );
    await page.click('th:has-text("WS MAX")');
    assert.deepEqual(
      await names(),
      [`Deployment/${EVIL}`, 'Deployment/b', 'Deployment/a'],
      'descending',
    );
    assert.equal(await page.evaluate('window.pwned'), undefined, 'the hostile name did not run');
    assert.deepEqual(errors, []);
    assert.deepEqual(requests, []);
  },
);
