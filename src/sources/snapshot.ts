/**
 * Collects one Snapshot of a target from the three sides at once: the cgroup, /proc/PID (and
 * the binary behind it) and the Go runtime over HTTP. Everything is read in parallel; a side
 * that cannot be read becomes an absent/unreadable observation or a note, never an exception.
 */
import { absent } from '../model/observation.js';
import type { RuntimeInfo, Snapshot, Target } from '../model/snapshot.js';
import { readBinaryInfo } from './binary.js';
import { readCgroupDir, readCgroupForPid } from './cgroup.js';
import type { HostFs } from './hostfs.js';
import { listeningPorts, loopbackUrl } from './listeners.js';
import { readProcess } from './procfs.js';
import { probeRuntime } from './runtime.js';

export interface CollectOptions {
  readonly fs: HostFs;
  /** Per-endpoint timeout for the Go runtime's HTTP endpoints. */
  readonly timeoutMs: number;
  /** Look for the runtime's endpoints on the process's listening ports when no URL is given. */
  readonly discover: boolean;
  /** Clock, injectable for recorded runs. */
  readonly now?: () => Date;
}

/** What to do about a permission error on another user's /proc/PID. */
const AS_OWNER = " (run as the process's user or root)";

/** Discovery probes each listening port with a short timeout: most ports are not Go's. */
const DISCOVERY_TIMEOUT_MS = 1500;

export async function collectSnapshot(target: Target, opts: CollectOptions): Promise<Snapshot> {
  const notes: string[] = [];
  const { fs, pid } = { fs: opts.fs, pid: target.pid };
  const takenAt = (opts.now ?? (() => new Date()))().toISOString();
  const [cgroup, process, binary, runtime] = await Promise.all([
    target.cgroupDir !== undefined
      ? readCgroupDir(fs, target.cgroupDir)
      : pid !== undefined
        ? readCgroupForPid(fs, pid)
        : Promise.resolve(absent<never>('cgroup', 'no --pid or --cgroup given')),
    pid !== undefined ? readProcess(fs, pid) : undefined,
    pid !== undefined ? readBinaryInfo(fs, `/proc/${pid}/exe`) : undefined,
    findRuntime(target, opts, notes),
  ]);
  const denied = [process?.status, process?.smapsRollup, process?.environ, process?.exe, binary]
    .filter((o) => o?.status === 'unreadable' && o.reason === 'permission denied')
    .map((o) => o!.source);
  if (denied.length > 0)
    notes.push(`cannot read ${[...new Set(denied)].join(', ')}: permission denied${AS_OWNER}`);
  if (pid !== undefined && !(await fs.exists(`/proc/${pid}/stat`))) {
    notes.push(`process ${pid} exited while it was being read: the numbers are partial`);
  }
  return { takenAt, target: withUrl(target, runtime), cgroup, process, binary, runtime, notes };
}

function withUrl(target: Target, runtime: RuntimeInfo | undefined): Target {
  return runtime && target.url === undefined ? { ...target, url: runtime.baseUrl } : target;
}

async function findRuntime(
  target: Target,
  opts: CollectOptions,
  notes: string[],
): Promise<RuntimeInfo | undefined> {
  if (target.url !== undefined) return probeRuntime(target.url, { timeoutMs: opts.timeoutMs });
  if (target.pid === undefined || !opts.discover) return undefined;
  let denied: string | undefined;
  const urls = (await listeningPorts(opts.fs, target.pid, (why) => (denied = why)))
    .map(loopbackUrl)
    .filter((u): u is string => u !== undefined);
  if (denied !== undefined) {
    const hint = denied.endsWith('permission denied') ? AS_OWNER : '';
    notes.push(`Go runtime endpoints not discovered: ${denied}${hint}; pass --url`);
    return undefined;
  }
  if (urls.length === 0) {
    notes.push(
      `process ${target.pid} listens on no TCP port: Go runtime endpoints not read (pass --url)`,
    );
    return undefined;
  }
  const probes = await Promise.all(
    urls.map((u) => probeRuntime(u, { timeoutMs: Math.min(opts.timeoutMs, DISCOVERY_TIMEOUT_MS) })),
  );
  const best = probes
    .map((p) => ({ p, score: p.endpoints.filter((e) => e.outcome === 'ok').length }))
    .sort((a, b) => b.score - a.score)[0];
  if (!best || best.score === 0) {
    notes.push(
      `no Go runtime endpoints (/debug/vars, /metrics) on ports ${urls.map((u) => u.split(':').pop()).join(', ')} (pass --url)`,
    );
    return undefined;
  }
  return best.p;
}
