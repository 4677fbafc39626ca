/**
 * The baseline file `bench save` writes: the parsed results as JSON, so later runs compare
 * against them exactly as against the original benchmark text. Written one result at a time
 * (serializeResult), and read one result at a time after a shape check that bounds what
 * JSON.parse may build (checkBaselineShape).
 */
import {
  tidyUnit,
  unitMetaKey,
  type BenchConfig,
  type BenchResult,
  type BenchSet,
  type UnitMetadata,
} from '../model/bench.js';
import { ParseError } from '../model/errors.js';
import { parseJson } from './json.js';
import { checkBaselineShape } from './bench-baseline-shape.js';
import { tidyValue, type ParseOptions } from './benchfmt.js';

export { MAX_BASELINE_CONTAINERS } from './bench-baseline-shape.js';

/** The baseline file `bench save` writes: parsed results, so later runs compare against it. */
const BASELINE_SCHEMA = 'gomemlens.bench.baseline/v1';

interface BaselineResult {
  name: string;
  iters: number;
  config: [string, string][];
  values: [number | Special, string][];
  line: number;
}

/** JSON has no NaN or Inf (JSON.stringify writes null): they are stored as Go prints them. */
type Special = 'NaN' | '+Inf' | '-Inf';

function decodeSpecial(x: unknown): number | undefined {
  return x === 'NaN' ? NaN : x === '+Inf' ? Infinity : x === '-Inf' ? -Infinity : undefined;
}

function encodeValue(v: number): number | Special {
  if (Number.isFinite(v)) return v;
  return Number.isNaN(v) ? 'NaN' : v > 0 ? '+Inf' : '-Inf';
}

/** One result's entry in `results`, with its original units (a reload tidies them the same way). */
export function serializeResult(r: BenchResult): string {
  const entry: BaselineResult = {
    name: r.name,
    iters: r.iters,
    config: r.config.filter((c) => c.file).map((c) => [c.key, c.value]),
    values: r.values.map((v) => [encodeValue(v.origValue ?? v.value), v.origUnit ?? v.unit]),
    line: r.line,
  };
  return JSON.stringify(entry);
}

/** Arrays and objects in a result's entry, for the reader's bound (checkBaselineShape). */
export function containersOf(r: BenchResult): number {
  return 3 + r.config.filter((c) => c.file).length + r.values.length;
}

/** The whole file from entries made by serializeResult. */
export function assembleBaseline(
  entries: readonly string[],
  units: Iterable<UnitMetadata>,
): string {
  const unitList = [...units].map((u) => ({ unit: u.origUnit, key: u.key, value: u.value }));
  const schema = JSON.stringify(BASELINE_SCHEMA);
  return `{"schema":${schema},"results":[${entries.join(',')}],"units":${JSON.stringify(unitList)}}\n`;
}

export function serializeBaseline(set: BenchSet): string {
  return assembleBaseline(set.results.map(serializeResult), set.units.values());
}

/** True when the text looks like a baseline JSON rather than benchmark output. */
export function looksLikeBaseline(text: string): boolean {
  return /^\s*\{/.test(text) && text.includes(BASELINE_SCHEMA);
}

const isObject = (x: unknown): x is Record<string, unknown> =>
  typeof x === 'object' && x !== null && !Array.isArray(x);
const isPair = (x: unknown): x is [unknown, unknown] => Array.isArray(x) && x.length === 2;
const isString = (x: unknown): x is string => typeof x === 'string';

/** Loads a baseline, handing each result to `onResult`; throws a ParseError naming what is wrong. */
export function scanBaseline(
  text: string,
  opts: ParseOptions,
  onResult: (r: BenchResult) => void,
): { units: Map<string, UnitMetadata>; count: number } {
  checkBaselineShape(text, opts.file);
  const file = opts.file;
  const doc = parseJson(text, { file });
  if (!isObject(doc) || doc.schema !== BASELINE_SCHEMA)
    throw new ParseError(`not a ${BASELINE_SCHEMA} file`, { file });
  if (!Array.isArray(doc.results) || !Array.isArray(doc.units))
    throw new ParseError('"results" and "units" must be arrays', { file });
  const units = opts.units ?? new Map<string, UnitMetadata>();
  doc.units.forEach((u: unknown, i) => addUnit(u, i, units, opts.file));
  const configs = new ConfigReuse({ key: '.file', value: opts.label ?? opts.file, file: false });
  doc.results.forEach((r: unknown, i) => onResult(readResult(r, i, configs, opts.file)));
  return { units, count: doc.results.length };
}

function addUnit(u: unknown, i: number, units: Map<string, UnitMetadata>, file: string): void {
  if (!isObject(u) || !isString(u.unit) || !isString(u.key) || !isString(u.value))
    throw new ParseError('not {unit, key, value} strings', { file, field: `units[${i}]` });
  const key = unitMetaKey(u.unit, u.key);
  if (units.has(key)) return;
  const meta = { unit: tidyUnit(u.unit).unit, origUnit: u.unit, key: u.key, value: u.value };
  units.set(key, { ...meta, file, line: 0 });
}

/**
 * Consecutive results with the same config share one array, as the text parser's do: the
 * table builder caches its work per config array, and a fresh array per result would make
 * every result a new benchmark to it.
 */
class ConfigReuse {
  private last: readonly BenchConfig[];
  constructor(private readonly label: BenchConfig) {
    this.last = [label];
  }

  get(config: BenchConfig[]): readonly BenchConfig[] {
    const prev = this.last;
    const same =
      prev.length === config.length + 1 &&
      config.every((c, i) => c.key === prev[i + 1].key && c.value === prev[i + 1].value);
    if (!same) this.last = [this.label, ...config];
    return this.last;
  }
}

function readResult(r: unknown, i: number, configs: ConfigReuse, file: string): BenchResult {
  const bad = (what: string) => new ParseError(what, { file, field: `results[${i}]` });
  if (!isObject(r) || !isString(r.name)) throw bad('no "name" string');
  if (!Array.isArray(r.values) || r.values.length === 0) throw bad('no "values"');
  if (!Array.isArray(r.config)) throw bad('no "config" array');
  if (typeof r.iters !== 'number' || !Number.isSafeInteger(r.iters)) throw bad('bad "iters"');
  const values = r.values.map((pair: unknown, j) => {
    if (!isPair(pair) || !isString(pair[1])) throw bad(`values[${j}] is not [value, unit]`);
    const v = typeof pair[0] === 'number' ? pair[0] : decodeSpecial(pair[0]);
    if (v === undefined) throw bad(`values[${j}] is not a number, "NaN", "+Inf" or "-Inf"`);
    return tidyValue(v, pair[1]);
  });
  const config = r.config.map((kv: unknown, j): BenchConfig => {
    if (!isPair(kv) || !isString(kv[0]) || !isString(kv[1]))
      throw bad(`config[${j}] is not [key, value] strings`);
    return { key: kv[0], value: kv[1], file: true };
  });
  const line = typeof r.line === 'number' && Number.isSafeInteger(r.line) ? r.line : 0;
  return { name: r.name, iters: r.iters, values, config: configs.get(config), file, line };
}
