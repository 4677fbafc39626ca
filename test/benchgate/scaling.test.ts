// Every bench parser is linear in its input: benchmark text (through the tables bench compare
// builds and renders) and baseline JSON, on the shapes that once were or could be quadratic
// (a line of thousands of values: 60k of them took 1.5 GB; distinct names, units, configs;
// long ignored lines). Doubling the input at most triples time and retained heap.
import { test } from 'node:test';
import { TableBuilder } from '../../src/analysis/bench/table.js';
import { scanBaseline, serializeBaseline } from '../../src/formats/bench-baseline.js';
import { parseBenchfmt, scanBenchfmt } from '../../src/formats/benchfmt.js';
import type { UnitMetadata } from '../../src/model/bench.js';
import { renderTablesText } from '../../src/report/bench-text.js';
import { seededRandom } from '../support/random.js';
import { assertLinear, doublings } from '../support/scaling.js';

/** bench compare's pure work on one input: parse, build the tables, render them. */
function compareText(text: string) {
  const tb = new TableBuilder();
  const units = new Map<string, UnitMetadata>();
  scanBenchfmt(text, { file: 'in.txt', units }, (r) => tb.add(r));
  const tables = tb.finish(units);
  return { tables, out: renderTablesText(tables) };
}

function compareBaseline(text: string) {
  const tb = new TableBuilder();
  const { units } = scanBaseline(text, { file: 'in.json' }, (r) => tb.add(r));
  return tb.finish(units);
}

const repeat = (n: number, line: (i: number) => string) =>
  Array.from({ length: n }, (_, i) => line(i)).join('');

/** go test -count 10 output: n lines, n/10 benchmarks, three metrics. */
function realistic(n: number): string {
  const r = seededRandom(n);
  return (
    'goos: linux\npkg: example.com/x\n' +
    repeat(n, (i) => {
      const b = Math.floor(i / 10);
      const name = `BenchmarkOp${b}/size=${b % 7}-8`;
      return `${name}\t100000\t${(100 + r() * 50).toFixed(1)} ns/op\t${i % 64} B/op\t${i % 5} allocs/op\n`;
    })
  );
}

const shapes: [what: string, base: number, make: (n: number) => string][] = [
  ['realistic go test lines', 2000, realistic],
  // The shape of the 60k-measurement line, kept under benchstat's 64 KiB line limit.
  ['values per line', 1000, (n) => repeat(32, (i) => `BenchmarkV${i} 1 ${'7 ns/op '.repeat(n)}\n`)],
  ['distinct names', 1000, (n) => repeat(n, (i) => `BenchmarkA${i} 1 ${i} ns/op\n`)],
  ['distinct units of one benchmark', 500, (n) => repeat(n, (i) => `BenchmarkA 1 1 u${i}/op\n`)],
  [
    'a config change before every line',
    1000,
    (n) => repeat(n, (i) => `k: v${i}\nBenchmarkA 1 1 ns/op\n`),
  ],
  ['distinct config keys', 500, (n) => repeat(n, (i) => `k${i}: v\n`) + 'BenchmarkA 1 1 ns/op\n'],
  [
    'Unit metadata lines',
    2000,
    (n) => repeat(n, (i) => `Unit u${i} better=lower\n`) + 'BenchmarkA 1 1 u1\n',
  ],
  ['syntax errors', 4000, (n) => repeat(n, () => 'BenchmarkA x\n') + 'BenchmarkA 1 1 ns/op\n'],
  ['long ignored lines', 4, (n) => repeat(n, (i) => `log ${i} ${'x'.repeat(1 << 18)}\n`)],
];

for (const [what, base, make] of shapes) {
  test(`benchfmt and the tables are linear: ${what}`, () => {
    assertLinear(what, doublings(base), make, compareText);
  });
}

test('baseline JSON is linear: results and values', () => {
  const baselineOf = (text: string) => serializeBaseline(parseBenchfmt(text, { file: 'in.txt' }));
  assertLinear(
    'realistic results',
    doublings(2000),
    (n) => baselineOf(realistic(n)),
    compareBaseline,
  );
  assertLinear(
    'values per result',
    doublings(1000),
    (n) => baselineOf(repeat(32, (i) => `BenchmarkV${i} 1 ${'7 ns/op '.repeat(n)}\n`)),
    compareBaseline,
  );
});
