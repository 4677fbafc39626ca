// The fleet renderers on hand-made reports: CSV quoting and formula injection, Markdown
// escaping, control characters in text, and patch files named safely from hostile labels.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'yaml';
import type { FleetReport, FleetWorkload } from '../../src/model/fleet.js';
import { MiB } from '../../src/model/units.js';
import { renderFleetCsv, renderFleetMarkdown } from '../../src/report/fleet-formats.js';
import { renderFleetText } from '../../src/report/fleet-text.js';
import { memoryQuantity, planPatches } from '../../src/report/fleet-patches.js';

function workload(
  name: string,
  kind = 'Deployment',
  o: Partial<FleetWorkload> = {},
): FleetWorkload {
  return {
    id: { cluster: 'prod', namespace: 'shop', kind, name, container: 'app' },
    ownerSource: 'kube_pod_owner',
    sources: ['cadvisor'],
    measures: {
      workingSet: { max: 300 * MiB },
      oomKills: { value: 0, source: 'x' },
      pods: 2,
      containersPerPod: 1,
      gogc: { value: 100, source: 'g' },
    },
    verdict: { kind: 'flat' },
    findings: [],
    recommendation: {
      limitBytes: 268 * MiB,
      requestBytes: 230 * MiB,
      gomemlimit: '221MiB',
      gomemlimitBytes: 221 * MiB,
      gogc: 100,
      basis: 'model',
      steps: [],
    },
    krr: { requestBytes: 345 * MiB, limitBytes: 345 * MiB, notes: [] },
    vpa: { requestBytes: 360 * MiB, notes: [] },
    differences: [],
    ...o,
  };
}

const report = (workloads: FleetWorkload[]): FleetReport => ({
  at: 0,
  windowMs: 86_400_000,
  stepMs: 540_000,
  sources: [],
  missing: [],
  absent: [],
  workloads,
  nonGoContainers: 0,
  elapsedMs: 0,
});

test('CSV: exact numbers, RFC 4180 quoting, formula-looking cells defused', () => {
  const csv = renderFleetCsv(report([workload('=HYPERLINK("x")'), workload('a,b')]));
  const lines = csv.split('\r\n');
  assert.equal(lines.length, 4, 'header, two rows, final CRLF');
  // Not at the start of the cell: quoted for its quotes, not prefixed.
  assert.ok(lines[1].includes('"Deployment/=HYPERLINK(""x"")"'), lines[1]);
  const header = lines[0].split(',');
  assert.ok(header.includes('recLimit') && header.includes('krr_request_bytes'));
  assert.match(lines[2], /"Deployment\/a,b"/);
  assert.ok(lines[2].includes(String(268 * MiB)), 'limit in bytes');
});

test('CSV: a cell that starts with = is prefixed so a spreadsheet shows it as text', () => {
  const w = workload('x');
  const csv = renderFleetCsv(report([{ ...w, id: { ...w.id, namespace: '=cmd' } }]));
  assert.match(csv.split('\r\n')[1], /^prod,'=cmd,/);
});

test('Markdown escapes table pipes; text replaces control characters', () => {
  const md = renderFleetMarkdown(report([workload('a|b')]));
  assert.match(md, /Deployment\/a\\\|b/);
  const text = renderFleetText(report([workload('evil\u001b[31m')]));
  assert.ok(!text.includes('\u001b'));
});

test('patches: quantities Kubernetes reads, names safe from hostile labels, skips with reasons', () => {
  assert.equal(memoryQuantity(268 * MiB), '268Mi');
  assert.equal(memoryQuantity(2048 * MiB), '2Gi');
  assert.equal(memoryQuantity(268 * MiB + 1), '269Mi', 'rounded up');
  const plan = planPatches(
    report([
      workload('../../etc/passwd'),
      workload('job-1', 'Job'),
      workload('leaky', 'Deployment', { verdict: { kind: 'leak', etaSec: 3600 } }),
    ]),
  );
  assert.deepEqual(
    plan.files.map((f) => f.name),
    ['prod_shop_deployment___.._etc_passwd.yaml'],
  );
  assert.ok(!plan.files[0].name.includes('/'), plan.files[0].name);
  assert.ok(!plan.files[0].name.startsWith('.'));
  const doc = parse(plan.files[0].text);
  assert.equal(doc.spec.template.spec.containers[0].resources.limits.memory, '268Mi');
  assert.deepEqual(
    doc.spec.template.spec.containers[0].env,
    [{ name: 'GOMEMLIMIT', value: '221MiB' }],
    'GOGC 100 stays unwritten',
  );
  assert.equal(plan.skipped.length, 2);
  assert.match(plan.skipped[0], /Job's pod template cannot be patched/);
  assert.match(plan.skipped[1], /leak/);
});
