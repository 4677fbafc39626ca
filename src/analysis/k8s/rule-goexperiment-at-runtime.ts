/**
 * GOEXPERIMENT in a container's environment. It is a build setting: the toolchain reads it when
 * it compiles (internal/buildcfg), the compiled program never does, so `GOEXPERIMENT=
 * nogreenteagc` in a Deployment does not turn off Go 1.26's Green Tea GC, nor does
 * `greenteagc` turn it on for Go 1.25 (go.dev/doc/go1.26#new-garbage-collector). With the image
 * read, the finding says which collector the binary really runs (go-gc.ts).
 */
import { garbageCollectorOf } from '../go-gc.js';
import { k8sFinding } from './finding.js';
import { defineK8sRule } from './rule-kit.js';

export const goexperimentAtRuntime = defineK8sRule({
  code: 'k8s-goexperiment-at-runtime',
  needs: ['facts'],
  evaluate: ({ facts }) => {
    const env = facts.container.env.get('GOEXPERIMENT');
    if (!env || env.source.kind !== 'literal') return undefined;
    const b = facts.binary;
    const known = b
      ? {
          goVersion: b.version.text,
          collector: garbageCollectorOf(b.version, b.goexperiment),
          ...(b.goexperiment ? { buildGoexperiment: b.goexperiment } : {}),
        }
      : {};
    const evidence = b
      ? [{ what: 'Go version of the binary', value: b.version.text, source: b.source }]
      : [];
    return k8sFinding(
      facts,
      'k8s-goexperiment-at-runtime',
      'warning',
      env.valuePath,
      { value: env.source.value, ...known },
      evidence,
    );
  },
});
