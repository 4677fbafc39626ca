/**
 * `gomemlens gctrace LOG`: a GODEBUG=gctrace=1 (and scavtrace=1) log read into a per-cycle
 * table and a summary: GC CPU from the cpu fields, heap before/after/goal, pauses, forced
 * cycles, the scavenger.
 */
import { readGctraceLog } from '../app/gctrace-log.js';
import { UsageError } from '../model/errors.js';
import { renderGctraceText } from '../report/gctrace-text.js';
import { sizeFlag } from './size-flag.js';
import { intFlag, parseFlags } from './flags.js';

const HELP = `gomemlens gctrace LOG [--cycles N|all] [--json] [--max-bytes SIZE]

Reads the lines a Go program prints with GODEBUG=gctrace=1 (one per GC cycle) and
scavtrace=1 (the scavenger) from LOG: a file, - for stdin, a FIFO, or a container log (a
runtime's timestamp prefix is allowed; the program's other output is skipped). Prints the
last cycles as a table and a summary: cycles, forced cycles, GC CPU share from the cpu
fields, heap before/after/goal, stop-the-world pauses, scavenger totals.

Flags:
  --cycles N|all    table rows: the last N cycles (default 30), or all kept (the last 10000)
  --json            the summary and the kept cycles as JSON (heap in MiB as the log has it)
  --max-bytes SIZE  stop reading after this much (default 1GiB, at least 1MiB); the
                    result says so

Exit codes: 0 read, 2 no gctrace line in LOG, unreadable LOG, bad flags. See docs/trace.md.`;

/** Cycles held for the table and JSON: about 3 MB. */
const KEEP = 10_000;

export async function run(argv: string[]): Promise<number> {
  const { values, positionals, help } = parseFlags(
    argv,
    { cycles: { type: 'string' }, json: { type: 'boolean' }, 'max-bytes': { type: 'string' } },
    HELP,
  );
  if (help) return 0;
  if (positionals.length !== 1) throw new UsageError('give one LOG (a file, or - for stdin)');
  const rows = values.cycles === 'all' ? KEEP : (intFlag('cycles', values.cycles) ?? 30);
  const maxBytes = sizeFlag('max-bytes', values['max-bytes']) ?? 1 << 30;
  if (maxBytes < 1 << 20) throw new UsageError('--max-bytes is at least 1MiB');
  const read = await readGctraceLog(positionals[0], { maxBytes, keep: KEEP });
  const view = {
    input: read.input,
    lines: read.lines,
    summary: read.summary,
    cycles: read.log.cycles,
    notes: read.notes,
  };
  if (values.json) {
    const json = { ...view, bytesRead: read.bytesRead, scavenges: read.log.scavenges };
    process.stdout.write(JSON.stringify(json, null, 2) + '\n');
  } else process.stdout.write(renderGctraceText(view, rows));
  for (const note of read.notes) console.error(`gomemlens gctrace: ${note}`);
  return 0;
}
