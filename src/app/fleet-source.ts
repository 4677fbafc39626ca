/**
 * One source's namespaces and its summary: the namespace list from the label index (capped),
 * and, after the batches, which families of series the source does not have at all.
 */
import type { FleetWorkload } from '../model/fleet.js';
import { NAMESPACE_SOURCES, type Family } from '../analysis/fleet/queries.js';
import type { PromClient } from '../sources/prometheus-api.js';
import type { BatchOutcome } from './fleet-batch.js';

export const FAMILY_HINT: Record<Family, string> = {
  cadvisor:
    'no cAdvisor series (container_memory_working_set_bytes): no working set, verdicts or KRR/VPA',
  ksm: 'no kube-state-metrics series: owners guessed from pod names; no requests, restart-based OOM counts or HPAs',
  go: 'no client_golang series (go_info)',
  gomemlens: 'no gomemlens exporter series',
};

/** A source that cannot be read at all: a line in the report, not the end of the run. */
export class SourceError extends Error {}

/** More namespaces than any cluster has: refused rather than followed. */
export const MAX_NAMESPACES = 20_000;

export async function listNamespaces(
  client: PromClient,
  endSec: number,
  windowMs: number,
): Promise<string[]> {
  const match = `{__name__=~"${NAMESPACE_SOURCES.join('|')}"}`;
  const a = await client.labelValues('namespace', match, endSec - windowMs / 1000, endSec);
  if (!a.ok) throw new SourceError(`cannot list namespaces: ${a.reason}`);
  const names = a.value.filter((n) => n !== '');
  // Each batch of namespaces costs a dozen queries: an answer with more namespaces than any
  // cluster has is refused rather than followed (give --namespace to choose).
  if (names.length > MAX_NAMESPACES)
    throw new SourceError(
      `lists ${names.length} namespaces, more than ${MAX_NAMESPACES}: give --namespace`,
    );
  return names.sort();
}

export interface SourceOutcome {
  readonly workloads: FleetWorkload[];
  readonly nonGoContainers: number;
  readonly missing: string[];
  readonly absent: string[];
}

export function summarize(outcomes: readonly BatchOutcome[], namespaces: number): SourceOutcome {
  const families = new Set(outcomes.flatMap((b) => [...b.families]));
  const absent: string[] = [];
  if (namespaces === 0) absent.push('no namespaces with container or Go series in the window');
  else
    for (const f of ['cadvisor', 'ksm', 'go', 'gomemlens'] as const)
      if (!families.has(f)) absent.push(FAMILY_HINT[f]);
  return {
    workloads: outcomes.flatMap((b) => b.workloads),
    nonGoContainers: outcomes.reduce((n, b) => n + b.nonGoContainers, 0),
    missing: outcomes.flatMap((b) => b.missing),
    absent,
  };
}
