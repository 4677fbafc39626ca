// Fuzzing the benchfmt parser (fast-check, bounded): any text gives results and syntax errors,
// never an exception; generated well-formed lines round-trip; mutated real files still parse
// and render.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { parseBenchfmt } from '../../src/formats/benchfmt.js';
import { buildTables } from '../../src/analysis/bench/table.js';
import { renderTablesText } from '../../src/report/bench-text.js';
import { renderTablesCsv } from '../../src/report/bench-csv.js';
import { benchstatFixtures, upstreamSkipReason } from '../support/upstream.js';

// A real file from benchstat's testdata when Go can fetch it; else a line of the same shape.
const REAL = (
  upstreamSkipReason()
    ? 'BenchmarkCRC32/poly=IEEE/size=15/align=0-8  20000000  72.3 ns/op  207.50 MB/s'
    : readFileSync(join(benchstatFixtures(), 'crc-new.txt'), 'utf8')
)
  .split('\n')
  .slice(0, 60)
  .join('\n');

function checkInvariants(text: string) {
  const set = parseBenchfmt(text, { file: 'fuzz.txt' });
  const lines = text.split('\n').length;
  for (const r of set.results) {
    assert.ok(r.values.length > 0);
    assert.ok(Number.isInteger(r.iters));
    assert.ok(r.line >= 1 && r.line <= lines);
  }
  for (const e of set.errors) assert.ok(e.line >= 1 && e.line <= lines && e.msg.length > 0);
  const tables = buildTables(set.results, set.units);
  renderTablesText(tables);
  renderTablesCsv(tables);
  return set;
}

test('any text parses without throwing', () => {
  const line = fc.oneof(
    fc.string({ maxLength: 60 }),
    fc.constantFrom(
      'BenchmarkX',
      'Benchmark',
      'Unit',
      'Unit x assume=exact',
      'key: value',
      'key:',
      'Benchmark 1 1 ns/op',
    ),
    fc
      .tuple(fc.constantFrom('BenchmarkA-8', 'BenchmarkB/x=1'), fc.string({ maxLength: 20 }))
      .map(([a, b]) => `${a} ${b}`),
  );
  fc.assert(
    fc.property(fc.array(line, { maxLength: 30 }), (lines) => {
      checkInvariants(lines.join('\n'));
    }),
    { numRuns: 400 },
  );
});

test('well-formed result lines round-trip', () => {
  const name = fc.stringMatching(/^[A-Za-z0-9_/=.-]{1,20}$/);
  const unit = fc.constantFrom('B/op', 'allocs/op', 'widgets', 'x/op');
  const value = fc.double({ min: -1e12, max: 1e12, noNaN: true, noDefaultInfinity: true });
  const result = fc.record({
    name,
    iters: fc.nat(1e9),
    values: fc.array(fc.tuple(value, unit), { minLength: 1, maxLength: 4 }),
  });
  fc.assert(
    fc.property(fc.array(result, { minLength: 1, maxLength: 10 }), (rs) => {
      const text = rs
        .map(
          (r) =>
            `Benchmark${r.name}\t${r.iters}\t${r.values.map(([v, u]) => `${v} ${u}`).join('\t')}`,
        )
        .join('\n');
      const set = checkInvariants(text);
      assert.equal(set.errors.length, 0);
      assert.deepEqual(
        set.results.map((r) => [r.name, r.iters, r.values.map((v) => [v.value, v.unit])]),
        rs.map((r) => [r.name, r.iters, r.values.map(([v, u]) => [Object.is(v, -0) ? 0 : v, u])]),
      );
    }),
    { numRuns: 300 },
  );
});

test('mutated real output still parses and renders', () => {
  fc.assert(
    fc.property(
      fc.array(fc.tuple(fc.nat(REAL.length), fc.string({ maxLength: 3 }), fc.nat(3)), {
        maxLength: 12,
      }),
      (edits) => {
        let text = REAL;
        for (const [at, insert, del] of edits)
          text = text.slice(0, at) + insert + text.slice(at + del);
        checkInvariants(text);
      },
    ),
    { numRuns: 300 },
  );
});

test('decimal values read in place equal Number() of their text', () => {
  const decimal = fc
    .tuple(fc.stringMatching(/^[0-9]{1,18}$/), fc.option(fc.stringMatching(/^[0-9]{0,24}$/)))
    .map(([int, frac]) => (frac === null ? int : `${int}.${frac}`));
  fc.assert(
    fc.property(fc.array(decimal, { minLength: 1, maxLength: 5 }), (texts) => {
      const line = `BenchmarkX 1 ${texts.map((t, i) => `${t} u${i}`).join(' ')}`;
      const set = parseBenchfmt(line, { file: 'f' });
      assert.deepEqual(
        set.results[0].values.map((v) => v.value),
        texts.map((t) => Number(t)),
      );
    }),
    { numRuns: 500 },
  );
});
