/**
 * Two-sided Mann-Whitney U test as benchstat runs it (go-moremath stats.MannWhitneyUTest):
 * midranks for ties; the exact distribution of U when samples are small (no ties: n <= 50
 * each; ties: n <= 25 each, Cheung & Klotz's counting); otherwise the normal approximation
 * with tie correction and a 0.5 continuity correction.
 */
import { normalCDF } from './numeric.js';
import { uCDFWithTies } from './udist-ties.js';

const EXACT_LIMIT = 50;
const TIES_EXACT_LIMIT = 25;

export type UTestResult =
  | {
      readonly ok: true;
      readonly p: number;
      readonly u: number;
      readonly n1: number;
      readonly n2: number;
    }
  | {
      readonly ok: false;
      readonly error: 'all samples are equal' | 'sample is too small' | 'sample contains NaN';
    };

/** Ranks the merged samples: R1 (rank sum of sample 1) and the sizes of the tie groups. */
function rankSums(x1: readonly number[], x2: readonly number[]): { r1: number; ties: number[] } {
  const n = x1.length + x2.length;
  let i = 0;
  let j = 0;
  let r1 = 0;
  const ties: number[] = [];
  let pos = 0;
  while (pos < n) {
    const v = i < x1.length && (j >= x2.length || x1[i] < x2[j]) ? x1[i] : x2[j];
    const first = pos + 1;
    let in1 = 0;
    while (i < x1.length && x1[i] === v) {
      i++;
      in1++;
      pos++;
    }
    while (j < x2.length && x2[j] === v) {
      j++;
      pos++;
    }
    if (in1 !== 0) r1 += ((pos + first) / 2) * in1;
    ties.push(pos - first + 1);
  }
  return { r1, ties };
}

/**
 * Note: upstream merges with `x1[i] < x2[j]`, so equal values interleave; grouping by value as
 * above yields the same rank sums and tie groups.
 */
export function mannWhitneyU(
  a: readonly number[],
  b: readonly number[],
  sorted = false,
): UTestResult {
  const n1 = a.length;
  const n2 = b.length;
  if (n1 === 0 || n2 === 0) return { ok: false, error: 'sample is too small' };
  // NaN has no rank (upstream would loop forever on it); such a sample cannot be tested.
  if (a.some(Number.isNaN) || b.some(Number.isNaN))
    return { ok: false, error: 'sample contains NaN' };
  const x1 = sorted ? a : [...a].sort((x, y) => x - y);
  const x2 = sorted ? b : [...b].sort((x, y) => x - y);
  const { r1, ties } = rankSums(x1, x2);
  const hasTies = ties.some((t) => t > 1);
  const u1 = r1 - (n1 * (n1 + 1)) / 2;
  const u2 = n1 * n2 - u1;
  const uSmall = Math.min(u1, u2);
  const exact = hasTies
    ? n1 <= TIES_EXACT_LIMIT && n2 <= TIES_EXACT_LIMIT
    : n1 <= EXACT_LIMIT && n2 <= EXACT_LIMIT;
  let p: number;
  if (exact) {
    if (ties.length === 1) return { ok: false, error: 'all samples are equal' };
    if (u1 === u2) p = 1;
    else p = 2 * (hasTies ? uCDFWithTies(uSmall, n1, n2, ties) : uCDFNoTies(uSmall, n1, n2));
  } else {
    const t = ties.reduce((acc, k) => acc + k * k * k - k, 0);
    const N = n1 + n2;
    const sigma = Math.sqrt((n1 * n2 * (N + 1 - t / (N * (N - 1)))) / 12);
    if (sigma === 0) return { ok: false, error: 'all samples are equal' };
    let numer = u1 - (n1 * n2) / 2;
    numer -= Math.sign(numer) * 0.5;
    const z = numer / sigma;
    p = 2 * Math.min(normalCDF(z), 1 - normalCDF(z));
  }
  return { ok: true, p, u: u1, n1, n2 };
}

/**
 * The U distribution without ties (Mann & Whitney 1947's recurrence):
 * p(n, m, U) = (n p(n-1, m, U-m) + m p(n, m-1, U)) / (n + m). Returns P[U = 0..maxU].
 */
function uPMFs(n1: number, n2: number, maxU: number): Float64Array {
  const N = Math.min(n1, n2);
  const M = Math.max(n1, n2);
  const memo: Float64Array[] = [];
  for (let n = 0; n <= N; n++) memo.push(new Float64Array(maxU + 1));
  for (let m = 0; m <= M; m++) {
    memo[0][0] = 1;
    const nlim = Math.min(N, m);
    for (let n = 1; n <= nlim; n++) {
      const lp = memo[n - 1];
      const rp = n <= m - 1 ? memo[n] : memo[m - 1];
      const ulim = Math.min(n * m, maxU);
      const out = memo[n];
      for (let u = ulim; u >= 0; u--) {
        const l = u - m >= 0 ? n * lp[u - m] : 0;
        out[u] = (l + m * rp[u]) / (n + m);
      }
    }
  }
  return memo[N];
}

function uCDFNoTies(U: number, n1: number, n2: number): number {
  if (U < 0) return 0;
  if (U >= n1 * n2) return 1;
  let ui = Math.floor(U);
  const flip = ui >= Math.floor((n1 * n2 + 1) / 2);
  if (flip) ui = n1 * n2 - ui - 1;
  const p = cumulativeNoTies(n1, n2)[ui];
  return flip ? 1 - p : p;
}

const cumulativeCache = new Map<number, Float64Array>();

/**
 * Running sums P[U <= u] for u up to half of n1*n2, summed in the same order as upstream
 * (which recomputes them per call), so the values are identical; cached per sample sizes.
 */
function cumulativeNoTies(n1: number, n2: number): Float64Array {
  const key = n1 * 1024 + n2;
  let cum = cumulativeCache.get(key);
  if (!cum) {
    const half = Math.floor((n1 * n2 + 1) / 2);
    const pdfs = uPMFs(n1, n2, half);
    cum = new Float64Array(half + 1);
    let p = 0;
    for (let k = 0; k <= half; k++) cum[k] = p += pdfs[k];
    cumulativeCache.set(key, cum);
  }
  return cum;
}
