/** What calibration has read before it fits (gc-calibrate.ts), and the GC CPU per cycle. */
import { cpuFromSamples, spreadOf, type goSamples, type Spread } from './gc-calibrate-samples.js';
import type { TraceStats } from './gc-calibrate-trace.js';

export type Fit = {
  go: ReturnType<typeof goSamples>;
  trace?: TraceStats;
  alloc: { rate: number; spread: Spread };
  cpu: GcCpu;
  spanSec: number;
};

export interface GcCpu {
  readonly perCycle: number;
  readonly spread: Spread;
  readonly share?: number;
  readonly mutatorCpu?: number;
  readonly cpuAvailability?: number;
  readonly source: string;
}

/** GC CPU per cycle: /cpu/classes/gc/total over NumGC when exported, else gctrace's cpu times. */
export function gcCpuOf(go: Fit['go'], trace?: TraceStats): GcCpu | { error: string } {
  const s = cpuFromSamples(go);
  const traced = trace && spreadOf(trace.cpuSec);
  if (s && Number.isFinite(s.gcCpuPerCycle) && s.gcCpuPerCycle > 0)
    return {
      perCycle: s.gcCpuPerCycle,
      spread: traced ?? { low: s.gcCpuPerCycle, high: s.gcCpuPerCycle },
      share: s.gcCpuShare,
      mutatorCpu: s.mutatorCpu,
      cpuAvailability: s.cpuAvailability,
      source: '/cpu/classes/gc/total (go_cpu_classes_gc_total_cpu_seconds_total) per NumGC',
    };
  if (trace && traced)
    return { perCycle: mean(trace.cpuSec), spread: traced, source: 'gctrace "ms cpu"' };
  return {
    error:
      'no GC CPU measure: run the service with GODEBUG=gctrace=1 and watch with --gctrace FILE, or export go_cpu_classes_gc_total_cpu_seconds_total',
  };
}

export function mean(xs: readonly number[]): number {
  return xs.reduce((a, b) => a + b, 0) / xs.length;
}
