/**
 * Grouping results into tables, rows and cells as they stream in (x/perf benchtab Builder):
 * every result with the same config and name lands in the same cells, so that mapping is
 * computed once per (config, name) and reused for the -count repeats.
 */
import type { BenchConfig, BenchResult } from '../../model/bench.js';
import { makeProjection, makeResidue, ProjectionContext, type Projection } from './projection.js';
import type { CompareOptions } from './table.js';

export interface BuilderCell {
  values: number[];
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
}

export class Builder {
  readonly tables = new Map<string, BuilderTable>();
  private readonly slots = new WeakMap<readonly BenchConfig[], Map<string, Slot>>();
  private lastConfig?: readonly BenchConfig[];
  private lastName?: string;
  private lastSlot?: Slot;
  used = 0;

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
      c = { values: [], residueKey: slot.residueKey, residueRow: slot.residueRow };
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
    return c;
  }

  add(r: BenchResult, keep: readonly number[]): void {
    const slot = this.slotOf(r);
    if (!slot.accepted) return;
    this.used++;
    for (let k = 0; k < keep.length; k++) {
      const v = r.values[keep[k]];
      const at = slot.units.indexOf(v.unit);
      (at >= 0 ? slot.cells[at] : this.cellOf(slot, r, v.unit)).values.push(v.value);
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
