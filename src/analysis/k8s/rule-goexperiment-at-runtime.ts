/**
 * GOEXPERIMENT in a container's environment. It is a build setting: the toolchain reads it when
 * it compiles (internal/buildcfg), the compiled program never does, so `GOEXPERIMENT=
 * nogreenteagc` in a Deployment does not turn off Go 1.26's Green Tea GC, nor does
 * `greenteagc` turn it on for Go 1.25 (go.dev/doc/go1.26#new-garbage-collector). With the image
 * read, the finding says which collector the binary really runs (go-gc.ts).
 */
import { garbageCollectorOf, type GarbageCollector } from '../go-gc.js';
import { reports } from '../engine.js';
import { literalEnv } from './facts.js';
import { binaryEvidence, k8sFinding, type K8sArgs } from './finding.js';
import { defineK8sRule } from './rule-kit.js';

export const goexperimentAtRuntime = defineK8sRule({
  reports: { 'k8s-goexperiment-at-runtime': reports<GoexperimentArgs>('warning') },
  applies: { scope: 'go', needs: ['facts'] },
  evaluate: ({ facts }) => {
    const set = literalEnv(facts, 'GOEXPERIMENT');
    if (!set) return undefined;
    const b = facts.binary;
    const known = b
      ? {
          goVersion: b.version.text,
          collector: garbageCollectorOf(b.version, b.goexperiment),
          ...(b.goexperiment ? { buildGoexperiment: b.goexperiment } : {}),
        }
      : {};
    const args = { value: set.value, ...known };
    const evidence = b ? [binaryEvidence(b)] : [];
    return k8sFinding(facts, 'k8s-goexperiment-at-runtime', set.env.valuePath, args, evidence);
  },
});

/** With the image read: the binary's Go, the collector it runs, the GOEXPERIMENT it was built with. */
export type GoexperimentArgs = K8sArgs<{
  readonly value: string;
  readonly goVersion?: string;
  readonly collector?: GarbageCollector;
  readonly buildGoexperiment?: string;
}>;
