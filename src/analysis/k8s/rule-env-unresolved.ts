/**
 * A Go runtime variable read from a ConfigMap or Secret that is not in the input (or from an
 * envFrom source): its value cannot be checked here. Info, so the gap is visible.
 */
import { GO_RUNTIME_ENV } from '../../model/k8s.js';
import { k8sFinding, type K8sFinding } from './finding.js';
import { defineK8sRule } from './rule-kit.js';

export const envUnresolved = defineK8sRule({
  code: 'k8s-env-unresolved',
  needs: ['facts'],
  evaluate: ({ facts }) => {
    const out: K8sFinding[] = [];
    for (const name of GO_RUNTIME_ENV) {
      const env = facts.container.env.get(name);
      const s = env?.source;
      if (!env || !s || (s.kind !== 'configMapKeyRef' && s.kind !== 'secretKeyRef')) continue;
      const what = `${s.kind === 'configMapKeyRef' ? 'ConfigMap' : 'Secret'} ${s.name} key ${s.key}`;
      out.push(
        k8sFinding(facts, 'k8s-env-unresolved', 'info', env.valuePath, {
          variable: name,
          from: what,
        }),
      );
    }
    for (const u of facts.container.unresolvedEnvFrom) {
      out.push(
        k8sFinding(facts, 'k8s-env-unresolved', 'info', u.path, {
          variable: 'envFrom',
          from: u.what,
        }),
      );
    }
    return out;
  },
});
