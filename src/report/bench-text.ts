/**
 * benchstat's text layout: config header lines, then per table a column header, one line per
 * benchmark ("center ± CI%", and for each compared column "delta (p=P n=N)"), the geomean
 * row, and numbered footnotes for warnings.
 */
import type { BenchTable, BenchTables, Cell } from '../analysis/bench/table.js';
import { unitIsBinary } from '../model/bench.js';
import { commonScale, formatScaled, scaleOne } from './bench-scale.js';
import { formatComparison, formatDelta, formatPctRange, formatRatio } from './bench-cells.js';
import { TextTable } from './bench-texttab.js';

const LABEL_COLS = 1;
const CENTER_COLS = 3; // <center ±> <CI> <warnings>
const DELTA_COLS = 3; // <delta> <(p=P n=N)> <warnings>

function startCol(exp: number): number {
  return exp === 0 ? LABEL_COLS : LABEL_COLS + CENTER_COLS + (exp - 1) * (CENTER_COLS + DELTA_COLS);
}

const SUPER = '⁰¹²³⁴⁵⁶⁷⁸⁹';
function superscript(i: number): string {
  return [...String(i)].map((d) => SUPER[Number(d)]).join('');
}

/** Collects warnings into numbered footnotes, shared by all cells of one table. */
class Footnotes {
  readonly list: string[] = [];
  private readonly index = new Map<string, number>();

  marks(first: readonly string[], second: readonly string[] = []): string {
    if (first.length === 0 && second.length === 0) return '';
    const marks: string[] = [];
    for (const msg of [...first, ...second]) {
      let i = this.index.get(msg);
      if (i === undefined) {
        i = this.list.length;
        this.index.set(msg, i);
        this.list.push(msg);
      }
      marks.push(superscript(i + 1));
    }
    return marks.join(' ');
  }
}

interface HeaderNode {
  value: string;
  start: number;
  len: number;
  children: HeaderNode[];
}

/** Groups adjacent columns with equal values, level by level (benchproc KeyHeader). */
function keyHeader(cols: readonly (readonly string[])[], nFields: number): HeaderNode[][] {
  const levels: HeaderNode[][] = [];
  let parents: HeaderNode[] = [{ value: '', start: 0, len: cols.length, children: [] }];
  for (let level = 0; level < nFields; level++) {
    const next: HeaderNode[] = [];
    for (const parent of parents) {
      let node: HeaderNode | undefined;
      for (let j = parent.start; j < parent.start + parent.len; j++) {
        const val = cols[j][level] ?? '';
        if (node && val === node.value) node.len++;
        else {
          node = { value: val, start: j, len: 1, children: [] };
          parent.children.push(node);
          next.push(node);
        }
      }
    }
    levels.push(next);
    parents = next;
  }
  return levels;
}

function header(o: TextTable, t: BenchTable): void {
  const rEdge = startCol(t.cols.length + 1);
  for (const nodes of keyHeader(t.cols, t.colFields.length)) {
    o.row();
    for (const node of nodes) {
      const l = startCol(node.start);
      const r = startCol(node.start + node.len);
      o.col(l).span(r - l, node.value, 'center', ' │ ');
    }
    o.col(rEdge).cell('', 'left', ' │');
  }
  o.row();
  t.cols.forEach((_, i) => {
    const l = startCol(i);
    o.col(l).span(CENTER_COLS, t.unit, 'center', ' │ ');
    if (i > 0) o.span(DELTA_COLS, 'vs base', 'left', '  ');
    for (let j = l + 1; j < o.curCol; j++) o.setShrink(j);
  });
  o.col(rEdge).cell('', 'left', ' │');
}

function bodyRow(
  o: TextTable,
  t: BenchTable,
  row: BenchTable['rows'][number],
  notes: Footnotes,
  binary: boolean,
): void {
  o.row().cell(row.label);
  const centers = row.cells.flatMap((c) => (c ? [c.summary.center] : []));
  const scaler = commonScale(centers, binary);
  row.cells.forEach((cell: Cell | undefined, exp) => {
    if (!cell) return;
    o.col(startCol(exp));
    o.cell(formatScaled(scaler, cell.summary.center), 'right');
    o.cell(formatPctRange(cell.summary), 'right', ' ± ');
    o.cell(notes.marks(cell.sampleWarnings, cell.summary.warnings));
    const base = row.cells[0];
    if (exp > 0 && base && cell.comparison) {
      o.cell(formatDelta(cell.comparison, base.summary.center, cell.summary.center), 'right');
      o.cell(`(${formatComparison(cell.comparison)})`);
      o.cell(notes.marks(cell.comparison.warnings));
    }
  });
}

function geomeanRow(o: TextTable, t: BenchTable, notes: Footnotes, binary: boolean): void {
  o.row().cell('geomean');
  t.summaries.forEach((s, exp) => {
    if (s.center !== undefined) o.col(startCol(exp)).cell(scaleOne(s.center, binary), 'right');
    if (exp > 0) {
      o.col(startCol(exp) + CENTER_COLS);
      if (s.ratio !== undefined) o.cell(formatRatio(s.ratio), 'right');
      else o.cell('?');
    }
    o.col(startCol(exp + 1) - 1).cell(notes.marks(s.warnings));
  });
}

function renderTableText(t: BenchTable): string {
  const o = new TextTable();
  const notes = new Footnotes();
  const binary = unitIsBinary(t.unit);
  header(o, t);
  for (const row of t.rows) bodyRow(o, t, row, notes, binary);
  if (t.rows.length > 1) geomeanRow(o, t, notes, binary);
  let out = o.format();
  notes.list.forEach((msg, i) => (out += `${superscript(i + 1)} ${msg}\n`));
  return out;
}

/** Config lines print when they differ from the previous table's; tables are blank-separated. */
export function renderTablesText(tables: BenchTables): string {
  let out = '';
  let prev: BenchTable | undefined;
  tables.tables.forEach((t, i) => {
    if (i > 0) out += '\n';
    for (const [name, value] of t.config) {
      const before = prev?.config.find(([n]) => n === name)?.[1] ?? '';
      if (!prev || value !== before) out += `${name}: ${value}\n`;
    }
    prev = t;
    out += renderTableText(t);
  });
  return out;
}
