/**
 * GOMAXPROCS above the CPU limit: more Ps than CPU quota means CFS throttling and longer GC
 * pauses. Go >= 1.25 already picks max(2, ceil(limit)) by itself (runtime/cgroup_linux.go
 * adjustCgroupGOMAXPROCS), and a set GOMAXPROCS turns that automatic update off.
 */
import { hasFeature } from '../go-versions.js';
import { milliOf } from './facts.js';
import { k8sFinding } from './finding.js';
import { defineK8sRule } from './rule-kit.js';

export const gomaxprocsAboveCpu = defineK8sRule({
  code: 'k8s-gomaxprocs-above-cpu',
  needs: ['facts'],
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
    return k8sFinding(facts, 'k8s-gomaxprocs-above-cpu', 'warning', env.valuePath, {
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
    });
  },
});
