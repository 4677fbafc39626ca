/**
 * No memory limit anywhere on the path from the process's cgroup to the root (the effective
 * limit is the smallest on that path). The process can grow until the node itself runs short.
 */
import { UNLIMITED } from '../../model/units.js';
import { reports } from '../engine.js';
import { diagnoseRule, evidence, finding } from '../rule-helpers.js';

export const noMemoryLimit = diagnoseRule({
  reports: { 'no-memory-limit': reports<NoMemoryLimitArgs>('info') },
  applies: { scope: 'any-process', needs: ['limitObserved'] },
  evaluate({ limitObserved }) {
    if (limitObserved.limit !== UNLIMITED) return undefined;
    return finding('no-memory-limit', {}, [
      evidence('effective memory limit', 'unlimited', limitObserved.source),
    ]);
  },
});

export type NoMemoryLimitArgs = Record<never, never>;
