// Fuzzes the build-info reader with mutations of a real Go binary around the places it reads:
// the build info header and strings, the ELF header, and the section header table.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { bytesSource, readGoBuildInfo } from '../../src/formats/go-buildinfo.js';
import { goSkipReason, scenarioPath } from '../support/go-scenario.js';
import { ParseError } from '../../src/model/errors.js';

const skip = goSkipReason('leaky');

async function readsOrTypedError(bytes: Uint8Array): Promise<string> {
  try {
    const r = await readGoBuildInfo(bytesSource(bytes));
    return r.kind;
  } catch (err) {
    if (err instanceof ParseError) return 'broken';
    throw err;
  }
}

test(
  'fuzz: mutated bytes around the build info give a result or a ParseError',
  { skip, timeout: 60_000 },
  async () => {
    const bytes = new Uint8Array(readFileSync(scenarioPath('leaky')));
    const view = new DataView(bytes.buffer);
    const magic = Buffer.from(bytes.buffer).indexOf(Buffer.from('\xff Go buildinf:', 'latin1'));
    const shoff = Number(view.getBigUint64(0x28, true));
    const hotSpots = fc.oneof(
      fc.integer({ min: magic - 16, max: magic + 600 }), // header, version, modinfo
      fc.integer({ min: 0, max: 63 }), // ELF header
      fc.integer({ min: shoff, max: Math.min(bytes.length - 1, shoff + 64 * 40) }), // section headers
    );
    const outcomes = new Set<string>();
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(hotSpots, fc.integer({ min: 0, max: 255 })), {
          minLength: 1,
          maxLength: 8,
        }),
        async (edits) => {
          const saved = edits.map(([at]) => bytes[at]);
          edits.forEach(([at, b]) => (bytes[at] = b));
          try {
            const started = performance.now();
            outcomes.add(await readsOrTypedError(bytes));
            assert.ok(performance.now() - started < 2000, 'slow read');
          } finally {
            for (let i = edits.length - 1; i >= 0; i--) bytes[edits[i][0]] = saved[i];
          }
        },
      ),
      { numRuns: 200 },
    );
    assert.equal(await readsOrTypedError(bytes), 'go'); // restored
    assert.ok(outcomes.has('go') && outcomes.size >= 2, `outcomes seen: ${[...outcomes]}`);
  },
);

test(
  'fuzz: truncations and random bytes behind an ELF magic',
  { skip, timeout: 60_000 },
  async () => {
    const bytes = new Uint8Array(readFileSync(scenarioPath('leaky')));
    await fc.assert(
      fc.asyncProperty(fc.nat(bytes.length), async (n) => {
        await readsOrTypedError(bytes.subarray(0, n));
      }),
      { numRuns: 100 },
    );
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 4096 }), async (tail) => {
        const file = new Uint8Array(4 + tail.length);
        file.set([0x7f, 0x45, 0x4c, 0x46]);
        file.set(tail, 4);
        await readsOrTypedError(file);
      }),
      { numRuns: 200 },
    );
  },
);
