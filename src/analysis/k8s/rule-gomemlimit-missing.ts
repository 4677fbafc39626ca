/**
 * A Go container with a memory limit but no GOMEMLIMIT (or GOMEMLIMIT=off): Go does not read the
 * cgroup limit (no release does; golang/go #75164), so the GC paces on GOGC alone and the heap
 * may grow into the limit and be OOM-killed.
 */
import { formatGoMemLimit } from '../../model/gomemlimit.js';
import { hasFeature } from '../go-versions.js';
import { bytesOf } from './facts.js';
import { reports } from '../engine.js';
import { envListPath, k8sFinding, memoryLimitEvidence, type K8sArgs } from './finding.js';
import { defineK8sRule } from './rule-kit.js';

export const goMemLimitMissing = defineK8sRule({
  reports: { 'k8s-gomemlimit-missing': reports<GoMemLimitMissingArgs>('warning') },
  applies: { scope: 'go', needs: ['facts'] },
  evaluate: ({ facts }) => {
    const { gomemlimit: g, container } = facts;
    const limit = bytesOf(facts.memoryLimit);
    if (limit === undefined || !facts.memoryLimit) return undefined;
    const off = g.kind === 'literal' && g.parsed.kind === 'off';
    if (g.kind !== 'absent' && !off) return undefined;
    if (g.kind === 'absent' && container.unresolvedEnvFrom.length > 0) return undefined; // may come from there
    const path = off ? g.env.valuePath : envListPath(facts);
    const suggested = formatGoMemLimit(limit * facts.options.ratio);
    // A binary older than Go 1.19 has no GOMEMLIMIT to set: the fix is a newer Go first.
    const old = facts.binary && !hasFeature(facts.binary.version, 'gomemlimit');
    const args = {
      limit: facts.memoryLimit.quantity.text,
      limitBytes: limit,
      off,
      ...(off && g.kind === 'literal' ? { value: g.text } : {}),
      suggested,
      ratio: facts.options.ratio,
      ...(old ? { goVersion: facts.binary!.version.text, unsupported: true } : {}),
    };
    return k8sFinding(facts, 'k8s-gomemlimit-missing', path, args, memoryLimitEvidence(facts));
  },
});

/** `off`: GOMEMLIMIT=off is written (its text in `value`); `suggested` at `ratio` of the limit. */
export type GoMemLimitMissingArgs = K8sArgs<{
  readonly limit: string;
  readonly limitBytes: number;
  readonly off: boolean;
  readonly value?: string;
  readonly suggested: string;
  readonly ratio: number;
  /** The image was read and its Go (`goVersion`) is older than 1.19: no GOMEMLIMIT at all. */
  readonly goVersion?: string;
  readonly unsupported?: boolean;
}>;
