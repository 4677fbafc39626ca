/**
 * The series each exporter publishes for a pod, named and labelled as cAdvisor (kubelet
 * /metrics/cadvisor), kube-state-metrics (docs/metrics/workload/*.md), client_golang
 * (prometheus/collectors) and the gomemlens exporter (model/exporter-metrics.ts) do.
 */
import { CONTAINER_METRICS as G } from '../../src/model/exporter-metrics.js';
import { gomemlimitOf, IDLE, overhead, RELEASED, type Family, type PodState } from './fleet-gen.js';
import type { WorkloadSpec } from './fleet-scenarios.js';

/** math.MaxInt64 as client_golang exports it (a float64: 9.223372036854776e18). */
const MAX_INT64 = 2 ** 63;
const CPU_RATE = 0.5;

const base = (w: WorkloadSpec, s: PodState, container = w.container) => ({
  ...(w.cluster ? { cluster: w.cluster } : {}),
  namespace: w.namespace,
  pod: s.plan.name,
  container,
});

/** Containers with their own cAdvisor and kube-state-metrics series (the Go one and a sidecar). */
function containers(w: WorkloadSpec): { name: string; sidecar: boolean }[] {
  return [
    { name: w.container, sidecar: false },
    ...(w.sidecar ? [{ name: 'envoy', sidecar: true }] : []),
  ];
}

const SIDECAR_WS = 40 << 20;

function perContainer(
  value: (w: WorkloadSpec, s: PodState, k: number, sidecar: boolean) => number | undefined,
  extra: Record<string, string> = {},
) {
  return (w: WorkloadSpec, s: PodState) =>
    containers(w).map((c) => ({
      labels: { ...base(w, s, c.name), ...extra },
      value: (k: number) => value(w, s, k, c.sidecar),
    }));
}

/** Go series for the Go container, with or without the container label. */
type Extra = (w: WorkloadSpec) => Record<string, string>;
const noExtra: Extra = () => ({});

function goSeries(
  value: (w: WorkloadSpec, s: PodState, k: number) => number | undefined,
  extra: Extra = noExtra,
  when = (w: WorkloadSpec) => !!w.go && !w.go.noClientGolang,
) {
  return (w: WorkloadSpec, s: PodState) => {
    if (!when(w)) return [];
    const l = base(w, s);
    const labels = w.go!.containerLabel
      ? { ...l, job: 'app' }
      : {
          ...(w.cluster ? { cluster: w.cluster } : {}),
          namespace: l.namespace,
          pod: l.pod,
          job: 'app',
        };
    return [{ labels: { ...labels, ...extra(w) }, value: (k: number) => value(w, s, k) }];
  };
}

/** The exporter labels its series with the container always (model/exporter-metrics.ts). */
const exporterSeries =
  (
    value: (w: WorkloadSpec, s: PodState, k: number) => number | undefined,
    extra: Extra = noExtra,
  ) =>
  (w: WorkloadSpec, s: PodState) =>
    w.go?.exporter
      ? [{ labels: { ...base(w, s), ...extra(w) }, value: (k: number) => value(w, s, k) }]
      : [];

const goMapped = (w: WorkloadSpec, s: PodState, k: number) => s.inuse[k] + IDLE + overhead(w);
const nextGc = (w: WorkloadSpec, s: PodState, k: number) => {
  const g = w.go!;
  if (g.gogc < 0) return MAX_INT64;
  const goal = s.live[k] * (1 + g.gogc / 100);
  const gml = gomemlimitOf(w, s.plan);
  return typeof gml === 'number'
    ? Math.min(goal, Math.max(s.live[k], gml - overhead(w) - IDLE))
    : goal;
};
const up = (s: PodState, k: number) => s.t[k] - s.segStart[k];
const limitOf = (s: PodState) => s.plan.limit;

