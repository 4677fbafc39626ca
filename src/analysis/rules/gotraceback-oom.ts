/**
 * GOTRACEBACK=crash under a memory limit: it makes Go abort with a core dump on a fatal error,
 * an unrecovered panic or SIGQUIT/SIGABRT, but a cgroup OOM kill is SIGKILL (mm/oom_kill.c),
 * which no program can catch: no traceback, no core, no deferred calls.
 */
import { reports } from '../engine.js';
import { bytesEvidence, diagnoseRule, evidence, finding } from '../rule-helpers.js';

export const gotracebackOom = diagnoseRule({
  // A warning once the cgroup has OOM-killed something.
  reports: { 'gotraceback-oom': reports<GotracebackOomArgs>('info') },
  applies: { scope: 'go', needs: ['settings', 'limit', 'optional'] },
  evaluate({ settings, limit, optional }) {
    const tb = settings.gotraceback;
    if (tb.value !== 'crash') return undefined;
    const kills = optional.oom?.kills ?? 0;
    return finding(
      'gotraceback-oom',
      { gotraceback: tb.value, oomKills: optional.oom ? kills : undefined, limit: limit.bytes },
      [
        evidence('GOTRACEBACK', tb.value, tb.source),
        bytesEvidence('effective memory limit', limit.bytes, limit.source),
        optional.oom
          ? evidence('OOM kills counted', kills, optional.oom.source, 'count')
          : undefined,
      ],
      kills > 0 ? 'warning' : undefined,
    );
  },
});

export type GotracebackOomArgs = {
  readonly gotraceback: string;
  readonly oomKills?: number;
  readonly limit: number;
};
