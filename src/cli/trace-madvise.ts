/**
 * `gomemlens trace madvise --pid N`: the madvise calls of a live Go process, counted with
 * bpftrace (eBPF, user stacks) or strace, and what they mean for its RSS.
 */
import { traceMadvise, type TraceMethod } from '../app/trace-madvise.js';
import { UsageError } from '../model/errors.js';
import { renderMadviseText } from '../report/madvise-text.js';
import { hostFs } from '../sources/hostfs.js';
import { durationFlag, intFlag, parseFlags } from './flags.js';

const HELP = `gomemlens trace madvise --pid N [--duration 30s] [--method auto|bpftrace|strace] [--json]

Counts the madvise(2) calls of a running Go process: calls, bytes and a size histogram per
advice (MADV_DONTNEED, MADV_FREE, MADV_HUGEPAGE, MADV_NOHUGEPAGE, MADV_COLLAPSE, others by
number), per thread, and per calling path read from the user stack (background scavenger,
heap growth, debug.FreeOSMemory, GC metadata huge pages). The verdict says whether RSS
dropped (MADV_DONTNEED) or the pages stay resident as LazyFree (MADV_FREE), and what the
binary's Go version and GODEBUG make it use.

Flags:
  --pid N            the process to trace
  --duration D       how long to trace (default 30s; the target exiting ends it sooner)
  --method M         bpftrace (needs root; mounts tracefs at /sys/kernel/tracing when it is
                     missing), strace (ptrace; stops each thread briefly per call), or auto
                     (default: bpftrace where it works, else strace)
  --json             the result as JSON (sizes in bytes)
  --bpftrace PATH    the bpftrace to run (default: bpftrace on PATH)
  --strace PATH      the strace to run (default: strace on PATH)
  --attach-timeout D how long the tracer may take to attach (default 30s)

Exit codes: 0 traced (also when the target exited midway: the notes say so), 2 the process
cannot be traced (gone, not Go, permission denied, no tracer). See docs/trace.md.`;

export async function run(argv: string[]): Promise<number> {
  const { values, positionals, help } = parseFlags(
    argv,
    {
      pid: { type: 'string' },
      duration: { type: 'string' },
      method: { type: 'string' },
      json: { type: 'boolean' },
      bpftrace: { type: 'string' },
      strace: { type: 'string' },
      'attach-timeout': { type: 'string' },
    },
    HELP,
  );
  if (help) return 0;
  if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
  const pid = intFlag('pid', values.pid);
  if (pid === undefined || pid === 0) throw new UsageError('--pid N is required (see --help)');
  const durationMs = durationFlag('duration', values.duration) ?? 30_000;
  if (durationMs <= 0) throw new UsageError('--duration must be more than 0');
  const stop = new AbortController();
  const onSignal = () => stop.abort();
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  const trace = await traceMadvise(
    hostFs('/'),
    {
      pid,
      method: methodFlag(values.method),
      durationMs,
      bpftrace: values.bpftrace,
      strace: values.strace,
      attachTimeoutMs: durationFlag('attach-timeout', values['attach-timeout']) ?? 30_000,
      stopGraceMs: 3000,
    },
    (line) => console.error(`gomemlens trace madvise: ${line}`),
    stop.signal,
  );
  process.off('SIGINT', onSignal);
  process.off('SIGTERM', onSignal);
  process.stdout.write(
    values.json ? JSON.stringify(trace, null, 2) + '\n' : renderMadviseText(trace),
  );
  return 0;
}

function methodFlag(text: string | undefined): TraceMethod {
  if (text === undefined) return 'auto';
  if (text === 'bpftrace' || text === 'strace' || text === 'auto') return text;
  throw new UsageError(`--method wants bpftrace, strace or auto, got "${text}"`);
}
