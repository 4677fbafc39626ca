/**
 * `k8s gen vpa`: a VerticalPodAutoscaler for a workload with Go-aware bounds. The VPA scales
 * requests and, keeping their proportion, limits. A literal GOMEMLIMIT does not move with it,
 * so each Go container with one gets minAllowed memory such that the limit the VPA sets stays
 * at or above GOMEMLIMIT / maxRatio (headroom kept). Notes say how to keep GOMEMLIMIT in step.
 */
import { goMemLimitBytes, containerFacts, bytesOf, type LintOptions } from './facts.js';
import type { Workload } from '../../model/k8s.js';
import { MiB } from '../../model/units.js';

export interface VpaContainerPolicy {
  readonly containerName: string;
  readonly minAllowedMemoryBytes?: number;
  readonly note: string;
}

export interface VpaSpec {
  readonly name: string;
  readonly namespace: string;
  readonly targetRef: { readonly apiVersion: string; readonly kind: string; readonly name: string };
  readonly updateMode: string;
  readonly policies: readonly VpaContainerPolicy[];
  readonly notes: readonly string[];
}

export function vpaFor(workload: Workload, options: LintOptions, updateMode: string): VpaSpec {
  const policies = workload.containers
    .filter((c) => !c.init && c.go.isGo)
    .map((c) => policyFor(workload, c, options));
  const apiVersion = String(workload.object.value.apiVersion ?? 'apps/v1');
  const notes = [
    'GOMEMLIMIT must follow the memory limit the VPA sets. Derive it at start-up from the',
    `cgroup limit at a ratio (about ${options.ratio}; the gomemlens agent refreshes it after an in-place`,
    'resize), or keep it literal: minAllowed below keeps every limit above GOMEMLIMIT.',
  ];
  return {
    name: `${workload.name || 'workload'}-vpa`,
    namespace: workload.namespace,
    targetRef: { apiVersion, kind: workload.kind, name: workload.name },
    updateMode,
    policies,
    notes,
  };
}

function policyFor(
  workload: Workload,
  container: Workload['containers'][number],
  options: LintOptions,
): VpaContainerPolicy {
  const facts = containerFacts(workload, container, [], options);
  const g = facts.gomemlimit;
  const literal = g.kind === 'literal' ? goMemLimitBytes(g) : undefined;
  const limit = bytesOf(facts.memoryLimit);
  const request = bytesOf(facts.memoryRequest) ?? limit;
  if (literal === undefined || literal <= 0) {
    return {
      containerName: container.name,
      note: 'no valid literal GOMEMLIMIT: no Go-specific floor',
    };
  }
  // The VPA keeps limit/request: limit = recommendation * proportion.
  const proportion = limit !== undefined && request ? limit / request : 1;
  const floor = Math.ceil(literal / (options.maxRatio * proportion) / MiB) * MiB;
  return {
    containerName: container.name,
    minAllowedMemoryBytes: floor,
    note: `GOMEMLIMIT ${g.kind === 'literal' ? g.text : ''} stays fixed: limit must stay >= GOMEMLIMIT / ${options.maxRatio}`,
  };
}
