import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MiB, UNLIMITED } from '../../../src/model/units.js';
import { fires, only, report, skipReason } from '../helpers.js';
import { memstats, snapshot, type Spec } from '../snapshot-builder.js';
import { analyzeSnapshot } from '../../../src/analysis/diagnose.js';

const L = 512 * MiB;
// Default snapshot: Go maps Sys - HeapReleased = 137.515625 MiB; working set = that + 21 MiB.
const GO_MAPPED = memstats().Sys - memstats().HeapReleased;
const NON_GO = 21 * MiB;

/** A snapshot whose measured non-Go memory (working set - Go mapped) is `nonGo` bytes. */
function withNonGo(nonGo: number, extra: Spec = {}): Spec {
  return { ...extra, usage: GO_MAPPED + nonGo + 15 * MiB, stat: { inactiveFile: 15 * MiB } };
}

test('gomemlimit-unset: recommends 90% of the limit minus measured non-Go memory, in Go syntax', () => {
  const f = only({}, 'gomemlimit-unset');
  assert.equal(f.severity, 'warning');
  assert.equal(f.args.limit, L);
  assert.equal(f.args.nonGoBytes, NON_GO);
  assert.equal(f.args.nonGoMeasured, true);
  // 0.9 * 512 MiB - 21 MiB = 439.8 MiB, rounded down to whole MiB.
  assert.equal(f.args.recommended, '439MiB');
  assert.equal(f.args.recommendedBytes, 439 * MiB);
  assert.equal(f.args.confirmedByRuntime, false);
});

test('gomemlimit-unset: without the runtime, 90% of the limit and says non-Go is unmeasured', () => {
  const f = only({ without: ['runtime'] }, 'gomemlimit-unset');
  assert.equal(f.args.recommended, '460MiB');
  assert.equal(f.args.nonGoMeasured, false);
});

test('gomemlimit-unset: never recommends above 95% and gives no value when non-Go eats the limit', () => {
  const f = only(withNonGo(470 * MiB), 'gomemlimit-unset');
  assert.equal(f.args.recommended, '');
  assert.equal(f.args.recommendedBytes, 0);
});

test('gomemlimit-unset: quiet when set in env, or set by the program (go_gc_gomemlimit_bytes)', () => {
  assert.equal(fires({ env: { GOMEMLIMIT: '400MiB' } }, 'gomemlimit-unset'), false);
  assert.equal(fires({ prom: { gomemlimitBytes: 400 * MiB } }, 'gomemlimit-unset'), false);
});

test('the runtime value wins: env GOMEMLIMIT but debug.SetMemoryLimit(math.MaxInt64) at run time', () => {
  const spec: Spec = {
    env: { GOMEMLIMIT: '400MiB' },
    prom: { gomemlimitBytes: 9.223372036854776e18 /* math.MaxInt64 as a float64 */ },
  };
  const f = only(spec, 'gomemlimit-unset');
  assert.equal(f.args.confirmedByRuntime, true);
  const r = report(spec);
  assert.equal(r.settings.gomemlimit.bytes, null);
  assert.equal(r.settings.gomemlimit.source, 'go_gc_gomemlimit_bytes');
  assert.equal(r.settings.gomemlimit.env?.raw, '400MiB');
});

test('no limit: gomemlimit rules are skipped with the reason, no-memory-limit fires', () => {
  const spec: Spec = { limit: UNLIMITED };
  assert.equal(fires(spec, 'gomemlimit-unset'), false);
  assert.match(skipReason(spec, 'gomemlimit-unset') ?? '', /unlimited/);
  assert.equal(only(spec, 'no-memory-limit').severity, 'info');
  assert.equal(fires({}, 'no-memory-limit'), false);
});

test('gomemlimit-above-limit: exactly at the limit fires; 1 byte under does not (too-close does)', () => {
  const at = only({ env: { GOMEMLIMIT: '512MiB' } }, 'gomemlimit-above-limit');
  assert.equal(at.severity, 'error');
  assert.equal(at.args.gomemlimit, L);
  assert.equal(at.args.excessBytes, 0);
  assert.equal(at.args.recommended, '439MiB');
  assert.equal(fires({ env: { GOMEMLIMIT: '512MiB' } }, 'gomemlimit-too-close'), false);
  const under = { env: { GOMEMLIMIT: String(L - 1) } };
  assert.equal(fires(under, 'gomemlimit-above-limit'), false);
  const close = only(under, 'gomemlimit-too-close');
  assert.equal(close.args.gomemlimit, L - 1);
  assert.equal(close.args.headroomBytes, 1 - NON_GO);
});

