/**
 * The fleet the Prometheus test builds: about 50 workloads, each a scenario with a known truth
 * (steady, leaking, OOM-killed, GOMEMLIMIT missing / above the limit / too close / stale after
 * a resize, GOGC=off, HPA on memory, restarts that are not OOM kills, old client_golang,
 * exporter-only, no container label, non-Go workloads that must be left out), in two clusters.
 */
import { GiB, MiB } from '../../src/model/units.js';
import type { GenWindow } from './fleet-gen.js';

export interface GoSpec {
  readonly version: string;
  readonly live: number;
  readonly gogc: number;
  readonly gomemlimit: number | 'off';
  readonly leakPerHour?: number;
  /** GOGC=off and no limit: the heap grows this much per hour. */
  readonly offGrowthPerHour?: number;
  readonly overhead?: number;
  readonly allocRate: number;
  /** GC share of the process CPU; the go_cpu_classes series exist only when set. */
  readonly gcShare?: number;
  /** client_golang >= 1.20 (go_gc_gomemlimit_bytes, go_gc_gogc_percent). */
  readonly modern: boolean;
  /** go_gc_heap_live_bytes opted in. */
  readonly liveMetric: boolean;
  /** The scrape adds a container label to the go_* series. */
  readonly containerLabel: boolean;
  /** No client_golang series at all (only the exporter's). */
  readonly noClientGolang?: boolean;
  /** The gomemlens exporter runs on the node. */
  readonly exporter?: boolean;
}

export interface WorkloadSpec {
  readonly cluster?: string;
  readonly namespace: string;
  readonly kind: 'Deployment' | 'StatefulSet' | 'DaemonSet' | 'Pod';
  readonly name: string;
  readonly container: string;
  readonly replicas: number;
  readonly limit?: number;
  readonly request?: number;
  /** A rollout on this day moved the limit from `from` to `limit`. */
  readonly resize?: {
    readonly atDay: number;
    readonly from: number;
    /** The GOMEMLIMIT of the pods before, when it followed the resize. */
    readonly fromGomemlimit?: number;
  };
  readonly nonGo: number;
  readonly go?: GoSpec;
  readonly hpa?: 'memory' | 'cpu';
  readonly sidecar?: boolean;
  readonly errorRestartsAtHour?: readonly number[];
  readonly restartsBefore?: number;
  readonly oomBeforeWindow?: boolean;
  /** What the test expects. */
  readonly expect: {
    readonly codes: readonly string[];
    readonly verdict?: string;
    readonly oomKills?: number;
  };
}

export interface PodPlan {
  readonly name: string;
  readonly start: number;
  readonly end: number;
  readonly limit?: number;
  readonly request?: number;
  readonly replicaSet?: string;
  /** This pod's GOMEMLIMIT when it differs from the workload's (before a resize). */
  readonly gomemlimit?: number;
  /** Workload-level series (HPA, ReplicaSet owner) are written with one pod only. */
  readonly firstOfWorkload?: boolean;
  readonly firstOfReplicaSet?: boolean;
}

/** FNV-1a, in base 36: pod-template hashes and pod suffixes that differ for close inputs. */
const hash = (s: string) => {
  let h = 2166136261;
  for (const c of s) h = Math.imul(h ^ c.charCodeAt(0), 16777619);
  return (h >>> 0).toString(36).padStart(7, 'z');
};

/** The pods of a workload over the window, named as their controllers name them. */
export function podsOf(w: WorkloadSpec, win: GenWindow): PodPlan[] {
  const plans = planPods(w, win);
  const seen = new Set<string>();
  return plans.map((p, i) => {
    const first = p.replicaSet !== undefined && !seen.has(p.replicaSet);
    if (p.replicaSet) seen.add(p.replicaSet);
    return { ...p, firstOfWorkload: i === 0, firstOfReplicaSet: first };
  });
}

