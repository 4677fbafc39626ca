import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MiB } from '../../../src/model/units.js';
import { fires, only, skipReason } from '../helpers.js';
import type { Spec } from '../snapshot-builder.js';

test('gogc-off-without-limit: GOGC=off or negative, no GOMEMLIMIT', () => {
  assert.equal(only({ env: { GOGC: 'off' } }, 'gogc-off-without-limit').severity, 'error');
  assert.equal(fires({ env: { GOGC: '-1' } }, 'gogc-off-without-limit'), true);
  assert.equal(
    fires({ env: { GOGC: 'off', GOMEMLIMIT: '400MiB' } }, 'gogc-off-without-limit'),
    false,
  );
  assert.equal(
    fires({ env: { GOGC: 'banana' } }, 'gogc-off-without-limit'),
    false,
    'Go reads junk as 100',
  );
  assert.equal(fires({ env: { GOGC: '0' } }, 'gogc-off-without-limit'), false);
});

test('gogc-off-without-limit from the runtime: /gc/gogc:percent -1 exported as a uint64', () => {
  assert.equal(
    fires(
      { prom: { gogcPercent: 1.8446744073709552e19 /* uint64(-1) as a float64 */ } },
      'gogc-off-without-limit',
    ),
    true,
  );
  assert.equal(
    fires({ env: { GOGC: 'off' }, prom: { gogcPercent: 100 } }, 'gogc-off-without-limit'),
    false,
    'SetGCPercent(100) at run time',
  );
  assert.equal(
    fires({ env: { GOGC: 'off' }, prom: { gomemlimitBytes: 400 * MiB } }, 'gogc-off-without-limit'),
    false,
  );
});

test('gcstoptheworld: 1 and 2 fire; 0 does not; the environment overrides DefaultGODEBUG', () => {
  assert.equal(only({ env: { GODEBUG: 'gcstoptheworld=1' } }, 'gcstoptheworld').args.mode, 1);
  assert.equal(
    only({ env: { GODEBUG: 'http2debug=1,gcstoptheworld=2' } }, 'gcstoptheworld').args.mode,
    2,
  );
  assert.equal(fires({ env: { GODEBUG: 'gcstoptheworld=0' } }, 'gcstoptheworld'), false);
  assert.equal(fires({ defaultGodebug: 'gcstoptheworld=1' }, 'gcstoptheworld'), true);
  assert.equal(
    fires(
      { defaultGodebug: 'gcstoptheworld=1', env: { GODEBUG: 'gcstoptheworld=0' } },
      'gcstoptheworld',
    ),
    false,
  );
});

const LAZY = 100 * MiB;
const madv = (goVersion: string, godebug?: string, lazyFree = LAZY): Spec => ({
  goVersion,
  lazyFree,
  stat: { inactiveFile: 15 * MiB + lazyFree },
  ...(godebug ? { env: { GODEBUG: godebug } } : {}),
});

test('madv-free-rss: Go >= 1.16 only with madvdontneed=0; madvdontneed=1 on Go 1.26 changes nothing', () => {
  const f = only(madv('go1.26.8', 'madvdontneed=0'), 'madv-free-rss');
  assert.equal(f.args.lazyFree, LAZY);
  assert.equal(f.args.cause, 'godebug-madvdontneed-0');
  assert.equal(fires(madv('go1.26.8', 'madvdontneed=1'), 'madv-free-rss'), false);
  assert.equal(fires(madv('go1.26.8'), 'madv-free-rss'), false);
  assert.equal(fires(madv('go1.16.0'), 'madv-free-rss'), false);
});

test('madv-free-rss: Go 1.12-1.15 by default, unless madvdontneed=1; never before 1.12', () => {
  assert.equal(only(madv('go1.14.15'), 'madv-free-rss').args.cause, 'go-version-default');
  assert.equal(fires(madv('go1.12'), 'madv-free-rss'), true);
  assert.equal(fires(madv('go1.15.15', 'madvdontneed=1'), 'madv-free-rss'), false);
  assert.equal(fires(madv('go1.11.13', 'madvdontneed=0'), 'madv-free-rss'), false);
});

test('madv-free-rss: needs LazyFree to inflate RSS; skipped without smaps_rollup', () => {
  assert.equal(fires(madv('go1.26.8', 'madvdontneed=0', 0), 'madv-free-rss'), false);
  assert.equal(fires(madv('go1.26.8', 'madvdontneed=0', MiB - 1), 'madv-free-rss'), false);
  assert.equal(fires(madv('go1.26.8', 'madvdontneed=0', MiB), 'madv-free-rss'), true);
  const noSmaps: Spec = { ...madv('go1.26.8', 'madvdontneed=0'), without: ['smaps'] };
  assert.match(skipReason(noSmaps, 'madv-free-rss') ?? '', /smaps_rollup not found/);
});

test('gotraceback-oom: crash under a limit is info, warning once OOM kills were counted', () => {
  assert.equal(only({ env: { GOTRACEBACK: 'crash' } }, 'gotraceback-oom').severity, 'info');
  const killed = only(
    {
      env: { GOTRACEBACK: 'crash' },
      oomControl: { oomKillDisable: false, underOom: false, oomKill: 3 },
    },
    'gotraceback-oom',
  );
  assert.equal(killed.severity, 'warning');
  assert.equal(killed.args.oomKills, 3);
  assert.equal(fires({ env: { GOTRACEBACK: 'all' } }, 'gotraceback-oom'), false);
  assert.equal(fires({}, 'gotraceback-oom'), false);
});
