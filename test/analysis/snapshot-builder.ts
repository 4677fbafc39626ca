/**
 * Builds consistent Snapshots for the diagnose tests. The defaults describe a healthy Go 1.26
 * service under a 512 MiB cgroup v1 limit; each test overrides what it is about. MemStats adds
 * up exactly like the runtime's (Sys = HeapSys + StackSys + MSpanSys + MCacheSys + BuckHashSys
 * + GCSys + OtherSys).
 */
import { absent, ok, unreadable, type Observation } from '../../src/model/observation.js';
import type {
  CgroupMemory,
  MemoryEvents,
  MemoryStat,
  MemStats,
  OomControl,
  PromGoMetrics,
  Snapshot,
} from '../../src/model/snapshot.js';
import { KiB, MiB, UNLIMITED, type Limit } from '../../src/model/units.js';

export const PID = 4242;
export const CG_DIR = '/sys/fs/cgroup/memory/svc';
export const LIMIT_FILE = `${CG_DIR}/memory.limit_in_bytes`;
export const VARS = 'http://127.0.0.1:6060/debug/vars';

export interface Spec {
  readonly version?: 1 | 2;
  readonly limit?: Limit;
  readonly limitSetBy?: string;
  /** This group's own limit when the effective one comes from a parent. */
  readonly ownLimit?: Limit;
  readonly usage?: number;
  readonly stat?: Partial<MemoryStat>;
  readonly high?: Limit;
  readonly events?: Partial<MemoryEvents>;
  readonly oomControl?: OomControl;
  readonly procs?: number[];
  readonly status?: { vmRss?: number; rssAnon?: number; rssFile?: number; rssShmem?: number };
  readonly lazyFree?: number;
  readonly env?: Record<string, string>;
  readonly memstats?: Partial<MemStats>;
  readonly prom?: Partial<PromGoMetrics>;
  /** null: not a Go binary. */
  readonly goVersion?: string | null;
  readonly defaultGodebug?: string;
  /** The GOEXPERIMENT build setting. */
  readonly goexperiment?: string;
  readonly goDeps?: readonly { path: string; version: string }[];
  readonly without?: readonly (
    | 'cgroup'
    | 'process'
    | 'runtime'
    | 'binary'
    | 'stat'
    | 'smaps'
    | 'status'
    | 'environ'
    | 'memstats'
    | 'usage'
  )[];
}

export function memstats(over: Partial<MemStats> = {}): MemStats {
  const base = {
    HeapAlloc: 90 * MiB,
    HeapInuse: 100 * MiB,
    HeapIdle: 50 * MiB,
    HeapReleased: 30 * MiB,
    StackInuse: 4 * MiB,
    StackSys: 4 * MiB,
    MSpanInuse: 1 * MiB,
    MSpanSys: 2 * MiB,
    MCacheInuse: 10 * KiB,
    MCacheSys: 16 * KiB,
    BuckHashSys: 1536 * KiB,
    GCSys: 8 * MiB,
    OtherSys: 2 * MiB,
    NextGC: 180 * MiB,
    ...over,
  };
  const HeapSys = base.HeapInuse + base.HeapIdle;
  const Sys =
    HeapSys +
    base.StackSys +
    base.MSpanSys +
    base.MCacheSys +
    base.BuckHashSys +
    base.GCSys +
    base.OtherSys;
  return {
    Alloc: base.HeapAlloc,
    TotalAlloc: 10 * base.HeapAlloc,
    Sys,
    Mallocs: 1_000_000,
    Frees: 900_000,
    HeapSys,
    HeapObjects: 100_000,
    LastGC: 1.7e18,
    PauseTotalNs: 0,
    NumGC: 0,
    NumForcedGC: 0,
    GCCPUFraction: 0.01,
    EnableGC: true,
    DebugGC: false,
    ...base,
    ...(over.Sys !== undefined ? { Sys: over.Sys } : {}),
  };
}

