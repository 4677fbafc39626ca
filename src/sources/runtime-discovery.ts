/**
 * Finds a process's Go runtime endpoints when no URL is given: each TCP port it listens on
 * (sources/listeners.ts) is probed with a short deadline, and the port where most endpoints
 * answer wins. What stops the search becomes a note, never an exception.
 */
import type { RuntimeInfo } from '../model/snapshot.js';
import type { HostFs } from './hostfs.js';
import { listeningPorts, loopbackUrl } from './listeners.js';
import { probeRuntime } from './runtime.js';

/** What to do about a permission error on another user's /proc/PID. */
export const AS_OWNER = " (run as the process's user or root)";

/** Discovery probes each listening port with a short timeout: most ports are not Go's. */
const DISCOVERY_TIMEOUT_MS = 1500;

export async function discoverRuntime(
  fs: HostFs,
  pid: number,
  timeoutMs: number,
  notes: string[],
): Promise<RuntimeInfo | undefined> {
  let denied: string | undefined;
  const urls = (await listeningPorts(fs, pid, (why) => (denied = why)))
    .map(loopbackUrl)
    .filter((u): u is string => u !== undefined);
  if (denied !== undefined) {
    const hint = denied.endsWith('permission denied') ? AS_OWNER : '';
    notes.push(`Go runtime endpoints not discovered: ${denied}${hint}; pass --url`);
    return undefined;
  }
  if (urls.length === 0) {
    notes.push(`process ${pid} listens on no TCP port: Go runtime endpoints not read (pass --url)`);
    return undefined;
  }
  const probes = await Promise.all(
    urls.map((u) => probeRuntime(u, { timeoutMs: Math.min(timeoutMs, DISCOVERY_TIMEOUT_MS) })),
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
