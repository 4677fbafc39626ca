/**
 * `watch -- CMD`: watch starts the service itself, in a fresh memory cgroup, with
 * GODEBUG=gctrace=1 (gctrace-command.ts, shared with `serve -- CMD`): its stderr goes on to
 * ours while its GC lines are recorded in the capture; the target is the command's PID and
 * the group. Watching ends when the command exits (an OOM kill included) or at the
 * deadline (then the command is stopped); the group is removed in every case.
 */
import type { Target } from '../model/snapshot.js';
import type { CgroupOomCounts, CommandExit } from '../sources/cgroup-command.js';
import { exitFields, startGcTracedCommand } from './gctrace-command.js';
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

export async function watchCommand(
  w: CommandWatch,
  hooks: SessionHooks,
  stop: AbortSignal,
): Promise<CommandWatchResult> {
  const { command, gctrace, finish } = await startGcTracedCommand(w.cmd, {
    label: 'watch',
    limitBytes: w.limitBytes,
    env: w.env,
    stderrTo: w.stderrTo,
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
    const exit = await finish(out, result.why === 'target-exited');
    endCapture(out, result, exitFields(exit));
    const counts = command.counts();
    return { ...result, exit, counts, droppedGcLines: gctrace.dropped };
  } finally {
    await command.remove();
  }
}
