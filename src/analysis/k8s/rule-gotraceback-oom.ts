/**
 * GOTRACEBACK=crash on a container with a memory limit, as if the core dump would explain an
 * OOM kill: it makes Go abort with SIGABRT on a fatal error, an unrecovered panic or
 * SIGQUIT/SIGABRT (runtime/extern.go), but the OOM killer sends SIGKILL (mm/oom_kill.c), which
 * no program can catch: no traceback, no core. The same info finding as `diagnose` gives at run
 * time (src/analysis/rules/gotraceback-oom.ts).
 */
import { reports } from '../engine.js';
import { literalEnv } from './facts.js';
import { fromManifest, k8sFinding, memoryLimitEvidence, type K8sArgs } from './finding.js';
import { defineK8sRule } from './rule-kit.js';

export const gotracebackOom = defineK8sRule({
  reports: { 'k8s-gotraceback-oom': reports<GotracebackOomArgs>('info') },
  applies: { scope: 'go', needs: ['facts'] },
  evaluate: ({ facts }) => {
    const set = literalEnv(facts, 'GOTRACEBACK');
    if (set?.value !== 'crash' || !facts.memoryLimit) return undefined;
    const { env, value } = set;
    const args = { gotraceback: value, limit: facts.memoryLimit.quantity.text };
    const evidence = [
      fromManifest(facts, 'GOTRACEBACK', value, env.valuePath),
      ...memoryLimitEvidence(facts),
    ];
    return k8sFinding(facts, 'k8s-gotraceback-oom', env.valuePath, args, evidence);
  },
});

/** `limit`: the memory limit as written. */
export type GotracebackOomArgs = K8sArgs<{ readonly gotraceback: string; readonly limit: string }>;
