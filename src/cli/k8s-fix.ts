/** `gomemlens k8s fix FILES [--ratio 0.9] [--write]`: set or correct GOMEMLIMIT in place. */
import { writeFileSync } from 'node:fs';
import { fixFile } from '../analysis/k8s/fix-apply.js';
import type { FixOp } from '../analysis/k8s/fix-plan.js';
import { unifiedDiff } from '../report/k8s-diff.js';
import { InputError, UsageError } from '../model/errors.js';
import { parseFlags } from './flags.js';
import { listInputs, parseInput, readInput } from './k8s-input.js';
import { lintOptions, RATIO_FLAGS, RATIO_HELP } from './k8s-options.js';

const HELP = `Usage: gomemlens k8s fix FILES|DIRS|- [--ratio 0.9] [--write]

Sets GOMEMLIMIT of each Go container to --ratio of its memory limit, in Go's syntax (e.g.
460MiB), where it is missing, malformed, from the downward API, or outside the ratio band.
Comments, key order and formatting are kept: only the changed lines differ.
Prints a unified diff; --write changes the files instead (not with stdin).

Flags:
  --write            write the files in place
${RATIO_HELP}

Exit codes: 0 done (or nothing to do), 2 usage error or unreadable input.`;

export async function run(argv: string[]): Promise<number> {
  const { values, positionals, help } = parseFlags(
    argv,
    { write: { type: 'boolean' }, ...RATIO_FLAGS },
    HELP,
  );
  if (help) return 0;
  const options = lintOptions(values);
  const files = listInputs(positionals);
  if (values.write && files.includes('-')) throw new UsageError('--write cannot write to stdin');
  let changed = 0;
  for (const name of files) {
    const input = readInput(name);
    let result;
    try {
      result = fixFile(input.text, name, parseInput(input), options);
    } catch (err) {
      if (err instanceof InputError) throw err;
      throw new InputError(`${name}: not changed: ${(err as Error).message}`);
    }
    for (const s of result.plan.skipped)
      console.error(`${name}: ${s.workload} container "${s.container}": skipped: ${s.reason}`);
    for (const f of result.plan.fixes)
      console.error(
        `${name}: ${f.workload} container "${f.container}": ${f.variable} ${f.before} -> ${shown(f.op)}`,
      );
    if (result.text === input.text) continue;
    changed++;
    if (values.write) writeFileSync(name, result.text);
    else process.stdout.write(unifiedDiff(input.text, result.text, `a/${name}`, `b/${name}`));
  }
  console.error(
    `${changed} file${changed === 1 ? '' : 's'} ${values.write ? 'changed' : 'would change'}`,
  );
  return 0;
}

function shown(op: FixOp): string {
  return op.op === 'quote-value' ? JSON.stringify(op.value) : op.value;
}
