/**
 * Time-aligned samples: one Sample per watch tick, every value read under the same timestamp
 * (`t`, ms since the epoch). Fields are flat numbers (bytes, counts) so a day of samples stays
 * small and charts can read them column by column. A missing field means "not read this tick";
 * `notes` says why.
 */
import type { MemoryEvents } from './snapshot.js';

export interface CgroupSample {
  /** memory.current (v2) or memory.usage_in_bytes (v1). */
  readonly usage?: number;
  /** usage - inactive_file, clamped at 0 (cAdvisor's working set). */
  readonly workingSet?: number;
  /** Effective limit (smallest on the path); absent when unlimited. */
  readonly limit?: number;
  /** memory.high (v2), when set. */
  readonly high?: number;
  readonly anon?: number;
  /** memory.stat file (v2) or total_cache (v1); includes shmem. */
  readonly file?: number;
  /** memory.stat shmem (v2) or total_shmem (v1): tmpfs and shared memory, inside `file`. */
  readonly shmem?: number;
  readonly inactiveFile?: number;
  readonly events?: MemoryEvents;
  /** memory.failcnt (v1). */
  readonly failcnt?: number;
  /** memory.oom_control oom_kill (v1, kernel >= 4.13). */
  readonly oomKill?: number;
  readonly underOom?: boolean;
}

export interface ProcSample {
  readonly rss?: number;
  readonly rssAnon?: number;
  readonly rssFile?: number;
  readonly threads?: number;
  /** /proc/PID/stat utime + stime, seconds: the CPU the process got (docs/advise.md). */
  readonly cpuSeconds?: number;
}

/** One GC pause from the MemStats ring: when it ended (ns since epoch) and how long (ns). */
export type GcPause = readonly [endNs: number, pauseNs: number];

export interface GoSample {
  readonly heapAlloc?: number;
  readonly heapInuse?: number;
  readonly heapIdle?: number;
  readonly heapReleased?: number;
  readonly heapSys?: number;
  readonly sys?: number;
  readonly stackInuse?: number;
  readonly nextGC?: number;
  readonly numGC?: number;
  readonly pauseTotalNs?: number;
  readonly gcCpuFraction?: number;
  readonly goroutines?: number;
  /** GOMEMLIMIT in bytes; absent when off (math.MaxInt64). */
  readonly gomemlimit?: number;
  readonly gogc?: number;
  /** /gc/heap/live:bytes when exposed, else estimated (see estimateLiveHeap). */
  readonly live?: number;
  readonly liveSource?: 'metric' | 'estimate';
  /** Pauses of GCs that ended since the previous sample, each GC counted once. */
  readonly pauses?: readonly GcPause[];
  // For the GC model's calibration (docs/advise.md); absent in older captures.
  /** MemStats.TotalAlloc (go_memstats_alloc_bytes_total): heap bytes allocated since start. */
  readonly totalAlloc?: number;
  /** /cpu/classes/gc/total, /cpu/classes/total, /cpu/classes/user (cpu-seconds, cumulative). */
  readonly gcCpuSeconds?: number;
  readonly cpuSeconds?: number;
  readonly userCpuSeconds?: number;
  readonly gomaxprocs?: number;
  /** /gc/scan/stack and /gc/scan/globals: the GC roots of the GOGC goal. */
  readonly stackScan?: number;
  readonly globalsScan?: number;
  /** /gc/limiter/last-enabled: the last GC cycle in which the GC CPU limiter was on. */
  readonly limiterLastEnabled?: number;
}

export interface Sample {
  readonly t: number;
  readonly cgroup?: CgroupSample;
  readonly proc?: ProcSample;
  readonly go?: GoSample;
  readonly notes?: readonly string[];
}

/** Go's "no limit" for GOMEMLIMIT: math.MaxInt64 (printed as 9.223372036854776e+18). */
export const GOMEMLIMIT_OFF = 2 ** 62;

/**
 * The pauses of GCs number (prevNumGC, numGC], read from the 256-entry MemStats ring.
 * The newest pause is PauseNs[(NumGC+255)%256] (runtime/mstats.go); GCs older than 256
 * cycles have left the ring, so at most 256 are returned.
 */
export function newPauses(
  prevNumGC: number | undefined,
  numGC: number,
  pauseNs: readonly number[],
  pauseEnd: readonly number[],
): GcPause[] {
  if (pauseNs.length !== 256 || pauseEnd.length !== 256) return [];
  const first = prevNumGC === undefined ? numGC : Math.max(prevNumGC, numGC - 256);
  const out: GcPause[] = [];
  for (let n = first + 1; n <= numGC; n++) {
    const i = (n + 255) % 256;
    out.push([pauseEnd[i], pauseNs[i]]);
  }
  return out;
}

/**
 * The live heap when no metric gives it. The GOGC goal is live + (live + roots) * GOGC/100
 * (mgcpacer.go), so live <= NextGC / (1 + GOGC/100) while that goal is in effect; and live
 * never exceeds what is allocated now. The smaller of the two is the estimate. When
 * GOMEMLIMIT sets a lower goal than GOGC would, NextGC is that lower goal and the estimate
 * reads low: prefer /gc/heap/live:bytes (go_gc_heap_live_bytes), which Go 1.21+ exports.
 */
export function estimateLiveHeap(nextGC: number, heapAlloc: number, gogc = 100): number {
  if (gogc <= 0) return heapAlloc;
  return Math.min(heapAlloc, Math.round(nextGC / (1 + gogc / 100)));
}

/** Column accessor for charts and fits: a numeric field along a path, or undefined. */
export type SampleField = (s: Sample) => number | undefined;

export const FIELDS = {
  usage: (s) => s.cgroup?.usage,
  workingSet: (s) => s.cgroup?.workingSet,
  limit: (s) => s.cgroup?.limit,
  high: (s) => s.cgroup?.high,
  file: (s) => s.cgroup?.file,
  shmem: (s) => s.cgroup?.shmem,
  rss: (s) => s.proc?.rss,
  heapInuse: (s) => s.go?.heapInuse,
  heapAlloc: (s) => s.go?.heapAlloc,
  nextGC: (s) => s.go?.nextGC,
  gomemlimit: (s) => s.go?.gomemlimit,
  live: (s) => s.go?.live,
  goroutines: (s) => s.go?.goroutines,
  eventsHigh: (s) => s.cgroup?.events?.high,
  eventsMax: (s) => s.cgroup?.events?.max,
  eventsOomKill: (s) => s.cgroup?.events?.oomKill ?? s.cgroup?.oomKill,
} satisfies Record<string, SampleField>;

/** The forecast's verdicts (src/analysis/forecast.ts), as captures record them. */
export const FORECAST_KINDS = [
  'leak',
  'shmem',
  'warmup',
  'page-cache',
  'flat',
  'insufficient',
] as const;
export type ForecastKind = (typeof FORECAST_KINDS)[number];
