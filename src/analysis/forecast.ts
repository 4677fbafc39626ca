/**
 * Time-to-OOM forecast from a window of samples: a series in, a verdict out, no I/O (watch,
 * report and the node exporter share it). The kernel OOM-kills on what the cgroup cannot
 * reclaim, so the time to the kill is fitted on that (forecast-signals.ts CHARGED) against the
 * cgroup's effective limit. Go's own numbers say whether it is a leak at all (the live heap
 * without its GC sawtooth, plus goroutine stacks), name what grows, and set the time where the
 * charge cannot: under GOMEMLIMIT the GC holds the charge flat while the leak goes on
 * (forecast-gomemlimit.ts). Warm-up levels off; page cache is reclaimed before a kill
 * (mm/vmscan.c; Documentation/admin-guide/cgroup-v1/memory.rst); tmpfs/shmem is not
 * (forecast-shmem.ts).
 */
import type { ForecastKind, Sample } from '../model/series.js';
import { FIELDS } from '../model/series.js';
import { RECLAIMABLE_FILE, shmemSlope } from './forecast-shmem.js';
import { heapCeiling, type HeapCeiling } from './forecast-gomemlimit.js';
import { currentRate, reclaimNow, untilLimit, type Rate, type Reclaim } from './forecast-rate.js';
import { CHARGED, goMemory, whatGrows, type GoGrowth, type GoMemory } from './forecast-signals.js';
import { fitSeries, significant, smoothed, type Growth } from './growth-verdict.js';
import { fitField, lastDefined, seriesOf, type Eta } from './series-fit.js';
import { judge } from './forecast-verdict.js';
import type { TrendFit } from './trend.js';

export interface ForecastOptions {
  /** Samples older than this before the last one are ignored (default 10 min). */
  readonly windowMs?: number;
  readonly minPoints?: number;
  readonly minSpanMs?: number;
  /** Growth over the window below this many bytes is "flat" (default 4 MiB). */
  readonly minGrowthBytes?: number;
  /** ...or below this share of the level (default 0.05). */
  readonly minGrowthShare?: number;
}

export type GrowthKind = ForecastKind;

export interface Forecast extends Eta {
  readonly kind: GrowthKind;
  readonly at: number;
  /** What grows in a leak: the Go heap, goroutine stacks, or memory (no Go numbers read). */
  readonly grows?: GoGrowth | 'memory';
  /** The series that said whether it is a leak, smoothed: over the window, its latest part, the part before. */
  readonly growth?: TrendFit;
  readonly late?: TrendFit;
  readonly early?: TrendFit;
  /** Under GOMEMLIMIT, the live heap's current pace (its level at `at`). */
  readonly heap?: TrendFit;
  /** What the cgroup cannot reclaim: its current rate; `chargedNow` its last reading. */
  readonly charged?: TrendFit;
  readonly chargedNow?: number;
  readonly usage?: TrendFit;
  /** Slope of the reclaimable page cache, memory.stat file - shmem (bytes/s). */
  readonly fileSlope?: number;
  readonly shmemSlope?: number;
  /** The cgroup's effective limit; the ETA (Eta fields) is to the OOM kill at it. */
  readonly limit?: number;
  /** The kill comes after the GC thrash point at GOMEMLIMIT (the ETA is by way of it). */
  readonly viaThrash?: boolean;
  /** Less room is left than one step of growth: the kill comes with the next (no ETA then). */
  readonly atLimit?: boolean;
  /** The kernel met the limit and reclaimed lately. */
  readonly reclaim?: Reclaim;
  readonly gomemlimit?: number;
  readonly heapGoal?: number;
  readonly thrashEtaSec?: number;
  readonly thrashing?: boolean;
}

const DEFAULTS = {
  windowMs: 600_000,
  minPoints: 10,
  minSpanMs: 15_000,
  minGrowthBytes: 4 << 20,
  minGrowthShare: 0.05,
};

