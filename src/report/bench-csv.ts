/**
 * benchstat's -format csv: raw centers (Go %v), the CI column, deltas and p-values, one block
 * per table; warnings go to a separate list as "<cell>: message" (spreadsheet coordinates).
 */
import type { BenchTable, BenchTables } from '../analysis/bench/table.js';
import { formatGoFloat } from '../model/gofmt.js';
import { formatComparison, formatDelta, formatPctRange, formatRatio } from './bench-cells.js';

const CENTER_COLS = 2;
const DELTA_COLS = 2;
const startCol = (exp: number) =>
  exp === 0 ? 1 : 1 + CENTER_COLS + (exp - 1) * (CENTER_COLS + DELTA_COLS);

function csvField(s: string): string {
  if (s === '' || (!/[",\r\n]/.test(s) && s[0] !== ' ' && s[0] !== '\t')) return s;
  return `"${s.replace(/"/g, '""')}"`;
}

/** Spreadsheet column name of a 0-based index as benchstat computes it (A, B, ..., Z, BA...). */
function colName(x: number): string {
  if (x === 0) return 'A';
  let out = '';
  for (let v = x; v > 0; v = Math.floor(v / 26)) out = String.fromCharCode(65 + (v % 26)) + out;
  return out;
}

class CsvTable {
  lines: string[][] = [];
  row: string[] = [];
  readonly warnings: string[] = [];
  constructor(private readonly startRow: number) {}
  clearTo(col: number) {
    while (this.row.length < col) this.row.push('');
  }
  emit() {
    this.lines.push(this.row);
    this.row = [];
  }
  warn(msgs: readonly string[]) {
    const at = `${colName(this.row.length)}${this.startRow + this.lines.length}`;
    for (const m of msgs) this.warnings.push(`${at}: ${m}`);
  }
}

function tableCsv(t: BenchTable, startRow: number): CsvTable {
  const o = new CsvTable(startRow);
  t.colFields.forEach((_, fi) => {
    t.cols.forEach((col, exp) => {
      o.clearTo(startCol(exp));
      o.row.push(col[fi] ?? '');
    });
    o.clearTo(startCol(t.cols.length));
    o.emit();
  });
  t.cols.forEach((_, exp) => {
    o.clearTo(startCol(exp));
    o.row.push(t.unit, 'CI');
    if (exp > 0) o.row.push('vs base', 'P');
  });
  o.emit();
  for (const row of t.rows) {
    o.row.push(row.label);
    row.cells.forEach((cell, exp) => {
      if (!cell) return;
      o.clearTo(startCol(exp));
      o.warn(cell.sampleWarnings);
      o.warn(cell.summary.warnings);
      o.row.push(formatGoFloat(cell.summary.center), formatPctRange(cell.summary));
      const base = row.cells[0];
      if (exp > 0 && base && cell.comparison) {
        o.warn(cell.comparison.warnings);
        o.row.push(
          formatDelta(cell.comparison, base.summary.center, cell.summary.center),
          formatComparison(cell.comparison),
        );
      }
    });
    o.emit();
  }
  o.row.push('geomean');
  t.summaries.forEach((s, exp) => {
    o.clearTo(startCol(exp));
    o.warn(s.warnings);
    if (s.center !== undefined) o.row.push(formatGoFloat(s.center));
    if (exp > 0) {
      o.clearTo(startCol(exp) + CENTER_COLS);
      o.row.push(s.ratio !== undefined ? formatRatio(s.ratio) : '?');
    }
  });
  o.clearTo(startCol(t.cols.length));
  o.emit();
  return o;
}

/** The CSV text and the warnings benchstat writes to stderr. */
export function renderTablesCsv(tables: BenchTables): { csv: string; warnings: string[] } {
  const lines: string[][] = [];
  const warnings: string[] = [];
  let prev: BenchTable | undefined;
  tables.tables.forEach((t, i) => {
    if (i > 0) lines.push(['']);
    for (const [name, value] of t.config) {
      const before = prev?.config.find(([n]) => n === name)?.[1] ?? '';
      if (!prev || value !== before) lines.push([`${name}: ${value}`]);
    }
    prev = t;
    const o = tableCsv(t, lines.length + 1);
    lines.push(...o.lines);
    warnings.push(...o.warnings);
  });
  return { csv: lines.map((l) => l.map(csvField).join(',') + '\n').join(''), warnings };
}
