/**
 * A literal GOMEMLIMIT on a workload whose memory a VerticalPodAutoscaler moves: the VPA
 * changes the limit, the literal stays (traefik-helm #1796). Shrunk below GOMEMLIMIT the pod is
 * OOM-killed; grown, the extra memory is never used by the heap.
 */
import { k8sFinding } from './finding.js';
import { defineK8sRule } from './rule-kit.js';

export const goMemLimitVpaFrozen = defineK8sRule({
  code: 'k8s-gomemlimit-vpa-frozen',
  needs: ['facts'],
  evaluate: ({ facts }) => {
    const g = facts.gomemlimit;
    if (g.kind !== 'literal' || g.parsed.kind !== 'bytes' || !facts.vpa) return undefined;
    const vpa = facts.vpa;
    return k8sFinding(facts, 'k8s-gomemlimit-vpa-frozen', 'warning', g.env.valuePath, {
      value: g.text,
      vpa: `${vpa.namespace ? vpa.namespace + '/' : ''}${vpa.name}`,
    });
  },
});
