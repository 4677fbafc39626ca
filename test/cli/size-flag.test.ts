// One parser for every size flag: Go's GOMEMLIMIT syntax and Kubernetes quantities both
// give bytes, anything else is a usage error naming the flag.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sizeFlag } from '../../src/cli/size-flag.js';
import { UsageError } from '../../src/model/errors.js';

test('Go syntax and Kubernetes quantities give the same bytes', () => {
  const cases: [string, number][] = [
    ['256MiB', 256 * 2 ** 20],
    ['256Mi', 256 * 2 ** 20],
    ['1GiB', 2 ** 30],
    ['1Gi', 2 ** 30],
    ['1048576', 2 ** 20],
    ['500M', 500e6],
    ['1G', 1e9],
    ['2k', 2000],
    ['1.5Gi', 1.5 * 2 ** 30],
  ];
  for (const [text, bytes] of cases) assert.equal(sizeFlag('limit', text), bytes, text);
});

test('absent is undefined; zero, negative and garbage are usage errors naming the flag', () => {
  assert.equal(sizeFlag('limit', undefined), undefined);
  for (const text of ['0', '0Mi', '-1Gi', '256 apples', '1K', '', 'off', '1e999']) {
    assert.throws(
      () => sizeFlag('max-size', text),
      (err: unknown) =>
        err instanceof UsageError &&
        err.message === `--max-size wants a size like 256MiB or 256Mi; got "${text}"`,
      text,
    );
  }
});
