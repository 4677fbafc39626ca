// The forecast on real leaks, end to end, with looser bounds than `npm run bench` (which runs
// every shape; docs/watch.md): Go scenarios in real 256 MiB memory cgroups, watched by
// `gomemlens watch` until the kernel OOM-kills them. Faster rates than the bench keep this under
// a minute; the three run at once.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cgroupSkipReason } from '../support/cgroup.js';
import { score } from '../support/forecast-score.js';
import { goSkipReason } from '../support/go-scenario.js';
import { runShape, type Shape, type ShapeRun } from '../support/shape-run.js';

const LIMIT = 256 << 20;
const skip = cgroupSkipReason() ?? goSkipReason('leaky') ?? goSkipReason('file-fill');

const partlyTouched: Shape = {
  name: 'e2e-partly-touched',
  program: 'leaky',
  // 15 MiB/s of buffers of which 40% is written: the kernel charges 6 MiB/s.
  args: ['-rate', '1536KiB', '-touch', '0.4', '-every', '100ms'],
  limit: LIMIT,
  oom: true,
};
const gomemlimit: Shape = {
  name: 'e2e-gomemlimit',
  program: 'leaky',
  args: ['-rate', '768KiB', '-garbage', '1MiB', '-every', '100ms'],
  env: { GOMEMLIMIT: '160MiB', GOMAXPROCS: '1' },
  limit: LIMIT,
  oom: true,
};
const pageCache: Shape = {
  name: 'e2e-page-cache',
  program: 'file-fill',
  args: ['-rate', '1MiB', '-every', '100ms'],
  limit: LIMIT,
  oom: false,
  dir: 'disk',
};

test(
  'forecast on real leaks: partly-touched, GOMEMLIMIT thrash then kill, page cache',
  { skip, timeout: 120_000 },
  async (t) => {
    const [a, b, c] = await Promise.all([
      runShape(partlyTouched, 70),
      runShape(gomemlimit, 70),
      runShape(pageCache, 40),
    ]);
    await t.test('partly-touched buffers: the ETA follows the charge, never "OOM in 0"', () =>
      checkPartlyTouched(a),
    );
    await t.test('GOMEMLIMIT: the thrash point, then the kill', () => checkGomemlimit(b));
    await t.test('page cache up to the limit: reclaimed, no alarm', () => checkPageCache(c));
  },
);

function checkKilled(r: ShapeRun) {
  assert.equal(r.oomKills, 1, `${r.shape.name}: the kernel counted one OOM kill`);
  assert.equal(r.watchCode, 1, 'watch exits 1 after an OOM kill');
  const s = score(r.capture, r.diedAt);
  const [, half] = s.errors;
  console.log(
    `# ${r.shape.name}: life ${s.lifeSec.toFixed(0)} s, ETA error at halfway ${half === undefined ? 'none' : `${(100 * half).toFixed(0)}%`}, first correct warning ${s.leadSec?.toFixed(0)} s before the kill`,
  );
  assert.equal(s.mismatches, 0, 'the replayed forecast is what watch wrote');
  assert.ok(half !== undefined && Math.abs(half) <= 0.35, `ETA error at halfway ${half}`);
  assert.ok(
    (s.leadShare ?? 0) >= 0.3,
    `first correct warning with ${s.leadShare} of the life left`,
  );
  assert.doesNotMatch(r.stdout, /OOM in 0(ms|\.0s)/, 'no "OOM in 0" while the process lived');
  return s;
}

function checkPartlyTouched(r: ShapeRun) {
  checkKilled(r);
  const ahead = r.capture.samples.some(
    (x) => x.go?.heapInuse !== undefined && x.go.heapInuse > LIMIT,
  );
  assert.ok(ahead, 'the heap in use passed the limit while the process lived');
  const codes: string[] = r.capture.findings.map((f) => f.finding.code);
  assert.ok(codes.includes('heap-leak') && codes.includes('oom-forecast'), `${codes}`);
  assert.match(r.stdout, /heap leak \+[\d.]+ MiB\/s, charged \+[\d.]+ MiB\/s, OOM in/);
}

function checkGomemlimit(r: ShapeRun) {
  const s = checkKilled(r);
  const viaThrash = s.ticks.filter((x) => x.f.viaThrash && x.f.thrashEtaSec! > 0);
  assert.ok(viaThrash.length > 0, 'the kill was forecast by way of the GC thrash point');
  assert.ok(
    s.ticks.some((x) => x.f.thrashing),
    'the live heap reached the heap goal GOMEMLIMIT sets',
  );
  const codes: string[] = r.capture.findings.map((f) => f.finding.code);
  assert.ok(codes.includes('gomemlimit-thrash-forecast'), `${codes}`);
  assert.match(r.stdout, /GC thrash at GOMEMLIMIT in [\d.]+m?s, then OOM in/);
}

function checkPageCache(r: ShapeRun) {
  assert.equal(r.oomKills, 0);
  const s = score(r.capture, undefined);
  assert.equal(s.falseAlarms, 0, 'no ETA and no leak verdict');
  const codes: string[] = r.capture.findings.map((f) => f.finding.code);
  for (const code of ['heap-leak', 'memory-leak', 'oom-forecast'])
    assert.ok(!codes.includes(code), `${codes}`);
  assert.ok(codes.includes('page-cache-growth'), `${codes}`);
  const last = r.capture.samples[r.capture.samples.length - 1].cgroup!;
  assert.ok(last.failcnt! > 0, 'usage met the limit and the kernel reclaimed');
  assert.match(r.stdout, /trend: page-cache, at the limit under reclaim \(memory\.failcnt \+\d+/);
}
