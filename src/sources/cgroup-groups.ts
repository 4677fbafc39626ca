/**
 * Reads the memory files of one located cgroup, v1 or v2, all in parallel and each once.
 * File names: Documentation/admin-guide/cgroup-v1/memory.rst and cgroup-v2.rst.
 */
import { absent, ok, valueOf, type Observation } from '../model/observation.js';
import type { CgroupMemory, EffectiveLimit, MemoryEvents, Pressure } from '../model/snapshot.js';
import type { Limit } from '../model/units.js';
import { dirsUpTo, type CgroupLocation } from '../formats/cgroup-location.js';
import { parseOomControl, parseV1MemoryStat } from '../formats/cgroup-v1.js';
import { parseMemoryEvents, parseV2MemoryStat } from '../formats/cgroup-v2.js';
import { parseCountFile, parseLimitFile, parsePidList } from '../formats/kernel-text.js';
import { parsePressure } from '../formats/psi.js';
import { readParsed, smallestLimit } from './cgroup-files.js';
import type { HostFs } from './hostfs.js';

export async function readV1Group(
  fs: HostFs,
  loc: CgroupLocation,
): Promise<Observation<CgroupMemory>> {
  const d = loc.dir;
  const [limits, usage, peak, stat, failcnt, oomControl, procs, pressure] = await Promise.all([
    Promise.all(
      dirsUpTo(d, loc.top).map((x) => readParsed(fs, `${x}/memory.limit_in_bytes`, parseLimitFile)),
    ),
    readParsed(fs, `${d}/memory.usage_in_bytes`, parseCountFile),
    readParsed(fs, `${d}/memory.max_usage_in_bytes`, parseCountFile),
    readParsed(fs, `${d}/memory.stat`, parseV1MemoryStat),
    readParsed(fs, `${d}/memory.failcnt`, parseCountFile),
    readParsed(fs, `${d}/memory.oom_control`, parseOomControl),
    readParsed(fs, `${d}/cgroup.procs`, parsePidList),
    readHybridPressure(fs, loc.unifiedDir, d),
  ]);
  if ([limits[0], usage, stat, procs].every((o) => o.status === 'absent')) {
    return absent(d, 'cgroup directory not found (the process moved or exited?)');
  }
  const hierarchical = valueOf(stat)?.hierarchicalMemoryLimit;
  const v1Only = (file: string, instead: string) =>
    absent<never>(`${d}/${file}`, `cgroup v1 has no ${file}; ${instead}`);
  return ok<CgroupMemory>(
    {
      version: 1,
      path: loc.path,
      dir: d,
      limit: limits[0],
      effectiveLimit: v1EffectiveLimit(limits, hierarchical, `${d}/memory.stat`),
      high: v1Only('memory.high', 'it has no throttling limit'),
      usage,
      peak,
      stat,
      events: v1Only('memory.events', 'see memory.failcnt and memory.oom_control'),
      eventsLocal: v1Only('memory.events.local', 'see memory.failcnt and memory.oom_control'),
      failcnt,
      oomControl,
      pressure,
      procs,
      ...(loc.note ? { notes: [loc.note] } : {}),
    },
    d,
  );
}

/**
 * v1: memory.stat's hierarchical_memory_limit is the kernel's own answer (the min over every
 * ancestor that applies: it also sees ancestors above a container's mount point, and leaves
 * out parents with use_hierarchy=0). The limit files on the path only name who sets it.
 * Without memory.stat, the smallest file on the path is the best answer there is.
 */
function v1EffectiveLimit(
  limits: readonly Observation<Limit>[],
  hierarchical: Limit | undefined,
  statFile: string,
): Observation<EffectiveLimit> {
  if (hierarchical === undefined) {
    return smallestLimit(limits, 'no memory.limit_in_bytes on the path');
  }
  const setter = limits.find((l) => l.status === 'ok' && l.value === hierarchical);
  const setBy = setter?.source ?? `${statFile} (hierarchical_memory_limit)`;
  return ok({ limit: hierarchical, setBy }, setBy);
}

/** PSI is a cgroup2 feature: on a hybrid host the process's unified group has memory.pressure. */
function readHybridPressure(
  fs: HostFs,
  unifiedDir: string | undefined,
  dir: string,
): Promise<Observation<Pressure>> {
  if (unifiedDir === undefined) {
    return Promise.resolve(
      absent(
        `${dir}/memory.pressure`,
        'cgroup v1 has no per-group PSI (/proc/pressure/memory is system-wide)',
      ),
    );
  }
  return readParsed(
    fs,
    `${unifiedDir}/memory.pressure`,
    parsePressure,
    'no PSI (kernel without CONFIG_PSI, or psi=0)',
  );
}

export async function readV2Group(
  fs: HostFs,
  loc: CgroupLocation,
): Promise<Observation<CgroupMemory>> {
  const d = loc.dir;
  const dirs = dirsUpTo(d, loc.top);
  const [maxes, highs, usage, peak, stat, events, eventsLocal, pressure, procs] = await Promise.all(
    [
      Promise.all(dirs.map((x) => readParsed(fs, `${x}/memory.max`, parseLimitFile))),
      Promise.all(dirs.map((x) => readParsed(fs, `${x}/memory.high`, parseLimitFile))),
      readParsed(fs, `${d}/memory.current`, parseCountFile, noMemoryController(loc)),
      readParsed(fs, `${d}/memory.peak`, parseCountFile, 'memory.peak needs Linux 5.19 or later'),
      readParsed(fs, `${d}/memory.stat`, parseV2MemoryStat, noMemoryController(loc)),
      readEvents(fs, `${d}/memory.events`, noMemoryController(loc)),
      readEvents(fs, `${d}/memory.events.local`, 'memory.events.local needs Linux 5.2 or later'),
      readParsed(
        fs,
        `${d}/memory.pressure`,
        parsePressure,
        'no PSI (kernel without CONFIG_PSI, or psi=0)',
      ),
      readParsed(fs, `${d}/cgroup.procs`, parsePidList),
    ],
  );
  if ([maxes[0], usage, stat, procs].every((o) => o.status === 'absent')) {
    return absent(d, 'cgroup directory not found (the process moved or exited?)');
  }
  const v2Only = (file: string, instead: string) =>
    absent<never>(`${d}/${file}`, `cgroup v2 has no ${file}; ${instead}`);
  return ok<CgroupMemory>(
    {
      version: 2,
      path: loc.path,
      dir: d,
      limit:
        maxes[0].status === 'absent' ? absent(maxes[0].source, noMemoryController(loc)) : maxes[0],
      effectiveLimit: smallestLimit(
        maxes,
        `no memory.max on the path (${noMemoryController(loc)})`,
      ),
      high: smallestLimit(highs, `no memory.high on the path (${noMemoryController(loc)})`),
      usage,
      peak,
      stat,
      events,
      eventsLocal,
      failcnt: v2Only('memory.failcnt', 'see "max" in memory.events'),
      oomControl: v2Only('memory.oom_control', 'see "oom_kill" in memory.events'),
      pressure,
      procs,
      ...(loc.note ? { notes: [loc.note] } : {}),
    },
    d,
  );
}

function readEvents(fs: HostFs, path: string, note: string): Promise<Observation<MemoryEvents>> {
  return readParsed(fs, path, parseMemoryEvents, note);
}

function noMemoryController(loc: CgroupLocation): string {
  return loc.dir === loc.top
    ? 'the root cgroup has no memory.max/memory.current'
    : 'memory controller not enabled here (see cgroup.subtree_control of the parent)';
}
