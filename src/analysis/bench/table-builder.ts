/**
 * Grouping results into tables, rows and cells as they stream in (x/perf benchtab Builder):
 * every result with the same config and name lands in the same cells, so that mapping is
 * computed once per (config, name) and reused for the -count repeats.
 */
import {
  tidyUnit,
  type BenchConfig,
  type BenchResult,
  type BenchValue,
} from '../../model/bench.js';
import { MAX_CELLS, MAX_VALUES, tooMany } from './limits.js';
import { makeProjection, makeResidue, ProjectionContext, type Projection } from './projection.js';
import type { CompareOptions } from './table.js';

export interface BuilderCell {
  /** The finite values; NaN and ±Inf are counted in `nonFinite` instead. */
  values: number[];
  nonFinite: number;
  /** The residue keys seen in this cell: one, almost always; a Map only once there are more. */
  residueKey: string;
  residueRow: string[];
  moreResidue?: Map<string, string[]>;
}

export interface BuilderTable {
  rows: Set<string>;
  cols: Set<string>;
  /** Cells by row key, then column key. */
  cells: Map<string, Map<string, BuilderCell>>;
}

/**
 * What every result with the same config and name maps to. Projections look only at those
 * (and the unit), and go test output repeats them -count times, so this is computed once.
 */
interface Slot {
  readonly accepted: boolean;
  readonly rowKey: string;
  readonly colKey: string;
  readonly residueKey: string;
  readonly residueRow: string[];
  /** The cell of each unit, found on first use (a handful of units: arrays beat a Map). */
  readonly units: string[];
  readonly cells: BuilderCell[];
  /** units -> index, once there are too many units for a linear search (hostile input). */
  unitIndex?: Map<string, number>;
}

const LINEAR_UNITS = 16;

function unitAt(slot: Slot, unit: string): number {
  if (slot.unitIndex) return slot.unitIndex.get(unit) ?? -1;
  return slot.units.indexOf(unit);
}

/**
 * NaN and ±Inf measurements of one unit, left out of the statistics: a rank test cannot order
 * NaN (benchstat loops forever on it) and a median of Inf makes every change +NaN%, which a
 * gate would read as "no regression". The first one is kept to point the user at it.
 */
export interface NonFiniteValues {
  readonly unit: string;
  count: number;
  readonly file: string;
  readonly line: number;
  /** As written in the input, e.g. "NaN B/op". */
  readonly text: string;
}

/** Go's formatting of the special values (strconv.FormatFloat): NaN, +Inf, -Inf. */
const formatSpecial = (v: number) => (Number.isNaN(v) ? 'NaN' : v > 0 ? '+Inf' : '-Inf');

export class Builder {
  readonly tables = new Map<string, BuilderTable>();
  /** By (tidied) unit. */
  readonly nonFinite = new Map<string, NonFiniteValues>();
  private readonly slots = new WeakMap<readonly BenchConfig[], Map<string, Slot>>();
  private lastConfig?: readonly BenchConfig[];
  private lastName?: string;
  private lastSlot?: Slot;
  used = 0;
  private slotCount = 0;
  private cellCount = 0;
  private valueCount = 0;

  constructor(
    readonly tableBy: Projection,
    readonly rowBy: Projection,
    readonly colBy: Projection,
    readonly residue: Projection,
  ) {}

  private slotOf(r: BenchResult): Slot {
    // -count N repeats a benchmark on consecutive lines: check the last one first.
    if (r.config === this.lastConfig && r.name === this.lastName) return this.lastSlot!;
    const slot = this.lookupSlot(r);
    this.lastConfig = r.config;
    this.lastName = r.name;
    this.lastSlot = slot;
    return slot;
  }

