/**
 * Turns the forecast into findings: a leak (of the Go heap, or of goroutine stacks or memory),
 * the OOM ETA, the GOMEMLIMIT thrash point, a filling tmpfs (shmem, with its OOM ETA), warm-up,
 * page cache.
 */
import type { ArgValue, Evidence, EvidenceUnit, Severity } from '../../model/finding.js';
import { defineRule, reports, type Draft } from '../engine.js';
import type { Forecast } from '../forecast.js';
import type { SeriesInputs } from './inputs.js';

// oom-forecast and shmem-growth are errors when the ETA is under 10 minutes.
export const growthRule = defineRule<SeriesInputs>()({
  reports: {
    'heap-leak': reports<GrowthArgs['heap-leak']>('warning'),
    'memory-leak': reports<GrowthArgs['memory-leak']>('warning'),
    'oom-forecast': reports<GrowthArgs['oom-forecast']>('warning'),
    'gomemlimit-thrash-forecast': reports<GrowthArgs['gomemlimit-thrash-forecast']>('warning'),
    'warmup-levels-off': reports<GrowthArgs['warmup-levels-off']>('info'),
    'page-cache-growth': reports<GrowthArgs['page-cache-growth']>('info'),
    'shmem-growth': reports<GrowthArgs['shmem-growth']>('warning'),
  },
  applies: { scope: 'any-process', needs: ['forecast'] },
  evaluate: ({ forecast: f }) => {
    if (f.kind === 'warmup' && f.early && f.late) {
      const args = { earlySlopeBytesPerSec: f.early.slope, lateSlopeBytesPerSec: f.late.slope };
      return { code: 'warmup-levels-off', args, evidence: trendEvidence(args) };
    }
    if (f.kind === 'shmem' && f.charged) return shmem(f);
    if (f.kind === 'page-cache' && f.usage) {
      const args = { usageSlopeBytesPerSec: f.usage.slope, fileSlopeBytesPerSec: f.fileSlope ?? 0 };
      return { code: 'page-cache-growth', args, evidence: trendEvidence(args) };
    }
    if (f.kind !== 'leak' || !f.growth) return undefined;
    const out: Draft<GrowthArgs>[] = [leak(f)];
    if (f.etaSec !== undefined && f.limit !== undefined) out.push(oom(f));
    if (f.thrashEtaSec !== undefined && f.gomemlimit !== undefined && f.heap) out.push(thrash(f));
    return out;
  },
});

function leak(f: Forecast): Draft<GrowthArgs> {
  const g = f.growth!;
  const args = {
    windowSec: g.spanSec,
    slopeBytesPerSec: g.slope,
    slopeLowBytesPerSec: g.slopeLow,
    slopeHighBytesPerSec: g.slopeHigh,
  };
  if (f.grows === 'heap') return { code: 'heap-leak', args, evidence: trendEvidence(args) };
  const memory = { ...args, grows: f.grows ?? 'memory' };
  return { code: 'memory-leak', args: memory, evidence: trendEvidence(memory) };
}

function oom(f: Forecast): Draft<GrowthArgs> {
  const args = {
    grows: f.grows ?? 'memory',
    slopeBytesPerSec: f.charged!.slope,
    ...(f.heap ? { heapSlopeBytesPerSec: f.heap.slope } : {}),
    charged: f.chargedNow!,
    limit: f.limit!,
    ...etaArgs(f),
    ...(f.viaThrash && f.thrashEtaSec !== undefined ? { thrashEtaSec: f.thrashEtaSec } : {}),
  };
  return { code: 'oom-forecast', args, evidence: trendEvidence(args), ...urgency(args.etaSec) };
}

function thrash(f: Forecast): Draft<GrowthArgs> {
  const args = {
    slopeBytesPerSec: f.heap!.slope,
    gomemlimit: f.gomemlimit!,
    heapGoal: f.heapGoal!,
    etaSec: f.thrashEtaSec!,
    thrashing: f.thrashing ?? false,
  };
  return { code: 'gomemlimit-thrash-forecast', args, evidence: trendEvidence(args) };
}

/** Like oom(); without a limit, a warning with no ETA. */
function shmem(f: Forecast): Draft<GrowthArgs> {
  const slopes = {
    slopeBytesPerSec: f.charged!.slope,
    shmemSlopeBytesPerSec: f.shmemSlope ?? 0,
    charged: f.chargedNow!,
  };
  if (f.etaSec === undefined || f.limit === undefined)
    return { code: 'shmem-growth', args: slopes, evidence: trendEvidence(slopes) };
  const args = { ...slopes, limit: f.limit, ...etaArgs(f) };
  return { code: 'shmem-growth', args, evidence: trendEvidence(args), ...urgency(f.etaSec) };
}

/** No upper bound when the slope's interval reaches zero: -1, shown as "or later". */
function etaArgs(f: Forecast) {
  const hi = f.etaHighSec;
  return {
    etaSec: f.etaSec!,
    etaLowSec: f.etaLowSec ?? f.etaSec!,
    etaHighSec: hi !== undefined && Number.isFinite(hi) ? hi : -1,
  };
}

/** Under 10 minutes there is barely time to react: an error; further out, the usual warning. */
function urgency(etaSec: number): { severity?: Severity } {
  return etaSec < 600 ? { severity: 'error' } : {};
}

