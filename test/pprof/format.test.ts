// pprof's number formatting, checked against what Go's fmt prints for the same values
// (fmt.Sprintf("%5.2g") and ("%.2f"), including exact ties, which Go rounds to even).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatGoFixed } from '../../src/model/gofmt.js';
import { goG2, percentage, scaledLabel, scaledLabeler } from '../../src/report/pprof-format.js';

test('%5.2g like Go', () => {
  const cases: [number, string][] = [
    [0, '0'],
    [0.5, '0.5'],
    [0.05, '0.05'],
    [0.0012, '0.0012'],
    [0.00001234, '1.2e-05'],
    [0.125, '0.12'],
    [0.999, '1'],
    [0.0995, '0.1'],
    [0.00005, '5e-05'],
  ];
  for (const [x, want] of cases) assert.equal(goG2(x), want, String(x));
});

test('%.2f like Go (ties to even)', () => {
  const cases: [number, string][] = [
    [12.125, '12.12'],
    [4.375, '4.38'],
    [1.005, '1.00'],
    [99.945, '99.94'],
    [0.125, '0.12'],
    [2.675, '2.67'],
    [-0.125, '-0.12'],
    // Above 2^48 the decimal tail needs more than 21 digits to see (Go's output).
    [607776641845703.1, '607776641845703.12'],
  ];
  for (const [x, want] of cases) assert.equal(formatGoFixed(x, 2), want, String(x));
});

test('percentage and scaled labels like pprof', () => {
  assert.equal(percentage(1, 2), '50.00%');
  assert.equal(percentage(9996, 10000), '  100%');
  assert.equal(percentage(5, 10000), ' 0.05%');
  assert.equal(percentage(0, 0), '    0%');
  assert.equal(scaledLabel(1536, 'bytes', 'minimum'), '1.50kB');
  assert.equal(scaledLabel(1024, 'bytes', 'minimum'), '1kB');
  assert.equal(scaledLabel(-2048, 'bytes', 'kB'), '-2kB');
  assert.equal(scaledLabel(829411, 'bytes', 'B'), '829411B');
  assert.equal(scaledLabel(0, 'bytes', 'MB'), '0');
  assert.equal(scaledLabel(42, 'count', 'count'), '42');
});

test('scaledLabeler (units looked up once) prints what scaledLabel prints', () => {
  const values = [0, 1, -1, 1023, 1536, -2048, 829411, 2 ** 40 + 3, -(2 ** 52), 0.5, 1e-9, 7e15];
  const units: [string, string][] = [
    ['bytes', 'minimum'],
    ['bytes', 'kB'],
    ['bytes', 'MB'],
    ['bytes', 'B'],
    ['bytes', 'nonsense'],
    ['kilobytes', 'GB'],
    ['count', 'count'],
    ['nanoseconds', 'ms'],
    ['seconds', 'auto'],
    ['gcu', 'k*GCU'],
    ['widgets', 'kB'],
  ];
  for (const [from, to] of units) {
    const label = scaledLabeler(from, to);
    for (const v of values) assert.equal(label(v), scaledLabel(v, from, to), `${v} ${from} ${to}`);
  }
});
