// `bench run` on real test binaries: the peak RSS it records per package follows what the
// benchmark holds, agrees with GNU time's "Maximum resident set size" (getrusage, measured by
// a tool we did not write), and gates like any other metric.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseBenchfmt } from '../../src/formats/benchfmt.js';
import { cgroupSkipReason, ownMemoryCgroupPath } from '../support/cgroup.js';
import { cli, GOBENCH_DIR, goSkipReason } from './support.js';

const MiB = 1 << 20;

function peakOf(file: string): number {
  const set = parseBenchfmt(readFileSync(file, 'utf8'), { file });
  const r = set.results.find((x) => x.name === 'PeakRSS');
  assert.ok(r, `no PeakRSS line in ${file}`);
  assert.equal(r.config.find((c) => c.key === 'pkg')?.value, 'gomemlens.test/gobench/hold');
  return r.values[0].value;
}

test('bench run records the peak RSS of each test binary', { skip: goSkipReason() }, (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'gomemlens-benchrun-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const bin = join(dir, 'hold.test');
  const build = spawnSync('go', ['test', '-c', '-o', bin, './hold'], {
    cwd: GOBENCH_DIR,
    encoding: 'utf8',
  });
  assert.equal(build.status, 0, build.stderr);
  const args = ['-test.run', '^$', '-test.bench', '.', '-test.benchtime', '1x'];
  const hasTime = existsSync('/usr/bin/time');
  const command = hasTime ? ['/usr/bin/time', '-v', bin, ...args] : [bin, ...args];

  const runWith = (mb: number, out: string) => {
    const r = cli(['bench', 'run', '--interval', '20ms', '--out', out, '--', ...command], {
      env: { GOBENCH_HOLD_MB: String(mb) },
    });
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /peak RSS gomemlens\.test\/gobench\/hold: /);
    return r;
  };
  const small = runWith(16, join(dir, 'small.txt'));
  const big = runWith(96, join(dir, 'big.txt'));
  const smallPeak = peakOf(join(dir, 'small.txt'));
  const bigPeak = peakOf(join(dir, 'big.txt'));
  assert.ok(smallPeak >= 16 * MiB && smallPeak < 16 * MiB + 64 * MiB, `small peak ${smallPeak}`);
  assert.ok(bigPeak >= 96 * MiB && bigPeak < 96 * MiB + 64 * MiB, `big peak ${bigPeak}`);
  if (hasTime) {
    for (const [r, peak] of [
      [small, smallPeak],
      [big, bigPeak],
    ] as const) {
      const kb = Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr)?.[1]);
      assert.ok(
        Math.abs(peak - kb * 1024) <= 0.05 * kb * 1024,
        `ours ${peak} vs GNU time ${kb * 1024}`,
      );
    }
  } else t.diagnostic('GNU time not installed: skipped the cross-check with its maximum RSS');

  const gate = cli([
    'bench',
    'compare',
    '--fail-on',
    'peak-RSS-B:+10%',
    join(dir, 'small.txt'),
    join(dir, 'big.txt'),
  ]);
  assert.equal(gate.code, 1, gate.stdout + gate.stderr);
  assert.match(
    gate.stdout,
    /REGRESSION PeakRSS \(pkg gomemlens\.test\/gobench\/hold\) peak-RSS-B: /,
  );
  const same = cli([
    'bench',
    'compare',
    '--fail-on',
    'peak-RSS-B:+10%',
    join(dir, 'big.txt'),
    join(dir, 'big.txt'),
  ]);
  assert.equal(same.code, 0, same.stdout + same.stderr);
});

test('bench run: a failing or missing command exits 2', () => {
  const missing = cli(['bench', 'run', '--', '/nonexistent/go', 'test']);
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /cannot run \/nonexistent\/go/);
  const failing = cli(['bench', 'run', '--', 'sh', '-c', 'echo BenchmarkX 1 2 ns/op; exit 3']);
  assert.equal(failing.code, 2);
  assert.match(failing.stderr, /exited with code 3/);
  const nothing = cli(['bench', 'run', '--', 'true']);
  assert.equal(nothing.code, 2);
  assert.match(nothing.stderr, /printed no benchmark results/);
  assert.equal(cli(['bench', 'run']).code, 2);
});

test(
  'bench run --cgroup reports the kernel peak of the tree and removes its cgroup',
  { skip: goSkipReason() ?? cgroupSkipReason() },
  (t) => {
    const dir = mkdtempSync(join(tmpdir(), 'gomemlens-benchrun-cg-'));
    t.after(() => rmSync(dir, { recursive: true, force: true }));
    const bin = join(dir, 'hold.test');
    const build = spawnSync('go', ['test', '-c', '-o', bin, './hold'], {
      cwd: GOBENCH_DIR,
      encoding: 'utf8',
    });
    assert.equal(build.status, 0, build.stderr);
    const r = cli(
      [
        'bench',
        'run',
        '--cgroup',
        '--interval',
        '20ms',
        '--out',
        join(dir, 'out.txt'),
        '--',
        bin,
        '-test.run',
        '^$',
        '-test.bench',
        '.',
        '-test.benchtime',
        '1x',
      ],
      {
        env: { GOBENCH_HOLD_MB: '64' },
      },
    );
    assert.equal(r.code, 0, r.stderr);
    const m = /peak memory of the process tree: ([\d.]+) MiB \(cgroup peak/.exec(r.stderr);
    assert.ok(m, r.stderr);
    assert.ok(Number(m[1]) >= 64 && Number(m[1]) < 64 + 64, `cgroup peak ${m[1]} MiB`);
    assert.ok(peakOf(join(dir, 'out.txt')) >= 64 * MiB);
    const own = join('/sys/fs/cgroup/memory', ownMemoryCgroupPath() ?? '');
    const left = existsSync(own)
      ? readdirSync(own).filter((n) => n.startsWith('gomemlens-bench-run-'))
      : [];
    assert.deepEqual(left, []);
  },
);
