/**
 * GOMEMLIMIT from the downward API (resourceFieldRef). With limits.memory and no divisor Go gets
 * 100% of the limit: no headroom, so the cgroup OOM-kills before the GC reacts (cilium #27958).
 * With a divisor (e.g. 1Mi) the kubelet writes ceil(limit / divisor) as a bare number ("512"),
 * which Go reads as BYTES: the GC then runs almost continuously.
 */
import { formatGoMemLimit } from '../../model/gomemlimit.js';
import { bytesOf } from './facts.js';
import { k8sFinding } from './finding.js';
import { defineK8sRule } from './rule-kit.js';

export const goMemLimitDownwardApi = defineK8sRule({
  code: 'k8s-gomemlimit-downward-api',
  needs: ['facts'],
  evaluate: ({ facts }) => {
    const g = facts.gomemlimit;
    if (g.kind !== 'downward' || g.resource !== 'limits.memory' || g.divisor !== 1n)
      return undefined;
    const limit = bytesOf(facts.memoryLimit);
    const suggested =
      limit === undefined ? undefined : formatGoMemLimit(limit * facts.options.ratio);
    return k8sFinding(facts, 'k8s-gomemlimit-downward-api', 'warning', g.env.valuePath, {
      resource: g.resource,
      ...(suggested ? { suggested, ratio: facts.options.ratio } : {}),
    });
  },
});

export const goMemLimitDivisor = defineK8sRule({
  code: 'k8s-gomemlimit-divisor',
  needs: ['facts'],
  evaluate: ({ facts }) => {
    const g = facts.gomemlimit;
    if (g.kind !== 'downward' || !g.resource.endsWith('.memory') || g.divisor === 1n)
      return undefined;
    const source = g.env.source;
    const divisor = source.kind === 'resourceFieldRef' ? (source.divisor ?? '1') : '';
    const path = [...g.env.valuePath, 'divisor'];
    return k8sFinding(facts, 'k8s-gomemlimit-divisor', 'error', path, {
      resource: g.resource,
      divisor,
      ...(g.goSees !== undefined ? { goSees: g.goSees.toString() } : {}),
    });
  },
});
