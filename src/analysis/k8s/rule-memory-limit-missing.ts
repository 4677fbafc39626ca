/**
 * A Go container without a memory limit: nothing bounds it but the node, GOMEMLIMIT has nothing
 * to be sized from, and a downward-API GOMEMLIMIT then reads the node's allocatable memory.
 */
import { k8sFinding } from './finding.js';
import { defineK8sRule } from './rule-kit.js';

export const memoryLimitMissing = defineK8sRule({
  code: 'k8s-memory-limit-missing',
  needs: ['facts'],
  evaluate: ({ facts }) => {
    const { container } = facts;
    if (container.resources.memoryLimit !== undefined) return undefined;
    const path = [...container.path, 'resources'];
    return k8sFinding(facts, 'k8s-memory-limit-missing', 'warning', path, {
      go: container.go.reason,
    });
  },
});
