/**
 * log and exp computed the way Go computes them on amd64, where benchstat runs: Go's Log is the
 * FreeBSD/fdlibm reduction with a degree-14 polynomial (math/log.go, mirrored by log_amd64.s);
 * Go's Exp on amd64 is Shibata's method ("Efficient evaluation methods of elementary functions
 * suitable for SIMD computation", ISC'10) with fused multiply-adds on CPUs with FMA. V8's
 * Math.log/Math.exp differ from these in the last bit now and then, which shows in benchstat's
 * CSV output (%v prints every digit), so the statistics use these instead.
 */

const LN2_HI = 6.9314718036912381649e-1;
const LN2_LO = 1.90821492927058770002e-10;
const L = [
  6.66666666666673513e-1, 3.999999999940941908e-1, 2.857142874366239149e-1, 2.222219843214978396e-1,
  1.818357216161805012e-1, 1.531383769920937332e-1, 1.479819860511658591e-1,
];

const f64 = new Float64Array(1);
const u64 = new BigUint64Array(f64.buffer);

/** Natural logarithm, Go's algorithm. */
export function goLog(x: number): number {
  if (Number.isNaN(x) || x === Infinity) return x;
  if (x < 0) return NaN;
  if (x === 0) return -Infinity;
  let [f1, ki] = frexp(x);
  if (f1 < Math.SQRT1_2) {
    f1 *= 2;
    ki--;
  }
  const f = f1 - 1;
  const k = ki;
  const s = f / (2 + f);
  const s2 = s * s;
  const s4 = s2 * s2;
  const t1 = s2 * (L[0] + s4 * (L[2] + s4 * (L[4] + s4 * L[6])));
  const t2 = s4 * (L[1] + s4 * (L[3] + s4 * L[5]));
  const R = t1 + t2;
  const hfsq = 0.5 * f * f;
  return k * LN2_HI - (hfsq - (s * (hfsq + R) + k * LN2_LO) - f);
}

/** x = frac * 2^exp with frac in [0.5, 1). */
function frexp(x: number): [number, number] {
  let scale = 0;
  if (Math.abs(x) < 2.2250738585072014e-308) {
    x *= 2 ** 52; // subnormal: normalize first
    scale = -52;
  }
  f64[0] = x;
  const bits = u64[0];
  const exp = Number((bits >> 52n) & 0x7ffn) - 1022;
  u64[0] = (bits & ~(0x7ffn << 52n)) | (1022n << 52n);
  return [f64[0], exp + scale];
}

/** Exact decomposition x = m * 2^e (m a BigInt) of a finite double. */
function exact(x: number): [bigint, number] {
  f64[0] = x;
  const bits = u64[0];
  const neg = bits >> 63n === 1n;
  const biased = Number((bits >> 52n) & 0x7ffn);
  let m = bits & ((1n << 52n) - 1n);
  let e: number;
  if (biased === 0) e = -1074;
  else {
    m |= 1n << 52n;
    e = biased - 1075;
  }
  return [neg ? -m : m, e];
}

/** a*b + c with a single rounding, as the FMA instruction computes it. */
export function fma(a: number, b: number, c: number): number {
  if (!Number.isFinite(a) || !Number.isFinite(b) || !Number.isFinite(c) || a === 0 || b === 0)
    return a * b + c;
  const [ma, ea] = exact(a);
  const [mb, eb] = exact(b);
  const [mc, ec] = c === 0 ? [0n, ea + eb] : exact(c);
  const ep = ea + eb;
  const E = Math.min(ep, ec);
  if (Math.abs(ep - ec) > 1100) return a * b + c;
  const sum = ((ma * mb) << BigInt(ep - E)) + (mc << BigInt(ec - E));
  if (sum === 0n) return 0;
  // Shift the integer to at most 64 significant bits plus a sticky bit, so that converting
  // to a double rounds once and correctly; then scale by a power of two (exact in range).
  const neg = sum < 0n;
  let mag = neg ? -sum : sum;
  let shift = 0;
  const bits = mag.toString(2).length;
  if (bits > 64) {
    shift = bits - 64;
    const dropped = mag & ((1n << BigInt(shift)) - 1n);
    mag = (mag >> BigInt(shift)) | (dropped !== 0n ? 1n : 0n);
  }
  const r = Number(mag) * 2 ** (E + shift);
  return neg ? -r : r;
}

// Go's constants, rounded to the nearest double as Go's compiler rounds them.
const LOG2E = 1.4426950408889634; // 1/ln 2
const LN2U = 0.693147180559663; // upper half of ln 2
const LN2L = 2.8235290563031577e-13; // lower half of ln 2
const OVERFLOW = 7.09782712893384e2;
// Taylor coefficients 1/2, 1, 2, 1/3!, 1/4!, ..., 1/8! (exprodata in Go's exp_amd64.s).
const C = [
  0.5, 1.0, 2.0, 0.16666666666666666, 0.041666666666666664, 0.008333333333333333,
  0.001388888888888889, 0.0001984126984126984, 0.0000248015873015873,
];

/** Rounds half to even, as CVTSD2SL does under the default rounding mode. */
function roundEven(x: number): number {
  const r = Math.round(x);
  return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/** e^x, Go's amd64 algorithm (FMA path). */
export function goExp(x: number): number {
  if (Number.isNaN(x) || x === Infinity) return x;
  if (x === -Infinity) return 0;
  if (x > OVERFLOW) return Infinity;
  const k = roundEven(x * LOG2E);
  let r = fma(-LN2U, k, x);
  r = fma(-LN2L, k, r);
  r *= 0.0625;
  let p = C[8];
  for (const i of [7, 6, 5, 4, 3, 0, 1]) p = fma(p, r, C[i]);
  r = r * p;
  for (let i = 0; i < 3; i++) r = r * (r + C[2]);
  r = fma(r, r + C[2], C[1]);
  return ldexp(r, k);
}

/** fr * 2^k as the assembly does it (a denormal result is built in two steps). */
function ldexp(fr: number, k: number): number {
  const biased = k + 0x3ff;
  if (biased >= 0x7ff) return Infinity;
  if (biased > 0) return fr * 2 ** k;
  if (biased < -52) return 0;
  return fr * 2 ** (k + 1022) * 2 ** -1022;
}
