import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MiB } from '../../../src/model/units.js';
import { fires, only, skipReason } from '../helpers.js';
import { CG_DIR, type Spec } from '../snapshot-builder.js';

test('oom-killed: v1 memory.oom_control oom_kill and under_oom', () => {
  const f = only(
    { oomControl: { oomKillDisable: false, underOom: false, oomKill: 2 } },
    'oom-killed',
  );
  assert.equal(f.severity, 'error');
  assert.equal(f.args.oomKills, 2);
  assert.equal(f.evidence[0].source, `${CG_DIR}/memory.oom_control oom_kill`);
  assert.equal(
    fires({ oomControl: { oomKillDisable: true, underOom: true, oomKill: 0 } }, 'oom-killed'),
    true,
  );
  assert.equal(fires({}, 'oom-killed'), false);
});

test('oom-killed: v2 memory.events oom_kill', () => {
  const f = only({ version: 2, events: { oomKill: 1, oom: 1, max: 7 } }, 'oom-killed');
  assert.equal(f.args.oomKills, 1);
  assert.equal(f.evidence[0].source, `${CG_DIR}/memory.events oom_kill`);
  assert.equal(fires({ version: 2, events: { oom: 1, max: 7 } }, 'oom-killed'), false);
});

test('oom-killed: v1 kernel without the oom_kill counter is skipped with the reason', () => {
  assert.match(
    skipReason({ oomControl: { oomKillDisable: false, underOom: false } }, 'oom-killed') ?? '',
    /kernel < 4.13/,
  );
});

const high = (over: Spec): Spec => ({ version: 2, high: 400 * MiB, ...over });

test('memory-high-throttling: high events and usage within 10% of memory.high', () => {
  const f = only(high({ usage: 380 * MiB, events: { high: 5 } }), 'memory-high-throttling');
  assert.equal(f.args.highEvents, 5);
  assert.equal(f.args.high, 400 * MiB);
  assert.equal(f.args.usagePercentOfHigh, 95);
  assert.equal(
    fires(high({ usage: 360 * MiB, events: { high: 5 } }), 'memory-high-throttling'),
    true,
  );
  assert.equal(
    fires(high({ usage: 359 * MiB, events: { high: 5 } }), 'memory-high-throttling'),
    false,
  );
  assert.equal(
    fires(high({ usage: 380 * MiB, events: { high: 0 } }), 'memory-high-throttling'),
    false,
  );
});

test('memory-high-throttling is skipped on v1 and when memory.high is max', () => {
  assert.match(skipReason({}, 'memory-high-throttling') ?? '', /only in cgroup v2/);
  assert.match(
    skipReason({ version: 2, events: { high: 5 } }, 'memory-high-throttling') ?? '',
    /max/,
  );
});
