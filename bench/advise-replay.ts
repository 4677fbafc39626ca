/**
 * A recorded grid (bench/advise.bench.ts with GOMEMLENS_BENCH_KEEP=DIR, or testdata/advise/grid)
 * predicted again by the current model, without running anything: recalibrates on the grid's
 * capture and prints the same table and summaries as the bench.
 *   node dist/bench/advise-replay.js [DIR] [--summary] [--out FILE]
 * --out writes the rows with the new predictions, as advise-grid.json has them.
 */
import {
  calibrateFile,
  compare,
  GOALS,
  readRecordedGrid,
  recordedRun,
} from '../test/support/advise-grid.js';
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { plain, printTable, summary } from './advise-table.js';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { summary: { type: 'boolean' }, out: { type: 'string' } },
});
const dir = positionals[0] ?? 'testdata/advise/grid';
const out = values.out;
const cal = calibrateFile(`${dir}/calibration.ndjson`);
const grid = readRecordedGrid(dir);
const rows = grid.rows.map((row) => compare(cal, recordedRun(row), GOALS));
if (!values.summary) printTable(rows);
console.log(summary(rows, "blind (the calibration cell's CPU availability)", true));
console.log(summary(rows, 'given the CPU the host gave each cell'));
if (out)
  writeFileSync(
    out,
    JSON.stringify({ ...grid, workload: cal.workload, rows: rows.map(plain) }, null, 1),
  );
