/**
 * A Go runtime variable whose env `value` Kubernetes tooling does not read as a string: an
 * unquoted `off`, `on`, `yes` (booleans in YAML 1.1, which kubectl and Helm use through
 * sigs.k8s.io/yaml), a number (`1073741824`, `1e3`, `1_000`) or null. The API server refuses it
 * ("cannot unmarshal bool into ... EnvVar.value of type string"); a typed decoder turns
 * `GOGC: off` into "false", which Go ignores (GC stays on at GOGC=100).
 */
import { GO_RUNTIME_ENV } from '../../model/k8s.js';
import { yaml11Type } from '../../model/yaml11.js';
import { k8sFinding, type K8sFinding } from './finding.js';
import { getPath } from './inventory.js';
import { defineK8sRule } from './rule-kit.js';

export const envValueNotString = defineK8sRule({
  code: 'k8s-env-value-not-string',
  needs: ['facts'],
  evaluate: ({ facts }) => {
    const out: K8sFinding[] = [];
    const object = facts.workload.object;
    for (const name of GO_RUNTIME_ENV) {
      const env = facts.container.env.get(name);
      if (!env || env.resolvedFrom || env.source.kind !== 'literal' || env.path.includes('envFrom'))
        continue;
      const path = [...env.path, 'value'];
      const raw = getPath(object.value, path);
      const plain = object.plainScalar?.(path);
      const readAs =
        raw === undefined
          ? undefined
          : typeof raw !== 'string'
            ? jsonType(raw)
            : plain !== undefined
              ? yaml11Type(plain)
              : 'string';
      if (readAs === undefined || readAs === 'string') continue;
      out.push(
        k8sFinding(facts, 'k8s-env-value-not-string', 'error', path, {
          variable: name,
          value: plain ?? String(raw),
          readAs,
        }),
      );
    }
    return out;
  },
});

function jsonType(raw: unknown): string {
  if (raw === null) return 'null';
  return typeof raw === 'boolean' ? 'bool' : typeof raw === 'number' ? 'number' : typeof raw;
}
