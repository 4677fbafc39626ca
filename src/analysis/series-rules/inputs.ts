/** What the series rules read. Each rule declares which of these it needs (engine.ts). */
import type { Sample } from '../../model/series.js';
import type { Forecast } from '../forecast.js';

/** One allocation site compared between the first and the last heap profile. */
export interface SiteGrowth {
  readonly func: string;
  /** inuse_space in the last profile. */
  readonly inuseBytes: number;
  /** Share of the last profile's total inuse_space, 0..1. */
  readonly share: number;
  /** inuse_space last - first, for a site that grew steadily (else 0). */
  readonly growthBytes: number;
  readonly rateBytesPerSec?: number;
}

export interface SeriesInputs {
  readonly samples: readonly Sample[];
  /** Samples that carry memory.events (cgroup v2). */
  readonly events: readonly Sample[];
  /** Samples that carry MemStats GC counters. */
  readonly gc: readonly Sample[];
  readonly goroutines: readonly Sample[];
  readonly forecast: Forecast;
  /** Sites ranked by inuse_space in the last heap profile, with their growth. */
  readonly sites: readonly SiteGrowth[];
}

export interface SeriesRuleOptions {
  readonly highRise: number;
  readonly highWindowMs: number;
  readonly gcRatePerSec: number;
  readonly gcWindowMs: number;
  readonly pauseMs: number;
  readonly topSiteShare: number;
  readonly goroutineMinGrowth: number;
}

export const DEFAULT_SERIES_OPTIONS: SeriesRuleOptions = {
  highRise: 50,
  highWindowMs: 10_000,
  gcRatePerSec: 5,
  gcWindowMs: 10_000,
  pauseMs: 100,
  topSiteShare: 0.4,
  goroutineMinGrowth: 50,
};

/** The samples within `ms` of the last one. */
export function lastWindow(samples: readonly Sample[], ms: number): readonly Sample[] {
  const last = samples[samples.length - 1];
  if (!last) return [];
  let i = samples.length - 1;
  while (i > 0 && samples[i - 1].t >= last.t - ms) i--;
  return samples.slice(i);
}
