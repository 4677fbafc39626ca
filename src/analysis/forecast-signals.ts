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

export function seriesOf(samples: readonly Sample[], field: SampleField): Series {
  const xs: number[] = [];
  const ys: number[] = [];
  for (const s of samples) {
    const y = field(s);
    if (y !== undefined) {
      xs.push(s.t);
      ys.push(y);
    }
  }
  return { xs, ys };
}

/**
 * The live heap as well as it can be read: /gc/heap/live:bytes where the service exports it,
 * else HeapAlloc at the first sample after the latest GC (a GC leaves about the live heap; the
 * heap only grows until the next one), so the floor of the samples since then. The estimate
 * from NextGC is not used: GOMEMLIMIT holds NextGC down while the live heap grows.
 */
export function liveHeap(samples: readonly Sample[]): Series {
  if (samples.every((s) => s.go?.live === undefined || s.go.liveSource === 'metric')) {
    const metric = seriesOf(samples, (s) => s.go?.live);
    if (metric.xs.length === samples.length) return metric;
  }
  const heap = samples.map((s) => (s.go?.heapAlloc ?? s.go?.heapInuse)!);
  const ys = heap.map((_, i) => Math.min(...heap.slice(sinceLastGC(samples, i), i + 1)));
  return { xs: samples.map((s) => s.t), ys };
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

/**
 * The Go runtime's own memory that says whether it leaks: the heap plus goroutine stacks. The
 * heap is read without its GC sawtooth: where GCs are rare, HeapAlloc as sampled (no sawtooth to
 * speak of, and no lag); where they are frequent, the live heap, from /gc/heap/live:bytes or
 * estimated from NextGC, which moves only at a GC (a cycle about as long as the tick would
 * alias the sampled heap into a slow ramp); where GOMEMLIMIT holds NextGC down, the floor.
 */
export function goMemory(samples: readonly Sample[]): GoMemory | undefined {
  const withGo = samples.filter((s) => (s.go?.heapAlloc ?? s.go?.heapInuse) !== undefined);
  if (withGo.length < 3) return undefined;
  const heap = seriesOf(withGo, (s) => s.go?.heapAlloc ?? s.go?.heapInuse);
  const stacks = seriesOf(withGo, (s) => s.go?.stackInuse ?? 0);
  const live = liveHeap(withGo);
  const judged = heldByGomemlimit(withGo[withGo.length - 1].go)
    ? live
    : frequentGCs(withGo)
      ? (estimated(withGo) ?? heap)
      : heap;
  const series = { xs: judged.xs, ys: judged.ys.map((y, i) => y + stacks.ys[i]) };
  return { series, heap, stacks, live };
}

export interface GoMemory {
  /** Heap (without its sawtooth) plus stacks: what says whether Go's memory leaks. */
  readonly series: Series;
  /** HeapAlloc as sampled, goroutine stacks, and the live heap (metric or floor). */
  readonly heap: Series;
  readonly stacks: Series;
  readonly live: Series;
}

/** At least one GC every GC_SAMPLES samples on average over the window. */
const GC_SAMPLES = 4;

function frequentGCs(samples: readonly Sample[]): boolean {
  const gcs = seriesOf(samples, (s) => s.go?.numGC).ys;
  return gcs.length >= 2 && (gcs[gcs.length - 1] - gcs[0]) * GC_SAMPLES >= gcs.length;
}

/** The live heap field (metric or NextGC estimate, model/series.ts) where every sample has it. */
function estimated(samples: readonly Sample[]): Series | undefined {
  const live = seriesOf(samples, (s) => s.go?.live);
  return live.xs.length === samples.length ? live : undefined;
}

/** Which of the two grew more over the window. */
export function whatGrows(heap: Series, stacks: Series): GoGrowth {
  const rise = (s: Series) => s.ys[s.ys.length - 1] - s.ys[0];
  return rise(stacks) > rise(heap) ? 'stacks' : 'heap';
}
