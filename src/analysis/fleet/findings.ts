/**
 * A workload's findings, with the codes `diagnose` and `k8s lint` use for the same mistakes,
 * judged on measurements over the window instead of one moment or one manifest: GOMEMLIMIT
 * missing, at or above the limit, too close to it given the measured non-Go memory, left
 * behind by a resize, GOGC=off without it, OOM kills; and an HPA that scales a Go workload on
 * memory. The recommendation in the args is the one diagnose gives (gomemlimit-advice.ts).
 */
import type { Finding } from '../../model/finding.js';
import type { WorkloadId, WorkloadMeasures } from '../../model/fleet.js';
import { adviceArgs, CEILING_SHARE } from '../gomemlimit-advice.js';
import { gogcOff, hpa, malformed, oomKilled, stale } from './findings-more.js';
import { bytesEv, make } from './findings-kit.js';
import { hasFeature, parseGoVersion } from '../go-versions.js';

export { workloadName } from './findings-kit.js';

export function fleetFindings(id: WorkloadId, m: WorkloadMeasures): Finding[] {
  const out: (Finding | undefined)[] = [
    gomemlimitRules(id, m),
    malformed(id, m),
    stale(id, m),
    gogcOff(id, m),
    oomKilled(id, m),
    hpa(id, m),
  ];
  return out.filter((f): f is Finding => f !== undefined);
}

/** The measurements the GOMEMLIMIT advice uses. */
export function advice(m: WorkloadMeasures, limit: number) {
  return adviceArgs(limit, {
    nonGo: m.nonGo ? { bytes: m.nonGo.value } : undefined,
    liveHeap: m.peakLiveHeap ? { bytes: m.peakLiveHeap.value } : undefined,
  });
}

function gomemlimitRules(id: WorkloadId, m: WorkloadMeasures): Finding | undefined {
  const g = m.gomemlimit;
  const limit = m.limit;
  if (!g || !limit) return undefined;
  const limitEv = bytesEv('memory limit', limit.value, limit.source);
  const nonGoEv = m.nonGo
    ? bytesEv('memory GOMEMLIMIT does not cover', m.nonGo.value, m.nonGo.source)
    : undefined;
  if (g.value === 'off') {
    const v = m.goVersion ? parseGoVersion(m.goVersion) : undefined;
    return make(
      id,
      'gomemlimit-unset',
      'warning',
      {
        limit: limit.value,
        ...advice(m, limit.value),
        explicitOff: false,
        confirmedByRuntime: true,
        goVersion: v?.text,
        goSupportsLimit: v ? hasFeature(v, 'gomemlimit') : undefined,
      },
      [
        limitEv,
        { what: 'GOMEMLIMIT in force', value: 'none (math.MaxInt64)', source: g.source },
        nonGoEv,
      ],
    );
  }
  const gEv = bytesEv('GOMEMLIMIT in force', g.value, g.source);
  if (g.value >= limit.value)
    return make(
      id,
      'gomemlimit-above-limit',
      'error',
      { gomemlimit: g.value, limit: limit.value, ...advice(m, limit.value) },
      [gEv, limitEv],
    );
  const nonGo = m.nonGo?.value ?? 0;
  const ceiling = Math.floor(limit.value * CEILING_SHARE);
  if (g.value + nonGo <= ceiling) return undefined;
  return make(
    id,
    'gomemlimit-too-close',
    'warning',
    {
      gomemlimit: g.value,
      limit: limit.value,
      headroomBytes: limit.value - g.value - nonGo,
      ceilingBytes: ceiling,
      ...advice(m, limit.value),
    },
    [gEv, limitEv, nonGoEv],
  );
}
