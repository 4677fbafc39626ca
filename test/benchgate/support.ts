/**
 * Helpers for the bench tests: find the benchstat oracle and Go, run real `go test -bench`
 * in testdata/gobench, and run the gomemlens CLI.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { runCliSync } from '../support/cli.js';

export const GOBENCH_DIR = resolve('testdata/gobench');
export const CLI = resolve('bin/gomemlens.js');

function which(cmd: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(':')) {
    const p = join(dir, cmd);
    if (dir && existsSync(p)) return p;
  }
  return undefined;
}

/** $(go env GOPATH)/bin/benchstat, else benchstat on PATH. */
export function findBenchstat(): string | undefined {
  const gopath = spawnSync('go', ['env', 'GOPATH'], { encoding: 'utf8' });
  if (gopath.status === 0) {
    const p = join(gopath.stdout.trim(), 'bin', 'benchstat');
    if (existsSync(p)) return p;
  }
  return which('benchstat');
}

export function benchstatSkipReason(): string | undefined {
  return findBenchstat()
    ? undefined
    : 'benchstat not installed (go install golang.org/x/perf/cmd/benchstat@latest)';
}

export function goSkipReason(): string | undefined {
  return spawnSync('go', ['version']).status === 0 ? undefined : 'go is not installed';
}

/** Runs benchstat in `cwd` with args; returns stdout and stderr. */
export function benchstat(
  cwd: string,
  args: string[],
): { stdout: string; stderr: string; status: number | null } {
  const r = spawnSync(findBenchstat()!, args, { cwd, encoding: 'utf8' });
  return { stdout: r.stdout, stderr: r.stderr, status: r.status };
}

/** Real `go test -bench . -benchmem` output of testdata/gobench (with -tags regress: the regression). */
export function runGoBench(opts: { regress?: boolean; count?: number } = {}): string {
  const args = [
    'test',
    '-run',
    '^$',
    '-bench',
    '.',
    '-benchmem',
    '-benchtime',
    '2000x',
    '-count',
    String(opts.count ?? 6),
  ];
  if (opts.regress) args.push('-tags', 'regress');
  args.push('.');
  const r = spawnSync('go', args, { cwd: GOBENCH_DIR, encoding: 'utf8', timeout: 120_000 });
  if (r.status !== 0) throw new Error(`go test failed: ${r.stderr || r.stdout}`);
  return r.stdout;
}

/** Runs `gomemlens ...` and returns its output and exit code (GitHub annotations off). */
export function cli(
  args: string[],
  opts: { cwd?: string; input?: string; env?: Record<string, string> } = {},
) {
  return runCliSync(args, { ...opts, env: { GITHUB_ACTIONS: '', ...opts.env } });
}