  private lookupSlot(r: BenchResult): Slot {
    let byName = this.slots.get(r.config);
    if (!byName) this.slots.set(r.config, (byName = new Map()));
    let slot = byName.get(r.name);
    if (!slot) {
      if (++this.slotCount > MAX_CELLS) throw tooMany(r, MAX_CELLS, 'distinct benchmarks');
      const accepted = this.tableBy.accepts(r) && this.rowBy.accepts(r) && this.colBy.accepts(r);
      const residue = this.residue.keyOf(r);
      slot = {
        accepted,
        rowKey: this.rowBy.keyOf(r).key,
        colKey: this.colBy.keyOf(r).key,
        residueKey: residue.key,
        residueRow: residue.row,
        units: [],
        cells: [],
      };
      byName.set(r.name, slot);
    }
    return slot;
  }

  private cellOf(slot: Slot, r: BenchResult, unit: string): BuilderCell {
    const tableKey = this.tableBy.keyOf(r, unit).key;
    let t = this.tables.get(tableKey);
    if (!t) this.tables.set(tableKey, (t = { rows: new Set(), cols: new Set(), cells: new Map() }));
    let row = t.cells.get(slot.rowKey);
    if (!row) t.cells.set(slot.rowKey, (row = new Map()));
    let c = row.get(slot.colKey);
    if (!c) {
      if (++this.cellCount > MAX_CELLS) throw tooMany(r, MAX_CELLS, 'distinct benchmark metrics');
      c = { values: [], nonFinite: 0, residueKey: slot.residueKey, residueRow: slot.residueRow };
      row.set(slot.colKey, c);
      t.rows.add(slot.rowKey);
      t.cols.add(slot.colKey);
    }
    if (c.residueKey !== slot.residueKey) {
      c.moreResidue ??= new Map([[c.residueKey, c.residueRow]]);
      c.moreResidue.set(slot.residueKey, slot.residueRow);
    }
    slot.units.push(unit);
    slot.cells.push(c);
    if (slot.unitIndex) slot.unitIndex.set(unit, slot.units.length - 1);
    else if (slot.units.length > LINEAR_UNITS)
      slot.unitIndex = new Map(slot.units.map((u, i) => [u, i]));
    return c;
  }

  add(r: BenchResult, keep: readonly number[]): void {
    const slot = this.slotOf(r);
    if (!slot.accepted) return;
    this.used++;
    if ((this.valueCount += keep.length) > MAX_VALUES) throw tooMany(r, MAX_VALUES, 'values');
    for (let k = 0; k < keep.length; k++) {
      const v = r.values[keep[k]];
      const at = unitAt(slot, v.unit);
      const cell = at >= 0 ? slot.cells[at] : this.cellOf(slot, r, v.unit);
      if (Number.isFinite(v.value)) cell.values.push(v.value);
      else this.addNonFinite(cell, r, v);
    }
  }

  private addNonFinite(cell: BuilderCell, r: BenchResult, v: BenchValue): void {
    cell.nonFinite++;
    // Keyed by the tidied unit, as --fail-on names it: benchfmt leaves +Inf ns/op untidied.
    const unit = tidyUnit(v.origUnit ?? v.unit).unit;
    const seen = this.nonFinite.get(unit);
    if (seen) seen.count++;
    else {
      // A finite value can overflow when tidied (1e303 MB/s is +Inf B/s): show the original.
      const orig = v.origValue ?? v.value;
      const text = `${Number.isFinite(orig) ? orig : formatSpecial(orig)} ${v.origUnit ?? v.unit}`;
      this.nonFinite.set(unit, { unit, count: 1, file: r.file, line: r.line, text });
    }
  }
}

/** Makes the builder from benchstat's flags (defaults: -table .config -row .fullname -col .file). */
export function makeBuilder(opts: CompareOptions): Builder {
  const ctx = new ProjectionContext();
  const tableBy = makeProjection(ctx, opts.table ?? '.config', true);
  const rowBy = makeProjection(ctx, opts.row ?? '.fullname');
  const colBy = makeProjection(ctx, opts.col ?? '.file');
  makeProjection(ctx, opts.ignore ?? '');
  return new Builder(tableBy, rowBy, colBy, makeResidue(ctx));
}
