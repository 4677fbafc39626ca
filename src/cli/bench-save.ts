/**
 * `gomemlens bench save --out baseline.json INPUT...`: parses benchmark output and writes the
 * results as a JSON baseline that `bench compare` accepts in place of a text file (e.g. a
 * baseline from the main branch, kept as a CI artifact).
 */
import { writeFile } from 'node:fs/promises';
import { serializeBaseline } from '../formats/bench-baseline.js';
import { formatSyntaxError } from '../model/bench.js';
import { loadInputs } from './bench-input.js';
import { InputError, UsageError } from '../model/errors.js';
import { parseFlags } from './flags.js';

const HELP = `Usage: gomemlens bench save --out FILE INPUT [INPUT...]

Parses \`go test -bench\` output (files, or - for stdin) and writes the results to FILE as a
JSON baseline. Compare against it later: gomemlens bench compare FILE new.txt
(name the column with label=FILE, e.g. main=baseline.json).
Exit codes: 0 saved, 2 usage or input error (no results, unreadable input).`;

const OPTIONS = { out: { type: 'string', short: 'o' } } as const;

export async function run(argv: string[]): Promise<number> {
  const { values, positionals, help } = parseFlags(argv, OPTIONS, HELP);
  if (help) return 0;
  if (!values.out) throw new UsageError('--out FILE is required');
  const loaded = await loadInputs(positionals.length > 0 ? positionals : ['-']);
  for (const e of loaded.errors) console.error(formatSyntaxError(e));
  try {
    await writeFile(values.out, serializeBaseline(loaded));
  } catch (err) {
    throw new InputError(`cannot write ${values.out}: ${(err as Error).message}`);
  }
  console.error(`saved ${loaded.results.length} results to ${values.out}`);
  return 0;
}