export function forecast(samples: readonly Sample[], options: ForecastOptions = {}): Forecast {
  const o = { ...DEFAULTS, ...options };
  const last = samples[samples.length - 1];
  if (!last) return { kind: 'insufficient', at: 0 };
  const win = samples.filter((s) => s.t >= last.t - o.windowMs);
  const chargedSeries = seriesOf(win, CHARGED);
  const go = goMemory(win);
  const judged = judge(win, go, chargedSeries, o);
  const window = fitSeries(smoothed(chargedSeries).series);
  const fit = judged?.growth.fit;
  if (!judged || !window || !fit || fit.n < o.minPoints || fit.spanSec * 1000 < o.minSpanMs)
    return { kind: 'insufficient', at: last.t };
  const limit = lastDefined(win, FIELDS.limit);
  const base: Forecast = {
    kind: 'flat',
    at: last.t,
    charged: window,
    chargedNow: chargedSeries.ys[chargedSeries.ys.length - 1],
    ...optional('limit', limit),
    ...growthFits(judged.growth),
    ...optional('reclaim', reclaimNow(win)),
  };
  // A filling tmpfs is checked first: whatever else grows, it is what reclaim cannot free.
  const grows = (f: TrendFit) => f.slopeLow > 0 && significant(f, o);
  const shmem = shmemSlope(win, window, grows);
  if (shmem !== undefined || judged.verdict === 'leak') {
    // Only what may get an ETA is worth the pace of the charge now (forecast-rate.ts).
    const pace = currentRate(chargedSeries)!;
    const now = { ...base, charged: pace.fit, chargedNow: pace.level };
    if (shmem === undefined) return leak(last, now, pace, go);
    return { ...now, kind: 'shmem', shmemSlope: shmem, ...untilLimit(pace, limit) };
  }
  if (judged.verdict !== 'none') return { ...base, kind: 'warmup' };
  return pageCache(win, base, o) ?? base;
}

function growthFits(g: Growth): Pick<Forecast, 'growth' | 'late' | 'early'> {
  return { growth: g.fit, ...optional('late', g.recent), ...optional('early', g.before) };
}

/**
 * A leak's ETA to the kill: by way of the GC thrash point when GOMEMLIMIT holds the charge
 * down first, else on the charge itself.
 */
function leak(last: Sample, base: Forecast, charged: Rate, go: GoMemory | undefined): Forecast {
  const grows = go ? whatGrows(go.heap, go.stacks) : 'memory';
  const out: Forecast = { ...base, kind: 'leak', grows };
  const onCharge = untilLimit(charged, base.limit);
  // The live heap's pace sets the time only under GOMEMLIMIT (forecast-gomemlimit.ts).
  if (!go || grows !== 'heap' || last.go?.gomemlimit === undefined) return { ...out, ...onCharge };
  const live = currentRate(go.live);
  if (!live) return { ...out, ...onCharge };
  const c = heapCeiling(last, { level: live.level, rate: live.fit }, CHARGED(last), base.limit);
  const ceiling = c ? ceilingOf(c, c.killEtaSec === undefined ? onCharge.etaSec : undefined) : {};
  const withLive = { ...out, heap: live.fit, ...ceiling };
  if (c?.killEtaSec === undefined || onCharge.atLimit) return { ...withLive, ...onCharge };
  const eta = { etaSec: c.killEtaSec, etaLowSec: c.killEtaLowSec, etaHighSec: c.killEtaHighSec };
  return { ...withLive, ...eta, viaThrash: true };
}

/** The heap's ceiling, without the thrash point when the kill (`killFirstSec`) comes before it. */
function ceilingOf(c: HeapCeiling, killFirstSec: number | undefined): Partial<Forecast> {
  const after =
    c.thrashEtaSec !== undefined && killFirstSec !== undefined && killFirstSec < c.thrashEtaSec;
  const thrash = c.thrashEtaSec === undefined || after ? {} : { thrashEtaSec: c.thrashEtaSec };
  return { gomemlimit: c.gomemlimit, heapGoal: c.heapGoal, thrashing: c.thrashing, ...thrash };
}

/** Usage grows, the rest does not, and the reclaimable file cache explains the growth. */
function pageCache(
  win: readonly Sample[],
  base: Forecast,
  o: typeof DEFAULTS,
): Forecast | undefined {
  const usage = fitField(win, FIELDS.usage);
  const fileSlope = fitField(win, RECLAIMABLE_FILE)?.slope;
  if (!usage || fileSlope === undefined || usage.slopeLow <= 0 || !significant(usage, o))
    return undefined;
  if (fileSlope < usage.slope / 2) return undefined;
  return { ...base, kind: 'page-cache', usage, fileSlope };
}

function optional<K extends string, V>(key: K, v: V | undefined): { [P in K]?: V } {
  return (v === undefined ? {} : { [key]: v }) as { [P in K]?: V };
}
