/**
 * GOMEMLIMIT from requests.memory (downward API) on a workload whose requests a
 * VerticalPodAutoscaler sets by evicting or resizing pods (updateMode Auto, Recreate or
 * InPlaceOrRecreate; Auto when unset). The Go heap is allowed to grow to the request, the VPA
 * reads that usage and recommends more (target p90 of peaks + 15%), the new pod gets a larger
 * request and so a larger GOMEMLIMIT, and so on (mercari/tortoise #386). "Initial" only sets
 * requests at creation and "Off" never does.
 */
import { reports } from '../engine.js';
import { fromManifest, k8sFinding, namespaced, type K8sArgs } from './finding.js';
import { bytesOf } from './facts.js';
import { defineK8sRule } from './rule-kit.js';

const MOVING_MODES = new Set(['Auto', 'Recreate', 'InPlaceOrRecreate']);

export const goMemLimitVpaFeedback = defineK8sRule({
  reports: { 'k8s-gomemlimit-vpa-feedback': reports<VpaFeedbackArgs>('warning') },
  applies: { scope: 'go', needs: ['facts'] },
  evaluate: ({ facts }) => {
    const g = facts.gomemlimit;
    const vpa = facts.vpa;
    if (g.kind !== 'downward' || g.resource !== 'requests.memory' || !vpa) return undefined;
    const mode = vpa.updateMode ?? 'Auto';
    if (!MOVING_MODES.has(mode)) return undefined;
    const request = facts.memoryRequest ?? facts.memoryLimit;
    const bytes = bytesOf(request);
    const evidence =
      request && bytes !== undefined
        ? [fromManifest(facts, 'memory request (GOMEMLIMIT)', bytes, request.path, 'bytes')]
        : [];
    const args = { resource: g.resource, vpa: namespaced(vpa), updateMode: mode };
    return k8sFinding(facts, 'k8s-gomemlimit-vpa-feedback', g.env.valuePath, args, evidence);
  },
});

/** `vpa`: "namespace/name"; `updateMode` as written, Auto when unset. */
export type VpaFeedbackArgs = K8sArgs<{
  readonly resource: string;
  readonly vpa: string;
  readonly updateMode: string;
}>;