function planPods(w: WorkloadSpec, win: GenWindow): PodPlan[] {
  const base = { limit: w.limit, request: w.request };
  const range = (n: number, f: (i: number) => PodPlan) => Array.from({ length: n }, (_, i) => f(i));
  if (w.kind === 'Pod') return [{ name: w.name, start: win.start, end: win.end, ...base }];
  if (w.kind === 'StatefulSet')
    return range(w.replicas, (i) => ({
      name: `${w.name}-${i}`,
      start: win.start,
      end: win.end,
      ...base,
    }));
  if (w.kind === 'DaemonSet')
    return range(w.replicas, (i) => ({
      name: `${w.name}-${hash(`${w.name}${i}`).slice(0, 5)}`,
      start: win.start,
      end: win.end,
      ...base,
    }));
  const rs = (tag: string) =>
    `${w.name}-${hash(w.name + tag)
      .slice(0, 7)
      .padEnd(9, 'b')}`;
  if (!w.resize)
    return range(w.replicas, (i) => ({
      name: `${rs('a')}-${hash(`${w.name}${i}`).slice(0, 5)}`,
      start: win.start,
      end: win.end,
      replicaSet: rs('a'),
      ...base,
    }));
  const at = win.start + w.resize.atDay * 86400;
  return [
    ...range(w.replicas, (i) => ({
      name: `${rs('a')}-${hash(`a${w.name}${i}`).slice(0, 5)}`,
      start: win.start,
      end: at,
      replicaSet: rs('a'),
      limit: w.resize!.from,
      request: w.request,
      gomemlimit: w.resize!.fromGomemlimit,
    })),
    ...range(w.replicas, (i) => ({
      name: `${rs('b')}-${hash(`b${w.name}${i}`).slice(0, 5)}`,
      start: at,
      end: win.end,
      replicaSet: rs('b'),
      ...base,
    })),
  ];
}

const go = (o: Partial<GoSpec>): GoSpec => ({
  version: 'go1.22.5',
  live: 100 * MiB,
  gogc: 100,
  gomemlimit: 'off',
  allocRate: 20 * MiB,
  modern: true,
  liveMetric: true,
  containerLabel: true,
  ...o,
});

/** Steady, well set: GOMEMLIMIT at 90% of a 512 MiB limit; no findings. */
function steady(cluster: string, ns: string, i: number): WorkloadSpec {
  return {
    cluster,
    namespace: ns,
    kind: 'Deployment',
    name: `api-${i}`,
    container: 'app',
    replicas: 2,
    limit: 512 * MiB,
    request: 384 * MiB,
    nonGo: 20 * MiB,
    go: go({ live: (80 + 10 * i) * MiB, gomemlimit: 460 * MiB, gcShare: i % 2 ? 0.2 : undefined }),
    expect: { codes: [], verdict: 'flat' },
  };
}

