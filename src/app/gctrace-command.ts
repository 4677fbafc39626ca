/**
 * A service started by gomemlens itself (`watch -- CMD`, `serve -- CMD`): in a fresh memory
 * cgroup (sources/cgroup-command.ts) with GODEBUG=gctrace=1, so that the runtime prints one
 * line per GC cycle to its stderr. That stderr goes on to ours while its GC lines are queued
 * for the watch session, which records them in the capture every tick; `finish` records the
 * last ones after the command ended.
 */
import { parseGodebug } from '../analysis/settings.js';
import {
  startInMemoryCgroup,
  type CgroupCommand,
  type CommandExit,
} from '../sources/cgroup-command.js';
import type { CaptureWriter } from '../sources/capture-writer.js';
import { gcTraceStream, type GcTraceStream } from '../sources/gctrace-stream.js';

export interface GcTracedOptions {
  /** Names the cgroup: gomemlens-<label>-<pid>-<time>. */
  readonly label: string;
  /** The environment to start it with (GODEBUG gets gctrace=1). */
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly limitBytes?: number;
  /** Where the command's stderr is passed on to (the user's stderr). */
  readonly stderrTo: NodeJS.WritableStream;
}

export interface GcTracedCommand {
  readonly command: CgroupCommand;
  /** Its GC lines, for the session's `gctrace` option (read every tick). */
  readonly gctrace: GcTraceStream;
  /**
   * After watching: stops the command unless it exited by itself, waits for its last stderr
   * lines, and appends the GC lines left to the capture. Returns how it ended.
   */
  finish(out: CaptureWriter, exitedByItself: boolean): Promise<CommandExit>;
}

/** How long the command's last stderr lines are waited for after it exited. */
const DRAIN_MS = 2000;
/** How long a command stopped at the end of watching gets between SIGTERM and SIGKILL. */
const STOP_GRACE_MS = 5000;

export async function startGcTracedCommand(
  cmd: readonly string[],
  o: GcTracedOptions,
): Promise<GcTracedCommand> {
  const gctrace = gcTraceStream();
  let lastByte: number | undefined;
  const command = await startInMemoryCgroup(cmd, {
    label: o.label,
    limitBytes: o.limitBytes,
    env: { ...o.env, GODEBUG: godebugWithGctrace(o.env.GODEBUG) },
    stderrTo: o.stderrTo,
    onStderr: (chunk) => {
      gctrace.push(chunk);
      lastByte = chunk[chunk.length - 1];
    },
  });
  const finish = async (out: CaptureWriter, exitedByItself: boolean) => {
    const exit = exitedByItself ? await command.exited : await command.stop(STOP_GRACE_MS);
    // The last GC lines before the end (an OOM kill's) may still be in the pipe.
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([command.closed, new Promise((r) => (timer = setTimeout(r, DRAIN_MS)))]);
    clearTimeout(timer);
    gctrace.flush();
    // A kill can cut the command's last line ("gc "): end it, so what follows starts a line.
    if (lastByte !== undefined && lastByte !== 0x0a) o.stderrTo.write('\n');
    const lines = gctrace.read();
    if (lines.length) out.append({ type: 'gctrace', t: Date.now(), lines });
    return exit;
  };
  return { command, gctrace, finish };
}

/** The capture end record's fields for how the command ended. */
export function exitFields(exit: CommandExit): { exitCode?: number; signal?: string } {
  return {
    ...(exit.code === null ? {} : { exitCode: exit.code }),
    ...(exit.signal === null ? {} : { signal: exit.signal }),
  };
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
