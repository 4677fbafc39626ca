/**
 * GOMEMLIMIT on a binary built with Go older than 1.19: the variable arrived in Go 1.19
 * (go.dev/doc/go1.19#runtime, runtime/debug.SetMemoryLimit); an older runtime never reads it,
 * so the soft limit the manifest promises does not exist. Needs the binary's version.
 */
import { k8sFinding } from './finding.js';
import { defineK8sRule } from './rule-kit.js';

export const goMemLimitGoTooOld = defineK8sRule({
  code: 'k8s-gomemlimit-go-too-old',
  needs: ['facts', 'binary'],
  evaluate: ({ facts, binary }) => {
    const g = facts.gomemlimit;
    if (g.kind !== 'ignored') return undefined;
    const s = g.env.source;
    const value =
      s.kind === 'literal' ? s.value : s.kind === 'resourceFieldRef' ? s.resource : s.kind;
    return k8sFinding(
      facts,
      'k8s-gomemlimit-go-too-old',
      'error',
      g.env.valuePath,
      { value, goVersion: g.goVersion },
      [{ what: 'Go version of the binary', value: binary.version.text, source: binary.source }],
    );
  },
});
