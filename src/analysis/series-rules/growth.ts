/**
 * Turns the forecast into findings: leak, OOM ETA, GOMEMLIMIT thrash ETA, a filling tmpfs
 * (shmem, with its OOM ETA), warm-up, page cache.
 */
import type { Evidence, Severity } from '../../model/finding.js';
import { defineRule, reports, type Draft } from '../engine.js';
import type { Forecast } from '../forecast.js';
import type { SeriesInputs } from './inputs.js';

// oom-forecast and shmem-growth are errors when the ETA is under 10 minutes.
export const growthRule = defineRule<SeriesInputs>()({
  reports: {
    'heap-leak': reports<GrowthArgs['heap-leak']>('warning'),
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
    if (f.kind === 'shmem' && f.unreclaimable) return shmem(f);
    if (f.kind === 'page-cache' && f.usage) {
      const args = { usageSlopeBytesPerSec: f.usage.slope, fileSlopeBytesPerSec: f.fileSlope ?? 0 };
      return { code: 'page-cache-growth', args, evidence: trendEvidence(args) };
    }
    if (f.kind !== 'leak' || !f.heap) return undefined;
    const out: Draft<GrowthArgs>[] = [leak(f)];
    if (f.etaSec !== undefined && f.limit !== undefined) out.push(oom(f));
    if (f.thrashEtaSec !== undefined && f.gomemlimit !== undefined && f.live) {
      const args = {
        slopeBytesPerSec: f.live.slope,
        gomemlimit: f.gomemlimit,
        etaSec: f.thrashEtaSec,
      };
      out.push({ code: 'gomemlimit-thrash-forecast', args, evidence: trendEvidence(args) });
    }
    return out;
  },
});

function leak(f: Forecast): Draft<GrowthArgs> {
  const h = f.heap!;
  const args = {
    windowSec: h.spanSec,
    slopeBytesPerSec: h.slope,
    slopeLowBytesPerSec: h.slopeLow,
    slopeHighBytesPerSec: h.slopeHigh,
  };
  return { code: 'heap-leak', args, evidence: trendEvidence(args) };
}

function oom(f: Forecast): Draft<GrowthArgs> {
  const args = {
    slopeBytesPerSec: f.heap!.slope,
    effectiveLimit: f.effectiveLimit ?? f.limit!,
    limit: f.limit!,
    nonHeap: f.nonHeap ?? 0,
    etaSec: f.etaSec!,
    etaLowSec: f.etaLowSec ?? f.etaSec!,
    // No upper bound when the slope's interval reaches zero: shown as "or later".
    etaHighSec: f.etaHighSec !== undefined && Number.isFinite(f.etaHighSec) ? f.etaHighSec : -1,
  };
  return { code: 'oom-forecast', args, evidence: trendEvidence(args), ...urgency(args.etaSec) };
}

/** Like oom(): an error when the ETA is under 10 minutes; without a limit, a warning with no ETA. */
function shmem(f: Forecast): Draft<GrowthArgs> {
  const u = f.unreclaimable!;
  const slopes = { slopeBytesPerSec: u.slope, shmemSlopeBytesPerSec: f.shmemSlope ?? 0 };
  if (f.etaSec === undefined || f.limit === undefined) {
    const args = { ...slopes, unreclaimable: u.level };
    return { code: 'shmem-growth', args, evidence: trendEvidence(args) };
  }
  const args = {
    ...slopes,
    unreclaimable: u.level,
    limit: f.limit,
    etaSec: f.etaSec,
    etaLowSec: f.etaLowSec ?? f.etaSec,
    etaHighSec: f.etaHighSec !== undefined && Number.isFinite(f.etaHighSec) ? f.etaHighSec : -1,
  };
  return { code: 'shmem-growth', args, evidence: trendEvidence(args), ...urgency(f.etaSec) };
}

/** Under 10 minutes there is barely time to react: an error; further out, the usual warning. */
function urgency(etaSec: number): { severity?: Severity } {
  return etaSec < 600 ? { severity: 'error' } : {};
}

/** Every arg as evidence from the trend of the samples. */
function trendEvidence(args: Readonly<Record<string, number>>): Evidence[] {
  const source = 'watch samples (Theil-Sen trend)';
  return Object.entries(args).map(([what, value]) => {
    const unit = evidenceUnit(what);
    return unit ? { what, value, unit, source } : { what, value, source };
  });
}

/** Rates (…BytesPerSec) carry no unit of the Evidence kinds; durations and sizes do. */
function evidenceUnit(key: string): 'seconds' | 'bytes' | undefined {
  if (key.endsWith('PerSec')) return undefined;
  if (key.endsWith('Sec')) return 'seconds';
  return /limit|nonHeap|unreclaimable/i.test(key) ? 'bytes' : undefined;
}

/** Slopes in bytes per second, times in seconds; an ETA's upper bound is -1 when it has none. */
export type GrowthArgs = {
  'heap-leak': {
    readonly windowSec: number;
    readonly slopeBytesPerSec: number;
    readonly slopeLowBytesPerSec: number;
    readonly slopeHighBytesPerSec: number;
  };
  'oom-forecast': {
    readonly slopeBytesPerSec: number;
    readonly effectiveLimit: number;
    readonly limit: number;
    readonly nonHeap: number;
    readonly etaSec: number;
    readonly etaLowSec: number;
    readonly etaHighSec: number;
  };
  'gomemlimit-thrash-forecast': {
    readonly slopeBytesPerSec: number;
    readonly gomemlimit: number;
    readonly etaSec: number;
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
    readonly unreclaimable: number;
    readonly limit?: number;
    readonly etaSec?: number;
    readonly etaLowSec?: number;
    readonly etaHighSec?: number;
  };
};
