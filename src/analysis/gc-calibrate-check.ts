/** The calibration's last check: a fitted workload that cannot be real is refused. */
import type { Workload } from './pacer-model.js';

/** Largest byte count or rate taken as real: 2^53 (8 PiB), where numbers stop being exact. */
const MAX_BYTES = 2 ** 53;

/** Why a fitted workload cannot be real (a damaged or hand-made capture), or undefined. */
export function outOfRange(w: Workload): string | undefined {
  if (!Number.isInteger(w.gomaxprocs) || w.gomaxprocs < 1 || w.gomaxprocs > 1024)
    return `GOMAXPROCS ${w.gomaxprocs} out of range (1 to 1024)`;
  const bytes = {
    allocRate: w.allocRate,
    live: w.live,
    stacks: w.stacks,
    globals: w.globals,
    runtimeOverhead: w.runtimeOverhead,
  };
  for (const [k, v] of Object.entries({ ...bytes, nonGo: Math.abs(w.nonGo) }))
    if (!Number.isFinite(v) || v < 0 || v > MAX_BYTES) return `${k} ${v} out of range`;
  const ratios = {
    unusedRatio: w.unusedRatio,
    spanRatio: w.spanRatio,
    mutatorCpu: w.mutatorCpu,
    perByte: w.cost.perByte,
    fixed: w.cost.fixed,
  };
  for (const [k, v] of Object.entries(ratios))
    if (!Number.isFinite(v) || v < 0 || v > 1e6) return `${k} ${v} out of range`;
  if (
    !w.markJitter.every(Number.isFinite) ||
    (w.markCpu !== undefined && !(w.markCpu > 0 && Number.isFinite(w.markCpu)))
  )
    return 'mark phase times out of range';
  return undefined;
}
