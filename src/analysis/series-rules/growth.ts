/**
 * Turns the forecast into findings: a leak (of the Go heap, or of goroutine stacks or memory),
 * the OOM ETA, the GOMEMLIMIT thrash point, a filling tmpfs (shmem, with its OOM ETA), warm-up,
 * page cache.
 */
import type { ArgValue, Finding } from '../../model/finding.js';
import { defineRule } from '../engine.js';
import type { Forecast } from '../forecast.js';
import type { SeriesInputs } from './inputs.js';

type GrowthCode =
  | 'heap-leak'
  | 'memory-leak'
  | 'oom-forecast'
  | 'gomemlimit-thrash-forecast'
  | 'warmup-levels-off'
  | 'page-cache-growth'
  | 'shmem-growth';

type Args = Record<string, ArgValue>;

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
    if (f.kind === 'shmem' && f.charged) return shmem(f);
    if (f.kind === 'page-cache' && f.usage) {
      return finding('page-cache-growth', 'info', {
        usageSlopeBytesPerSec: f.usage.slope,
        fileSlopeBytesPerSec: f.fileSlope ?? 0,
      });
    }
    if (f.kind !== 'leak' || !f.growth) return undefined;
    const out: Finding<GrowthCode>[] = [leak(f)];
    if (f.etaSec !== undefined && f.limit !== undefined) out.push(oom(f));
    if (f.thrashEtaSec !== undefined && f.gomemlimit !== undefined && f.heap) out.push(thrash(f));
    return out;
  },
});

function leak(f: Forecast): Finding<GrowthCode> {
  const g = f.growth!;
  const args = {
    windowSec: g.spanSec,
    slopeBytesPerSec: g.slope,
    slopeLowBytesPerSec: g.slopeLow,
    slopeHighBytesPerSec: g.slopeHigh,
  };
  if (f.grows === 'heap') return finding('heap-leak', 'warning', args);
  return finding('memory-leak', 'warning', { ...args, grows: f.grows ?? 'memory' });
}

/** Under 10 minutes there is barely time to react: error; further out: warning. */
function severityOf(etaSec: number): Finding['severity'] {
  return etaSec < 600 ? 'error' : 'warning';
}

function oom(f: Forecast): Finding<GrowthCode> {
  const via: Args =
    f.viaThrash && f.thrashEtaSec !== undefined ? { thrashEtaSec: f.thrashEtaSec } : {};
  return finding('oom-forecast', severityOf(f.etaSec!), {
    grows: f.grows ?? 'memory',
    slopeBytesPerSec: f.charged!.slope,
    ...((f.heap ? { heapSlopeBytesPerSec: f.heap.slope } : {}) as Args),
    charged: f.chargedNow!,
    limit: f.limit!,
    ...etaArgs(f),
    ...via,
  });
}

function thrash(f: Forecast): Finding<GrowthCode> {
  return finding('gomemlimit-thrash-forecast', 'warning', {
    slopeBytesPerSec: f.heap!.slope,
    gomemlimit: f.gomemlimit!,
    heapGoal: f.heapGoal!,
    etaSec: f.thrashEtaSec!,
    thrashing: f.thrashing ?? false,
  });
}

/** Like oom(); without a limit, a warning with no ETA. */
function shmem(f: Forecast): Finding<GrowthCode> {
  const c = f.charged!;
  const args = {
    slopeBytesPerSec: c.slope,
    shmemSlopeBytesPerSec: f.shmemSlope ?? 0,
    charged: f.chargedNow!,
  };
  if (f.etaSec === undefined || f.limit === undefined)
    return finding('shmem-growth', 'warning', args);
  return finding('shmem-growth', severityOf(f.etaSec), { ...args, limit: f.limit, ...etaArgs(f) });
}

/** No upper bound when the slope's interval reaches zero: -1, shown as "or later". */
function etaArgs(f: Forecast): Args {
  const hi = f.etaHighSec;
  return {
    etaSec: f.etaSec!,
    etaLowSec: f.etaLowSec ?? f.etaSec!,
    etaHighSec: hi !== undefined && Number.isFinite(hi) ? hi : -1,
  };
}

function finding(code: GrowthCode, severity: Finding['severity'], args: Args): Finding<GrowthCode> {
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
  return /limit|charged|heapGoal/i.test(key) ? 'bytes' : undefined;
}
