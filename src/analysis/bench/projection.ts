/**
 * Projections: how results are grouped into tables, rows and columns (the subset of x/perf
 * benchproc that benchstat's flags use). A projection is a list of keys: `.config` (every
 * file config key, as a group), `.fullname`, `.name`, `.file`, `/subkey`, or a config key,
 * each with an order: first (default: order of first observation), alpha, num, or fixed
 * `key@(a b c)`.
 */
import { ParseError } from '../../model/errors.js';
import type { BenchResult } from '../../model/bench.js';
import {
  compareByOrder,
  extractKey,
  fullnameExcluding,
  parseProjectionSpec,
  type Field,
  type Order,
  type Projected,
} from './projection-keys.js';

export { extractKey } from './projection-keys.js';
export type { Field, Order, Projected } from './projection-keys.js';

/** Which keys each projection claimed, so `.config` and `.fullname` leave them out. */
export class ProjectionContext {
  readonly configKeys = new Set<string>();
  readonly fullnameKeys: string[] = [];
  haveConfig = false;
  haveFullname = false;
}

/** Projects results onto key tuples; keys are interned as strings joined by NUL. */
export class Projection {
  /** Fields by index (the position of their value in a key tuple). */
  readonly fields: Field[] = [];
  /** Fields in display and sort order: a `.config` group expands in place as keys appear. */
  private readonly structure: (Field | Field[])[] = [];
  private readonly extractors: ((r: BenchResult, row: string[]) => void)[] = [];
  private readonly fixedChecks: ((r: BenchResult) => boolean)[] = [];
  private readonly known = new Set<string>();
  unitField?: Field;

  constructor(private readonly ctx: ProjectionContext) {}

  addField(name: string, order: Order, group?: Field[]): Field {
    const field: Field = {
      name,
      index: this.fields.length,
      topLevel: !group,
      order,
      seen: new Map(),
    };
    this.fields.push(field);
    if (group) group.push(field);
    else this.structure.push(field);
    return field;
  }

  /** Fields in order (benchproc FlattenedFields). */
  flat(): Field[] {
    return this.structure.flatMap((f) => f);
  }

  /** Adds one parsed key of a projection spec. */
  add(key: string, order: Order): void {
    if (key === '.unit') throw new ParseError('.unit is only allowed in filters');
    if (key === '.config') return this.addConfigGroup(order);
    if (key === '.fullname') {
      this.ctx.haveFullname = true;
      const f = this.addField(key, order);
      this.extractors.push(
        (r, row) => (row[f.index] = fullnameExcluding(r.name, this.ctx.fullnameKeys)),
      );
      this.addFixedCheck(f, (r) => r.name);
      return;
    }
    if (key === '.name' || key.startsWith('/')) this.ctx.fullnameKeys.push(key);
    else this.ctx.configKeys.add(key);
    const f = this.addField(key, order);
    this.extractors.push((r, row) => (row[f.index] = extractKey(key, r)));
    this.addFixedCheck(f, (r) => extractKey(key, r));
  }

  private addFixedCheck(f: Field, get: (r: BenchResult) => string): void {
    if (f.order.kind !== 'fixed') return;
    const allowed = new Set(f.order.values);
    this.fixedChecks.push((r) => allowed.has(get(r)));
  }

  /** `.config`: one field per file config key, added as keys are first seen. */
  private addConfigGroup(order: Order): void {
    if (order.kind === 'fixed') throw new ParseError('fixed order not allowed for .config');
    this.ctx.haveConfig = true;
    const group: Field[] = [];
    this.structure.push(group);
    const byKey = new Map<string, Field>();
    this.extractors.push((r, row) => {
      for (const c of r.config) {
        if (!c.file) continue;
        let f = byKey.get(c.key);
        if (!f) {
          if (this.ctx.configKeys.has(c.key)) continue;
          f = this.addField(c.key, order, group);
          byKey.set(c.key, f);
        }
        row[f.index] = c.value;
      }
    });
  }

