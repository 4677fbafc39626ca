/** Shorthands for the diagnose tests: run the analysis on a built snapshot and pick findings. */
import assert from 'node:assert/strict';
import { analyzeSnapshot, type DiagnoseReport } from '../../src/analysis/diagnose.js';
import type { RuntimeCode } from '../../src/model/codes/index.js';
import type { Finding } from '../../src/model/finding.js';
import { snapshot, type Spec } from './snapshot-builder.js';

export function report(spec: Spec = {}): DiagnoseReport {
  return analyzeSnapshot(snapshot(spec));
}

export function codes(spec: Spec = {}): RuntimeCode[] {
  return report(spec).findings.map((f) => f.code);
}

/** The one finding with `code`; fails the test when there is none or several. */
export function only(spec: Spec, code: RuntimeCode): Finding<RuntimeCode> {
  const hits = report(spec).findings.filter((f) => f.code === code);
  assert.equal(hits.length, 1, `expected exactly one ${code}, got ${hits.length}`);
  return hits[0];
}

export function fires(spec: Spec, code: RuntimeCode): boolean {
  return codes(spec).includes(code);
}

export function skipReason(spec: Spec, code: RuntimeCode): string | undefined {
  return report(spec).skipped.find((s) => s.rule === code)?.reason;
}
