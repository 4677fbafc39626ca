/** `gomemlens trace gc TRACE|URL`: the GC of a Go execution trace, like go tool trace sees it. */
import { summarizeGcTrace } from '../analysis/go-trace-summary.js';
import { renderTraceGcText } from '../report/trace-gc-text.js';
import { parseAt, UsageError } from '../model/errors.js';
import { MiB } from '../model/units.js';
import { takeUrlCredentials } from '../sources/http.js';
import { readInputBytes } from '../sources/input-file.js';
import { isUrl, readProfileSource } from '../sources/profile-fetch.js';
import { durationFlag, intFlag, parseFlags } from './flags.js';
import { sizeFlag } from './size-flag.js';

const HELP = `Usage: gomemlens trace gc TRACE|URL [flags]

What the GC did during a Go execution trace: its mark phases, every stop-the-world pause with
the runtime's reason, mark-assist time per goroutine, the heap and its goal at each cycle, and
the minimum mutator utilization (MMU) as go tool trace computes it. A trace cut short (the
process was killed while writing it) is summarized up to where it breaks, and says so.

Flags:
  --json             everything as JSON: exact ns and bytes, the heap and goal series, the
                     100-window MMU curve of go tool trace's /mmu page
  --cycles N         cycles in the timeline (default 20, the last ones; 0: no timeline)
  --max-size SIZE    largest trace accepted, file or HTTP body (default 128MiB; a 100 MB trace
                     is read in about 3 s and 300 MB of memory, docs/trace.md)
  --timeout D        HTTP deadline for a URL (default: its seconds= plus 30s)`;

/** Reading holds the whole trace: 128 MiB (a 100 MB trace fits) keeps the process near 400 MB. */
const DEFAULT_MAX_TRACE = 128 * MiB;

const OPTIONS = {
  json: { type: 'boolean' },
  cycles: { type: 'string' },
  'max-size': { type: 'string' },
  timeout: { type: 'string' },
} as const;

/** /debug/pprof/trace?seconds=N takes N seconds to answer. */
function defaultTimeoutMs(url: string): number {
  const seconds = Number(new URL(url).searchParams.get('seconds') ?? '1');
  return (Number.isFinite(seconds) && seconds > 0 ? seconds : 1) * 1000 + 30_000;
}

export async function run(argv: string[]): Promise<number> {
  const { values: v, positionals, help } = parseFlags(argv, OPTIONS, HELP);
  if (help) return 0;
  if (positionals.length !== 1) throw new UsageError('gc wants one TRACE file or URL (see --help)');
  const given = positionals[0];
  const source = isUrl(given) ? takeUrlCredentials(given) : given;
  const timeoutMs =
    durationFlag('timeout', v.timeout) ?? (isUrl(source) ? defaultTimeoutMs(source) : undefined);
  const maxBytes = sizeFlag('max-size', v['max-size']) ?? DEFAULT_MAX_TRACE;
  const bytes = isUrl(source)
    ? await readProfileSource(source, { maxBytes, timeoutMs })
    : await readInputBytes(source, { maxBytes, what: 'trace (raise it with --max-size)' });
  const summary = parseAt({ file: isUrl(given) ? source : given }, () => summarizeGcTrace(bytes));
  if (v.json) console.log(JSON.stringify({ source, ...summary }, null, 2));
  else process.stdout.write(renderTraceGcText(summary, { cycles: intFlag('cycles', v.cycles) }));
  if (summary.incomplete)
    console.error(`note: ${source}: incomplete trace (${summary.incomplete})`);
  return 0;
}
