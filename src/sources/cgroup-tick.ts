/**
 * The cgroup part of a tick for a reader that follows hundreds of groups (the node exporter):
 * the few files a sample needs, not every file diagnose reads. cgroup v1: memory.usage_in_bytes,
 * memory.stat (its hierarchical_memory_limit is the kernel's own effective limit) and
 * memory.oom_control (the OOM kill counter). cgroup v2: memory.current, memory.stat,
 * memory.events and the group's memory.max every tick; the ancestors' memory.max (the pod's,
 * the QoS class's) are read again only every ANCESTOR_EVERY ticks, as they change only with a
 * resize. Files: Documentation/admin-guide/cgroup-v1/memory.rst and cgroup-v2.rst.
 */
import { absent, ok, valueOf, type Observation } from '../model/observation.js';
import type { CgroupMemory, Target } from '../model/snapshot.js';
import type { Limit } from '../model/units.js';
import { dirsUpTo, type CgroupLocation } from '../formats/cgroup-location.js';
import { parseOomControl, parseV1MemoryStat } from '../formats/cgroup-v1.js';
import { parseMemoryEvents, parseV2MemoryStat } from '../formats/cgroup-v2.js';
import { parseCountFile, parseLimitFile } from '../formats/kernel-text.js';
import { readLocated } from './cgroup.js';
import { readParsed, smallestLimit } from './cgroup-files.js';
import type { HostFs } from './hostfs.js';

/** Ticks between two reads of the ancestors' limits (v2). */
const ANCESTOR_EVERY = 10;

export function cgroupTickReader(fs: HostFs, target: Target) {
  let ancestors: Observation<Limit>[] | undefined;
  let ticks = 0;
  return {
    read: readLocated(fs, target, async (location) => {
      if (location.version === 1) return readV1Tick(fs, location);
      if (ticks++ % ANCESTOR_EVERY === 0 || !ancestors)
        ancestors = await readAncestors(fs, location);
      return readV2Tick(fs, location, ancestors);
    }),
  };
}

const notRead = (dir: string, file: string) =>
  absent<never>(`${dir}/${file}`, 'not read this tick');

function common(loc: CgroupLocation) {
  const d = loc.dir;
  return {
    path: loc.path,
    dir: d,
    high: notRead(d, 'memory.high'),
    peak: notRead(d, 'memory.peak'),
    eventsLocal: notRead(d, 'memory.events.local'),
    pressure: notRead(d, 'memory.pressure'),
    procs: notRead(d, 'cgroup.procs'),
  };
}

async function readV1Tick(fs: HostFs, loc: CgroupLocation): Promise<Observation<CgroupMemory>> {
  const d = loc.dir;
  const [usage, stat, oomControl] = await Promise.all([
    readParsed(fs, `${d}/memory.usage_in_bytes`, parseCountFile),
    readParsed(fs, `${d}/memory.stat`, parseV1MemoryStat),
    readParsed(fs, `${d}/memory.oom_control`, parseOomControl),
  ]);
  if (usage.status === 'absent' && stat.status === 'absent')
    return absent(d, 'cgroup directory not found (the process moved or exited?)');
  const hierarchical = valueOf(stat)?.hierarchicalMemoryLimit;
  const setBy = `${d}/memory.stat (hierarchical_memory_limit)`;
  return ok<CgroupMemory>(
    {
      version: 1,
      ...common(loc),
      limit: notRead(d, 'memory.limit_in_bytes'),
      effectiveLimit:
        hierarchical === undefined
          ? absent(setBy, 'no hierarchical_memory_limit in memory.stat')
          : ok({ limit: hierarchical, setBy }, setBy),
      usage,
      stat,
      events: notRead(d, 'memory.events'),
      failcnt: notRead(d, 'memory.failcnt'),
      oomControl,
    },
    d,
  );
}

/** memory.max of the parents, up to the mount point (the group's own is read every tick). */
function readAncestors(fs: HostFs, loc: CgroupLocation): Promise<Observation<Limit>[]> {
  const parents = dirsUpTo(loc.dir, loc.top).slice(1);
  return Promise.all(parents.map((x) => readParsed(fs, `${x}/memory.max`, parseLimitFile)));
}

async function readV2Tick(
  fs: HostFs,
  loc: CgroupLocation,
  ancestors: Observation<Limit>[],
): Promise<Observation<CgroupMemory>> {
  const d = loc.dir;
  const [max, usage, stat, events] = await Promise.all([
    readParsed(fs, `${d}/memory.max`, parseLimitFile),
    readParsed(fs, `${d}/memory.current`, parseCountFile),
    readParsed(fs, `${d}/memory.stat`, parseV2MemoryStat),
    readParsed(fs, `${d}/memory.events`, parseMemoryEvents),
  ]);
  if (usage.status === 'absent' && stat.status === 'absent')
    return absent(d, 'cgroup directory not found (the process moved or exited?)');
  return ok<CgroupMemory>(
    {
      version: 2,
      ...common(loc),
      limit: max,
      effectiveLimit: smallestLimit([max, ...ancestors], 'no memory.max on the path'),
      usage,
      stat,
      events,
      failcnt: notRead(d, 'memory.failcnt'),
      oomControl: notRead(d, 'memory.oom_control'),
    },
    d,
  );
}
