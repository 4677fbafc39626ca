/**
 * The special functions benchstat's statistics rest on, computed the way Go's math package
 * computes them (both follow Sun's fdlibm: s_erf.c and e_lgamma_r.c, as in FreeBSD msun), so
 * that p-values and confidence intervals agree with benchstat to the last digit printed.
 */
import { goExp, goLog } from './golibm.js';

// fdlibm s_erf.c coefficients (public domain, Sun Microsystems 1993).
const ERX = 8.45062911510467529297e-1;
const PP = [
  1.28379167095512558561e-1, -3.2504210724700149937e-1, -2.84817495755985104766e-2,
  -5.77027029648944159157e-3, -2.37630166566501626084e-5,
];
const QQ = [
  0, 3.97917223959155352819e-1, 6.50222499887672944485e-2, 5.08130628187576562776e-3,
  1.32494738004321644526e-4, -3.9602282787753681232e-6,
];
const PA = [
  -2.36211856075265944077e-3, 4.14856118683748331666e-1, -3.72207876035701323847e-1,
  3.18346619901161753674e-1, -1.10894694282396677476e-1, 3.54783043256182359371e-2,
  -2.166375594868790843e-3,
];
const QA = [
  0, 1.06420880400844228286e-1, 5.40397917702171048937e-1, 7.18286544141962662868e-2,
  1.26171219808761642112e-1, 1.36370839120290507362e-2, 1.1984499846799107417e-2,
];
const RA = [
  -9.86494403484714822705e-3, -6.93858572707181764372e-1, -1.05586262253232909814e1,
  -6.23753324503260060396e1, -1.62396669462573470355e2, -1.84605092906711035994e2,
  -8.12874355063065934246e1, -9.81432934416914548592,
];
const SA = [
  0, 1.96512716674392571292e1, 1.376577541435190426e2, 4.34565877475229228821e2,
  6.45387271733267880336e2, 4.29008140027567833386e2, 1.08635005541779435134e2,
  6.57024977031928170135, -6.04244152148580987438e-2,
];
const RB = [
  -9.86494292470009928597e-3, -7.99283237680523006574e-1, -1.77579549177547519889e1,
  -1.60636384855821916062e2, -6.37566443368389627722e2, -1.02509513161107724954e3,
  -4.83519191608651397019e2,
];
const SB = [
  0, 3.03380607434824582924e1, 3.25792512996573918826e2, 1.53672958608443695994e3,
  3.19985821950859553908e3, 2.55305040643316442583e3, 4.74528541206955367215e2,
  -2.24409524465858183362e1,
];

/** Horner evaluation c[0] + s*(c[1] + s*(...)), innermost first, as fdlibm writes it. */
function poly(c: readonly number[], s: number, from = 0): number {
  let acc = c[c.length - 1];
  for (let i = c.length - 2; i >= from; i--) acc = c[i] + s * acc;
  return acc;
}

/** 1 + s*(q[1] + s*(...)): the denominators, whose leading coefficient is 1. */
function poly1(q: readonly number[], s: number): number {
  return 1 + s * poly(q, s, 1);
}

const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer);

/** x with the low 32 bits of its mantissa cleared (fdlibm's pseudo-single precision). */
function truncLow(x: number): number {
  f64[0] = x;
  u32[0] = 0; // little-endian: word 0 is the low half
  return f64[0];
}

/** Complementary error function, fdlibm's algorithm. */
export function erfc(xIn: number): number {
  if (Number.isNaN(xIn)) return NaN;
  if (xIn === Infinity) return 0;
  if (xIn === -Infinity) return 2;
  const neg = xIn < 0;
  const x = Math.abs(xIn);
  if (x < 0.84375) {
    let temp: number;
    if (x < 2 ** -56) temp = x;
    else {
      const z = x * x;
      const y = poly(PP, z) / poly1(QQ, z);
      temp = x < 0.25 ? x + x * y : 0.5 + (x * y + (x - 0.5));
    }
    return neg ? 1 + temp : 1 - temp;
  }
  if (x < 1.25) {
    const s = x - 1;
    const pq = poly(PA, s) / poly1(QA, s);
    return neg ? 1 + ERX + pq : 1 - ERX - pq;
  }
  if (x < 28) {
    const s = 1 / (x * x);
    let rs: number;
    if (x < 1 / 0.35) rs = poly(RA, s) / poly1(SA, s);
    else {
      if (neg && x > 6) return 2;
      rs = poly(RB, s) / poly1(SB, s);
    }
    const z = truncLow(x);
    const r = goExp(-z * z - 0.5625) * goExp((z - x) * (z + x) + rs);
    return neg ? 2 - r / x : r / x;
  }
  return neg ? 2 : 0;
}

