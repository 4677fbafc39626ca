/**
 * GOMEMLIMIT from the downward API (resourceFieldRef). With limits.memory and no divisor Go gets
 * 100% of the limit: no headroom, so the cgroup OOM-kills before the GC reacts (cilium #27958).
 * With a divisor (e.g. 1Mi) the kubelet writes ceil(limit / divisor) as a bare number ("512"),
 * which Go reads as BYTES: the GC then runs almost continuously.
 */
import { formatGoMemLimit } from '../../model/gomemlimit.js';
import { bytesOf } from './facts.js';
import { reports } from '../engine.js';
import { k8sFinding, memoryLimitEvidence, type K8sArgs } from './finding.js';
import { defineK8sRule } from './rule-kit.js';

export const goMemLimitDownwardApi = defineK8sRule({
  reports: { 'k8s-gomemlimit-downward-api': reports<DownwardApiArgs>('warning') },
  applies: { scope: 'go', needs: ['facts'] },
  evaluate: ({ facts }) => {
    const g = facts.gomemlimit;
    if (g.kind !== 'downward' || g.resource !== 'limits.memory' || g.divisor !== 1n)
      return undefined;
    const limit = bytesOf(facts.memoryLimit);
    const suggested =
      limit === undefined ? undefined : formatGoMemLimit(limit * facts.options.ratio);
    const args = {
      resource: g.resource,
      ...(suggested ? { suggested, ratio: facts.options.ratio } : {}),
    };
    const evidence = memoryLimitEvidence(facts);
    return k8sFinding(facts, 'k8s-gomemlimit-downward-api', g.env.valuePath, args, evidence);
  },
});

export const goMemLimitDivisor = defineK8sRule({
  reports: { 'k8s-gomemlimit-divisor': reports<DivisorArgs>('error') },
  applies: { scope: 'go', needs: ['facts'] },
  evaluate: ({ facts }) => {
    const g = facts.gomemlimit;
    if (g.kind !== 'downward' || !g.resource.endsWith('.memory') || g.divisor === 1n)
      return undefined;
    const source = g.env.source;
    const divisor = source.kind === 'resourceFieldRef' ? (source.divisor ?? '1') : '';
    const path = [...g.env.valuePath, 'divisor'];
    const args = {
      resource: g.resource,
      divisor,
      ...(g.goSees !== undefined ? { goSees: g.goSees.toString() } : {}),
    };
    return k8sFinding(facts, 'k8s-gomemlimit-divisor', path, args, memoryLimitEvidence(facts));
  },
});

/** `suggested` and `ratio` only when the memory limit is known. */
export type DownwardApiArgs = K8sArgs<{
  readonly resource: string;
  readonly suggested?: string;
  readonly ratio?: number;
}>;

/** `goSees`: the number Go reads, in bytes, when the request or limit is known. */
export type DivisorArgs = K8sArgs<{
  readonly resource: string;
  readonly divisor: string;
  readonly goSees?: string;
}>;
