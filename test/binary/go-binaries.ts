// Builds small Go programs with different flags into a temp dir, for the build-info tests.
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface Variant {
  readonly name: string;
  readonly args: string[];
  readonly env?: Record<string, string>;
}

/** A main module with one dependency replaced by a local directory, so `dep` and `=>` lines
 *  appear without network access; a git repository so -buildvcs has something to stamp. */
export async function makeModule(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'gomemlens-bi-'));
  const files: Record<string, string> = {
    'go.mod':
      'module example.com/app\n\ngo 1.22\n\nrequire example.com/dep v1.2.3\n\nreplace example.com/dep v1.2.3 => ./dep\n',
    'main.go':
      'package main\n\nimport "example.com/dep"\n\nvar v = "0"\n\nfunc main() { println(dep.Hello(), v) }\n',
    'dep/go.mod': 'module example.com/dep\n\ngo 1.22\n',
    'dep/dep.go': 'package dep\n\nfunc Hello() string { return "hello" }\n',
  };
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  const git = (...args: string[]) =>
    run(
      'git',
      ['-c', 'user.name=t', '-c', 'user.email=t@example.com', '-c', 'safe.directory=*', ...args],
      { cwd: dir },
    );
  await git('init', '-q');
  await git('add', '.');
  await git('commit', '-q', '-m', 'init');
  return dir;
}

export async function buildVariant(dir: string, v: Variant): Promise<string> {
  const out = join(dir, 'bin-' + v.name);
  await run('go', ['build', '-o', out, ...v.args, '.'], {
    cwd: dir,
    env: {
      ...process.env,
      GOTOOLCHAIN: 'local',
      GOPROXY: 'off',
      GOFLAGS: '-mod=mod',
      CGO_ENABLED: '0',
      ...v.env,
    },
  });
  return out;
}

/** `go version -m FILE` output, lines as printed. */
export async function goVersionM(file: string): Promise<string[]> {
  const { stdout } = await run('go', ['version', '-m', file]);
  return stdout.trimEnd().split('\n');
}

export async function hasCommand(cmd: string, ...args: string[]): Promise<boolean> {
  try {
    await run(cmd, args);
    return true;
  } catch {
    return false;
  }
}
