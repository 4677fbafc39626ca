/**
 * Time-to-OOM forecast from a window of samples. The Go heap in use is fitted with a robust
 * trend (Theil-Sen); the OOM point is where it meets the effective limit = the cgroup limit
 * minus the memory measured outside the heap (working set - HeapInuse: stacks, runtime
 * metadata, binary, active page cache). The growth is classified first, because only a leak
 * or a filling tmpfs gets an ETA: warm-up levels off, and page-cache growth is reclaimed by the
 * kernel before it OOM-kills (mm/vmscan.c reclaims file pages first;
 * Documentation/admin-guide/cgroup-v1/memory.rst). Only file - shmem is page cache the kernel
 * can reclaim: tmpfs and shared memory (shmem) cannot be without swap (forecast-shmem.ts).
 */
import type { Sample, SampleField } from '../model/series.js';
import type { ForecastKind } from '../model/series.js';
import { FIELDS } from '../model/series.js';
import { RECLAIMABLE_FILE, shmemGrowth } from './forecast-shmem.js';
import { etaOf, fitField as fit, lastDefined } from './series-fit.js';
import { median, type TrendFit } from './trend.js';

export interface ForecastOptions {
  /** Samples older than this before the last one are ignored (default 10 min). */
  readonly windowMs?: number;
  readonly minPoints?: number;
  readonly minSpanMs?: number;
  /** Growth over the window below this many bytes is "flat" (default 4 MiB). */
  readonly minGrowthBytes?: number;
  /** ...or below this share of the level (default 0.05). */
  readonly minGrowthShare?: number;
}

export type GrowthKind = ForecastKind;

export interface Forecast {
  readonly kind: GrowthKind;
  readonly at: number;
  readonly heap?: TrendFit;
  readonly live?: TrendFit;
  readonly usage?: TrendFit;
  readonly early?: TrendFit;
  readonly late?: TrendFit;
  /** Slope of the reclaimable page cache, memory.stat file - shmem (bytes/s). */
  readonly fileSlope?: number;
  /** kind shmem: usage - (file - shmem), the part reclaim cannot free; its ETA is to the limit. */
  readonly unreclaimable?: TrendFit;
  readonly shmemSlope?: number;
  readonly limit?: number;
  readonly nonHeap?: number;
  readonly effectiveLimit?: number;
  readonly etaSec?: number;
  readonly etaLowSec?: number;
  readonly etaHighSec?: number;
  readonly gomemlimit?: number;
  readonly thrashEtaSec?: number;
}

const DEFAULTS = {
  windowMs: 600_000,
  minPoints: 10,
  minSpanMs: 15_000,
  minGrowthBytes: 4 << 20,
  minGrowthShare: 0.05,
};

export function forecast(samples: readonly Sample[], options: ForecastOptions = {}): Forecast {
  const o = { ...DEFAULTS, ...options };
  const last = samples[samples.length - 1];
  if (!last) return { kind: 'insufficient', at: 0 };
  const win = samples.filter((s) => s.t >= last.t - o.windowMs);
  const heapField: SampleField = (s) => s.go?.heapInuse ?? s.go?.heapAlloc ?? s.cgroup?.workingSet;
  const heap = fit(win, heapField);
  if (!heap || heap.n < o.minPoints || heap.spanSec * 1000 < o.minSpanMs)
    return { kind: 'insufficient', at: last.t };
  const half = win.filter((s) => s.t >= last.t - (heap.spanSec * 1000) / 2);
  const early = fit(
    win.filter((s) => s.t <= half[0].t),
    heapField,
  );
  const late = fit(half, heapField);
  const usage = fit(win, FIELDS.usage);
  const fileSlope = fit(win, RECLAIMABLE_FILE)?.slope;
  const grows = (f: TrendFit | undefined) => !!f && f.slopeLow > 0 && significant(f, o);
  // A filling tmpfs is checked first: whatever else grows, it is what reclaim cannot free.
  const shmem = shmemGrowth(win, grows);
  if (shmem) {
    const { limit, ...rest } = shmem;
    const limits = limit === undefined ? {} : { limit, effectiveLimit: limit };
    return { kind: 'shmem', at: last.t, heap, usage, fileSlope, ...rest, ...limits };
  }
  // HeapInuse saws between the live heap and the goal; sampled once a second, GC cycles of about
  // a second alias into a slow ramp. Where GCs are that frequent, the live heap (which changes
  // only at GCs and has no sawtooth) must grow too over the recent half. Where they are rare,
  // there is no aliasing and the live heap lags the leak, so it is not asked.
  const liveOk = gcCount(half) < 3 || liveGrows(half, o) !== false;
  const kind = classify(
    grows(heap),
    grows(early),
    grows(late) && liveOk,
    grows(usage),
    heap,
    late,
    fileSlope,
    usage,
  );
  const base: Forecast = { kind, at: last.t, heap, usage, early, late, fileSlope };
  return kind === 'leak' ? { ...base, ...eta(win, heap), ...thrash(win, last, heap) } : base;
}

