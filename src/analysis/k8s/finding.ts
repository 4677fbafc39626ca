/** Builds a k8s finding that points at one node of the manifest. */
import type { K8sCode } from '../../model/codes/index.js';
import type { ArgValue, Evidence, Finding, Severity } from '../../model/finding.js';
import { formatPath, type ObjectPath } from '../../model/k8s.js';
import type { ContainerFacts } from './facts.js';
import { quantityBytes as bytesOfQuantity, quantityMilliValue } from '../../model/k8s-quantity.js';

export type K8sFinding = Finding<K8sCode>;

export function k8sFinding(
  facts: ContainerFacts,
  code: K8sCode,
  severity: Severity,
  path: ObjectPath,
  args: Record<string, ArgValue>,
  evidence: Evidence[] = defaultEvidence(facts, code),
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

/** The memory limit behind a finding, when the container has one. */
export function memoryLimitEvidence(facts: ContainerFacts): Evidence[] {
  const limit = facts.memoryLimit;
  const bytes = limit ? bytesOfQuantity(limit.quantity) : undefined;
  return limit && bytes !== undefined
    ? [fromManifest(facts, 'memory limit', bytes, limit.path, 'bytes')]
    : [];
}

/** Codes whose numbers are read against the memory limit. */
const MEMORY_LIMIT_CODES: ReadonlySet<K8sCode> = new Set<K8sCode>([
  'k8s-gomemlimit-missing',
  'k8s-gomemlimit-malformed',
  'k8s-gomemlimit-above-limit',
  'k8s-gomemlimit-ratio',
  'k8s-gomemlimit-downward-api',
  'k8s-gomemlimit-divisor',
  'k8s-gomemlimit-vpa-frozen',
  'k8s-gogc-off-without-gomemlimit',
]);

function defaultEvidence(facts: ContainerFacts, code: K8sCode): Evidence[] {
  if (MEMORY_LIMIT_CODES.has(code)) return memoryLimitEvidence(facts);
  const cpu = facts.cpuLimit;
  if (code === 'k8s-gomaxprocs-above-cpu' && cpu) {
    return [
      fromManifest(
        facts,
        'CPU limit (millicores)',
        Number(quantityMilliValue(cpu.quantity)),
        cpu.path,
        'count',
      ),
    ];
  }
  return [];
}
