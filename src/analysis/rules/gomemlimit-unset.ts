/**
 * A memory limit is in force but GOMEMLIMIT is not: neither Go nor Kubernetes sets it, and no
 * Go release reads the cgroup limit (automatic GOMEMLIMIT is only proposed: golang/go#75164).
 * The GC then paces by GOGC alone and may let the heap grow into the cgroup OOM killer.
 * A binary that links automemlimit (or the gomemlens agent) sets the limit itself at start-up:
 * without the runtime's own value (go_gc_gomemlimit_bytes) that is only reported as info.
 */
import { reports } from '../engine.js';
import { adviceArgs, type AdviceArgs } from '../gomemlimit-advice.js';
import { hasFeature } from '../go-versions.js';
import { bytesEvidence, diagnoseRule, evidence, finding } from '../rule-helpers.js';

export const gomemlimitUnset = diagnoseRule({
  // Info when a linked module likely sets the limit at start-up and the runtime cannot confirm.
  reports: { 'gomemlimit-unset': reports<GomemlimitUnsetArgs>('warning') },
  applies: { scope: 'go', needs: ['settings', 'limit', 'optional'] },
  evaluate({ settings, limit, optional }) {
    const g = settings.gomemlimit;
    if (g.bytes !== null || g.env?.parsed.kind === 'malformed') return undefined;
    const v = optional.goVersion;
    const confirmed = g.runtime !== undefined;
    // Such a module sets the limit at start-up from the cgroup; only the runtime's value can tell.
    const auto = optional.limitSetter;
    return finding(
      'gomemlimit-unset',
      {
        limit: limit.bytes,
        ...adviceArgs(limit.bytes, optional),
        explicitOff: g.env?.parsed.kind === 'off',
        confirmedByRuntime: confirmed,
        limitSetterModule: auto?.path,
        limitSetterVersion: auto?.version,
        goVersion: v?.text,
        goSupportsLimit: v ? hasFeature(v, 'gomemlimit') : undefined,
      },
      [
        bytesEvidence('effective memory limit', limit.bytes, limit.source),
        evidence('GOMEMLIMIT in force', 'none (math.MaxInt64)', g.source),
        auto ? evidence(`links ${auto.path}`, auto.version, auto.source) : undefined,
        optional.nonGo
          ? bytesEvidence(
              'memory GOMEMLIMIT does not cover',
              optional.nonGo.bytes,
              optional.nonGo.source,
            )
          : undefined,
      ],
      auto && !confirmed ? 'info' : undefined,
    );
  },
});

export type GomemlimitUnsetArgs = AdviceArgs & {
  readonly limit: number;
  readonly explicitOff: boolean;
  readonly confirmedByRuntime: boolean;
  readonly limitSetterModule?: string;
  readonly limitSetterVersion?: string;
  readonly goVersion?: string;
  readonly goSupportsLimit?: boolean;
};
