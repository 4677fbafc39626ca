/**
 * `bench compare` on two files of 100,000 result lines each, against benchstat on the same
 * files in the same run (goal: at least as fast). Both are timed end to end as a user runs
 * them (process start, parse, statistics, text output to a file).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, openSync, closeSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const BIN = resolve('bin/gomemlens.js');
const LINES = 100_000;
const COUNT = 10;
const RUNS = 5;

/** Deterministic PRNG (mulberry32). */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** go test -bench -benchmem style output: LINES/COUNT benchmarks, COUNT runs each. */
function generate(seed: number, shift: number): string {
  const r = rng(seed);
  const parts = ['goos: linux\ngoarch: amd64\npkg: example.com/big\ncpu: AMD EPYC\n'];
  for (let b = 0; b < LINES / COUNT; b++) {
    const name = `BenchmarkOp${b}/size=${(b % 7) * 64}-8`;
    const base = 100 + (b % 97) * 13;
    for (let k = 0; k < COUNT; k++) {
      const ns = (base * (1 + shift) * (0.95 + r() * 0.1)).toFixed(1);
      const bytes = (b % 5) * 16 + (b % 11 === 0 && shift > 0 ? 16 : 0);
      parts.push(`${name}\t${1000000 + k}\t${ns} ns/op\t${bytes} B/op\t${b % 5} allocs/op\n`);
    }
  }
  parts.push('PASS\nok  \texample.com/big\t12.345s\n');
  return parts.join('');
}

function benchstatPath(): string | undefined {
  const gopath = spawnSync('go', ['env', 'GOPATH'], { encoding: 'utf8' });
  const p = gopath.status === 0 ? join(gopath.stdout.trim(), 'bin', 'benchstat') : '';
  if (p && existsSync(p)) return p;
  return spawnSync('benchstat', ['-h']).error ? undefined : 'benchstat';
}

function timeRun(cmd: string, args: string[], cwd: string): number {
  const out = openSync(join(cwd, 'out.txt'), 'w');
  const t0 = performance.now();
  const r = spawnSync(cmd, args, { cwd, stdio: ['ignore', out, 'ignore'] });
  const elapsed = performance.now() - t0;
  closeSync(out);
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited ${r.status}`);
  return elapsed;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const dir = mkdtempSync(join(tmpdir(), 'gomemlens-benchgate-'));
try {
  writeFileSync(join(dir, 'old.txt'), generate(1, 0));
  writeFileSync(join(dir, 'new.txt'), generate(2, 0.02));
  console.log(
    `bench compare: 2 files x ${LINES} result lines (${LINES / COUNT} benchmarks x ${COUNT}, 3 units), median of ${RUNS}`,
  );
  const ours: number[] = [];
  for (let i = 0; i < RUNS; i++)
    ours.push(timeRun(process.execPath, [BIN, 'bench', 'compare', 'old.txt', 'new.txt'], dir));
  console.log(`  gomemlens bench compare: ${median(ours).toFixed(0)} ms`);
  const bs = benchstatPath();
  if (!bs)
    console.log(
      '  benchstat not installed: no reference (go install golang.org/x/perf/cmd/benchstat@latest)',
    );
  else {
    const theirs: number[] = [];
    for (let i = 0; i < RUNS; i++) theirs.push(timeRun(bs, ['old.txt', 'new.txt'], dir));
    console.log(`  benchstat:               ${median(theirs).toFixed(0)} ms`);
    console.log(
      `  ratio gomemlens/benchstat: ${(median(ours) / median(theirs)).toFixed(2)} (goal <= 1.00)`,
    );
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
