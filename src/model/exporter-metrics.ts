/**
 * The series `gomemlens exporter` publishes and `gomemlens fleet` reads: one catalog, so the
 * two never drift. Prometheus conventions (prometheus.io/docs/practices/naming): the
 * `gomemlens_` prefix, base units (`_bytes`, `_seconds`), `_total` for counters. Every
 * per-container series carries the CONTAINER_LABELS (or `cgroup` outside Kubernetes) and
 * never a PID (a restart would start a new series: cardinality). Where one container holds
 * several Go processes, the process series are those of its oldest Go process; the container
 * series (cgroup) are the container's.
 */

export type MetricType = 'gauge' | 'counter' | 'info';

export interface MetricSpec {
  readonly name: string;
  readonly type: MetricType;
  readonly help: string;
  /** Labels beyond the container's own (CONTAINER_LABELS). */
  readonly labels?: readonly string[];
}

/** One sample line of the exposition: a series of the catalog, its labels and its value. */
export interface MetricRow {
  readonly spec: MetricSpec;
  /** Labels in the order they are written; an undefined or empty value is left out. */
  readonly labels: Readonly<Record<string, string | undefined>>;
  readonly value: number;
}

/** Identity labels of a container series; outside Kubernetes only `cgroup` is set. */
export const CONTAINER_LABELS = ['namespace', 'pod', 'container', 'cgroup'] as const;

const metric = (
  name: string,
  type: MetricType,
  help: string,
  labels?: readonly string[],
): MetricSpec => ({ name: `gomemlens_${name}`, type, help, labels });

/** Per container; at most MAX_SERIES_PER_CONTAINER of them (findings included). */
export const CONTAINER_METRICS = {
  limit: metric(
    'container_memory_limit_bytes',
    'gauge',
    'Effective cgroup memory limit (smallest on the path to the root).',
  ),
  workingSet: metric(
    'container_memory_working_set_bytes',
    'gauge',
    'cgroup usage minus inactive_file, as cAdvisor and the kubelet compute it.',
  ),
  usage: metric(
    'container_memory_usage_bytes',
    'gauge',
    'cgroup memory usage (memory.current or memory.usage_in_bytes).',
  ),
  shmem: metric(
    'container_memory_shmem_bytes',
    'gauge',
    'tmpfs and shared memory charged to the cgroup (not reclaimable without swap).',
  ),
  oomKills: metric(
    'container_oom_kills_total',
    'counter',
    'OOM kills counted by the cgroup (memory.events oom_kill or memory.oom_control oom_kill), kept across container restarts.',
  ),
  rss: metric(
    'process_resident_memory_bytes',
    'gauge',
    'Resident set size of the Go process (/proc/PID/status VmRSS).',
  ),
  goMapped: metric(
    'go_memory_mapped_bytes',
    'gauge',
    'Go runtime memory mapped and not released (what GOMEMLIMIT counts: Sys - HeapReleased).',
  ),
  heapInuse: metric('go_heap_inuse_bytes', 'gauge', 'Bytes in in-use heap spans (HeapInuse).'),
  heapLive: metric(
    'go_heap_live_bytes',
    'gauge',
    'Heap marked live by the last GC (/gc/heap/live:bytes, or an estimate).',
  ),
  heapGoal: metric(
    'go_heap_goal_bytes',
    'gauge',
    'Heap size at which the next GC finishes (NextGC).',
  ),
  nonGo: metric(
    'non_go_memory_bytes',
    'gauge',
    'Anonymous memory not from the Go runtime (cgo, syscall.Mmap): RssAnon - (Sys - HeapReleased), at least 0.',
  ),
  gomemlimit: metric('go_gomemlimit_bytes', 'gauge', 'GOMEMLIMIT in force; absent when off.'),
  gogc: metric('go_gogc_percent', 'gauge', 'GOGC in force; -1 when off.'),
  gcCpu: metric(
    'go_gc_cpu_fraction',
    'gauge',
    'Share of CPU time spent in the GC since the process started (MemStats.GCCPUFraction).',
  ),
  etaSeconds: metric(
    'oom_eta_seconds',
    'gauge',
    'Forecast seconds until the container reaches its memory limit; absent when no OOM is forecast.',
  ),
  verdict: metric(
    'forecast_verdict',
    'gauge',
    '1 for the current forecast verdict of the container.',
    ['verdict'],
  ),
  finding: metric('finding', 'gauge', '1 for each finding active on the container.', [
    'code',
    'severity',
  ]),
  info: metric(
    'go_info',
    'info',
    'Go version and where the settings came from; profile_url names the last pre-OOM heap profile; workload and qos_class come from the pod.',
    [
      'go_version',
      'gomemlimit_source',
      'gogc_source',
      'profile_url',
      'workload_kind',
      'workload',
      'qos_class',
    ],
  ),
  profileTime: metric(
    'profile_last_timestamp_seconds',
    'gauge',
    'When the last pre-OOM profile of the container was taken (Unix seconds).',
  ),
} as const satisfies Record<string, MetricSpec>;

/** The cardinality bound: every series of one container, findings included. */
export const MAX_SERIES_PER_CONTAINER = 40;

/** The exporter's own state and cost, without container labels. */
export const EXPORTER_METRICS = {
  targets: metric(
    'exporter_targets',
    'gauge',
    'Go processes followed, by state: sampled, runtime (Go endpoints read), unnamed (no pod found), denied (binary not readable).',
    ['state'],
  ),
  cycles: metric('exporter_cycles_total', 'counter', 'Sampling cycles run.'),
  lateCycles: metric(
    'exporter_late_cycles_total',
    'counter',
    'Cycles that started after their slot (the previous one ran over).',
  ),
  cycleSeconds: metric(
    'exporter_cycle_duration_seconds',
    'gauge',
    'Wall time of the last sampling cycle (discovery, every target read, forecasts).',
  ),
  cpuSeconds: metric(
    'exporter_cpu_seconds_total',
    'counter',
    'CPU time of the exporter process (user + system).',
  ),
  rssBytes: metric(
    'exporter_resident_memory_bytes',
    'gauge',
    'Resident set size of the exporter process.',
  ),
  renderSeconds: metric(
    'exporter_render_duration_seconds',
    'gauge',
    'Time the last /metrics answer took to build.',
  ),
  sourceUp: metric(
    'exporter_source_up',
    'gauge',
    '1 when the source answered at its last read (kubelet: the pod list), else 0.',
    ['source'],
  ),
  readErrors: metric(
    'exporter_read_errors_total',
    'counter',
    'Reads that failed, by source (kubelet, endpoint, cgroup, profile).',
    ['source'],
  ),
  profiles: metric('exporter_profiles_total', 'counter', 'Pre-OOM profiles taken.'),
  profileBytes: metric(
    'exporter_profile_store_bytes',
    'gauge',
    'Bytes of profiles kept on disk (bounded by --profile-bytes).',
  ),
} as const satisfies Record<string, MetricSpec>;
