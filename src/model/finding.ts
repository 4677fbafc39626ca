/**
 * Findings are data: a code, a severity, the numbers behind it (args) and where each number
 * came from (evidence). Wording lives in src/report/messages, keyed by code; tests assert codes
 * and numbers, not sentences.
 */
import type { FindingCode } from './codes/index.js';

export type Severity = 'error' | 'warning' | 'info';

export const SEVERITY_RANK: Readonly<Record<Severity, number>> = { info: 0, warning: 1, error: 2 };

export function parseSeverity(text: string): Severity | undefined {
  return text === 'error' || text === 'warning' || text === 'info' ? text : undefined;
}

/** True when `severity` is at or above `threshold` (for --fail-on). */
export function reaches(severity: Severity, threshold: Severity): boolean {
  return SEVERITY_RANK[severity] >= SEVERITY_RANK[threshold];
}

export type ArgValue = string | number | boolean;

/** 'bytes/s': a rate (a trend's slope); 'seconds' below 0 means "no bound" (an ETA's upper end). */
export type EvidenceUnit = 'bytes' | 'bytes/s' | 'count' | 'percent' | 'seconds' | 'ns' | 'ratio';

export interface Evidence {
  /** What the number is, e.g. "effective memory limit". */
  readonly what: string;
  readonly value: ArgValue;
  readonly unit?: EvidenceUnit;
  /** File path, runtime metric or endpoint: "/sys/fs/cgroup/memory.max". */
  readonly source: string;
}

export interface Finding<C extends string = FindingCode> {
  readonly code: C;
  readonly severity: Severity;
  readonly args: Readonly<Record<string, ArgValue>>;
  readonly evidence: readonly Evidence[];
  /** Where in an input the problem is (manifests, bench files): "deploy.yaml:12:9". */
  readonly location?: { readonly file: string; readonly line?: number; readonly column?: number };
}
