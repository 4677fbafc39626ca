/**
 * The pacer model against real runs (docs/advise.md, "How good the model is"): gcload runs in
 * a real memory cgroup over the grid GOGC {25, 50, 100, 200, off} x GOMEMLIMIT {off, 0.6, 0.8,
 * 1.0, 1.2 x the Go memory peak at GOGC=100} x GOMAXPROCS {1, 2}, each cell twice, one at a
 * time (the host's other work already competes for its 2 cores: a second cell would stretch
 * both), under a container limit of 1.3 x the container's peak at GOGC=100. The model is
 * calibrated on one cell (GOGC=100, no limit, GOMAXPROCS=2) from its `watch --gctrace` capture
 * and predicts the other cells blind. Goals per cell: cycles/s within 15%, GC CPU share within
 * 3 points, peak heap and peak container within 10%, every OOM kill and thrashing predicted.
 * GOMEMLENS_BENCH_KEEP=DIR keeps the capture and the results (advise-grid.json) there;
 * GOMEMLENS_ADVISE_REPEAT (2) and GOMEMLENS_ADVISE_MEASURE (seconds, 10) change the run.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MiB } from '../src/model/units.js';
import { cgroupSkipReason } from '../test/support/cgroup.js';
import { goSkipReason } from '../test/support/go-scenario.js';
import type { Cell, RunOptions } from '../test/support/gcload-run.js';
import {
  CALIBRATION_CELL,
  calibrateFile,
  compare,
  GCLOAD_ARGS,
  GOALS,
  runAll,
  type Compared,
} from '../test/support/advise-grid.js';
import { cellName, plain, printTable, summary } from './advise-table.js';

const REPEAT = Number(process.env.GOMEMLENS_ADVISE_REPEAT ?? 2);
const MEASURE = Number(process.env.GOMEMLENS_ADVISE_MEASURE ?? 10);
const AT_ONCE = Number(process.env.GOMEMLENS_ADVISE_AT_ONCE ?? 1);
const GOGCS = [25, 50, 100, 200, 'off'] as const;
const LIMITS = [undefined, 0.6, 0.8, 1.0, 1.2] as const;

async function main(): Promise<void> {
  const skip = cgroupSkipReason() ?? goSkipReason('gcload');
  if (skip) return console.log(`advise validation skipped: ${skip}`);
  const keep = process.env.GOMEMLENS_BENCH_KEEP ?? mkdtempSync(join(tmpdir(), 'gomemlens-advise-'));
  const t0 = Date.now();
  const opts: RunOptions = { warmupSec: 3, measureSec: MEASURE, args: GCLOAD_ARGS };
  const calRun = await runAll(
    [CALIBRATION_CELL],
    { ...opts, watch: { keepDir: keep, name: 'calibration' } },
    1,
  );
  const cal = calibrateFile(calRun[0].capture!);
  const peakGo = calRun[0].report!.peakGoMemoryBytes;
  const containerLimit = Math.round((1.3 * calRun[0].peakContainer) / MiB) * MiB;
  console.log(
    `calibrated on ${cellName(CALIBRATION_CELL)} (${keep}/calibration.ndjson): ` +
      JSON.stringify(cal.workload, round),
  );
  console.log(
    `grid: GOMEMLIMIT x ${(peakGo / MiB).toFixed(1)} MiB (Go memory peak), container limit ${(containerLimit / MiB).toFixed(0)} MiB`,
  );
  const cells = grid(peakGo, containerLimit);
  console.log(
    `calibration cell: CPU availability ${pct(calRun[0].report?.cpuAvailability)} (gcload), ${pct(cal.workload.cpuAvailability)} (capture)`,
  );
  const runs = await runAll(cells, opts, AT_ONCE, (r, i) =>
    console.log(`ran ${i + 1}/${cells.length} ${cellName(r.cell)}`),
  );
  const rows: Compared[] = runs.map((r) => compare(cal, r, GOALS));
  printTable(rows);
  console.log(summary(rows, "blind (the calibration cell's CPU availability)", true));
  console.log(summary(rows, 'given the CPU the host gave each cell'));
  console.log(`${rows.length} runs in ${((Date.now() - t0) / 60000).toFixed(1)} min`);
  writeFileSync(
    join(keep, 'advise-grid.json'),
    JSON.stringify(
      { workload: cal.workload, peakGo, containerLimit, rows: rows.map(plain) },
      null,
      1,
    ),
  );
}

function grid(peakGo: number, containerLimit: number): Cell[] {
  const cells: Cell[] = [];
  for (let r = 0; r < REPEAT; r++)
    for (const gomaxprocs of [1, 2])
      for (const gogc of GOGCS)
        for (const f of LIMITS) {
          const gomemlimit = f === undefined ? undefined : Math.floor((f * peakGo) / MiB) * MiB;
          cells.push({ gogc, gomaxprocs, containerLimit, ...(gomemlimit ? { gomemlimit } : {}) });
        }
  return cells;
}

function pct(x: number | undefined): string {
  return x === undefined ? '-' : `${(100 * x).toFixed(0)}%`;
}

function round(_k: string, v: unknown): unknown {
  return typeof v === 'number' ? Number(v.toPrecision(4)) : v;
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
