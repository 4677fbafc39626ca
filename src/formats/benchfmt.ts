/**
 * Parser for the Go benchmark format (golang.org/design/14313-benchmark-format), following the
 * reference reader golang.org/x/perf/benchfmt: config lines, `Benchmark...` result lines,
 * `Unit` metadata lines; everything else is ignored. Malformed result lines are not fatal:
 * they become syntax errors with file:line, and parsing goes on.
 */
import {
  tidyUnit,
  unitMetaKey,
  type BenchResult,
  type BenchSet,
  type BenchSyntaxError,
  type BenchValue,
  type UnitMetadata,
} from '../model/bench.js';
import { ConfigState, MAX_CONFIG_BYTES } from './benchfmt-config.js';

export interface ParseOptions {
  /** File name used in positions and syntax errors. */
  readonly file: string;
  /** Label for the `.file` key (benchstat's column name); defaults to the file name. */
  readonly label?: string;
  /** Unit metadata shared across files (benchstat keeps one map for all inputs). */
  readonly units?: Map<string, UnitMetadata>;
}

const SPACE = /[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]/u;

/** Where the field returned by `field` ended (after the blanks that follow it). */
let fieldNext = 0;

/**
 * The whitespace-delimited field of `s` starting at `pos`; sets fieldNext to the start of the
 * one after it. (A module-level cursor instead of a returned pair: this runs eight times per
 * result line, and files have hundreds of thousands of them.)
 */
function field(s: string, pos: number): string {
  let i = pos;
  while (i < s.length && !isSpaceAt(s, i)) i++;
  const out = s.slice(pos, i);
  while (i < s.length && isSpaceAt(s, i)) i++;
  fieldNext = i;
  return out;
}

/** [field, next] form of `field`, for the cold paths. */
function nextField(s: string, pos: number): [field: string, next: number] {
  const f = field(s, pos);
  return [f, fieldNext];
}

function isSpaceAt(s: string, i: number): boolean {
  const c = s.charCodeAt(i);
  if (c === 32 || (c >= 9 && c <= 13)) return true;
  return c >= 128 && SPACE.test(s[i]);
}

const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const SPECIAL = /^[+-]?(?:inf|infinity|nan)$/i;

/** Go's strconv.ParseFloat for the forms benchmark output uses; an error message otherwise. */
export function parseGoFloat(text: string): number | string {
  if (DECIMAL.test(text)) {
    const v = Number(text);
    return Number.isFinite(v) ? v : 'value out of range';
  }
  if (SPECIAL.test(text)) {
    const neg = text.startsWith('-');
    if (/nan/i.test(text)) return NaN;
    return neg ? -Infinity : Infinity;
  }
  return 'invalid syntax';
}

const INT = /^[+-]?\d+$/;
const INT64_MAX = 2n ** 63n - 1n;

/** Go's strconv.Atoi on 64-bit: a whole number, or an error message. */
function parseGoInt(text: string): number | string {
  if (!INT.test(text)) return 'invalid syntax';
  if (text.length < 16) return Number(text);
  const big = BigInt(text);
  if (big > INT64_MAX || big < -INT64_MAX - 1n) return 'value out of range';
  return Number(big);
}

/** A config line: key starts lower-case, has no spaces or upper case, then `:` and a value. */
function parseConfigLine(line: string): [string, string] | undefined {
  const colon = line.indexOf(':');
  if (colon <= 0) return undefined;
  const first = line[0];
  if (first.toLowerCase() !== first || first.toUpperCase() === first) return undefined;
  for (let i = 1; i < colon; i++) {
    const ch = line[i];
    if (isSpaceAt(line, i) || (ch.toUpperCase() === ch && ch.toLowerCase() !== ch))
      return undefined;
  }
  const rest = line.slice(colon + 1);
  if (rest === '') return [line.slice(0, colon), ''];
  let i = 0;
  while (i < rest.length && (rest[i] === ' ' || rest[i] === '\t')) i++;
  return i === 0 ? undefined : [line.slice(0, colon), rest.slice(i)];
}

type LineOutcome = BenchResult | BenchSyntaxError | undefined;

/**
 * The previous result line's name and values: go test -count N prints the same name and
 * units N times in a row, and reusing the strings (instead of N equal copies) saves memory
 * and re-hashing them in every map lookup that follows.
 */
interface LineMemo {
  name: string;
  values: readonly BenchValue[];
}

