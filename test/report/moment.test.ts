// The HTML report's per-moment breakdown (computed in the page from one sample).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sampleBreakdown } from '../../src/report/html/moment.js';
import { MiB } from '../../src/model/units.js';

test('shmem (tmpfs) gets its row under the working set; older samples without it have none', () => {
  const cgroup = { usage: 100 * MiB, workingSet: 90 * MiB, file: 40 * MiB, inactiveFile: 10 * MiB };
  const rows = sampleBreakdown({ t: 0, cgroup: { ...cgroup, shmem: 30 * MiB } });
  const ws = rows.findIndex((r) => r.label === 'working set');
  const shmem = rows.findIndex((r) => r.label.startsWith('shmem'));
  assert.ok(shmem > ws, 'after the working set');
  assert.equal(rows[shmem].bytes, 30 * MiB);
  assert.equal(rows[shmem].depth, rows[ws].depth + 1);
  assert.match(rows[shmem].source, /memory\.stat shmem/);
  assert.ok(!sampleBreakdown({ t: 0, cgroup }).some((r) => r.label.startsWith('shmem')));
});
