/**
 * A Go runtime variable whose env `value` Kubernetes tooling does not read as a string: an
 * unquoted `off`, `on`, `yes` (booleans in YAML 1.1, which kubectl and Helm use through
 * sigs.k8s.io/yaml), a number (`1073741824`, `1e3`, `1_000`) or null. The API server refuses it
 * ("cannot unmarshal bool into ... EnvVar.value of type string"); a typed decoder turns
 * `GOGC: off` into "false", which Go ignores (GC stays on at GOGC=100).
 */
import { GO_RUNTIME_ENV, type ObjectPath } from '../../model/k8s.js';
import { yaml11Type } from '../../model/yaml11.js';
import type { ContainerFacts } from './facts.js';
import { reports } from '../engine.js';
import { k8sFinding, type K8sArgs } from './finding.js';
import { getPath } from './inventory.js';
import { defineK8sRule } from './rule-kit.js';

export interface UnquotedSetting {
  readonly variable: string;
  readonly envPath: ObjectPath;
  readonly valuePath: ObjectPath;
  /** The text as written (the value meant). */
  readonly text: string;
  readonly readAs: string;
}

/** Go runtime variables of the container whose literal value is not a string to Kubernetes. */
export function unquotedSettings(facts: ContainerFacts): UnquotedSetting[] {
  const out: UnquotedSetting[] = [];
  const object = facts.workload.object;
  for (const name of GO_RUNTIME_ENV) {
    const env = facts.container.env.get(name);
    if (!env || env.resolvedFrom || env.source.kind !== 'literal' || env.path.includes('envFrom'))
      continue;
    const valuePath = [...env.path, 'value'];
    const raw = getPath(object.value, valuePath);
    const plain = object.plainScalar?.(valuePath);
    if (raw === undefined) continue;
    const readAs =
      typeof raw !== 'string' ? jsonType(raw) : plain !== undefined ? yaml11Type(plain) : 'string';
    if (readAs === 'string') continue;
    out.push({ variable: name, envPath: env.path, valuePath, text: plain ?? String(raw), readAs });
  }
  return out;
}

export const envValueNotString = defineK8sRule({
  reports: { 'k8s-env-value-not-string': reports<EnvValueNotStringArgs>('error') },
  applies: { scope: 'go', needs: ['facts'] },
  evaluate: ({ facts }) =>
    unquotedSettings(facts).map((u) =>
      k8sFinding(
        facts,
        'k8s-env-value-not-string',
        u.valuePath,
        { variable: u.variable, value: u.text, readAs: u.readAs },
        [],
      ),
    ),
});

function jsonType(raw: unknown): string {
  if (raw === null) return 'null';
  return typeof raw === 'boolean' ? 'bool' : typeof raw === 'number' ? 'number' : typeof raw;
}

/** `readAs`: what Kubernetes reads the value as (bool, number, null, ...). */
export type EnvValueNotStringArgs = K8sArgs<{
  readonly variable: string;
  readonly value: string;
  readonly readAs: string;
}>;
