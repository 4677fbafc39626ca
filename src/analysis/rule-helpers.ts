/** Small helpers shared by the diagnose rules (src/analysis/rules). */
import type { RuntimeCode } from '../model/codes/index.js';
import type { ArgValue, Evidence, Severity } from '../model/finding.js';
import type { DiagnoseInputs } from './diagnose-inputs.js';
import { defineRule, type Args } from './engine.js';

export const diagnoseRule = defineRule<DiagnoseInputs>();

export function bytesEvidence(what: string, value: number, source: string): Evidence {
  return { what, value, unit: 'bytes', source };
}

export function evidence(
  what: string,
  value: ArgValue,
  source: string,
  unit?: Evidence['unit'],
): Evidence {
  return unit === undefined ? { what, value, source } : { what, value, unit, source };
}

/**
 * A finding of `code` with its args and the evidence that is there; `severity` only when it
 * is not the code's usual one (the rule declares that in `reports`).
 */
export function finding<C extends RuntimeCode, A extends Args>(
  code: C,
  args: A,
  items: readonly (Evidence | undefined)[],
  severity?: Severity,
) {
  const evidence = items.filter((e): e is Evidence => e !== undefined);
  return { code, args, evidence, ...(severity ? { severity } : {}) };
}
