/**
 * `gomemlens serve --pid N [--url URL] ...`: the live view in a browser (app/serve.ts). Each
 * target is watched as `watch` does; a local HTTP server gives the page and streams every
 * capture record to it as Server-Sent Events.
 */
import { DEFAULT_SERIES_OPTIONS } from '../analysis/series-rules/index.js';
import { DEFAULT_TRIGGERS } from '../analysis/triggers.js';
import { serve, type ServeTargetSpec } from '../app/serve.js';
import { startCommandTarget, type CommandTarget } from '../app/serve-command.js';
import { formatBytes } from '../model/units.js';
import { InputError, UsageError } from '../model/errors.js';
import {
  durationFlag,
  intFlag,
  MAX_WATCH_DURATION_MS,
  parseFlags,
  splitCommand,
  urlFlag,
} from './flags.js';
import { parseListen, type Listen } from './serve-listen.js';
import { readWebAssets } from './web-assets.js';
import { commandLimitFlag } from './size-flag.js';

const HELP = `gomemlens serve --pid N [--url URL] [--pid N [--url URL]]... [--listen ADDR] [flags]
gomemlens serve [--limit SIZE] [flags] -- CMD ARGS...

The live view in a browser: memory, GC, memory.events and forecast charts updating every
tick over Server-Sent Events, the breakdown at any moment you click, findings and the
forecast as they change, heap profiles as they are taken and a button to take one now.
Several targets at once, each its own tab. Samples exactly as \`gomemlens watch\` does; with
--out the same capture is written too. Runs until Ctrl-C (the page stays up after a target
exits). The page loads nothing from the network.

With -- CMD ARGS, the command runs as under \`watch -- CMD\`: in a fresh memory cgroup (a
child of this process's own; needs root) with --limit as its memory limit, watched from its
first instruction, with gctrace=1 added to its GODEBUG: its stderr is passed through and its
GC cycles are recorded (the page charts them). Its Go endpoints are found on the ports it
listens on (or give --url). When it exits (an OOM kill is recorded as one) the page stays
up; at --duration or Ctrl-C it is stopped, and the cgroup is removed in every case.

Flags:
  --pid N            a process to watch (repeatable: one tab each)
  --url URL          its Go endpoints (repeatable: the i-th --url goes with the i-th --pid)
  --out FILE         write the capture too (repeatable, in --pid order; must not exist)
  --listen ADDR      where to serve (default 127.0.0.1:7070; :0 picks a free port). Any
                     address other than loopback shows the page to the network: a warning
                     is printed
  --interval D       time between ticks (default 1s)
  --profile-every D  heap profile cadence (default 30s)
  --duration D       stop watching after this long (the page stays up)
  --limit SIZE       with -- CMD: the cgroup's memory limit (256MiB, 1Gi; default none)

Exit codes: 0 stopped with Ctrl-C, 2 usage or input error.`;

const OPTIONS = {
  pid: { type: 'string', multiple: true },
  url: { type: 'string', multiple: true },
  out: { type: 'string', short: 'o', multiple: true },
  listen: { type: 'string' },
  interval: { type: 'string' },
  'profile-every': { type: 'string' },
  duration: { type: 'string' },
  limit: { type: 'string' },
} as const;

export async function run(argv: string[]): Promise<number> {
  const startedAt = Date.now();
  const { flags, command } = splitCommand(argv);
  const { values: v, positionals, help } = parseFlags(flags, OPTIONS, HELP);
  if (help) return 0;
  if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
  if (command?.length === 0) throw new UsageError('give the command after --');
  const pids = (v.pid ?? []).map((p) => intFlag('pid', p)!);
  const urls = (v.url ?? []).map((u) => urlFlag(u));
  const outs = v.out ?? [];
  const targets = pids.length + (command ? 1 : 0);
  if (targets === 0) throw new UsageError('give --pid N (repeatable) or -- CMD ARGS');
  if (urls.length > targets || outs.length > targets)
    throw new UsageError('give at most one --url and one --out per --pid, in the same order');
  const limitBytes = commandLimitFlag(v.limit, command);
  const listen = parseListen(v.listen);
  if (listen.warning) console.error(`gomemlens serve: warning: ${listen.warning}`);
  const intervalMs = durationFlag('interval', v.interval) ?? 1000;
  if (intervalMs < 100) throw new UsageError('--interval must be at least 100ms');
  const session = {
    intervalMs,
    profileEveryMs: durationFlag('profile-every', v['profile-every']) ?? 30_000,
    durationMs: durationFlag('duration', v.duration, MAX_WATCH_DURATION_MS),
    startedAt,
    triggers: DEFAULT_TRIGGERS,
    rules: DEFAULT_SERIES_OPTIONS,
  };
  // Ctrl-C from here on stops cleanly: a command started in a cgroup is killed, the group removed.
  let interrupted = false;
  const signalled = new Promise<void>((res) => {
    process.once('SIGINT', res);
    process.once('SIGTERM', res);
  }).then(() => void (interrupted = true));
  const list: ServeTargetSpec[] = pids.map((pid, i) => ({
    target: { pid, url: urls[i] },
    out: outs[i],
  }));
  const started = command
    ? await startCommandTarget(command, {
        limitBytes,
        url: urls[pids.length],
        env: process.env,
        stderrTo: process.stderr,
      })
    : undefined;
  try {
    if (started) {
      list.push({ target: started.target, out: outs[pids.length], command: started.traced });
      describeStarted(command![0], started, limitBytes);
    }
    if (interrupted) return 130;
    const serving = await listenOrExplain(listen, () =>
      serve({
        ...listen,
        targets: list,
        session,
        assets: readWebAssets('live'),
        onEvent: (line) => console.error(`gomemlens serve: ${line}`),
      }),
    );
    const n = serving.targets.length;
    console.error(
      `gomemlens serve: ${serving.url} (${n} target${n === 1 ? '' : 's'}; Ctrl-C stops)`,
    );
    await signalled;
    await serving.close();
  } finally {
    await started?.traced.command.remove();
  }
  return 0;
}

function describeStarted(name: string, s: CommandTarget, limitBytes: number | undefined): void {
  const limit = limitBytes === undefined ? 'no limit' : `limit ${formatBytes(limitBytes)}`;
  const { pid, cgroup } = s.traced.command;
  const where = `pid ${pid} in ${cgroup.dir}, ${limit}`;
  console.error(`gomemlens serve: started ${name} (${where})`);
  if (s.note) console.error(`gomemlens serve: warning: ${s.note}`);
}

/** A port in use or an address not on this host is an input error (exit 2), said in one line. */
async function listenOrExplain<T>(listen: Listen, start: () => Promise<T>): Promise<T> {
  try {
    return await start();
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code !== 'EADDRINUSE' && code !== 'EADDRNOTAVAIL' && code !== 'EACCES') throw err;
    const why = {
      EADDRINUSE: 'the port is in use',
      EADDRNOTAVAIL: 'no such address on this host',
      EACCES: 'permission denied',
    }[code];
    throw new InputError(`cannot listen on ${listen.host}:${listen.port}: ${why}`);
  }
}
