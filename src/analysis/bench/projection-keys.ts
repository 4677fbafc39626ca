/**
 * The keys of projections and filters (x/perf benchproc): parsing "a,b@alpha,/size@num",
 * the orders (first seen, alpha, num, fixed), and extracting a key's value from a result.
 */
import { ParseError } from '../../model/errors.js';
import { benchBaseName, benchNameParts, type BenchResult } from '../../model/bench.js';

export type Order =
  { kind: 'first' } | { kind: 'alpha' } | { kind: 'num' } | { kind: 'fixed'; values: string[] };

export interface Field {
  readonly name: string;
  readonly index: number;
  /** Fields of the .config group are not "top level": they keep no first-seen order. */
  readonly topLevel: boolean;
  readonly order: Order;
  readonly seen: Map<string, number>;
}

/** A result's key tuple and its interned string. */
export interface Projected {
  readonly row: string[];
  readonly key: string;
}

/** Parses "a,b@alpha,/size@num" into keys with orders. */
export function parseProjectionSpec(spec: string): { key: string; order: Order }[] {
  const out: { key: string; order: Order }[] = [];
  for (const raw of splitTop(spec)) {
    const part = raw.trim();
    if (part === '') continue;
    const at = part.indexOf('@');
    const key = at < 0 ? part : part.slice(0, at);
    const orderText = at < 0 ? 'first' : part.slice(at + 1);
    if (key === '') throw new ParseError(`empty key in "${spec}"`);
    out.push({ key, order: parseOrder(orderText, spec) });
  }
  return out;
}

/** Splits on commas outside parentheses. */
function splitTop(spec: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < spec.length; i++) {
    if (spec[i] === '(') depth++;
    else if (spec[i] === ')') depth--;
    else if (spec[i] === ',' && depth === 0) {
      parts.push(spec.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(spec.slice(start));
  return parts;
}

function parseOrder(text: string, spec: string): Order {
  if (text === 'first' || text === 'alpha' || text === 'num') return { kind: text };
  const fixed = /^\((.*)\)$/s.exec(text);
  if (fixed) return { kind: 'fixed', values: fixed[1].split(/[\s,]+/).filter(Boolean) };
  throw new ParseError(`unknown order "${text}" in "${spec}"`);
}

/** benchproc's "num" order: numbers, with k/M/G and Ki/Mi/Gi suffixes, before non-numbers. */
function parseNum(x: string): number | undefined {
  if (/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(x)) return Number(x);
  const m = /^([+-]?[0-9.]+)([kKMGTPEZY]i?)?[bB]?$/.exec(x);
  if (!m || !/^[+-]?(\d+\.?\d*|\.\d+)$/.test(m[1])) return undefined;
  const v = Number(m[1]);
  if (!m[2]) return v;
  const exp = 1 + 'KMGTPEZY'.indexOf(m[2][0] === 'k' ? 'K' : m[2][0]);
  return v * Math.pow(m[2].endsWith('i') ? 1024 : 1000, exp);
}

export function compareByOrder(field: Field, a: string, b: string): number {
  switch (field.order.kind) {
    case 'alpha':
      return a < b ? -1 : a > b ? 1 : 0;
    case 'first':
      return (field.seen.get(a) ?? 0) - (field.seen.get(b) ?? 0);
    case 'fixed': {
      const vs = field.order.values;
      return Math.max(vs.indexOf(a), 0) - Math.max(vs.indexOf(b), 0);
    }
    case 'num': {
      const x = parseNum(a);
      const y = parseNum(b);
      if (x !== undefined && y !== undefined) return x < y ? -1 : x > y ? 1 : 0;
      if (x === undefined && y === undefined) return 0;
      return x === undefined ? 1 : -1;
    }
  }
}

/** Extracts the value of one named key from a result. */
export function extractKey(key: string, r: BenchResult): string {
  if (key === '.name') return benchBaseName(r.name);
  if (key === '.fullname') return r.name;
  if (key.startsWith('/')) return extractNamePart(r.name, key);
  for (const c of r.config) if (c.key === key) return c.value;
  return '';
}

function extractNamePart(name: string, key: string): string {
  const { parts } = benchNameParts(name);
  if (key === '/gomaxprocs' && parts.length > 0) {
    const last = parts[parts.length - 1];
    if (last.startsWith('-')) return last.slice(1);
  }
  const prefix = key + '=';
  for (const p of parts) if (p.startsWith(prefix)) return p.slice(prefix.length);
  return '';
}

/** The full name with the keys projected elsewhere removed ("*" stands for the base name). */
export function fullnameExcluding(name: string, exclude: readonly string[]): string {
  const excName = exclude.includes('.name');
  const prefixes = exclude.filter((k) => k.startsWith('/')).map((k) => k + '=');
  const excProcs = exclude.includes('/gomaxprocs');
  if (!excName && prefixes.length === 0 && !excProcs) return name;
  const found =
    excName || prefixes.some((p) => name.includes(p)) || (excProcs && name.includes('-'));
  if (!found) return name;
  const { base, parts } = benchNameParts(name);
  let out = excName ? '*' : base;
  for (const part of parts) {
    if (prefixes.some((p) => part.startsWith(p))) continue;
    if (excProcs && part.startsWith('-')) continue;
    out += part;
  }
  return out;
}
