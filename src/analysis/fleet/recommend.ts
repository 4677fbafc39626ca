/**
 * The joint recommendation: GOGC, GOMEMLIMIT, limit and request sized together from the Go
 * runtime's own numbers instead of the working set, which with GOMEMLIMIT set grows toward
 * GOMEMLIMIT by design (the GC collects only as much as the limit asks).
 *
 * 1. GOGC from a GC CPU budget. GC cost per cycle follows the live heap and GC frequency is
 *    allocation rate / (live heap x GOGC/100) (go.dev/doc/gc-guide, "Understanding costs"), so at
 *    a fixed live heap and allocation rate the GC's CPU share scales as 1/GOGC: the measured
 *    share s at the GOGC the GC ran at gives g = g_ran x s / budget (kept within 50-400);
 *    g_ran is GOGC, or lower while GOMEMLIMIT held the goal down (peak NextGC / peak live - 1).
 * 2. The Go peak: live heap x (1 + GOGC/100) (the GOGC heap goal, runtime/mgcpacer.go) plus
 *    the runtime's memory beside the heap (stacks, GC metadata: Sys - HeapSys).
 * 3. GOMEMLIMIT at least 5% above that peak, so it backs up the GOGC goal on spikes instead of
 *    pacing every cycle (a limit at the live heap makes the GC run continuously).
 * 4. The limit holds GOMEMLIMIT plus the memory it does not count (non-Go) with the 10%
 *    headroom Go's GC guide asks for; GOMEMLIMIT is then advised from that limit the same way
 *    `diagnose` and `k8s fix` advise it (analysis/gomemlimit-advice.ts).
 * 5. The request is the Go peak plus non-Go memory: what the workload needs at its GOGC goal.
 */
import type {
  FleetRecommendation,
  FleetVerdict,
  ReasonStep,
  WorkloadMeasures,
} from '../../model/fleet.js';
import { MiB } from '../../model/units.js';
import { adviseGoMemLimit, HEADROOM_SHARE } from '../gomemlimit-advice.js';
import { KRR_BUFFER } from './krr.js';

export interface RecommendOptions {
  /** Largest share of the process's CPU the GC may use (default 0.1). */
  readonly gcCpuBudget: number;
}

export const GOGC_MIN = 50;
export const GOGC_MAX = 400;
export const SPIKE_MARGIN = 0.05;
const OOM_BUMP = 1.2;

const upMiB = (b: number) => Math.ceil(b / MiB) * MiB;
const step = (name: string, args: ReasonStep['args']): ReasonStep => ({ step: name, args });

export function recommend(
  m: WorkloadMeasures,
  v: FleetVerdict,
  o: RecommendOptions,
): FleetRecommendation {
  const live = m.peakLiveHeap;
  if (!live) return fromWorkingSet(m);
  const steps: ReasonStep[] = [step('live-heap', { bytes: live.value, source: live.source })];
  const gogc = chooseGogc(m, o, steps);
  const heapPeak = live.value * (1 + gogc / 100);
  const overhead = m.runtimeOverhead?.value ?? Math.max(8 * MiB, 0.05 * heapPeak);
  steps.push(
    step('go-peak', {
      heapPeak,
      overhead,
      assumed: !m.runtimeOverhead,
      bytes: heapPeak + overhead,
      gogc,
    }),
  );
  const goPeak = heapPeak + overhead;
  const gomemlimitFloor = goPeak * (1 + SPIKE_MARGIN);
  steps.push(step('gomemlimit-floor', { bytes: gomemlimitFloor, margin: SPIKE_MARGIN }));
  const nonGo = m.nonGo?.value ?? 0;
  steps.push(
    step('non-go', {
      bytes: nonGo,
      measured: !!m.nonGo,
      source: m.nonGo?.source ?? 'not measured',
    }),
  );
  let limit = upMiB((gomemlimitFloor + nonGo) / (1 - HEADROOM_SHARE));
  steps.push(step('limit', { bytes: limit, headroom: HEADROOM_SHARE }));
  limit = oomFloor(m, limit, steps);
  const advice = adviseGoMemLimit(limit, {
    nonGo: m.nonGo ? { bytes: nonGo } : undefined,
    liveHeap: { bytes: live.value },
  });
  steps.push(
    step('gomemlimit', { text: advice.recommended, bytes: advice.recommendedBytes, limit }),
  );
  const request = Math.min(limit, upMiB(goPeak + nonGo));
  steps.push(step('request', { bytes: request }));
  gcFrequency(m, live.value, gogc, steps);
  if (v.kind === 'leak') steps.push(step('leak', { etaSec: v.etaSec ?? -1 }));
  return {
    limitBytes: limit,
    requestBytes: request,
    gomemlimit: advice.recommended,
    gomemlimitBytes: advice.recommendedBytes,
    gogc,
    basis: 'model',
    steps,
  };
}

