/**
 * The memory around the heap, from a capture's samples: the runtime's own (Sys - HeapSys:
 * stacks, GC metadata, other), the unused part of heap spans ((HeapInuse - HeapAlloc) /
 * HeapAlloc, which the memory-limit goal counts as non-heap, mgcpacer.go memoryLimitHeapGoal),
 * the heap spans kept at the peak per byte of the heap's peak, and the container's charge that
 * Go does not count (cgroup usage - (Sys - HeapReleased): the binary's pages, cgo, kernel).
 */
import { medianOf, type goSamples } from './gc-calibrate-samples.js';
import { median } from './trend.js';

export interface MemoryFit {
  readonly runtimeOverhead: number;
  readonly unusedRatio: number;
  readonly sweptInSpans: number;
  readonly spanRatio: number;
  readonly nonGo: number;
  readonly peakHeap: number;
  readonly peakGoMemory: number;
  readonly peakContainer?: number;
  readonly notes: readonly string[];
}

type Samples = ReturnType<typeof goSamples>;

const num = (x: number | undefined): x is number => x !== undefined && Number.isFinite(x);

/** `heapEnd`: the heap's peak per gctrace, which 1 s samples miss between their ticks. */
export function memoryOf(go: Samples, heapEnd?: number): MemoryFit {
  const g = (s: Samples[number]) => s.go;
  const notes: string[] = [];
  const heaps = go.map((s) => g(s).heapAlloc).filter(num);
  const peakHeap = Math.max(heapEnd ?? 0, ...heaps);
  const kept = go.map((s) => diff(g(s).heapSys, g(s).heapReleased)).filter(num);
  const goMem = go.map((s) => diff(g(s).sys, g(s).heapReleased)).filter(num);
  const usage = go.map((s) => s.cgroup?.usage).filter(num);
  const nonGo = medianOf(go, (s) => diff(s.cgroup?.usage, diff(g(s).sys, g(s).heapReleased)));
  if (nonGo === undefined)
    notes.push('no cgroup usage in the capture: container memory = Go memory');
  const unusedRatio = unusedNearPeak(go);
  return {
    runtimeOverhead: medianOf(go, (s) => diff(g(s).sys, g(s).heapSys)) ?? 0,
    unusedRatio,
    sweptInSpans: sweptInSpansOf(go, unusedRatio, notes),
    spanRatio: kept.length && peakHeap > 0 ? Math.max(1, Math.max(...kept) / peakHeap) : 1,
    nonGo: nonGo ?? 0,
    peakHeap,
    peakGoMemory: goMem.length ? Math.max(...goMem) : peakHeap,
    ...(usage.length ? { peakContainer: Math.max(...usage) } : {}),
    notes,
  };
}

function unusedNearPeak(go: Samples): number {
  const heaps = go
    .map((s) => s.go.heapAlloc)
    .filter(num)
    .sort((a, b) => a - b);
  const top = heaps[Math.floor(heaps.length * 0.75)] ?? 0;
  const near = go.filter((s) => (s.go.heapAlloc ?? 0) >= top);
  return medianOf(near, (s) => ratio(diff(s.go.heapInuse, s.go.heapAlloc), s.go.heapAlloc)) ?? 0;
}

/**
 * The share of the garbage a GC sweeps that stays as free slots in spans still in use (the
 * rest returns as free pages, HeapIdle - HeapReleased). Until new objects refill them, the
 * slots are HeapInuse - HeapAlloc, so a sample taken then shows unused + (heap - marked) =
 * share x (goal - marked). Samples where the slots are plainly not refilled yet (unused above
 * twice the near-peak level and 1 MiB) give one value each; the median of at least 3, else 0.
 */
function sweptInSpansOf(go: Samples, unusedRatio: number, notes: string[]): number {
  const shares = go.flatMap(({ go: g }) => {
    const [heap, inuse, marked, goal] = [g.heapAlloc, g.heapInuse, g.live, g.nextGC];
    if (!num(heap) || !num(inuse) || !num(marked) || !num(goal) || goal <= marked) return [];
    const unused = inuse - heap;
    if (heap < marked || unused < 2 * unusedRatio * heap + 1024 * 1024) return [];
    return [Math.min(1, (unused + heap - marked) / (goal - marked))];
  });
  if (shares.length < 3) {
    notes.push(
      'too few samples between a sweep and the refill of its slots: swept garbage taken as returned pages',
    );
    return 0;
  }
  return median(shares) ?? 0;
}

function diff(a: number | undefined, b: number | undefined): number | undefined {
  return a === undefined || b === undefined ? undefined : a - b;
}

function ratio(a: number | undefined, b: number | undefined): number | undefined {
  return a === undefined || b === undefined || b <= 0 ? undefined : a / b;
}
