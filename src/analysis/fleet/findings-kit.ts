/** Building a fleet finding: the workload's identity in the args, evidence with its series. */
import type { FindingCode } from '../../model/codes/index.js';
import type { ArgValue, Evidence, Finding, Severity } from '../../model/finding.js';
import type { WorkloadId } from '../../model/fleet.js';

type Args = Record<string, ArgValue | undefined>;

export function workloadName(id: WorkloadId): string {
  return `${id.kind} ${id.namespace}/${id.name}`;
}

export function make(
  id: WorkloadId,
  code: FindingCode,
  severity: Severity,
  args: Args,
  ev: (Evidence | undefined)[],
): Finding {
  const all: Args = {
    workload: workloadName(id),
    container: id.container,
    cluster: id.cluster,
    ...args,
  };
  return {
    code,
    severity,
    args: Object.fromEntries(Object.entries(all).filter(([, v]) => v !== undefined)) as Record<
      string,
      ArgValue
    >,
    evidence: ev.filter((e): e is Evidence => e !== undefined),
  };
}

export const bytesEv = (what: string, value: number, source: string): Evidence => ({
  what,
  value,
  unit: 'bytes',
  source,
});
