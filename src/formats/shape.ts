/**
 * A few checks that describe the shape of JSON read back from a file (a saved snapshot, a
 * capture record), so damaged or hand-edited data is refused with the path of the bad value
 * ("cgroup.value.procs.value: expected an array, got an object") instead of crashing the code
 * that trusts the types. Objects keep the fields a check does not know (newer writers add
 * fields); `null` counts as missing, as JSON writers often write it.
 */

export class ShapeError extends Error {
  override readonly name = 'ShapeError';
}

/** Checks `v` found at `at` and returns it (possibly repaired); throws ShapeError. */
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
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : 'a non-finite number';
  if (typeof v === 'string') return `a string "${v.length > 20 ? v.slice(0, 20) + '...' : v}"`;
  return typeof v === 'object' ? 'an object' : `a ${typeof v}`;
}

function fail(at: string, want: string, v: unknown): never {
  throw new ShapeError(`${at}: expected ${want}, got ${describeValue(v)}`);
}

export const num: Check<number> = (v, at) =>
  typeof v === 'number' && Number.isFinite(v) ? v : fail(at, 'a finite number', v);

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
