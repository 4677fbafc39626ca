/**
 * The validation of the pacer model against real runs (docs/advise.md): calibrate on one cell
 * of gcload from its `watch` capture, predict the others blind, run them, compare. Shared by
 * the full grid (bench/advise.bench.ts) and the small subset in `npm test`.
 */
import { readFileSync } from 'node:fs';
import { parseCapture } from '../../src/formats/capture.js';
import { calibrateCapture, type Calibration } from '../../src/analysis/gc-calibrate.js';
import { simulate } from '../../src/analysis/pacer.js';
import type { Prediction } from '../../src/analysis/pacer-model.js';
import { runCell, type Cell, type CellRun, type RunOptions } from './gcload-run.js';

/** The workload every cell runs: 128 MiB/s of 1 KiB objects, half with pointers, 64 MiB live. */
export const GCLOAD_ARGS = [
  '-rate',
  '128MiB',
  '-live',
  '64MiB',
  '-pointers',
  '0.5',
  '-goroutines',
  '8',
];

export const CALIBRATION_CELL: Cell = { gogc: 100, gomaxprocs: 2 };

export interface Bounds {
  readonly cyclesRel: number;
  readonly sharePp: number;
  readonly heapRel: number;
  readonly containerRel: number;
}

export const GOALS: Bounds = { cyclesRel: 0.15, sharePp: 0.03, heapRel: 0.1, containerRel: 0.1 };

export interface Compared {
  readonly run: CellRun;
  /** Given the CPU the host gave the cell (its measured availability). */
  readonly predicted: Prediction;
  /** Assuming the host gives what it gave the calibration cell. */
  readonly blind: Prediction;
  /** Goal names missed ("cycles", "share", "heap", "container", "oom", "thrash"). */
  readonly misses: readonly string[];
  readonly blindMisses: readonly string[];
}

/** Calibrates from a capture file as `gomemlens advise` does. */
export function calibrateFile(path: string): Calibration {
  const parsed = parseCapture(readFileSync(path));
  if (parsed.kind !== 'capture') throw new Error(`${path}: not a capture`);
  const c = parsed.capture;
  const cal = calibrateCapture(c);
  if ('error' in cal) throw new Error(`${path}: ${cal.error}`);
  return cal;
}

export function predict(cal: Calibration, cell: Cell, cpuAvailability?: number): Prediction {
  return simulate(cal.workload, {
    gogc: cell.gogc,
    gomaxprocs: cell.gomaxprocs,
    ...(cell.gomemlimit === undefined ? {} : { gomemlimit: cell.gomemlimit }),
    ...(cell.containerLimit === undefined ? {} : { containerLimit: cell.containerLimit }),
    ...(cpuAvailability ? { cpuAvailability } : {}),
  });
}

/** Both predictions of a run (blind, and given its host's CPU) and the goals each misses. */
export function compare(cal: Calibration, run: CellRun, b: Bounds): Compared {
  const blind = predict(cal, run.cell);
  const predicted = predict(cal, run.cell, run.report?.cpuAvailability);
  return {
    run,
    predicted,
    blind,
    misses: missed(run, predicted, b),
    blindMisses: missed(run, blind, b),
  };
}

/** Which goals a cell misses: an OOM or thrash outcome must match; numbers only when alive. */
function missed(run: CellRun, p: Prediction, b: Bounds): string[] {
  const misses: string[] = [];
  const oomPredicted = p.oomAtSec !== undefined;
  if (oomPredicted !== run.oomKilled) misses.push('oom');
  const r = run.report;
  if (!run.oomKilled && !oomPredicted && r) {
    const rel = (pred: number, meas: number) => Math.abs(pred - meas) / Math.max(meas, 1e-9);
    const measuredThrash = r.gcCpuShare >= 0.5;
    if (measuredThrash !== p.thrash) misses.push('thrash');
    if (r.cycles >= 2 && rel(p.cyclesPerSec, r.cyclesPerSec) > b.cyclesRel) misses.push('cycles');
    if (Math.abs(p.gcCpuShare - r.gcCpuShare) > b.sharePp) misses.push('share');
    if (rel(p.peakHeap, r.peakHeapBytes) > b.heapRel) misses.push('heap');
    if (rel(p.peakContainer, run.peakContainer) > b.containerRel) misses.push('container');
  }
  return misses;
}

/** One row of a recorded grid (advise-grid.json, written by bench/advise.bench.ts). */
export interface RecordedRow {
  readonly cell: Cell;
  readonly measured: Record<string, unknown> & {
    peakContainer: number;
    oomKilled: boolean;
    diedAtSec?: number;
  };
  readonly predicted: unknown;
  readonly blind: unknown;
  readonly misses: string[];
  readonly blindMisses: string[];
}

export interface RecordedGrid {
  readonly workload: unknown;
  readonly rows: RecordedRow[];
}

export function readRecordedGrid(dir: string): RecordedGrid {
  return JSON.parse(readFileSync(`${dir}/advise-grid.json`, 'utf8')) as RecordedGrid;
}

/** The run a recorded row measured, as runCell returned it. */
export function recordedRun(row: RecordedRow): CellRun {
  const { peakContainer, oomKilled, diedAtSec, ...report } = row.measured;
  return {
    cell: row.cell,
    ...('windowSec' in report ? { report: report as unknown as CellRun['report'] } : {}),
    peakContainer,
    oomKilled,
    ...(diedAtSec === undefined ? {} : { diedAtSec }),
  } as CellRun;
}

/** Runs cells at most `atOnce` at a time, in order. */
export async function runAll(
  cells: readonly Cell[],
  o: RunOptions,
  atOnce: number,
  each?: (r: CellRun, i: number) => void,
): Promise<CellRun[]> {
  const out: CellRun[] = new Array(cells.length);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < cells.length; i = next++) {
      out[i] = await runCell(cells[i], o);
      each?.(out[i], i);
    }
  };
  await Promise.all(Array.from({ length: atOnce }, worker));
  return out;
}
