/**
 * GOMAXPROCS above the CPU limit: more Ps than CPU quota means CFS throttling and longer GC
 * pauses. Go >= 1.25 already picks max(2, ceil(limit)) by itself (runtime/cgroup_linux.go
 * adjustCgroupGOMAXPROCS), and a set GOMAXPROCS turns that automatic update off.
 */
import { hasFeature } from '../go-versions.js';
import { literalEnv, milliOf } from './facts.js';
import { reports } from '../engine.js';
import { cpuLimitEvidence, k8sFinding, type K8sArgs } from './finding.js';
import { defineK8sRule } from './rule-kit.js';

export const gomaxprocsAboveCpu = defineK8sRule({
  reports: { 'k8s-gomaxprocs-above-cpu': reports<GomaxprocsAboveCpuArgs>('warning') },
  applies: { scope: 'go', needs: ['facts'] },
  evaluate: ({ facts }) => {
    const set = literalEnv(facts, 'GOMAXPROCS');
    const milli = milliOf(facts.cpuLimit);
    if (!set || milli === undefined || milli <= 0) return undefined;
    // runtime/proc.go: strconv.ParseInt(GOMAXPROCS, 10, 32), used when > 0.
    if (!/^[+]?[0-9]+$/.test(set.value)) return undefined;
    const procs = Number(set.value);
    const goDefault = Math.max(2, Math.ceil(milli / 1000));
    if (procs <= 0 || procs <= goDefault) return undefined;
    const args = {
      gomaxprocs: procs,
      cpuLimit: facts.cpuLimit!.quantity.text,
      cpuLimitMillis: milli,
      suggested: goDefault,
      // With the image read: does this Go derive GOMAXPROCS from the limit by itself?
      ...(facts.binary
        ? {
            goVersion: facts.binary.version.text,
            containerAware: hasFeature(facts.binary.version, 'containerAwareGomaxprocs'),
          }
        : {}),
    };
    return k8sFinding(
      facts,
      'k8s-gomaxprocs-above-cpu',
      set.env.valuePath,
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
  /** Only when the image was read: the binary's Go, and whether it sizes GOMAXPROCS itself. */
  readonly goVersion?: string;
  readonly containerAware?: boolean;
}>;
