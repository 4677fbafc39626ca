/**
 * A HorizontalPodAutoscaler that scales a Go container on memory while the GC is set up to let
 * the heap grow to GOMEMLIMIT (GOGC=off, or GOGC >= 200 so the limit sets the heap size). The
 * memory the HPA reads then sits near GOMEMLIMIT whatever the load: utilization ~
 * GOMEMLIMIT / requests.memory. A target below that scales out to maxReplicas, and since the
 * heap of every new pod grows the same way, it never scales back in.
 */
import { quantityBytes, parseQuantity } from '../../model/k8s-quantity.js';
import type { Evidence } from '../../model/finding.js';
import {
  formatPath,
  type HpaMemoryMetric,
  type HpaTarget,
  type ObjectPath,
} from '../../model/k8s.js';
import { bytesOf, goMemLimitBytes, type ContainerFacts } from './facts.js';
import { fromManifest, k8sFinding, type K8sFinding } from './finding.js';
import { gogcOf } from '../settings.js';
import { hpasScaling } from './hpa.js';
import { defineK8sRule } from './rule-kit.js';

/**
 * From this GOGC on, GOMEMLIMIT rather than GOGC sets the heap size: the GOGC goal is
 * (1 + GOGC/100) x the live heap (runtime/mgcpacer.go), three times it at 200.
 */
export const HIGH_GOGC = 200;

export const hpaMemoryGo = defineK8sRule({
  code: 'k8s-hpa-memory-go',
  needs: ['facts'],
  evaluate: ({ facts }) => {
    const gomemlimit = goMemLimitBytes(facts.gomemlimit);
    const env = facts.container.env.get('GOGC');
    if (env?.source.kind !== 'literal') return undefined;
    const gogc = gogcOf(env.source.value, 'env').percent; // null: off
    const growsToLimit = gogc === null || gogc >= HIGH_GOGC;
    if (gomemlimit === undefined || !growsToLimit) return undefined;
    const request = facts.memoryRequest ?? facts.memoryLimit;
    const requestBytes = bytesOf(request);
    const out: K8sFinding[] = [];
    for (const { hpa, metric } of hpasScaling(facts.hpas, facts.workload, facts.container.name)) {
      const expected =
        requestBytes === undefined ? undefined : Math.round((gomemlimit / requestBytes) * 100);
      const target = targetOf(metric);
      const runsAway =
        metric.type === 'Utilization'
          ? expected !== undefined && target.percent !== undefined && target.percent < expected
          : target.bytes !== undefined && target.bytes < gomemlimit;
      if (!runsAway) continue;
      out.push(
        atGogc(facts, env.valuePath, hpa, metric, {
          hpa: `${hpa.namespace ? hpa.namespace + '/' : ''}${hpa.name}`,
          gogc: gogc === null ? 'off' : gogc,
          gomemlimitBytes: gomemlimit,
          ...(expected !== undefined ? { expectedPercent: expected } : {}),
          ...(target.percent !== undefined ? { targetPercent: target.percent } : {}),
          ...(target.bytes !== undefined ? { targetBytes: target.bytes } : {}),
          ...(hpa.maxReplicas !== undefined ? { maxReplicas: hpa.maxReplicas } : {}),
        }),
      );
    }
    return out;
  },
});

function targetOf(m: HpaMemoryMetric): { percent?: number; bytes?: number } {
  if (m.type === 'Utilization') return { percent: m.utilization };
  const q = m.averageValue === undefined ? undefined : parseQuantity(m.averageValue);
  return { bytes: q?.ok ? quantityBytes(q.quantity) : undefined };
}

/**
 * The finding points at GOGC, the setting that makes the heap grow to GOMEMLIMIT (only
 * workloads carry source positions); the HPA's target is in the args and the evidence.
 */
function atGogc(
  facts: ContainerFacts,
  gogcPath: ObjectPath,
  hpa: HpaTarget,
  metric: HpaMemoryMetric,
  args: Record<string, string | number>,
): K8sFinding {
  const g = facts.gomemlimit;
  const hpaPath = formatPath([...hpa.object.base, ...metric.path]);
  const target = metric.type === 'Utilization' ? `${metric.utilization}%` : metric.averageValue;
  const evidence: Evidence[] = [
    {
      what: `HPA ${metric.type} target`,
      value: target ?? '',
      source: `${hpa.object.file} ${hpaPath}`,
    },
    ...(g.kind === 'literal' || g.kind === 'downward'
      ? [fromManifest(facts, 'GOMEMLIMIT', Number(args.gomemlimitBytes), g.env.valuePath, 'bytes')]
      : []),
    ...memoryRequestEvidence(facts),
  ];
  return k8sFinding(
    facts,
    'k8s-hpa-memory-go',
    'warning',
    gogcPath,
    { ...args, hpaPath },
    evidence,
  );
}

function memoryRequestEvidence(facts: ContainerFacts): Evidence[] {
  const request = facts.memoryRequest ?? facts.memoryLimit;
  const bytes = bytesOf(request);
  return request && bytes !== undefined
    ? [fromManifest(facts, 'memory request', bytes, request.path, 'bytes')]
    : [];
}
