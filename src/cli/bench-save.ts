/**
 * `gomemlens bench save --out baseline.json INPUT...`: parses benchmark output and writes the
 * results as a JSON baseline that `bench compare` accepts in place of a text file (e.g. a
 * baseline from the main branch, kept as a CI artifact). Results are serialized as they are
 * parsed, and a baseline that `bench compare` could not read back is refused, not written.
 */
import {
  assembleBaseline,
  containersOf,
  MAX_BASELINE_CONTAINERS,
  serializeResult,
} from '../formats/bench-baseline.js';
import type { BenchResult } from '../model/bench.js';
import { formatSyntaxError } from '../model/bench.js';
import { formatBytes } from '../model/units.js';
import { writeFileAtomic } from '../sources/output-file.js';
import { MAX_INPUT_BYTES, streamInputs } from '../app/bench-inputs.js';
import { InputError, UsageError } from '../model/errors.js';
import { parseFlags } from './flags.js';

const HELP = `Usage: gomemlens bench save --out FILE INPUT [INPUT...]

Parses \`go test -bench\` output (files, or - for stdin) and writes the results to FILE as a
JSON baseline. Compare against it later: gomemlens bench compare FILE new.txt
(name the column with label=FILE, e.g. main=baseline.json).
NaN and ±Inf values are kept (as "NaN", "+Inf", "-Inf"); bench compare leaves them out.
Exit codes: 0 saved, 2 usage or input error (no results, unreadable input, a baseline over
${formatBytes(MAX_INPUT_BYTES)}).`;

const OPTIONS = { out: { type: 'string', short: 'o' } } as const;

/** Collects serialized results, refusing once bench compare could not read the file back. */
class Entries {
  readonly list: string[] = [];
  private bytes = 0;
  private containers = 0;
  nonFinite = 0;

  add(r: BenchResult): void {
    const entry = serializeResult(r);
    this.list.push(entry);
    this.bytes += entry.length + 1;
    this.containers += containersOf(r);
    this.nonFinite += r.values.filter((v) => !Number.isFinite(v.value)).length;
    if (this.bytes > MAX_INPUT_BYTES || this.containers > MAX_BASELINE_CONTAINERS)
      throw new InputError(
        `${r.file}:${r.line}: the baseline would be larger than bench compare reads (${formatBytes(MAX_INPUT_BYTES)}, ${MAX_BASELINE_CONTAINERS.toLocaleString('en-US')} arrays and objects); save fewer results per file`,
      );
  }
}

export async function run(argv: string[]): Promise<number> {
  const { values, positionals, help } = parseFlags(argv, OPTIONS, HELP);
  if (help) return 0;
  if (!values.out) throw new UsageError('--out FILE is required');
  const entries = new Entries();
  const loaded = await streamInputs(positionals.length > 0 ? positionals : ['-'], (r) =>
    entries.add(r),
  );
  await writeFileAtomic(values.out, assembleBaseline(entries.list, loaded.units.values()));
  for (const e of loaded.errors) console.error(formatSyntaxError(e));
  for (const note of loaded.errorNotes) console.error(note);
  if (entries.nonFinite > 0)
    console.error(
      `note: ${entries.nonFinite} values are NaN or ±Inf: saved as such; bench compare leaves them out`,
    );
  console.error(`saved ${entries.list.length} results to ${values.out}`);
  return 0;
}
