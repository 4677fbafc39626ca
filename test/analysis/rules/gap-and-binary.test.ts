import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MiB } from '../../../src/model/units.js';
import { codes, fires, only, report } from '../helpers.js';
import { memstats, type Spec } from '../snapshot-builder.js';

test('rss-heap-gap: quiet for the default service (gap 53.5 MiB is under half of RSS)', () => {
  assert.equal(fires({}, 'rss-heap-gap'), false);
});

test('rss-heap-gap: LazyFree as the likely cause', () => {
  const f = only({ lazyFree: 200 * MiB, stat: { inactiveFile: 215 * MiB } }, 'rss-heap-gap');
  assert.equal(f.args.cause, 'lazyfree');
  assert.equal(f.args.lazyFreeBytes, 200 * MiB);
  assert.equal(f.args.heapInuse, 100 * MiB);
});

test('rss-heap-gap: non-Go memory (cgo/mmap) as the likely cause', () => {
  const ms = memstats();
  const rssAnon = ms.Sys - ms.HeapReleased + 300 * MiB;
  const f = only({ status: { rssAnon } }, 'rss-heap-gap');
  assert.equal(f.args.cause, 'non-go');
  assert.equal(f.args.nonGoBytes, 300 * MiB + 10 * MiB); // + RssFile (binary text)
  assert.equal(f.args.gapBytes, (f.args.rss as number) - 100 * MiB);
});

test('rss-heap-gap: idle heap not yet returned and stacks as causes', () => {
  const idle = only({ memstats: { HeapIdle: 300 * MiB, HeapReleased: 0 } }, 'rss-heap-gap');
  assert.equal(idle.args.cause, 'idle-not-released');
  assert.equal(idle.args.idleNotReleasedBytes, 300 * MiB);
  const stacks = only({ memstats: { StackSys: 400 * MiB, StackInuse: 400 * MiB } }, 'rss-heap-gap');
  assert.equal(stacks.args.cause, 'stacks');
});

test('not-a-go-binary: info, and Go rules are skipped instead of guessed', () => {
  const spec: Spec = { goVersion: null, without: ['runtime'] };
  const r = report(spec);
  assert.deepEqual(codes(spec), ['not-a-go-binary']);
  assert.equal(r.findings[0].severity, 'info');
  assert.equal(r.skipped.find((s) => s.rule === 'gomemlimit-unset')?.reason, 'not a Go binary');
  assert.equal(fires({}, 'not-a-go-binary'), false);
});

test('findings are sorted by severity, errors first', () => {
  const r = report({ env: { GOTRACEBACK: 'crash', GOGC: 'off', GODEBUG: 'gcstoptheworld=1' } });
  const sev = r.findings.map((f) => f.severity);
  assert.deepEqual(
    sev,
    [...sev].sort(
      (a, b) => ['error', 'warning', 'info'].indexOf(a) - ['error', 'warning', 'info'].indexOf(b),
    ),
  );
  assert.deepEqual(
    r.findings.map((f) => f.code),
    ['gogc-off-without-limit', 'gomemlimit-unset', 'gcstoptheworld', 'gotraceback-oom'],
  );
});
