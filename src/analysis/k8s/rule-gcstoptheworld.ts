/**
 * GODEBUG gcstoptheworld=1 (every GC fully stop-the-world) or =2 (also no concurrent sweep): a
 * runtime debugging aid, harmful in production (runtime/extern.go). The last setting wins.
 */
import { reports } from '../engine.js';
import { literalEnv } from './facts.js';
import { k8sFinding, type K8sArgs } from './finding.js';
import { defineK8sRule } from './rule-kit.js';

export const gcStopTheWorld = defineK8sRule({
  reports: { 'k8s-gcstoptheworld': reports<GcStopTheWorldArgs>('warning') },
  applies: { scope: 'go', needs: ['facts'] },
  evaluate: ({ facts }) => {
    const godebug = literalEnv(facts, 'GODEBUG');
    if (!godebug) return undefined;
    let level: string | undefined;
    for (const item of godebug.value.split(',')) {
      const [k, v] = item.trim().split('=');
      if (k === 'gcstoptheworld') level = v;
    }
    if (level === undefined || level === '0' || level === '') return undefined;
    const args = { value: godebug.value, level };
    return k8sFinding(facts, 'k8s-gcstoptheworld', godebug.env.valuePath, args, []);
  },
});

/** The whole GODEBUG value and its gcstoptheworld level. */
export type GcStopTheWorldArgs = K8sArgs<{ readonly value: string; readonly level: string }>;
