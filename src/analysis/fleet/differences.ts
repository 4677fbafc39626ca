/**
 * Why the joint recommendation differs from KRR's and the VPA's on the same series, as
 * reasons with numbers (the report words them). Both size from the working set alone, which
 * for Go is the heap at the GC's goal, not what the program needs: with GOMEMLIMIT set the GC
 * lets the heap grow toward the limit, so the working set follows the setting it would size
 * (and the VPA's OOM bump ratchets when GOMEMLIMIT follows the request: mercari/tortoise#386).
 * Neither sets GOMEMLIMIT or GOGC, so a limit they change leaves GOMEMLIMIT behind
 * (traefik-helm-chart#1796).
 */
import type {
  FleetRecommendation,
  FleetVerdict,
  ReasonStep,
  ReferenceRecommendation,
  WorkloadMeasures,
} from '../../model/fleet.js';

const r = (step: string, args: ReasonStep['args'] = {}): ReasonStep => ({ step, args });

export function differences(
  m: WorkloadMeasures,
  ours: FleetRecommendation,
  krr: ReferenceRecommendation,
  vpa: ReferenceRecommendation,
  v: FleetVerdict,
): ReasonStep[] {
  const out: ReasonStep[] = [];
  if (v.kind === 'leak') out.push(r('leak', { etaSec: v.etaSec ?? -1 }));
  if (krr.undefinedReason) out.push(r('krr-undefined', { reason: krr.undefinedReason }));
  const ws = m.workingSet.max;
  const g = m.gomemlimit?.value;
  if (krr.limitBytes !== undefined && ws !== undefined && ours.basis === 'model') {
    const needed = ours.requestBytes;
    if (m.oomKills.value > 0 || ws <= needed * 1.1) {
      // cut by the kills (below), or close to the need
    } else if (m.gogc && m.gogc.value < 0)
      out.push(r('working-set-gogc-off', { workingSetMax: ws, needed }));
    else if (typeof g === 'number')
      out.push(r('working-set-follows-gomemlimit', { workingSetMax: ws, gomemlimit: g, needed }));
    else out.push(r('working-set-above-need', { workingSetMax: ws, needed }));
  }
  if (m.oomKills.value > 0 && ws !== undefined)
    out.push(r('working-set-cut-by-oom', { oomKills: m.oomKills.value, workingSetMax: ws }));
  if (vpa.notes.some((n) => n.startsWith('OOM bump')) && typeof g === 'number' && m.request)
    out.push(r('vpa-oom-ratchet', { request: m.request.value, gomemlimit: g }));
  out.push(r('reference-sets-no-go-settings', { gomemlimit: ours.gomemlimit, gogc: ours.gogc }));
  return out;
}
