/**
 * Predictions over a grid of settings (`simulate`'s flags, the report's what-if chart): each
 * field a list, crossed; a field left out is the capture's own, and the container limit
 * defaults to the capture's cgroup limit.
 */
import type { Calibration } from './gc-calibrate.js';
import { simulate } from './pacer.js';
import type { Prediction, Settings } from './pacer-model.js';

/** Seconds of steady state each prediction averages over. */
export const SIMULATE_SEC = 60;

export interface SettingsGrid {
  readonly gogc?: readonly (number | 'off')[];
  /** GOMEMLIMIT in bytes; undefined is off. */
  readonly gomemlimit?: readonly (number | undefined)[];
  readonly containerLimit?: number;
  readonly gomaxprocs?: number;
}

export interface GridPredictions {
  /** The model at the capture's own settings. */
  readonly now: Prediction;
  readonly predictions: readonly Prediction[];
}

export function simulateGrid(cal: Calibration, grid: SettingsGrid): GridPredictions {
  const base = cal.observed;
  const containerLimit = grid.containerLimit ?? base.containerLimit;
  const settings: Settings[] = (grid.gogc ?? [base.gogc]).flatMap((gogc) =>
    (grid.gomemlimit ?? [base.gomemlimit]).map((gomemlimit) => ({
      gogc,
      ...(gomemlimit === undefined ? {} : { gomemlimit }),
      ...(containerLimit === undefined ? {} : { containerLimit }),
      gomaxprocs: grid.gomaxprocs ?? base.gomaxprocs,
    })),
  );
  const run = (s: Settings) => simulate(cal.workload, s, { durationSec: SIMULATE_SEC });
  return { now: run(base), predictions: settings.map(run) };
}
