/**
 * A GOMEMLIMIT Go refuses: the program exits at start-up with "malformed GOMEMLIMIT"
 * (runtime/mgcpacer.go readGOMEMLIMIT, runtime/string.go parseByteCount). The hint spells what
 * was meant in Go's syntax ("1GB" is 953.7 MiB: "953MiB"), lowered to `ratio` of the memory
 * limit when it would be above it.
 */
import { capGoMemLimit, type MeantQuantity } from '../../model/gomemlimit.js';
import type { ArgValue } from '../../model/finding.js';
import { bytesOf, type ContainerFacts } from './facts.js';
import { k8sFinding } from './finding.js';
import { defineK8sRule } from './rule-kit.js';

export const goMemLimitMalformed = defineK8sRule({
  code: 'k8s-gomemlimit-malformed',
  needs: ['facts'],
  evaluate: ({ facts }) => {
    const g = facts.gomemlimit;
    if (g.kind !== 'literal' || g.parsed.kind !== 'malformed') return undefined;
    const args: Record<string, ArgValue> = { value: g.text };
    if (g.parsed.reason) args.reason = g.parsed.reason;
    if (g.env.resolvedFrom) args.from = g.env.resolvedFrom;
    if (g.parsed.meant) Object.assign(args, hintArgs(g.parsed.meant, facts));
    return k8sFinding(facts, 'k8s-gomemlimit-malformed', 'error', g.env.valuePath, args);
  },
});

/** The Go spelling of what was meant, never above `ratio` of the memory limit. */
function hintArgs(meant: MeantQuantity, facts: ContainerFacts): Record<string, ArgValue> {
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
