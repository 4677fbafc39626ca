/**
 * What a capture's samples say about a service's GC and memory: rates of the cumulative
 * counters (MemStats.TotalAlloc, NumGC, the /cpu/classes counters) and levels of the memory
 * figures, each with its spread. The /cpu/classes counters move only at GC ends (runtime/
 * metrics.go cpuStatsAggregate copies the stop-the-world snapshot), and so does NumGC, so CPU
 * per cycle and shares are taken between the first and the last sample with a new GC.
 */
import type { GoSample, Sample } from '../model/series.js';
import { quantileSorted } from './bench/quantile.js';
import { median, theilSen } from './trend.js';

export interface Spread {
  readonly low: number;
  readonly high: number;
}

/** p10 and p90 of some values (all equal: both the value). */
export function spreadOf(values: readonly number[]): Spread | undefined {
  if (values.length === 0) return undefined;
  const s = [...values].sort((a, b) => a - b);
  return { low: quantileSorted(s, 0.1), high: quantileSorted(s, 0.9) };
}

type GoField = keyof GoSample;
type WithGo = Sample & { readonly go: GoSample };

export function goSamples(samples: readonly Sample[]): WithGo[] {
  return samples.filter((s): s is WithGo => s.go?.numGC !== undefined);
}

export function values(samples: readonly WithGo[], f: GoField): number[] {
  return samples.map((s) => s.go[f]).filter((v): v is number => typeof v === 'number');
}

/** A counter's rate per second: the Theil-Sen slope, and the spread of rates over >= 1 s windows. */
export function counterRate(
  samples: readonly WithGo[],
  f: GoField,
): { rate: number; spread: Spread } | undefined {
  const pts = samples.filter((s) => typeof s.go[f] === 'number');
  const fit = theilSen(
    pts.map((s) => s.t),
    pts.map((s) => s.go[f] as number),
  );
  if (!fit) return undefined;
  const windows: number[] = [];
  let from = pts[0];
  for (const p of pts.slice(1)) {
    if (p.t - from.t < 1000) continue;
    windows.push(((p.go[f] as number) - (from.go[f] as number)) / ((p.t - from.t) / 1000));
    from = p;
  }
  return { rate: fit.slope, spread: spreadOf(windows) ?? { low: fit.slope, high: fit.slope } };
}

/** The samples where NumGC moved (the GC-end values of /cpu/classes), first and last. */
function gcEnds(samples: readonly WithGo[], f: GoField): [WithGo, WithGo] | undefined {
  const moved = samples.filter(
    (s, i) => i > 0 && s.go.numGC! > samples[i - 1].go.numGC! && typeof s.go[f] === 'number',
  );
  const [a, b] = [moved[0], moved[moved.length - 1]];
  return a && b && b.go.numGC! > a.go.numGC! ? [a, b] : undefined;
}

export interface CpuFromSamples {
  readonly gcCpuPerCycle: number;
  readonly gcCpuShare?: number;
  /** CPUs the program used outside the GC. */
  readonly mutatorCpu?: number;
  /** CPU the kernel gave (/proc/PID/stat) over the Ps' busy time by the runtime's count. */
  readonly cpuAvailability?: number;
}

export function cpuFromSamples(samples: readonly WithGo[]): CpuFromSamples | undefined {
  const ends = gcEnds(samples, 'gcCpuSeconds');
  if (!ends) return undefined;
  const [a, b] = ends.map((s) => s.go);
  const procCpu = (ends[1].proc?.cpuSeconds ?? NaN) - (ends[0].proc?.cpuSeconds ?? NaN);
  const d = (f: GoField) =>
    ((b[f] as number | undefined) ?? NaN) - ((a[f] as number | undefined) ?? NaN);
  const procs = b.gomaxprocs;
  const wall = procs ? d('cpuSeconds') / procs : NaN;
  const ok = (x: number) => (Number.isFinite(x) ? x : undefined);
  return {
    gcCpuPerCycle: d('gcCpuSeconds') / d('numGC'),
    gcCpuShare: ok(d('gcCpuSeconds') / d('cpuSeconds')),
    mutatorCpu: ok(d('userCpuSeconds') / wall),
    cpuAvailability: ok(procCpu / (d('gcCpuSeconds') + d('userCpuSeconds'))),
  };
}

/** Median of a per-sample figure, over the samples that have its inputs. */
export function medianOf(
  samples: readonly WithGo[],
  f: (g: WithGo) => number | undefined,
): number | undefined {
  return median(samples.map(f).filter((v): v is number => v !== undefined && Number.isFinite(v)));
}
