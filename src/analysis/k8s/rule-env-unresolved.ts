/**
 * A Go runtime variable read from a ConfigMap or Secret that is not in the input (or from an
 * envFrom source): its value cannot be checked here. Info, so the gap is visible.
 */
import { GO_RUNTIME_ENV } from '../../model/k8s.js';
import { reports, type Draft } from '../engine.js';
import { k8sFinding, type K8sArgs } from './finding.js';
import { defineK8sRule } from './rule-kit.js';

export const envUnresolved = defineK8sRule({
  reports: { 'k8s-env-unresolved': reports<EnvUnresolvedArgs>('info') },
  applies: { scope: 'go', needs: ['facts'] },
  evaluate: ({ facts }) => {
    const out: Draft<{ 'k8s-env-unresolved': EnvUnresolvedArgs }>[] = [];
    for (const name of GO_RUNTIME_ENV) {
      const env = facts.container.env.get(name);
      const s = env?.source;
      if (!env || !s || (s.kind !== 'configMapKeyRef' && s.kind !== 'secretKeyRef')) continue;
      const what = `${s.kind === 'configMapKeyRef' ? 'ConfigMap' : 'Secret'} ${s.name} key ${s.key}`;
      out.push(
        k8sFinding(facts, 'k8s-env-unresolved', env.valuePath, { variable: name, from: what }, []),
      );
    }
    for (const u of facts.container.unresolvedEnvFrom) {
      out.push(
        k8sFinding(facts, 'k8s-env-unresolved', u.path, { variable: 'envFrom', from: u.what }, []),
      );
    }
    return out;
  },
});

/** `from`: "ConfigMap NAME key KEY", "Secret ..." or the envFrom source not found. */
export type EnvUnresolvedArgs = K8sArgs<{ readonly variable: string; readonly from: string }>;