// fdlibm e_lgamma_r.c: the asymptotic coefficients used for x >= 8.
const LGAM_W = [
  4.18938533204672725052e-1, 8.33333333333329678849e-2, -2.7777777772877553647e-3,
  7.936505586430195585e-4, -5.95187557450339963135e-4, 8.36339918996282139126e-4,
  -1.63092934096575273989e-3,
];

/**
 * log Γ(x) for whole numbers x >= 1, the only arguments binomial coefficients need. For
 * 3 <= x < 8 fdlibm's rational part vanishes at integers and leaves log((x-1)!).
 */
function lgammaInt(x: number): number {
  if (x === 1 || x === 2) return 0;
  if (x < 8) {
    let z = 1;
    for (let k = 2; k < x; k++) z *= k;
    return goLog(z);
  }
  const t = goLog(x);
  const z = 1 / x;
  const y = z * z;
  const w = LGAM_W[0] + z * poly(LGAM_W, y, 1);
  return (x - 0.5) * (t - 1) + w;
}

/** Pascal's triangle up to 20: the exact values Go's int64 factorial ratio gives. */
const PASCAL: number[][] = [[1]];
for (let n = 1; n <= 20; n++) {
  const row = [1];
  for (let k = 1; k < n; k++) row.push(PASCAL[n - 1][k - 1] + PASCAL[n - 1][k]);
  row.push(1);
  PASCAL.push(row);
}

/** exp(lgamma) values above 20, computed once each (the U distribution asks again and again). */
const bigChoose = new Map<number, number>();

/** Binomial coefficient C(n, k): exact up to n = 20 (as int64 in Go), exp(lgamma) above. */
export function choose(n: number, k: number): number {
  if (k === 0 || k === n) return 1;
  if (k < 0 || n < k) return 0;
  if (n <= 20) return PASCAL[n][k];
  const key = n * 65536 + k;
  let v = bigChoose.get(key);
  if (v === undefined) {
    v = goExp(lgammaInt(n + 1) - lgammaInt(k + 1) - lgammaInt(n - k + 1));
    bigChoose.set(key, v);
  }
  return v;
}

/** Standard normal CDF via erfc, as go-moremath NormalDist.CDF. */
export function normalCDF(x: number, mu = 0, sigma = 1): number {
  return erfc(-(x - mu) / (sigma * Math.SQRT2)) / 2;
}

/** Inverse normal CDF: Acklam's rational approximation plus one Halley step (go-moremath). */
export function normalInvCDF(p: number, mu = 0, sigma = 1): number {
  if (p < 0 || p > 1) return NaN;
  if (p === 0) return -Infinity;
  if (p === 1) return Infinity;
  const a = [
    -3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2,
    -3.066479806614716e1, 2.506628277459239,
  ];
  const b = [
    -5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1,
    -1.328068155288572e1,
  ];
  const c = [
    -7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734,
    4.374664141464968, 2.938163982698783,
  ];
  const d = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416];
  const low = 0.02425;
  const tail = (q: number) =>
    (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
    ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
  let x: number;
  if (p < low) x = tail(Math.sqrt(-2 * goLog(p)));
  else if (1 - low < p) x = -tail(Math.sqrt(-2 * goLog(1 - p)));
  else {
    const q = p - 0.5;
    const r = q * q;
    x =
      ((((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q) /
      (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
  }
  const e = 0.5 * erfc(-x / Math.SQRT2) - p;
  const u = e * Math.sqrt(2 * Math.PI) * goExp((x * x) / 2);
  x = x - u / (1 + (x * u) / 2);
  return x * sigma + mu;
}

/** Geometric mean as go-moremath computes it (running mean of logs); NaN if any x <= 0. */
export function geomean(xs: readonly number[]): number {
  if (xs.length === 0) return NaN;
  let m = 0;
  for (let i = 0; i < xs.length; i++) {
    if (xs[i] <= 0) return NaN;
    m += (goLog(xs[i]) - m) / (i + 1);
  }
  return goExp(m);
}
