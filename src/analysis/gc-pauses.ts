/**
 * The GC pause ring of runtime.MemStats: PauseNs holds the last 256 stop-the-world pause times,
 * the newest at PauseNs[(NumGC+255)%256] (runtime/mstats.go). Only min(NumGC, 256) entries are
 * valid; the rest are zero and must not count.
 */

export interface Pause {
  readonly ns: number;
  /** 0 for the most recent GC, 1 for the one before, ... */
  readonly cyclesAgo: number;
}

/** The valid pauses, newest first. */
export function validPauses(pauseNs: readonly number[], numGC: number): Pause[] {
  const size = pauseNs.length; // 256 from Go; tolerate shorter captures
  if (size === 0 || numGC <= 0) return [];
  const count = Math.min(numGC, size);
  const out: Pause[] = [];
  for (let k = 0; k < count; k++) {
    const index = (((numGC - 1 - k) % size) + size) % size;
    out.push({ ns: pauseNs[index], cyclesAgo: k });
  }
  return out;
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return 0;
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/** A pause is an outlier above max(OUTLIER_FACTOR x median, OUTLIER_FLOOR_NS). */
const OUTLIER_FACTOR = 10;
const OUTLIER_FLOOR_NS = 1_000_000; // 1 ms
export const SEVERE_PAUSE_NS = 10_000_000; // 10 ms

export interface PauseSummary {
  readonly count: number;
  readonly medianNs: number;
  readonly maxNs: number;
  readonly thresholdNs: number;
  readonly outliers: readonly Pause[];
}

export function summarizePauses(pauseNs: readonly number[], numGC: number): PauseSummary {
  const pauses = validPauses(pauseNs, numGC);
  const med = median(pauses.map((p) => p.ns));
  const thresholdNs = Math.max(OUTLIER_FACTOR * med, OUTLIER_FLOOR_NS);
  return {
    count: pauses.length,
    medianNs: med,
    maxNs: pauses.reduce((m, p) => Math.max(m, p.ns), 0),
    thresholdNs,
    outliers: pauses.filter((p) => p.ns > thresholdNs),
  };
}

/**
 * GC cycles per second over the cycles the PauseEnd ring covers (PauseEnd holds the end time,
 * ns since the epoch, of the last 256 pauses, indexed like PauseNs). Undefined with fewer
 * than 2 valid cycles or a zero time span.
 */
export function gcRate(
  pauseEnd: readonly number[] | undefined,
  numGC: number,
): { perSecond: number; cycles: number } | undefined {
  if (!pauseEnd || pauseEnd.length === 0) return undefined;
  const ends = validPauses(pauseEnd, numGC).map((p) => p.ns);
  if (ends.length < 2) return undefined;
  const spanNs = ends[0] - ends[ends.length - 1];
  if (!(spanNs > 0)) return undefined;
  return { perSecond: ((ends.length - 1) * 1e9) / spanNs, cycles: ends.length };
}
