/**
 * `watch -- CMD`: watch starts the service itself, in a fresh memory cgroup, with
 * GODEBUG=gctrace=1 so that the runtime prints one line per GC cycle to its stderr. That stderr
 * goes on to ours while its GC lines are recorded in the capture; the target is the command's
 * PID and the group. Watching ends when the command exits (an OOM kill included) or at the
 * deadline (then the command is stopped); the group is removed in every case.
 */
import { parseGodebug } from '../analysis/settings.js';
import type { Target } from '../model/snapshot.js';
import {
  startInMemoryCgroup,
  type CgroupOomCounts,
  type CommandExit,
} from '../sources/cgroup-command.js';
import { gcTraceStream } from '../sources/gctrace-stream.js';
import { endCapture, openCapture, watchReader, type CaptureSettings } from './watch-start.js';
import { runSession, type SessionHooks, type SessionOptions } from './watch-session.js';
import type { SessionResult } from './watch-session.js';

export interface CommandWatch {
  readonly cmd: readonly string[];
  /** The environment to start it with (GODEBUG gets gctrace=1). */
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly limitBytes?: number;
  /** Go endpoints of the command, when it serves them at a known address. */
  readonly url?: string;
  readonly capturePath: string;
  readonly session: Omit<SessionOptions, 'gctrace'>;
  readonly triggers: CaptureSettings['triggers'];
  /** Where the command's stderr is passed on to (the user's stderr). */
  readonly stderrTo: NodeJS.WritableStream;
  /** Called once the command runs, with its PID and cgroup directory. */
  readonly onStart?: (pid: number, cgroupDir: string) => void;
}

export interface CommandWatchResult extends SessionResult {
  readonly exit: CommandExit;
  /** The group's counters after the command ended (the samples hold them over time). */
  readonly counts: CgroupOomCounts;
  /** GC lines lost because nothing read them in time (should be 0). */
  readonly droppedGcLines: number;
}

/** How long the command's last stderr lines are waited for after it exited. */
const DRAIN_MS = 2000;
/** How long a command stopped at the deadline gets between SIGTERM and SIGKILL. */
const STOP_GRACE_MS = 5000;

export async function watchCommand(
  w: CommandWatch,
  hooks: SessionHooks,
  stop: AbortSignal,
): Promise<CommandWatchResult> {
  const gctrace = gcTraceStream();
  let lastByte: number | undefined;
  const command = await startInMemoryCgroup(w.cmd, {
    label: 'watch',
    limitBytes: w.limitBytes,
    env: { ...w.env, GODEBUG: godebugWithGctrace(w.env.GODEBUG) },
    stderrTo: w.stderrTo,
    onStderr: (chunk) => {
      gctrace.push(chunk);
      lastByte = chunk[chunk.length - 1];
    },
  });
  try {
    w.onStart?.(command.pid, command.cgroup.dir);
    const target: Target = { pid: command.pid, url: w.url, cgroupDir: command.cgroup.dir };
    const reader = watchReader(target);
    const { intervalMs, profileEveryMs } = w.session;
    const out = openCapture(w.capturePath, {
      target,
      intervalMs,
      profileEveryMs,
      triggers: w.triggers,
    });
    const result = await runSession(reader, out, { ...w.session, gctrace }, hooks, stop);
    reader.close();
    const exit =
      result.why === 'target-exited' ? await command.exited : await command.stop(STOP_GRACE_MS);
    // The last GC lines before the end (an OOM kill's) may still be in the pipe.
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([command.closed, new Promise((r) => (timer = setTimeout(r, DRAIN_MS)))]);
    clearTimeout(timer);
    gctrace.flush();
    // A kill can cut the command's last line ("gc "): end it, so what follows starts a line.
    if (lastByte !== undefined && lastByte !== 0x0a) w.stderrTo.write('\n');
    const lines = gctrace.read();
    if (lines.length) out.append({ type: 'gctrace', t: Date.now(), lines });
    endCapture(out, result, {
      ...(exit.code === null ? {} : { exitCode: exit.code }),
      ...(exit.signal === null ? {} : { signal: exit.signal }),
    });
    const counts = command.counts();
    return { ...result, exit, counts, droppedGcLines: gctrace.dropped };
  } finally {
    await command.remove();
  }
}

/**
 * The command's GODEBUG with gctrace=1 added after what it already holds (the runtime reads
 * GODEBUG left to right, the last setting of a name wins: runtime/runtime1.go parsegodebug).
 * A gctrace setting the user gave that prints (gctrace=2) is kept.
 */
export function godebugWithGctrace(current: string | undefined): string {
  const gctrace = parseGodebug(current).filter(([k]) => k === 'gctrace');
  const last = gctrace[gctrace.length - 1]?.[1];
  if (last !== undefined && /^[1-9]\d*$/.test(last)) return current!;
  return current && current.trim() !== '' ? `${current},gctrace=1` : 'gctrace=1';
}
