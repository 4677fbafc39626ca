/** Builds a k8s finding that points at one node of the manifest. */
import type { K8sCode } from '../../model/codes/index.js';
import type { ArgValue, Evidence, Finding } from '../../model/finding.js';
import type { Args } from '../engine.js';
import { formatPath, type ObjectPath, type Workload } from '../../model/k8s.js';
import type { ContainerFacts, GoBinaryFacts } from './facts.js';
import { quantityBytes as bytesOfQuantity, quantityMilliValue } from '../../model/k8s-quantity.js';

export type K8sFinding = Finding<K8sCode>;

/** What every k8s finding's args hold besides its own: where in which workload. */
export type K8sArgs<A extends Args> = {
  /** "Deployment shop/api" */
  readonly workload: string;
  readonly container: string;
  /** "spec.template.spec.containers[0].env[1].value" */
  readonly path: string;
} & A;

/** A finding of `code` at `path` of the container's workload; the rule says its evidence. */
export function k8sFinding<C extends K8sCode, A extends Args>(
  facts: ContainerFacts,
  code: C,
  path: ObjectPath,
  own: A,
  evidence: readonly Evidence[],
) {
  const { workload, container } = facts;
  const object = workload.object;
  const pos = object.locate(path);
  const args: K8sArgs<A> = {
    workload: workloadName(workload),
    container: container.name,
    path: formatPath([...object.base, ...path]),
    ...own,
  };
  const location = { file: object.file, line: pos?.line, column: pos?.column };
  return { code, args, evidence, location };
}

/** "namespace/name", or the bare name of an object without a namespace. */
export function namespaced(o: { readonly namespace?: string; readonly name: string }): string {
  return `${o.namespace ? o.namespace + '/' : ''}${o.name}`;
}

/** "Deployment shop/api": how findings and summaries name a workload. */
export function workloadName(w: Workload): string {
  return `${w.kind} ${namespaced(w)}`;
}

/** Where a finding about a variable the container does not set points: its env, or itself. */
export function envListPath(facts: ContainerFacts): ObjectPath {
  const c = facts.container;
  return c.env.size > 0 ? [...c.path, 'env'] : c.path;
}

/** Evidence for a value read from the manifest. */
export function fromManifest(
  facts: ContainerFacts,
  what: string,
  value: ArgValue,
  path: ObjectPath,
  unit?: Evidence['unit'],
): Evidence {
  const object = facts.workload.object;
  const pos = object.locate(path);
  const where = pos ? `${object.file}:${pos.line}:${pos.column}` : object.file;
  return { what, value, unit, source: `${where} ${formatPath([...object.base, ...path])}` };
}

/** The memory limit behind a finding, when the container has one. */
export function memoryLimitEvidence(facts: ContainerFacts): Evidence[] {
  const limit = facts.memoryLimit;
  const bytes = limit ? bytesOfQuantity(limit.quantity) : undefined;
  return limit && bytes !== undefined
    ? [fromManifest(facts, 'memory limit', bytes, limit.path, 'bytes')]
    : [];
}

/** The Go version of the container's binary, read from its image (--inspect-images). */
export function binaryEvidence(binary: GoBinaryFacts): Evidence {
  return { what: 'Go version of the binary', value: binary.version.text, source: binary.source };
}

/** The CPU limit behind a finding, when the container has one. */
export function cpuLimitEvidence(facts: ContainerFacts): Evidence[] {
  const cpu = facts.cpuLimit;
  if (!cpu) return [];
  const millis = Number(quantityMilliValue(cpu.quantity));
  return [fromManifest(facts, 'CPU limit (millicores)', millis, cpu.path, 'count')];
}