export function snapshot(spec: Spec = {}): Snapshot {
  const without = new Set(spec.without ?? []);
  const ms = memstats(spec.memstats);
  const goMapped = ms.Sys - ms.HeapReleased;
  const rssAnon = spec.status?.rssAnon ?? goMapped + 6 * MiB + (spec.lazyFree ?? 0);
  const rssFile = spec.status?.rssFile ?? 10 * MiB;
  const rssShmem = spec.status?.rssShmem ?? 0;
  const vmRss = spec.status?.vmRss ?? rssAnon + rssFile + rssShmem;
  const cg = cgroup(spec, vmRss);
  return {
    takenAt: '2026-01-01T00:00:00.000Z',
    target: { pid: PID, url: 'http://127.0.0.1:6060' },
    ...(without.has('cgroup') ? {} : { cgroup: ok(cg, CG_DIR) }),
    ...(without.has('process')
      ? {}
      : {
          process: {
            pid: PID,
            status: without.has('status')
              ? unreadable(`/proc/${PID}/status`, 'permission denied')
              : ok({ name: 'svc', vmRss, rssAnon, rssFile, rssShmem }, `/proc/${PID}/status`),
            smapsRollup: without.has('smaps')
              ? absent(`/proc/${PID}/smaps_rollup`, 'Linux < 4.14?')
              : ok(
                  { rss: vmRss, anonymous: rssAnon, lazyFree: spec.lazyFree ?? 0, raw: {} },
                  `/proc/${PID}/smaps_rollup`,
                ),
            environ: without.has('environ')
              ? unreadable(`/proc/${PID}/environ`, 'permission denied')
              : ok(spec.env ?? {}, `/proc/${PID}/environ`),
            cmdline: ok(['/app/svc'], `/proc/${PID}/cmdline`),
            exe: ok('/app/svc', `/proc/${PID}/exe`),
          },
        }),
    ...(without.has('binary') ? {} : { binary: binary(spec) }),
    ...(without.has('runtime')
      ? {}
      : {
          runtime: {
            baseUrl: 'http://127.0.0.1:6060',
            endpoints: [{ path: '/debug/vars', outcome: 'ok', ms: 3 }],
            memstats: without.has('memstats') ? absent(VARS) : ok(ms, VARS),
            prometheus: spec.prom
              ? ok({ memstats: {}, ...spec.prom }, 'http://127.0.0.1:6060/metrics')
              : absent('http://127.0.0.1:6060/metrics'),
          },
        }),
    notes: [],
  };
}

function binary(spec: Spec): Observation<import('../../src/model/snapshot.js').BinaryInfo> {
  if (spec.goVersion === null)
    return ok({ isGo: false, reason: 'no .go.buildinfo section' }, `/proc/${PID}/exe`);
  const settings: [string, string][] = [];
  if (spec.goexperiment !== undefined) settings.push(['GOEXPERIMENT', spec.goexperiment]);
  if (spec.defaultGodebug) settings.push(['DefaultGODEBUG', spec.defaultGodebug]);
  return ok(
    {
      isGo: true,
      buildInfo: {
        goVersion: spec.goVersion ?? 'go1.26.8',
        path: 'example.com/svc',
        deps: spec.goDeps ?? [],
        settings,
      },
    },
    `/proc/${PID}/exe`,
  );
}

function cgroup(spec: Spec, vmRss: number): CgroupMemory {
  const version = spec.version ?? 1;
  const limit = spec.limit ?? 512 * MiB;
  const stat: MemoryStat = { inactiveFile: 15 * MiB, activeFile: 8 * MiB, raw: {}, ...spec.stat };
  const usage = spec.usage ?? vmRss + 20 * MiB;
  const src = (f: string) => `${CG_DIR}/${f}`;
  const events: MemoryEvents = { low: 0, high: 0, max: 0, oom: 0, oomKill: 0, ...spec.events };
  const without = new Set(spec.without ?? []);
  return {
    version,
    path: '/svc',
    dir: CG_DIR,
    limit: ok(spec.ownLimit ?? limit, LIMIT_FILE),
    effectiveLimit: ok({ limit, setBy: spec.limitSetBy ?? LIMIT_FILE }, LIMIT_FILE),
    high:
      version === 2
        ? ok({ limit: spec.high ?? UNLIMITED, setBy: src('memory.high') }, src('memory.high'))
        : absent(src('memory.high'), 'cgroup v1'),
    usage: without.has('usage')
      ? unreadable(src('memory.usage_in_bytes'), 'permission denied')
      : ok(usage, src(version === 2 ? 'memory.current' : 'memory.usage_in_bytes')),
    peak: ok(usage, src('memory.max_usage_in_bytes')),
    stat: without.has('stat') ? absent(src('memory.stat')) : ok(stat, src('memory.stat')),
    events:
      version === 2 ? ok(events, src('memory.events')) : absent(src('memory.events'), 'cgroup v1?'),
    eventsLocal:
      version === 2
        ? ok(events, src('memory.events.local'))
        : absent(src('memory.events.local'), 'cgroup v1?'),
    failcnt:
      version === 1 ? ok(0, src('memory.failcnt')) : absent(src('memory.failcnt'), 'cgroup v2'),
    oomControl:
      version === 1
        ? ok(
            spec.oomControl ?? { oomKillDisable: false, underOom: false, oomKill: 0 },
            src('memory.oom_control'),
          )
        : absent(src('memory.oom_control'), 'cgroup v2'),
    pressure: absent(src('memory.pressure')),
    procs: ok(spec.procs ?? [PID], src('cgroup.procs')),
  };
}
