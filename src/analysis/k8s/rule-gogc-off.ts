/**
 * GOGC=off (or negative: runtime/mgcpacer.go readGOGC) without GOMEMLIMIT: the GC never runs,
 * the heap only grows until the cgroup OOM-kills the container. With GOMEMLIMIT it is a valid
 * setup (GC only when the limit is near).
 */
import type { EnvVar } from '../../model/k8s.js';
import { reports } from '../engine.js';
import { k8sFinding, memoryLimitEvidence, type K8sArgs } from './finding.js';
import { defineK8sRule } from './rule-kit.js';

export const gogcOffWithoutLimit = defineK8sRule({
  reports: { 'k8s-gogc-off-without-gomemlimit': reports<GogcOffArgs>('error') },
  applies: { scope: 'go', needs: ['facts'] },
  evaluate: ({ facts }) => {
    const gogc = facts.container.env.get('GOGC');
    if (!gogc || !gcOff(gogc)) return undefined;
    const g = facts.gomemlimit;
    // 'ignored': a GOMEMLIMIT that a Go older than 1.19 never reads brings nothing back either.
    const noLimit =
      g.kind === 'absent' ||
      g.kind === 'ignored' ||
      (g.kind === 'literal' && g.parsed.kind === 'off');
    if (!noLimit || (g.kind === 'absent' && facts.container.unresolvedEnvFrom.length > 0))
      return undefined;
    const value = gogc.source.kind === 'literal' ? gogc.source.value : '';
    const evidence = memoryLimitEvidence(facts);
    return k8sFinding(
      facts,
      'k8s-gogc-off-without-gomemlimit',
      gogc.valuePath,
      { value },
      evidence,
    );
  },
});

/** readGOGC: "off", or an integer that ParseInt reads as negative. */
function gcOff(env: EnvVar): boolean {
  if (env.source.kind !== 'literal') return false;
  const v = env.source.value;
  return v === 'off' || (/^[+-]?[0-9]+$/.test(v) && Number(v) < 0 && Number(v) >= -(2 ** 31));
}

export type GogcOffArgs = K8sArgs<{ readonly value: string }>;
