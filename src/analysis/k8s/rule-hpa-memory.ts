/**
 * A HorizontalPodAutoscaler that scales a Go container on memory while the GC is set up to let
 * the heap grow to GOMEMLIMIT (GOGC=off, or GOGC >= 200 so the limit sets the heap size). The
 * memory the HPA reads then sits near GOMEMLIMIT whatever the load: utilization ~
 * GOMEMLIMIT / requests.memory. A target below that scales out to maxReplicas, and since the
 * heap of every new pod grows the same way, it never scales back in.
 */
import { quantityBytes, parseQuantity } from '../../model/k8s-quantity.js';
import type { Evidence } from '../../model/finding.js';
import { formatPath, type HpaMemoryMetric, type HpaTarget } from '../../model/k8s.js';
import { reports } from '../engine.js';
import { gogcOf } from '../settings.js';
import { bytesOf, goMemLimitBytes, literalEnv, type ContainerFacts } from './facts.js';
import { fromManifest, k8sFinding, namespaced, type K8sArgs } from './finding.js';
import { hpasScaling } from './hpa.js';
import { defineK8sRule } from './rule-kit.js';

/**
 * From this GOGC on, GOMEMLIMIT rather than GOGC sets the heap size: the GOGC goal is
 * (1 + GOGC/100) x the live heap (runtime/mgcpacer.go), three times it at 200.
 */
export const HIGH_GOGC = 200;

export const hpaMemoryGo = defineK8sRule({
  reports: { 'k8s-hpa-memory-go': reports<HpaMemoryGoArgs>('warning') },
  applies: { scope: 'go', needs: ['facts'] },
  evaluate: ({ facts }) => {
    const gomemlimit = goMemLimitBytes(facts.gomemlimit);
    const set = literalEnv(facts, 'GOGC');
    if (!set) return undefined;
    const gogc = gogcOf(set.value, 'env').percent; // null: off
    if (gomemlimit === undefined || (gogc !== null && gogc < HIGH_GOGC)) return undefined;
    const requestBytes = bytesOf(facts.memoryRequest ?? facts.memoryLimit);
    const expected =
      requestBytes === undefined ? undefined : Math.round((gomemlimit / requestBytes) * 100);
    const scaling = hpasScaling(facts.hpas, facts.workload, facts.container.name);
    return scaling.flatMap(({ hpa, metric }) => {
      const target = targetOf(metric);
      const runsAway =
        metric.type === 'Utilization'
          ? expected !== undefined && target.percent !== undefined && target.percent < expected
          : target.bytes !== undefined && target.bytes < gomemlimit;
      if (!runsAway) return [];
      const hpaPath = formatPath([...hpa.object.base, ...metric.path]);
      const args = {
        hpa: namespaced(hpa),
        gogc: gogc === null ? 'off' : gogc,
        gomemlimitBytes: gomemlimit,
        ...(expected !== undefined ? { expectedPercent: expected } : {}),
        ...(target.percent !== undefined ? { targetPercent: target.percent } : {}),
        ...(target.bytes !== undefined ? { targetBytes: target.bytes } : {}),
        ...(hpa.maxReplicas !== undefined ? { maxReplicas: hpa.maxReplicas } : {}),
        hpaPath,
      };
      // At GOGC, the setting that makes the heap grow to GOMEMLIMIT (only workloads carry
      // source positions); the HPA's target is in the args and the evidence.
      const evidence = hpaEvidence(facts, hpa, metric, hpaPath, gomemlimit);
      return [k8sFinding(facts, 'k8s-hpa-memory-go', set.env.valuePath, args, evidence)];
    });
  },
});

function targetOf(m: HpaMemoryMetric): { percent?: number; bytes?: number } {
  if (m.type === 'Utilization') return { percent: m.utilization };
  const q = m.averageValue === undefined ? undefined : parseQuantity(m.averageValue);
  return { bytes: q?.ok ? quantityBytes(q.quantity) : undefined };
}

function hpaEvidence(
  facts: ContainerFacts,
  hpa: HpaTarget,
  metric: HpaMemoryMetric,
  hpaPath: string,
  gomemlimit: number,
): Evidence[] {
  const g = facts.gomemlimit;
  const target = metric.type === 'Utilization' ? `${metric.utilization}%` : metric.averageValue;
  const request = facts.memoryRequest ?? facts.memoryLimit;
  const requestBytes = bytesOf(request);
  return [
    {
      what: `HPA ${metric.type} target`,
      value: target ?? '',
      source: `${hpa.object.file} ${hpaPath}`,
    },
    ...(g.kind === 'literal' || g.kind === 'downward'
      ? [fromManifest(facts, 'GOMEMLIMIT', gomemlimit, g.env.valuePath, 'bytes')]
      : []),
    ...(request && requestBytes !== undefined
      ? [fromManifest(facts, 'memory request', requestBytes, request.path, 'bytes')]
      : []),
  ];
}

/**
 * `gogc`: "off" or the percent; `expectedPercent`: GOMEMLIMIT / requests.memory, what a
 * Utilization target is measured against; `targetPercent` or `targetBytes`: the HPA's target.
 */
export type HpaMemoryGoArgs = K8sArgs<{
  readonly hpa: string;
  readonly gogc: string | number;
  readonly gomemlimitBytes: number;
  readonly expectedPercent?: number;
  readonly targetPercent?: number;
  readonly targetBytes?: number;
  readonly maxReplicas?: number;
  /** The HPA's target node ("spec.metrics[0].resource.target.averageUtilization"). */
  readonly hpaPath: string;
}>;
