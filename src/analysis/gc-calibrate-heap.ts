/**
 * The live heap and the GC roots from a capture: the marked heap (/gc/heap/live, gctrace, or
 * NextGC's estimate), less what was allocated while marking; stacks and globals.
 */
import { medianOf, spreadOf, values, type Spread } from './gc-calibrate-samples.js';
import type { Fit } from './gc-calibrate-fit.js';
import { median } from './trend.js';

/** The marked heap: /gc/heap/live:bytes when exported, else gctrace's, else the estimate. */
export interface Marked {
  readonly value: number;
  readonly spread: Spread;
  readonly source: string;
  readonly notes: string[];
}

export function markedOf(f: Fit): Marked {
  const metric = values(
    f.go.filter((s) => s.go.liveSource === 'metric'),
    'live',
  );
  const [xs, source] = metric.length
    ? [metric, '/gc/heap/live:bytes (go_gc_heap_live_bytes)']
    : f.trace
      ? [f.trace.marked, 'gctrace marked heap ("->#-> MB", whole MiB)']
      : [values(f.go, 'live'), 'NextGC / (1 + GOGC/100)'];
  const notes =
    metric.length || f.trace
      ? []
      : ['live heap estimated from NextGC: it reads low under GOMEMLIMIT'];
  const spread = spreadOf(xs) ?? { low: 0, high: 0 };
  return { value: median(xs) ?? 0, spread, source, notes };
}

export function rootsOf(f: Fit): {
  stacks: number;
  globals: number;
  source: string;
  notes: string[];
} {
  const stacks = medianOf(f.go, (s) => s.go.stackScan);
  const globals = medianOf(f.go, (s) => s.go.globalsScan);
  if (stacks !== undefined && globals !== undefined)
    return { stacks, globals, source: '/gc/scan/stack, /gc/scan/globals', notes: [] };
  if (f.trace?.stacks !== undefined)
    return {
      stacks: f.trace.stacks,
      globals: f.trace.globals ?? 0,
      source: 'gctrace "MB stacks, MB globals"',
      notes: [],
    };
  const inuse = medianOf(f.go, (s) => s.go.stackInuse) ?? 0;
  return {
    stacks: inuse,
    globals: 0,
    source: 'StackInuse',
    notes: ['GC roots not exported: stacks from StackInuse, globals 0'],
  };
}

/**
 * The mark phase's typical wall time and its jitter, and the live heap without what marking
 * allocated: everything allocated while marking is marked (allocate-black), so each cycle's
 * marked heap is live + allocation rate x its mark time. gctrace gives both per cycle; without
 * it the mark time is estimated from the GC CPU per cycle and the CPUs it can have. The jitter
 * is cut at its 90th percentile: a single stall (the host, the watcher starting) is left out.
 */
export function markOf(
  f: Fit,
  marked: Marked,
  gcCpus: number,
): { live: number; spread: Spread; jitter: number[]; source: string } {
  const t = f.trace;
  if (!t || t.markMedianSec <= 0) {
    const floating = (f.alloc.rate * f.cpu.perCycle) / gcCpus;
    const less = (x: number) => Math.max(0, x - floating);
    return {
      live: less(marked.value),
      spread: { low: less(marked.spread.low), high: less(marked.spread.high) },
      jitter: [],
      source: `${marked.source}, less what marking allocates (estimated)`,
    };
  }
  const lives = t.marked.map((m, i) => Math.max(0, m - f.alloc.rate * t.markSec[i]));
  const ratios = t.markSec.map((s) => s / t.markMedianSec);
  const cut = spreadOf(ratios)!.high;
  return {
    live: median(lives)!,
    spread: spreadOf(lives)!,
    jitter: ratios.map((r) => Math.min(r, cut)),
    source: 'gctrace marked heap less what its marking allocated, per cycle',
  };
}
