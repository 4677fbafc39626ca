/**
 * A few checks that describe the shape of JSON read back from a file (a saved snapshot, a
 * capture record), so damaged or hand-edited data is refused with the path of the bad value
 * ("cgroup.value.procs.value: expected an array, got an object") instead of crashing the code
 * that trusts the types. Objects keep the fields a check does not know (newer writers add
 * fields); `null` counts as missing, as JSON writers often write it.
 */

import { ParseError, type Position } from '../model/errors.js';

/** Checks `v` found at `at` and returns it (possibly repaired); throws a ParseError naming `at`. */
export type Check<T> = (v: unknown, at: string) => T;

/** A field that may be missing (or null): undefined is kept out of the result. */
export interface Optional<T> {
  readonly optional: Check<T>;
}

/** A field that may be missing and then takes a value made from its path. */
export interface Defaulted<T> {
  readonly check: Check<T>;
  readonly missing: (at: string) => T;
}

type Field = Check<unknown> | Optional<unknown> | Defaulted<unknown>;

export function describeValue(v: unknown): string {
  if (v === null) return 'null';
  if (v === undefined) return 'nothing';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : 'a non-finite number';
  if (typeof v === 'string') return `a string "${v.length > 20 ? v.slice(0, 20) + '...' : v}"`;
  return typeof v === 'object' ? 'an object' : `a ${typeof v}`;
}

function fail(at: string, want: string, v: unknown): never {
  throw new ParseError(`expected ${want}, got ${describeValue(v)}`, { field: at });
}

export const num: Check<number> = (v, at) =>
  typeof v === 'number' && Number.isFinite(v) ? v : fail(at, 'a finite number', v);

/** A count or size: finite and not negative. */
export const nonNegative: Check<number> = (v, at) =>
  typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : fail(at, 'a non-negative number', v);

/** A whole number of at least `min` (GOGC is -1 when off). */
export function int(min = 0): Check<number> {
  const want = min === 0 ? 'a non-negative integer' : `an integer >= ${min}`;
  return (v, at) =>
    typeof v === 'number' && Number.isInteger(v) && v >= min ? v : fail(at, want, v);
}

/** An RFC 3339 time as Go and toISOString write it ("2026-11-25T21:53:40.439Z"). */
export const isoTime: Check<string> = (v, at) =>
  typeof v === 'string' && /^\d{4}-\d\d-\d\dT/.test(v) && !Number.isNaN(Date.parse(v))
    ? v
    : fail(at, 'an RFC 3339 time', v);

export const str: Check<string> = (v, at) => (typeof v === 'string' ? v : fail(at, 'a string', v));

export const bool: Check<boolean> = (v, at) =>
  typeof v === 'boolean' ? v : fail(at, 'true or false', v);

export function oneOf<T extends string | number>(...values: readonly T[]): Check<T> {
  return (v, at) =>
    values.includes(v as T) ? (v as T) : fail(at, `one of ${values.join(', ')}`, v);
}

export function arr<T>(item: Check<T>): Check<T[]> {
  return (v, at) =>
    Array.isArray(v) ? v.map((x, i) => item(x, `${at}[${i}]`)) : fail(at, 'an array', v);
}

export function tuple2<A, B>(a: Check<A>, b: Check<B>): Check<[A, B]> {
  return (v, at) =>
    Array.isArray(v) && v.length === 2
      ? [a(v[0], `${at}[0]`), b(v[1], `${at}[1]`)]
      : fail(at, 'a pair', v);
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A map of names to values (memory.stat's raw lines, the GO* environment). */
export function record<T>(value: Check<T>): Check<Record<string, T>> {
  return (v, at) => {
    if (!isPlainObject(v)) return fail(at, 'an object', v);
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, value(x, `${at}.${k}`)]));
  };
}

export function optional<T>(check: Check<T>): Optional<T> {
  return { optional: check };
}

/** A field whose "none" is null (a missing one reads as null too). */
export function orNull<T>(check: Check<T>): Defaulted<T | null> {
  return withDefault<T | null>(check, () => null);
}

export function withDefault<T>(check: Check<T>, missing: (at: string) => T): Defaulted<T> {
  return { check, missing };
}

/** An object with these fields checked; other fields are kept as they are. */
export function obj<T>(fields: Record<string, Field>): Check<T> {
  return (v, at) => {
    if (!isPlainObject(v)) return fail(at, 'an object', v);
    const out: Record<string, unknown> = { ...v };
    for (const [name, field] of Object.entries(fields)) {
      const x = v[name];
      const path = at ? `${at}.${name}` : name;
      if (x === undefined || x === null) {
        delete out[name];
        if ('missing' in field) out[name] = field.missing(path);
        else if (typeof field === 'function') fail(path, 'a value', x);
      } else if (typeof field === 'function') out[name] = field(x, path);
      else if ('optional' in field) out[name] = field.optional(x, path);
      else out[name] = field.check(x, path);
    }
    return out as T;
  };
}

/** One of several shapes, told apart by a field (`status`, `isGo`). */
export function tagged<T>(tag: string, shapes: Record<string, Check<unknown>>): Check<T> {
  return (v, at) => {
    if (!isPlainObject(v)) return fail(at, 'an object', v);
    const shape = shapes[String(v[tag])];
    if (!shape) return fail(`${at}.${tag}`, `one of ${Object.keys(shapes).join(', ')}`, v[tag]);
    return shape(v, at) as T;
  };
}

/** A check whose definition refers to itself (a Go module's `replace`). */
export function lazy<T>(get: () => Check<T>): Check<T> {
  return (v, at) => get()(v, at);
}

/** Checks a document read from `where` (a file, a line of one): its errors name that place. */
export function checkAt<T>(check: Check<T>, v: unknown, at: string, where: Position): T {
  try {
    return check(v, at);
  } catch (err) {
    throw err instanceof ParseError ? err.within(where) : err;
  }
}
