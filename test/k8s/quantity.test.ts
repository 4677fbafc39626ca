// Kubernetes quantities: a table of documented cases, then k8s.io/apimachinery itself as the
// oracle (testdata/k8s/quantity-oracle, built with the machine's Go) on known and random text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseQuantity, quantityMilliValue, quantityValue } from '../../src/model/k8s-quantity.js';

function value(text: string): bigint | 'err' {
  const r = parseQuantity(text);
  return r.ok ? quantityValue(r.quantity) : 'err';
}

test('documented quantities', () => {
  assert.equal(value('512Mi'), 536870912n);
  assert.equal(value('1G'), 1000000000n);
  assert.equal(value('0.5Gi'), 536870912n);
  assert.equal(value('500M'), 500000000n);
  assert.equal(value('1e9'), 1000000000n);
  assert.equal(value('129e6'), 129000000n);
  assert.equal(value('128974848'), 128974848n);
  assert.equal(value('123Mi'), 128974848n);
  assert.equal(value('1500m'), 2n, 'Value() rounds up');
  assert.equal(value('1E'), 10n ** 18n, 'E alone is exa');
  assert.equal(value('1E3'), 1000n, 'E with digits is an exponent');
  for (const bad of ['1MB', '1K', '1 Mi', '', '1ki', '1Mi ', '0x10', '1e', 'abc'])
    assert.equal(value(bad), 'err', bad);
  const cpu = parseQuantity('250m');
  assert.ok(cpu.ok && quantityMilliValue(cpu.quantity) === 250n);
  assert.equal(value(1e9 as unknown as string), 1000000000n, 'YAML numbers are quantities too');
});

const ORACLE_DIR = resolve('testdata/k8s/quantity-oracle');
const ORACLE_BIN = resolve('dist/k8s-quantity-oracle');

function buildOracle(): string | undefined {
  mkdirSync(resolve('dist'), { recursive: true });
  const r = spawnSync('go', ['build', '-o', ORACLE_BIN, '.'], {
    cwd: ORACLE_DIR,
    encoding: 'utf8',
    timeout: 240_000,
  });
  if (r.error) return `go not runnable: ${r.error.message}`;
  return r.status === 0
    ? undefined
    : `cannot build the apimachinery oracle: ${r.stderr.trim().split('\n').pop()}`;
}

function randomInputs(n: number): string[] {
  const alphabet = '0123456789.+-eEinumkKMGTPB';
  let seed = 42;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed / 2 ** 31);
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const len = 1 + Math.floor(rnd() * 7);
    let s = '';
    for (let j = 0; j < len; j++) s += alphabet[Math.floor(rnd() * (j < 2 ? 11 : alphabet.length))];
    out.push(s);
  }
  return out;
}

const KNOWN = [
  '512Mi',
  '1G',
  '0.5Gi',
  '500M',
  '1e9',
  '129e6',
  '128974848',
  '123Mi',
  '1500m',
  '1.',
  '.5',
  'Mi',
  '.',
  '+',
  '-1',
  '1E',
  '1E3',
  '1e-3',
  '2.5e3k',
  '1.5Ki',
  '0.001m',
  '7n',
  '3u',
  '1Ei',
  '8Ei',
  '1P',
  '100k',
  '1Ki',
  '0',
  '00012',
  '1.0000000001',
];

test('quantities agree with k8s.io/apimachinery resource.ParseQuantity', (t) => {
  const why = buildOracle();
  if (why) return t.skip(why);
  const inputs = [...KNOWN, ...randomInputs(4000)];
  const r = spawnSync(ORACLE_BIN, [], { input: inputs.join('\n') + '\n', encoding: 'utf8' });
  const answers = r.stdout.trim().split('\n');
  assert.equal(answers.length, inputs.length);
  const mismatches: string[] = [];
  inputs.forEach((text, i) => {
    const [status, goValue, goMilli] = answers[i].split(' ');
    const ours = parseQuantity(text);
    if ((status === 'ok') !== ours.ok)
      return mismatches.push(
        `${JSON.stringify(text)}: go ${answers[i]}, ours ${ours.ok ? 'ok' : 'err'}`,
      );
    if (!ours.ok) return;
    const v = quantityValue(ours.quantity);
    const m = quantityMilliValue(ours.quantity);
    const fits = (x: bigint) => x < 2n ** 62n && x > -(2n ** 62n);
    if (fits(v) && String(v) !== goValue)
      mismatches.push(`${JSON.stringify(text)}: value go ${goValue}, ours ${v}`);
    if (fits(m) && String(m) !== goMilli)
      mismatches.push(`${JSON.stringify(text)}: milli go ${goMilli}, ours ${m}`);
  });
  assert.deepEqual(mismatches.slice(0, 20), []);
});
