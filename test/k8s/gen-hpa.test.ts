// k8s gen hpa: HPAs on CPU or a custom metric, never memory, with the reasoning in comments;
// linting the workload with the generated HPA next to it gives no autoscaler finding.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { cli, CORPUS } from './helpers.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- parsed YAML, checked field by field
type Json = any;

const HPA_FILE = join(CORPUS, 'findings', 'hpa.yaml');

function docs(text: string): Json[] {
  return parseAllDocuments(text).map((d) => (d as unknown as { toJS(): Json }).toJS());
}

test('gen hpa: one autoscaling/v2 HPA per scalable workload, on CPU', () => {
  const r = cli(['k8s', 'gen', 'hpa', HPA_FILE]);
  assert.equal(r.status, 0, r.stderr);
  const hpas = docs(r.stdout);
  assert.deepEqual(
    hpas.map((h) => `${h.spec.scaleTargetRef.kind}/${h.spec.scaleTargetRef.name}`),
    ['Deployment/api', 'StatefulSet/worker', 'Deployment/frontend'],
  );
  for (const h of hpas) {
    assert.equal(h.apiVersion, 'autoscaling/v2');
    assert.equal(h.metadata.namespace, 'web');
    assert.deepEqual(h.spec.metrics, [
      {
        type: 'Resource',
        resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 70 } },
      },
    ]);
    assert.ok(h.spec.minReplicas >= 1 && h.spec.minReplicas <= h.spec.maxReplicas);
  }
  assert.match(
    r.stdout,
    /# - "api" is Go \(GOGC=off\): its heap grows to GOMEMLIMIT 900 MiB, 88% of requests/,
  );
  assert.match(r.stdout, /# Container "worker" has no requests\.cpu/);
});

test('gen hpa: a custom Pods metric and the replica bounds', () => {
  const r = cli([
    'k8s',
    'gen',
    'hpa',
    '--workload',
    'Deployment/api',
    '--metric',
    'http_requests_per_second',
    '--metric-target',
    '250',
    '--min-replicas',
    '3',
    '--max-replicas',
    '12',
    HPA_FILE,
  ]);
  assert.equal(r.status, 0, r.stderr);
  const [h] = docs(r.stdout);
  assert.deepEqual(h.spec.metrics, [
    {
      type: 'Pods',
      pods: {
        metric: { name: 'http_requests_per_second' },
        target: { type: 'AverageValue', averageValue: '250' },
      },
    },
  ]);
  assert.deepEqual([h.spec.minReplicas, h.spec.maxReplicas], [3, 12]);
});

test('gen hpa: with the generated HPA instead of the memory one, lint has no HPA finding', (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'gomemlens-gen-hpa-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const workloads = docs(readFileSync(HPA_FILE, 'utf8')).filter(
    (d) => d.kind !== 'HorizontalPodAutoscaler',
  );
  const generated = cli(['k8s', 'gen', 'hpa', HPA_FILE]).stdout;
  const file = join(dir, 'all.yaml');
  writeFileSync(
    file,
    workloads.map((w) => JSON.stringify(w)).join('\n---\n') + '\n---\n' + generated,
  );
  const before = JSON.parse(cli(['k8s', 'lint', '--json', HPA_FILE]).stdout);
  assert.equal(
    before.findings.filter((f: { code: string }) => f.code === 'k8s-hpa-memory-go').length,
    2,
  );
  const after = JSON.parse(cli(['k8s', 'lint', '--json', file]).stdout);
  assert.deepEqual(
    after.findings.map((f: { code: string }) => f.code),
    [],
  );
});

test('gen hpa: usage errors and inputs without a scalable workload exit 2', () => {
  const bad = [
    ['--metric', 'x'],
    ['--max-replicas', '0'],
    ['--min-replicas', '5', '--max-replicas', '2'],
    ['--metric', 'x', '--metric-target', '10 pods'],
    ['--cpu-utilization', '0'],
  ];
  for (const extra of bad) {
    const r = cli(['k8s', 'gen', 'hpa', ...extra, HPA_FILE]);
    assert.equal(r.status, 2, extra.join(' '));
    assert.equal(r.stderr.trim().split('\n').length, 1);
  }
  const cron = cli(
    ['k8s', 'gen', 'hpa', '-'],
    'apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: c}\nspec: {jobTemplate: {spec: {template: {spec: {containers: [{name: a}]}}}}}\n',
  );
  assert.equal(cron.status, 2);
  assert.match(cron.stderr, /no Deployment, StatefulSet or ReplicaSet/);
  assert.equal(cli(['k8s', 'gen', 'pdb', HPA_FILE]).status, 2);
});
