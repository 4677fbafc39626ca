// k8s fix --write never loses data: a full disk leaves the file as it was (written through a
// temporary file and a rename), nothing is edited through YAML sharing (anchors, aliases,
// merge keys), and block scalars, a byte order mark and CRLF survive an edit.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli } from './helpers.js';

function scratch(t: { after: (fn: () => void) => void }): string {
  const dir = mkdtempSync(join(tmpdir(), 'gomemlens-k8s-fix-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

const pod = (env: string[]) =>
  [
    'apiVersion: v1',
    'kind: Pod',
    'metadata: {name: p}',
    'spec:',
    '  containers:',
    '  - name: app',
    '    resources: {limits: {memory: 1Gi}}',
    '    env:',
    '    - name: GOMEMLIMIT',
    ...env.map((line) => '      ' + line),
    '',
  ].join('\n');

const canMount = process.getuid?.() === 0;

test(
  'a full disk: exit 2 with one line, the manifest as it was, no temporary file left',
  { skip: canMount ? undefined : 'needs root to mount a small tmpfs' },
  (t) => {
    const mnt = mkdtempSync(join(tmpdir(), 'gomemlens-fullfs-'));
    const m = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', mnt]);
    t.after(() => {
      spawnSync('umount', [mnt]);
      rmSync(mnt, { recursive: true, force: true });
    });
    if (m.status !== 0) return t.skip(`mount tmpfs failed: ${m.stderr}`);
    // 40 KB: the file fits, the file and its replacement do not.
    const text = pod(['value: 512Mi']) + '# padding\n'.repeat(4000);
    const file = join(mnt, 'deploy.yaml');
    writeFileSync(file, text);
    const r = cli(['k8s', 'fix', '--write', file]);
    assert.equal(r.status, 2, r.stderr);
    assert.deepEqual(r.stderr.trim().split('\n'), [
      `gomemlens k8s: cannot write ${file}: no space left on device`,
    ]);
    assert.equal(readFileSync(file, 'utf8'), text);
    assert.deepEqual(readdirSync(mnt), ['deploy.yaml']);
  },
);

test('an anchor shared by two containers is not edited through; the reasons are given', (t) => {
  const file = join(scratch(t), 'anchor.yaml');
  const text = [
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata: {name: d}',
    'spec:',
    '  template:',
    '    spec:',
    '      containers:',
    '        - name: a',
    '          env: &shared',
    '            - name: GOMEMLIMIT',
    '              value: 100MiB',
    '          resources: {limits: {memory: 1Gi}}',
    '        - name: b',
    '          env: *shared',
    '          resources: {limits: {memory: 2Gi}}',
    '',
  ].join('\n');
  writeFileSync(file, text);
  const r = cli(['k8s', 'fix', '--write', file]);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(readFileSync(file, 'utf8'), text);
  assert.match(r.stderr, /"a": skipped: cannot edit in place: inside the YAML anchor &shared/);
  assert.match(r.stderr, /"b": skipped: cannot edit in place: reached through the YAML alias/);
  assert.match(r.stderr, /0 files changed/);
});

test('a container built with a merge key (<<) is linted and not edited through', (t) => {
  const file = join(scratch(t), 'merge.yaml');
  const text = [
    'apiVersion: v1',
    'kind: Pod',
    'metadata: {name: m}',
    'spec:',
    '  containers:',
    '    - &base',
    '      name: a',
    '      env: [{name: GOGC, value: "50"}]',
    '      resources: {limits: {memory: 1Gi}}',
    '    - <<: *base',
    '      name: b',
    '',
  ].join('\n');
  writeFileSync(file, text);
  const lint = JSON.parse(cli(['k8s', 'lint', '--json', file]).stdout);
  assert.deepEqual(
    lint.findings.map((f: { args: { container: string } }) => f.args.container),
    ['a', 'b'],
  );
  const r = cli(['k8s', 'fix', '--write', file]);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(readFileSync(file, 'utf8'), text);
  assert.match(
    r.stderr,
    /"b": skipped: cannot edit in place: "env" may come from a YAML merge key/,
  );
});

test('block scalars keep their style; the rest of the file is byte for byte the same', (t) => {
  const dir = scratch(t);
  const cases: [string[], string[]][] = [
    [
      ['value: >-', '  512Mi'],
      ['value: >-', '  921MiB'],
    ],
    [
      ['value: |', '  512Mi'],
      ['value: |-', '  921MiB'],
    ],
    [
      ['value: |+ # keep', '  512Mi', '', ''],
      ['value: |- # keep', '  921MiB', '', ''],
    ],
    [['value: >2-', '    512Mi'], ['value: "921MiB"']],
  ];
  for (const [i, [env, expected]] of cases.entries()) {
    const file = join(dir, `block-${i}.yaml`);
    const text = '\ufeff' + pod(env).replaceAll('\n', '\r\n');
    writeFileSync(file, text);
    const r = cli(['k8s', 'fix', '--write', file]);
    assert.equal(r.status, 0, `${env.join('|')}: ${r.stderr}`);
    const want = '\ufeff' + pod(expected).replaceAll('\n', '\r\n');
    assert.equal(readFileSync(file, 'utf8'), want, env.join('|'));
    assert.equal(cli(['k8s', 'fix', file]).stdout, '', 'nothing left to do');
  }
});

test('fix on 40,000 keys takes seconds, not tens of seconds', (t) => {
  const file = join(scratch(t), 'keys.yaml');
  const keys = Array.from({ length: 40_000 }, (_, i) => `    k${i}: "v"`);
  writeFileSync(
    file,
    pod(['value: 512Mi']).replace(
      'metadata: {name: p}',
      ['metadata:', '  name: p', '  labels:', ...keys].join('\n'),
    ),
  );
  const t0 = Date.now();
  const r = cli(['k8s', 'fix', file]);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /\+ {6}value: 921MiB/);
  assert.ok(Date.now() - t0 < 8000, `${Date.now() - t0} ms (it took 28 s before)`);
});
