/**
 * GOMEMLIMIT at or above the effective cgroup limit: the GC only works hard near GOMEMLIMIT,
 * which the cgroup never lets the process reach, and GOMEMLIMIT does not even count non-Go
 * memory (runtime/debug.SetMemoryLimit docs). The OOM killer acts first.
 */
import { adviseGoMemLimit } from '../gomemlimit-advice.js';
import { bytesEvidence, diagnoseRule, finding } from '../rule-helpers.js';

export const gomemlimitAboveLimit = diagnoseRule({
  code: 'gomemlimit-above-limit',
  needs: ['settings', 'limit', 'optional'],
  evaluate({ settings, limit, optional }) {
    const g = settings.gomemlimit;
    if (g.bytes === null || g.bytes < limit.bytes) return undefined;
    const advice = adviseGoMemLimit(limit.bytes, optional);
    return finding(
      'gomemlimit-above-limit',
      'error',
      {
        gomemlimit: g.bytes,
        gomemlimitText: g.env?.raw,
        limit: limit.bytes,
        excessBytes: g.bytes - limit.bytes,
        recommended: advice.recommended,
        recommendedBytes: advice.recommendedBytes,
        recommendedBelowLiveHeap: advice.recommendedBelowLiveHeap,
        liveHeap: optional.liveHeap?.bytes,
        nonGoBytes: advice.nonGoBytes,
        nonGoMeasured: advice.nonGoMeasured,
      },
      [
        bytesEvidence('GOMEMLIMIT in force', g.bytes, g.source),
        bytesEvidence('effective memory limit', limit.bytes, limit.source),
      ],
    );
  },
});
