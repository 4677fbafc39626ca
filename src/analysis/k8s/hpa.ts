/**
 * HorizontalPodAutoscaler: which workload it scales and on which memory metrics.
 * autoscaling/v2 (and v2beta2): metrics[].resource|containerResource.target
 * {type: Utilization, averageUtilization} or {type: AverageValue, averageValue};
 * autoscaling/v2beta1: resource.targetAverageUtilization | targetAverageValue.
 * autoscaling/v1 scales on CPU only. Utilization is usage / requests, averaged over the pods
 * (kubernetes/pkg/controller/podautoscaler/metrics/utilization.go).
 */
import { isRecord } from '../../formats/k8s-manifest.js';
import type {
  HpaMemoryMetric,
  HpaTarget,
  ManifestObject,
  ObjectPath,
  Workload,
} from '../../model/k8s.js';
import { getPath, nameOf, namespaceOf } from './inventory.js';

export function readHpa(object: ManifestObject): HpaTarget | undefined {
  const value = object.value;
  const target = getPath(value, ['spec', 'scaleTargetRef']);
  if (!isRecord(target) || typeof target.kind !== 'string' || typeof target.name !== 'string')
    return undefined;
  const metrics = getPath(value, ['spec', 'metrics']);
  const memory: HpaMemoryMetric[] = [];
  if (Array.isArray(metrics)) {
    metrics.forEach((m, i) => {
      const found = memoryMetric(m, ['spec', 'metrics', i]);
      if (found) memory.push(found);
    });
  }
  const max = getPath(value, ['spec', 'maxReplicas']);
  return {
    object,
    name: nameOf(value),
    namespace: namespaceOf(value),
    targetKind: target.kind,
    targetName: target.name,
    maxReplicas: typeof max === 'number' ? max : undefined,
    memory,
  };
}

function memoryMetric(m: unknown, path: ObjectPath): HpaMemoryMetric | undefined {
  if (!isRecord(m)) return undefined;
  const field = m.type === 'ContainerResource' ? 'containerResource' : 'resource';
  const source = m[field];
  if (!isRecord(source) || source.name !== 'memory') return undefined;
  const container = field === 'containerResource' ? String(source.container ?? '') : undefined;
  const at = [...path, field];
  const t = source.target;
  if (isRecord(t)) {
    if (typeof t.averageUtilization === 'number')
      return metric(container, 'Utilization', t.averageUtilization, undefined, [
        ...at,
        'target',
        'averageUtilization',
      ]);
    if (t.averageValue !== undefined)
      return metric(container, 'AverageValue', undefined, String(t.averageValue), [
        ...at,
        'target',
        'averageValue',
      ]);
    return undefined;
  }
  // autoscaling/v2beta1
  if (typeof source.targetAverageUtilization === 'number')
    return metric(container, 'Utilization', source.targetAverageUtilization, undefined, [
      ...at,
      'targetAverageUtilization',
    ]);
  if (source.targetAverageValue !== undefined)
    return metric(container, 'AverageValue', undefined, String(source.targetAverageValue), [
      ...at,
      'targetAverageValue',
    ]);
  return undefined;
}

function metric(
  container: string | undefined,
  type: HpaMemoryMetric['type'],
  utilization: number | undefined,
  averageValue: string | undefined,
  path: ObjectPath,
): HpaMemoryMetric {
  return { container, type, utilization, averageValue, path };
}

/** The HPAs that scale this workload on a memory metric that reads this container. */
export function hpasScaling(
  hpas: readonly HpaTarget[],
  workload: Workload,
  container: string,
): { hpa: HpaTarget; metric: HpaMemoryMetric }[] {
  const out: { hpa: HpaTarget; metric: HpaMemoryMetric }[] = [];
  for (const hpa of hpas) {
    if (hpa.targetKind !== workload.kind || hpa.targetName !== workload.name) continue;
    if (hpa.namespace !== '' && workload.namespace !== '' && hpa.namespace !== workload.namespace)
      continue;
    for (const m of hpa.memory)
      if (m.container === undefined || m.container === container) out.push({ hpa, metric: m });
  }
  return out;
}
