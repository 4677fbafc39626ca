/**
 * What each Go version does with memory, so rules never claim a behaviour a binary does not
 * have. Sources: the Go release notes (go.dev/doc/go1.N) and the runtime source cited per row.
 */

export interface GoVersion {
  readonly major: number;
  readonly minor: number;
  readonly patch: number;
  /** As read: "go1.26.8", "go1.22rc1", "devel go1.27-abc". */
  readonly text: string;
}

/** Parses "go1.26.8", "go1.21rc2", "go1.9", "devel go1.27-1a2b3c"; undefined when it is none. */
export function parseGoVersion(text: string): GoVersion | undefined {
  const m = /go(\d+)\.(\d+)(?:\.(\d+))?/.exec(text);
  if (!m) return undefined;
  return { major: Number(m[1]), minor: Number(m[2]), patch: Number(m[3] ?? 0), text };
}

/** True when `v` is at least major.minor. */
export function atLeast(v: GoVersion, major: number, minor: number): boolean {
  return v.major > major || (v.major === major && v.minor >= minor);
}

export interface GoFeature {
  readonly since: readonly [number, number];
  /** Exclusive upper bound, for behaviours that were later reverted. */
  readonly until?: readonly [number, number];
  readonly what: string;
  readonly source: string;
}

/** The table of version-dependent behaviours the rules rely on. */
const GO_FEATURES = {
  madvFreeDefault: {
    since: [1, 12],
    until: [1, 16],
    what: 'returns memory with MADV_FREE by default on Linux >= 4.5 (RSS drops only under pressure)',
    source:
      'https://go.dev/doc/go1.12#runtime ; https://go.dev/doc/go1.16#runtime (golang/go#42330)',
  },
  gomemlimit: {
    since: [1, 19],
    what: 'reads GOMEMLIMIT and has debug.SetMemoryLimit (a soft memory limit)',
    source: 'https://go.dev/doc/go1.19#runtime',
  },
  gcCpuLimiter: {
    since: [1, 19],
    what: 'caps GC CPU at about 50% when the memory limit is hit (runtime/mgclimit.go)',
    source: 'https://github.com/golang/go/blob/master/src/runtime/mgclimit.go',
  },
  gogcPercentMetric: {
    since: [1, 21],
    what: 'exports /gc/gogc:percent and /gc/gomemlimit:bytes in runtime/metrics',
    source: 'https://go.dev/doc/go1.21#runtime-metrics',
  },
  containerAwareGomaxprocs: {
    since: [1, 25],
    what: 'derives the default GOMAXPROCS from the cgroup CPU limit (not memory)',
    source: 'https://go.dev/doc/go1.25#container-aware-gomaxprocs (golang/go#73193)',
  },
  greenTeaGcExperiment: {
    since: [1, 25],
    what: 'has the Green Tea garbage collector as an experiment (GOEXPERIMENT=greenteagc at build time)',
    source: 'https://go.dev/doc/go1.25#new-experimental-garbage-collector',
  },
  greenTeaGcDefault: {
    since: [1, 26],
    what: 'runs the Green Tea garbage collector unless built with GOEXPERIMENT=nogreenteagc',
    source: 'https://go.dev/doc/go1.26#new-garbage-collector',
  },
  namedMappings: {
    since: [1, 25],
    what: 'names its anonymous mappings ([anon: Go: heap]) in /proc/PID/maps',
    source: 'https://go.dev/doc/go1.25#runtime (GODEBUG decoratemappings)',
  },
} as const satisfies Record<string, GoFeature>;

export type GoFeatureName = keyof typeof GO_FEATURES;

/** Whether version `v` has feature `name`. */
export function hasFeature(v: GoVersion, name: GoFeatureName): boolean {
  const f: GoFeature = GO_FEATURES[name];
  if (!atLeast(v, f.since[0], f.since[1])) return false;
  return f.until === undefined || !atLeast(v, f.until[0], f.until[1]);
}
