/**
 * `gomemlens serve` as a whole: the local server (sources/live-server.ts) and one watch
 * session per target (serve-target.ts). The server listens first, so a port in use fails
 * before anything is watched; a target that cannot be watched stops everything started.
 * Every capture record is streamed to open pages; a page that connects gets each target's
 * history first.
 */
import type { CaptureRecord } from '../formats/capture.js';
import type { Target } from '../model/snapshot.js';
import { LIVE_CSP, renderLivePage } from '../report/html/live-page.js';
import type { PageAssets } from '../report/html/page.js';
import { startLiveServer, type LiveEvent } from '../sources/live-server.js';
import { startServeTarget, type ServeTarget } from './serve-target.js';
import type { GcTracedCommand } from './gctrace-command.js';
import type { SessionOptions } from './watch-session.js';

export interface ServeOptions {
  readonly host: string;
  readonly port: number;
  readonly targets: readonly ServeTargetSpec[];
  readonly session: SessionOptions;
  readonly assets: PageAssets;
  /** Lines about a target (triggers, failed profiles, warnings), prefixed with its id. */
  readonly onEvent: (line: string) => void;
}

export interface ServeTargetSpec {
  readonly target: Target;
  readonly out?: string;
  /** The command serve started for this target (`-- CMD`). */
  readonly command?: GcTracedCommand;
}

export interface Serving {
  readonly url: string;
  readonly targets: readonly ServeTarget[];
  /** Stops watching (each capture gets its end record), then closes the server. */
  close(): Promise<void>;
}

export async function serve(o: ServeOptions): Promise<Serving> {
  const targets: ServeTarget[] = [];
  let html: string | undefined;
  const page = () => {
    html ??= renderLivePage({ version: 1, targets: targets.map(pageTarget) }, o.assets);
    return { html, csp: LIVE_CSP };
  };
  const server = await startLiveServer({
    host: o.host,
    port: o.port,
    page,
    initial: () => targets.map(historyEvent),
    profile: (id) => targets.find((t) => t.id === id)?.profileNow() ?? false,
  });
  const send = (id: string, record: CaptureRecord) =>
    server.broadcast({ event: 'record', data: JSON.stringify({ target: id, record }) });
  const stop = new AbortController();
  const close = async () => {
    stop.abort();
    await Promise.all(targets.map((t) => t.done));
    await server.close();
  };
  try {
    for (const [i, { target, out, command }] of o.targets.entries()) {
      const id = `t${i + 1}`;
      const onEvent = (tid: string, line: string) => o.onEvent(`${tid}: ${line}`);
      const t = await startServeTarget(
        { id, target, out, command, session: o.session, onRecord: send, onEvent },
        stop.signal,
      );
      if (t.warning) o.onEvent(`${id}: warning: ${t.warning}`);
      targets.push(t);
    }
  } catch (err) {
    await close();
    throw err;
  }
  return { url: server.url, targets, close };
}

function pageTarget(t: ServeTarget) {
  const label = [t.target.pid !== undefined && `pid ${t.target.pid}`, t.target.url]
    .filter(Boolean)
    .join(', ');
  return { id: t.id, label };
}

function historyEvent(t: ServeTarget): LiveEvent {
  const h = t.history;
  return {
    event: 'history',
    data: JSON.stringify({ target: t.id, header: h.header, records: h.records() }),
  };
}