/** Parses one `Benchmark...` line (the prefix already checked); undefined = a bare name line. */
function parseResultLine(
  line: string,
  config: ConfigState,
  file: string,
  lineNo: number,
  memo: LineMemo,
): LineOutcome {
  const name = reuseField(line, 9, memo.name) ?? field(line, 9);
  // A line that is only a name is go test -v announcing a benchmark: not a result.
  if (fieldNext >= line.length && name.length === line.length - 9) return undefined;
  let iters = fastUint(line, fieldNext);
  if (iters === undefined) {
    const itersText = field(line, fieldNext);
    if (itersText === '') return { file, line: lineNo, msg: 'missing iteration count' };
    const parsed = parseGoInt(itersText);
    if (typeof parsed === 'string')
      return { file, line: lineNo, msg: `parsing iteration count: ${parsed}` };
    iters = parsed;
  }
  const values: BenchValue[] = [];
  for (;;) {
    let value: number | string | undefined = fastDecimal(line, fieldNext);
    if (value === undefined) {
      const valueText = field(line, fieldNext);
      if (valueText === '') {
        if (values.length > 0) break;
        return { file, line: lineNo, msg: 'missing measurements' };
      }
      value = parseGoFloat(valueText);
      if (typeof value === 'string')
        return { file, line: lineNo, msg: `parsing measurement: ${value}` };
    }
    const prev = memo.values[values.length];
    const prevUnit = prev ? (prev.origUnit ?? prev.unit) : '';
    const unit = reuseField(line, fieldNext, prevUnit) ?? field(line, fieldNext);
    if (unit === '') return { file, line: lineNo, msg: 'missing units' };
    values.push(tidyValue(value, unit));
  }
  memo.name = name;
  memo.values = values;
  return { name, iters, values, config: config.snapshot(), file, line: lineNo };
}

/**
 * `known` when the field at `pos` is exactly that string (then fieldNext is set past it):
 * lines repeat names and units, and comparing in place spares a copy per field.
 */
function reuseField(line: string, pos: number, known: string): string | undefined {
  if (known === '' || !line.startsWith(known, pos)) return undefined;
  const end = pos + known.length;
  if (end < line.length && !isSpaceAt(line, end)) return undefined;
  let i = end;
  while (i < line.length && isSpaceAt(line, i)) i++;
  fieldNext = i;
  return known;
}

const fieldEndsAt = (line: string, i: number) => i >= line.length || isSpaceAt(line, i);

/** A field of plain digits (at most 15) read in place; undefined for anything else. */
function fastUint(line: string, pos: number): number | undefined {
  let i = pos;
  let n = 0;
  while (i < line.length && i - pos < 15) {
    const d = line.charCodeAt(i) - 48;
    if (d < 0 || d > 9) break;
    n = n * 10 + d;
    i++;
  }
  if (i === pos || !fieldEndsAt(line, i)) return undefined;
  while (i < line.length && isSpaceAt(line, i)) i++;
  fieldNext = i;
  return n;
}

const POW10 = Array.from({ length: 23 }, (_, k) => 10 ** k);

/**
 * A field like "1234" or "56.78" read in place, when the digits fit in 15 and the fraction
 * in 22: then digits / 10^fraction is one correctly rounded division of two exact doubles,
 * the same value ParseFloat gives (Clinger's fast path). Anything else: undefined.
 */
function fastDecimal(line: string, pos: number): number | undefined {
  let i = pos;
  let m = 0;
  let digits = 0;
  let frac = -1;
  for (; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c === 46 /* . */ && frac < 0) {
      frac = 0;
      continue;
    }
    const d = c - 48;
    if (d < 0 || d > 9) break;
    m = m * 10 + d;
    digits++;
    if (frac >= 0) frac++;
  }
  if (digits === 0 || digits > 15 || frac > 22 || !fieldEndsAt(line, i)) return undefined;
  while (i < line.length && isSpaceAt(line, i)) i++;
  fieldNext = i;
  return frac > 0 ? m / POW10[frac] : m;
}

export function tidyValue(value: number, unit: string): BenchValue {
  const t = tidyUnit(unit);
  const tidied = value * t.factor;
  return tidied === value
    ? { value, unit }
    : { value: tidied, unit: t.unit, origValue: value, origUnit: unit };
}

