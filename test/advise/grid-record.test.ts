// The predicted-vs-measured tables of docs/advise.md are this model's: recalibrated on each
// recorded grid's capture (testdata/advise/grid on a quiet host, grid-busy on a loaded one),
// every run's predictions and missed goals are what the recording holds. A model change that
// moves them fails here: replay the recordings (node dist/bench/advise-replay.js DIR --out
// DIR/advise-grid.json) and update the tables, or run the grid again (npm run bench, advise).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  calibrateFile,
  compare,
  GOALS,
  readRecordedGrid,
  recordedRun,
} from '../support/advise-grid.js';

const plain = (v: unknown) => JSON.parse(JSON.stringify(v)) as unknown;

/** [runs meeting every goal given the host's CPU, blind], as docs/advise.md gives them. */
const COUNTS = { grid: [55, 69], 'grid-busy': [50, 24] } as const;

for (const [name, counts] of Object.entries(COUNTS)) {
  test(`the recorded ${name}: same calibration, same predictions, same misses`, () => {
    const dir = `testdata/advise/${name}`;
    const grid = readRecordedGrid(dir);
    const cal = calibrateFile(`${dir}/calibration.ndjson`);
    assert.deepEqual(plain(cal.workload), grid.workload);
    assert.equal(grid.rows.length, 100);
    for (const row of grid.rows) {
      const c = compare(cal, recordedRun(row), GOALS);
      const what = JSON.stringify(row.cell);
      assert.deepEqual(plain(c.predicted), row.predicted, what);
      assert.deepEqual(plain(c.blind), row.blind, what);
      assert.deepEqual(c.misses, row.misses, what);
      assert.deepEqual(c.blindMisses, row.blindMisses, what);
    }
    const all = grid.rows.filter((r) => r.misses.length === 0).length;
    const blind = grid.rows.filter((r) => r.blindMisses.length === 0).length;
    assert.deepEqual([all, blind], counts, 'the counts docs/advise.md gives');
  });
}
