/**
 * The target's executable carries no Go build info (.go.buildinfo, src/debug/buildinfo), so
 * the Go-specific rules do not apply to it.
 */
import { diagnoseRule, evidence, finding } from '../rule-helpers.js';

export const notAGoBinary = diagnoseRule({
  code: 'not-a-go-binary',
  needs: ['binary'],
  evaluate({ binary }) {
    if (binary.info.isGo) return undefined;
    return finding('not-a-go-binary', 'info', { reason: binary.info.reason }, [
      evidence('executable', binary.info.reason, binary.source),
    ]);
  },
});
