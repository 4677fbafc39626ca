/** Fitting one field of a window of samples, and the time for a fitted line to use up some room. */
import type { Sample, SampleField } from '../model/series.js';
import { theilSen, type TrendFit } from './trend.js';

export function fitField(samples: readonly Sample[], field: SampleField): TrendFit | undefined {
  const { xs, ys } = seriesOf(samples, field);
  return theilSen(xs, ys);
}

/** The (time, value) points of one field, skipping samples that lack it. */
export function seriesOf(
  samples: readonly Sample[],
  field: SampleField,
): { xs: number[]; ys: number[] } {
  const xs: number[] = [];
  const ys: number[] = [];
  for (const s of samples) {
    const y = field(s);
    if (y !== undefined) {
      xs.push(s.t);
      ys.push(y);
    }
  }
  return { xs, ys };
}

export function lastDefined(samples: readonly Sample[], field: SampleField): number | undefined {
  for (let i = samples.length - 1; i >= 0; i--) {
    const v = field(samples[i]);
    if (v !== undefined) return v;
  }
  return undefined;
}

export interface Eta {
  readonly etaSec?: number;
  readonly etaLowSec?: number;
  readonly etaHighSec?: number;
}

/** Seconds until `fit` grows by `room` bytes, with the slope's 95% interval (Sen 1968). */
export function etaOf(room: number, fit: TrendFit): Eta {
  if (fit.slope <= 0) return {};
  const r = Math.max(0, room);
  return {
    etaSec: r / fit.slope,
    etaLowSec: r / fit.slopeHigh,
    etaHighSec: fit.slopeLow > 0 ? r / fit.slopeLow : undefined,
  };
}
