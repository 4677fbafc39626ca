/** Renders generated HorizontalPodAutoscalers as YAML documents, with their notes as comments. */
import { Document } from 'yaml';
import type { HpaSpec } from '../analysis/k8s/hpa-gen.js';

export function renderHpaYaml(specs: readonly HpaSpec[]): string {
  return specs.map(renderOne).join('---\n');
}

function renderOne(spec: HpaSpec): string {
  const m = spec.metric;
  const metric =
    m.kind === 'cpu'
      ? {
          type: 'Resource',
          resource: {
            name: 'cpu',
            target: { type: 'Utilization', averageUtilization: m.utilization },
          },
        }
      : {
          type: 'Pods',
          pods: {
            metric: { name: m.name },
            target: { type: 'AverageValue', averageValue: m.averageValue },
          },
        };
  const value = {
    apiVersion: 'autoscaling/v2',
    kind: 'HorizontalPodAutoscaler',
    metadata: { name: spec.name, ...(spec.namespace ? { namespace: spec.namespace } : {}) },
    spec: {
      scaleTargetRef: spec.targetRef,
      minReplicas: spec.minReplicas,
      maxReplicas: spec.maxReplicas,
      metrics: [metric],
    },
  };
  const doc = new Document(value);
  doc.commentBefore = spec.notes.map((n) => ` ${n}`).join('\n');
  return doc.toString({ lineWidth: 0 });
}
