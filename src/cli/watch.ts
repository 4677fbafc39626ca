/**
 * `gomemlens watch`: samples a Go service's memory from outside every tick, forecasts the
 * OOM, takes heap and goroutine profiles before it happens, and writes everything to an
 * append-only capture file (docs/watch.md). On a terminal it shows a live view; otherwise it
 * prints one line per tick. It stops by itself when the target exits.
 */
import { analyzeCapture } from '../app/capture.js';
import { readCaptureFile } from '../app/capture-file.js';
import { endCapture, openCapture, preflight, watchReader } from '../app/watch-start.js';
import { runSession } from '../app/watch-session.js';
import { followGcTrace } from '../sources/gctrace-file.js';
import { tickTimeoutMs } from '../app/watch-schedule.js';
import { TRACE_SECONDS } from '../sources/target-profiles.js';
import { InputError, UsageError } from '../model/errors.js';
import { renderPostMortemText, tickLine } from '../report/watch-text.js';
import {
  durationFlag,
  intFlag,
  MAX_WATCH_DURATION_MS,
  parseFlags,
  splitCommand,
  urlFlag,
} from './flags.js';
import { liveView } from './watch-live.js';
import { commandLimitFlag } from './size-flag.js';
import { reportSession, watchCommandLine } from './watch-command.js';
import { ruleOptions, triggerOptions } from './watch-flags.js';

const HELP = `gomemlens watch --pid N [--url URL] [--cgroup PATH] --out CAPTURE [flags]
gomemlens watch --out CAPTURE [--limit 256MiB] [flags] -- CMD ARGS...

Samples the cgroup, /proc and the Go runtime every tick under one timestamp, forecasts the
time to the OOM kill, and takes heap and goroutine profiles BEFORE it (the kernel's SIGKILL
leaves a Go program no chance to dump anything). Stops when the target exits, then writes
a post-mortem. Read the capture with: gomemlens report CAPTURE -o report.html

With -- CMD ARGS..., watch starts the command itself in a fresh memory cgroup (root, a
writable memory controller), with GODEBUG gctrace=1 added: its stderr is passed on, its GC
lines are recorded. Watching ends when the command exits or at --duration (it is then
stopped); the cgroup is removed afterwards.

Flags:
  --pid N                  the process (cgroup and /proc)
  --url URL                its Go endpoints (/debug/vars, /metrics, /debug/pprof); credentials
                           in it (user:pass@) are sent, never printed or stored
  --cgroup PATH            a cgroup directory instead of the process's own
  --out FILE               the capture file to create (must not exist)
  --interval D             time between ticks (default 1s); a tick that starts after its
                           slot is recorded with "late"
  --duration D             a hard deadline (default: until the target exits; at most 720h)
  --profile-every D        heap profile cadence (default 30s)
  --trace-seconds N        on a trigger, also an execution trace of N seconds from
                           /debug/pprof/trace: the report shows what the GC did (default 2; 0 = off)
  --trigger-working-set P  capture at this working set, % of the limit (default 90; 0 = off)
  --trigger-eta D          capture when the forecast time to OOM is below this (default 60s; 0 = off)
  --no-trigger-events      do not capture on memory.events high/max or memory.failcnt jumps
  --limit SIZE             with -- CMD: the cgroup's memory limit (256MiB, 1Gi; default none)
  --gctrace FILE           the file the target's stderr goes to, when it runs with
                           GODEBUG=gctrace=1: its GC lines are recorded (for advise, simulate)
  --rule NAME=VALUE        change a series-rule threshold (repeatable): highRise (50),
                           highWindowMs (10000), gcRatePerSec (5), gcWindowMs (10000),
                           pauseMs (100), topSiteShare (0.4), goroutineMinGrowth (50)

Exit codes: 0 ok, 1 the target was OOM-killed, 2 usage or input error.`;

