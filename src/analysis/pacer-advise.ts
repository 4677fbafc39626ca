/**
 * `advise`: the cheapest memory that keeps the GC under a CPU budget, with no OOM kill and no
 * thrashing, when the service allocates and holds more than observed by a margin. Memory is
 * paid as the container's limit, and under load the heap fills what GOMEMLIMIT allows, so:
 *
 * 1. stress: the live heap's and the allocation rate's observed highs (p90), plus the margin;
 * 2. GOMEMLIMIT: the smallest (bisection, to 1 MiB) at which the stressed workload, paced by
 *    the memory limit alone (GOGC=off), keeps the GC CPU share within the budget and does not
 *    thrash. More memory only lowers the share (fewer cycles), so the search is monotone;
 * 3. GOGC: the smallest candidate that keeps both the observed and the stressed workload
 *    within the budget under that GOMEMLIMIT: below the limit the heap then follows the live
 *    heap (memory is returned when it shrinks), and under stress the limit paces the GC;
 * 4. limit: the stressed peak container memory (at least GOMEMLIMIT and what Go does not count)
 *    with a headroom of 5% of the limit (GOMEMLIMIT / limit <= 0.95, what `k8s lint` accepts);
 *    request: the observed peak.
 */
import { MiB } from '../model/units.js';
import type { Calibration } from './gc-calibrate.js';
import { simulate } from './pacer.js';
import type { Prediction, Settings, Workload } from './pacer-model.js';

export interface AdviseOptions {
  /** GC CPU share the service may spend (/cpu/classes/gc/total over GOMAXPROCS x wall). */
  readonly gcCpuBudget: number;
  /** How much more live heap and allocation than observed the advice must hold (0.2 = 20%). */
  readonly margin: number;
  /** Share of the container limit kept above the stressed peak (0.05 = 5%, the GC guide's 5-10%). */
  readonly headroom: number;
}

export const DEFAULT_ADVISE: AdviseOptions = { gcCpuBudget: 0.1, margin: 0.2, headroom: 0.05 };

export const GOGC_CANDIDATES = [25, 50, 75, 100, 150, 200, 300, 400, 600, 800] as const;

export interface Candidate {
  readonly gogc: number | 'off';
  /** At the observed and the stressed workload, under the advised GOMEMLIMIT and limit. */
  readonly observed: Prediction;
  readonly stressed: Prediction;
}

export type Advice =
  | {
      readonly kind: 'advice';
      readonly gogc: number | 'off';
      readonly gomemlimit: number;
      readonly limit: number;
      readonly request: number;
      readonly observed: Prediction;
      readonly stressed: Prediction;
      /** The stressed workload paced by GOMEMLIMIT alone (GOGC=off): what sized the limit. */
      readonly paced: Prediction;
      readonly stressedWorkload: Workload;
      readonly candidates: readonly Candidate[];
      /** The highest candidate GOGC whose heap still fits under GOMEMLIMIT at the observed load. */
      readonly gogcMax: number | 'off';
      readonly options: AdviseOptions;
    }
  /** No memory keeps the GC within the budget (at 64 x the live heap). */
  | { readonly kind: 'impossible'; readonly stressed: Prediction; readonly options: AdviseOptions };

const ceilMiB = (b: number) => Math.ceil(b / MiB) * MiB;
const floorMiB = (b: number) => Math.floor(b / MiB) * MiB;

export function stressedWorkload(cal: Calibration, margin: number): Workload {
  const w = cal.workload;
  const k = 1 + margin;
  return {
    ...w,
    live: Math.max(w.live, cal.spread.live.high) * k,
    allocRate: Math.max(w.allocRate, cal.spread.allocRate.high) * k,
  };
}

export function advise(cal: Calibration, o: AdviseOptions = DEFAULT_ADVISE): Advice {
  const stress = stressedWorkload(cal, o.margin);
  const procs = cal.observed.gomaxprocs;
  const ok = (p: Prediction) => p.gcCpuShare <= o.gcCpuBudget && !p.thrash;
  const run = (w: Workload, s: Settings) => simulate(w, { ...s, gomaxprocs: procs });
  const lo = floorMiB(stress.live * (1 + stress.unusedRatio) + stress.runtimeOverhead);
  const hi = ceilMiB(lo * 64);
  const most = run(stress, { gogc: 'off', gomemlimit: hi });
  if (!ok(most)) return { kind: 'impossible', stressed: most, options: o };
  const gomemlimit = bisect(lo, hi, (g) => ok(run(stress, { gogc: 'off', gomemlimit: g })));
  const paced = run(stress, { gogc: 'off', gomemlimit });
  // The container holds at least GOMEMLIMIT and what Go does not count, plus the headroom.
  const floor = Math.max(paced.peakContainer, gomemlimit + Math.max(0, stress.nonGo));
  const limit = ceilMiB(floor / (1 - o.headroom));
  const withLimits = (gogc: number | 'off'): Settings => ({
    gogc,
    gomemlimit,
    containerLimit: limit,
  });
  const candidates: Candidate[] = [...GOGC_CANDIDATES, 'off' as const].map((gogc) => ({
    gogc,
    observed: run(cal.workload, withLimits(gogc)),
    stressed: run(stress, withLimits(gogc)),
  }));
  const fine = (p: Prediction) => ok(p) && p.oomAtSec === undefined;
  const chosen =
    candidates.find((c) => fine(c.observed) && fine(c.stressed)) ??
    candidates[candidates.length - 1];
  return {
    kind: 'advice',
    gogc: chosen.gogc,
    gomemlimit,
    limit,
    request: Math.min(limit, ceilMiB(chosen.observed.peakContainer)),
    observed: chosen.observed,
    stressed: chosen.stressed,
    paced,
    stressedWorkload: stress,
    candidates,
    gogcMax: gogcMax(candidates, gomemlimit),
    options: o,
  };
}

/** The smallest multiple of 1 MiB in (lo, hi] where `ok` holds (it holds at hi, and above). */
function bisect(lo: number, hi: number, ok: (g: number) => boolean): number {
  let [a, b] = [lo, hi];
  while (b - a > MiB) {
    const mid = floorMiB((a + b) / 2);
    if (mid <= a) break;
    if (ok(mid)) b = mid;
    else a = mid;
  }
  return b;
}

/** GOGC above this would ask for a heap the limit holds down anyway (the agent's Max). */
function gogcMax(candidates: readonly Candidate[], gomemlimit: number): number | 'off' {
  const fits = candidates.filter((c) => c.gogc !== 'off' && c.observed.regime === 'gogc');
  const last = fits[fits.length - 1];
  return last && last.observed.peakGoMemory <= gomemlimit ? last.gogc : 'off';
}
