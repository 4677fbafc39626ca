/**
 * Turns the forecast into findings: leak, OOM ETA, GOMEMLIMIT thrash ETA, a filling tmpfs
 * (shmem, with its OOM ETA), warm-up, page cache.
 */
import type { Finding } from '../../model/finding.js';
import { defineRule } from '../engine.js';
import type { Forecast } from '../forecast.js';
import type { SeriesInputs } from './inputs.js';

type GrowthCode =
  | 'heap-leak'
  | 'oom-forecast'
  | 'gomemlimit-thrash-forecast'
  | 'warmup-levels-off'
  | 'page-cache-growth'
  | 'shmem-growth';

export const growthRule = defineRule<SeriesInputs>()({
  code: 'heap-leak',
  needs: ['forecast'],
  evaluate: ({ forecast: f }) => {
    if (f.kind === 'warmup' && f.early && f.late) {
      return finding('warmup-levels-off', 'info', {
        earlySlopeBytesPerSec: f.early.slope,
        lateSlopeBytesPerSec: f.late.slope,
      });
    }
    if (f.kind === 'shmem' && f.unreclaimable) return shmem(f);
    if (f.kind === 'page-cache' && f.usage) {
      return finding('page-cache-growth', 'info', {
        usageSlopeBytesPerSec: f.usage.slope,
        fileSlopeBytesPerSec: f.fileSlope ?? 0,
      });
    }
    if (f.kind !== 'leak' || !f.heap) return undefined;
    const out: Finding<GrowthCode>[] = [leak(f)];
    if (f.etaSec !== undefined && f.limit !== undefined) out.push(oom(f));
    if (f.thrashEtaSec !== undefined && f.gomemlimit !== undefined && f.live) {
      out.push(
        finding('gomemlimit-thrash-forecast', 'warning', {
          slopeBytesPerSec: f.live.slope,
          gomemlimit: f.gomemlimit,
          etaSec: f.thrashEtaSec,
        }),
      );
    }
    return out;
  },
});

function leak(f: Forecast): Finding<GrowthCode> {
  const h = f.heap!;
  return finding('heap-leak', 'warning', {
    windowSec: h.spanSec,
    slopeBytesPerSec: h.slope,
    slopeLowBytesPerSec: h.slopeLow,
    slopeHighBytesPerSec: h.slopeHigh,
  });
}

function oom(f: Forecast): Finding<GrowthCode> {
  // Under 10 minutes there is barely time to react: error; further out: warning.
  const severity = f.etaSec! < 600 ? 'error' : 'warning';
  return finding('oom-forecast', severity, {
    slopeBytesPerSec: f.heap!.slope,
    effectiveLimit: f.effectiveLimit ?? f.limit!,
    limit: f.limit!,
    nonHeap: f.nonHeap ?? 0,
    etaSec: f.etaSec!,
    etaLowSec: f.etaLowSec ?? f.etaSec!,
    // No upper bound when the slope's interval reaches zero: shown as "or later".
    etaHighSec: f.etaHighSec !== undefined && Number.isFinite(f.etaHighSec) ? f.etaHighSec : -1,
  });
}

/** Like oom(): an error when the ETA is under 10 minutes; without a limit, a warning with no ETA. */
function shmem(f: Forecast): Finding<GrowthCode> {
  const u = f.unreclaimable!;
  const slopes = { slopeBytesPerSec: u.slope, shmemSlopeBytesPerSec: f.shmemSlope ?? 0 };
  if (f.etaSec === undefined || f.limit === undefined)
    return finding('shmem-growth', 'warning', { ...slopes, unreclaimable: u.level });
  return finding('shmem-growth', f.etaSec < 600 ? 'error' : 'warning', {
    ...slopes,
    unreclaimable: u.level,
    limit: f.limit,
    etaSec: f.etaSec,
    etaLowSec: f.etaLowSec ?? f.etaSec,
    etaHighSec: f.etaHighSec !== undefined && Number.isFinite(f.etaHighSec) ? f.etaHighSec : -1,
  });
}

function finding(
  code: GrowthCode,
  severity: Finding['severity'],
  args: Record<string, number>,
): Finding<GrowthCode> {
  const source = 'watch samples (Theil-Sen trend)';
  return {
    code,
    severity,
    args,
    evidence: Object.entries(args).map(([what, value]) => {
      const unit = evidenceUnit(what);
      return unit ? { what, value, unit, source } : { what, value, source };
    }),
  };
}

/** Rates (…BytesPerSec) carry no unit of the Evidence kinds; durations and sizes do. */
function evidenceUnit(key: string): 'seconds' | 'bytes' | undefined {
  if (key.endsWith('PerSec')) return undefined;
  if (key.endsWith('Sec')) return 'seconds';
  return /limit|nonHeap|unreclaimable/i.test(key) ? 'bytes' : undefined;
}
