/** Renders generated VerticalPodAutoscalers as YAML documents, with their notes as comments. */
import { Document } from 'yaml';
import type { VpaSpec } from '../analysis/k8s/vpa-gen.js';
import { MiB } from '../model/units.js';

export function renderVpaYaml(specs: readonly VpaSpec[]): string {
  return specs.map(renderOne).join('---\n');
}

function renderOne(spec: VpaSpec): string {
  const containerPolicies = spec.policies.map((p) => ({
    containerName: p.containerName,
    controlledResources: ['cpu', 'memory'],
    ...(p.minAllowedMemoryBytes
      ? { minAllowed: { memory: `${Math.ceil(p.minAllowedMemoryBytes / MiB)}Mi` } }
      : {}),
  }));
  const value = {
    apiVersion: 'autoscaling.k8s.io/v1',
    kind: 'VerticalPodAutoscaler',
    metadata: { name: spec.name, ...(spec.namespace ? { namespace: spec.namespace } : {}) },
    spec: {
      targetRef: spec.targetRef,
      updatePolicy: { updateMode: spec.updateMode },
      ...(containerPolicies.length ? { resourcePolicy: { containerPolicies } } : {}),
    },
  };
  const doc = new Document(value);
  doc.commentBefore = spec.notes.map((n) => ` ${n}`).join('\n');
  const policies = doc.getIn(['spec', 'resourcePolicy', 'containerPolicies']) as
    { items?: { commentBefore?: string }[] } | undefined;
  spec.policies.forEach((p, i) => {
    const item = policies?.items?.[i];
    if (item) item.commentBefore = ` ${p.note}`;
  });
  return doc.toString();
}
