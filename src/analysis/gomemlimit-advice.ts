/**
 * The GOMEMLIMIT we recommend under a container limit: about 90% of the limit minus the
 * memory the limit does not cover (non-Go memory), never above 95% of the limit. Go's GC guide
 * recommends 5-10% headroom (go.dev/doc/gc-guide#Suggested_uses), and the scavenger returns
 * memory to the OS down to 95% of the limit (runtime/mgcscavenge.go, reduceExtraPercent = 5).
 */
import { formatGoMemLimit, parseGoMemLimit } from '../model/gomemlimit.js';

export const HEADROOM_SHARE = 0.1;
export const CEILING_SHARE = 0.95;

export interface GoMemLimitAdvice {
  /** In Go's syntax, e.g. "460MiB"; "" when the non-Go memory leaves no room. */
  readonly recommended: string;
  readonly recommendedBytes: number;
  /** The non-Go memory subtracted (0 when not measured). */
  readonly nonGoBytes: number;
  readonly nonGoMeasured: boolean;
}

export function adviseGoMemLimit(limit: number, nonGo: number | undefined): GoMemLimitAdvice {
  const nonGoBytes = nonGo ?? 0;
  const target = Math.min(limit * (1 - HEADROOM_SHARE) - nonGoBytes, limit * CEILING_SHARE);
  const base = { nonGoBytes, nonGoMeasured: nonGo !== undefined };
  if (target < 1) return { recommended: '', recommendedBytes: 0, ...base };
  const recommended = formatGoMemLimit(target);
  const parsed = parseGoMemLimit(recommended);
  return { recommended, recommendedBytes: parsed.kind === 'bytes' ? parsed.bytes : 0, ...base };
}
