/**
 * Groups results into tables (one per configuration and unit), rows and columns, then
 * summarizes every cell and compares it with its row's baseline (first) column, as benchstat
 * does (x/perf cmd/benchstat/internal/benchtab).
 */
import { unitBetter, unitIsExact, type BenchResult, type UnitMetadata } from '../../model/bench.js';
import { parseFilter } from './filter.js';
import type { Projection } from './projection.js';
import {
  Builder,
  makeBuilder,
  type BuilderCell,
  type BuilderTable,
  type NonFiniteValues,
} from './table-builder.js';
import { compare, summarize, type Assumption, type Comparison, type Summary } from './summary.js';
import { summarizeColumn, type ColumnSummary } from './geomean.js';

export interface CompareOptions {
  readonly table?: string;
  readonly row?: string;
  readonly col?: string;
  readonly ignore?: string;
  readonly filter?: string;
  readonly alpha?: number;
  readonly confidence?: number;
}

export interface Cell {
  /** The sample, sorted. */
  readonly values: readonly number[];
  readonly summary: Summary;
  /** Warnings about the sample itself ("benchmarks vary in .fullname"). */
  readonly sampleWarnings: readonly string[];
  /** Against the row's baseline cell; absent in the baseline column or without a baseline. */
  readonly comparison?: Comparison;
}

export interface Row {
  readonly label: string;
  /** One entry per column; undefined where the row has no results in that column. */
  readonly cells: readonly (Cell | undefined)[];
}

export interface BenchTable {
  /** Table key fields other than the unit, in order: [["goos","linux"], ...]. */
  readonly config: readonly (readonly [string, string])[];
  readonly unit: string;
  readonly assumption: Assumption;
  /** -1 lower is better, +1 higher is better, 0 unknown. */
  readonly better: -1 | 0 | 1;
  /** Column key field names and each column's values for them. */
  readonly colFields: readonly string[];
  readonly cols: readonly (readonly string[])[];
  readonly rows: readonly Row[];
  readonly summaries: readonly ColumnSummary[];
}

export interface BenchTables {
  readonly tables: BenchTable[];
  readonly alpha: number;
  readonly confidence: number;
  /** Filter rejections are silent; this counts the results that made it into a table. */
  readonly resultsUsed: number;
  /** NaN and ±Inf values left out of the tables, per unit. */
  readonly nonFinite: readonly NonFiniteValues[];
}

/** Feeds results in one at a time (they need not be kept), then builds the tables. */
export class TableBuilder {
  private readonly filter;
  private readonly b: Builder;

  constructor(private readonly opts: CompareOptions = {}) {
    this.filter = parseFilter(opts.filter ?? '*');
    this.b = makeBuilder(opts);
  }

  add(r: BenchResult): void {
    const keep = this.filter.apply(r);
    if (keep) this.b.add(r, keep);
  }

  /** `units` must hold every Unit line of the inputs (assume=exact decides the statistics). */
  finish(units: Map<string, UnitMetadata>): BenchTables {
    const alpha = this.opts.alpha ?? 0.05;
    const confidence = this.opts.confidence ?? 0.95;
    const keys = this.b.tableBy.sortKeys([...this.b.tables.keys()]);
    const tables = keys
      .map((k) => finishTable(this.b, k, units, alpha, confidence))
      .filter((t) => t.rows.length > 0);
    const nonFinite = [...this.b.nonFinite.values()];
    return { tables, alpha, confidence, resultsUsed: this.b.used, nonFinite };
  }
}

export function buildTables(
  results: Iterable<BenchResult>,
  units: Map<string, UnitMetadata>,
  opts: CompareOptions = {},
): BenchTables {
  const tb = new TableBuilder(opts);
  for (const r of results) tb.add(r);
  return tb.finish(units);
}

