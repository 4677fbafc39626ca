// Any byte string gives a Profile or a ParseError: no crash, no hang, bounded memory.
// Inputs: random bytes, and real profiles (proto and text) with random mutations.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import fc from 'fast-check';
import { profileTop } from '../../src/analysis/profile-top.js';
import { parseUncompressedProfile } from '../../src/formats/pprof-detect.js';
import { tinyProfile } from './proto-writer.js';
import { pprofFixtures, upstreamSkipReason } from '../support/upstream.js';
import { ParseError } from '../../src/model/errors.js';

const seeds = [
  gunzipSync(readFileSync('testdata/pprof/shapes-heap.pb.gz')),
  readFileSync('testdata/pprof/shapes-goroutine.txt'),
  // google/pprof's legacy heap profile, when Go can fetch the pinned module.
  ...(upstreamSkipReason() ? [] : [readFileSync(join(pprofFixtures(), 'gobench.heap'))]),
  tinyProfile([
    { locs: [1, 2, 3], values: [5, -7] },
    { locs: [3], values: [1, 1], packedFields: false },
  ]),
].map((b) => new Uint8Array(b));

/** Parses and, when that works, runs top on every sample type. Returns what happened. */
function exercise(data: Uint8Array): 'ok' | 'error' {
  let p;
  try {
    p = parseUncompressedProfile(data);
  } catch (err) {
    if (err instanceof ParseError) return 'error';
    throw err;
  }
  for (let i = 0; i < p.sampleTypes.length; i++) profileTop(p, { sampleIndex: String(i) });
  return 'ok';
}

const mutation = fc.oneof(
  fc.record({
    kind: fc.constant('flip' as const),
    at: fc.nat(),
    bits: fc.integer({ min: 1, max: 255 }),
  }),
  fc.record({
    kind: fc.constant('insert' as const),
    at: fc.nat(),
    data: fc.uint8Array({ minLength: 1, maxLength: 12 }),
  }),
  fc.record({
    kind: fc.constant('cut' as const),
    at: fc.nat(),
    len: fc.integer({ min: 1, max: 64 }),
  }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
);
type Mutation = typeof mutation extends fc.Arbitrary<infer M> ? M : never;

function mutate(seed: Uint8Array, ops: Mutation[]): Uint8Array {
  let b = Uint8Array.from(seed);
  for (const op of ops) {
    const at = b.length === 0 ? 0 : op.at % b.length;
    if (op.kind === 'flip') b[at] ^= op.bits;
    else if (op.kind === 'insert')
      b = Uint8Array.from([...b.subarray(0, at), ...op.data, ...b.subarray(at)]);
    else if (op.kind === 'cut')
      b = Uint8Array.from([...b.subarray(0, at), ...b.subarray(at + op.len)]);
    else b = b.subarray(0, at);
  }
  return b;
}

test('fuzz: random bytes', () => {
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 512 }), (data) => {
      exercise(data);
    }),
    { numRuns: 300, seed: 42 },
  );
});

test('fuzz: mutated real profiles', () => {
  const started = Date.now();
  const outcomes = { ok: 0, error: 0 };
  fc.assert(
    fc.property(
      fc.nat(seeds.length - 1),
      fc.array(mutation, { minLength: 1, maxLength: 4 }),
      (which, ops) => {
        const t0 = Date.now();
        outcomes[exercise(mutate(seeds[which], ops))]++;
        assert.ok(Date.now() - t0 < 2000, 'one input took more than 2 s');
      },
    ),
    { numRuns: 400, seed: 7 },
  );
  assert.ok(
    outcomes.ok > 0 && outcomes.error > 0,
    `both outcomes seen: ${JSON.stringify(outcomes)}`,
  );
  assert.ok(Date.now() - started < 20_000);
  assert.ok(process.memoryUsage().rss < 1024 << 20, 'memory stayed bounded');
});

test("pprof's fuzz crashers give errors, not crashes", () => {
  for (const text of [
    '--- heapz 1 ---\n0 0 @ 0\n',
    'heap profile: 1: 1 [ 1: 1] @ heap/2\n1: 1 [1: 1] @ 0xffffffffffffffffff\n',
  ]) {
    assert.ok(['ok', 'error'].includes(exercise(new TextEncoder().encode(text))));
  }
});

test('long lines stay linear (no regex backtracking blow-up)', () => {
  const t0 = Date.now();
  const digits = '1'.repeat(200_000);
  for (const body of [
    digits,
    `${digits}: ${digits}`,
    `#\t0x1\t${'\t'.repeat(50_000)}x+0x1${'\t'.repeat(50_000)}`,
  ]) {
    exercise(new TextEncoder().encode(`heap profile: 1: 1 [ 1: 1] @ heap/2\n${body}\n`));
    exercise(new TextEncoder().encode(`goroutine profile: total 1\n1 @ 0x1\n${body}\n`));
  }
  assert.ok(Date.now() - t0 < 2000, `took ${Date.now() - t0} ms`);
});