/** Parses a `Unit <unit> key=value ...` line into the shared metadata map. */
function parseUnitLine(
  rest: string,
  units: Map<string, UnitMetadata>,
  file: string,
  lineNo: number,
  errors: { push(e: BenchSyntaxError): void },
): void {
  const [unit, afterUnit] = nextField(rest, 0);
  let pos = afterUnit;
  if (unit === '') {
    errors.push({ file, line: lineNo, msg: 'missing unit' });
    return;
  }
  for (;;) {
    const [kv, next] = nextField(rest, pos);
    pos = next;
    if (kv === '') return;
    const eq = kv.indexOf('=');
    if (eq <= 0) {
      errors.push({ file, line: lineNo, msg: 'expected key=value' });
      continue;
    }
    const key = kv.slice(0, eq);
    const value = kv.slice(eq + 1);
    const mapKey = unitMetaKey(unit, key);
    const have = units.get(mapKey);
    if (have) {
      if (have.value !== value) {
        const msg = `metadata ${key} of unit ${unit} already set to ${have.value}`;
        errors.push({ file, line: lineNo, msg });
      }
      continue;
    }
    if (units.size >= MAX_UNIT_METADATA) {
      errors.push({ file, line: lineNo, msg: 'more than 10,000 Unit metadata entries; ignored' });
      return;
    }
    units.set(mapKey, {
      unit: mapKey.split('\u0000')[0],
      origUnit: unit,
      key,
      value,
      file,
      line: lineNo,
    });
  }
}

/**
 * benchstat reads lines with a bufio.Scanner, whose default limit is 64 KiB
 * (bufio.MaxScanTokenSize); a longer line stops it with "token too long". A result, Unit or
 * config line that long is refused here too, as a syntax error for that line.
 */
const MAX_LINE = 64 * 1024;
const LINE_TOO_LONG = 'line longer than 64 KiB (benchstat refuses it too)';

/** Syntax errors kept per input; the rest are only counted (a garbled file has millions). */
export const MAX_SYNTAX_ERRORS = 1000;

/** `Unit` metadata entries over all inputs (real output has a handful). */
const MAX_UNIT_METADATA = 10_000;

/** Keeps the first MAX_SYNTAX_ERRORS errors and counts the others. */
class SyntaxErrors {
  readonly list: BenchSyntaxError[] = [];
  more = 0;
  push(e: BenchSyntaxError): void {
    if (this.list.length < MAX_SYNTAX_ERRORS) this.list.push(e);
    else this.more++;
  }
}

export interface ScanResult {
  readonly units: Map<string, UnitMetadata>;
  /** The first MAX_SYNTAX_ERRORS syntax errors. */
  readonly errors: BenchSyntaxError[];
  /** Syntax errors past those. */
  readonly moreErrors: number;
  /** Results handed to onResult. */
  readonly count: number;
}

/** Parses one input file. Never throws: malformed lines are reported in `errors`. */
export function parseBenchfmt(text: string, opts: ParseOptions): BenchSet {
  const results: BenchResult[] = [];
  const { units, errors } = scanBenchfmt(text, opts, (r) => results.push(r));
  return { results, units, errors };
}

/**
 * Parses one input file, handing each result to `onResult` instead of keeping them all: a
 * comparison of 100,000-line files then holds only its tables, not every parsed line.
 */
export function scanBenchfmt(
  text: string,
  opts: ParseOptions,
  onResult: (r: BenchResult) => void,
): ScanResult {
  const units = opts.units ?? new Map<string, UnitMetadata>();
  const errors = new SyntaxErrors();
  const config = new ConfigState(opts.label ?? opts.file);
  const memo: LineMemo = { name: '', values: [] };
  const file = opts.file;
  let count = 0;
  let lineNo = 0;
  let start = 0;
  while (start < text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    let line = text.slice(start, end);
    if (line.endsWith('\r')) line = line.slice(0, -1);
    start = end + 1;
    lineNo++;
    if (line.startsWith('Benchmark')) {
      const r =
        line.length >= MAX_LINE
          ? { file, line: lineNo, msg: `result ${LINE_TOO_LONG}` }
          : parseResultLine(line, config, file, lineNo, memo);
      if (r && 'msg' in r) errors.push(r);
      else if (r) {
        count++;
        onResult(r);
      }
      continue;
    }
    if (line.startsWith('Unit')) {
      const [first, after] = nextField(line, 0);
      if (first === 'Unit') {
        if (line.length >= MAX_LINE) errors.push({ file, line: lineNo, msg: LINE_TOO_LONG });
        else parseUnitLine(line.slice(after), units, file, lineNo, errors);
        continue;
      }
    }
    const kv = parseConfigLine(line);
    if (!kv) continue;
    if (line.length >= MAX_LINE) errors.push({ file, line: lineNo, msg: LINE_TOO_LONG });
    else if (kv[1] === '') config.delete(kv[0]);
    else if (!config.set(kv[0], kv[1], true))
      errors.push({ file, line: lineNo, msg: CONFIG_TOO_LARGE });
  }
  return { units, errors: errors.list, moreErrors: errors.more, count };
}

const CONFIG_TOO_LARGE = `configuration larger than ${MAX_CONFIG_BYTES / 1024} KiB; line ignored`;
