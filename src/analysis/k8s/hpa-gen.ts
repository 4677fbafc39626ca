/**
 * `k8s gen hpa`: a HorizontalPodAutoscaler (autoscaling/v2) that scales a workload on CPU, or on
 * a per-pod custom metric, never on memory. A Go heap's size follows GOGC and GOMEMLIMIT more
 * than load, and Go hands freed memory back to the OS slowly, so a memory metric scales out
 * and seldom back in (docs/rules/k8s-hpa-memory-go.md). The notes carry the reasoning, with the
 * numbers of each Go container, into comments of the YAML.
 */
import { formatBytes } from '../../model/units.js';
import type { Workload } from '../../model/k8s.js';
import { gogcOf } from '../settings.js';
import { HIGH_GOGC } from './rule-hpa-memory.js';
import { bytesOf, containerFacts, goMemLimitBytes, type LintOptions } from './facts.js';

/** Kinds with a scale subresource that an HPA can target. */
export const SCALABLE_KINDS = ['Deployment', 'StatefulSet', 'ReplicaSet'] as const;

export interface HpaGenOptions {
  readonly minReplicas?: number;
  readonly maxReplicas: number;
  /** Average CPU utilization target in percent of requests (default 70). */
  readonly cpuUtilization: number;
  /** A Pods metric from the custom metrics API, with its per-pod average target. */
  readonly metric?: { readonly name: string; readonly averageValue: string };
}

export type HpaMetricSpec =
  | { readonly kind: 'cpu'; readonly utilization: number }
  | { readonly kind: 'pods'; readonly name: string; readonly averageValue: string };

export interface HpaSpec {
  readonly name: string;
  readonly namespace: string;
  readonly targetRef: { readonly apiVersion: string; readonly kind: string; readonly name: string };
  readonly minReplicas: number;
  readonly maxReplicas: number;
  readonly metric: HpaMetricSpec;
  readonly notes: readonly string[];
}

export function hpaFor(workload: Workload, lint: LintOptions, opts: HpaGenOptions): HpaSpec {
  const replicas = workload.object.value.spec as { replicas?: unknown } | undefined;
  const current = typeof replicas?.replicas === 'number' ? replicas.replicas : undefined;
  const minReplicas = opts.minReplicas ?? Math.max(1, Math.min(current ?? 2, opts.maxReplicas));
  const metric: HpaMetricSpec = opts.metric
    ? { kind: 'pods', ...opts.metric }
    : { kind: 'cpu', utilization: opts.cpuUtilization };
  return {
    name: workload.name || 'workload',
    namespace: workload.namespace,
    targetRef: {
      apiVersion: String(workload.object.value.apiVersion ?? 'apps/v1'),
      kind: workload.kind,
      name: workload.name,
    },
    minReplicas,
    maxReplicas: opts.maxReplicas,
    metric,
    notes: notesFor(workload, lint, metric),
  };
}

function notesFor(workload: Workload, lint: LintOptions, metric: HpaMetricSpec): string[] {
  const what = metric.kind === 'cpu' ? 'CPU' : `the ${metric.name} metric (custom metrics API)`;
  const notes = [`Scales on ${what}, not on memory:`];
  const regular = workload.containers.filter((c) => !c.init);
  for (const c of regular.filter((x) => x.go.isGo)) notes.push(goNote(workload, c, lint));
  if (notes.length === 1)
    notes.push('- memory of a Go program follows its GC settings more than its load.');
  notes.push(
    'Go returns freed memory to the OS slowly, so a memory target scales out and seldom back in.',
  );
  if (metric.kind === 'cpu') {
    const noRequest = regular.filter((c) => c.resources.cpuRequest === undefined);
    for (const c of noRequest)
      notes.push(
        `Container "${c.name}" has no requests.cpu: CPU utilization is a share of requests, so set one.`,
      );
  }
  return notes;
}

function goNote(workload: Workload, c: Workload['containers'][number], lint: LintOptions): string {
  const facts = containerFacts(workload, c, [], lint);
  const limit = goMemLimitBytes(facts.gomemlimit);
  const request = bytesOf(facts.memoryRequest ?? facts.memoryLimit);
  const env = c.env.get('GOGC');
  const gogc = env?.source.kind === 'literal' ? gogcOf(env.source.value, 'env').percent : 100;
  const gc = gogc === null ? 'GOGC=off' : `GOGC=${gogc}`;
  const heap = `- "${c.name}" is Go (${gc})`;
  if (limit === undefined) return `${heap}: its heap grows to (1 + GOGC/100) x its live data.`;
  const share = request ? `, ${Math.round((limit / request) * 100)}% of requests` : '';
  const cap = `GOMEMLIMIT ${formatBytes(limit)}${share}`;
  return gogc === null || gogc >= HIGH_GOGC
    ? `${heap}: its heap grows to ${cap}, whatever the load.`
    : `${heap}: its heap follows (1 + GOGC/100) x its live data, up to ${cap}.`;
}
