/**
 * The PromQL that `gomemlens fleet` sends: per family of series (cAdvisor, kube-state-metrics,
 * client_golang, the gomemlens exporter) one instant query that unions several `*_over_time`
 * summaries, each tagged with a `gomemlens_stat` label (label_replace), so a batch of
 * namespaces costs a handful of round trips and Prometheus does the reduction over the window.
 * Names come from the projects' docs: cAdvisor (docs/storage/prometheus.md), kube-state-metrics
 * (docs/metrics/workload/pod-metrics.md, horizontalpodautoscaler-metrics.md), client_golang
 * (prometheus/collectors go_collector_latest.go), and model/exporter-metrics.ts for ours.
 */
import { CONTAINER_METRICS as G } from '../../model/exporter-metrics.js';
import { formatPromDuration } from '../../model/prom-duration.js';

export const STAT_LABEL = 'gomemlens_stat';

export type Family = 'cadvisor' | 'ksm' | 'go' | 'gomemlens';

/** Which namespaces (and optionally which pods) a batch covers. */
export interface BatchScope {
  readonly namespaces: readonly string[];
  /** A first-character range of pod names, when one namespace is split further: "a-m". */
  readonly podRange?: string;
}

export interface InstantQuery {
  readonly family: Family;
  readonly expr: string;
  /** The stats it returns, for the report's "missing" lines when it fails. */
  readonly stats: readonly string[];
}

export interface RangeQuery {
  readonly name:
    'ws' | 'heap' | 'live' | 'goMapped' | 'gcs' | 'nextGC' | 'stacks' | 'peaks' | 'restarts';
  readonly expr: string;
  /** Daily peaks are evaluated once a day, the rest at the plan's step. */
  readonly daily?: boolean;
}

/** RE2 escaping for label values inside =~ (namespaces are DNS labels, but stay safe). */
export function regexEscape(value: string): string {
  return value.replace(/[\\.+*?()|[\]{}^$]/g, '\\$&');
}

/** PromQL string literal: double-quoted, with \ and " escaped. */
export function quote(value: string): string {
  return JSON.stringify(value);
}

export function scopeMatchers(scope: BatchScope): string {
  const ns = scope.namespaces.map(regexEscape).join('|');
  const pods = scope.podRange ? `,pod=~${quote(`[${scope.podRange}].*`)}` : '';
  return `namespace=~${quote(ns)}${pods}`;
}

const tag = (stat: string, expr: string) =>
  `label_replace(${expr}, ${quote(STAT_LABEL)}, ${quote(stat)}, "", "")`;

const union = (parts: ReadonlyArray<readonly [string, string]>) =>
  parts.map(([stat, expr]) => tag(stat, expr)).join(' or ');

function family(familyName: Family, parts: ReadonlyArray<readonly [string, string]>): InstantQuery {
  return { family: familyName, expr: union(parts), stats: parts.map(([s]) => s) };
}

/** cAdvisor's container series without the pod-level cgroup ("") and the pause container. */
const cadvisor = (name: string, m: string) => `${name}{container!="",container!="POD",${m}}`;

export function instantQueries(
  scope: BatchScope,
  windowMs: number,
  stepMs: number,
): InstantQuery[] {
  const m = scopeMatchers(scope);
  const w = `[${formatPromDuration(windowMs)}]`;
  const sub = `[${formatPromDuration(windowMs)}:${formatPromDuration(stepMs)}]`;
  const ws = cadvisor('container_memory_working_set_bytes', m);
  const limit = cadvisor('container_spec_memory_limit_bytes', m);
  const klim = `kube_pod_container_resource_limits{resource="memory",${m}}`;
  const go = (name: string) => `${name}{pod!="",${m}}`;
  const gm = (name: string) => `${name}{${m}}`;
  return [
    family('cadvisor', [
      ['ws_p50', `quantile_over_time(0.5, ${ws}${w})`],
      ['ws_p99', `quantile_over_time(0.99, ${ws}${w})`],
      ['climit_last', `last_over_time(${limit}${w})`],
      ['oom_events', `increase(${cadvisor('container_oom_events_total', m)}${w})`],
    ]),
    family('ksm', [
      ['limit_last', `last_over_time(${klim}${w})`],
      ['limit_min', `min_over_time(${klim}${w})`],
      ['limit_max', `max_over_time(${klim}${w})`],
      [
        'request_last',
        `last_over_time(kube_pod_container_resource_requests{resource="memory",${m}}${w})`,
      ],
      ['restarts', `increase(kube_pod_container_status_restarts_total{${m}}${w})`],
      [
        'oom_reason',
        `max_over_time(kube_pod_container_status_last_terminated_reason{reason="OOMKilled",${m}}${w})`,
      ],
      ['owner', `last_over_time(kube_pod_owner{${m}}${w})`],
      ['rs_owner', `last_over_time(kube_replicaset_owner{${nsOnly(scope)}}${w})`],
      [
        'hpa_memory',
        `last_over_time(kube_horizontalpodautoscaler_spec_target_metric{metric_name="memory",${nsOnly(scope)}}${w})`,
      ],
      ['hpa_info', `last_over_time(kube_horizontalpodautoscaler_info{${nsOnly(scope)}}${w})`],
    ]),
    family('go', [
      ['info', `last_over_time(${go('go_info')}${w})`],
      ['gomemlimit_last', `last_over_time(${go('go_gc_gomemlimit_bytes')}${w})`],
      ['gomemlimit_min', `min_over_time(${go('go_gc_gomemlimit_bytes')}${w})`],
      ['gogc_last', `last_over_time(${go('go_gc_gogc_percent')}${w})`],
      ['live_max', `max_over_time(${go('go_gc_heap_live_bytes')}${w})`],
      ['next_gc_max', `max_over_time(${go('go_memstats_next_gc_bytes')}${w})`],
      ['alloc_rate', `rate(${go('go_memstats_alloc_bytes_total')}${w})`],
      [
        'overhead_max',
        `max_over_time((${go('go_memstats_sys_bytes')} - ${go('go_memstats_heap_sys_bytes')})${sub})`,
      ],
      [
        'gc_cpu',
        `rate(${go('go_cpu_classes_gc_total_cpu_seconds_total')}${w}) / rate(${go('process_cpu_seconds_total')}${w})`,
      ],
    ]),
    family('gomemlens', [
      ['info', `last_over_time(${gm(G.info.name)}${w})`],
      ['gomemlimit_last', `last_over_time(${gm(G.gomemlimit.name)}${w})`],
      ['gomemlimit_min', `min_over_time(${gm(G.gomemlimit.name)}${w})`],
      ['gogc_last', `last_over_time(${gm(G.gogc.name)}${w})`],
      ['live_max', `max_over_time(${gm(G.heapLive.name)}${w})`],
      ['nongo_max', `max_over_time(${gm(G.nonGo.name)}${w})`],
      ['oom_kills', `increase(${gm(G.oomKills.name)}${w})`],
      ['gc_cpu_fraction', `last_over_time(${gm(G.gcCpu.name)}${w})`],
      ['limit_last', `last_over_time(${gm(G.limit.name)}${w})`],
    ]),
  ];
}

