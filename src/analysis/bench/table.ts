/**
 * Groups results into tables (one per configuration and unit), rows and columns, then
 * summarizes every cell and compares it with its row's baseline (first) column, as benchstat
 * does (x/perf cmd/benchstat/internal/benchtab).
 */
import { unitBetter, unitIsExact, type BenchResult, type UnitMetadata } from '../../model/bench.js';
import { parseFilter } from './filter.js';
import { makeProjection, makeResidue, ProjectionContext, type Projection } from './projection.js';
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
}

interface BuilderCell {
  values: number[];
  residue: Map<string, string[]>;
}

interface BuilderTable {
  rows: Set<string>;
  cols: Set<string>;
  cells: Map<string, BuilderCell>;
}

class Builder {
  readonly tables = new Map<string, BuilderTable>();
  used = 0;

  constructor(
    readonly tableBy: Projection,
    readonly rowBy: Projection,
    readonly colBy: Projection,
    readonly residue: Projection,
  ) {}

  add(r: BenchResult, keep: readonly number[]): void {
    if (!this.tableBy.accepts(r) || !this.rowBy.accepts(r) || !this.colBy.accepts(r)) return;
    this.used++;
    const rowKey = this.rowBy.intern(this.rowBy.project(r));
    const colKey = this.colBy.intern(this.colBy.project(r));
    const residueRow = this.residue.project(r);
    const residueKey = this.residue.intern(residueRow);
    const cellKey = `${rowKey}\u0001${colKey}`;
    for (const i of keep) {
      const v = r.values[i];
      const tableKey = this.tableBy.intern(this.tableBy.project(r, v.unit));
      let t = this.tables.get(tableKey);
      if (!t) this.tables.set(tableKey, (t = { rows: new Set(), cols: new Set(), cells: new Map() }));
      let c = t.cells.get(cellKey);
      if (!c) {
        t.cells.set(cellKey, (c = { values: [], residue: new Map() }));
        t.rows.add(rowKey);
        t.cols.add(colKey);
      }
      c.values.push(v.value);
      c.residue.set(residueKey, residueRow);
    }
  }
}

/** Makes the builder from benchstat's flags (defaults: -table .config -row .fullname -col .file). */
function makeBuilder(opts: CompareOptions): Builder {
  const ctx = new ProjectionContext();
  const tableBy = makeProjection(ctx, opts.table ?? '.config', true);
  const rowBy = makeProjection(ctx, opts.row ?? '.fullname');
  const colBy = makeProjection(ctx, opts.col ?? '.file');
  makeProjection(ctx, opts.ignore ?? '');
  return new Builder(tableBy, rowBy, colBy, makeResidue(ctx));
}

export function buildTables(results: Iterable<BenchResult>, units: Map<string, UnitMetadata>, opts: CompareOptions = {}): BenchTables {
  const alpha = opts.alpha ?? 0.05;
  const confidence = opts.confidence ?? 0.95;
  const filter = parseFilter(opts.filter ?? '*');
  const b = makeBuilder(opts);
  for (const r of results) {
    const keep = filter.apply(r);
    if (keep) b.add(r, keep);
  }
  const keys = b.tableBy.sortKeys([...b.tables.keys()]);
  const tables = keys.map((k) => finishTable(b, k, units, alpha, confidence));
  return { tables, alpha, confidence, resultsUsed: b.used };
}

function finishTable(b: Builder, key: string, units: Map<string, UnitMetadata>, alpha: number, confidence: number): BenchTable {
  const t = b.tables.get(key)!;
  const unitField = b.tableBy.unitField!;
  const unit = b.tableBy.valueOf(key, unitField);
  const assumption: Assumption = unitIsExact(units, unit) ? 'exact' : 'nothing';
  const rowKeys = b.rowBy.sortKeys([...t.rows]);
  const colKeys = b.colBy.sortKeys([...t.cols]);
  const rows = rowKeys.map((rk) => finishRow(b, t, rk, colKeys, assumption, alpha, confidence));
  const config = b.tableBy
    .flat()
    .filter((f) => f !== unitField)
    .map((f) => [f.name, b.tableBy.valueOf(key, f)] as const);
  const colFields = b.colBy.flat();
  return {
    config,
    unit,
    assumption,
    better: unitBetter(units, unit),
    colFields: colFields.map((f) => f.name),
    cols: colKeys.map((ck) => colFields.map((f) => b.colBy.valueOf(ck, f))),
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
  const samples = colKeys.map((ck) => t.cells.get(`${rowKey}\u0001${ck}`));
  const sorted = samples.map((c) => (c ? Float64Array.from(c.values).sort() : undefined));
  const base = sorted[0];
  const cells = samples.map((c, i): Cell | undefined => {
    if (!c) return undefined;
    const values = Array.from(sorted[i]!);
    const summary = summarize(values, assumption, confidence);
    const comparison = i > 0 && base ? compare(Array.from(base), values, assumption, alpha) : undefined;
    return { values, summary, sampleWarnings: residueWarnings(b.residue, c.residue), comparison };
  });
  return { label: b.rowBy.label(rowKey), cells };
}

/** "benchmarks vary in .fullname" when a cell mixes results that differ in ungrouped keys. */
function residueWarnings(residue: Projection, keys: Map<string, string[]>): string[] {
  if (keys.size <= 1) return [];
  const rows = [...keys.values()];
  const varying = residue.flat().filter((f) => rows.some((r) => (r[f.index] ?? '') !== (rows[0][f.index] ?? '')));
  return varying.length > 0 ? [`benchmarks vary in ${varying.map((f) => f.name).join(', ')}`] : [];
}
