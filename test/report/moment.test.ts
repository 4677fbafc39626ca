// The HTML report's breakdown at a chosen moment: the nearest snapshot record through
// diagnose's own analysis, so its rows are diagnose's rows (shmem included).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeSnapshot } from '../../src/analysis/diagnose.js';
import type { SnapshotRecord } from '../../src/formats/capture.js';
import { MiB } from '../../src/model/units.js';
import { breakdownRows } from '../../src/report/diagnose-view.js';
import { momentView, nearestSnapshot } from '../../src/report/html/moment-view.js';
import { snapshot } from '../analysis/snapshot-builder.js';

const record = (t: number, shmem?: number): SnapshotRecord => ({
  type: 'snapshot',
  t,
  reason: 'cadence',
  snapshot: snapshot(shmem === undefined ? {} : { stat: { shmem } }),
});

test('the moment picked shows the nearest snapshot, or none when the capture has none', () => {
  const records = [record(1000), record(31_000), record(61_000)];
  assert.equal(nearestSnapshot(records, 40_000)?.t, 31_000);
  assert.equal(nearestSnapshot(records, 50_000)?.t, 61_000);
  assert.equal(nearestSnapshot(records, -5)?.t, 1000);
  assert.equal(nearestSnapshot([], 1000), undefined);
});

test("the rows are diagnose's rows; shmem (tmpfs) has its row under the working set", () => {
  const r = record(0, 30 * MiB);
  const view = momentView(r);
  assert.deepEqual(view.rows, breakdownRows(analyzeSnapshot(r.snapshot)));
  const ws = view.rows.findIndex((row) => row.label === 'working set');
  const shmem = view.rows.findIndex((row) => row.label.startsWith('shmem'));
  assert.ok(ws >= 0 && shmem > ws, `working set at ${ws}, shmem at ${shmem}`);
  assert.equal(view.rows[shmem].depth, view.rows[ws].depth + 1);
  assert.equal(view.rows[shmem].bytes, '(30 MiB)');
  assert.match(view.rows[shmem].source, /memory\.stat total_shmem/);
  assert.ok(!momentView(record(0)).rows.some((row) => row.label.startsWith('shmem')));
});
