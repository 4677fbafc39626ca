import { test } from 'node:test';
import assert from 'node:assert/strict';
import { atLeast, hasFeature, parseGoVersion } from '../../src/analysis/go-versions.js';
import { gogcOf, gomemlimitOf, parseGodebug } from '../../src/analysis/settings.js';
import { MiB } from '../../src/model/units.js';
import { fires, only, report } from './helpers.js';

test('Go versions: release, rc, short and devel spellings', () => {
  assert.deepEqual(
    ['go1.26.8', 'go1.21rc2', 'go1.9', 'devel go1.27-1a2b3c Tue'].map((t) => {
      const v = parseGoVersion(t)!;
      return [v.major, v.minor, v.patch];
    }),
    [
      [1, 26, 8],
      [1, 21, 0],
      [1, 9, 0],
      [1, 27, 0],
    ],
  );
  assert.equal(parseGoVersion('node v20'), undefined);
  assert.equal(atLeast(parseGoVersion('go1.19')!, 1, 19), true);
  assert.equal(atLeast(parseGoVersion('go1.18.10')!, 1, 19), false);
});

test('version table: MADV_FREE default only 1.12-1.15, GOMEMLIMIT from 1.19', () => {
  const has = (t: string, f: Parameters<typeof hasFeature>[1]) => hasFeature(parseGoVersion(t)!, f);
  assert.deepEqual(
    ['go1.11.13', 'go1.12', 'go1.15.15', 'go1.16', 'go1.26.8'].map((t) =>
      has(t, 'madvFreeDefault'),
    ),
    [false, true, true, false, false],
  );
  assert.deepEqual(
    ['go1.18.10', 'go1.19', 'go1.26.8'].map((t) => has(t, 'gomemlimit')),
    [false, true, true],
  );
});

test('GOMEMLIMIT in force: env parsed by Go rules, runtime value wins, MaxInt64 is none', () => {
  assert.equal(gomemlimitOf('400MiB', 'env').bytes, 400 * MiB);
  assert.equal(gomemlimitOf('', 'env').bytes, null, 'empty means unset to Go');
  assert.equal(gomemlimitOf('off', 'env').bytes, null);
  assert.equal(gomemlimitOf('400Mi', 'env').env?.parsed.kind, 'malformed');
  assert.equal(gomemlimitOf('400MiB', 'env', 200 * MiB).bytes, 200 * MiB);
  assert.equal(gomemlimitOf(undefined, 'env', 9.223372036854776e18).bytes, null);
  assert.equal(
    gomemlimitOf('400MiB', 'env', undefined, 'go1.18.10').bytes,
    null,
    'Go 1.18 ignores GOMEMLIMIT',
  );
});

test('GOMEMLIMIT set on a Go 1.18 binary is not in force: gomemlimit-unset fires, says Go 1.18 lacks it', () => {
  const spec = { goVersion: 'go1.18.10', env: { GOMEMLIMIT: '400MiB' } };
  assert.match(report(spec).settings.gomemlimit.source, /ignored: go1\.18\.10 predates GOMEMLIMIT/);
  assert.equal(only(spec, 'gomemlimit-unset').args.goSupportsLimit, false);
  assert.equal(fires({ ...spec, goVersion: 'go1.19' }, 'gomemlimit-unset'), false);
});

test('GOGC as Go reads it: off, negatives, junk = 100, runtime value wins', () => {
  assert.equal(gogcOf('off', 'env').percent, null);
  assert.equal(gogcOf('-5', 'env').percent, null);
  assert.equal(gogcOf('200', 'env').percent, 200);
  assert.equal(gogcOf('x', 'env').percent, 100);
  assert.equal(gogcOf(undefined, 'env').percent, 100);
  assert.equal(gogcOf('off', 'env', 50).percent, 50);
});

test('GODEBUG: comma-separated key=value, junk entries ignored', () => {
  assert.deepEqual(parseGodebug('a=1, b=2,,c,=3'), [
    ['a', '1'],
    ['b', '2'],
  ]);
});
