/**
 * GODEBUG=gcstoptheworld=1 makes every GC fully stop-the-world (no concurrent mark); =2 also
 * disables concurrent sweeping (runtime/extern.go). A debugging aid, harmful in production.
 */
import { reports } from '../engine.js';
import { diagnoseRule, evidence, finding } from '../rule-helpers.js';

export const gcStopTheWorld = diagnoseRule({
  reports: { gcstoptheworld: reports<GcStopTheWorldArgs>('warning') },
  applies: { scope: 'go', needs: ['settings'] },
  evaluate({ settings }) {
    const flag = settings.godebug.gcstoptheworld;
    if (!flag || (flag.value !== '1' && flag.value !== '2')) return undefined;
    return finding('gcstoptheworld', { mode: Number(flag.value) }, [
      evidence('GODEBUG gcstoptheworld', flag.value, flag.source),
    ]);
  },
});

export type GcStopTheWorldArgs = { readonly mode: number };
