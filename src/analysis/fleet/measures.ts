/**
 * A workload's measurements over the window, folded from its pods' rows: settings from the
 * newest pod (after a rollout the old pods no longer say what is in force), memory at its
 * worst replica (p99, max, live heap, non-Go memory), OOM kills summed over the pods.
 * Each number names the series it came from.
 */
import { CONTAINER_METRICS as G } from '../../model/exporter-metrics.js';
import type { Sourced, WorkloadMeasures } from '../../model/fleet.js';
import { median } from '../trend.js';
import { nonGoFromSeries } from './non-go.js';
import type { ManifestSettings } from './manifest-settings.js';
import {
  fromManifest,
  gomemlimitOf,
  gomemlimitSteady,
  limitOf,
  malformedOf,
  previousLimit,
} from './measures-settings.js';
import type { HpaOnMemory } from './owners.js';
import type { PodRow } from './rows.js';
import { sourced, stat } from './measure-kit.js';

export interface WorkloadGroup {
  readonly rows: readonly PodRow[];
  readonly containersPerPod: number;
  readonly hpa?: HpaOnMemory;
  /** GOMEMLIMIT and GOGC from --manifests, used where no series gives them. */
  readonly manifest?: ManifestSettings;
}

const maxOf = (values: readonly (number | undefined)[]) => {
  const d = values.filter((v): v is number => v !== undefined && Number.isFinite(v));
  return d.length ? Math.max(...d) : undefined;
};
const lastSeen = (r: PodRow) => r.series.ws?.t.at(-1) ?? 0;

/** The newest pod: the one whose working set was seen last (then by name, for stability). */
export function newestRow(rows: readonly PodRow[]): PodRow {
  return [...rows].sort((a, b) => lastSeen(b) - lastSeen(a) || b.pod.localeCompare(a.pod))[0];
}

export function measure(g: WorkloadGroup): WorkloadMeasures {
  const now = newestRow(g.rows);
  const limit = limitOf(now);
  return {
    goVersion: now.goVersion ?? g.rows.find((r) => r.goVersion)?.goVersion,
    limit,
    previousLimit: previousLimit(g.rows, limit?.value),
    request: sourced(stat(now, 'ksm.request_last'), 'kube_pod_container_resource_requests'),
    gomemlimit: gomemlimitOf(now) ?? fromManifest(g.manifest),
    gomemlimitMalformed: malformedOf(g.manifest),
    gomemlimitConstant: gomemlimitSteady(g.rows),
    gogc:
      sourced(stat(now, 'go.gogc_last'), 'go_gc_gogc_percent') ??
      sourced(stat(now, 'gomemlens.gogc_last'), G.gogc.name) ??
      sourced(g.manifest?.gogc, `manifest ${g.manifest?.where} env GOGC`),
    workingSet: workingSet(g.rows),
    peakLiveHeap: peakLiveHeap(g.rows),
    nonGo: nonGoOf(g.rows),
    runtimeOverhead: sourced(
      maxOf(g.rows.map((r) => stat(r, 'go.overhead_max'))),
      'go_memstats_sys_bytes - go_memstats_heap_sys_bytes (peak)',
    ),
    allocRate: sourced(
      maxOf(g.rows.map((r) => stat(r, 'go.alloc_rate'))),
      'rate(go_memstats_alloc_bytes_total)',
    ),
    gcCpu: gcCpuOf(g.rows),
    effectiveGogc: effectiveGogc(g.rows),
    oomKills: oomKillsOf(g.rows),
    restarts: sumOf(g.rows.map((r) => stat(r, 'ksm.restarts'))),
    pods: new Set(g.rows.map((r) => r.pod)).size,
    containersPerPod: g.containersPerPod,
    hpa: g.hpa,
  };
}

function sumOf(values: readonly (number | undefined)[]): number | undefined {
  const d = values.filter((v): v is number => v !== undefined);
  return d.length ? Math.round(d.reduce((a, b) => a + b, 0)) : undefined;
}

