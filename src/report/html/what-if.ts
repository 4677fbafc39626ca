/**
 * The report's what-if chart: the pacer model calibrated on the capture (as `simulate` does),
 * then GOGC from 25 to off under GOMEMLIMIT off, the capture's own, and 90% of the container's
 * limit (the usual rule of thumb): GC CPU share and peak container memory of each, and where
 * the OOM kill and thrashing start. A capture that does not calibrate says why instead.
 */
import { calibrateCapture } from '../../analysis/gc-calibrate.js';
import { simulateGrid } from '../../analysis/pacer-grid.js';
import type { Capture } from '../../formats/capture.js';
import { MiB } from '../../model/units.js';
import { simulateDoc, type SimulateDoc } from '../advise-doc.js';

export type WhatIf = { readonly doc: SimulateDoc } | { readonly unavailable: string };

export const WHAT_IF_GOGC = [25, 50, 100, 200, 400, 'off'] as const;
/** GOMEMLIMIT as a share of the container's limit drawn besides off and the capture's own. */
const RULE_OF_THUMB = 0.9;

export function whatIf(c: Capture, name: string): WhatIf {
  const cal = calibrateCapture(c);
  if ('error' in cal) return { unavailable: cal.error };
  const own = cal.observed.gomemlimit;
  const limit = cal.observed.containerLimit;
  const thumb = limit === undefined ? undefined : Math.floor((RULE_OF_THUMB * limit) / MiB) * MiB;
  const limits = [undefined, own, thumb].filter(
    (v, i, all) => i === 0 || (v !== undefined && all.indexOf(v) === i),
  );
  const { now, predictions } = simulateGrid(cal, { gogc: WHAT_IF_GOGC, gomemlimit: limits });
  return { doc: simulateDoc(name, cal, now, predictions) };
}
