/**
 * No memory limit anywhere on the path from the process's cgroup to the root (the effective
 * limit is the smallest on that path). The process can grow until the node itself runs short.
 */
import { UNLIMITED } from '../../model/units.js';
import { diagnoseRule, evidence, finding } from '../rule-helpers.js';

export const noMemoryLimit = diagnoseRule({
  code: 'no-memory-limit',
  needs: ['limitObserved'],
  evaluate({ limitObserved }) {
    if (limitObserved.limit !== UNLIMITED) return undefined;
    return finding('no-memory-limit', 'info', {}, [
      evidence('effective memory limit', 'unlimited', limitObserved.source),
    ]);
  },
});
