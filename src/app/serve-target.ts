/**
 * One target of `gomemlens serve`: a watch session (watch-session.ts, the same read path,
 * forecast, triggers and profiles as `watch`) whose capture records go to three places: the
 * capture file when one was asked for, the target's bounded history (a page that connects or
 * reloads starts from it), and `onRecord` (the server streams each record to open pages).
 */
import type { CaptureRecord } from '../formats/capture.js';
import type { Target } from '../model/snapshot.js';
import { LiveHistory } from '../report/html/live-history.js';
import type { CaptureWriter } from '../sources/capture-writer.js';
import { exitFields, type GcTracedCommand } from './gctrace-command.js';
import { captureHeader, endCapture, openCapture, preflight, watchReader } from './watch-start.js';
import { runSession, type SessionControl, type SessionOptions } from './watch-session.js';
import { tickTimeoutMs } from './watch-schedule.js';

export interface ServeTargetOptions {
  /** Names the target in the page and in events ("t1"). */
  readonly id: string;
  readonly target: Target;
  /** The capture file to write as well (must not exist). */
  readonly out?: string;
  readonly session: SessionOptions;
  /** The command serve started (`-- CMD`): its GC lines are recorded, as `watch -- CMD` does. */
  readonly command?: GcTracedCommand;
  readonly onRecord: (id: string, r: CaptureRecord) => void;
  readonly onEvent: (id: string, line: string) => void;
}

export interface ServeTarget {
  readonly id: string;
  readonly target: Target;
  readonly history: LiveHistory;
  /** A warning from the first read (Go endpoints that do not answer). */
  readonly warning?: string;
  /** Resolves when watching stops (the target exited, the duration ended, or `stop`). */
  readonly done: Promise<void>;
  /** Takes a heap profile now; false once the session has ended. */
  profileNow(): boolean;
}

/** Checks the target (a missing process is an InputError), then starts watching it. */
export async function startServeTarget(o: ServeTargetOptions, stop: AbortSignal) {
  const reader = watchReader(o.target);
  const { intervalMs, profileEveryMs, triggers } = o.session;
  const { warning } = await preflight(reader, o.target, tickTimeoutMs(intervalMs));
  const settings = { target: o.target, intervalMs, profileEveryMs, triggers };
  const file = o.out === undefined ? undefined : openCapture(o.out, settings);
  const history = new LiveHistory(captureHeader(settings));
  const sink: CaptureWriter = {
    path: o.out ?? '',
    append(r) {
      file?.append(r);
      if (r.type === 'header') return;
      history.add(r);
      o.onRecord(o.id, r);
    },
    close: () => file?.close(),
  };
  let control: SessionControl | undefined;
  let ended = false;
  const done = runSession(
    reader,
    sink,
    { ...o.session, gctrace: o.command?.gctrace },
    {
      onTick: () => undefined,
      onEvent: (line) => o.onEvent(o.id, line),
      onStart: (c) => (control = c),
    },
    stop,
  ).then(async (result) => {
    ended = true;
    reader.close();
    const exit = await o.command?.finish(sink, result.why === 'target-exited');
    endCapture(sink, result, exit && exitFields(exit));
  });
  const profileNow = () => {
    if (ended || !control) return false;
    control.captureNow('button');
    return true;
  };
  return { id: o.id, target: o.target, history, warning, done, profileNow } satisfies ServeTarget;
}