test('gomemlimit-above-limit uses the nested parent limit, citing the parent file', () => {
  const parent = '/sys/fs/cgroup/memory/memory.limit_in_bytes';
  const spec: Spec = {
    ownLimit: UNLIMITED,
    limit: 256 * MiB,
    limitSetBy: parent,
    env: { GOMEMLIMIT: '300MiB' },
  };
  const f = only(spec, 'gomemlimit-above-limit');
  assert.equal(f.args.limit, 256 * MiB);
  assert.ok(f.evidence.some((e) => e.source === parent && e.value === 256 * MiB));
  assert.equal(fires(spec, 'no-memory-limit'), false);
});

test('gomemlimit-too-close: 5% under the limit with 10% non-Go memory fires', () => {
  const nonGo = Math.round(0.1 * L);
  const f = only(
    withNonGo(nonGo, { env: { GOMEMLIMIT: String(Math.floor(0.95 * L)) } }),
    'gomemlimit-too-close',
  );
  assert.equal(f.args.nonGoBytes, nonGo);
  assert.equal(f.args.headroomBytes, L - Math.floor(0.95 * L) - nonGo);
  assert.ok((f.args.recommendedBytes as number) <= 0.9 * L - nonGo);
});

test('gomemlimit-too-close: 460MiB fires with 10% non-Go, not with 21 MiB non-Go', () => {
  assert.equal(
    fires(
      withNonGo(Math.round(0.1 * L), { env: { GOMEMLIMIT: '460MiB' } }),
      'gomemlimit-too-close',
    ),
    true,
  );
  assert.equal(fires({ env: { GOMEMLIMIT: '460MiB' } }, 'gomemlimit-too-close'), false);
  assert.equal(fires({ env: { GOMEMLIMIT: '400MiB' } }, 'gomemlimit-too-close'), false);
});

test('gomemlimit-too-close without measured non-Go memory: only above 95% of the limit', () => {
  const spec = (v: string): Spec => ({ env: { GOMEMLIMIT: v }, without: ['runtime'] });
  assert.equal(fires(spec(String(Math.floor(0.95 * L))), 'gomemlimit-too-close'), false);
  assert.equal(fires(spec(String(Math.floor(0.95 * L) + 1)), 'gomemlimit-too-close'), true);
});

test('gomemlimit-malformed: 512Mi is relabelled, 512M and 512MB converted (488.3 MiB)', () => {
  for (const [raw, hint] of [
    ['512Mi', '512MiB'],
    ['512M', '488MiB'],
    ['512MB', '488MiB'],
  ]) {
    // Under 1 GiB the recommendation (0.9 x 1024 MiB - 21 MiB non-Go = 900 MiB) is above the hint.
    const f = only({ env: { GOMEMLIMIT: raw }, limit: 1024 * MiB }, 'gomemlimit-malformed');
    assert.equal(f.severity, 'error');
    assert.equal(f.args.value, raw);
    assert.equal(f.args.suggestion, hint);
    assert.equal(f.args.suggestionCapped, false);
    assert.equal(
      fires({ env: { GOMEMLIMIT: raw } }, 'gomemlimit-unset'),
      false,
      'not also "unset"',
    );
  }
  for (const good of ['512MiB', '536870912', '1GiB', 'off']) {
    assert.equal(fires({ env: { GOMEMLIMIT: good } }, 'gomemlimit-malformed'), false, good);
  }
});

test('gomemlimit-malformed under a 512 MiB limit: the suggestion is lowered to the recommendation', () => {
  const f = only({ env: { GOMEMLIMIT: '512Mi' } }, 'gomemlimit-malformed');
  assert.equal(f.args.suggestion, '439MiB');
  assert.equal(f.args.suggestionCapped, true);
  assert.equal(f.args.meantBytes, 512 * MiB);
});

