/**
 * `bench compare` on two files of 100,000 result lines each, against benchstat on the same
 * files in the same run (goal: at least as fast). Both are timed end to end as a user runs
 * them (process start, parse, statistics, text output to a file), alternately, so that load
 * from elsewhere on the machine hits both alike. CPU time is shown too: benchstat computes its
 * cells on several threads, gomemlens on one.
 */
import { spawnSync } from 'node:child_process';
import {
  closeSync,
  existsSync,
  mkdtempSync,
  openSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { seededRandom } from '../test/support/random.js';
import { BENCHSTAT, benchstatBuilt } from '../test/support/upstream.js';

const BIN = resolve('bin/gomemlens.js');
const LINES = 100_000;
const COUNT = 10;
const RUNS = 7;

/** go test -bench -benchmem style output: LINES/COUNT benchmarks, COUNT runs each. */
function generate(seed: number, shift: number): string {
  const r = seededRandom(seed);
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
  if (benchstatBuilt()) return BENCHSTAT; // the pinned one (scripts/build-go.mjs)
  const gopath = spawnSync('go', ['env', 'GOPATH'], { encoding: 'utf8' });
  const p = gopath.status === 0 ? join(gopath.stdout.trim(), 'bin', 'benchstat') : '';
  if (p && existsSync(p)) return p;
  return spawnSync('benchstat', ['-h']).error ? undefined : 'benchstat';
}

/** CPU time (user + system) of this process's waited-for children, from /proc/self/stat. */
function childCpuMs(): number {
  const stat = readFileSync('/proc/self/stat', 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // cutime and cstime (man 5 proc: fields 16 and 17), in clock ticks of 10 ms.
  return (Number(fields[13]) + Number(fields[14])) * 10;
}

interface Timing {
  readonly wallMs: number;
  readonly cpuMs: number;
}

function timeRun(cmd: string, args: string[], cwd: string): Timing {
  const out = openSync(join(cwd, 'out.txt'), 'w');
  const cpu0 = childCpuMs();
  const t0 = performance.now();
  const r = spawnSync(cmd, args, { cwd, stdio: ['ignore', out, 'ignore'] });
  const wallMs = performance.now() - t0;
  closeSync(out);
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited ${r.status}`);
  return { wallMs, cpuMs: childCpuMs() - cpu0 };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function report(name: string, ts: Timing[]): void {
  const wall = ts.map((t) => t.wallMs);
  console.log(
    `  ${name.padEnd(24)} wall median ${median(wall).toFixed(0)} ms, best ${Math.min(...wall).toFixed(0)} ms; ` +
      `CPU median ${median(ts.map((t) => t.cpuMs)).toFixed(0)} ms`,
  );
}

const dir = mkdtempSync(join(tmpdir(), 'gomemlens-benchgate-'));
try {
  writeFileSync(join(dir, 'old.txt'), generate(1, 0));
  writeFileSync(join(dir, 'new.txt'), generate(2, 0.02));
  console.log(
    `bench compare: 2 files x ${LINES} result lines (${LINES / COUNT} benchmarks x ${COUNT}, ` +
      `3 units), ${RUNS} runs each, alternating`,
  );
  const bs = benchstatPath();
  const ours: Timing[] = [];
  const theirs: Timing[] = [];
  for (let i = 0; i < RUNS; i++) {
    ours.push(timeRun(process.execPath, [BIN, 'bench', 'compare', 'old.txt', 'new.txt'], dir));
    if (bs) theirs.push(timeRun(bs, ['old.txt', 'new.txt'], dir));
  }
  report('gomemlens bench compare', ours);
  if (!bs)
    console.log(
      '  benchstat not installed: no reference (go install golang.org/x/perf/cmd/benchstat@latest)',
    );
  else {
    report('benchstat', theirs);
    const ratio = (f: (t: Timing) => number) => median(ours.map(f)) / median(theirs.map(f));
    const wall = ratio((t) => t.wallMs).toFixed(2);
    console.log(
      `  ratio gomemlens/benchstat: wall ${wall} (goal <= 1.00), CPU ${ratio((t) => t.cpuMs).toFixed(2)}`,
    );
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
