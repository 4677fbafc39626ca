/** Shared bits of the k8s tests: running the CLI, the corpus, expectations from comments. */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { runCliSync } from '../support/cli.js';

export const CLI = resolve('bin/gomemlens.js');
export const CORPUS = resolve('testdata/k8s');

export interface CliRun {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export function cli(args: string[], input?: string): CliRun {
  const r = runCliSync(args, { input, timeoutMs: 60_000 });
  return { status: r.code, stdout: r.stdout, stderr: r.stderr };
}

/** "line code" for every `# expect: <code>` comment of a file. */
export function expectedFromComments(file: string): string[] {
  const out: string[] = [];
  readFileSync(file, 'utf8')
    .split('\n')
    .forEach((line, i) => {
      for (const m of line.matchAll(/expect: (k8s-[a-z0-9-]+)/g)) out.push(`${i + 1} ${m[1]}`);
    });
  return out.sort();
}
