/**
 * Timing whole processes for the benchmarks (pprof, trace): wall time, CPU time (user + system, all
 * threads) and peak RSS from /usr/bin/time, and medians over runs. On a shared machine the
 * wall time swings with the load; the CPU time less so; both tools are run interleaved, so
 * a burst of load hits both alike.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export interface Run {
  readonly ms: number;
  readonly cpuMs: number;
  readonly rssKB: number;
  readonly stdout: string;
}

const TIME = '/usr/bin/time';

export function canMeasure(): boolean {
  return existsSync(TIME);
}

export function timed(cmd: string, args: string[], env?: NodeJS.ProcessEnv): Run {
  const t0 = performance.now();
  const r = spawnSync(TIME, ['-f', '%M %U %S', cmd, ...args], {
    encoding: 'utf8',
    env,
    maxBuffer: 256 << 20,
  });
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed: ${r.stderr}`);
  const [rss, user, sys] = r.stderr.trim().split('\n').pop()!.split(' ').map(Number);
  return { ms, cpuMs: (user + sys) * 1000, rssKB: rss, stdout: r.stdout };
}

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

export interface Summary {
  readonly ms: number;
  readonly cpuMs: number;
  /** The highest peak RSS of any run. */
  readonly rssKB: number;
  readonly runs: number;
}

export function summarize(runs: readonly Run[]): Summary {
  return {
    ms: median(runs.map((r) => r.ms)),
    cpuMs: median(runs.map((r) => r.cpuMs)),
    rssKB: Math.max(...runs.map((r) => r.rssKB)),
    runs: runs.length,
  };
}
