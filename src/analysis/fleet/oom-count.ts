/**
 * OOM kills in the window, counted so that container restarts do not hide them. cAdvisor's
 * container_oom_events_total belongs to the container that was killed and stays 0 in the
 * container that replaces it (google/cadvisor#3015), so its increase misses most kills.
 * kube-state-metrics' kube_pod_container_status_last_terminated_reason{reason="OOMKilled"}
 * never clears (kubernetes/kube-state-metrics#2153), so its presence alone overcounts. The
 * count here is the restarts (kube_pod_container_status_restarts_total, kept per pod across
 * container restarts) that happened while the last termination reason was OOMKilled.
 */
import type { PromSeries } from '../../formats/prom-api.js';

export interface OomKills {
  readonly count: number;
  /** When the restarts that were OOM kills were seen (seconds). */
  readonly times: readonly number[];
}

export function oomKillsFromRestarts(restarts: PromSeries, oomReason?: PromSeries): OomKills {
  const times: number[] = [];
  if (!oomReason || oomReason.t.length === 0) return { count: 0, times };
  const oomAt = new Set<number>();
  for (let i = 0; i < oomReason.t.length; i++) if (oomReason.v[i] >= 1) oomAt.add(oomReason.t[i]);
  let kills = 0;
  for (let i = 1; i < restarts.t.length; i++) {
    const before = restarts.v[i - 1];
    const now = restarts.v[i];
    // A counter reset (kube-state-metrics restarted) counts from zero, as increase() does.
    const added = now >= before ? now - before : now;
    if (added <= 0) continue;
    // The counter and the reason come from one pod status in one kube-state-metrics scrape, so
    // at each step of the range query they agree: the reason at the step of the increase.
    if (oomAt.has(restarts.t[i])) {
      kills += added;
      times.push(restarts.t[i]);
    }
  }
  return { count: Math.round(kills), times };
}