export const FAMILIES: Family[] = [
  {
    name: 'container_memory_working_set_bytes',
    series: perContainer((_w, s, k, side) => (side ? SIDECAR_WS : s.ws[k])),
  },
  {
    name: 'container_spec_memory_limit_bytes',
    constant: true,
    series: perContainer((_w, s) => limitOf(s) ?? 0),
  },
  { name: 'container_oom_events_total', constant: true, series: perContainer(() => 0) },
  {
    name: 'kube_pod_container_resource_limits',
    constant: true,
    series: perContainer((_w, s) => limitOf(s), { resource: 'memory', unit: 'byte' }),
  },
  {
    name: 'kube_pod_container_resource_requests',
    constant: true,
    series: perContainer((_w, s) => s.plan.request, { resource: 'memory', unit: 'byte' }),
  },
  {
    name: 'kube_pod_container_status_restarts_total',
    series: perContainer((_w, s, k, side) => (side ? 0 : s.restarts[k])),
  },
  ...['OOMKilled', 'Error'].map((reason) => ({
    name: 'kube_pod_container_status_last_terminated_reason',
    series: perContainer((_w, s, k, side) => (!side && s.reason[k] === reason ? 1 : undefined), {
      reason,
    }),
  })),
  {
    name: 'kube_pod_owner',
    constant: true,
    series: (w: WorkloadSpec, s: PodState) => {
      const owner =
        w.kind === 'Deployment'
          ? { owner_kind: 'ReplicaSet', owner_name: s.plan.replicaSet! }
          : w.kind === 'Pod'
            ? { owner_kind: '<none>', owner_name: '<none>' }
            : { owner_kind: w.kind, owner_name: w.name };
      const { container: _c, ...labels } = base(w, s);
      return [
        {
          labels: {
            ...labels,
            ...owner,
            owner_is_controller: w.kind === 'Pod' ? '<none>' : 'true',
          },
          value: () => 1,
        },
      ];
    },
  },
  {
    name: 'kube_replicaset_owner',
    constant: true,
    series: (w: WorkloadSpec, s: PodState) =>
      w.kind === 'Deployment' && s.plan.firstOfReplicaSet
        ? [
            {
              labels: {
                ...(w.cluster ? { cluster: w.cluster } : {}),
                namespace: w.namespace,
                replicaset: s.plan.replicaSet!,
                owner_kind: 'Deployment',
                owner_name: w.name,
                owner_is_controller: 'true',
              },
              value: () => 1,
            },
          ]
        : [],
  },
  {
    name: 'kube_horizontalpodautoscaler_info',
    constant: true,
    series: (w: WorkloadSpec, s: PodState) =>
      w.hpa && s.plan.firstOfWorkload
        ? [
            {
              labels: hpaLabels(w, { scaletargetref_kind: w.kind, scaletargetref_name: w.name }),
              value: () => 1,
            },
          ]
        : [],
  },
  {
    name: 'kube_horizontalpodautoscaler_spec_target_metric',
    constant: true,
    series: (w: WorkloadSpec, s: PodState) =>
      w.hpa && s.plan.firstOfWorkload
        ? [
            {
              labels: hpaLabels(w, { metric_name: w.hpa, metric_target_type: 'utilization' }),
              value: () => 80,
            },
          ]
        : [],
  },
  {
    name: 'go_info',
    constant: true,
    series: goSeries(
      () => 1,
      (w) => ({ version: w.go!.version }),
    ),
  },
  {
    name: 'go_gc_gomemlimit_bytes',
    constant: true,
    series: goSeries(
      (w, s) =>
        gomemlimitOf(w, s.plan) === 'off' ? MAX_INT64 : (gomemlimitOf(w, s.plan) as number),
      noExtra,
      (w) => !!w.go?.modern && !w.go.noClientGolang,
    ),
  },
  {
    name: 'go_gc_gogc_percent',
    constant: true,
    series: goSeries(
      (w) => w.go!.gogc,
      noExtra,
      (w) => !!w.go?.modern && !w.go.noClientGolang,
    ),
  },
  {
    name: 'go_gc_heap_live_bytes',
    series: goSeries(
      (_w, s, k) => s.live[k],
      noExtra,
      (w) => !!w.go?.liveMetric && !w.go.noClientGolang,
    ),
  },
  { name: 'go_memstats_next_gc_bytes', series: goSeries(nextGc) },
  // A summary of GC pauses whose count is MemStats.NumGC (client_golang go_collector.go).
  { name: 'go_gc_duration_seconds_count', series: goSeries((_w, s, k) => s.gcs[k]) },
  { name: 'go_memstats_heap_inuse_bytes', series: goSeries((_w, s, k) => s.inuse[k]) },
  {
    name: 'go_memstats_heap_sys_bytes',
    series: goSeries((_w, s, k) => s.inuse[k] + IDLE + RELEASED),
  },
  { name: 'go_memstats_heap_released_bytes', series: goSeries(() => RELEASED) },
  { name: 'go_memstats_sys_bytes', series: goSeries((w, s, k) => goMapped(w, s, k) + RELEASED) },
  {
    name: 'go_memstats_alloc_bytes_total',
    series: goSeries((w, s, k) => w.go!.allocRate * up(s, k)),
  },
  { name: 'process_cpu_seconds_total', series: goSeries((_w, s, k) => CPU_RATE * up(s, k)) },
  {
    name: 'go_cpu_classes_gc_total_cpu_seconds_total',
    series: goSeries(
      (w, s, k) => w.go!.gcShare! * CPU_RATE * up(s, k),
      noExtra,
      (w) => w.go?.gcShare !== undefined,
    ),
  },
  {
    name: G.info.name,
    constant: true,
    series: exporterSeries(
      () => 1,
      (w) => ({ go_version: w.go!.version }),
    ),
  },
  {
    name: G.gomemlimit.name,
    constant: true,
    series: exporterSeries((w, s) => {
      const g = gomemlimitOf(w, s.plan);
      return g === 'off' ? undefined : g;
    }),
  },
  { name: G.gogc.name, constant: true, series: exporterSeries((w) => w.go!.gogc) },
  { name: G.heapLive.name, series: exporterSeries((_w, s, k) => s.live[k]) },
  { name: G.nonGo.name, series: exporterSeries((w) => w.nonGo) },
  { name: G.oomKills.name, series: exporterSeries((_w, s, k) => s.oomKills[k]) },
  { name: G.limit.name, constant: true, series: exporterSeries((_w, s) => limitOf(s)) },
];

const hpaLabels = (w: WorkloadSpec, extra: Record<string, string>) => ({
  ...(w.cluster ? { cluster: w.cluster } : {}),
  namespace: w.namespace,
  horizontalpodautoscaler: w.name,
  ...extra,
});
