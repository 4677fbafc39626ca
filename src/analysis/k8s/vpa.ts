/**
 * VerticalPodAutoscaler (autoscaling.k8s.io/v1): which workload it targets and whether it moves
 * that workload's memory. updateMode "Off" only recommends; a container policy with mode "Off"
 * or controlledResources without "memory" leaves that container's memory alone.
 */
import { isRecord } from '../../formats/k8s-manifest.js';
import type { VpaTarget, Workload } from '../../model/k8s.js';
import { getPath, nameOf, namespaceOf } from './inventory.js';

export function readVpa(value: Record<string, unknown>): VpaTarget | undefined {
  const target = getPath(value, ['spec', 'targetRef']);
  if (!isRecord(target) || typeof target.kind !== 'string' || typeof target.name !== 'string')
    return undefined;
  const mode = getPath(value, ['spec', 'updatePolicy', 'updateMode']);
  const policies = getPath(value, ['spec', 'resourcePolicy', 'containerPolicies']);
  const memoryPolicy = new Map<string, boolean>();
  if (Array.isArray(policies)) {
    for (const p of policies) {
      if (!isRecord(p) || typeof p.containerName !== 'string') continue;
      const resources = p.controlledResources;
      const noMemory = Array.isArray(resources) && !resources.includes('memory');
      memoryPolicy.set(p.containerName, !(p.mode === 'Off' || noMemory));
    }
  }
  return {
    name: nameOf(value),
    namespace: namespaceOf(value),
    targetKind: target.kind,
    targetName: target.name,
    updates: mode !== 'Off',
    updateMode: typeof mode === 'string' ? mode : undefined,
    memoryPolicy,
  };
}

/** The VPA that moves this container's memory, if any (same kind, name and namespace). */
export function vpaControlling(
  vpas: readonly VpaTarget[],
  workload: Workload,
  container: string,
): VpaTarget | undefined {
  return vpas.find(
    (v) =>
      v.updates &&
      v.targetKind === workload.kind &&
      v.targetName === workload.name &&
      sameNamespace(v.namespace, workload.namespace) &&
      !excluded(v, container),
  );
}

/** A container's own policy wins over the "*" default policy. */
function excluded(v: VpaTarget, container: string): boolean {
  const controls = v.memoryPolicy.get(container) ?? v.memoryPolicy.get('*') ?? true;
  return !controls;
}

/** An unset namespace is whatever namespace the input is applied to: it matches any. */
function sameNamespace(a: string, b: string): boolean {
  return a === '' || b === '' || a === b;
}
