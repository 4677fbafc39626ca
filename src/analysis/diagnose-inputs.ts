/**
 * What the diagnose rules read, each input either present or missing with a one-line reason
 * (the engine then reports the rule as skipped). Built once from a Snapshot.
 */
import type { Inputs } from './engine.js';
import { valueOf } from '../model/observation.js';
import type { BinaryInfo, MemStats, Snapshot } from '../model/snapshot.js';
import type { Limit } from '../model/units.js';
import { goMemoryOf, type GoMemory } from './go-memory.js';
import { parseGoVersion, type GoVersion } from './go-versions.js';
import { readSettings, type GoSettings } from './settings.js';
import {
  have,
  highOf,
  lack,
  limitOf,
  oomOf,
  why,
  workingSetOf,
  type In,
} from './diagnose-inputs-cgroup.js';

export interface Measured {
  readonly bytes: number;
  readonly source: string;
}

/** Memory the cgroup counts that GOMEMLIMIT does not: working set (or RSS) - (Sys - HeapReleased). */
export interface NonGoMemory extends Measured {
  readonly basis: 'working-set' | 'rss';
}

export interface OomCount {
  readonly kills: number;
  readonly source: string;
  readonly underOom?: boolean;
}

export interface DiagnoseInputs {
  readonly settings: GoSettings;
  /** The effective limit, possibly unlimited. */
  readonly limitObserved: { readonly limit: Limit; readonly source: string };
  /** The effective limit when there is one (missing when unlimited). */
  readonly limit: Measured;
  readonly goVersion: GoVersion & { readonly source: string };
  readonly environ: { readonly vars: Readonly<Record<string, string>>; readonly source: string };
  readonly goMemory: GoMemory;
  readonly memstats: { readonly value: MemStats; readonly source: string };
  readonly nonGo: NonGoMemory;
  readonly workingSet: Measured;
  readonly rss: Measured;
  readonly lazyFree: Measured;
  readonly oom: OomCount;
  readonly high: {
    readonly high: number;
    readonly highSource: string;
    readonly events: number;
    readonly eventsSource: string;
    readonly usage: Measured;
  };
  readonly binary: { readonly info: BinaryInfo; readonly source: string };
  /** The PauseNs ring and NumGC (expvar only; the heap profile trailer has no PauseNs). */
  readonly pauses: {
    readonly pauseNs: readonly number[];
    readonly numGC: number;
    readonly source: string;
  };
  /** Inputs some rules use when present and do without otherwise (always given). */
  readonly optional: {
    /** The effective limit when there is one. */
    readonly limit?: Measured;
    readonly nonGo?: NonGoMemory;
    readonly goVersion?: GoVersion & { readonly source: string };
    readonly oom?: OomCount;
    readonly lazyFree?: Measured;
    readonly rss?: Measured;
    readonly liveHeap?: Measured;
    /** A module the binary links that calls debug.SetMemoryLimit itself (automemlimit, the agent). */
    readonly limitSetter?: {
      readonly path: string;
      readonly version: string;
      readonly source: string;
    };
  };
}

export function diagnoseInputs(
  snapshot: Snapshot,
  settings: GoSettings = readSettings(snapshot),
): Inputs<DiagnoseInputs> {
  const cg = valueOf(snapshot.cgroup);
  const eff = cg ? cg.effectiveLimit : undefined;
  const limitObserved =
    eff?.status === 'ok'
      ? have({ limit: eff.value.limit, source: eff.value.setBy })
      : lack<DiagnoseInputs['limitObserved']>(
          cg ? why(eff, 'memory limit') : why(snapshot.cgroup, 'cgroup'),
        );
  const goMem = goMemoryOf(snapshot);
  const ws = workingSetOf(snapshot);
  const rss = rssOf(snapshot);
  const nonGo = nonGoOf(goMem, ws, rss);
  const goVersion = goVersionOf(settings);
  const oom = oomOf(snapshot);
  const lazyFree = lazyFreeOf(snapshot);
  const limit = limitOf(limitObserved);
  return {
    settings: have(settings),
    limitObserved,
    limit,
    goVersion,
    environ:
      snapshot.process?.environ.status === 'ok'
        ? have({ vars: snapshot.process.environ.value, source: snapshot.process.environ.source })
        : lack(
            snapshot.process
              ? why(snapshot.process.environ, 'environment')
              : 'no process observed (no --pid)',
          ),
    goMemory: goMem,
    memstats: memstatsOf(snapshot),
    nonGo,
    workingSet: ws,
    rss,
    lazyFree,
    oom,
    high: highOf(snapshot),
    binary:
      snapshot.binary?.status === 'ok'
        ? have({ info: snapshot.binary.value, source: snapshot.binary.source })
        : lack(why(snapshot.binary, 'binary')),
    pauses: pausesOf(snapshot),
    optional: have({
      limit: valueIn(limit),
      nonGo: valueIn(nonGo),
      goVersion: valueIn(goVersion),
      oom: valueIn(oom),
      lazyFree: valueIn(lazyFree),
      rss: valueIn(rss),
      limitSetter: limitSetterOf(snapshot),
      liveHeap: 'value' in goMem ? goMem.value.liveHeap : undefined,
    }),
  };
}

