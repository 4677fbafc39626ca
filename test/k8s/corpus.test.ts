// The corpus under testdata/k8s through the real CLI: each finding where a `# expect:` comment
// says, nothing on the clean corpus, exit 2 with a position on broken YAML.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { cli, CORPUS, expectedFromComments } from './helpers.js';

interface JsonFinding {
  code: string;
  severity: string;
  location: { file: string; line: number; column: number };
  args: Record<string, unknown>;
}

function lintJson(
  paths: string[],
  extra: string[] = [],
): { findings: JsonFinding[]; summary: Record<string, number> } {
  const r = cli(['k8s', 'lint', '--format', 'json', '--fail-on', 'info', ...extra, ...paths]);
  assert.ok(r.status === 0 || r.status === 1, r.stderr);
  return JSON.parse(r.stdout);
}

const findingsDir = join(CORPUS, 'findings');
for (const name of readdirSync(findingsDir).filter((f) => f.endsWith('.yaml'))) {
  test(`findings/${name}: exactly the expected codes on the expected lines`, () => {
    const file = join(findingsDir, name);
    const { findings } = lintJson([file]);
    const got = findings.map((f) => `${f.location.line} ${f.code}`).sort();
    assert.deepEqual(got, expectedFromComments(file));
    for (const f of findings) assert.ok(f.location.column >= 1, `${f.code} has a column`);
  });
}

test('findings/workload.json: the ratio finding points at the value with its numbers', () => {
  const { findings } = lintJson([join(findingsDir, 'workload.json')]);
  assert.equal(findings.length, 1);
  const [f] = findings;
  assert.equal(f.code, 'k8s-gomemlimit-ratio');
  assert.deepEqual([f.location.line, f.location.column], [18, 48]);
  assert.equal(f.args.gomemlimitBytes, 300 * 2 ** 20);
  assert.equal(f.args.limitBytes, 2 ** 30);
  assert.equal(f.args.suggested, '921MiB');
});

test('exact columns: the value node of an env entry, the divisor key', () => {
  const { findings } = lintJson([
    join(findingsDir, 'helm-rendered.yaml'),
    join(findingsDir, 'downward-api.yaml'),
  ]);
  const at = (code: string) =>
    findings.filter((f) => f.code === code).map((f) => `${f.location.line}:${f.location.column}`);
  assert.deepEqual(at('k8s-gomemlimit-malformed'), ['58:22', '71:15']);
  assert.deepEqual(at('k8s-gomemlimit-divisor'), ['48:28']);
  const divisor = findings.find((f) => f.code === 'k8s-gomemlimit-divisor')!;
  assert.equal(divisor.args.goSees, '512', '512Mi / 1Mi: Go reads 512 bytes');
  const evidence = (
    divisor as unknown as { evidence: { what: string; value: number; source: string }[] }
  ).evidence;
  assert.deepEqual(
    evidence.map((e) => [e.what, e.value]),
    [['memory limit', 512 * 2 ** 20]],
  );
  assert.match(
    evidence[0].source,
    /downward-api\.yaml:\d+:\d+ spec\.template\.spec\.containers\[0\]\.resources\.limits\.memory$/,
  );
});

test('clean corpus: zero findings at every severity', () => {
  const r = cli(['k8s', 'lint', '--fail-on', 'info', join(CORPUS, 'clean')]);
  assert.equal(r.status, 0, r.stdout + r.stderr);
  const { findings, summary } = lintJson([join(CORPUS, 'clean')]);
  assert.deepEqual(findings, []);
  assert.equal(summary.goContainers, 8, 'the clean corpus does contain Go containers');
  assert.equal(summary.unknownLanguage, 0, 'every container of the clean corpus is classified');
});

test('--fail-on: exit 1 at or above the threshold, 0 below', () => {
  const file = join(findingsDir, 'vpa.yaml'); // one warning
  assert.equal(cli(['k8s', 'lint', file]).status, 0, 'default threshold is error');
  assert.equal(cli(['k8s', 'lint', '--fail-on', 'warning', file]).status, 1);
  assert.equal(cli(['k8s', 'lint', '--fail-on', 'bogus', file]).status, 2);
});

test('--min-ratio/--max-ratio move the band', () => {
  const file = join(findingsDir, 'workload.json'); // 300MiB of 1Gi = 0.29
  assert.equal(lintJson([file], ['--min-ratio', '0.25']).findings.length, 0);
  assert.equal(cli(['k8s', 'lint', '--min-ratio', '2', file]).status, 2);
});

test('stdin: helm template | gomemlens k8s lint -', () => {
  const text = cli(
    ['k8s', 'lint', '--json', '-'],
    'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: a\n    env: [{name: GOMEMLIMIT, value: 1Gi}]\n    resources: {limits: {memory: 2Gi}}\n',
  );
  assert.equal(text.status, 1);
  const f = JSON.parse(text.stdout).findings[0];
  assert.equal(f.code, 'k8s-gomemlimit-malformed');
  assert.deepEqual([f.location.file, f.location.line], ['-', 7]);
});

test('broken YAML: exit 2 and file:line:column', () => {
  for (const [name, line] of [
    ['bad-indent.yaml', 13],
    ['duplicate-key.yaml', 9],
  ] as const) {
    const r = cli(['k8s', 'lint', join(CORPUS, 'invalid', name)]);
    assert.equal(r.status, 2);
    assert.match(r.stderr, new RegExp(`invalid/${name}:${line}:\\d+: `));
    assert.equal(r.stderr.trim().split('\n').length, 1, 'one line, no stack');
  }
  assert.equal(cli(['k8s', 'lint', join(CORPUS, 'nope.yaml')]).status, 2);
  const template = cli(
    ['k8s', 'lint', '-'],
    'kind: Pod\nmetadata:\n  labels:\n{{ include "labels" . | indent 4 }}\n',
  );
  assert.equal(template.status, 2);
  assert.match(template.stderr, /-:4:1: .*a Helm template\? lint `helm template/);
});
