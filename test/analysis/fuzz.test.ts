// analyzeSnapshot on odd but type-correct snapshots (huge, zero and negative numbers, any layer
// absent or unreadable) never throws, and its findings carry no NaN or Infinity.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { analyzeSnapshot } from '../../src/analysis/diagnose.js';
import { unflaggedExcess } from '../../src/analysis/breakdown-line.js';
import { UNLIMITED } from '../../src/model/units.js';
import { describeFinding } from '../../src/report/messages/index.js';
import { snapshot, type Spec } from './snapshot-builder.js';

const bytes = fc.oneof(
  fc.constant(0),
  fc.integer({ min: 0, max: 2 ** 40 }),
  fc.constant(Number.MAX_SAFE_INTEGER),
);
const layer = fc.constantFrom(
  'cgroup',
  'process',
  'runtime',
  'binary',
  'stat',
  'smaps',
  'status',
  'environ',
  'memstats',
  'usage',
);

const spec: fc.Arbitrary<Spec> = fc.record(
  {
    version: fc.constantFrom(1 as const, 2 as const),
    limit: fc.oneof(bytes, fc.constant(UNLIMITED)),
    usage: bytes,
    high: fc.oneof(bytes, fc.constant(UNLIMITED)),
    lazyFree: bytes,
    status: fc.record({ rssAnon: bytes, rssFile: bytes }),
    memstats: fc.record({
      HeapInuse: bytes,
      HeapIdle: bytes,
      HeapReleased: bytes,
      HeapAlloc: bytes,
      StackSys: bytes,
      NumGC: fc.integer({ min: 0, max: 10_000 }),
      GCCPUFraction: fc.double({ min: 0, max: 1, noNaN: true }),
      PauseNs: fc.array(fc.integer({ min: 0, max: 1e10 }), { maxLength: 256 }),
    }),
    env: fc.dictionary(
      fc.constantFrom('GOMEMLIMIT', 'GOGC', 'GODEBUG', 'GOTRACEBACK', 'GOMAXPROCS'),
      fc.string({ maxLength: 20 }),
    ),
    goVersion: fc.oneof(
      fc.constant(null),
      fc.constantFrom('go1.11', 'go1.14.2', 'go1.26.8', 'devel', 'junk'),
    ),
    events: fc.record({ high: fc.nat(), oomKill: fc.nat() }),
    without: fc.array(layer, { maxLength: 4 }),
  },
  { requiredKeys: [] },
);

test('analyzeSnapshot never throws and never reports NaN, in args or in words', () => {
  fc.assert(
    fc.property(spec, (s) => {
      const r = analyzeSnapshot(snapshot(s));
      for (const f of r.findings) {
        for (const [k, v] of Object.entries(f.args)) {
          assert.ok(typeof v !== 'number' || Number.isFinite(v), `${f.code}.${k} = ${v}`);
        }
        const words = describeFinding(f);
        assert.doesNotMatch(`${words.summary} ${words.fix}`, /undefined|NaN|Infinity/, f.code);
      }
      assert.deepEqual(unflaggedExcess(r.breakdown.root), []);
      JSON.stringify(r);
    }),
    { numRuns: 400 },
  );
});
