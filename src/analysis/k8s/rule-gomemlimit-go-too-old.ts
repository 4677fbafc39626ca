/**
 * GOMEMLIMIT on a binary built with Go older than 1.19: the variable arrived in Go 1.19
 * (go.dev/doc/go1.19#runtime, runtime/debug.SetMemoryLimit); an older runtime never reads it,
 * so the soft limit the manifest promises does not exist. Needs the binary's version.
 */
import { reports } from '../engine.js';
import { binaryEvidence, k8sFinding, type K8sArgs } from './finding.js';
import { defineK8sRule } from './rule-kit.js';

export const goMemLimitGoTooOld = defineK8sRule({
  reports: { 'k8s-gomemlimit-go-too-old': reports<GoMemLimitGoTooOldArgs>('error') },
  applies: { scope: 'go', needs: ['facts', 'binary'] },
  evaluate: ({ facts, binary }) => {
    const g = facts.gomemlimit;
    if (g.kind !== 'ignored') return undefined;
    const s = g.env.source;
    const value =
      s.kind === 'literal' ? s.value : s.kind === 'resourceFieldRef' ? s.resource : s.kind;
    const args = { value, goVersion: g.goVersion };
    return k8sFinding(facts, 'k8s-gomemlimit-go-too-old', g.env.valuePath, args, [
      binaryEvidence(binary),
    ]);
  },
});

/** `value`: the literal, the downward-API resource, or where the value comes from. */
export type GoMemLimitGoTooOldArgs = K8sArgs<{
  readonly value: string;
  readonly goVersion: string;
}>;
