/**
 * `simulate` and `advise` on a capture: read it through the capped, validating capture reader,
 * calibrate the pacer model on it, then predict the settings asked for, or search the advice.
 * A capture that does not calibrate is an input error (one line, exit 2).
 */
import { advise, type AdviseOptions } from '../analysis/pacer-advise.js';
import { calibrate, type Calibration } from '../analysis/gc-calibrate.js';
import { simulate } from '../analysis/pacer.js';
import type { Settings } from '../analysis/pacer-model.js';
import { InputError } from '../model/errors.js';
import { adviseDoc, simulateDoc, type AdviseDoc, type SimulateDoc } from '../report/advise-doc.js';
import { inputName } from '../sources/input-file.js';
import { readCaptureFile } from './capture-file.js';

/** Seconds of steady state each prediction averages over. */
const DURATION_SEC = 60;

export async function calibrateCapture(spec: string): Promise<{ name: string; cal: Calibration }> {
  const name = inputName(spec);
  const capture = await readCaptureFile(spec);
  const cal = calibrate({
    samples: capture.samples,
    gctraceLines: capture.gctrace.flatMap((r) => r.lines),
  });
  if ('error' in cal) throw new InputError(`${name}: cannot calibrate the GC model: ${cal.error}`);
  return { name, cal: { ...cal, notes: [...capture.notes, ...cal.notes] } };
}

/**
 * The settings asked for, each field a list (`--gogc 50,100`), crossed; a field left out is
 * the capture's own. The container limit defaults to the capture's cgroup limit.
 */
export interface SettingsGrid {
  readonly gogc?: readonly (number | 'off')[];
  readonly gomemlimit?: readonly (number | undefined)[];
  readonly containerLimit?: number;
  readonly gomaxprocs?: number;
}

export async function simulateCapture(spec: string, grid: SettingsGrid): Promise<SimulateDoc> {
  const { name, cal } = await calibrateCapture(spec);
  const base = cal.observed;
  const limits = grid.gomemlimit ?? [base.gomemlimit];
  const settings: Settings[] = (grid.gogc ?? [base.gogc]).flatMap((gogc) =>
    limits.map((gomemlimit) => ({
      gogc,
      ...(gomemlimit === undefined ? {} : { gomemlimit }),
      ...withDefined('containerLimit', grid.containerLimit ?? base.containerLimit),
      gomaxprocs: grid.gomaxprocs ?? base.gomaxprocs,
    })),
  );
  const now = simulate(cal.workload, base, { durationSec: DURATION_SEC });
  const predictions = settings.map((s) => simulate(cal.workload, s, { durationSec: DURATION_SEC }));
  return simulateDoc(name, cal, now, predictions);
}

export async function adviseCapture(spec: string, o: AdviseOptions): Promise<AdviseDoc> {
  const { name, cal } = await calibrateCapture(spec);
  const now = simulate(cal.workload, cal.observed, { durationSec: DURATION_SEC });
  return adviseDoc(name, cal, now, advise(cal, o));
}

function withDefined<K extends string>(key: K, v: number | undefined): Partial<Record<K, number>> {
  return v === undefined ? {} : ({ [key]: v } as Record<K, number>);
}
