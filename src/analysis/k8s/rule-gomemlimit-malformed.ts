/**
 * A GOMEMLIMIT Go refuses: the program exits at start-up with "malformed GOMEMLIMIT"
 * (runtime/mgcpacer.go readGOMEMLIMIT, runtime/string.go parseByteCount). The hint spells what
 * was meant in Go's syntax ("1GB" is 953.7 MiB: "953MiB"), lowered to `ratio` of the memory
 * limit when it would be above it.
 */
import { capGoMemLimit, type MeantQuantity } from '../../model/gomemlimit.js';
import { reports } from '../engine.js';
import { bytesOf, type ContainerFacts } from './facts.js';
import { k8sFinding, memoryLimitEvidence, type K8sArgs } from './finding.js';
import { defineK8sRule } from './rule-kit.js';

/** What was meant, in Go's spelling (capped at `ratio` of the memory limit when it is known). */
type HintArgs = {
  readonly hint?: string;
  readonly meantBytes?: number;
  /** Decimal units ("480M") were converted to Go's binary ones. */
  readonly converted?: boolean;
  readonly hintCapped?: boolean;
  readonly limit?: string;
  readonly ratio?: number;
};

export const goMemLimitMalformed = defineK8sRule({
  reports: { 'k8s-gomemlimit-malformed': reports<GoMemLimitMalformedArgs>('error') },
  applies: { scope: 'go', needs: ['facts'] },
  evaluate: ({ facts }) => {
    const g = facts.gomemlimit;
    if (g.kind !== 'literal' || g.parsed.kind !== 'malformed') return undefined;
    const args = {
      value: g.text,
      ...(g.parsed.reason ? { reason: g.parsed.reason } : {}),
      ...(g.env.resolvedFrom ? { from: g.env.resolvedFrom } : {}),
      ...(g.parsed.meant ? hintArgs(g.parsed.meant, facts) : {}),
    };
    const evidence = memoryLimitEvidence(facts);
    return k8sFinding(facts, 'k8s-gomemlimit-malformed', g.env.valuePath, args, evidence);
  },
});

/** The Go spelling of what was meant, never above `ratio` of the memory limit. */
function hintArgs(meant: MeantQuantity, facts: ContainerFacts): HintArgs {
  const base = { hint: meant.hint, meantBytes: meant.bytes, converted: meant.converted };
  const limit = bytesOf(facts.memoryLimit);
  if (limit === undefined || !facts.memoryLimit) return base;
  const capped = capGoMemLimit(meant.hint, limit * facts.options.ratio);
  return {
    ...base,
    hint: capped.value,
    hintCapped: capped.capped,
    limit: facts.memoryLimit.quantity.text,
    ratio: facts.options.ratio,
  };
}

/** `reason`: why Go refuses the value; `from`: the ConfigMap or Secret it came from. */
export type GoMemLimitMalformedArgs = K8sArgs<
  HintArgs & { readonly value: string; readonly reason?: string; readonly from?: string }
>;
