/**
 * The GOMEMLIMIT we recommend under a container limit: about 90% of the limit minus the
 * memory the limit does not cover (non-Go memory), never above 95% of the limit. Go's GC guide
 * recommends 5-10% headroom (go.dev/doc/gc-guide#Suggested_uses), and the scavenger returns
 * memory to the OS down to 95% of the limit (runtime/mgcscavenge.go, reduceExtraPercent = 5).
 */
import { capGoMemLimit, formatGoMemLimit, parseGoMemLimit } from '../model/gomemlimit.js';

export const HEADROOM_SHARE = 0.1;
export const CEILING_SHARE = 0.95;

export interface GoMemLimitAdvice {
  /** In Go's syntax, e.g. "460MiB"; "" when the non-Go memory leaves no room. */
  readonly recommended: string;
  readonly recommendedBytes: number;
  /** The non-Go memory subtracted (0 when not measured). */
  readonly nonGoBytes: number;
  readonly nonGoMeasured: boolean;
  /**
   * True when the live heap is already above the recommendation: such a GOMEMLIMIT would make
   * the GC run continuously (the limit is not a cure for a heap that does not fit).
   */
  readonly recommendedBelowLiveHeap: boolean;
}

/** The measurements the advice uses when they are there. */
export interface AdviceInputs {
  readonly nonGo?: { readonly bytes: number };
  readonly liveHeap?: { readonly bytes: number };
}

export function adviseGoMemLimit(limit: number, measured: AdviceInputs): GoMemLimitAdvice {
  const nonGo = measured.nonGo?.bytes;
  const nonGoBytes = nonGo ?? 0;
  const target = Math.min(limit * (1 - HEADROOM_SHARE) - nonGoBytes, limit * CEILING_SHARE);
  const base = { nonGoBytes, nonGoMeasured: nonGo !== undefined };
  const live = measured.liveHeap?.bytes;
  if (target < 1)
    return {
      recommended: '',
      recommendedBytes: 0,
      ...base,
      recommendedBelowLiveHeap: live !== undefined,
    };
  const recommended = formatGoMemLimit(target);
  const parsed = parseGoMemLimit(recommended);
  const recommendedBytes = parsed.kind === 'bytes' ? parsed.bytes : 0;
  return {
    recommended,
    recommendedBytes,
    ...base,
    recommendedBelowLiveHeap: live !== undefined && live >= recommendedBytes,
  };
}

/** The recommendation as finding args, the same in every GOMEMLIMIT rule. */
export type AdviceArgs = {
  /** Go syntax ("460MiB"); empty when memory outside Go leaves no room under the limit. */
  readonly recommended: string;
  readonly recommendedBytes: number;
  readonly recommendedBelowLiveHeap: boolean;
  readonly liveHeap?: number;
  readonly nonGoBytes: number;
  readonly nonGoMeasured: boolean;
};

export function adviceArgs(limit: number, measured: AdviceInputs): AdviceArgs {
  const advice = adviseGoMemLimit(limit, measured);
  return {
    recommended: advice.recommended,
    recommendedBytes: advice.recommendedBytes,
    recommendedBelowLiveHeap: advice.recommendedBelowLiveHeap,
    liveHeap: measured.liveHeap?.bytes,
    nonGoBytes: advice.nonGoBytes,
    nonGoMeasured: advice.nonGoMeasured,
  };
}

/** A corrected GOMEMLIMIT as finding args (gomemlimit-malformed, gomemlimit-tiny). */
export type SuggestionArgs = {
  readonly suggestion?: string;
  readonly suggestionCapped?: boolean;
  readonly limit?: number;
};

/**
 * A GOMEMLIMIT suggested to fix a mistake ("480M" -> "457MiB", "512" -> "512MiB"), lowered to
 * the recommendation when the limit is known, so it never points above the limit. No
 * suggestion when the memory outside the Go runtime leaves no room under the limit.
 */
export function cappedSuggestion(
  value: string,
  limit: number | undefined,
  measured: AdviceInputs,
): SuggestionArgs {
  if (limit === undefined) return { suggestion: value };
  const advice = adviseGoMemLimit(limit, measured);
  if (!advice.recommended) return { limit };
  const capped = capGoMemLimit(value, advice.recommendedBytes);
  return { suggestion: capped.value, suggestionCapped: capped.capped, limit };
}
