/**
 * Starts a command inside a fresh memory cgroup (sandbox-cgroup.ts: a child of this process's
 * own group, optionally with a limit), so that everything it allocates, from its first
 * instruction, is charged there as in a container: a shell joins the group, then execs the
 * command. `stop()` kills whatever is left in the group and removes it.
 */
import { spawn } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import { InputError } from '../model/errors.js';
import {
  createSandboxCgroup,
  sandboxUnavailableReason,
  type SandboxCgroup,
} from './sandbox-cgroup.js';

export interface CommandInCgroup {
  readonly pid: number;
  readonly cgroup: SandboxCgroup;
  /** How it ended: an exit code, or the signal that killed it (SIGKILL for an OOM kill). */
  readonly exited: Promise<{ code: number | null; signal: string | null }>;
  /** Kills what is left in the group (the command and its children) and removes the group. */
  stop(): Promise<void>;
}

export interface CommandOptions {
  /** memory.limit_in_bytes (v1) or memory.max (v2); none when absent. */
  readonly limitBytes?: number;
  readonly env?: Readonly<Record<string, string>>;
  /** Names the group: gomemlens-LABEL-PID-TIME. */
  readonly label: string;
}

export function startCommandInCgroup(argv: readonly string[], o: CommandOptions): CommandInCgroup {
  const [cmd, ...args] = argv;
  if (cmd === undefined) throw new InputError('no command given after --');
  const program = resolveProgram(cmd);
  const why = sandboxUnavailableReason();
  if (why) throw new InputError(`cannot run the command in a memory cgroup: ${why}`);
  const cgroup = createSandboxCgroup(o.label);
  if (o.limitBytes !== undefined) cgroup.setLimit(o.limitBytes);
  const child = spawn(
    'sh',
    ['-c', 'echo $$ > "$0/cgroup.procs" && exec "$@"', cgroup.dir, program, ...args],
    { env: { ...process.env, ...o.env }, stdio: ['ignore', 'inherit', 'inherit'] },
  );
  const exited = new Promise<{ code: number | null; signal: string | null }>((res) =>
    child.on('exit', (code, signal) => res({ code, signal })),
  );
  return { pid: child.pid!, cgroup, exited, stop: () => cgroup.remove() };
}

/** The program's path, as a shell would find it; a clear error when there is none. */
function resolveProgram(cmd: string): string {
  const candidates = cmd.includes('/')
    ? [cmd]
    : (process.env.PATH ?? '').split(delimiter).map((d) => join(d || '.', cmd));
  for (const c of candidates) {
    try {
      accessSync(c, constants.X_OK);
      return c;
    } catch {
      // not here
    }
  }
  throw new InputError(`${cmd}: command not found or not executable`);
}
