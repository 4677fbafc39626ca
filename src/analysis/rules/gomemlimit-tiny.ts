/**
 * A GOMEMLIMIT below 1 MiB is almost always a units mistake: the Kubernetes downward API with
 * `divisor: 1Mi` yields "512", which Go reads as 512 bytes. The GC then runs nearly
 * continuously (capped by the GC CPU limiter at about 50% CPU, runtime/mgclimit.go).
 */
import { MiB } from '../../model/units.js';
import { reports } from '../engine.js';
import { cappedSuggestion, type SuggestionArgs } from '../gomemlimit-advice.js';
import { bytesEvidence, diagnoseRule, finding } from '../rule-helpers.js';

export const TINY_LIMIT = MiB;

export const gomemlimitTiny = diagnoseRule({
  reports: { 'gomemlimit-tiny': reports<GomemlimitTinyArgs>('error') },
  applies: { scope: 'go', needs: ['settings', 'optional'] },
  evaluate({ settings, optional }) {
    const g = settings.gomemlimit;
    if (g.bytes === null || g.bytes >= TINY_LIMIT) return undefined;
    const raw = g.env?.raw;
    const plainNumber = raw !== undefined && /^[0-9]+$/.test(raw);
    return finding(
      'gomemlimit-tiny',
      {
        gomemlimit: g.bytes,
        gomemlimitText: raw,
        // "512" from divisor: 1Mi is the whole limit in MiB: lowered to the recommendation.
        ...(plainNumber ? cappedSuggestion(`${raw}MiB`, optional.limit?.bytes, optional) : {}),
      },
      [bytesEvidence('GOMEMLIMIT in force', g.bytes, g.source)],
    );
  },
});

export type GomemlimitTinyArgs = SuggestionArgs & {
  readonly gomemlimit: number;
  readonly gomemlimitText?: string;
};
