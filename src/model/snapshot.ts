/**
 * One look at a target from three sides: the cgroup, /proc, and the Go runtime over HTTP.
 * Every value is an Observation so a report can say where a number came from, or why it
 * is missing. Field names of Go structures keep Go's spelling (MemStats.HeapInuse) so a
 * reader can find them in the Go docs.
 */
import type { Observation } from './observation.js';
import type { Limit } from './units.js';

export interface Snapshot {
  readonly takenAt: string; // ISO-8601
  readonly target: Target;
  readonly cgroup?: Observation<CgroupMemory>;
  readonly process?: ProcessInfo;
  readonly binary?: Observation<BinaryInfo>;
  readonly runtime?: RuntimeInfo;
  /** Things that went wrong while collecting, one line each ("process 123 exited mid-read"). */
  readonly notes: readonly string[];
}

export interface Target {
  readonly pid?: number;
  readonly url?: string;
  /** A cgroup given directly (--cgroup): a path on the host, e.g. /sys/fs/cgroup/kubepods/x. */
  readonly cgroupDir?: string;
}

// ---------------------------------------------------------------------------------------------
// cgroup

export interface CgroupMemory {
  readonly version: 1 | 2;
  /** The path as /proc/PID/cgroup names it, e.g. "/kubepods/burstable/pod1/abc". */
  readonly path: string;
  /** Where its files are on this host, e.g. "/sys/fs/cgroup/memory/kubepods/burstable/pod1/abc". */
  readonly dir: string;
  /** This group's own limit: memory.max (v2) or memory.limit_in_bytes (v1). */
  readonly limit: Observation<Limit>;
  /** Smallest limit on the path to the root; `setBy` is the directory that sets it. */
  readonly effectiveLimit: Observation<EffectiveLimit>;
  /** memory.high (v2 only; smallest on the path like the limit). */
  readonly high: Observation<EffectiveLimit>;
  /** memory.current (v2) or memory.usage_in_bytes (v1). */
  readonly usage: Observation<number>;
  /** memory.peak (v2, Linux 5.19+) or memory.max_usage_in_bytes (v1). */
  readonly peak: Observation<number>;
  readonly stat: Observation<MemoryStat>;
  /** memory.events (v2; counts the whole subtree). */
  readonly events: Observation<MemoryEvents>;
  /** memory.events.local (v2; this group only). */
  readonly eventsLocal: Observation<MemoryEvents>;
  /** memory.failcnt (v1): times usage hit the limit. */
  readonly failcnt: Observation<number>;
  /** memory.oom_control (v1). */
  readonly oomControl: Observation<OomControl>;
  /** memory.pressure (PSI). */
  readonly pressure: Observation<Pressure>;
  /** PIDs in cgroup.procs of this group. */
  readonly procs: Observation<readonly number[]>;
  /** What had to be assumed while locating the group (e.g. a cgroup namespace). */
  readonly notes?: readonly string[];
}

export interface EffectiveLimit {
  readonly limit: Limit;
  /** The file that sets it, e.g. "/sys/fs/cgroup/kubepods/pod1/memory.max". */
  readonly setBy: string;
}

/**
 * memory.stat, normalised. v2 names are used; v1 values come from the hierarchical total_*
 * lines (total_rss -> anon, total_cache -> file, total_inactive_file -> inactiveFile).
 */
export interface MemoryStat {
  readonly anon?: number;
  readonly file?: number;
  readonly activeFile?: number;
  readonly inactiveFile?: number;
  readonly activeAnon?: number;
  readonly inactiveAnon?: number;
  readonly shmem?: number;
  readonly kernel?: number;
  readonly slab?: number;
  readonly sock?: number;
  readonly pglazyfree?: number;
  readonly pglazyfreed?: number;
  /** v1 only: hierarchical_memory_limit. */
  readonly hierarchicalMemoryLimit?: Limit;
  /** Every line as read, for evidence. */
  readonly raw: Readonly<Record<string, number>>;
}

export interface MemoryEvents {
  readonly low: number;
  readonly high: number;
  readonly max: number;
  readonly oom: number;
  readonly oomKill: number;
  readonly oomGroupKill?: number;
}

export interface OomControl {
  readonly oomKillDisable: boolean;
  readonly underOom: boolean;
  /** Kernel >= 4.13. */
  readonly oomKill?: number;
}

