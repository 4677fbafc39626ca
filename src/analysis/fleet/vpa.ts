/**
 * What the Kubernetes VPA recommender would set as the memory target on the same series, by
 * its published defaults (kubernetes/autoscaler vertical-pod-autoscaler/pkg/recommender):
 * one sample per container per 24 h interval, the peak working set of that interval
 * (model/container.go addMemorySample), weighted by 2^((t - ref) / 24 h)
 * (util/decaying_histogram.go) in an exponential histogram whose first bucket is 1e7 bytes and
 * each next one 5% wider (model/aggregations_config.go); the target is the histogram's p90
 * (the end of its bucket, util/histogram.go Percentile) plus a 15% safety margin, at least
 * 250 MiB per pod spread over its containers (logic/recommender.go). After an OOM kill the
 * interval's peak becomes max(used + 100 MiB, used x 1.2), used = max(request, the peak).
 */
import { MiB } from '../../model/units.js';
import type { ReferenceRecommendation } from '../../model/fleet.js';

const FIRST_BUCKET = 1e7;
const RATIO = 1.05;
const MAX_VALUE = 1e12;
const EPSILON = 0.001 * 0.1;
const HALF_LIFE_MS = 24 * 3_600_000;
export const VPA_TARGET_PERCENTILE = 0.9;
export const VPA_SAFETY_MARGIN = 0.15;
const POD_MIN_BYTES = 250 * MiB;
const OOM_RATIO = 1.2;
const OOM_MIN_BYTES = 100 * MiB;

const NUM_BUCKETS =
  Math.ceil(Math.log((MAX_VALUE * (RATIO - 1)) / FIRST_BUCKET + 1) / Math.log(RATIO)) + 1;

export function findBucket(value: number): number {
  if (value < FIRST_BUCKET) return 0;
  const b = Math.floor(Math.log((value * (RATIO - 1)) / FIRST_BUCKET + 1) / Math.log(RATIO));
  return Math.min(b, NUM_BUCKETS - 1);
}

export function bucketStart(bucket: number): number {
  return bucket === 0 ? 0 : (FIRST_BUCKET * (RATIO ** bucket - 1)) / (RATIO - 1);
}

export interface PeakSample {
  /** End of the 24 h interval (ms). */
  readonly t: number;
  readonly bytes: number;
}

/** The decayed histogram's percentile: the end of the bucket where the weight reaches p. */
export function decayedPercentile(samples: readonly PeakSample[], p: number): number {
  if (samples.length === 0) return 0;
  const ref = Math.max(...samples.map((s) => s.t));
  const weights = new Map<number, number>();
  let total = 0;
  for (const s of samples) {
    const w = 2 ** ((s.t - ref) / HALF_LIFE_MS);
    const b = findBucket(s.bytes);
    weights.set(b, (weights.get(b) ?? 0) + w);
    total += w;
  }
  const buckets = [...weights.keys()]
    .filter((b) => weights.get(b)! >= EPSILON)
    .sort((a, b) => a - b);
  if (buckets.length === 0) return 0;
  let partial = 0;
  let bucket = buckets[0];
  for (bucket of buckets) {
    partial += weights.get(bucket)!;
    if (partial >= p * total) break;
  }
  return bucket < NUM_BUCKETS - 1 ? bucketStart(bucket + 1) : bucketStart(bucket);
}

/** VPA's synthetic sample after an OOM kill (model/container.go RecordOOM). */
export function oomBump(peak: number, request: number | undefined): number {
  const used = Math.max(request ?? 0, peak);
  return Math.max(used + OOM_MIN_BYTES, used * OOM_RATIO);
}

export interface VpaInput {
  /** Daily peaks of every pod of the workload. */
  readonly peaks: readonly PeakSample[];
  /** Which of those intervals saw an OOM kill (index into peaks). */
  readonly oomIntervals: ReadonlySet<number>;
  readonly requestBytes?: number;
  readonly limitBytes?: number;
  readonly containersPerPod: number;
  readonly windowDays: number;
}

export function vpaRecommendation(input: VpaInput): ReferenceRecommendation {
  if (input.peaks.length === 0) return { undefinedReason: 'no working set series', notes: [] };
  const samples = input.peaks.map((s, i) =>
    input.oomIntervals.has(i)
      ? { t: s.t, bytes: Math.max(s.bytes, oomBump(s.bytes, input.requestBytes)) }
      : s,
  );
  const p90 = decayedPercentile(samples, VPA_TARGET_PERCENTILE);
  const floor = POD_MIN_BYTES / Math.max(1, input.containersPerPod);
  const target = Math.max(p90 * (1 + VPA_SAFETY_MARGIN), floor);
  const notes: string[] = [];
  if (input.oomIntervals.size)
    notes.push(`OOM bump applied to ${input.oomIntervals.size} interval(s)`);
  if (target === floor) notes.push('raised to the 250 MiB per-pod minimum');
  if (input.windowDays < 8) notes.push(`VPA aggregates 8 days; the window has ${input.windowDays}`);
  // VPA keeps the limit/request proportion of the pod spec (controlledValues RequestsAndLimits).
  const { requestBytes: req, limitBytes: lim } = input;
  const limit = lim !== undefined ? Math.round(target * (lim / (req ?? lim))) : undefined;
  return {
    requestBytes: Math.round(target),
    ...(limit !== undefined ? { limitBytes: limit } : {}),
    notes,
  };
}
