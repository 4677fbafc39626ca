/**
 * A literal GOMEMLIMIT on a workload whose memory a VerticalPodAutoscaler moves: the VPA
 * changes the limit, the literal stays (traefik-helm #1796). Shrunk below GOMEMLIMIT the pod is
 * OOM-killed; grown, the extra memory is never used by the heap.
 */
import { reports } from '../engine.js';
import { k8sFinding, memoryLimitEvidence, namespaced, type K8sArgs } from './finding.js';
import { defineK8sRule } from './rule-kit.js';

export const goMemLimitVpaFrozen = defineK8sRule({
  reports: { 'k8s-gomemlimit-vpa-frozen': reports<VpaFrozenArgs>('warning') },
  applies: { scope: 'go', needs: ['facts'] },
  evaluate: ({ facts }) => {
    const g = facts.gomemlimit;
    if (g.kind !== 'literal' || g.parsed.kind !== 'bytes' || !facts.vpa) return undefined;
    const vpa = facts.vpa;
    const args = { value: g.text, vpa: namespaced(vpa) };
    const evidence = memoryLimitEvidence(facts);
    return k8sFinding(facts, 'k8s-gomemlimit-vpa-frozen', g.env.valuePath, args, evidence);
  },
});

/**
 * `vpa`: "namespace/name" of the VerticalPodAutoscaler that resizes the container (k8s lint).
 * `gomemlens fleet` raises the same code from what happened instead: no `vpa`, but the limit
 * earlier in the window and now (`limitBefore`, `limitBytes`), GOMEMLIMIT in bytes and its
 * ratio to each limit (src/analysis/fleet/findings-more.ts stale).
 */
export type VpaFrozenArgs = K8sArgs<{
  readonly value: string;
  readonly vpa?: string;
  readonly limitBefore?: number;
  readonly limitBytes?: number;
  readonly gomemlimitBytes?: number;
  readonly ratioBefore?: number;
  readonly ratioNow?: number;
}>;
