/** A GOMEMLIMIT Go refuses: the program exits at start-up with "malformed GOMEMLIMIT". */
import { k8sFinding } from './finding.js';
import { defineK8sRule } from './rule-kit.js';

export const goMemLimitMalformed = defineK8sRule({
  code: 'k8s-gomemlimit-malformed',
  needs: ['facts'],
  evaluate: ({ facts }) => {
    const g = facts.gomemlimit;
    if (g.kind !== 'literal' || g.parsed.kind !== 'malformed') return undefined;
    const args: Record<string, string> = { value: g.text };
    if (g.parsed.hint) args.hint = g.parsed.hint;
    if (g.env.resolvedFrom) args.from = g.env.resolvedFrom;
    return k8sFinding(facts, 'k8s-gomemlimit-malformed', 'error', g.env.valuePath, args);
  },
});
