/**
 * The upstream modules pinned in testdata/upstream (go.mod versions, go.sum hashes): their own
 * testdata are our oracles' expected outputs. The Go toolchain fetches them through the module
 * proxy into the module cache; nothing foreign is committed. Tests skip only where Go is absent.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

const UPSTREAM = resolve('testdata/upstream');
const dirs = new Map<string, string>();

export const PPROF_MODULE = 'github.com/google/pprof';
export const PERF_MODULE = 'golang.org/x/perf';

/** Why upstream fixtures cannot be used here, or undefined when they can. */
export function upstreamSkipReason(): string | undefined {
  return spawnSync('go', ['version']).status === 0
    ? undefined
    : 'go is not installed (upstream fixtures come from the Go module proxy)';
}

/** The module cache directory of `module` at the version testdata/upstream/go.mod pins. */
export function upstreamModuleDir(module: string): string {
  const known = dirs.get(module);
  if (known) return known;
  const r = spawnSync('go', ['mod', 'download', '-json', module], {
    cwd: UPSTREAM,
    encoding: 'utf8',
    timeout: 300_000,
  });
  const info = r.stdout ? (JSON.parse(r.stdout) as { Dir?: string; Error?: string }) : {};
  if (r.status !== 0 || !info.Dir)
    throw new Error(`go mod download ${module} failed: ${info.Error ?? r.stderr}`);
  dirs.set(module, info.Dir);
  return info.Dir;
}

/** benchstat's testdata folder (inputs and expected outputs). */
export function benchstatFixtures(): string {
  return join(upstreamModuleDir(PERF_MODULE), 'cmd', 'benchstat', 'testdata');
}

/** google/pprof's profile testdata folder. */
export function pprofFixtures(): string {
  return join(upstreamModuleDir(PPROF_MODULE), 'profile', 'testdata');
}

/** The pinned benchstat built by scripts/build-go.mjs, when it is there. */
export const BENCHSTAT = resolve('dist/upstream/benchstat');
export function benchstatBuilt(): boolean {
  return existsSync(BENCHSTAT);
}
