/**
 * The breakdown at a chosen moment of a capture: the nearest full snapshot run through the
 * same analysis as `gomemlens diagnose` (analysis/diagnose.ts: the reconciled breakdown, from
 * the container limit down to the live heap, and the rules), flattened into the rows and
 * findings every diagnose renderer shows. Runs in the page when a moment is picked.
 */
import { analyzeSnapshot } from '../../analysis/diagnose.js';
import type { SnapshotRecord } from '../../formats/capture.js';
import {
  breakdownRows,
  findingViews,
  missingGroups,
  type BreakdownRow,
  type FindingView,
} from '../diagnose-view.js';

export interface MomentView {
  /** The snapshot shown: the one nearest to the moment picked. */
  readonly record: SnapshotRecord;
  readonly rows: readonly BreakdownRow[];
  readonly findings: readonly FindingView[];
  /** What could not be measured at that moment, as diagnose lists it (one line each). */
  readonly missing: readonly string[];
}

/** The snapshot record nearest to `tMs`; undefined when the capture has none. */
export function nearestSnapshot(
  snapshots: readonly SnapshotRecord[],
  tMs: number,
): SnapshotRecord | undefined {
  if (snapshots.length === 0) return undefined;
  return snapshots.reduce((a, b) => (Math.abs(b.t - tMs) < Math.abs(a.t - tMs) ? b : a));
}

export function momentView(record: SnapshotRecord): MomentView {
  const report = analyzeSnapshot(record.snapshot);
  const { expected, missing } = missingGroups(report);
  return {
    record,
    rows: breakdownRows(report),
    findings: findingViews(report),
    missing: [...missing, ...expected],
  };
}
