// GOMEMLIMIT syntax against the Go runtime itself: the `go` command is a Go program, and it
// exits with "malformed GOMEMLIMIT" at start-up for a value its runtime refuses.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { parseGoMemLimit } from '../../src/model/gomemlimit.js';

const CASES = [
  '',
  'off',
  '0',
  '-0',
  '+5',
  '-1',
  '512',
  '512B',
  '512KiB',
  '512MiB',
  '1GiB',
  '2TiB',
  '512Mi',
  '512M',
  '512MB',
  '1KB',
  '1kiB',
  'MiB',
  'B',
  '1 MiB',
  ' 1',
  '1.5GiB',
  '9223372036854775807',
  '9223372036854775808',
  '8388607TiB',
  '8388608TiB',
  '8589934592GiB',
  '0x10',
  '1e9',
  'OFF',
  '00100MiB',
  '-0MiB',
];

function goAccepts(value: string): boolean | undefined {
  const r = spawnSync('go', ['env', 'GOVERSION'], {
    env: { ...process.env, GOMEMLIMIT: value },
    encoding: 'utf8',
  });
  if (r.error) return undefined;
  if (r.status === 0) return true;
  assert.match(
    r.stderr,
    /malformed GOMEMLIMIT/,
    `unexpected failure for ${JSON.stringify(value)}: ${r.stderr}`,
  );
  return false;
}

test('parseGoMemLimit accepts exactly what the Go runtime accepts', (t) => {
  if (goAccepts('1GiB') === undefined) return t.skip('go is not installed');
  const wrong = CASES.filter(
    (value) => goAccepts(value) !== (parseGoMemLimit(value).kind !== 'malformed'),
  );
  assert.deepEqual(wrong, []);
});