/** Series that carry no pod label (ReplicaSets, HPAs) are selected by namespace only. */
function nsOnly(scope: BatchScope): string {
  return scopeMatchers({ namespaces: scope.namespaces });
}

export function rangeQueries(scope: BatchScope): RangeQuery[] {
  const m = scopeMatchers(scope);
  const ws = cadvisor('container_memory_working_set_bytes', m);
  return [
    { name: 'ws', expr: ws },
    { name: 'heap', expr: `go_memstats_heap_inuse_bytes{pod!="",${m}}` },
    // The live heap has no GC sawtooth: with GOMEMLIMIT holding the heap in use near the limit,
    // it is the series that still shows a leak.
    { name: 'live', expr: `go_gc_heap_live_bytes{pod!="",${m}} or ${G.heapLive.name}{${m}}` },
    {
      name: 'goMapped',
      expr: `go_memstats_sys_bytes{pod!="",${m}} - go_memstats_heap_released_bytes{pod!="",${m}}`,
    },
    // What the forecast reads beside the heap (analysis/forecast-signals.ts): GC cycles (NumGC:
    // the runtime/metrics counter, else the count of client_golang's GC pause summary) tell the
    // heap's sawtooth from growth; the heap goal (NextGC) says whether GOMEMLIMIT holds the heap
    // down; goroutine stacks can leak too. Plain selectors, not a tagged union: label_replace
    // at every step cost Prometheus 50 times the evaluation time (bench/fleet.bench.ts).
    {
      name: 'gcs',
      expr: `go_gc_cycles_total_gc_cycles_total{pod!="",${m}} or go_gc_duration_seconds_count{pod!="",${m}}`,
    },
    { name: 'nextGC', expr: `go_memstats_next_gc_bytes{pod!="",${m}} or ${G.heapGoal.name}{${m}}` },
    { name: 'stacks', expr: `go_memstats_stack_inuse_bytes{pod!="",${m}}` },
    // VPA's memory samples: one peak per container per 24 h interval (recommender/model/container.go).
    { name: 'peaks', expr: `max_over_time(${ws}[1d])`, daily: true },
  ];
}

/** Restart counters and the OOMKilled reason of the pods that restarted (ksm), at the step. */
export function restartQuery(namespace: string, pods: readonly string[]): RangeQuery {
  const m = `namespace=${quote(namespace)},pod=~${quote(pods.map(regexEscape).join('|'))}`;
  return {
    name: 'restarts',
    expr: union([
      ['restarts', `kube_pod_container_status_restarts_total{${m}}`],
      ['oom_reason', `kube_pod_container_status_last_terminated_reason{reason="OOMKilled",${m}}`],
    ]),
  };
}

/** The step of the range queries: the window in about 168 points, in whole minutes (7d -> 1h). */
export function stepFor(windowMs: number): number {
  return Math.max(60_000, Math.ceil(windowMs / 168 / 60_000) * 60_000);
}

/** The series used to list the namespaces (cheap: the label index only). */
export const NAMESPACE_SOURCES = [
  'container_memory_working_set_bytes',
  'go_info',
  G.info.name,
] as const;