function chooseGogc(m: WorkloadMeasures, o: RecommendOptions, steps: ReasonStep[]): number {
  const current = m.gogc?.value;
  const g0 = current !== undefined && current > 0 ? current : 100;
  const share = m.gcCpu?.value;
  if (share === undefined || share <= 0 || current === undefined || current <= 0) {
    steps.push(
      step('gogc', {
        gogc: g0,
        reason: current === undefined || current <= 0 ? 'default' : 'current',
        budget: o.gcCpuBudget,
      }),
    );
    return g0;
  }
  // The share was measured at the GOGC the GC ran at, lower than g0 while GOMEMLIMIT bound.
  const ran = Math.min(g0, m.effectiveGogc ?? g0);
  const wanted = (ran * share) / o.gcCpuBudget;
  const gogc = Math.min(GOGC_MAX, Math.max(GOGC_MIN, Math.ceil(wanted / 10) * 10));
  steps.push(
    step('gogc', {
      gogc,
      reason: 'budget',
      measuredShare: share,
      of: m.gcCpu!.of,
      currentGogc: g0,
      ranAt: ran,
      budget: o.gcCpuBudget,
      wanted: Math.round(wanted),
    }),
  );
  return gogc;
}

/** After OOM kills the limit grows at least 20% over the one that was killed (as VPA bumps). */
function oomFloor(m: WorkloadMeasures, limit: number, steps: ReasonStep[]): number {
  const killed = m.limit?.value;
  if (m.oomKills.value === 0 || killed === undefined || limit >= killed * OOM_BUMP) return limit;
  const raised = upMiB(killed * OOM_BUMP);
  steps.push(step('oom-floor', { bytes: raised, killedAt: killed, oomKills: m.oomKills.value }));
  return raised;
}

function gcFrequency(m: WorkloadMeasures, live: number, gogc: number, steps: ReasonStep[]): void {
  const rate = m.allocRate?.value;
  if (rate === undefined || live <= 0) return;
  steps.push(
    step('gc-frequency', { perMinute: (60 * rate) / (live * (gogc / 100)), allocRate: rate }),
  );
}

/** Without Go runtime series: the working set, as KRR sizes it, with GOMEMLIMIT under it. */
function fromWorkingSet(m: WorkloadMeasures): FleetRecommendation {
  const max = m.workingSet.max;
  if (max === undefined)
    return {
      limitBytes: 0,
      requestBytes: 0,
      gomemlimit: '',
      gomemlimitBytes: 0,
      gogc: 100,
      basis: 'none',
      steps: [step('no-data', {})],
    };
  const limit = upMiB(max * (1 + KRR_BUFFER));
  const advice = adviseGoMemLimit(limit, { nonGo: m.nonGo ? { bytes: m.nonGo.value } : undefined });
  const gogc = m.gogc && m.gogc.value > 0 ? m.gogc.value : 100;
  return {
    limitBytes: limit,
    requestBytes: Math.min(limit, upMiB(m.workingSet.p99 ?? max)),
    gomemlimit: advice.recommended,
    gomemlimitBytes: advice.recommendedBytes,
    gogc,
    basis: 'working-set',
    steps: [step('working-set', { max, buffer: KRR_BUFFER, bytes: limit })],
  };
}
