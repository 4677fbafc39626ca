// exp, log and erfc must be bit-for-bit Go's (on this machine), or benchstat's CSV output
// (every digit of a geomean) and borderline p-values would differ. Go prints its results for
// 20,000 arguments; V8's own Math.exp/Math.log differ from Go's in thousands of them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { goExp, goLog } from '../../src/analysis/bench/golibm.js';
import { erfc } from '../../src/analysis/bench/numeric.js';
import { GOBENCH_DIR, goSkipReason } from './support.js';

const f64 = new Float64Array(1);
const u64 = new BigUint64Array(f64.buffer);
const fromHex = (h: string) => {
  u64[0] = BigInt('0x' + h);
  return f64[0];
};

/** Go's amd64 Exp takes the FMA path only on CPUs with FMA; ours follows that path. */
function cpuHasFma(): boolean {
  const r = spawnSync('grep', ['-qw', 'fma', '/proc/cpuinfo']);
  return r.status === 0;
}

const skip =
  goSkipReason() ??
  (process.arch !== 'x64' ? 'Go uses other exp/log code off amd64' : undefined) ??
  (cpuHasFma() ? undefined : 'CPU without FMA: Go takes its non-FMA exp path');

test('goExp, goLog and erfc equal Go math bit for bit', { skip }, () => {
  const r = spawnSync('go', ['run', './libm'], {
    cwd: GOBENCH_DIR,
    encoding: 'utf8',
    maxBuffer: 1 << 26,
  });
  assert.equal(r.status, 0, r.stderr);
  const bad = { exp: 0, log: 0, erfc: 0, v8exp: 0 };
  const lines = r.stdout.trim().split('\n');
  for (const line of lines) {
    const [x, e, l, c] = line.split(' ').map(fromHex);
    if (!Object.is(goExp(x), e)) bad.exp++;
    if (!Object.is(goLog(Math.abs(x)), l)) bad.log++;
    if (!Object.is(erfc(x), c)) bad.erfc++;
    if (!Object.is(Math.exp(x), e)) bad.v8exp++;
  }
  assert.equal(lines.length, 20000);
  assert.deepEqual({ exp: bad.exp, log: bad.log, erfc: bad.erfc }, { exp: 0, log: 0, erfc: 0 });
  assert.ok(bad.v8exp > 0, 'V8 exp should differ somewhere (else this test proves nothing)');
});