/** Modules that set GOMEMLIMIT from the cgroup limit at start-up via debug.SetMemoryLimit. */
const LIMIT_SETTERS = ['github.com/KimMachineGun/automemlimit', 'gomemlens.dev/agent'];

function limitSetterOf(snapshot: Snapshot): DiagnoseInputs['optional']['limitSetter'] {
  const bin = snapshot.binary;
  if (bin?.status !== 'ok' || !bin.value.isGo) return undefined;
  const dep = bin.value.buildInfo.deps.find((d) => LIMIT_SETTERS.includes(d.path));
  return dep
    ? {
        path: dep.path,
        version: dep.version,
        source: `${bin.source} (build info: dep ${dep.path})`,
      }
    : undefined;
}

function valueIn<T>(input: In<T>): T | undefined {
  return 'value' in input ? input.value : undefined;
}

function pausesOf(snapshot: Snapshot): In<DiagnoseInputs['pauses']> {
  const ms = snapshot.runtime?.memstats;
  if (ms?.status !== 'ok')
    return lack(ms ? why(ms, 'memstats') : 'no Go runtime endpoint (no --url)');
  if (!ms.value.PauseNs)
    return lack(`${ms.source} has no PauseNs (only /debug/vars has the pause ring)`);
  return have({
    pauseNs: ms.value.PauseNs,
    numGC: ms.value.NumGC,
    source: `${ms.source} memstats.PauseNs`,
  });
}

function goVersionOf(settings: GoSettings): In<DiagnoseInputs['goVersion']> {
  const v = settings.goVersion;
  const parsed = v ? parseGoVersion(v.value) : undefined;
  if (!v || !parsed)
    return lack(
      v
        ? `Go version "${v.value}" not understood`
        : 'Go version unknown (no Go build info, no go_info)',
    );
  return have({ ...parsed, source: v.source });
}

function memstatsOf(snapshot: Snapshot): In<DiagnoseInputs['memstats']> {
  const ms = snapshot.runtime?.memstats;
  return ms?.status === 'ok'
    ? have({ value: ms.value, source: ms.source })
    : lack(ms ? why(ms, 'memstats') : 'no Go runtime endpoint (no --url)');
}

function rssOf(snapshot: Snapshot): In<Measured> {
  const p = snapshot.process;
  if (!p) return lack('no process observed (no --pid)');
  const rss = valueOf(p.status)?.vmRss;
  return rss !== undefined
    ? have({ bytes: rss, source: `${p.status.source} VmRSS` })
    : lack(why(p.status, 'status'));
}

function lazyFreeOf(snapshot: Snapshot): In<Measured> {
  const p = snapshot.process;
  if (!p) return lack('no process observed (no --pid)');
  const lazy = valueOf(p.smapsRollup)?.lazyFree;
  return lazy !== undefined
    ? have({ bytes: lazy, source: `${p.smapsRollup.source} LazyFree` })
    : lack(why(p.smapsRollup, 'smaps_rollup'));
}

function nonGoOf(go: In<GoMemory>, ws: In<Measured>, rss: In<Measured>): In<NonGoMemory> {
  if ('missing' in go) return go;
  const base =
    'value' in ws
      ? { ...ws.value, basis: 'working-set' as const }
      : 'value' in rss
        ? { ...rss.value, basis: 'rss' as const }
        : undefined;
  if (!base) return lack('missing' in ws ? ws.missing : 'no working set or RSS');
  const bytes = Math.max(0, base.bytes - go.value.mapped);
  return have({
    bytes,
    basis: base.basis,
    source: `${base.source} - (${go.value.sourceOf('Sys')} - ${go.value.sourceOf('HeapReleased')})`,
  });
}
