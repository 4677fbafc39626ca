/**
 * Kubernetes resource quantities ("512Mi", "1G", "0.5Gi", "500m", "1e9", "129e6"), read with the
 * semantics of k8s.io/apimachinery pkg/api/resource (quantity.go ParseQuantity, suffix.go):
 *   - a sign, digits with an optional fraction ("1.", ".5" and a bare "Mi" are accepted, an
 *     empty number counts as 0), then a suffix;
 *   - suffixes are case-sensitive: binary Ki Mi Gi Ti Pi Ei, decimal n u m "" k M G T P E, or
 *     an exponent e<int>/E<int> ("1E" is exa, "1E3" is 1000); "1K", "1MB", "1 Mi" are errors;
 *   - the value is exact (no floating point); Value() rounds UP to a whole unit, so a memory
 *     limit of "1500m" is 2 bytes, and MilliValue() rounds up to whole millis (CPU).
 * Exact arithmetic uses a BigInt fraction; results above 2^53 stay exact as BigInt.
 */

export interface Quantity {
  /** The text as written. */
  readonly text: string;
  /** Exact value = numerator / denominator (denominator a power of ten, > 0). */
  readonly numerator: bigint;
  readonly denominator: bigint;
}

export type QuantityResult =
  | { readonly ok: true; readonly quantity: Quantity }
  | { readonly ok: false; readonly text: string; readonly reason: string };

const DECIMAL_SUFFIX: Record<string, number> = {
  n: -9,
  u: -6,
  m: -3,
  '': 0,
  k: 3,
  M: 6,
  G: 9,
  T: 12,
  P: 15,
  E: 18,
};
const BINARY_SUFFIX: Record<string, number> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };
/**
 * suffix.go reads the exponent with strconv.ParseInt(…, 10, 64): anything in int64 parses.
 * Exponents this large are no real resource; they are clamped so BigInts stay small (the value
 * is then far outside int64, as in apimachinery, whose Value() is meaningless there too).
 */
const CLAMP_EXPONENT = 400;

/** Number part and suffix, as quantity.go parseQuantityString splits them. */
const SHAPE = /^([+-]?)([0-9]*)(?:\.([0-9]*))?([eEinumkKMGTP]*[-+]?[0-9]*)$/;

export function parseQuantity(input: string | number): QuantityResult {
  const text = typeof input === 'number' ? numberText(input) : input;
  if (text === '') return { ok: false, text, reason: 'empty quantity' };
  const m = SHAPE.exec(text);
  if (!m)
    return {
      ok: false,
      text,
      reason: 'not a quantity (digits, then a suffix such as Mi, Gi, M, G or m)',
    };
  const [, sign, intDigits, fracDigits = '', suffix] = m;
  const scale = suffixScale(suffix);
  if (!scale)
    return {
      ok: false,
      text,
      reason: `unknown suffix "${suffix}" (suffixes are case-sensitive: Ki Mi Gi Ti Pi Ei, k M G T P E, m)`,
    };
  let numerator = BigInt((intDigits || '0') + fracDigits);
  let denominator = 10n ** BigInt(fracDigits.length);
  if (scale.base === 2) numerator *= 2n ** BigInt(scale.exponent);
  else if (scale.exponent >= 0) numerator *= 10n ** BigInt(scale.exponent);
  else denominator *= 10n ** BigInt(-scale.exponent);
  if (sign === '-') numerator = -numerator;
  return { ok: true, quantity: { text, numerator, denominator } };
}

function suffixScale(suffix: string): { base: 2 | 10; exponent: number } | undefined {
  if (suffix in DECIMAL_SUFFIX) return { base: 10, exponent: DECIMAL_SUFFIX[suffix] };
  if (suffix in BINARY_SUFFIX) return { base: 2, exponent: BINARY_SUFFIX[suffix] };
  const exp = /^[eE]([+-]?[0-9]+)$/.exec(suffix);
  if (!exp) return undefined;
  const big = BigInt(exp[1]);
  if (big > 2n ** 63n - 1n || big < -(2n ** 63n)) return undefined;
  const exponent = Math.max(-CLAMP_EXPONENT, Math.min(CLAMP_EXPONENT, Number(big)));
  return { base: 10, exponent };
}

/** JSON/YAML numbers are quantities too (Quantity.UnmarshalJSON reads the raw number). */
function numberText(n: number): string {
  return Number.isFinite(n) ? String(n) : 'not-a-number';
}

/** Value(): rounded up (away from zero) to a whole unit; bytes for memory. */
export function quantityValue(q: Quantity): bigint {
  return ceilDiv(q.numerator, q.denominator);
}

/** MilliValue(): rounded up to whole thousandths; millicores for CPU. */
export function quantityMilliValue(q: Quantity): bigint {
  return ceilDiv(q.numerator * 1000n, q.denominator);
}

function ceilDiv(n: bigint, d: bigint): bigint {
  const q = n / d;
  return n % d === 0n ? q : n > 0n ? q + 1n : q - 1n;
}

/** Bytes as a JS number when exact (up to 2^53), else undefined. */
export function quantityBytes(q: Quantity): number | undefined {
  const v = quantityValue(q);
  return v <= BigInt(Number.MAX_SAFE_INTEGER) && v >= -BigInt(Number.MAX_SAFE_INTEGER)
    ? Number(v)
    : undefined;
}

/** Compares two quantities exactly: -1, 0 or 1. */
export function compareQuantities(a: Quantity, b: Quantity): number {
  const left = a.numerator * b.denominator;
  const right = b.numerator * a.denominator;
  return left < right ? -1 : left > right ? 1 : 0;
}
