/**
 * What the fleet report must say about a generated workload, computed from the scenario and
 * the generator's truths with the published formulas written out here again (not imported), so
 * a change to the analysis that moves a number fails the test.
 */
import { MiB } from '../../src/model/units.js';
import type { Truth } from './fleet-gen.js';
import type { WorkloadSpec } from './fleet-scenarios.js';

const ceilMiB = (b: number) => Math.ceil(b / MiB) * MiB;

export interface ExpectedRecommendation {
  readonly limitBytes: number;
  readonly requestBytes: number;
  readonly gomemlimitBytes: number;
  readonly gogc: number;
}

/** GOGC from the 10% GC CPU budget; Go peak; GOMEMLIMIT 5% above; limit with 10% headroom. */
export function expectedRecommendation(
  w: WorkloadSpec,
  t: Truth,
  budget = 0.1,
): ExpectedRecommendation {
  const go = w.go!;
  const current = go.gogc;
  // GOGC comes from go_gc_gogc_percent (client_golang >= 1.20) or the exporter.
  const known = go.modern || go.exporter;
  let gogc = known && current > 0 ? current : 100;
  if (go.gcShare !== undefined && known && current > 0)
    gogc = Math.min(400, Math.max(50, Math.ceil((current * go.gcShare) / budget / 10) * 10));
  const heapPeak = t.maxLive * (1 + gogc / 100);
  const overhead = go.noClientGolang
    ? Math.max(8 * MiB, 0.05 * heapPeak)
    : (go.overhead ?? 12 * MiB);
  const goPeak = heapPeak + overhead;
  const n = w.nonGo;
  let limit = ceilMiB((goPeak * 1.05 + n) / 0.9);
  if (t.oomKills > 0 && limit < 1.2 * w.limit!) limit = ceilMiB(1.2 * w.limit!);
  const gomemlimit = Math.floor(Math.min(0.9 * limit - n, 0.95 * limit) / MiB) * MiB;
  return {
    limitBytes: limit,
    requestBytes: Math.min(limit, ceilMiB(goPeak + n)),
    gomemlimitBytes: gomemlimit,
    gogc,
  };
}

/** KRR simple: the highest working set x 1.15 (robusta_krr/strategies/simple.py). */
export function expectedKrr(t: Truth): number {
  return t.maxWs * 1.15;
}
