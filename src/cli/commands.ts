/** The command table: name, one-line summary, and a loader for its module. */
export interface CommandModule {
  /** Runs the command; returns the exit code. */
  run(argv: string[]): Promise<number>;
}

export interface CommandEntry {
  readonly summary: string;
  readonly load: () => Promise<CommandModule>;
}

export const COMMANDS: Record<string, CommandEntry> = {
  bench: {
    summary:
      'CI memory gate for go test -bench -benchmem: benchstat statistics, thresholds, exit codes',
    load: () => import('./bench.js'),
  },
  diagnose: {
    summary: 'one look at a live Go process: cgroup, /proc and Go runtime, reconciled',
    load: () => import('./diagnose.js'),
  },
  demo: {
    summary: 'run the bundled leaky Go service in a limited cgroup and diagnose it',
    load: () => import('./demo.js'),
  },
  exporter: {
    summary:
      'every Go process of a node as Prometheus series: OOM forecasts, OOM kills, pre-OOM profiles',
    load: () => import('./exporter.js'),
  },
  ps: {
    summary: 'list the Go processes on this host with versions, limits and memory',
    load: () => import('./ps.js'),
  },
  k8s: {
    summary:
      'Go-aware Kubernetes manifests: lint (text/JSON/SARIF), fix GOMEMLIMIT, VPA, admission webhook',
    load: () => import('./k8s.js'),
  },
  watch: {
    summary: 'sample a Go service over time, forecast the OOM, capture profiles before it',
    load: () => import('./watch.js'),
  },
  serve: {
    summary: 'the live view in a browser: charts over Server-Sent Events, profiles on a click',
    load: () => import('./serve.js'),
  },
  report: {
    summary: 'turn a watch capture into one self-contained HTML report',
    load: () => import('./report.js'),
  },
  simulate: {
    summary:
      'predict GC cycles, GC CPU, peak memory and OOM kills of other GOGC/GOMEMLIMIT settings',
    load: () => import('./simulate.js'),
  },
  advise: {
    summary: 'size GOMEMLIMIT, GOGC, memory request and limit together from a watch capture',
    load: () => import('./advise.js'),
  },
  fleet: {
    summary:
      'Go workloads of a cluster (or many) from Prometheus: OOM verdicts, GOMEMLIMIT findings, right-sizing',
    load: () => import('./fleet.js'),
  },
  trace: {
    summary:
      'how a Go process returns memory (trace madvise) and what its GC did (trace gc: pauses, assists, MMU)',
    load: () => import('./trace.js'),
  },
  gctrace: {
    summary: 'read a GODEBUG=gctrace=1 log: per-cycle table, GC CPU, heap, pauses, scavenger',
    load: () => import('./gctrace.js'),
  },
  pprof: {
    summary: 'heap profiles like go tool pprof, faster: top and diff of files or /debug/pprof URLs',
    load: () => import('./pprof.js'),
  },
};
