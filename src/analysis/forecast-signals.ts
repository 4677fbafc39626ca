/**
 * The series the forecast reads. What the kernel judges: the memory the cgroup cannot reclaim.
 * What says whether it is a leak: the Go heap without its GC sawtooth, plus goroutine stacks.
 * The Go heap in use is not what the kernel charges: a fresh span from the OS is known to be
 * zero and is not cleared, so a large buffer that is only partly written counts in full in
 * HeapInuse/HeapAlloc but only its written pages are charged (runtime/mheap.go allocNeedsZero).
 */
import type { Sample, SampleField } from '../model/series.js';
import { heldByGomemlimit } from './forecast-gomemlimit.js';
import type { Series } from './steps.js';
import { seriesOf } from './series-fit.js';
import { unreclaimable } from './working-set.js';

/**
 * usage - (file - shmem): anon memory, tmpfs/shmem and kernel memory, which reclaim cannot free
 * without swap (Documentation/admin-guide/cgroup-v2.rst, memory.stat). Without memory.stat, the
 * working set, then usage, then the RSS stand in.
 */
export const CHARGED: SampleField = (s) => {
  const c = s.cgroup;
  if (c?.usage !== undefined && c.file !== undefined)
    return unreclaimable(c.usage, c.file, c.shmem);
  return c?.workingSet ?? c?.usage ?? s.proc?.rss;
};

/** Without GC counts, the floor of this many samples stands in for "since the last GC". */
export const FLOOR_SAMPLES = 5;

/**
 * The Go heap without its GC sawtooth. Where the sampled heap hardly saws, HeapAlloc as sampled
 * (no lag). Where it saws, the live heap: from /gc/heap/live:bytes where the service exports it,
 * else estimated from NextGC; both move only at a GC (and a GC cycle about as long as the tick
 * would alias the sampled heap into a slow ramp). Where GOMEMLIMIT holds NextGC down to its own
 * goal (now), the estimate is held down too: then, unless the metric is there, HeapAlloc at the
 * first sample after the latest GC (a GC leaves about the live heap; the heap only grows until the
 * next one), over the whole window so it is read one way.
 */
export function liveHeap(samples: readonly Sample[]): Series {
  const heap = samples.map((s) => (s.go?.heapAlloc ?? s.go?.heapInuse)!);
  const xs = samples.map((s) => s.t);
  if (!sawtooth(samples)) return { xs, ys: heap };
  const live = samples.map((s) => s.go?.live);
  const metric = samples.every((s) => s.go?.liveSource === 'metric');
  if (metric || !heldByGomemlimit(samples[samples.length - 1].go))
    return { xs, ys: heap.map((h, i) => live[i] ?? h) };
  return { xs, ys: heap.map((_, i) => Math.min(...heap.slice(sinceLastGC(samples, i), i + 1))) };
}

/** Index of the first sample after the latest GC seen at sample i (at most FLOOR_SAMPLES back). */
function sinceLastGC(samples: readonly Sample[], i: number): number {
  const first = Math.max(0, i - FLOOR_SAMPLES + 1);
  const gc = samples[i].go?.numGC;
  if (gc === undefined) return first;
  let j = i;
  while (j > first && samples[j - 1].go?.numGC === gc) j--;
  return j;
}

export type GoGrowth = 'heap' | 'stacks';

/** The Go runtime's own memory that says whether it leaks: the heap plus goroutine stacks. */
export function goMemory(samples: readonly Sample[]): GoMemory | undefined {
  const withGo = samples.filter((s) => (s.go?.heapAlloc ?? s.go?.heapInuse) !== undefined);
  if (withGo.length < 3) return undefined;
  const heap = seriesOf(withGo, (s) => s.go?.heapAlloc ?? s.go?.heapInuse);
  const stacks = seriesOf(withGo, (s) => s.go?.stackInuse ?? 0);
  const live = liveHeap(withGo);
  const series = { xs: live.xs, ys: live.ys.map((y, i) => y + stacks.ys[i]) };
  return { series, heap, stacks, live };
}

export interface GoMemory {
  /** Heap (without its sawtooth) plus stacks: what says whether Go's memory leaks. */
  readonly series: Series;
  /** HeapAlloc as sampled, goroutine stacks, and the heap without its sawtooth (liveHeap). */
  readonly heap: Series;
  readonly stacks: Series;
  readonly live: Series;
}

/**
 * The sampled heap saws: over the latest half of the window, GCs ran at least every other
 * sample (each sample is then anywhere in a cycle), or ran and took back at least a quarter of
 * what the heap gained. A leak that makes little garbage hardly drops at a GC, and its HeapAlloc
 * is better read as sampled: the estimate moves only at GCs, which come rarely.
 */
function sawtooth(samples: readonly Sample[]): boolean {
  const half = samples.slice(Math.floor(samples.length / 2));
  const gcs = seriesOf(half, (s) => s.go?.numGC).ys;
  const count = gcs.length < 2 ? 0 : gcs[gcs.length - 1] - gcs[0];
  if (count < 2) return false;
  if (2 * count >= half.length) return true;
  const heap = half.map((s) => (s.go?.heapAlloc ?? s.go?.heapInuse)!);
  let rise = 0;
  let drop = 0;
  for (let i = 1; i < heap.length; i++) {
    const d = heap[i] - heap[i - 1];
    if (d > 0) rise += d;
    else drop -= d;
  }
  return drop >= rise / 4;
}

/** Which of the two grew more over the window. */
export function whatGrows(heap: Series, stacks: Series): GoGrowth {
  const rise = (s: Series) => s.ys[s.ys.length - 1] - s.ys[0];
  return rise(stacks) > rise(heap) ? 'stacks' : 'heap';
}
