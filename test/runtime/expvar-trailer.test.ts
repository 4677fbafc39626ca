// expvar /debug/vars and the heap?debug=1 `# runtime.MemStats` trailer, on real output of the
// leaky scenario, on damaged variants, and fuzzed with fast-check.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseExpvar } from '../../src/formats/expvar.js';
import { parseMemStatsTrailer } from '../../src/formats/memstats-trailer.js';
import { fetchLimited } from '../../src/sources/http.js';
import { goSkipReason, startScenario } from '../support/go-scenario.js';
import { ParseError } from '../../src/model/errors.js';

const skip = goSkipReason('leaky');

/** /debug/vars and heap?debug=1 of a real leaky process, fetched once. */
async function capture(): Promise<{ vars: string; heap: string }> {
  const s = await startScenario('leaky', { args: ['-rate', '64KiB'] });
  try {
    const text = async (path: string) => {
      const r = await fetchLimited(s.url + path);
      assert.equal(r.outcome, 'ok', r.detail);
      return new TextDecoder().decode(r.body);
    };
    return { vars: await text('/debug/vars'), heap: await text('/debug/pprof/heap?debug=1') };
  } finally {
    await s.stop();
  }
}

const real = skip ? undefined : await capture();

test('expvar and the heap trailer of the same process agree field by field', { skip }, () => {
  const doc = parseExpvar(real!.vars);
  assert.deepEqual(doc.keys.slice(0, 2), ['cmdline', 'memstats']);
  assert.match(doc.cmdline![0], /leaky$/);
  const a = doc.memstats!;
  const b = parseMemStatsTrailer(real!.heap)!;
  // Fields that only grow or stay put between the two requests (fetched one after the other).
  // BuckHashSys is among them: the profile bucket table is never freed, and the heap profile
  // request itself can add buckets, so its growth has no useful bound (a CI run saw it jump).
  for (const k of ['TotalAlloc', 'Mallocs', 'NumGC', 'BuckHashSys'] as const)
    assert.ok(b[k] >= a[k], `${k}: ${a[k]} then ${b[k]}`);
  for (const k of ['StackSys', 'MCacheSys'] as const)
    assert.ok(Math.abs(b[k] - a[k]) <= a[k] * 0.5 + 65536, `${k}: ${a[k]} then ${b[k]}`);
  assert.equal(a.PauseNs!.length, 256);
  assert.equal(b.PauseNs!.length, 256);
  assert.equal(a.EnableGC, true);
  assert.equal(a.missing, undefined);
  // While NumGC <= 256 the ring holds every pause, so the trailer's derived total is exact.
  if (b.NumGC <= 256) {
    assert.deepEqual(b.missing, ['EnableGC']);
    assert.equal(
      b.PauseTotalNs,
      b.PauseNs!.reduce((x, y) => x + y, 0),
    );
  }
  for (const m of [a, b]) {
    // runtime.MemStats: HeapSys = HeapInuse + HeapIdle and Sys is the sum of the *Sys fields.
    assert.equal(m.HeapInuse + m.HeapIdle, m.HeapSys);
    assert.equal(
      m.StackSys + m.HeapSys + m.MSpanSys + m.MCacheSys + m.BuckHashSys + m.GCSys + m.OtherSys,
      m.Sys,
    );
  }
});

test('expvar: junk and HTML are typed errors; extra keys and fields are fine', () => {
  assert.throws(() => parseExpvar('<html><title>404</title></html>'), ParseError);
  assert.throws(() => parseExpvar('{"memstats": '), /invalid JSON/);
  assert.throws(() => parseExpvar('[1,2]'), ParseError);
  assert.throws(() => parseExpvar('{"memstats": {"Alloc": "lots"}}'), /lacks/);
  assert.throws(() => parseExpvar('{"cmdline": "x"}'), /cmdline/);
  const doc = parseExpvar('{"requests": 3, "cmdline": ["svc", "-v"]}');
  assert.deepEqual(doc, {
    keys: ['requests', 'cmdline'],
    cmdline: ['svc', '-v'],
    memstats: undefined,
  });
});

test('trailer: absent block is undefined, a damaged one a typed error naming the line', () => {
  assert.equal(parseMemStatsTrailer('heap profile: 0: 0 [0: 0] @ heap/1048576\n'), undefined);
  const err = (() => {
    try {
      parseMemStatsTrailer('x\n# runtime.MemStats\n# Alloc = 1\n# Stack = 1 of 2\n');
    } catch (e) {
      return e;
    }
  })();
  assert.ok(err instanceof ParseError, String(err));
});

test('fuzz: mutated real expvar and trailer texts give a result or a typed error', { skip }, () => {
  const mutate = (text: string) =>
    fc
      .array(fc.tuple(fc.nat(text.length), fc.nat(40), fc.string({ maxLength: 8 })), {
        minLength: 1,
        maxLength: 6,
      })
      .map((edits) => {
        let t = text;
        for (const [at, del, ins] of edits)
          t = t.slice(0, at % (t.length + 1)) + ins + t.slice((at % (t.length + 1)) + del);
        return t;
      });
  const tolerate = (fn: () => unknown, ...types: (new (...a: never[]) => Error)[]) => {
    try {
      fn();
    } catch (e) {
      if (!types.some((T) => e instanceof T)) throw e;
    }
  };
  fc.assert(
    fc.property(mutate(real!.vars), (t) => tolerate(() => parseExpvar(t), ParseError)),
    { numRuns: 200 },
  );
  fc.assert(
    fc.property(mutate(real!.heap), (t) => tolerate(() => parseMemStatsTrailer(t), ParseError)),
    { numRuns: 200 },
  );
  fc.assert(
    fc.property(fc.string({ maxLength: 200 }), (t) => tolerate(() => parseExpvar(t), ParseError)),
    { numRuns: 200 },
  );
});