function finishTable(
  b: Builder,
  key: string,
  units: Map<string, UnitMetadata>,
  alpha: number,
  confidence: number,
): BenchTable {
  const t = b.tables.get(key)!;
  const unitField = b.tableBy.unitField!;
  const unit = b.tableBy.valueOf(key, unitField);
  const assumption: Assumption = unitIsExact(units, unit) ? 'exact' : 'nothing';
  const rowKeys = b.rowBy.sortKeys([...t.rows]);
  const colKeys = b.colBy.sortKeys([...t.cols]);
  const rows = rowKeys
    .map((rk) => finishRow(b, t, rk, colKeys, assumption, alpha, confidence))
    .filter((r) => r.cells.some((c) => c !== undefined)); // rows of NaN only
  const configFields = b.tableBy.flat().filter((f) => f !== unitField);
  const configValues = b.tableBy.valuesOf(key, configFields);
  const config = configFields.map((f, i) => [f.name, configValues[i]] as const);
  const colFields = b.colBy.flat();
  return {
    config,
    unit,
    assumption,
    better: unitBetter(units, unit),
    colFields: colFields.map((f) => f.name),
    cols: colKeys.map((ck) => b.colBy.valuesOf(ck, colFields)),
    rows,
    summaries: colKeys.map((_, i) => summarizeColumn(rows, i)),
  };
}

function finishRow(
  b: Builder,
  t: BuilderTable,
  rowKey: string,
  colKeys: string[],
  assumption: Assumption,
  alpha: number,
  confidence: number,
): Row {
  const row = t.cells.get(rowKey)!;
  // A cell whose values were all NaN or ±Inf has nothing to summarize: shown as absent.
  const samples = colKeys.map((ck) => {
    const c = row.get(ck);
    return c && c.values.length > 0 ? c : undefined;
  });
  // Sorted in place: the builder's arrays are not used again.
  const sorted = samples.map((c) => (c ? sortSample(c.values) : undefined));
  const base = sorted[0];
  const cells = samples.map((c, i): Cell | undefined => {
    if (!c) return undefined;
    const values = sorted[i]!;
    const summary = summarize(values, assumption, confidence);
    const comparison = i > 0 && base ? compare(base, values, assumption, alpha) : undefined;
    return {
      values,
      summary,
      sampleWarnings: [...residueWarnings(b.residue, c.moreResidue), ...nonFiniteWarning(c)],
      comparison,
    };
  });
  return { label: b.rowBy.label(rowKey), cells };
}

const NONE: string[] = [];

function nonFiniteWarning(c: BuilderCell): string[] {
  if (c.nonFinite === 0) return NONE;
  const n = c.nonFinite + c.values.length;
  return [`${c.nonFinite} of ${n} values are NaN or ±Inf and were left out`];
}

/** Go's sort.Float64s order (NaN first); in place, by insertion for the usual small samples. */
function sortSample(xs: number[]): number[] {
  const less = (a: number, b: number) => a < b || (Number.isNaN(a) && !Number.isNaN(b));
  if (xs.length > 64) return xs.sort((a, b) => (less(a, b) ? -1 : less(b, a) ? 1 : 0));
  for (let i = 1; i < xs.length; i++) {
    const x = xs[i];
    let j = i - 1;
    for (; j >= 0 && less(x, xs[j]); j--) xs[j + 1] = xs[j];
    xs[j + 1] = x;
  }
  return xs;
}

/** "benchmarks vary in .fullname" when a cell mixes results that differ in ungrouped keys. */
function residueWarnings(residue: Projection, keys: Map<string, string[]> | undefined): string[] {
  if (!keys || keys.size <= 1) return NONE;
  const rows = [...keys.values()];
  const varying = residue
    .flat()
    .filter((f) => rows.some((r) => (r[f.index] ?? '') !== (rows[0][f.index] ?? '')));
  return varying.length > 0 ? [`benchmarks vary in ${varying.map((f) => f.name).join(', ')}`] : [];
}
