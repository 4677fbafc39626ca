// The predicted-vs-measured table of docs/advise.md is this model's: recalibrated on the grid's
// recorded capture (testdata/advise/grid), every cell's predictions and missed goals are what
// the bench printed. A model change that moves them fails here: run the grid again
// (npm run bench, advise) and replace the recording and the table.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { calibrateFile, compare, GOALS } from '../support/advise-grid.js';
import type { CellRun } from '../support/gcload-run.js';

const DIR = 'testdata/advise/grid';

interface Row {
  cell: CellRun['cell'];
  measured: Record<string, unknown> & {
    peakContainer: number;
    oomKilled: boolean;
    diedAtSec?: number;
  };
  predicted: unknown;
  blind: unknown;
  misses: string[];
  blindMisses: string[];
}

const plain = (v: unknown) => JSON.parse(JSON.stringify(v)) as unknown;

test('the recorded grid: same calibration, same predictions, same misses', () => {
  const grid = JSON.parse(readFileSync(`${DIR}/advise-grid.json`, 'utf8')) as {
    workload: unknown;
    rows: Row[];
  };
  const cal = calibrateFile(`${DIR}/calibration.ndjson`);
  assert.deepEqual(plain(cal.workload), grid.workload);
  assert.equal(grid.rows.length, 100);
  for (const row of grid.rows) {
    const { peakContainer, oomKilled, diedAtSec, ...report } = row.measured;
    const run = {
      cell: row.cell,
      ...('windowSec' in report ? { report: report as unknown as CellRun['report'] } : {}),
      peakContainer,
      oomKilled,
      ...(diedAtSec === undefined ? {} : { diedAtSec }),
    };
    const c = compare(cal, run, GOALS);
    const what = JSON.stringify(row.cell);
    assert.deepEqual(plain(c.predicted), row.predicted, what);
    assert.deepEqual(plain(c.blind), row.blind, what);
    assert.deepEqual(c.misses, row.misses, what);
    assert.deepEqual(c.blindMisses, row.blindMisses, what);
  }
  const all = grid.rows.filter((r) => r.misses.length === 0).length;
  const blind = grid.rows.filter((r) => r.blindMisses.length === 0).length;
  assert.deepEqual([all, blind], [53, 25], 'the counts docs/advise.md gives');
});
