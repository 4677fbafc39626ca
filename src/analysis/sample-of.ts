/**
 * One snapshot (a watch tick's cheap read, or a full one) -> one Sample: the cgroup, /proc and
 * Go runtime values flattened to numbers under the snapshot's timestamp. The GC pauses are
 * those of GCs that ended since the previous tick (prevNumGC), so no GC is counted twice.
 */
import { valueOf } from '../model/observation.js';
import type {
  CgroupMemory,
  MemStats,
  PromGoMetrics,
  ProcStatus,
  Snapshot,
} from '../model/snapshot.js';
import { UNLIMITED } from '../model/units.js';
import {
  estimateLiveHeap,
  GOMEMLIMIT_OFF,
  newPauses,
  type CgroupSample,
  type GoSample,
  type Sample,
} from '../model/series.js';
import { workingSet } from './working-set.js';

export function sampleOf(s: Snapshot, prevNumGC: number | undefined): Sample {
  const cgroup = valueOf(s.cgroup);
  const status = valueOf(s.process?.status);
  const cpu = valueOf(s.process?.cpu);
  const go = toGoSample(memstatsOf(s), valueOf(s.runtime?.prometheus), prevNumGC);
  return {
    t: Date.parse(s.takenAt),
    ...(cgroup ? { cgroup: toCgroupSample(cgroup) } : {}),
    ...(status
      ? { proc: { ...toProcSample(status), cpuSeconds: cpu && cpu.userSec + cpu.systemSec } }
      : {}),
    ...(go ? { go } : {}),
    ...(s.notes.length ? { notes: s.notes } : {}),
  };
}

/** The runtime's MemStats in a snapshot, when an endpoint gave them. */
export function memstatsOf(s: Snapshot): MemStats | undefined {
  return valueOf(s.runtime?.memstats);
}

function toCgroupSample(cg: CgroupMemory): CgroupSample {
  const usage = valueOf(cg.usage);
  const stat = valueOf(cg.stat);
  const limit = valueOf(cg.effectiveLimit)?.limit;
  const high = valueOf(cg.high)?.limit;
  const oom = valueOf(cg.oomControl);
  return {
    usage,
    workingSet: usage !== undefined && stat ? workingSet(usage, stat) : undefined,
    limit: limit === undefined || limit === UNLIMITED ? undefined : limit,
    high: high === undefined || high === UNLIMITED ? undefined : high,
    anon: stat?.anon,
    file: stat?.file,
    shmem: stat?.shmem,
    inactiveFile: stat?.inactiveFile,
    events: valueOf(cg.events),
    failcnt: valueOf(cg.failcnt),
    oomKill: oom?.oomKill,
    underOom: oom?.underOom,
  };
}

function toProcSample(s: ProcStatus) {
  return { rss: s.vmRss, rssAnon: s.rssAnon, rssFile: s.rssFile, threads: s.threads };
}

function toGoSample(
  ms: MemStats | undefined,
  prom: PromGoMetrics | undefined,
  prevNumGC: number | undefined,
): GoSample | undefined {
  if (!ms && !prom) return undefined;
  const p = prom?.memstats ?? {};
  const gogc = prom?.gogcPercent;
  const limit = prom?.gomemlimitBytes;
  const heapAlloc = ms?.HeapAlloc ?? p.heap_alloc_bytes;
  const nextGC = ms?.NextGC ?? p.next_gc_bytes;
  const live =
    prom?.heapLiveBytes ??
    (nextGC !== undefined && heapAlloc !== undefined
      ? estimateLiveHeap(nextGC, heapAlloc, gogc)
      : undefined);
  return {
    heapAlloc,
    heapInuse: ms?.HeapInuse ?? p.heap_inuse_bytes,
    heapIdle: ms?.HeapIdle ?? p.heap_idle_bytes,
    heapReleased: ms?.HeapReleased ?? p.heap_released_bytes,
    heapSys: ms?.HeapSys ?? p.heap_sys_bytes,
    sys: ms?.Sys ?? p.sys_bytes,
    stackInuse: ms?.StackInuse ?? p.stack_inuse_bytes,
    nextGC,
    numGC: ms?.NumGC,
    pauseTotalNs: ms?.PauseTotalNs,
    gcCpuFraction: ms?.GCCPUFraction,
    goroutines: prom?.goroutines,
    gomemlimit: limit !== undefined && limit < GOMEMLIMIT_OFF ? limit : undefined,
    gogc,
    live,
    liveSource:
      prom?.heapLiveBytes !== undefined ? 'metric' : live !== undefined ? 'estimate' : undefined,
    pauses:
      ms?.PauseNs && ms.PauseEnd
        ? newPauses(prevNumGC, ms.NumGC, ms.PauseNs, ms.PauseEnd)
        : undefined,
    ...modelInputs(ms, prom),
  };
}

/** What the GC model's calibration reads (docs/advise.md), when the service gives it. */
function modelInputs(ms: MemStats | undefined, prom: PromGoMetrics | undefined): Partial<GoSample> {
  return {
    totalAlloc: ms?.TotalAlloc ?? prom?.memstats.alloc_bytes_total,
    gcCpuSeconds: prom?.gcCpuSeconds,
    cpuSeconds: prom?.cpuSeconds,
    userCpuSeconds: prom?.userCpuSeconds,
    gomaxprocs: prom?.gomaxprocs,
    stackScan: prom?.stackScanBytes,
    globalsScan: prom?.globalsScanBytes,
    limiterLastEnabled: prom?.limiterLastEnabled,
  };
}