function classify(
  heapGrows: boolean,
  earlyGrows: boolean,
  lateGrows: boolean,
  usageGrows: boolean,
  heap: TrendFit,
  late: TrendFit | undefined,
  fileSlope: number | undefined,
  usage: TrendFit | undefined,
): GrowthKind {
  // A leak keeps growing in the recent half too, at no less than a quarter of the overall rate.
  if (heapGrows && lateGrows && late && late.slope >= heap.slope / 4) return 'leak';
  // Warm-up: it grew, then levelled off.
  if ((heapGrows || earlyGrows) && !lateGrows) return 'warmup';
  if (usageGrows && usage && fileSlope !== undefined && fileSlope >= usage.slope / 2)
    return 'page-cache';
  return 'flat';
}

/**
 * Growth counts when it is large in bytes, large against the level, and larger than twice the
 * scatter around the trend: a GC sawtooth (heap between live and goal) is noise, not growth.
 */
function gcCount(samples: readonly Sample[]): number {
  const gcs = samples.map((s) => s.go?.numGC).filter((v): v is number => v !== undefined);
  return gcs.length < 2 ? 0 : gcs[gcs.length - 1] - gcs[0];
}

/** Whether the live heap (metric or estimate) grew across these samples; undefined without data. */
function liveGrows(samples: readonly Sample[], o: typeof DEFAULTS): boolean | undefined {
  const live = samples.map(FIELDS.live).filter((v): v is number => v !== undefined);
  if (live.length < 4) return undefined;
  const edge = Math.max(1, Math.floor(live.length / 4));
  const first = median(live.slice(0, edge))!;
  const last = median(live.slice(-edge))!;
  return last - first >= Math.max(1 << 20, o.minGrowthShare * first);
}

function significant(f: TrendFit, o: typeof DEFAULTS): boolean {
  const growth = f.slope * f.spanSec;
  return (
    growth >= o.minGrowthBytes &&
    growth >= o.minGrowthShare * Math.abs(f.level) &&
    growth >= 2 * f.spread
  );
}

/** Seconds until the fitted heap meets the effective limit, with the slope's 95% interval. */
function eta(win: readonly Sample[], heap: TrendFit): Partial<Forecast> {
  const limit = lastDefined(win, FIELDS.limit);
  if (limit === undefined) return {};
  const gaps = win.flatMap((s) => {
    const ws = s.cgroup?.workingSet;
    const h = s.go?.heapInuse;
    return ws !== undefined && h !== undefined ? [Math.max(0, ws - h)] : [];
  });
  const nonHeap = median(gaps) ?? 0;
  const effectiveLimit = limit - nonHeap;
  return { limit, nonHeap, effectiveLimit, ...etaOf(effectiveLimit - heap.level, heap) };
}

/** When the live heap reaches GOMEMLIMIT minus the runtime's own non-heap memory, the GC thrashes. */
function thrash(win: readonly Sample[], last: Sample, heap: TrendFit): Partial<Forecast> {
  const limit = last.go?.gomemlimit;
  const g = last.go;
  if (limit === undefined || !g) return {};
  // The estimated live heap follows NextGC, which GOMEMLIMIT itself holds down near the limit;
  // only a measured live heap is trusted. Otherwise the heap in use (>= live) stands in: it
  // reaches the point no later than the live heap does.
  const measured = win.every((s) => s.go?.live === undefined || s.go.liveSource === 'metric');
  const live = measured ? fit(win, FIELDS.live) : heap;
  if (!live || live.slope <= 0) return { gomemlimit: limit };
  const runtimeOverhead = Math.max(0, (g.sys ?? 0) - (g.heapReleased ?? 0) - (g.heapInuse ?? 0));
  const room = Math.max(0, limit - runtimeOverhead - live.level);
  return { gomemlimit: limit, live, thrashEtaSec: room / live.slope };
}
