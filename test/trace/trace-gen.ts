/**
 * Execution traces for the tests: testdata/go/tracegen built with a Go toolchain
 * (GOTOOLCHAIN=go1.N.x through the module proxy, or the machine's own Go for '') and run.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';

/** Builds tracegen with a toolchain and writes a trace; a reason string when it cannot. */
export function writeTrace(
  dir: string,
  toolchain: string,
  args = ['-for', '400ms', '-workers', '3'],
): string | { path: string } {
  const name = toolchain || 'local';
  const bin = join(dir, `tracegen-${name}`);
  const env: NodeJS.ProcessEnv = { ...process.env, CGO_ENABLED: '0', GOFLAGS: '-buildvcs=false' };
  if (toolchain) env.GOTOOLCHAIN = toolchain;
  const build = spawnSync('go', ['build', '-o', bin, './tracegen'], {
    cwd: resolve('testdata/go'),
    env,
    encoding: 'utf8',
    timeout: 600_000,
  });
  if (build.status !== 0) return `${name} not available: ${build.stderr.trim().split('\n')[0]}`;
  const path = join(dir, `${name}.trace`);
  const run = spawnSync(bin, ['-out', path, ...args], { timeout: 120_000 });
  assert.equal(run.status, 0, `tracegen ${name} failed`);
  return { path };
}
