/**
 * `serve -- CMD ARGS`: the command started in a fresh memory cgroup
 * (sources/cgroup-command.ts), then its Go endpoints found the way `diagnose` finds them
 * (the ports it listens on, probed), waiting a few seconds for it to start listening.
 */
import { InputError } from '../model/errors.js';
import type { Target } from '../model/snapshot.js';
import { startCommandInCgroup, type CommandInCgroup } from '../sources/cgroup-command.js';
import { hostFs } from '../sources/hostfs.js';
import { discoverRuntime } from '../sources/runtime-discovery.js';
import { sleep } from './watch-schedule.js';

export interface CommandTarget {
  readonly target: Target;
  readonly command: CommandInCgroup;
  /** Why no Go endpoints are read, when none were found. */
  readonly note?: string;
}

const LISTEN_WAIT_MS = 10_000;

export async function startCommandTarget(
  argv: readonly string[],
  o: { limitBytes?: number; url?: string },
): Promise<CommandTarget> {
  const command = startCommandInCgroup(argv, { limitBytes: o.limitBytes, label: 'serve' });
  let ended: { code: number | null; signal: string | null } | undefined;
  void command.exited.then((e) => (ended = e));
  if (o.url) return { target: { pid: command.pid, url: o.url }, command };
  const fs = hostFs('/');
  const stop = new AbortController();
  const deadline = Date.now() + LISTEN_WAIT_MS;
  let notes: string[] = [];
  for (;;) {
    await sleep(250, stop.signal);
    if (ended) {
      await command.stop();
      const how = ended.signal ? `was killed by ${ended.signal}` : `exited with ${ended.code}`;
      throw new InputError(`${argv[0]} ${how} before it could be watched`);
    }
    notes = [];
    const rt = await discoverRuntime(fs, command.pid, 1500, notes);
    if (rt) return { target: { pid: command.pid, url: rt.baseUrl }, command };
    if (Date.now() > deadline) return { target: { pid: command.pid }, command, note: notes[0] };
  }
}
