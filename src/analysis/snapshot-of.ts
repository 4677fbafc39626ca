/**
 * A diagnose Snapshot from one watch tick's readings, so `analyzeSnapshot` (the reconciled
 * breakdown and the diagnose rules) can run on any recorded moment. What a tick does not read
 * (the binary, the endpoint list) is left out and shows as missing in the breakdown.
 */
import { absent, ok } from '../model/observation.js';
import type { TickReadings } from '../model/series.js';
import type { ProcessInfo, Snapshot, Target } from '../model/snapshot.js';

export function snapshotOf(r: TickReadings, target: Target, process?: ProcessInfo): Snapshot {
  const base = target.url?.replace(/\/+$/, '');
  const proc =
    process ?? (r.status && target.pid !== undefined ? bareProcess(target.pid) : undefined);
  return {
    takenAt: new Date(r.t).toISOString(),
    target,
    ...(r.cgroup ? { cgroup: ok(r.cgroup, r.cgroup.dir) } : {}),
    ...(proc
      ? { process: r.status ? { ...proc, status: ok(r.status, `/proc/${proc.pid}/status`) } : proc }
      : {}),
    ...(base
      ? {
          runtime: {
            baseUrl: base,
            endpoints: [],
            memstats: r.memstats
              ? ok(r.memstats, `${base}/debug/vars`)
              : absent(`${base}/debug/vars`, 'not read this tick'),
            prometheus: r.prom
              ? ok(r.prom, `${base}/metrics`)
              : absent(`${base}/metrics`, 'not read this tick'),
          },
        }
      : {}),
    notes: r.notes,
  };
}

function bareProcess(pid: number): ProcessInfo {
  const none = (file: string) => absent<never>(`/proc/${pid}/${file}`, 'not read by watch');
  return {
    pid,
    status: none('status'),
    smapsRollup: none('smaps_rollup'),
    environ: none('environ'),
    cmdline: none('cmdline'),
    exe: none('exe'),
  };
}
