/** Small helpers shared by the diagnose rules (src/analysis/rules). */
import type { RuntimeCode } from '../model/codes/index.js';
import type { ArgValue, Evidence, Finding, Severity } from '../model/finding.js';
import type { DiagnoseInputs } from './diagnose-inputs.js';
import { defineRule } from './engine.js';

export const diagnoseRule = defineRule<DiagnoseInputs>();

export type RuntimeFinding = Finding<RuntimeCode>;

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

export function finding(
  code: RuntimeCode,
  severity: Severity,
  args: Record<string, ArgValue | undefined>,
  items: (Evidence | undefined)[],
): RuntimeFinding {
  const clean = Object.fromEntries(
    Object.entries(args).filter(([, v]) => v !== undefined),
  ) as Record<string, ArgValue>;
  return {
    code,
    severity,
    args: clean,
    evidence: items.filter((e): e is Evidence => e !== undefined),
  };
}
