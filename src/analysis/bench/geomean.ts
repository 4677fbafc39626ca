/**
 * The geomean row: the geometric mean of each column's centers and, for non-baseline columns,
 * of the per-row ratios to the baseline (0/0 counts as 1), with benchstat's warnings.
 */
import { geomean } from './numeric.js';
import type { Row } from './table.js';

export interface ColumnSummary {
  /** Geomean of the centers; undefined when a center is <= 0. */
  readonly center?: number;
  /** Geomean of new/base ratios; undefined in the baseline column or when uncomputable. */
  readonly ratio?: number;
  readonly warnings: readonly string[];
}

export function summarizeColumn(rows: readonly Row[], col: number): ColumnSummary {
  const isBase = col === 0;
  const nBase = rows.filter((r) => r.cells[0] !== undefined).length;
  const centers: number[] = [];
  const ratios: number[] = [];
  let badRatio = false;
  for (const row of rows) {
    const cell = row.cells[col];
    if (!cell) continue;
    centers.push(cell.summary.center);
    const base = row.cells[0];
    if (isBase || !base) continue;
    const a = cell.summary.center;
    const b = base.summary.center;
    if (a === b) ratios.push(1);
    else if (b === 0) {
      badRatio = true;
      ratios.push(0);
    } else ratios.push(a / b);
  }
  const warnings: string[] = [];
  if (!isBase && nBase !== ratios.length) {
    warnings.push('benchmark set differs from baseline; geomeans may not be comparable');
  }
  const gm = geomean(centers);
  if (Number.isNaN(gm)) warnings.push('summaries must be >0 to compute geomean');
  let ratio: number | undefined;
  if (!isBase && !badRatio) {
    const r = geomean(ratios);
    if (Number.isNaN(r)) warnings.push('ratios must be >0 to compute geomean');
    else ratio = r;
  }
  return { center: Number.isNaN(gm) ? undefined : gm, ratio, warnings };
}
