/**
 * The kernel has already OOM-killed processes in this cgroup: cgroup v2 memory.events oom_kill
 * (counts the whole subtree) or cgroup v1 memory.oom_control oom_kill (Linux >= 4.13).
 * under_oom 1 (v1) means the group is stuck at its limit right now with the OOM killer disabled.
 */
import { reports } from '../engine.js';
import { diagnoseRule, evidence, finding } from '../rule-helpers.js';

export const oomKilled = diagnoseRule({
  reports: { 'oom-killed': reports<OomKilledArgs>('error') },
  applies: { scope: 'any-process', needs: ['oom'] },
  evaluate({ oom }) {
    if (oom.kills === 0 && !oom.underOom) return undefined;
    return finding('oom-killed', { oomKills: oom.kills, underOom: oom.underOom }, [
      evidence('OOM kills counted', oom.kills, oom.source, 'count'),
      oom.underOom
        ? evidence('under_oom', 1, oom.source.replace(/ oom_kill$/, ' under_oom'))
        : undefined,
    ]);
  },
});

export type OomKilledArgs = { readonly oomKills: number; readonly underOom?: boolean };
