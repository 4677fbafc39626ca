/**
 * Downsampling for time charts: the samples are split into `buckets` equal time slices and
 * each slice keeps its minimum and its maximum (in time order), so spikes and dips survive at
 * any zoom a chart of that many pixels can show. Holes (undefined) stay holes (null).
 */
export interface Columns {
  /** Seconds since the epoch (uPlot's x unit). */
  readonly t: number[];
  readonly series: Record<string, (number | null)[]>;
}

export function downsample(
  times: readonly number[],
  columns: Readonly<Record<string, readonly (number | undefined)[]>>,
  buckets: number,
): Columns {
  const names = Object.keys(columns);
  const n = times.length;
  if (n <= buckets * 2) return passThrough(times, columns, names);
  const picks = keepIndices(times, columns, buckets);
  return {
    t: picks.map((i) => times[i] / 1000),
    series: Object.fromEntries(names.map((k) => [k, picks.map((i) => columns[k][i] ?? null)])),
  };
}

function passThrough(
  times: readonly number[],
  columns: Readonly<Record<string, readonly (number | undefined)[]>>,
  names: string[],
): Columns {
  return {
    t: times.map((t) => t / 1000),
    series: Object.fromEntries(names.map((k) => [k, columns[k].map((v) => v ?? null)])),
  };
}

/**
 * Per bucket: the first index, plus the min and max index of every series ('max': the max
 * only), deduplicated and sorted.
 */
export function keepIndices(
  times: readonly number[],
  columns: Readonly<Record<string, readonly (number | undefined)[]>>,
  buckets: number,
  keep: 'minmax' | 'max' = 'minmax',
): number[] {
  const names = Object.keys(columns);
  const t0 = times[0];
  const span = times[times.length - 1] - t0 || 1;
  const picks: number[] = [];
  let start = 0;
  for (let b = 0; b < buckets && start < times.length; b++) {
    const endT = t0 + ((b + 1) * span) / buckets;
    let end = start;
    while (end < times.length && (times[end] <= endT || b === buckets - 1)) end++;
    if (end === start) continue;
    const chosen = new Set<number>([start]);
    for (const k of names) extremes(columns[k], start, end, chosen, keep);
    picks.push(...[...chosen].sort((a, c) => a - c));
    start = end;
  }
  return picks;
}

function extremes(
  col: readonly (number | undefined)[],
  from: number,
  to: number,
  into: Set<number>,
  keep: 'minmax' | 'max',
): void {
  let lo = -1;
  let hi = -1;
  for (let i = from; i < to; i++) {
    const v = col[i];
    if (v === undefined) continue;
    if (lo < 0 || v < col[lo]!) lo = i;
    if (hi < 0 || v > col[hi]!) hi = i;
  }
  if (lo >= 0 && keep === 'minmax') into.add(lo);
  if (hi >= 0) into.add(hi);
}
