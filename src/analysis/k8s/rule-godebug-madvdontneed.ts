/**
 * GODEBUG madvdontneed, judged by the binary's Go version (go-versions.ts madvFreeDefault):
 * Go 1.12-1.15 return memory with MADV_FREE by default, so RSS stays high after the heap
 * shrinks until the node is under pressure: there `madvdontneed=1` is worth setting. Go >= 1.16
 * uses MADV_DONTNEED again (golang/go#42330), so `madvdontneed=1` changes nothing, and
 * `madvdontneed=0` opts into MADV_FREE. Go <= 1.11 has no such setting. Needs the version.
 */
import { atLeast, hasFeature } from '../go-versions.js';
import { parseGodebug } from '../settings.js';
import { k8sFinding } from './finding.js';
import { defineK8sRule } from './rule-kit.js';

export const godebugMadvdontneed = defineK8sRule({
  code: 'k8s-godebug-madvdontneed',
  needs: ['facts', 'binary'],
  evaluate: ({ facts, binary }) => {
    const env = facts.container.env.get('GODEBUG');
    const text = env?.source.kind === 'literal' ? env.source.value : undefined;
    if (env && text === undefined) return undefined; // from a source not read
    const setting = parseGodebug(text).findLast(([k]) => k === 'madvdontneed')?.[1];
    const v = binary.version;
    const freeByDefault = hasFeature(v, 'madvFreeDefault');
    let effect: 'advise' | 'no-effect' | 'opts-into-free' | undefined;
    if (freeByDefault && setting !== '1') effect = 'advise';
    else if (!freeByDefault && setting === '1') effect = 'no-effect';
    else if (atLeast(v, 1, 16) && setting === '0') effect = 'opts-into-free';
    if (!effect) return undefined;
    const path = env
      ? env.valuePath
      : facts.container.env.size > 0
        ? [...facts.container.path, 'env']
        : facts.container.path;
    return k8sFinding(
      facts,
      'k8s-godebug-madvdontneed',
      'info',
      path,
      {
        effect,
        goVersion: v.text,
        newer: atLeast(v, 1, 16),
        ...(setting !== undefined ? { setting } : {}),
      },
      [{ what: 'Go version of the binary', value: v.text, source: binary.source }],
    );
  },
});
