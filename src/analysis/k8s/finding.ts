/** Builds a k8s finding that points at one node of the manifest. */
import type { K8sCode } from '../../model/codes/index.js';
import type { ArgValue, Evidence, Finding, Severity } from '../../model/finding.js';
import { formatPath, type ObjectPath } from '../../model/k8s.js';
import type { ContainerFacts } from './facts.js';

export type K8sFinding = Finding<K8sCode>;

export function k8sFinding(
  facts: ContainerFacts,
  code: K8sCode,
  severity: Severity,
  path: ObjectPath,
  args: Record<string, ArgValue>,
  evidence: Evidence[] = [],
): K8sFinding {
  const { workload, container } = facts;
  const object = workload.object;
  const pos = object.locate(path);
  const fullPath = formatPath([...object.base, ...path]);
  return {
    code,
    severity,
    args: {
      workload: `${workload.kind} ${workload.namespace ? workload.namespace + '/' : ''}${workload.name}`,
      container: container.name,
      path: fullPath,
      ...args,
    },
    evidence,
    location: { file: object.file, line: pos?.line, column: pos?.column },
  };
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