  /** False when a fixed-order key excludes the result. */
  accepts(r: BenchResult): boolean {
    return this.fixedChecks.every((check) => check(r));
  }

  /** The key tuple of a result (trailing empty values trimmed, as benchproc does). */
  project(r: BenchResult, unit?: string): string[] {
    const row: string[] = new Array(this.fields.length).fill('');
    for (const ex of this.extractors) ex(r, row);
    if (this.unitField && unit !== undefined) row[this.unitField.index] = unit;
    while (row.length > 0 && row[row.length - 1] === '') row.pop();
    return row;
  }

  /**
   * project + intern. Not memoized here: the table builder computes this once per (config,
   * name) and per unit and keeps it, and a second cache cost memory per distinct benchmark.
   */
  keyOf(r: BenchResult, unit?: string): Projected {
    const row = this.project(r, unit);
    return { row, key: this.intern(row) };
  }

  /** Interns a tuple: records first-seen order of top-level values the first time a key appears. */
  intern(row: string[]): string {
    const key = row.join('\u0000');
    if (this.known.has(key)) return key;
    this.known.add(key);
    for (const f of this.fields) {
      if (!f.topLevel) continue;
      const v = f.index < row.length ? row[f.index] : '';
      if (!f.seen.has(v)) f.seen.set(v, f.seen.size);
    }
    return key;
  }

  valueOf(key: string, field: Field): string {
    return key.split('\u0000')[field.index] ?? '';
  }

  /** Each field's value in a key, splitting it once (valueOf per field is quadratic). */
  valuesOf(key: string, fields: readonly Field[]): string[] {
    const parts = key.split('\u0000');
    return fields.map((f) => parts[f.index] ?? '');
  }

  /** benchproc Key.Less over the fields in order; ties in an order fall back to alphabetical. */
  compareKeys(a: string, b: string): number {
    return this.compareValues(a.split('\u0000'), b.split('\u0000'), this.flat());
  }

  private compareValues(
    av: readonly string[],
    bv: readonly string[],
    flat: readonly Field[],
  ): number {
    for (const f of flat) {
      const x = av[f.index] ?? '';
      const y = bv[f.index] ?? '';
      if (x === y) continue;
      const c = compareByOrder(f, x, y);
      if (c !== 0) return c;
      return x < y ? -1 : 1;
    }
    return 0;
  }

  sortKeys(keys: string[]): string[] {
    const flat = this.flat();
    if (flat.length === 1 && flat[0].index === 0) {
      // One field (the usual .fullname rows, .file columns): the key is its value.
      const f = flat[0];
      return keys.sort((a, b) => (a === b ? 0 : compareByOrder(f, a, b) || (a < b ? -1 : 1)));
    }
    const split = new Map(keys.map((k) => [k, k.split('\u0000')]));
    return keys.sort((a, b) => this.compareValues(split.get(a)!, split.get(b)!, flat));
  }

  /** The non-empty values joined by spaces (benchproc Key.StringValues). */
  label(key: string): string {
    const vals = key.split('\u0000');
    return this.flat()
      .map((f) => vals[f.index] ?? '')
      .filter((v) => v !== '')
      .join(' ');
  }
}

/** Parses a spec into a projection; `withUnit` appends the `.unit` field (tables). */
export function makeProjection(ctx: ProjectionContext, spec: string, withUnit = false): Projection {
  const p = new Projection(ctx);
  for (const { key, order } of parseProjectionSpec(spec)) p.add(key, order);
  if (withUnit) p.unitField = p.addField('.unit', { kind: 'first' });
  return p;
}

/** What the grouping projections left out, to warn when a cell mixes different benchmarks. */
export function makeResidue(ctx: ProjectionContext): Projection {
  const p = new Projection(ctx);
  if (!ctx.haveConfig) p.add('.config', { kind: 'first' });
  if (!ctx.haveFullname) p.add('.fullname', { kind: 'first' });
  return p;
}
