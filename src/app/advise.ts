/**
 * `simulate` and `advise` on a capture: read it through the capped, validating capture reader,
 * calibrate the pacer model on it, then predict the settings asked for, or search the advice.
 * A capture that does not calibrate is an input error (one line, exit 2).
 */
import { advise, type AdviseOptions } from '../analysis/pacer-advise.js';
import { calibrateCapture, type Calibration } from '../analysis/gc-calibrate.js';
import { simulate } from '../analysis/pacer.js';
import { SIMULATE_SEC, simulateGrid, type SettingsGrid } from '../analysis/pacer-grid.js';
import { InputError } from '../model/errors.js';
import { adviseDoc, simulateDoc, type AdviseDoc, type SimulateDoc } from '../report/advise-doc.js';
import { inputName } from '../sources/input-file.js';
import { readCaptureFile } from './capture-file.js';

export async function calibrateFile(spec: string): Promise<{ name: string; cal: Calibration }> {
  const name = inputName(spec);
  const capture = await readCaptureFile(spec);
  const cal = calibrateCapture(capture);
  if ('error' in cal) throw new InputError(`${name}: cannot calibrate the GC model: ${cal.error}`);
  return { name, cal: { ...cal, notes: [...capture.notes, ...cal.notes] } };
}

export async function simulateCapture(spec: string, grid: SettingsGrid): Promise<SimulateDoc> {
  const { name, cal } = await calibrateFile(spec);
  const { now, predictions } = simulateGrid(cal, grid);
  return simulateDoc(name, cal, now, predictions);
}

export async function adviseCapture(spec: string, o: AdviseOptions): Promise<AdviseDoc> {
  const { name, cal } = await calibrateFile(spec);
  const now = simulate(cal.workload, cal.observed, { durationSec: SIMULATE_SEC });
  return adviseDoc(name, cal, now, advise(cal, o));
}
