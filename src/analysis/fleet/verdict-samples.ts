/**
 * A pod's range series as the samples the forecast reads (analysis/forecast.ts), one per step
 * of the working set since the pod's last restart.
 *
 * - The kernel's side: the working set (cAdvisor's usage - inactive_file, what the kubelet
 *   evicts on) and the limit. cAdvisor has no shmem series, so usage - (file - shmem) cannot be
 *   formed; the forecast then fits the working set (forecast-signals.ts CHARGED).
 * - Go's side, which decides whether it is a leak: the heap in use, the live heap (from
 *   go_gc_heap_live_bytes, 'metric'; from the exporter's series, which may itself be an
 *   estimate, or else estimated from NextGC as watch does: 'estimate'), GC cycles (NumGC, a
 *   counter: a restart's reset is carried over), NextGC, goroutine stacks, GOMEMLIMIT and GOGC.
 *   Sampled at the step (an hour over 7 days), the heap in use sits anywhere in its GC cycle;
 *   the GC count is what lets the forecast see that sawtooth and read the live heap instead.
 * - Where no heap-in-use series exists (the exporter without client_golang), the live heap stands
 *   for the heap: it is the heap without its sawtooth, which is what the forecast reads it for.
 */
import type { PromSeries } from '../../formats/prom-api.js';
import { estimateLiveHeap, type GoSample, type Sample } from '../../model/series.js';
import { stat } from './measure-kit.js';
import { gomemlimitOf } from './measures-settings.js';
import type { PodRow } from './rows.js';

type At = (t: number) => number | undefined;

export function samplesOf(r: PodRow, limit: number | undefined): Sample[] {
  const ws = r.series.ws;
  if (!ws) return [];
  const go = goReader(r);
  const from = lastDrop(ws);
  const out: Sample[] = [];
  for (let i = from; i < ws.t.length; i++) {
    const g = go(ws.t[i]);
    out.push({
      t: ws.t[i] * 1000,
      cgroup: { workingSet: ws.v[i], ...(limit !== undefined ? { limit } : {}) },
      ...(g ? { go: g } : {}),
    });
  }
  return out;
}

/** The Go sample at a step, from the pod's Go range series and its settings. */
function goReader(r: PodRow): (t: number) => GoSample | undefined {
  const s = r.series;
  const heap = valuesAt(s.heap);
  const live = valuesAt(s.live);
  const gcs = valuesAt(s.gcs, true);
  const next = valuesAt(s.nextGC);
  const stacks = valuesAt(s.stacks);
  const mapped = valuesAt(s.goMapped);
  const g = gomemlimitOf(r)?.value;
  const gomemlimit = typeof g === 'number' ? g : undefined;
  const gogc = stat(r, 'go.gogc_last') ?? stat(r, 'gomemlens.gogc_last');
  const measured = s.live?.labels.__name__ === 'go_gc_heap_live_bytes';
  return (t) => {
    const inuse = heap(t);
    const liveNow = live(t);
    const nextGC = next(t);
    const estimate =
      liveNow === undefined && inuse !== undefined && nextGC !== undefined
        ? estimateLiveHeap(nextGC, inuse, gogc)
        : undefined;
    const heapNow = inuse ?? liveNow;
    if (heapNow === undefined) return undefined;
    const goMapped = mapped(t);
    return defined({
      heapInuse: heapNow,
      live: liveNow ?? estimate,
      liveSource:
        liveNow !== undefined && measured
          ? 'metric'
          : (liveNow ?? estimate) !== undefined
            ? 'estimate'
            : undefined,
      numGC: gcs(t),
      nextGC,
      stackInuse: stacks(t),
      // go_memstats_sys_bytes - go_memstats_heap_released_bytes comes as one series: Sys with
      // nothing released is the same mapped memory, all the forecast reads of the two
      // (forecast-gomemlimit.ts killAfter).
      ...(goMapped !== undefined ? { sys: goMapped, heapReleased: 0 } : {}),
      gomemlimit,
      gogc,
    });
  };
}

function defined(g: { [K in keyof GoSample]: GoSample[K] | undefined }): GoSample {
  return Object.fromEntries(Object.entries(g).filter(([, v]) => v !== undefined)) as GoSample;
}

/** A series' value by time (seconds); a counter's resets (a restart) are carried over. */
function valuesAt(s: PromSeries | undefined, counter = false): At {
  const m = new Map<number, number>();
  let offset = 0;
  if (s)
    for (let i = 0; i < s.t.length; i++) {
      if (counter && i > 0 && s.v[i] < s.v[i - 1]) offset += s.v[i - 1];
      m.set(s.t[i], s.v[i] + offset);
    }
  return (t) => m.get(t);
}

/**
 * Where the last restart begins: a fall of the working set to under 40% of the step before
 * (a GC returns far less than that at once; a new container starts near empty).
 */
function lastDrop(ws: PromSeries): number {
  for (let i = ws.v.length - 1; i > 0; i--) if (ws.v[i] < 0.4 * ws.v[i - 1]) return i;
  return 0;
}
