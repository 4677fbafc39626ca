/**
 * GOMAXPROCS above the CPU limit: more Ps than CPU quota means CFS throttling and longer GC
 * pauses. Go >= 1.25 already picks max(2, ceil(limit)) by itself (runtime/cgroup_linux.go
 * adjustCgroupGOMAXPROCS), and a set GOMAXPROCS turns that automatic update off.
 */
import { milliOf } from './facts.js';
import { reports } from '../engine.js';
import { cpuLimitEvidence, k8sFinding, type K8sArgs } from './finding.js';
import { defineK8sRule } from './rule-kit.js';

export const gomaxprocsAboveCpu = defineK8sRule({
  reports: { 'k8s-gomaxprocs-above-cpu': reports<GomaxprocsAboveCpuArgs>('warning') },
  applies: { scope: 'go', needs: ['facts'] },
  evaluate: ({ facts }) => {
    const env = facts.container.env.get('GOMAXPROCS');
    const milli = milliOf(facts.cpuLimit);
    if (!env || env.source.kind !== 'literal' || milli === undefined || milli <= 0)
      return undefined;
    // runtime/proc.go: strconv.ParseInt(GOMAXPROCS, 10, 32), used when > 0.
    if (!/^[+]?[0-9]+$/.test(env.source.value)) return undefined;
    const procs = Number(env.source.value);
    const goDefault = Math.max(2, Math.ceil(milli / 1000));
    if (procs <= 0 || procs <= goDefault) return undefined;
    const args = {
      gomaxprocs: procs,
      cpuLimit: facts.cpuLimit!.quantity.text,
      cpuLimitMillis: milli,
      suggested: goDefault,
    };
    return k8sFinding(
      facts,
      'k8s-gomaxprocs-above-cpu',
      env.valuePath,
      args,
      cpuLimitEvidence(facts),
    );
  },
});

/** `suggested`: what Go would use (the CPU limit rounded up, at least 2). */
export type GomaxprocsAboveCpuArgs = K8sArgs<{
  readonly gomaxprocs: number;
  readonly cpuLimit: string;
  readonly cpuLimitMillis: number;
  readonly suggested: number;
}>;
