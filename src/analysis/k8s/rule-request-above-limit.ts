/** requests above limits: the API server rejects the pod ("must be less than or equal to ... limit"). */
import { compareQuantities } from '../../model/k8s-quantity.js';
import type { Amount } from './facts.js';
import { reports, type Draft } from '../engine.js';
import { k8sFinding, type K8sArgs } from './finding.js';
import { defineK8sRule } from './rule-kit.js';

export const requestAboveLimit = defineK8sRule({
  reports: { 'k8s-request-above-limit': reports<RequestAboveLimitArgs>('error') },
  applies: { scope: 'any-process', needs: ['facts'] },
  evaluate: ({ facts }) => {
    const out: Draft<{ 'k8s-request-above-limit': RequestAboveLimitArgs }>[] = [];
    const check = (resource: string, request?: Amount, limit?: Amount) => {
      if (!request || !limit || compareQuantities(request.quantity, limit.quantity) <= 0) return;
      const args = { resource, request: request.quantity.text, limit: limit.quantity.text };
      out.push(k8sFinding(facts, 'k8s-request-above-limit', request.path, args, []));
    };
    check('memory', facts.memoryRequest, facts.memoryLimit);
    check('cpu', facts.cpuRequest, facts.cpuLimit);
    return out;
  },
});

/** `resource`: memory or cpu; request and limit as written. */
export type RequestAboveLimitArgs = K8sArgs<{
  readonly resource: string;
  readonly request: string;
  readonly limit: string;
}>;
