/**
 * A CPU limit, no GOMAXPROCS, and a binary older than Go 1.25: before 1.25 the runtime sets
 * GOMAXPROCS to the CPUs the node lets the process run on, not to the cgroup CPU limit
 * (go.dev/doc/go1.25#container-aware-gomaxprocs, golang/go#73193). A 1-CPU container on a
 * 32-CPU node runs 32 Ps: CFS throttling, and the GC's 25% background workers alone ask for 8
 * CPUs. Go >= 1.25 picks max(2, ceil(limit)) by itself (runtime/cgroup_linux.go). Needs the
 * version.
 */
import { hasFeature } from '../go-versions.js';
import { reports } from '../engine.js';
import { milliOf } from './facts.js';
import { binaryEvidence, k8sFinding, type K8sArgs } from './finding.js';
import { defineK8sRule } from './rule-kit.js';

export const gomaxprocsNotContainerAware = defineK8sRule({
  reports: {
    'k8s-gomaxprocs-not-container-aware': reports<NotContainerAwareArgs>('warning'),
  },
  applies: { scope: 'go', needs: ['facts', 'binary'] },
  evaluate: ({ facts, binary }) => {
    const milli = milliOf(facts.cpuLimit);
    if (milli === undefined || milli <= 0 || !facts.cpuLimit) return undefined;
    if (facts.container.env.has('GOMAXPROCS')) return undefined;
    if (hasFeature(binary.version, 'containerAwareGomaxprocs')) return undefined;
    const args = {
      goVersion: binary.version.text,
      cpuLimit: facts.cpuLimit.quantity.text,
      cpuLimitMillis: milli,
      suggested: Math.max(2, Math.ceil(milli / 1000)),
    };
    return k8sFinding(facts, 'k8s-gomaxprocs-not-container-aware', facts.cpuLimit.path, args, [
      binaryEvidence(binary),
    ]);
  },
});

/** `suggested`: what Go >= 1.25 would pick (the CPU limit rounded up, at least 2). */
export type NotContainerAwareArgs = K8sArgs<{
  readonly goVersion: string;
  readonly cpuLimit: string;
  readonly cpuLimitMillis: number;
  readonly suggested: number;
}>;
