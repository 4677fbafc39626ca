// YAML 1.1 typing of unquoted scalars against sigs.k8s.io/yaml itself
// (testdata/k8s/yaml-oracle, built with the machine's Go).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { yaml11Type } from '../../src/model/yaml11.js';

const SCALARS = [
  'off',
  'Off',
  'OFF',
  'on',
  'yes',
  'no',
  'y',
  'n',
  'true',
  'False',
  '~',
  'null',
  'Null',
  '1073741824',
  '100',
  '-1',
  '+1',
  '0',
  '08',
  '0o17',
  '017',
  '0x1F',
  '0b101',
  '1_000',
  '1e3',
  '1E3',
  '1.5',
  '.5',
  '5.',
  '.inf',
  '-.Inf',
  '.nan',
  '1e',
  '460MiB',
  '512Mi',
  'crash',
  'gctrace=1',
  '1:20',
  '2024-01-01',
  'offline',
  'yes please',
  'NaN',
  'inf',
  '0.5Gi',
  '1_',
  '_1',
  '0x',
  '1__0',
  '+.5',
  '-0',
];

test('yaml11Type agrees with sigs.k8s.io/yaml on which plain scalars are strings', (t) => {
  mkdirSync(resolve('dist'), { recursive: true });
  const bin = resolve('dist/k8s-yaml-oracle');
  const build = spawnSync('go', ['build', '-o', bin, '.'], {
    cwd: resolve('testdata/k8s/yaml-oracle'),
    encoding: 'utf8',
    timeout: 240_000,
  });
  if (build.error || build.status !== 0)
    return t.skip(
      `cannot build the sigs.k8s.io/yaml oracle: ${build.error?.message ?? build.stderr.trim().split('\n').pop()}`,
    );
  const r = spawnSync(bin, [], { input: SCALARS.join('\n') + '\n', encoding: 'utf8' });
  const answers = r.stdout.trim().split('\n');
  assert.equal(answers.length, SCALARS.length);
  const wrong = SCALARS.filter(
    (s, i) => (answers[i] === 'string') !== (yaml11Type(s) === 'string'),
  ).map((s) => `${s}: ${answers[SCALARS.indexOf(s)]} vs ${yaml11Type(s)}`);
  assert.deepEqual(wrong, []);
});
