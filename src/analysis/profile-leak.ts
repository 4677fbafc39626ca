/**
 * Leak suspects across heap profiles of one process taken over time.
 *
 *   leakSuspects(profiles: { time: number; profile: Profile }[], opts?: LeakOptions): LeakSuspect[]
 *
 * - time: when each profile was taken, in milliseconds (Date.now() or any common origin);
 *   the order of the array does not matter, at least two distinct times are needed.
 * - Each site is a function with its flat in-use bytes (sample index inuse_space, the
 *   allocation sites of `go tool pprof -top -sample_index=inuse_space`, untrimmed);
 *   `by: 'cum'` uses cum instead (callers that hold many sites).
 * - rateBytesPerSec: Theil-Sen slope (median of the pairwise slopes), so one odd profile
 *   (a GC that just ran, a burst) does not make or break a suspect.
 * - share: the site's growth (last - first) over the sum of the growth of every site that
 *   grew, so shares of the suspects add up to at most 1.
 * - steadiness: the fraction of consecutive intervals in which the site did not shrink.
 * Suspects: rate > 0, growth >= minGrowthBytes, steadiness >= minSteadiness; fastest first.
 */
import type { Profile } from '../model/profile.js';
import { profileTop } from './profile-top.js';

export interface LeakOptions {
  /** Default "inuse_space". */
  readonly sampleIndex?: string;
  readonly by?: 'flat' | 'cum';
  /** Default 0.6. */
  readonly minSteadiness?: number;
  /** Default 1 byte. */
  readonly minGrowthBytes?: number;
}

export interface LeakSuspect {
  readonly name: string;
  readonly rateBytesPerSec: number;
  readonly growthBytes: number;
  readonly share: number;
  readonly steadiness: number;
  readonly firstBytes: number;
  readonly lastBytes: number;
  /** The site's value in each profile, in time order. */
  readonly series: readonly number[];
}

export function leakSuspects(
  profiles: readonly { time: number; profile: Profile }[],
  opts: LeakOptions = {},
): LeakSuspect[] {
  const ordered = [...profiles].sort((a, b) => a.time - b.time);
  if (ordered.length < 2 || ordered[0].time === ordered[ordered.length - 1].time) return [];
  const times = ordered.map((p) => p.time / 1000);
  const series = siteSeries(
    ordered.map((p) => p.profile),
    opts,
  );
  let totalGrowth = 0;
  for (const values of series.values())
    totalGrowth += Math.max(0, values[values.length - 1] - values[0]);
  const out: LeakSuspect[] = [];
  for (const [name, values] of series) {
    const growthBytes = values[values.length - 1] - values[0];
    const rate = theilSen(times, values);
    const steadiness = steadinessOf(values);
    if (
      rate <= 0 ||
      growthBytes < (opts.minGrowthBytes ?? 1) ||
      steadiness < (opts.minSteadiness ?? 0.6)
    )
      continue;
    out.push({
      name,
      rateBytesPerSec: rate,
      growthBytes,
      share: totalGrowth > 0 ? growthBytes / totalGrowth : 0,
      steadiness,
      firstBytes: values[0],
      lastBytes: values[values.length - 1],
      series: values,
    });
  }
  return out.sort((a, b) => b.rateBytesPerSec - a.rateBytesPerSec || (a.name < b.name ? -1 : 1));
}

/** name -> value per profile (0 where the site is absent). */
function siteSeries(profiles: Profile[], opts: LeakOptions): Map<string, number[]> {
  const out = new Map<string, number[]>();
  profiles.forEach((p, i) => {
    const top = profileTop(p, { sampleIndex: opts.sampleIndex ?? 'inuse_space', nodeFraction: 0 });
    for (const row of top.rows) {
      let values = out.get(row.name);
      if (!values) out.set(row.name, (values = new Array<number>(profiles.length).fill(0)));
      values[i] = opts.by === 'cum' ? row.cum : row.flat;
    }
  });
  return out;
}

/** Median of the slopes between every pair of points with distinct x. */
export function theilSen(x: readonly number[], y: readonly number[]): number {
  const slopes: number[] = [];
  for (let i = 0; i < x.length; i++) {
    for (let j = i + 1; j < x.length; j++)
      if (x[j] !== x[i]) slopes.push((y[j] - y[i]) / (x[j] - x[i]));
  }
  if (slopes.length === 0) return 0;
  slopes.sort((a, b) => a - b);
  const mid = slopes.length >> 1;
  return slopes.length % 2 ? slopes[mid] : (slopes[mid - 1] + slopes[mid]) / 2;
}

function steadinessOf(values: readonly number[]): number {
  let steady = 0;
  for (let i = 1; i < values.length; i++) if (values[i] >= values[i - 1]) steady++;
  return values.length > 1 ? steady / (values.length - 1) : 0;
}
