// The profile.proto decoder on hand-made wire bytes: encodings Go and pprof both write
// (packed, unpacked, negative int64), and broken input that must give a clear ParseError.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gzipSync } from 'node:zlib';
import { profileTop } from '../../src/analysis/profile-top.js';
import { gunzip } from '../../src/formats/gzip.js';
import { parseProfile, parseUncompressedProfile } from '../../src/formats/pprof-detect.js';
import { bytes, tinyProfile, uint } from './proto-writer.js';
import { ParseError } from '../../src/model/errors.js';

const rows = (data: Uint8Array, idx = 'inuse_space') =>
  profileTop(parseUncompressedProfile(data), { sampleIndex: idx, nodeFraction: 0 }).rows.map(
    (r) => [r.name, r.flat, r.cum],
  );

test('packed and unpacked repeated fields decode the same', () => {
  const samples = [
    { locs: [1, 2, 3], values: [300, 100] },
    { locs: [2, 3], values: [70000, 5] },
  ];
  const packed = rows(tinyProfile(samples));
  const unpacked = rows(tinyProfile(samples.map((s) => ({ ...s, packedFields: false }))));
  assert.deepEqual(packed, unpacked);
  assert.deepEqual(packed, [
    ['main.a', 100, 100],
    ['main.b', 5, 105],
    ['main.c', 0, 105],
  ]);
});

test('negative int64 values (10-byte varints, as in diff profiles)', () => {
  const p = parseUncompressedProfile(tinyProfile([{ locs: [1], values: [-5, -1234567890123] }]));
  assert.deepEqual(Array.from(p.samples.values), [-5, -1234567890123]);
});

test('huge location IDs: a Map, not a huge array', () => {
  const id = 2n ** 62n;
  const p = parseUncompressedProfile(
    tinyProfile([{ locs: [id, 2], values: [1, 1] }], { locationIds: [id, 2, 3] }),
  );
  assert.equal(p.locations.id[0], Number(id));
  assert.equal(p.samples.stack[0], 0);
});

const broken: [string, Uint8Array, RegExp][] = [
  [
    'truncated',
    tinyProfile([{ locs: [1], values: [1, 2] }]).subarray(0, 20),
    /runs past the end|bad varint/,
  ],
  [
    'unknown location',
    tinyProfile([{ locs: [9], values: [1, 2] }]),
    /location ID 9 that does not exist/,
  ],
  [
    'value count',
    tinyProfile([{ locs: [1], values: [1, 2, 3] }]),
    /mismatch: sample has 3 values vs. 2 types/,
  ],
  [
    'ID 0',
    tinyProfile([{ locs: [1], values: [1, 2] }], { locationIds: [0, 2, 3] }),
    /reserved ID=0/,
  ],
  [
    'duplicate ID',
    tinyProfile([{ locs: [1], values: [1, 2] }], { locationIds: [1, 1, 3] }),
    /multiple locations with same ID 1/,
  ],
  ['string index', tinyProfile([], { extra: uint(14, 99) }), /string index 99 out of range/],
  ['wire type 3', Uint8Array.from([0x0b]), /unknown wire type 3|type mismatch/],
  ['wrong wire type', Uint8Array.from([...uint(2, 5)]), /type mismatch/],
  [
    'concatenated',
    Uint8Array.from([...tinyProfile([]), ...uint(9, 1), ...uint(9, 2)]),
    /concatenated/,
  ],
  [
    'long varint',
    Uint8Array.from([0x60, ...new Array(11).fill(0xff), 0x01]),
    /longer than 10 bytes/,
  ],
  [
    'huge length',
    Uint8Array.from([...bytes(2, []).slice(0, 1), 0xff, 0xff, 0xff, 0xff, 0x0f]),
    /runs past the end/,
  ],
];
for (const [what, data, re] of broken) {
  test(`broken input gives a ParseError: ${what}`, () => {
    assert.throws(
      () => parseUncompressedProfile(data),
      (err: unknown) => err instanceof ParseError && re.test(err.message),
    );
  });
}

test('empty input and garbage', async () => {
  await assert.rejects(parseProfile(new Uint8Array()), /empty input/);
  await assert.rejects(
    parseProfile(new TextEncoder().encode('hello world\n')),
    /not a pprof profile/,
  );
});

test('gzip: a bomb stops at the cap with a clear error; corrupt gzip is an error', async () => {
  const bomb = gzipSync(new Uint8Array(64 << 20));
  assert.ok(bomb.length < 100_000);
  const before = process.memoryUsage().arrayBuffers;
  await assert.rejects(
    gunzip(bomb, 4 << 20),
    (err: unknown) =>
      err instanceof ParseError &&
      err.kind === 'too-large' &&
      /exceeds the limit of 4194304 bytes/.test(err.message),
  );
  assert.ok(
    process.memoryUsage().arrayBuffers - before < 32 << 20,
    'did not inflate the whole bomb',
  );
  const corrupt = gzipSync(tinyProfile([]));
  corrupt[corrupt.length - 6] ^= 0xff;
  await assert.rejects(parseProfile(corrupt), ParseError);
  const good = await parseProfile(gzipSync(tinyProfile([{ locs: [1], values: [1, 2] }])));
  assert.equal(good.samples.count, 1);
});

test('stack index width follows the location count (Uint8, Uint16, Uint32)', () => {
  for (const [n, kind] of [
    [3, 'Uint8Array'],
    [300, 'Uint16Array'],
    [70_000, 'Uint32Array'],
  ] as const) {
    const ids = Array.from({ length: n }, (_, i) => i + 1);
    const p = parseUncompressedProfile(
      tinyProfile([{ locs: [n, 1], values: [1, 2] }], { locationIds: ids }),
    );
    assert.equal(p.samples.stack.constructor.name, kind);
    assert.deepEqual(Array.from(p.samples.stack), [n - 1, 0]);
  }
});
