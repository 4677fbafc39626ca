/**
 * `gomemlens bench`: a statistically sound CI gate for `go test -bench -benchmem`.
 * Subcommands live in their own files and load on demand.
 */
import { UsageError } from '../model/errors.js';

const SUBCOMMANDS: Record<
  string,
  { summary: string; load: () => Promise<{ run(argv: string[]): Promise<number> }> }
> = {
  compare: {
    summary: 'compare benchmark results (benchstat statistics) and gate on regressions',
    load: () => import('./bench-compare.js'),
  },
  run: {
    summary: 'run `go test -bench` and record peak memory of the process tree',
    load: () => import('./bench-run.js'),
  },
  save: {
    summary: 'parse benchmark output and save it as a JSON baseline',
    load: () => import('./bench-save.js'),
  },
  heapdiff: {
    summary: 'gate on heap profiles (go test -memprofile): which sites grew',
    load: () => import('./bench-heapdiff.js'),
  },
};

export const HELP = `Usage: gomemlens bench <subcommand> [flags]

Subcommands:
${Object.entries(SUBCOMMANDS)
  .map(([n, s]) => `  ${n.padEnd(9)} ${s.summary}`)
  .join('\n')}

Exit codes: 0 no regression, 1 regression beyond a --fail-on threshold, 2 usage or input error.
See gomemlens bench <subcommand> --help.`;

export async function run(argv: string[]): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub === undefined || sub === '--help' || sub === '-h' || sub === 'help') {
    console.log(HELP);
    return sub === undefined ? 2 : 0;
  }
  const entry = SUBCOMMANDS[sub];
  if (!entry) throw new UsageError(`unknown subcommand "${sub}" (compare, run, save, heapdiff)`);
  return (await entry.load()).run(rest);
}
