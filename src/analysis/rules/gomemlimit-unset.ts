/**
 * A memory limit is in force but GOMEMLIMIT is not: neither Go nor Kubernetes sets it, and no
 * Go release reads the cgroup limit (automatic GOMEMLIMIT is only proposed: golang/go#75164).
 * The GC then paces by GOGC alone and may let the heap grow into the cgroup OOM killer.
 */
import { adviseGoMemLimit } from '../gomemlimit-advice.js';
import { hasFeature } from '../go-versions.js';
import { bytesEvidence, diagnoseRule, evidence, finding } from '../rule-helpers.js';

export const gomemlimitUnset = diagnoseRule({
  code: 'gomemlimit-unset',
  needs: ['settings', 'limit', 'optional'],
  evaluate({ settings, limit, optional }) {
    const g = settings.gomemlimit;
    if (g.bytes !== null || g.env?.parsed.kind === 'malformed') return undefined;
    const advice = adviseGoMemLimit(limit.bytes, optional.nonGo?.bytes);
    const v = optional.goVersion;
    return finding(
      'gomemlimit-unset',
      'warning',
      {
        limit: limit.bytes,
        recommended: advice.recommended,
        recommendedBytes: advice.recommendedBytes,
        nonGoBytes: advice.nonGoBytes,
        nonGoMeasured: advice.nonGoMeasured,
        explicitOff: g.env?.parsed.kind === 'off',
        confirmedByRuntime: g.runtime !== undefined,
        goVersion: v?.text,
        goSupportsLimit: v ? hasFeature(v, 'gomemlimit') : undefined,
      },
      [
        bytesEvidence('effective memory limit', limit.bytes, limit.source),
        evidence('GOMEMLIMIT in force', 'none (math.MaxInt64)', g.source),
        optional.nonGo
          ? bytesEvidence(
              'memory GOMEMLIMIT does not cover',
              optional.nonGo.bytes,
              optional.nonGo.source,
            )
          : undefined,
      ],
    );
  },
});