test('gomemlimit-malformed on Go 1.18 (before GOMEMLIMIT): info, ignored by Go', () => {
  const f = only({ env: { GOMEMLIMIT: '512Mi' }, goVersion: 'go1.18.10' }, 'gomemlimit-malformed');
  assert.equal(f.severity, 'info');
  assert.equal(f.args.ignoredByGo, true);
});

test('gomemlimit-tiny: a bare "512" (downward API divisor 1Mi) is 512 bytes', () => {
  // Under a 512 MiB limit, 512MiB is the whole limit: lowered to the recommendation.
  const f = only({ env: { GOMEMLIMIT: '512' } }, 'gomemlimit-tiny');
  assert.equal(f.args.gomemlimit, 512);
  assert.equal(f.args.suggestion, '439MiB');
  assert.equal(f.args.suggestionCapped, true);
  const roomy = only({ env: { GOMEMLIMIT: '512' }, limit: 1024 * MiB }, 'gomemlimit-tiny');
  assert.equal(roomy.args.suggestion, '512MiB');
  assert.equal(roomy.args.suggestionCapped, false);
  assert.equal(fires({ env: { GOMEMLIMIT: '1MiB' } }, 'gomemlimit-tiny'), false);
  assert.equal(fires({ env: { GOMEMLIMIT: String(1024 * 1024 - 1) } }, 'gomemlimit-tiny'), true);
});

test('settings report where each knob came from', () => {
  const r = analyzeSnapshot(
    snapshot({ env: { GOMEMLIMIT: '400MiB', GOGC: '50', GOMAXPROCS: '4', GOTRACEBACK: 'all' } }),
  );
  assert.equal(r.settings.gomemlimit.bytes, 400 * MiB);
  assert.equal(r.settings.gomemlimit.source, '/proc/4242/environ GOMEMLIMIT');
  assert.equal(r.settings.gogc.percent, 50);
  assert.equal(r.settings.gomaxprocs?.value, 4);
  assert.equal(r.settings.gotraceback.value, 'all');
  assert.equal(r.settings.goVersion?.value, 'go1.26.8');
  assert.equal(r.schemaVersion, 1);
  assert.deepEqual(JSON.parse(JSON.stringify(r)).settings.gomemlimit.bytes, 400 * MiB);
});

test('gomemlimit-unset with automemlimit linked: info until the runtime confirms, warning if it reports none', () => {
  const auto = { path: 'github.com/KimMachineGun/automemlimit', version: 'v0.7.1' };
  const linked = (extra: Spec = {}): Spec => ({ ...extra, goDeps: [auto] });
  const unconfirmed = only(linked(), 'gomemlimit-unset');
  assert.equal(unconfirmed.severity, 'info');
  assert.equal(unconfirmed.args.limitSetterVersion, 'v0.7.1');
  assert.equal(unconfirmed.args.limitSetterModule, auto.path);
  const agent = { path: 'gomemlens.dev/agent', version: '(devel)' };
  assert.equal(only({ goDeps: [agent] }, 'gomemlimit-unset').severity, 'info');
  assert.equal(
    only(linked({ prom: { gomemlimitBytes: 9.223372036854776e18 } }), 'gomemlimit-unset').severity,
    'warning',
  );
  assert.equal(fires(linked({ prom: { gomemlimitBytes: 460 * MiB } }), 'gomemlimit-unset'), false);
  assert.equal(only({}, 'gomemlimit-unset').severity, 'warning');
});

test('a recommendation below the live heap says so (it would make the GC run continuously)', () => {
  const big = only(
    { memstats: { HeapInuse: 460 * MiB, HeapAlloc: 455 * MiB } },
    'gomemlimit-unset',
  );
  assert.equal(big.args.recommended, '439MiB');
  assert.equal(big.args.liveHeap, 455 * MiB);
  assert.equal(big.args.recommendedBelowLiveHeap, true);
  assert.equal(only({}, 'gomemlimit-unset').args.recommendedBelowLiveHeap, false);
  const viaMetric = only(
    {
      memstats: { HeapInuse: 460 * MiB, HeapAlloc: 455 * MiB },
      prom: { heapLiveBytes: 300 * MiB },
    },
    'gomemlimit-unset',
  );
  assert.equal(
    viaMetric.args.recommendedBelowLiveHeap,
    false,
    'go_gc_heap_live_bytes is the live heap',
  );
});
