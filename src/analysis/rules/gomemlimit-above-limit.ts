/**
 * GOMEMLIMIT at or above the effective cgroup limit: the GC only works hard near GOMEMLIMIT,
 * which the cgroup never lets the process reach, and GOMEMLIMIT does not even count non-Go
 * memory (runtime/debug.SetMemoryLimit docs). The OOM killer acts first.
 */
import { reports } from '../engine.js';
import { adviceArgs, type AdviceArgs } from '../gomemlimit-advice.js';
import { bytesEvidence, diagnoseRule, finding } from '../rule-helpers.js';

export const gomemlimitAboveLimit = diagnoseRule({
  reports: { 'gomemlimit-above-limit': reports<GomemlimitAboveLimitArgs>('error') },
  applies: { scope: 'go', needs: ['settings', 'limit', 'optional'] },
  evaluate({ settings, limit, optional }) {
    const g = settings.gomemlimit;
    if (g.bytes === null || g.bytes < limit.bytes) return undefined;
    return finding(
      'gomemlimit-above-limit',
      {
        gomemlimit: g.bytes,
        gomemlimitText: g.env?.raw,
        limit: limit.bytes,
        excessBytes: g.bytes - limit.bytes,
        ...adviceArgs(limit.bytes, optional),
      },
      [
        bytesEvidence('GOMEMLIMIT in force', g.bytes, g.source),
        bytesEvidence('effective memory limit', limit.bytes, limit.source),
      ],
    );
  },
});

export type GomemlimitAboveLimitArgs = AdviceArgs & {
  readonly gomemlimit: number;
  readonly gomemlimitText?: string;
  readonly limit: number;
  readonly excessBytes: number;
};
