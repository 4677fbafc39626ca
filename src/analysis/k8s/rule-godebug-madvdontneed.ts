/**
 * GODEBUG madvdontneed, judged by the binary's Go version (go-versions.ts madvFreeDefault):
 * Go 1.12-1.15 return memory with MADV_FREE by default, so RSS stays high after the heap
 * shrinks until the node is under pressure: there `madvdontneed=1` is worth setting. Go >= 1.16
 * uses MADV_DONTNEED again (golang/go#42330), so `madvdontneed=1` changes nothing, and
 * `madvdontneed=0` opts into MADV_FREE. Go <= 1.11 has no such setting. Needs the version.
 */
import { atLeast, hasFeature, type GoVersion } from '../go-versions.js';
import { parseGodebug } from '../settings.js';
import { reports } from '../engine.js';
import { binaryEvidence, envListPath, k8sFinding, type K8sArgs } from './finding.js';
import { defineK8sRule } from './rule-kit.js';

type Effect = 'advise' | 'no-effect' | 'opts-into-free';

export const godebugMadvdontneed = defineK8sRule({
  reports: { 'k8s-godebug-madvdontneed': reports<MadvdontneedArgs>('info') },
  applies: { scope: 'go', needs: ['facts', 'binary'] },
  evaluate: ({ facts, binary }) => {
    const env = facts.container.env.get('GODEBUG');
    const text = env?.source.kind === 'literal' ? env.source.value : undefined;
    if (env && text === undefined) return undefined; // from a source not read
    const setting = parseGodebug(text).findLast(([k]) => k === 'madvdontneed')?.[1];
    const v = binary.version;
    const effect = effectOf(v, setting);
    if (!effect) return undefined;
    const path = env ? env.valuePath : envListPath(facts);
    const args = {
      effect,
      goVersion: v.text,
      newer: atLeast(v, 1, 16),
      ...(setting !== undefined ? { setting } : {}),
    };
    return k8sFinding(facts, 'k8s-godebug-madvdontneed', path, args, [binaryEvidence(binary)]);
  },
});

function effectOf(v: GoVersion, setting: string | undefined): Effect | undefined {
  const freeByDefault = hasFeature(v, 'madvFreeDefault');
  if (freeByDefault && setting !== '1') return 'advise';
  if (!freeByDefault && setting === '1') return 'no-effect';
  if (atLeast(v, 1, 16) && setting === '0') return 'opts-into-free';
  return undefined;
}

/**
 * `effect`: advise (1.12-1.15 without madvdontneed=1), no-effect (=1 where MADV_DONTNEED is
 * already the default), opts-into-free (=0 on >= 1.16); `newer`: Go >= 1.16.
 */
export type MadvdontneedArgs = K8sArgs<{
  readonly effect: Effect;
  readonly goVersion: string;
  readonly newer: boolean;
  readonly setting?: string;
}>;
