// The options fuzzed: granularities, filters, tag filters, trimming and peek on real and
// mutated profiles, and random Go regexps. Every run gives a report or a typed error (a
// ParseError for the input, a UsageError for the regexp, an InputError for a peek that
// matches nothing): no crash, no hang, bounded memory.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import fc from 'fast-check';
import { peekOfInputs } from '../../src/analysis/profile-peek.js';
import { GRANULARITIES } from '../../src/analysis/profile-nodes.js';
import { profileDiff } from '../../src/analysis/profile-diff.js';
import { profileTop, type TopOptions } from '../../src/analysis/profile-top.js';
import { compileGoRegexp } from '../../src/analysis/go-regexp.js';
import { parseUncompressedProfile } from '../../src/formats/pprof-detect.js';
import { InputError, ParseError, UsageError } from '../../src/model/errors.js';
import type { Profile } from '../../src/model/profile.js';
import { generateProfile } from '../../bench/pprof-gen.js';

const seeds = [
  gunzipSync(readFileSync('testdata/pprof/shapes-heap.pb.gz')),
  gunzipSync(readFileSync('testdata/pprof/shapes-heap2.pb.gz')),
  readFileSync('testdata/pprof/shapes-goroutine.txt'),
  generateProfile({ samples: 300, minDepth: 2, maxDepth: 12, functions: 30, labels: 3, seed: 9 }),
].map((b) => new Uint8Array(b));

const REGEXES = [
  'main',
  'site[0-9]',
  '^main\\.',
  'newBuf|recurse',
  '(?i)MAIN',
  'sites\\.go',
  '.',
  'x^',
];
const TAGS = ['1kb:4kb', 'bytes=:512', 'bytes=2kb:', 'k0=value-0-1', 'value-1-2,k2:v', '64'];

const maybe = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: undefined });
const options: fc.Arbitrary<TopOptions> = fc.record({
  granularity: maybe(fc.constantFrom(...GRANULARITIES)),
  noInlines: maybe(fc.boolean()),
  focus: maybe(fc.constantFrom(...REGEXES)),
  ignore: maybe(fc.constantFrom(...REGEXES)),
  hide: maybe(fc.constantFrom(...REGEXES)),
  show: maybe(fc.constantFrom(...REGEXES)),
  showFrom: maybe(fc.constantFrom(...REGEXES)),
  tagFocus: maybe(fc.constantFrom(...TAGS)),
  tagIgnore: maybe(fc.constantFrom(...TAGS)),
  trim: maybe(fc.boolean()),
  nodeFraction: maybe(fc.double({ min: 0, max: 1, noNaN: true })),
  edgeFraction: maybe(fc.double({ min: 0, max: 1, noNaN: true })),
  nodeCount: maybe(fc.nat(20)),
  cum: maybe(fc.boolean()),
});

function parse(data: Uint8Array): Profile | undefined {
  try {
    return parseUncompressedProfile(data);
  } catch (err) {
    if (err instanceof ParseError) return undefined;
    throw err;
  }
}

/** Runs top, a diff against itself and peek with the options on every sample type. */
function exercise(p: Profile, o: TopOptions): void {
  for (let i = 0; i < p.sampleTypes.length; i++) {
    const opts = { ...o, sampleIndex: String(i) };
    const top = profileTop(p, opts);
    assert.ok(top.rows.every((r) => Number.isFinite(r.flat) && Number.isFinite(r.cum)));
    const diff = profileDiff(p, p, opts);
    assert.ok(
      diff.rows.every((r) => r.flat === 0 && r.cum === 0),
      'a profile minus itself',
    );
    try {
      peekOfInputs([{ profile: p, sampleIndex: i, sign: 1 }], o.focus ?? '.', opts);
    } catch (err) {
      if (!(err instanceof InputError)) throw err;
    }
  }
}

function mutate(seed: Uint8Array, at: number, bits: number): Uint8Array {
  const b = Uint8Array.from(seed);
  if (b.length > 0) b[at % b.length] ^= bits;
  return b;
}

test('fuzz: options on real and mutated profiles', () => {
  const started = Date.now();
  let reports = 0;
  fc.assert(
    fc.property(
      fc.nat(seeds.length - 1),
      fc.option(fc.tuple(fc.nat(), fc.integer({ min: 1, max: 255 }))),
      options,
      (which, flip, o) => {
        const t0 = Date.now();
        const p = parse(flip ? mutate(seeds[which], ...flip) : seeds[which]);
        if (p) {
          exercise(p, o);
          reports++;
        }
        assert.ok(Date.now() - t0 < 3000, 'one input took more than 3 s');
      },
    ),
    { numRuns: 250, seed: 11 },
  );
  assert.ok(reports > 100, `${reports} reports`);
  assert.ok(Date.now() - started < 60_000);
  assert.ok(process.memoryUsage().rss < 1024 << 20, 'memory stayed bounded');
});

test('fuzz: any string as a Go regexp compiles or is a usage error, quickly', () => {
  const chars = fc.constantFrom(...'()[]{}^$.*+?|\\:PQEAzpLx0123-_aZ<>=!,'.split(''));
  fc.assert(
    fc.property(
      fc.array(chars, { maxLength: 24 }).map((a) => a.join('')),
      (src) => {
        const t0 = Date.now();
        try {
          compileGoRegexp(src, 'focus').test('main.(*T).Method ' + 'a'.repeat(200));
        } catch (err) {
          if (!(err instanceof UsageError)) throw err;
          assert.match(err.message, /^parsing focus regexp: /);
        }
        assert.ok(Date.now() - t0 < 200, `${JSON.stringify(src)} took too long`);
      },
    ),
    { numRuns: 2000, seed: 3 },
  );
});

test('Go regexp syntax: what RE2 reads alike, and what it rejects', () => {
  const cases: [string, string, boolean][] = [
    ['^main\\.', 'main.x', true],
    ['^main\\.', 'mainx', false],
    ['(?i)MAIN', 'main', true],
    ['[[:digit:]]+x', 'a12x', true],
    ['\\Qa.b\\E', 'axb', false],
    ['\\Qa.b\\E', 'a.b', true],
    ['a\\sb', 'a\u00a0b', false], // Go's \s is ASCII only
    ['\\pL+$', 'é', true],
    ['\\Aab\\z', 'ab', true],
    ['(?P<n>ab)c', 'abc', true],
  ];
  for (const [src, text, want] of cases)
    assert.equal(compileGoRegexp(src, 'focus').test(text), want, `${src} on ${text}`);
  for (const bad of ['(?=a)', '(?<!a)b', '\\1', '(a', '(?U)a'])
    assert.throws(() => compileGoRegexp(bad, 'focus'), UsageError, bad);
});
