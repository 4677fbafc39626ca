/**
 * GOMEMLIMIT against the container's memory limit. At or above the limit it never acts before
 * the cgroup OOM-kills the process (it also does not cover non-heap memory the cgroup counts:
 * binary mappings, cgo, page cache). Far below the limit the GC runs much more than needed.
 * Go's GC guide advises 5-10% headroom; the band is --min-ratio/--max-ratio (0.5-0.95).
 */
import { formatGoMemLimit } from '../../model/gomemlimit.js';
import { bytesOf, goMemLimitBytes, type ContainerFacts } from './facts.js';
import { reports } from '../engine.js';
import { fromManifest, k8sFinding, type K8sArgs } from './finding.js';
import { defineK8sRule } from './rule-kit.js';

export const goMemLimitAboveLimit = defineK8sRule({
  reports: { 'k8s-gomemlimit-above-limit': reports<GoMemLimitRatioArgs>('error') },
  applies: { scope: 'go', needs: ['facts'] },
  evaluate: ({ facts }) => {
    const r = ratioOf(facts);
    return r && r.ratio >= 1 ? finding(facts, 'k8s-gomemlimit-above-limit', r) : undefined;
  },
});

export const goMemLimitRatio = defineK8sRule({
  reports: { 'k8s-gomemlimit-ratio': reports<GoMemLimitRatioArgs>('warning') },
  applies: { scope: 'go', needs: ['facts'] },
  evaluate: ({ facts }) => {
    const r = ratioOf(facts);
    const { minRatio, maxRatio } = facts.options;
    if (!r || r.ratio >= 1 || (r.ratio >= minRatio && r.ratio <= maxRatio)) return undefined;
    return finding(facts, 'k8s-gomemlimit-ratio', r);
  },
});

interface Ratio {
  readonly goBytes: number;
  readonly limitBytes: number;
  readonly ratio: number;
}

/** Literal values, and downward-API requests.memory (a copy of the request, in bytes). */
function ratioOf(facts: ContainerFacts): Ratio | undefined {
  const g = facts.gomemlimit;
  const counted =
    g.kind === 'literal' ||
    (g.kind === 'downward' && g.resource === 'requests.memory' && g.divisor === 1n);
  const goBytes = counted ? goMemLimitBytes(g) : undefined;
  const limitBytes = bytesOf(facts.memoryLimit);
  if (goBytes === undefined || limitBytes === undefined || limitBytes <= 0) return undefined;
  return { goBytes, limitBytes, ratio: goBytes / limitBytes };
}

function finding<C extends 'k8s-gomemlimit-above-limit' | 'k8s-gomemlimit-ratio'>(
  facts: ContainerFacts,
  code: C,
  r: Ratio,
) {
  const g = facts.gomemlimit;
  const env = g.kind === 'literal' || g.kind === 'downward' ? g.env : undefined;
  const path = env?.valuePath ?? facts.container.path;
  const { minRatio, maxRatio, ratio } = facts.options;
  const evidence = [
    fromManifest(facts, 'memory limit', r.limitBytes, facts.memoryLimit!.path, 'bytes'),
  ];
  return k8sFinding(
    facts,
    code,
    path,
    {
      gomemlimit: g.kind === 'literal' ? g.text : `${r.goBytes}`,
      gomemlimitBytes: r.goBytes,
      limit: facts.memoryLimit!.quantity.text,
      limitBytes: r.limitBytes,
      ratio: Math.round(r.ratio * 1000) / 1000,
      minRatio,
      maxRatio,
      suggested: formatGoMemLimit(r.limitBytes * ratio),
      ...(env?.resolvedFrom ? { from: env.resolvedFrom } : {}),
    },
    evidence,
  );
}

/** GOMEMLIMIT against the memory limit; `suggested` at the preferred `ratio` (the --ratio flag). */
export type GoMemLimitRatioArgs = K8sArgs<{
  readonly gomemlimit: string;
  readonly gomemlimitBytes: number;
  readonly limit: string;
  readonly limitBytes: number;
  readonly ratio: number;
  readonly minRatio: number;
  readonly maxRatio: number;
  readonly suggested: string;
  /** The ConfigMap or Secret GOMEMLIMIT came from. */
  readonly from?: string;
}>;
