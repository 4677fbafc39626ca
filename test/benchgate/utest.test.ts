// The Mann-Whitney U test's distributions: the fast counting used up to 20 samples must give
// upstream's (Cheung-Klotz) values bit for bit, and known p-values must come out.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { uCDFCheungKlotz, uCDFWithTies } from '../../src/analysis/bench/udist-ties.js';
import { mannWhitneyU } from '../../src/analysis/bench/utest.js';
import { quantileCI } from '../../src/analysis/bench/quantile.js';

function rng(seed: number): () => number {
  let s = seed;
  return () => (s = (s * 16807) % 2147483647) / 2147483647;
}

function tieGroups(a: number[], b: number[]): number[] {
  const all = [...a, ...b].sort((x, y) => x - y);
  const ties: number[] = [];
  for (let j = 0; j < all.length;) {
    let k = j;
    while (k < all.length && all[k] === all[j]) k++;
    ties.push(k - j);
    j = k;
  }
  return ties;
}

test('tie distribution: fast count equals the upstream recursion for every U', () => {
  const r = rng(11);
  let compared = 0;
  for (let i = 0; i < 3000; i++) {
    const n1 = 1 + Math.floor(r() * 12);
    const n2 = 1 + Math.floor(r() * (20 - n1));
    const levels = 1 + Math.floor(r() * 6);
    const a = Array.from({ length: n1 }, () => Math.floor(r() * levels));
    const b = Array.from({ length: n2 }, () => Math.floor(r() * levels));
    const ties = tieGroups(a, b);
    if (ties.length < 2 || ties.every((t) => t === 1)) continue;
    for (let twoU = 0; twoU < 2 * n1 * n2; twoU++) {
      const want = uCDFCheungKlotz(twoU / 2, n1, n2, ties);
      assert.ok(
        Object.is(uCDFWithTies(twoU / 2, n1, n2, ties), want),
        `n1=${n1} n2=${n2} ties=${ties} 2U=${twoU}`,
      );
      compared++;
    }
  }
  assert.ok(compared > 10000);
});

test('known p-values and upstream quirks', () => {
  // Fully separated samples reach the minimum p: 2/C(2n, n).
  const p5 = mannWhitneyU([1, 2, 3, 4, 5], [6, 7, 8, 9, 10]);
  assert.ok(p5.ok && Math.abs(p5.p - 0.007936507936507936) < 1e-15);
  const p3 = mannWhitneyU([1, 2, 3], [4, 5, 6]);
  assert.ok(p3.ok && Math.abs(p3.p - 0.1) < 1e-15);
  // The spec's quirk: upstream reports p = 0 here.
  const q = mannWhitneyU([1, 2, 3, 5], [1, 1, 1, 1, 1]);
  assert.ok(q.ok && q.p === 0);
  assert.deepEqual(mannWhitneyU([4, 4], [4, 4, 4]), { ok: false, error: 'all samples are equal' });
  assert.deepEqual(mannWhitneyU([], [1]), { ok: false, error: 'sample is too small' });
  assert.deepEqual(mannWhitneyU([NaN, 1], [1, 2]), { ok: false, error: 'sample contains NaN' });
});

test('median confidence interval order statistics (spec table)', () => {
  const table: [number, number, number][] = [
    [6, 1, 6],
    [7, 1, 7],
    [8, 1, 7],
    [9, 2, 8],
    [10, 2, 9],
    [11, 2, 9],
    [12, 3, 10],
    [15, 4, 12],
    [20, 6, 15],
    [30, 10, 21],
  ];
  for (const [n, lo, hi] of table) {
    const ci = quantileCI(n, 0.5, 0.95);
    assert.deepEqual([ci.loOrder, ci.hiOrder], [lo, hi], `n=${n}`);
  }
  for (const n of [1, 2, 3, 4, 5]) {
    const ci = quantileCI(n, 0.5, 0.95);
    assert.ok(ci.loOrder < 1 || ci.hiOrder > n, `n=${n} must be unbounded`);
  }
});
