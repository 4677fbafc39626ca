/**
 * GOGC=off with no GOMEMLIMIT: the GC never runs on its own, so the heap grows without bound
 * until the OOM killer stops it. GOGC=off is only safe together with GOMEMLIMIT, which still
 * applies when GOGC is off (go.dev/doc/gc-guide#Memory_limit).
 */
import { reports } from '../engine.js';
import { diagnoseRule, evidence, finding } from '../rule-helpers.js';

export const gogcOffWithoutLimit = diagnoseRule({
  reports: { 'gogc-off-without-limit': reports<GogcOffWithoutLimitArgs>('error') },
  applies: { scope: 'go', needs: ['settings'] },
  evaluate({ settings }) {
    const { gogc, gomemlimit } = settings;
    if (gogc.percent !== null || gomemlimit.bytes !== null) return undefined;
    return finding('gogc-off-without-limit', { gogc: gogc.envRaw ?? 'off' }, [
      evidence('GOGC in force', 'off', gogc.source),
      evidence('GOMEMLIMIT in force', 'none (math.MaxInt64)', gomemlimit.source),
    ]);
  },
});

export type GogcOffWithoutLimitArgs = { readonly gogc: string };
