/**
 * The Go benchmark data model (golang.org/design/14313-benchmark-format): results with their
 * configuration, unit metadata, and the unit helpers every layer needs (tidying ns/op to
 * sec/op, telling byte units from decimal ones). Pure: no imports.
 */

/** One `key: value` configuration entry in force for a result. */
export interface BenchConfig {
  readonly key: string;
  readonly value: string;
  /** True for `key: value` lines read from a file; false for internal keys such as `.file`. */
  readonly file: boolean;
}

/** One `<value> <unit>` pair; units are tidied (ns/op becomes sec/op), the original is kept. */
export interface BenchValue {
  readonly value: number;
  readonly unit: string;
  readonly origValue?: number;
  readonly origUnit?: string;
}

export interface BenchResult {
  /** Full name without the "Benchmark" prefix, including sub-benchmarks and -N. */
  readonly name: string;
  readonly iters: number;
  readonly values: readonly BenchValue[];
  /** Configuration in force (shared between results until a config line changes it). */
  readonly config: readonly BenchConfig[];
  readonly file: string;
  readonly line: number;
}

/** `Unit <unit> key=value` metadata, keyed by the tidied unit and the key. */
export interface UnitMetadata {
  readonly unit: string;
  readonly origUnit: string;
  readonly key: string;
  readonly value: string;
  readonly file: string;
  readonly line: number;
}

/** A malformed line: not fatal, reported as `file:line: msg` like benchfmt does. */
export interface BenchSyntaxError {
  readonly file: string;
  readonly line: number;
  readonly msg: string;
}

export interface BenchSet {
  readonly results: BenchResult[];
  /** Keyed by `${tidiedUnit}\u0000${key}`; see unitMetaKey. */
  readonly units: Map<string, UnitMetadata>;
  readonly errors: BenchSyntaxError[];
}

export function unitMetaKey(unit: string, key: string): string {
  return `${tidyUnit(unit).unit}\u0000${key}`;
}

export function formatSyntaxError(e: BenchSyntaxError): string {
  return `${e.file}:${e.line}: ${e.msg}`;
}

/** Splits a unit into its tokens, marking those after a `/` as the denominator. */
function unitTokens(unit: string): { tok: string; pos: number; denom: boolean }[] {
  const out: { tok: string; pos: number; denom: boolean }[] = [];
  let denom = false;
  let i = 0;
  const isSep = (c: string) => c === '*' || c === '/' || c === '-' || /\s/u.test(c);
  while (i < unit.length) {
    const c = unit[i];
    if (c === '*') denom = false;
    else if (c === '/') denom = true;
    if (isSep(c)) {
      i++;
      continue;
    }
    let end = i;
    while (end < unit.length && !isSep(unit[end])) end++;
    out.push({ tok: unit.slice(i, end), pos: i, denom });
    i = end;
  }
  return out;
}

const tidyCache = new Map<string, { readonly unit: string; readonly factor: number }>([
  ['ns/op', { unit: 'sec/op', factor: 1e-9 }],
  ['MB/s', { unit: 'B/s', factor: 1e6 }],
]);

/**
 * Converts ns to sec and MB to B in the numerator, as benchstat does (benchunit.Tidy), so
 * that values scale with SI prefixes: 1718 ns/op becomes 1.718e-6 sec/op.
 */
export function tidyUnit(unit: string): { readonly unit: string; readonly factor: number } {
  const cached = tidyCache.get(unit);
  if (cached) return cached;
  if (tidyCache.size > 10_000) tidyCache.clear(); // bound the cache on hostile input
  if (!unit.includes('ns') && !unit.includes('MB')) {
    const same = { unit, factor: 1 };
    tidyCache.set(unit, same);
    return same;
  }
  let factor = 1;
  let out = unit;
  const toks = unitTokens(unit).filter((t) => !t.denom && (t.tok === 'ns' || t.tok === 'MB'));
  for (const t of [...toks].reverse()) {
    const repl = t.tok === 'ns' ? 'sec' : 'B';
    out = out.slice(0, t.pos) + repl + out.slice(t.pos + 2);
  }
  for (const t of toks) factor = t.tok === 'ns' ? factor / 1e9 : factor * 1e6;
  const entry = { unit: out, factor };
  tidyCache.set(unit, entry);
  return entry;
}

/** Byte units scale with binary prefixes (Ki, Mi), everything else with SI prefixes. */
export function unitIsBinary(unit: string): boolean {
  return unitTokens(unit).some(
    (t) => !t.denom && (t.tok === 'B' || t.tok === 'MB' || t.tok === 'bytes'),
  );
}

/**
 * Which direction is better for a unit: -1 lower, +1 higher, 0 unknown. `Unit x better=...`
 * metadata wins; otherwise the well-known units (benchfmt UnitMetadataMap.GetBetter).
 */
export function unitBetter(units: Map<string, UnitMetadata>, unit: string): -1 | 0 | 1 {
  const meta = units.get(unitMetaKey(unit, 'better'));
  if (meta) return meta.value === 'higher' ? 1 : meta.value === 'lower' ? -1 : 0;
  if (unit === 'ns/op' || unit === 'sec/op' || unit === 'B/op' || unit === 'allocs/op') return -1;
  if (unit === 'MB/s' || unit === 'B/s') return 1;
  return 0;
}

/** True when `Unit <unit> assume=exact` says the metric is deterministic. */
export function unitIsExact(units: Map<string, UnitMetadata>, unit: string): boolean {
  return units.get(unitMetaKey(unit, 'assume'))?.value === 'exact';
}

/** Base name: up to the first `/`, or without the -GOMAXPROCS suffix (benchfmt Name.Base). */
export function benchBaseName(name: string): string {
  const slash = name.indexOf('/');
  if (slash >= 0) return name.slice(0, slash);
  return splitGomaxprocs(name)[0];
}

/** Splits "Foo/a=1-8" into ["Foo/a=1", "-8"]; the suffix is "" when there is none. */
function splitGomaxprocs(name: string): [string, string] {
  for (let i = name.length - 1; i >= 0; i--) {
    const c = name.charCodeAt(i);
    if (c === 45 /* - */ && i < name.length - 1) return [name.slice(0, i), name.slice(i)];
    if (c < 48 || c > 57) break;
  }
  return [name, ''];
}

/** Base name and the parts that follow it: "/k=v" sub-names, then "-N" (benchfmt Name.Parts). */
export function benchNameParts(name: string): { base: string; parts: string[] } {
  const [buf, procs] = splitGomaxprocs(name);
  const pieces: string[] = [];
  let prev = 0;
  for (let i = 0; i < buf.length; i++) {
    if (buf[i] === '/') {
      pieces.push(buf.slice(prev, i));
      prev = i;
    }
  }
  pieces.push(buf.slice(prev));
  if (procs) pieces.push(procs);
  return { base: pieces[0], parts: pieces.slice(1) };
}