function workingSet(rows: readonly PodRow[]): WorkloadMeasures['workingSet'] {
  const p50s = rows
    .map((r) => stat(r, 'cadvisor.ws_p50'))
    .filter((v): v is number => v !== undefined);
  const peaks = rows.map((r) => maxOf([...(r.series.peaks?.v ?? []), ...(r.series.ws?.v ?? [])]));
  return {
    p50: median(p50s),
    p99: maxOf(rows.map((r) => stat(r, 'cadvisor.ws_p99'))),
    max: maxOf(peaks),
  };
}

function peakLiveHeap(rows: readonly PodRow[]): Sourced | undefined {
  const measured =
    sourced(maxOf(rows.map((r) => stat(r, 'go.live_max'))), 'go_gc_heap_live_bytes') ??
    sourced(maxOf(rows.map((r) => stat(r, 'gomemlens.live_max'))), G.heapLive.name);
  if (measured) return measured;
  // live <= NextGC / (1 + GOGC/100) under the GOGC goal (mgcpacer.go); reads low when
  // GOMEMLIMIT holds NextGC down, so /gc/heap/live:bytes is preferred (model/series.ts).
  const estimates = rows.map((r) => {
    const next = stat(r, 'go.next_gc_max');
    const gogc = stat(r, 'go.gogc_last') ?? 100;
    return next !== undefined && gogc > 0 ? next / (1 + gogc / 100) : undefined;
  });
  return sourced(maxOf(estimates), 'estimate: go_memstats_next_gc_bytes / (1 + GOGC/100)');
}

function nonGoOf(rows: readonly PodRow[]): Sourced | undefined {
  const exporter = sourced(maxOf(rows.map((r) => stat(r, 'gomemlens.nongo_max'))), G.nonGo.name);
  return (
    exporter ??
    sourced(
      maxOf(rows.map(nonGoFromSeries)),
      'p95 of container_memory_working_set_bytes - (go_memstats_sys_bytes - go_memstats_heap_released_bytes)',
    )
  );
}

/** 100 x (peak heap goal / peak live heap - 1), from measured series only. */
function effectiveGogc(rows: readonly PodRow[]): number | undefined {
  const goal = maxOf(rows.map((r) => stat(r, 'go.next_gc_max')));
  const live = maxOf(rows.map((r) => stat(r, 'go.live_max') ?? stat(r, 'gomemlens.live_max')));
  if (goal === undefined || live === undefined || live <= 0 || goal >= 2 ** 62) return undefined;
  return Math.max(1, Math.round(100 * (goal / live - 1)));
}

function gcCpuOf(rows: readonly PodRow[]): WorkloadMeasures['gcCpu'] {
  const share = maxOf(rows.map((r) => stat(r, 'go.gc_cpu')));
  if (share !== undefined)
    return {
      value: share,
      source: 'rate(go_cpu_classes_gc_total_cpu_seconds_total) / rate(process_cpu_seconds_total)',
      of: 'process',
    };
  const fraction = maxOf(rows.map((r) => stat(r, 'gomemlens.gc_cpu_fraction')));
  return fraction === undefined
    ? undefined
    : { value: fraction, source: G.gcCpu.name, of: 'capacity' };
}

/** Per pod the largest of the three counts (each misses kills in its own way), summed. */
function oomKillsOf(rows: readonly PodRow[]): Sourced {
  const names: Record<string, string> = {
    'ksm.oom_kills':
      'kube_pod_container_status_restarts_total while last_terminated_reason=OOMKilled',
    'gomemlens.oom_kills': G.oomKills.name,
    'cadvisor.oom_events': 'container_oom_events_total',
  };
  let total = 0;
  const used = new Set<string>();
  for (const r of rows) {
    let best = 0;
    let from: string | undefined;
    for (const key of Object.keys(names)) {
      const v = Math.round(stat(r, key) ?? 0);
      if (v > best) [best, from] = [v, names[key]];
    }
    total += best;
    if (from) used.add(from);
  }
  return {
    value: total,
    source: used.size ? [...used].join(', ') : Object.values(names).join(', '),
  };
}
