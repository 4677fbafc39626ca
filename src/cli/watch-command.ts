/**
 * `gomemlens watch [flags] -- CMD ARGS...`: the command runs in a fresh memory cgroup
 * (src/app/watch-command.ts); its stderr is passed on to ours, so there is no live view and
 * one line per tick goes to stdout. Ctrl-C and SIGTERM stop watching, then the command.
 */
import { existsSync } from 'node:fs';
import { InputError } from '../model/errors.js';
import { watchCommand, type CommandWatch } from '../app/watch-command.js';
import type { SessionResult } from '../app/watch-session.js';
import { tickLine } from '../report/watch-text.js';

export async function watchCommandLine(
  w: Omit<CommandWatch, 'stderrTo' | 'onStart' | 'env'>,
): Promise<void> {
  // Refused before the command starts: a capture is never overwritten (openCapture checks again).
  if (existsSync(w.capturePath))
    throw new InputError(`cannot create ${w.capturePath}: file exists`);
  const stop = new AbortController();
  const onSignal = () => stop.abort();
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    const result = await watchCommand(
      {
        ...w,
        env: process.env,
        stderrTo: process.stderr,
        onStart: (pid, dir) =>
          console.error(`gomemlens watch: started ${w.cmd[0]} as PID ${pid} in ${dir}`),
      },
      {
        onTick: (s, f) => console.log(tickLine(s, f)),
        onEvent: (line) => console.log(line),
      },
      stop.signal,
    );
    reportSession(result);
    const how = result.exit.signal ? `signal ${result.exit.signal}` : `status ${result.exit.code}`;
    const { oomKill, limitHits } = result.counts;
    const counts = [
      oomKill === undefined ? '' : `oom_kill ${oomKill}`,
      limitHits === undefined ? '' : `limit hit ${limitHits} times`,
    ].filter(Boolean);
    const inGroup = counts.length ? ` (cgroup: ${counts.join(', ')})` : '';
    console.error(`gomemlens watch: ${w.cmd[0]} ended by ${how}${inGroup}; cgroup removed`);
    if (result.droppedGcLines)
      console.error(`gomemlens watch: ${result.droppedGcLines} gctrace lines dropped (not read)`);
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

/** What the session left unfinished, on stderr. */
export function reportSession(result: SessionResult): void {
  if (result.inFlight.length)
    console.error(`gomemlens watch: stopped with ${result.inFlight.join(', ')} still in flight`);
  if (result.late)
    console.error(`gomemlens watch: ${result.late} ticks started late (recorded with "late")`);
}
