/**
 * `serve -- CMD ARGS`: the command started as `watch -- CMD` starts it (gctrace-command.ts: a
 * fresh memory cgroup, GODEBUG=gctrace=1, its GC lines recorded), then its Go endpoints found
 * the way `diagnose` finds them (the ports it listens on, probed), waiting a few seconds for
 * it to start listening.
 */
import { InputError } from '../model/errors.js';
import type { Target } from '../model/snapshot.js';
import type { CommandExit } from '../sources/cgroup-command.js';
import { hostFs } from '../sources/hostfs.js';
import { discoverRuntime } from '../sources/runtime-discovery.js';
import {
  startGcTracedCommand,
  type GcTracedCommand,
  type GcTracedOptions,
} from './gctrace-command.js';
import { sleep } from './watch-schedule.js';

export interface CommandTarget {
  readonly target: Target;
  readonly traced: GcTracedCommand;
  /** Why no Go endpoints are read, when none were found. */
  readonly note?: string;
}

const LISTEN_WAIT_MS = 10_000;

export async function startCommandTarget(
  argv: readonly string[],
  o: Omit<GcTracedOptions, 'label'> & { url?: string },
): Promise<CommandTarget> {
  const traced = await startGcTracedCommand(argv, { ...o, label: 'serve' });
  const { command } = traced;
  const target = (url?: string): Target => ({
    pid: command.pid,
    url,
    cgroupDir: command.cgroup.dir,
  });
  let ended: CommandExit | undefined;
  void command.exited.then((e) => (ended = e));
  if (o.url) return { target: target(o.url), traced };
  const fs = hostFs('/');
  const stop = new AbortController();
  const deadline = Date.now() + LISTEN_WAIT_MS;
  let notes: string[] = [];
  for (;;) {
    await sleep(250, stop.signal);
    if (ended) {
      await command.remove();
      const how = ended.signal ? `was killed by ${ended.signal}` : `exited with ${ended.code}`;
      throw new InputError(`${argv[0]} ${how} before it could be watched`);
    }
    notes = [];
    const rt = await discoverRuntime(fs, command.pid, 1500, notes);
    if (rt) return { target: target(rt.baseUrl), traced };
    if (Date.now() > deadline) return { target: target(), traced, note: notes[0] };
  }
}
