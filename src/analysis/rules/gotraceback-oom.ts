/**
 * GOTRACEBACK=crash under a memory limit: it makes Go abort with a core dump on a fatal error,
 * an unrecovered panic or SIGQUIT/SIGABRT, but a cgroup OOM kill is SIGKILL (mm/oom_kill.c),
 * which no program can catch: no traceback, no core, no deferred calls.
 */
import { bytesEvidence, diagnoseRule, evidence, finding } from '../rule-helpers.js';

export const gotracebackOom = diagnoseRule({
  code: 'gotraceback-oom',
  needs: ['settings', 'limit', 'optional'],
  evaluate({ settings, limit, optional }) {
    const tb = settings.gotraceback;
    if (tb.value !== 'crash') return undefined;
    const kills = optional.oom?.kills ?? 0;
    return finding(
      'gotraceback-oom',
      kills > 0 ? 'warning' : 'info',
      { gotraceback: tb.value, oomKills: optional.oom ? kills : undefined, limit: limit.bytes },
      [
        evidence('GOTRACEBACK', tb.value, tb.source),
        bytesEvidence('effective memory limit', limit.bytes, limit.source),
        optional.oom
          ? evidence('OOM kills counted', kills, optional.oom.source, 'count')
          : undefined,
      ],
    );
  },
});
