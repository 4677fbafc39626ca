/**
 * Helpers for the bench tests: the pinned benchstat oracle and Go, run real `go test -bench`
 * in testdata/gobench, and run the gomemlens CLI.
 */
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { runCliSync } from '../support/cli.js';
import { BENCHSTAT, benchstatBuilt, upstreamSkipReason } from '../support/upstream.js';

export const GOBENCH_DIR = resolve('testdata/gobench');
export const CLI = resolve('bin/gomemlens.js');

/**
 * The oracle is the benchstat pinned in testdata/upstream, built by scripts/build-go.mjs: with Go
 * on the machine the oracle tests always run (a failed build fails them, it never skips them).
 */
export function benchstatSkipReason(): string | undefined {
  return upstreamSkipReason();
}

export function goSkipReason(): string | undefined {
  return spawnSync('go', ['version']).status === 0 ? undefined : 'go is not installed';
}

/** Runs benchstat in `cwd` with args; returns stdout and stderr. */
export function benchstat(
  cwd: string,
  args: string[],
): { stdout: string; stderr: string; status: number | null } {
  if (!benchstatBuilt()) throw new Error(`${BENCHSTAT} missing: run node scripts/build-go.mjs`);
  const r = spawnSync(BENCHSTAT, args, { cwd, encoding: 'utf8' });
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
