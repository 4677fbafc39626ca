/**
 * GOMEMLIMIT below the cgroup limit but without room for the memory it does not count
 * (cgo, mmap, binary text, page cache and kernel memory charged to the cgroup): GOMEMLIMIT plus
 * the measured non-Go memory exceeds 95% of the limit. Go's GC guide suggests 5-10% headroom.
 */
import { reports } from '../engine.js';
import { adviceArgs, CEILING_SHARE, type AdviceArgs } from '../gomemlimit-advice.js';
import { bytesEvidence, diagnoseRule, finding } from '../rule-helpers.js';

export const gomemlimitTooClose = diagnoseRule({
  reports: { 'gomemlimit-too-close': reports<GomemlimitTooCloseArgs>('warning') },
  applies: { scope: 'go', needs: ['settings', 'limit', 'optional'] },
  evaluate({ settings, limit, optional }) {
    const g = settings.gomemlimit;
    if (g.bytes === null || g.bytes >= limit.bytes) return undefined;
    const nonGo = optional.nonGo?.bytes ?? 0;
    const ceiling = Math.floor(limit.bytes * CEILING_SHARE);
    if (g.bytes + nonGo <= ceiling) return undefined;
    return finding(
      'gomemlimit-too-close',
      {
        gomemlimit: g.bytes,
        gomemlimitText: g.env?.raw,
        limit: limit.bytes,
        headroomBytes: limit.bytes - g.bytes - nonGo,
        ceilingBytes: ceiling,
        ...adviceArgs(limit.bytes, optional),
      },
      [
        bytesEvidence('GOMEMLIMIT in force', g.bytes, g.source),
        bytesEvidence('effective memory limit', limit.bytes, limit.source),
        optional.nonGo
          ? bytesEvidence('memory GOMEMLIMIT does not cover', nonGo, optional.nonGo.source)
          : undefined,
      ],
    );
  },
});

export type GomemlimitTooCloseArgs = AdviceArgs & {
  readonly gomemlimit: number;
  readonly gomemlimitText?: string;
  readonly limit: number;
  readonly headroomBytes: number;
  readonly ceilingBytes: number;
};
