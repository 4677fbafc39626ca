/**
 * JSON output of `bench compare`: every table with raw numbers (medians, CI bounds, p-values,
 * the samples themselves), benchstat's cell strings, warnings, and the gate's verdicts.
 * Infinite values (open CI bounds, change from 0) are written as null.
 */
import type { GateResult, Verdict } from '../analysis/bench/gate.js';
import type { BenchTable, BenchTables, Cell } from '../analysis/bench/table.js';
import { formatComparison, formatDelta, formatPctRange, formatRatio } from './bench-cells.js';

const num = (x: number) => (Number.isFinite(x) ? x : null);

function cellJson(cell: Cell | undefined, base: Cell | undefined) {
  if (!cell) return null;
  const c = cell.comparison;
  return {
    n: cell.values.length,
    center: cell.summary.center,
    lo: num(cell.summary.lo),
    hi: num(cell.summary.hi),
    range: formatPctRange(cell.summary),
    values: cell.values,
    warnings: [...cell.sampleWarnings, ...cell.summary.warnings],
    vsBase:
      c && base
        ? {
            delta: formatDelta(c, base.summary.center, cell.summary.center),
            ratio: base.summary.center === 0 ? null : cell.summary.center / base.summary.center,
            p: c.p,
            significant: c.p <= c.alpha,
            test: formatComparison(c),
            warnings: c.warnings,
          }
        : null,
  };
}

function tableJson(t: BenchTable) {
  return {
    config: Object.fromEntries(t.config),
    unit: t.unit,
    assumption: t.assumption,
    better: t.better === -1 ? 'lower' : t.better === 1 ? 'higher' : 'unknown',
    columns: t.cols.map((c) => c.join(' ')),
    rows: t.rows.map((r) => ({
      name: r.label,
      cells: r.cells.map((c) => cellJson(c, r.cells[0])),
    })),
    geomean:
      t.rows.length > 1
        ? t.summaries.map((s, i) => ({
            center: s.center ?? null,
            delta: i > 0 ? (s.ratio !== undefined ? formatRatio(s.ratio) : '?') : null,
            warnings: s.warnings,
          }))
        : null,
  };
}

function verdictJson(v: Verdict) {
  return { ...v, threshold: v.threshold.text, unit: v.threshold.unit, changePct: num(v.changePct) };
}

export function renderBenchJson(
  tables: BenchTables,
  gate: GateResult | undefined,
  parseWarnings: readonly string[],
): string {
  const doc = {
    alpha: tables.alpha,
    confidence: tables.confidence,
    tables: tables.tables.map(tableJson),
    gate: gate
      ? {
          passed: gate.regressions.length === 0,
          checked: gate.verdicts.length,
          regressions: gate.regressions.map(verdictJson),
          verdicts: gate.verdicts.map(verdictJson),
        }
      : null,
    parseWarnings,
  };
  return JSON.stringify(doc, null, 2) + '\n';
}
