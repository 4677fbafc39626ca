/**
 * The target's executable carries no Go build info (.go.buildinfo, src/debug/buildinfo), so
 * the Go-specific rules do not apply to it.
 */
import { reports } from '../engine.js';
import { diagnoseRule, evidence, finding } from '../rule-helpers.js';

export const notAGoBinary = diagnoseRule({
  reports: { 'not-a-go-binary': reports<NotAGoBinaryArgs>('info') },
  applies: { scope: 'any-process', needs: ['binary'] },
  evaluate({ binary }) {
    if (binary.info.isGo) return undefined;
    return finding('not-a-go-binary', { reason: binary.info.reason }, [
      evidence('executable', binary.info.reason, binary.source),
    ]);
  },
});

export type NotAGoBinaryArgs = { readonly reason: string };
