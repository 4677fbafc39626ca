/**
 * A Go container without a memory limit: nothing bounds it but the node, GOMEMLIMIT has nothing
 * to be sized from, and a downward-API GOMEMLIMIT then reads the node's allocatable memory.
 */
import { reports } from '../engine.js';
import { k8sFinding, type K8sArgs } from './finding.js';
import { defineK8sRule } from './rule-kit.js';

export const memoryLimitMissing = defineK8sRule({
  reports: { 'k8s-memory-limit-missing': reports<MemoryLimitMissingArgs>('warning') },
  applies: { scope: 'any-process', needs: ['facts'] },
  evaluate: ({ facts }) => {
    const { container } = facts;
    if (container.resources.memoryLimit !== undefined) return undefined;
    const path = [...container.path, 'resources'];
    return k8sFinding(facts, 'k8s-memory-limit-missing', path, { go: container.go.reason }, []);
  },
});

/** `go`: why the container counts as Go (the image, a GO* variable, ...). */
export type MemoryLimitMissingArgs = K8sArgs<{ readonly go: string }>;
