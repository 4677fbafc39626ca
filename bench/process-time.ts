/** Timing a command as a process: wall time, CPU time and peak RSS from /usr/bin/time. */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const MB = 1 << 20;

/** Runs a command under /usr/bin/time -f %M when available: wall ms and peak RSS in KB. */
export function timed(
  cmd: string,
  args: string[],
  env?: NodeJS.ProcessEnv,
): { ms: number; cpuMs?: number; rssKB?: number; stdout: string } {
  const useTime = existsSync('/usr/bin/time');
  const t0 = performance.now();
  const r = useTime
    ? spawnSync('/usr/bin/time', ['-f', '%M %U %S', cmd, ...args], {
        encoding: 'utf8',
        env,
        maxBuffer: 64 * MB,
      })
    : spawnSync(cmd, args, { encoding: 'utf8', env, maxBuffer: 64 * MB });
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(`${cmd} failed: ${r.stderr}`);
  if (!useTime) return { ms, stdout: r.stdout };
  // "%M %U %S": peak RSS in KB, user and system CPU seconds (less sensitive to machine load).
  const [rss, user, sys] = r.stderr.trim().split('\n').pop()!.split(' ').map(Number);
  return { ms, cpuMs: (user + sys) * 1000, rssKB: rss, stdout: r.stdout };
}
