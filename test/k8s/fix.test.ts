// k8s fix: the diff applies with patch(1), --write keeps every other byte, and the fixed files
// lint without any GOMEMLIMIT finding.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli, CORPUS } from './helpers.js';

const GOMEMLIMIT_CODES = [
  'k8s-gomemlimit-missing',
  'k8s-gomemlimit-malformed',
  'k8s-gomemlimit-above-limit',
  'k8s-gomemlimit-ratio',
  'k8s-gomemlimit-downward-api',
  'k8s-gomemlimit-divisor',
];

function scratch(t: { after: (fn: () => void) => void }): string {
  const dir = mkdtempSync(join(tmpdir(), 'gomemlens-k8s-fix-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

function gomemlimitFindings(path: string): string[] {
  const r = cli(['k8s', 'lint', '--json', '--fail-on', 'info', path]);
  return JSON.parse(r.stdout)
    .findings.filter((f: { code: string }) => GOMEMLIMIT_CODES.includes(f.code))
    .map((f: { code: string; location: { line: number } }) => `${f.location.line} ${f.code}`);
}

test('fix prints a unified diff that patch(1) applies; the result lints clean', (t) => {
  const dir = scratch(t);
  cpSync(join(CORPUS, 'findings'), dir, { recursive: true });
  const file = join(dir, 'downward-api.yaml');
  const before = readFileSync(file, 'utf8');
  const r = cli(['k8s', 'fix', file]);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(readFileSync(file, 'utf8'), before, 'no --write: file untouched');
  writeFileSync(join(dir, 'fix.diff'), r.stdout);
  const p = spawnSync('patch', ['-p1', '-s', '-i', join(dir, 'fix.diff')], {
    cwd: '/',
    encoding: 'utf8',
  });
  if (p.error) return t.skip('patch(1) is not installed');
  assert.equal(p.status, 0, p.stderr + r.stdout);
  assert.deepEqual(gomemlimitFindings(file), []);
  assert.match(readFileSync(file, 'utf8'), /value: "3686MiB"/, '90% of 4Gi');
});

test('fix --write changes only the planned lines and keeps comments', (t) => {
  const dir = scratch(t);
  cpSync(join(CORPUS, 'findings'), dir, { recursive: true });
  const file = join(dir, 'helm-rendered.yaml');
  const before = readFileSync(file, 'utf8');
  const diff = cli(['k8s', 'fix', '--ratio', '0.85', file]).stdout.split('\n');
  const removed = diff.filter((l) => l.startsWith('-') && !l.startsWith('---'));
  const added = diff.filter((l) => l.startsWith('+') && !l.startsWith('+++'));
  assert.deepEqual(removed, [
    '-              value: "512Mi" # Kubernetes units: Go refuses this  expect: k8s-gomemlimit-malformed',
  ]);
  assert.deepEqual(added, [
    '+              value: "870MiB" # Kubernetes units: Go refuses this  expect: k8s-gomemlimit-malformed',
    '+          env:',
    '+            - name: GOMEMLIMIT',
    '+              value: "870MiB"',
  ]);
  const r = cli(['k8s', 'fix', '--write', '--ratio', '0.85', file]);
  assert.equal(r.status, 0, r.stderr);
  const after = readFileSync(file, 'utf8');
  assert.equal(after.split('\n').length, before.split('\n').length + 3);
  assert.ok(after.includes('# Source: payments/templates/deployment.yaml'));
  assert.deepEqual(gomemlimitFindings(file), []);
  const again = cli(['k8s', 'fix', file]);
  assert.equal(again.stdout, '', 'a second run has nothing to do');
});

test('fix handles every shape: List items, flow env, no env, envFrom, JSON', (t) => {
  const dir = scratch(t);
  const file = join(dir, 'shapes.yaml');
  writeFileSync(
    file,
    [
      'apiVersion: v1',
      'kind: List',
      'items:',
      '- apiVersion: v1',
      '  kind: Pod',
      '  metadata: {name: flow}',
      '  spec:',
      '    containers:',
      '    - name: a',
      '      env: [{name: GOGC, value: "50"}]',
      '      resources: {limits: {memory: 1Gi}}',
      '    - {name: b, env: [], resources: {limits: {memory: 2Gi}}, annotations: {}}',
      '    - {name: c, image: x, env: [{name: GOMAXPROCS, value: "1"}], resources: {limits: {memory: 1Gi}}}',
      '- apiVersion: apps/v1',
      '  kind: Deployment',
      '  metadata:',
      '    name: block # a comment',
      '  spec:',
      '    template:',
      '      metadata:',
      '        annotations: {gomemlens.dev/go: "true"}',
      '      spec:',
      '        containers:',
      '        - name: nodenv',
      '          resources:',
      '            limits:',
      '              memory: 300Mi',
      '          command:',
      '          - /app',
      '',
    ].join('\n'),
  );
  const r = cli(['k8s', 'fix', '--write', file]);
  assert.equal(r.status, 0, r.stderr);
  const fixed = readFileSync(file, 'utf8');
  assert.match(fixed, /name: block # a comment/);
  assert.deepEqual(gomemlimitFindings(file), []);
  // container b has no GO* variable (env: []), so it is not Go and must stay as it was.
  assert.match(fixed, /- \{name: b, env: \[\], /);
  const json = join(dir, 'w.json');
  cpSync(join(CORPUS, 'findings', 'workload.json'), json);
  assert.equal(cli(['k8s', 'fix', '--write', json]).status, 0);
  assert.equal(
    JSON.parse(readFileSync(json, 'utf8')).spec.template.spec.containers[0].env[0].value,
    '921MiB',
  );
});

test('fix skips what it cannot change, with a reason', (t) => {
  const dir = scratch(t);
  cpSync(join(CORPUS, 'findings'), dir, { recursive: true });
  const r = cli(['k8s', 'fix', join(dir, 'configmap-refs.yaml'), join(dir, 'vpa.yaml')]);
  assert.equal(r.status, 0);
  assert.match(
    r.stderr,
    /"indexer": skipped: GOMEMLIMIT comes from ConfigMap indexer-go key GOMEMLIMIT, which is not in the input/,
  );
  assert.match(r.stderr, /"crawler": skipped: envFrom ConfigMap crawler-env is not in the input/);
  assert.match(r.stderr, /"checkout": skipped: VerticalPodAutoscaler checkout moves the limit/);
  assert.match(r.stdout, /-\s+configMapKeyRef: # expect: k8s-gomemlimit-malformed/);
  assert.equal(cli(['k8s', 'fix', '--write', '-'], 'a: 1\n').status, 2);
});

test('fix keeps CRLF line endings and inserts after block scalars and trailing comments', (t) => {
  const dir = scratch(t);
  const crlf = join(dir, 'crlf.yaml');
  writeFileSync(
    crlf,
    'apiVersion: v1\r\nkind: Pod\r\nmetadata: {name: crlf}\r\nspec:\r\n  containers:\r\n  - name: a\r\n    env:\r\n    - name: GOGC\r\n      value: "50"\r\n    resources:\r\n      limits: {memory: 1Gi}\r\n',
  );
  const block = join(dir, 'block.yaml');
  writeFileSync(
    block,
    [
      'apiVersion: v1',
      'kind: Pod',
      'metadata:',
      '  name: block',
      '  annotations: {gomemlens.dev/go: "true"}',
      'spec:',
      '  containers:',
      '  - name: a',
      '    resources: {limits: {memory: 1Gi}}',
      '    args:',
      '    - |',
      '      multi',
      '      line',
      '',
      '    # trailing comment in container',
      '  - name: b',
      '    resources: {limits: {memory: 2Gi}}',
      '    env:',
      '    - name: GODEBUG',
      '      value: >-',
      '        gctrace=1',
      '  - name: c',
      '    resources: {limits: {memory: 2Gi}}',
      '    command: ["/app"]   # comment',
      '',
    ].join('\n'),
  );
  assert.equal(cli(['k8s', 'fix', '--write', crlf, block]).status, 0);
  const fixed = readFileSync(crlf, 'utf8');
  assert.equal(fixed.split('\n').length, fixed.split('\r\n').length, 'no bare LF');
  assert.deepEqual(gomemlimitFindings(crlf), []);
  assert.deepEqual(gomemlimitFindings(block), []);
  const text = readFileSync(block, 'utf8');
  assert.match(
    text,
    / {6}line\n {4}env:\n/,
    'after the block scalar, before the blank line and comment',
  );
  assert.match(text, /gctrace=1\n {4}- name: GOMEMLIMIT\n/);
});

test('fix keeps a JSON file valid JSON (new entries in JSON syntax)', (t) => {
  const dir = scratch(t);
  const file = join(dir, 'pods.json');
  const container = (name: string, extra: object) => ({
    name,
    ...extra,
    resources: { limits: { memory: '1Gi' } },
  });
  const pod = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'a', annotations: { 'gomemlens.dev/go': 'true' } },
    spec: {
      containers: [
        container('noenv', {}),
        container('emptyenv', { env: [] }),
        container('downward', {
          env: [
            { name: 'GOMEMLIMIT', valueFrom: { resourceFieldRef: { resource: 'limits.memory' } } },
          ],
        }),
        container('other', { env: [{ name: 'X', value: '1' }] }),
      ],
    },
  };
  writeFileSync(file, JSON.stringify({ apiVersion: 'v1', kind: 'List', items: [pod] }));
  assert.equal(cli(['k8s', 'fix', '--write', file]).status, 0);
  const fixed = JSON.parse(readFileSync(file, 'utf8'));
  const values = fixed.items[0].spec.containers.map(
    (c: { env: { name: string; value: string }[] }) =>
      c.env.find((e) => e.name === 'GOMEMLIMIT')?.value,
  );
  assert.deepEqual(values, ['921MiB', '921MiB', '921MiB', '921MiB']);
});

test('fix quotes Go settings that YAML 1.1 would read as booleans or numbers', (t) => {
  const dir = scratch(t);
  const file = join(dir, 'unquoted.yaml');
  cpSync(join(CORPUS, 'findings', 'unquoted.yaml'), file);
  assert.equal(cli(['k8s', 'fix', '--write', file]).status, 0);
  const r = cli(['k8s', 'lint', '--json', '--fail-on', 'info', file]);
  assert.deepEqual(JSON.parse(r.stdout).findings, []);
  assert.match(readFileSync(file, 'utf8'), /value: "off" # expect/);
});
