// Synthetic samples chosen to walk every branch of benchstat's statistics (sample sizes 1..60,
// ties and no ties, exact and normal-approximation U tests, CIs above n = 30, zeros and
// negatives, sub-benchmarks, several units), compared with benchstat run on the same files.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { benchstat, benchstatSkipReason, cli } from './support.js';
import { seededRandom } from '../support/random.js';

type Gen = (r: () => number, shift: number) => number;
const GENERATORS: Gen[] = [
  (r, s) => 1000 * (1 + s) + r() * 50, // continuous, no ties
  (r, s) => Math.round(10 + 4 * s + r() * 5), // heavy ties
  () => 7, // constant
  (r, s) => Math.round(r() * 3 * (1 + s)), // zeros and ties
  (r, s) => (r() - 0.5 + s) * 1e-3, // around zero, mixed signs
  (r, s) => 1e9 * (1 + s / 10) * (0.9 + r() / 5), // big
];

function sampleSizes(r: () => number): [number, number] {
  const pick = () =>
    [1, 2, 3, 4, 5, 6, 7, 9, 10, 20, 25, 26, 30, 31, 45, 51, 60][Math.floor(r() * 17)];
  return [pick(), pick()];
}

function makeFiles(seed: number): [string, string] {
  const r = seededRandom(seed);
  let a = 'goos: linux\npkg: example.com/synthetic\n';
  let b = a;
  for (let i = 0; i < 40; i++) {
    const gen = GENERATORS[i % GENERATORS.length];
    const [n1, n2] = sampleSizes(r);
    const shift = r() < 0.5 ? 0 : r() * 0.2;
    const name = `BenchmarkCase${i}/kind=${i % GENERATORS.length}-4`;
    const unit = i % 3 === 0 ? 'B/op' : i % 3 === 1 ? 'ns/op' : 'widgets/op';
    for (let k = 0; k < n1; k++) a += `${name}\t100\t${gen(r, 0)} ${unit}\n`;
    for (let k = 0; k < n2; k++) b += `${name}\t100\t${gen(r, shift)} ${unit}\n`;
  }
  return [a, b];
}

test(
  'synthetic samples: text and csv identical to benchstat',
  { skip: benchstatSkipReason() },
  (t) => {
    const dir = mkdtempSync(join(tmpdir(), 'gomemlens-synth-'));
    t.after(() => rmSync(dir, { recursive: true, force: true }));
    for (const seed of [1, 2, 3, 4, 5]) {
      const [a, b] = makeFiles(seed);
      writeFileSync(join(dir, 'a.txt'), a);
      writeFileSync(join(dir, 'b.txt'), b);
      for (const format of ['text', 'csv']) {
        const want = benchstat(dir, ['-format', format, 'a.txt', 'b.txt']);
        const got = cli(['bench', 'compare', '--format', format, 'a.txt', 'b.txt'], { cwd: dir });
        assert.equal(got.code, 0, got.stderr);
        assert.equal(got.stdout, want.stdout, `seed ${seed} format ${format}`);
        assert.equal(got.stderr, want.stderr, `seed ${seed} format ${format} (stderr)`);
      }
    }
  },
);