export interface PressureLine {
  readonly avg10: number;
  readonly avg60: number;
  readonly avg300: number;
  /** Microseconds stalled, cumulative. */
  readonly total: number;
}

export interface Pressure {
  readonly some: PressureLine;
  readonly full?: PressureLine;
}

// ---------------------------------------------------------------------------------------------
// /proc/PID

export interface ProcessInfo {
  readonly pid: number;
  readonly status: Observation<ProcStatus>;
  readonly smapsRollup: Observation<SmapsRollup>;
  /** Only the variables that matter to Go memory (GO*, AUTOMEMLIMIT*); never the whole env. */
  readonly environ: Observation<Readonly<Record<string, string>>>;
  readonly cmdline: Observation<readonly string[]>;
  /** Target of /proc/PID/exe. */
  readonly exe: Observation<string>;
  /** /proc/PID/stat utime and stime: the CPU the process got (read every watch tick). */
  readonly cpu?: Observation<ProcCpu>;
}

/** CPU time the kernel charged to the process, in seconds. */
export interface ProcCpu {
  readonly userSec: number;
  readonly systemSec: number;
}

/** /proc/PID/status, sizes in bytes. */
export interface ProcStatus {
  readonly name: string;
  readonly vmRss?: number;
  readonly rssAnon?: number;
  readonly rssFile?: number;
  readonly rssShmem?: number;
  readonly vmHwm?: number;
  readonly vmSwap?: number;
  readonly threads?: number;
}

/** /proc/PID/smaps_rollup, sizes in bytes. */
export interface SmapsRollup {
  readonly rss: number;
  readonly pss?: number;
  readonly anonymous?: number;
  readonly lazyFree?: number;
  readonly anonHugePages?: number;
  readonly swap?: number;
  readonly raw: Readonly<Record<string, number>>;
}

// ---------------------------------------------------------------------------------------------
// the Go binary

export type BinaryInfo =
  | { readonly isGo: true; readonly buildInfo: GoBuildInfo }
  | { readonly isGo: false; readonly reason: string };

/** What `go version -m` prints. */
export interface GoBuildInfo {
  readonly goVersion: string; // "go1.26.8"
  readonly path?: string; // main package path
  readonly main?: GoModule;
  readonly deps: readonly GoModule[];
  readonly settings: readonly (readonly [string, string])[];
}

export interface GoModule {
  readonly path: string;
  readonly version: string;
  readonly sum?: string;
  readonly replace?: GoModule;
}

// ---------------------------------------------------------------------------------------------
// the Go runtime over HTTP

export interface RuntimeInfo {
  readonly baseUrl: string;
  /** Every endpoint probed and what came of it. */
  readonly endpoints: readonly EndpointResult[];
  /** runtime.MemStats from /debug/vars, or from the heap?debug=1 trailer. */
  readonly memstats: Observation<MemStats>;
  /** Go runtime values from Prometheus /metrics (client_golang names). */
  readonly prometheus: Observation<PromGoMetrics>;
  /** os.Args of the target, from expvar's "cmdline". */
  readonly cmdline?: readonly string[];
  /** Raw JSON text of /debug/gomemlens (the in-process agent) when it answered with JSON. */
  readonly agentJson?: string;
}

/** One line per endpoint that did not answer usably: "/metrics: timeout (no complete ...)". */
export function endpointProblems(rt: RuntimeInfo): string[] {
  return rt.endpoints
    .filter((e) => e.outcome !== 'ok')
    .map((e) => `${e.path}: ${e.outcome}${e.detail ? ` (${e.detail})` : ''}`);
}

export interface EndpointResult {
  readonly path: string; // "/debug/vars"
  readonly outcome: 'ok' | 'not-found' | 'error' | 'timeout' | 'too-large' | 'garbled';
  readonly httpStatus?: number;
  readonly ms: number;
  readonly bytes?: number;
  readonly detail?: string;
}

