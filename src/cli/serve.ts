/**
 * `gomemlens serve --pid N [--url URL] ...`: the live view in a browser. Each target is
 * watched as `watch` does (app/serve-target.ts); a local HTTP server (sources/live-server.ts)
 * gives the page and streams every capture record to it as Server-Sent Events.
 */
import { DEFAULT_SERIES_OPTIONS } from '../analysis/series-rules/index.js';
import { DEFAULT_TRIGGERS } from '../analysis/triggers.js';
import { startServeTarget, type ServeTarget } from '../app/serve-target.js';
import type { CaptureRecord } from '../formats/capture.js';
import { UsageError } from '../model/errors.js';
import { LIVE_CSP, renderLivePage } from '../report/html/live-page.js';
import { startLiveServer, type LiveServer } from '../sources/live-server.js';
import { durationFlag, intFlag, MAX_WATCH_DURATION_MS, parseFlags, urlFlag } from './flags.js';
import { parseListen } from './serve-listen.js';
import { readWebAssets } from './web-assets.js';

const HELP = `gomemlens serve --pid N [--url URL] [--pid N [--url URL]]... [--listen ADDR] [flags]

The live view in a browser: memory, GC, memory.events and forecast charts updating every
tick over Server-Sent Events, the breakdown at any moment you click, findings and the
forecast as they change, heap profiles as they are taken and a button to take one now.
Several targets at once, each its own tab. Samples exactly as \`gomemlens watch\` does; with
--out the same capture is written too. Runs until Ctrl-C (the page stays up after a target
exits). The page loads nothing from the network.

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

Exit codes: 0 stopped with Ctrl-C, 2 usage or input error.`;

const OPTIONS = {
  pid: { type: 'string', multiple: true },
  url: { type: 'string', multiple: true },
  out: { type: 'string', short: 'o', multiple: true },
  listen: { type: 'string' },
  interval: { type: 'string' },
  'profile-every': { type: 'string' },
  duration: { type: 'string' },
} as const;

export async function run(argv: string[]): Promise<number> {
  const startedAt = Date.now();
  const { values: v, positionals, help } = parseFlags(argv, OPTIONS, HELP);
  if (help) return 0;
  if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
  const pids = (v.pid ?? []).map((p) => intFlag('pid', p)!);
  const urls = (v.url ?? []).map((u) => urlFlag(u));
  const outs = v.out ?? [];
  if (pids.length === 0) throw new UsageError('give --pid N (repeatable)');
  if (urls.length > pids.length || outs.length > pids.length)
    throw new UsageError('give at most one --url and one --out per --pid, in the same order');
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
  const stop = new AbortController();
  // Records flow from the first tick; the server starts once every target has been checked.
  const live: { server?: LiveServer } = {};
  const send = (id: string, record: CaptureRecord) =>
    live.server?.broadcast({ event: 'record', data: JSON.stringify({ target: id, record }) });
  const targets: ServeTarget[] = [];
  for (const [i, pid] of pids.entries()) {
    const target = { pid, url: urls[i] };
    const t = await startServeTarget(
      {
        id: `t${i + 1}`,
        target,
        out: outs[i],
        session,
        onRecord: send,
        onEvent: (id, line) => console.error(`gomemlens serve: ${id}: ${line}`),
      },
      stop.signal,
    );
    if (t.warning) console.error(`gomemlens serve: warning: pid ${pid}: ${t.warning}`);
    targets.push(t);
  }
  const assets = readWebAssets('live');
  const html = renderLivePage(
    { version: 1, targets: targets.map((t) => ({ id: t.id, label: label(t) })) },
    assets,
  );
  const server = await startLiveServer({
    ...listen,
    page: () => ({ html, csp: LIVE_CSP }),
    initial: () =>
      targets.map((t) => ({
        event: 'history',
        data: JSON.stringify({
          target: t.id,
          header: t.history.header,
          records: t.history.records(),
        }),
      })),
    profile: (id) => targets.find((t) => t.id === id)?.profileNow() ?? false,
  });
  live.server = server;
  console.error(
    `gomemlens serve: ${server.url} (${targets.length} target${targets.length === 1 ? '' : 's'}; Ctrl-C stops)`,
  );
  await new Promise<void>((res) => {
    process.once('SIGINT', res);
    process.once('SIGTERM', res);
  });
  stop.abort();
  await Promise.all(targets.map((t) => t.done));
  await server.close();
  return 0;
}

function label(t: ServeTarget): string {
  return [t.target.pid !== undefined && `pid ${t.target.pid}`, t.target.url]
    .filter(Boolean)
    .join(', ');
}