/**
 * Every arg as evidence from the trend of the samples, named and measured as people read them
 * (TREND_EVIDENCE). Exported so a report can name the args of findings recorded by an
 * earlier version, whose evidence carried the raw arg names.
 */
export function trendEvidence(args: Readonly<Record<string, ArgValue>>): Evidence[] {
  const source = 'watch samples (Theil-Sen trend)';
  return Object.entries(args).map(([key, value]) => {
    const label = (TREND_EVIDENCE[key as TrendArg] ?? EARLIER_ARGS[key]) as
      { what: string; unit?: EvidenceUnit } | undefined;
    if (!label) return { what: key, value, source };
    return label.unit
      ? { what: label.what, value, unit: label.unit, source }
      : { what: label.what, value, source };
  });
}

/** Args that captures of earlier versions recorded for oom-forecast. */
const EARLIER_ARGS: Readonly<Record<string, { what: string; unit?: EvidenceUnit }>> = {
  effectiveLimit: { what: 'effective limit (smallest on the cgroup path)', unit: 'bytes' },
  nonHeap: { what: 'memory outside the Go heap', unit: 'bytes' },
};

/** The codes whose evidence is trendEvidence(args). */
export const TREND_CODES: ReadonlySet<string> = new Set(Object.keys(growthRule.reports));

type AllArgs = { [C in keyof GrowthArgs]: keyof GrowthArgs[C] }[keyof GrowthArgs];
type TrendArg = AllArgs & string;

/** Every arg of every code here: a new arg without its words does not compile. */
const TREND_EVIDENCE: Record<TrendArg, { what: string; unit?: EvidenceUnit }> = {
  windowSec: { what: 'trend window', unit: 'seconds' },
  slopeBytesPerSec: { what: 'growth rate', unit: 'bytes/s' },
  slopeLowBytesPerSec: { what: 'growth rate, low end (95%)', unit: 'bytes/s' },
  slopeHighBytesPerSec: { what: 'growth rate, high end (95%)', unit: 'bytes/s' },
  heapSlopeBytesPerSec: { what: 'heap growth rate', unit: 'bytes/s' },
  grows: { what: 'what grows' },
  charged: { what: 'charged now (what the cgroup cannot reclaim)', unit: 'bytes' },
  limit: { what: 'effective limit', unit: 'bytes' },
  etaSec: { what: 'time left', unit: 'seconds' },
  etaLowSec: { what: 'time left, soonest (95%)', unit: 'seconds' },
  etaHighSec: { what: 'time left, latest (95%)', unit: 'seconds' },
  thrashEtaSec: { what: 'time to the GC thrash point', unit: 'seconds' },
  gomemlimit: { what: 'GOMEMLIMIT', unit: 'bytes' },
  heapGoal: { what: 'heap goal', unit: 'bytes' },
  thrashing: { what: 'thrashing now' },
  earlySlopeBytesPerSec: { what: 'growth rate, first half', unit: 'bytes/s' },
  lateSlopeBytesPerSec: { what: 'growth rate, second half', unit: 'bytes/s' },
  usageSlopeBytesPerSec: { what: 'usage growth rate', unit: 'bytes/s' },
  fileSlopeBytesPerSec: { what: 'page cache growth rate', unit: 'bytes/s' },
  shmemSlopeBytesPerSec: { what: 'shmem growth rate', unit: 'bytes/s' },
};

type Slopes = {
  readonly windowSec: number;
  readonly slopeBytesPerSec: number;
  readonly slopeLowBytesPerSec: number;
  readonly slopeHighBytesPerSec: number;
};

/** What grows: the Go heap, goroutine stacks, or memory Go's numbers do not show. */
type Grows = 'heap' | 'stacks' | 'memory';

/** Slopes in bytes per second, times in seconds; an ETA's upper bound is -1 when it has none. */
export type GrowthArgs = {
  'heap-leak': Slopes;
  'memory-leak': Slopes & { readonly grows: Grows };
  /** `charged`: what the cgroup cannot reclaim now; `thrashEtaSec` when the kill comes by way of GC thrash. */
  'oom-forecast': {
    readonly grows: Grows;
    readonly slopeBytesPerSec: number;
    readonly heapSlopeBytesPerSec?: number;
    readonly charged: number;
    readonly limit: number;
    readonly etaSec: number;
    readonly etaLowSec: number;
    readonly etaHighSec: number;
    readonly thrashEtaSec?: number;
  };
  'gomemlimit-thrash-forecast': {
    readonly slopeBytesPerSec: number;
    readonly gomemlimit: number;
    readonly heapGoal: number;
    readonly etaSec: number;
    readonly thrashing: boolean;
  };
  'warmup-levels-off': {
    readonly earlySlopeBytesPerSec: number;
    readonly lateSlopeBytesPerSec: number;
  };
  'page-cache-growth': {
    readonly usageSlopeBytesPerSec: number;
    readonly fileSlopeBytesPerSec: number;
  };
  /** Without a limit there is no ETA: limit and the eta fields are then absent. */
  'shmem-growth': {
    readonly slopeBytesPerSec: number;
    readonly shmemSlopeBytesPerSec: number;
    readonly charged: number;
    readonly limit?: number;
    readonly etaSec?: number;
    readonly etaLowSec?: number;
    readonly etaHighSec?: number;
  };
};