/** runtime.MemStats as expvar prints it (field names as in Go). */
export interface MemStats {
  readonly Alloc: number;
  readonly TotalAlloc: number;
  readonly Sys: number;
  readonly Mallocs: number;
  readonly Frees: number;
  readonly HeapAlloc: number;
  readonly HeapSys: number;
  readonly HeapIdle: number;
  readonly HeapInuse: number;
  readonly HeapReleased: number;
  readonly HeapObjects: number;
  readonly StackInuse: number;
  readonly StackSys: number;
  readonly MSpanInuse: number;
  readonly MSpanSys: number;
  readonly MCacheInuse: number;
  readonly MCacheSys: number;
  readonly BuckHashSys: number;
  readonly GCSys: number;
  readonly OtherSys: number;
  readonly NextGC: number;
  readonly LastGC: number; // ns since epoch
  readonly PauseTotalNs: number;
  /** Ring of the last 256 pauses; newest at PauseNs[(NumGC+255)%256]. */
  readonly PauseNs?: readonly number[];
  readonly PauseEnd?: readonly number[];
  readonly NumGC: number;
  readonly NumForcedGC: number;
  readonly GCCPUFraction: number;
  readonly EnableGC: boolean;
  readonly DebugGC: boolean;
  /** Fields the source did not carry, so their values above are derived or defaults: the heap
   *  profile trailer has no PauseTotalNs (summed from PauseNs, exact only while NumGC <= 256)
   *  and no EnableGC (always true in Go). */
  readonly missing?: readonly string[];
}

/** The numeric fields of MemStats in Go's order: every reader checks these (expvar, the heap
 *  profile trailer, a saved snapshot). */
export const MEMSTATS_NUMBER_FIELDS = [
  'Alloc',
  'TotalAlloc',
  'Sys',
  'Mallocs',
  'Frees',
  'HeapAlloc',
  'HeapSys',
  'HeapIdle',
  'HeapInuse',
  'HeapReleased',
  'HeapObjects',
  'StackInuse',
  'StackSys',
  'MSpanInuse',
  'MSpanSys',
  'MCacheInuse',
  'MCacheSys',
  'BuckHashSys',
  'GCSys',
  'OtherSys',
  'NextGC',
  'LastGC',
  'PauseTotalNs',
  'NumGC',
  'NumForcedGC',
  'GCCPUFraction',
] as const satisfies readonly (keyof MemStats)[];

/** Selected client_golang series, bytes/seconds as exported. */
export interface PromGoMetrics {
  readonly goVersion?: string; // go_info{version}
  readonly goroutines?: number;
  readonly threads?: number;
  readonly gomemlimitBytes?: number; // go_gc_gomemlimit_bytes (client_golang >= 1.20)
  readonly gogcPercent?: number; // go_gc_gogc_percent
  readonly gomaxprocs?: number; // go_sched_gomaxprocs_threads
  readonly heapLiveBytes?: number; // go_gc_heap_live_bytes (opt-in)
  // Opt-in runtime/metrics series (client_golang WithGoCollectorRuntimeMetrics): the GC model's
  // calibration (docs/advise.md) reads them when a service exports them.
  readonly gcCpuSeconds?: number; // go_cpu_classes_gc_total_cpu_seconds_total
  readonly cpuSeconds?: number; // go_cpu_classes_total_cpu_seconds_total (GOMAXPROCS x wall)
  readonly userCpuSeconds?: number; // go_cpu_classes_user_cpu_seconds_total
  readonly stackScanBytes?: number; // go_gc_scan_stack_bytes
  readonly globalsScanBytes?: number; // go_gc_scan_globals_bytes
  readonly limiterLastEnabled?: number; // go_gc_limiter_last_enabled_gc_cycle
  readonly memstats: Readonly<Partial<Record<PromMemstatName, number>>>;
  /** go_gc_duration_seconds quantiles (0, 0.25, 0.5, 0.75, 1) plus sum and count. */
  readonly gcDuration?: {
    readonly quantiles: Readonly<Record<string, number>>;
    readonly sum: number;
    readonly count: number;
  };
}

export type PromMemstatName =
  | 'alloc_bytes'
  | 'alloc_bytes_total'
  | 'sys_bytes'
  | 'heap_alloc_bytes'
  | 'heap_sys_bytes'
  | 'heap_idle_bytes'
  | 'heap_inuse_bytes'
  | 'heap_released_bytes'
  | 'heap_objects'
  | 'stack_inuse_bytes'
  | 'stack_sys_bytes'
  | 'mspan_inuse_bytes'
  | 'mspan_sys_bytes'
  | 'mcache_inuse_bytes'
  | 'mcache_sys_bytes'
  | 'buck_hash_sys_bytes'
  | 'gc_sys_bytes'
  | 'other_sys_bytes'
  | 'next_gc_bytes'
  | 'last_gc_time_seconds'
  | 'mallocs_total'
  | 'frees_total';