export function fleetScenarios(): WorkloadSpec[] {
  const out: WorkloadSpec[] = [];
  for (const cluster of ['east', 'west']) {
    for (let i = 0; i < 6; i++) out.push(steady(cluster, i < 3 ? 'shop' : 'search', i));
    out.push(
      {
        cluster,
        namespace: 'shop',
        kind: 'Deployment',
        name: 'cart',
        container: 'app',
        replicas: 2,
        limit: 512 * MiB,
        request: 256 * MiB,
        nonGo: 16 * MiB,
        go: go({ live: 120 * MiB }),
        expect: { codes: ['gomemlimit-unset'], verdict: 'flat' },
      },
      {
        cluster,
        namespace: 'shop',
        kind: 'Deployment',
        name: 'pricing',
        container: 'app',
        replicas: 1,
        limit: 512 * MiB,
        request: 512 * MiB,
        nonGo: 16 * MiB,
        go: go({ live: 100 * MiB, gomemlimit: 600 * MiB }),
        expect: { codes: ['gomemlimit-above-limit'], verdict: 'flat' },
      },
      {
        cluster,
        namespace: 'shop',
        kind: 'Deployment',
        name: 'images',
        container: 'app',
        replicas: 1,
        limit: 512 * MiB,
        request: 512 * MiB,
        nonGo: 48 * MiB,
        go: go({ live: 100 * MiB, gomemlimit: 480 * MiB }),
        expect: { codes: ['gomemlimit-too-close'], verdict: 'flat' },
      },
      {
        cluster,
        namespace: 'search',
        kind: 'Deployment',
        name: 'indexer',
        container: 'app',
        replicas: 2,
        limit: 512 * MiB,
        request: 512 * MiB,
        nonGo: 16 * MiB,
        resize: { atDay: 3, from: GiB },
        go: go({ live: 150 * MiB, gomemlimit: 900 * MiB }),
        expect: { codes: ['gomemlimit-above-limit', 'k8s-gomemlimit-vpa-frozen'], verdict: 'flat' },
      },
      {
        cluster,
        namespace: 'search',
        kind: 'Deployment',
        name: 'suggest',
        container: 'app',
        replicas: 2,
        limit: 512 * MiB,
        request: 512 * MiB,
        nonGo: 16 * MiB,
        // GOGC=400 under GOMEMLIMIT: the heap sits near the limit by design, the GC is cheap.
        go: go({ live: 100 * MiB, gogc: 400, gomemlimit: 460 * MiB, gcShare: 0.01 }),
        expect: { codes: [], verdict: 'flat' },
      },
      {
        cluster,
        namespace: 'search',
        kind: 'Deployment',
        name: 'ranker',
        container: 'app',
        replicas: 1,
        limit: 512 * MiB,
        request: 512 * MiB,
        nonGo: 16 * MiB,
        resize: { atDay: 4, from: GiB, fromGomemlimit: 920 * MiB },
        go: go({ live: 120 * MiB, gomemlimit: 460 * MiB }),
        expect: { codes: [], verdict: 'flat' },
      },
      {
        cluster,
        namespace: 'search',
        kind: 'StatefulSet',
        name: 'cache',
        container: 'server',
        replicas: 2,
        limit: GiB,
        request: GiB,
        nonGo: 30 * MiB,
        go: go({ live: 200 * MiB, leakPerHour: 3 * MiB, gomemlimit: 900 * MiB }),
        expect: { codes: [], verdict: 'leak' },
      },
      {
        cluster,
        namespace: 'batch',
        kind: 'Deployment',
        name: 'worker',
        container: 'app',
        replicas: 1,
        limit: 512 * MiB,
        request: 512 * MiB,
        nonGo: 16 * MiB,
        go: go({ live: 60 * MiB, leakPerHour: 8 * MiB, gomemlimit: 460 * MiB }),
        expect: { codes: ['oom-killed'], verdict: 'leak', oomKills: 3 },
      },
      {
        cluster,
        namespace: 'batch',
        kind: 'Deployment',
        name: 'reporter',
        container: 'app',
        replicas: 1,
        limit: 512 * MiB,
        request: 512 * MiB,
        nonGo: 16 * MiB,
        go: go({ live: 50 * MiB, gogc: -1, gomemlimit: 'off', offGrowthPerHour: 10 * MiB }),
        expect: {
          codes: ['gomemlimit-unset', 'gogc-off-without-limit', 'oom-killed'],
          verdict: 'leak',
          oomKills: 3,
        },
      },
      {
        cluster,
        namespace: 'batch',
        kind: 'Deployment',
        name: 'mailer',
        container: 'app',
        replicas: 1,
        limit: 512 * MiB,
        request: 256 * MiB,
        nonGo: 16 * MiB,
        errorRestartsAtHour: [30, 90],
        restartsBefore: 1,
        oomBeforeWindow: true,
        go: go({ gomemlimit: 460 * MiB }),
        expect: { codes: [], oomKills: 0 },
      },
      {
        cluster,
        namespace: 'batch',
        kind: 'Deployment',
        name: 'notifier',
        container: 'app',
        replicas: 1,
        limit: 512 * MiB,
        request: 256 * MiB,
        nonGo: 16 * MiB,
        restartsBefore: 3,
        oomBeforeWindow: true,
        go: go({ gomemlimit: 460 * MiB }),
        expect: { codes: [], verdict: 'flat', oomKills: 0 },
      },
      {
        cluster,
        namespace: 'web',
        kind: 'Deployment',
        name: 'frontend',
        container: 'app',
        replicas: 3,
        limit: 512 * MiB,
        request: 256 * MiB,
        nonGo: 16 * MiB,
        hpa: 'memory',
        go: go({ gomemlimit: 460 * MiB }),
        expect: { codes: ['hpa-scales-on-memory'], verdict: 'flat' },
      },
      {
        cluster,
        namespace: 'web',
        kind: 'Deployment',
        name: 'gateway',
        container: 'app',
        replicas: 2,
        limit: 512 * MiB,
        request: 256 * MiB,
        nonGo: 16 * MiB,
        hpa: 'cpu',
        go: go({ gomemlimit: 460 * MiB }),
        expect: { codes: [], verdict: 'flat' },
      },
      {
        cluster,
        namespace: 'web',
        kind: 'Deployment',
        name: 'legacy',
        container: 'app',
        replicas: 1,
        limit: 512 * MiB,
        request: 256 * MiB,
        nonGo: 16 * MiB,
        go: go({ version: 'go1.18.10', modern: false, liveMetric: false }),
        expect: { codes: [], verdict: 'flat' },
      },
      {
        cluster,
        namespace: 'web',
        kind: 'Deployment',
        name: 'auth',
        container: 'app',
        replicas: 1,
        limit: 512 * MiB,
        request: 256 * MiB,
        nonGo: 16 * MiB,
        go: go({ modern: false, liveMetric: false, exporter: true }),
        expect: { codes: ['gomemlimit-unset'], verdict: 'flat' },
      },
      {
        cluster,
        namespace: 'web',
        kind: 'DaemonSet',
        name: 'node-agent',
        container: 'agent',
        replicas: 3,
        limit: 256 * MiB,
        request: 128 * MiB,
        nonGo: 8 * MiB,
        go: go({ live: 40 * MiB, gomemlimit: 230 * MiB, noClientGolang: true, exporter: true }),
        expect: { codes: [], verdict: 'flat' },
      },
      {
        cluster,
        namespace: 'web',
        kind: 'Deployment',
        name: 'proxy',
        container: 'app',
        replicas: 2,
        limit: 512 * MiB,
        request: 256 * MiB,
        nonGo: 16 * MiB,
        sidecar: true,
        go: go({ gomemlimit: 460 * MiB }),
        expect: { codes: [], verdict: 'flat' },
      },
      {
        cluster,
        namespace: 'web',
        kind: 'Pod',
        name: 'debug-shell',
        container: 'app',
        replicas: 1,
        limit: 512 * MiB,
        request: 256 * MiB,
        nonGo: 16 * MiB,
        go: go({ gomemlimit: 460 * MiB, containerLabel: false }),
        expect: { codes: [], verdict: 'flat' },
      },
      {
        cluster,
        namespace: 'shop',
        kind: 'Deployment',
        name: 'nginx',
        container: 'nginx',
        replicas: 2,
        limit: 256 * MiB,
        request: 128 * MiB,
        nonGo: 60 * MiB,
        expect: { codes: [] },
      },
      {
        cluster,
        namespace: 'search',
        kind: 'StatefulSet',
        name: 'elastic',
        container: 'es',
        replicas: 2,
        limit: 2 * GiB,
        request: 2 * GiB,
        nonGo: 1200 * MiB,
        expect: { codes: [] },
      },
    );
  }
  return out;
}
