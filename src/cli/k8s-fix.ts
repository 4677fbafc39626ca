/** `gomemlens k8s fix FILES [--ratio 0.9] [--write]`: set or correct GOMEMLIMIT in place. */
import { fixFile, type FileFix } from '../analysis/k8s/fix-apply.js';
import type { FixOp } from '../analysis/k8s/fix-plan.js';
import { editDiff } from '../report/k8s-diff.js';
import { InputError, UsageError } from '../model/errors.js';
import { writeFileAtomic } from '../sources/output-file.js';
import { parseFlags } from './flags.js';
import { printNote } from './tty.js';
import { listInputs, parseInput, readInput, type InputFile } from '../app/manifest-inputs.js';
import { lintOptions, RATIO_FLAGS, RATIO_HELP } from './k8s-options.js';
import { DETECT_FLAGS, DETECT_HELP, detectOptions } from './k8s-detect.js';
import type { GoDetectOptions } from '../analysis/k8s/go-detect.js';

const HELP = `Usage: gomemlens k8s fix FILES|DIRS|- [--ratio 0.9] [--write]

Sets GOMEMLIMIT of each Go container to --ratio of its memory limit, in Go's syntax (e.g.
460MiB), where it is missing, malformed, from the downward API, or outside the ratio band.
Comments, key order and formatting are kept: only the changed lines differ. Values shared
through YAML anchors, aliases or merge keys are not edited (the reason is printed).
Prints a unified diff; --write changes the files instead (not with stdin), each through a
temporary file renamed over it, so a failed write leaves the file as it was.

Flags:
  --write            write the files in place
${DETECT_HELP}
${RATIO_HELP}

Exit codes: 0 done (or nothing to do), 2 usage error, unreadable or unwritable input.`;

export async function run(argv: string[]): Promise<number> {
  const { values, positionals, help } = parseFlags(
    argv,
    { write: { type: 'boolean' }, ...RATIO_FLAGS, ...DETECT_FLAGS },
    HELP,
  );
  if (help) return 0;
  const options = lintOptions(values);
  const detect = await detectOptions(values);
  if (values.write && positionals.includes('-'))
    throw new UsageError('--write cannot write to stdin');
  let changed = 0;
  const { files, notes } = await listInputs(positionals);
  for (const note of notes) printNote(note);
  for (const name of files) {
    const input = await readInput(name);
    const result = fix(input, options, detect);
    // Written first: a write that fails is the one line printed (exit 2), not after a plan.
    if (result.text !== input.text) {
      changed++;
      if (values.write) await writeFileAtomic(name, result.text);
      else process.stdout.write(editDiff(input.text, result.splices, `a/${name}`, `b/${name}`));
    }
    report(name, result);
  }
  console.error(
    `${changed} file${changed === 1 ? '' : 's'} ${values.write ? 'changed' : 'would change'}`,
  );
  return 0;
}

function fix(
  input: InputFile,
  options: ReturnType<typeof lintOptions>,
  detect: GoDetectOptions,
): FileFix {
  const parsed = parseInput(input);
  try {
    const result = fixFile(input.text, input.name, parsed, options, detect);
    // Replacement characters would be written back in place of the bytes that were there.
    if (!input.utf8 && result.text !== input.text)
      throw new Error('not UTF-8 text, and an edit would replace the bytes that are not');
    return result;
  } catch (err) {
    // The input parsed above: anything here (an edit that does not parse back) is ours to name.
    throw new InputError(`${input.name}: not changed: ${(err as Error).message}`);
  }
}

function report(name: string, result: FileFix): void {
  for (const s of result.plan.skipped)
    console.error(`${name}: ${s.workload} container "${s.container}": skipped: ${s.reason}`);
  for (const f of result.plan.fixes)
    console.error(
      `${name}: ${f.workload} container "${f.container}": ${f.variable} ${f.before} -> ${shown(f.op)}`,
    );
}

function shown(op: FixOp): string {
  return op.op === 'quote-value' ? JSON.stringify(op.value) : op.value;
}
