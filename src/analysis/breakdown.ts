/**
 * The reconciled breakdown: from the cgroup's effective limit down to the live heap, each line
 * citing its source, plus what the Go runtime does not explain. Any layer may be missing; its
 * line then says why instead of showing a number.
 *
 *   limit -> usage -> working set (usage - inactive_file; holds shmem) -> process RSS -> anon -> Go runtime
 *   (Sys - HeapReleased, what GOMEMLIMIT counts) -> heap in use -> live heap
 */
import { valueOf, type Observation } from '../model/observation.js';
import type { CgroupMemory, MemoryStat, Snapshot } from '../model/snapshot.js';
import { UNLIMITED } from '../model/units.js';
import { flagExcess, line, missingLine, reason, type BreakdownLine } from './breakdown-line.js';
import { rssLine } from './breakdown-process.js';
import { goMemoryOf } from './go-memory.js';
import { workingSet } from './working-set.js';

export type { BreakdownLine } from './breakdown-line.js';

export interface Breakdown {
  readonly root: BreakdownLine;
}

/** Why a line may legitimately be larger than its parent (kernel and Go accounting). */
const EXCESS_REASONS: Record<string, string> = {
  rss:
    "RSS counts pages the working set leaves out (MADV_FREE'd LazyFree pages and file pages on the " +
    'inactive list) and pages charged to another cgroup (cgroup v1 does not move charges when a ' +
    'process changes group, see memory.move_charge_at_immigrate)',
  go: 'Go counts memory it has mapped as ready even where the pages were never touched, so not resident',
  'rss.anon.not-go':
    "Go's mapped memory plus LazyFree exceed RssAnon: some pages Go counts were never touched",
};

export function buildBreakdown(snapshot: Snapshot): Breakdown {
  const cg = snapshot.cgroup;
  const go = goMemoryOf(snapshot);
  const rss = rssLine(snapshot.process, go);
  const usage =
    cg?.status === 'ok'
      ? usageLine(cg.value, rss, snapshot.process?.pid)
      : missingLine('usage', 'cgroup usage', cgroupReason(cg), [rss]);
  const root =
    cg?.status === 'ok'
      ? limitLine(cg.value, usage)
      : missingLine('limit', 'cgroup effective limit', cgroupReason(cg), [usage]);
  return { root: flagExcess(root, EXCESS_REASONS) };
}

function cgroupReason(cg: Observation<CgroupMemory> | undefined): string {
  if (!cg) return 'no cgroup observed (no --pid or --cgroup)';
  return cg.status === 'unreadable'
    ? `${cg.source} unreadable: ${cg.reason}`
    : `${cg.source} not found`;
}

function limitLine(cg: CgroupMemory, usage: BreakdownLine): BreakdownLine {
  const eff = cg.effectiveLimit;
  if (eff.status !== 'ok')
    return missingLine('limit', 'cgroup effective limit', reason(eff), [usage]);
  const { limit, setBy } = eff.value;
  if (limit === UNLIMITED) {
    return line('limit', 'cgroup effective limit', null, setBy, {
      note: 'no memory limit on the path to the root',
      relation: 'reference',
      children: [usage],
    });
  }
  return line('limit', 'cgroup effective limit', limit, setBy, {
    relation: 'reference',
    children: [usage],
  });
}

/** v1 memory.stat names the hierarchical totals total_*; v2 uses the plain names. */
function statKey(cg: CgroupMemory, v2Name: string): string {
  return `${valueOf(cg.stat) && cg.version === 1 ? 'total_' : ''}${v2Name}`;
}

function usageLine(cg: CgroupMemory, rss: BreakdownLine, pid?: number): BreakdownLine {
  if (cg.usage.status !== 'ok')
    return missingLine('usage', 'cgroup usage', reason(cg.usage), [rss]);
  const usage = cg.usage.value;
  const stat = valueOf(cg.stat);
  const statSrc = cg.stat.source;
  const ws = stat
    ? workingSetLine(cg, usage, stat, rss)
    : missingLine('working-set', 'working set', reason(cg.stat), [rss]);
  const inactive =
    stat?.inactiveFile !== undefined
      ? line(
          'inactive-file',
          'inactive page cache (left out of the working set)',
          stat.inactiveFile,
          `${statSrc} ${statKey(cg, 'inactive_file')}`,
          {
            note: "reclaimable first; since Linux 4.12 it also holds MADV_FREE'd pages",
          },
        )
      : undefined;
  return line('usage', 'cgroup usage', usage, cg.usage.source, {
    children: [ws, inactive, outsideLine(cg, usage, rss, pid)],
  });
}

function workingSetLine(
  cg: CgroupMemory,
  usage: number,
  stat: MemoryStat,
  rss: BreakdownLine,
): BreakdownLine {
  const active =
    stat.activeFile !== undefined
      ? line(
          'page-cache-active',
          'active page cache (counted in the working set)',
          stat.activeFile,
          `${cg.stat.source} ${statKey(cg, 'active_file')}`,
          {
            relation: 'reference',
            note: "may overlap the process's file-backed RSS",
          },
        )
      : undefined;
  return line(
    'working-set',
    'working set (usage - inactive_file, as cAdvisor and kubelet compute it)',
    workingSet(usage, stat),
    `${cg.usage.source} - ${cg.stat.source} ${statKey(cg, 'inactive_file')}`,
    {
      children: [rss, active, shmemLine(cg, stat)],
    },
  );
}

/**
 * tmpfs and shared memory: counted in memory.stat file (v1 cache) but swap-backed, on the anon
 * LRU lists, so all of it is in the working set and none is reclaimable without swap
 * (Documentation/admin-guide/cgroup-v2.rst, memory.stat shmem; cgroup-v1/memory.rst).
 */
function shmemLine(cg: CgroupMemory, stat: MemoryStat): BreakdownLine | undefined {
  if (stat.shmem === undefined) return undefined;
  return line(
    'shmem',
    'shmem: tmpfs and shared memory (not reclaimable without swap)',
    stat.shmem,
    `${cg.stat.source} ${statKey(cg, 'shmem')}`,
    {
      relation: 'reference',
      note: 'counted as page cache (file) but never in inactive_file; an emptyDir with medium: Memory is tmpfs; may overlap RssShmem',
    },
  );
}

/** usage - this process's RSS: page cache, kernel memory and the other processes in the group. */
function outsideLine(
  cg: CgroupMemory,
  usage: number,
  rss: BreakdownLine,
  pid: number | undefined,
): BreakdownLine | undefined {
  if (rss.bytes === null) return undefined;
  const procs = valueOf(cg.procs);
  const others = procs
    ? `${procs.filter((p) => p !== pid).length} other process(es) in ${cg.procs.source}`
    : `other processes (${reason(cg.procs)})`;
  const diff = usage - rss.bytes;
  const note =
    `page cache, kernel memory and ${others}; child groups are not listed there` +
    (diff < 0 ? '; negative: part of this RSS is charged to another cgroup' : '');
  return line(
    'outside-process',
    'cgroup usage outside this process',
    Math.max(0, diff),
    `${cg.usage.source} - process RSS`,
    { relation: 'reference', note },
  );
}