const OPTIONS = {
  pid: { type: 'string' },
  url: { type: 'string' },
  cgroup: { type: 'string' },
  out: { type: 'string', short: 'o' },
  interval: { type: 'string' },
  duration: { type: 'string' },
  'profile-every': { type: 'string' },
  'trace-seconds': { type: 'string' },
  'trigger-working-set': { type: 'string' },
  'trigger-eta': { type: 'string' },
  'no-trigger-events': { type: 'boolean' },
  gctrace: { type: 'string' },
  limit: { type: 'string' },
  rule: { type: 'string', multiple: true },
} as const;

export async function run(argv: string[]): Promise<number> {
  const startedAt = Date.now();
  const { flags, command: cmd } = splitCommand(argv);
  const { values, positionals, help } = parseFlags(flags, OPTIONS, HELP);
  if (help) return 0;
  if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
  if (!values.out) throw new UsageError('--out CAPTURE is required');
  const intervalMs = durationFlag('interval', values.interval) ?? 1000;
  if (intervalMs < 100) throw new UsageError('--interval must be at least 100ms');
  const triggers = triggerOptions(values);
  const url = values.url === undefined ? undefined : urlFlag(values.url);
  const profileEveryMs = durationFlag('profile-every', values['profile-every']) ?? 30_000;
  const durationMs = durationFlag('duration', values.duration, MAX_WATCH_DURATION_MS);
  const rules = ruleOptions(values.rule ?? []);
  const traceSeconds = intFlag('trace-seconds', values['trace-seconds']) ?? TRACE_SECONDS;
  if (traceSeconds > 60) throw new UsageError('--trace-seconds is at most 60');
  const session = {
    intervalMs,
    profileEveryMs,
    durationMs,
    startedAt,
    triggers,
    rules,
    traceSeconds,
  };
  const limitBytes = commandLimitFlag(values.limit, cmd);
  if (cmd !== undefined) {
    for (const flag of ['pid', 'cgroup', 'gctrace'] as const)
      if (values[flag] !== undefined) throw new UsageError(`--${flag} does not go with -- CMD`);
    await watchCommandLine({ cmd, limitBytes, url, capturePath: values.out, session, triggers });
    return finish(values.out);
  }
  const pid = intFlag('pid', values.pid);
  if (pid === undefined && values.url === undefined && values.cgroup === undefined)
    throw new UsageError('give --pid, --url or --cgroup, or -- CMD ARGS...');
  const target = { pid, url, cgroupDir: values.cgroup };
  const gctrace = values.gctrace === undefined ? undefined : followGcTrace(values.gctrace);
  const reader = watchReader(target);
  const { warning } = await preflight(reader, target, tickTimeoutMs(intervalMs));
  if (warning) console.error(`gomemlens watch: warning: ${warning}`);
  const out = openCapture(values.out, { target, intervalMs, profileEveryMs, triggers });
  const stop = new AbortController();
  const onSignal = () => stop.abort();
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  const live = process.stderr.isTTY ? liveView(process.stderr) : undefined;
  const settings = { ...session, gctrace };
  const result = await runSession(
    reader,
    out,
    settings,
    {
      onTick: (s, f, fs) => (live ? live.update(s, f, fs) : console.log(tickLine(s, f))),
      onEvent: (line) => (live ? live.event(line) : console.log(line)),
    },
    stop.signal,
  );
  reader.close();
  gctrace?.close();
  endCapture(out, result);
  reportSession(result);
  live?.close();
  return finish(values.out);
}

/** Reads the capture back and prints the post-mortem; exit 1 when the target was OOM-killed. */
async function finish(path: string): Promise<number> {
  let read;
  try {
    read = await readCaptureFile(path);
  } catch (err) {
    // The capture is complete on disk; only the summary is lost (e.g. a capture over 400 MiB).
    if (!(err instanceof InputError)) throw err;
    console.error(`gomemlens watch: no post-mortem: ${err.message}`);
    return 0;
  }
  const { postMortem, notes } = await analyzeCapture(read);
  for (const note of notes) console.error(`gomemlens watch: ${note}`);
  console.log(renderPostMortemText(postMortem));
  return postMortem.oomKilled ? 1 : 0;
}
