/**
 * Starts a command in a fresh memory cgroup of its own (`watch -- CMD`, `serve -- CMD`): the
 * group is a throw-away child of this process's memory cgroup (sandbox-cgroup.ts) with an
 * optional limit, the command joins it before its first instruction (a shell writes its PID to
 * cgroup.procs, then execs it, so the PID is the command's own), and remove() stops whatever
 * is left and deletes the group. Its stderr can be handed to a callback (to parse it) instead
 * of going straight to ours.
 */
import { spawn } from 'node:child_process';
import { accessSync, constants, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseOomControl } from '../formats/cgroup-v1.js';
import { parseMemoryEvents } from '../formats/cgroup-v2.js';
import { InputError, UsageError } from '../model/errors.js';
import { hasCode } from './fs-errors.js';
import {
  createSandboxCgroup,
  execInGroup,
  sandboxUnavailableReason,
  type SandboxCgroup,
} from './sandbox-cgroup.js';

export interface CommandExit {
  /** The exit status, or null when a signal ended it. */
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

/** What the kernel counted in the group: OOM kills, and (v1) how often the limit was hit. */
export interface CgroupOomCounts {
  /** v1 memory.oom_control oom_kill (Linux >= 4.13), v2 memory.events oom_kill. */
  readonly oomKill?: number;
  /** v1 memory.failcnt, v2 memory.events max. */
  readonly limitHits?: number;
}

export interface CgroupCommand {
  readonly pid: number;
  readonly cgroup: SandboxCgroup;
  /** Resolves when the command has exited. */
  readonly exited: Promise<CommandExit>;
  /** Resolves when its stderr is read to the end (a child it left may hold it open longer). */
  readonly closed: Promise<void>;
  counts(): CgroupOomCounts;
  /** SIGTERM, then SIGKILL after `graceMs`; resolves with how it ended. */
  stop(graceMs?: number): Promise<CommandExit>;
  /** Stops the command if it still runs, kills anything left in the group, deletes the group. */
  remove(): Promise<void>;
}

export interface CgroupCommandOptions {
  /** Names the group: gomemlens-<label>-<pid>-<time>. */
  readonly label: string;
  readonly limitBytes?: number;
  /** The command's whole environment (default: ours). */
  readonly env?: NodeJS.ProcessEnv;
  /**
   * Where the command's stderr goes on to (our stderr), with each chunk also handed to
   * `onStderr`. The command waits while `stderrTo` is full, as it would writing there itself,
   * so a flood is never buffered here. Without either, stderr is ours directly.
   */
  readonly stderrTo?: NodeJS.WritableStream;
  readonly onStderr?: (chunk: Buffer) => void;
}

/** Why a command cannot be started in a memory cgroup here (root, a writable controller). */
export function cgroupCommandUnavailableReason(): string | undefined {
  return sandboxUnavailableReason();
}

const STOP_GRACE_MS = 5000;

export async function startInMemoryCgroup(
  cmd: readonly string[],
  o: CgroupCommandOptions,
): Promise<CgroupCommand> {
  if (cmd.length === 0) throw new UsageError('no command given after --');
  if (!findExecutable(cmd[0], o.env ?? process.env))
    throw new InputError(`cannot run ${cmd[0]}: not found or not executable`);
  const reason = sandboxUnavailableReason();
  if (reason) throw new UsageError(`cannot run the command in a memory cgroup: ${reason}`);
  const cg = createSandboxCgroup(o.label);
  try {
    if (o.limitBytes !== undefined) cg.setLimit(o.limitBytes);
    const [file, ...args] = execInGroup(cg, cmd);
    const child = spawn(file, args, {
      stdio: ['inherit', 'inherit', o.onStderr || o.stderrTo ? 'pipe' : 'inherit'],
      env: o.env ?? process.env,
    });
    if (child.stderr) pipeStderr(child.stderr, o);
    const exited = new Promise<CommandExit>((resolve) =>
      child.once('exit', (code, signal) => resolve({ code, signal })),
    );
    const closed = new Promise<void>((resolve) => child.once('close', () => resolve()));
    await new Promise<void>((resolve, reject) => {
      child.once('spawn', resolve);
      child.once('error', (err) => reject(new InputError(`cannot run ${cmd[0]}: ${err.message}`)));
    });
    const command: CgroupCommand = {
      pid: child.pid!,
      cgroup: cg,
      exited,
      closed,
      counts: () => oomCounts(cg),
      async stop(graceMs = STOP_GRACE_MS) {
        if (child.exitCode === null && child.signalCode === null) {
          signal(child.pid!, 'SIGTERM');
          const timer = setTimeout(() => signal(child.pid!, 'SIGKILL'), graceMs);
          await exited;
          clearTimeout(timer);
        }
        return exited;
      },
      async remove() {
        // Killing the whole group ends the command too.
        await cg.remove();
        await exited;
      },
    };
    return command;
  } catch (err) {
    await cg.remove();
    throw err;
  }
}

function pipeStderr(from: NodeJS.ReadableStream, o: CgroupCommandOptions): void {
  from.on('data', (chunk: Buffer) => {
    o.onStderr?.(chunk);
    if (o.stderrTo && !o.stderrTo.write(chunk)) {
      from.pause();
      o.stderrTo.once('drain', () => from.resume());
    }
  });
}

/** Where exec would find the command: a path as given, else the first match on PATH. */
function findExecutable(name: string, env: NodeJS.ProcessEnv): string | undefined {
  const candidates = name.includes('/')
    ? [name]
    : (env.PATH ?? '/usr/bin:/bin').split(':').map((dir) => join(dir || '.', name));
  return candidates.find((path) => {
    try {
      accessSync(path, constants.X_OK);
      return statSync(path).isFile();
    } catch {
      return false;
    }
  });
}

function signal(pid: number, sig: NodeJS.Signals): void {
  try {
    process.kill(pid, sig);
  } catch (err) {
    if (!hasCode(err, 'ESRCH')) throw err; // it exited meanwhile
  }
}

function oomCounts(cg: SandboxCgroup): CgroupOomCounts {
  const read = (file: string) => {
    try {
      return cg.read(file);
    } catch (err) {
      if (!hasCode(err, 'ENOENT')) throw err;
      return undefined;
    }
  };
  if (cg.version === 2) {
    const events = read('memory.events');
    if (events === undefined) return {};
    const e = parseMemoryEvents(events);
    return { oomKill: e.oomKill, limitHits: e.max };
  }
  const control = read('memory.oom_control');
  const failcnt = read('memory.failcnt');
  return {
    oomKill: control === undefined ? undefined : parseOomControl(control).oomKill,
    limitHits: failcnt === undefined ? undefined : Number(failcnt.trim()),
  };
}
