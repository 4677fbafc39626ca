/**
 * The memory cgroup of a process (or a cgroup directory given directly): its limits, usage,
 * statistics and events, each an Observation that names the file it came from. The group is
 * found from /proc/PID/cgroup and the mount table, never from hard-coded paths; v1, v2 and
 * hybrid hosts (v1 memory controller beside a cgroup2 mount) are handled.
 */
import { absent, ok, type Observation } from '../model/observation.js';
import type { CgroupMemory, Target } from '../model/snapshot.js';
import { locateMemoryCgroup, type CgroupLocation } from '../formats/cgroup-location.js';

export type { CgroupLocation } from '../formats/cgroup-location.js';
import { parseMountinfo, type MountEntry } from '../formats/mountinfo.js';
import { parseProcCgroup } from '../formats/proc-cgroup.js';
import { readParsed } from './cgroup-files.js';
import { readV1Group, readV2Group } from './cgroup-groups.js';
import type { HostFs } from './hostfs.js';

export async function readCgroupForPid(
  fs: HostFs,
  pid: number,
): Promise<Observation<CgroupMemory>> {
  const loc = await locateCgroupForPid(fs, pid);
  return loc.status === 'ok' ? readCgroupAt(fs, loc.value) : loc;
}

/** `--cgroup PATH`: a cgroup directory on this host; v1 or v2 is told by the files in it. */
export async function readCgroupDir(fs: HostFs, dir: string): Promise<Observation<CgroupMemory>> {
  const loc = await locateCgroupDir(fs, dir);
  return loc.status === 'ok' ? readCgroupAt(fs, loc.value) : loc;
}

/** Where a process's memory cgroup is; a poller locates once and reads with readCgroupAt. */
export async function locateCgroupForPid(
  fs: HostFs,
  pid: number,
): Promise<Observation<CgroupLocation>> {
  const cgroupFile = `/proc/${pid}/cgroup`;
  const [entries, mounts] = await Promise.all([
    readParsed(fs, cgroupFile, parseProcCgroup, `process ${pid} not found (exited?)`),
    readMounts(fs, pid),
  ]);
  if (entries.status !== 'ok') return entries;
  if (mounts.status !== 'ok') return mounts;
  const located = locateMemoryCgroup(entries.value, mounts.value);
  if (!located.ok) return absent(cgroupFile, located.reason);
  return ok(located.location, cgroupFile);
}

/** Where a cgroup directory sits in its hierarchy (version, cgroup path, mount point). */
export async function locateCgroupDir(
  fs: HostFs,
  dir: string,
): Promise<Observation<CgroupLocation>> {
  const clean = dir.length > 1 ? dir.replace(/\/+$/, '') : dir;
  const [v1, v2, mounts] = await Promise.all([
    fs.exists(`${clean}/memory.limit_in_bytes`),
    fs.exists(`${clean}/cgroup.controllers`),
    readMounts(fs, 'self'),
  ]);
  if (!v1 && !v2) {
    const there = await fs.exists(clean);
    const why = there
      ? 'neither memory.limit_in_bytes (v1) nor cgroup.controllers (v2) in it'
      : 'no such directory';
    return absent(clean, `not a memory cgroup: ${why}`);
  }
  const version = v1 ? 1 : 2;
  const mount = mounts.status === 'ok' ? mountOf(clean, mounts.value, version) : undefined;
  const top = mount?.mountPoint ?? (await topByMarker(fs, clean, version));
  const path = mount ? cgroupPathOf(clean, mount) : clean;
  return ok({ version, path, dir: clean, top }, clean);
}

/** The group a target names (a directory) or a process is in; undefined when it names neither. */
async function locateTarget(
  fs: HostFs,
  target: Target,
): Promise<Observation<CgroupLocation> | undefined> {
  if (target.cgroupDir !== undefined) return locateCgroupDir(fs, target.cgroupDir);
  return target.pid === undefined ? undefined : locateCgroupForPid(fs, target.pid);
}

/**
 * A target's group, located once (mount table, /proc/PID/cgroup) and then read at that place
 * each time: a poller reads only the group's files. Undefined when the target names neither
 * a process nor a group; a failed lookup is tried again on the next read.
 */
export function cgroupReader(fs: HostFs, target: Target) {
  return { read: readLocated(fs, target, (location) => readCgroupAt(fs, location)) };
}

/** `readAt` at the target's group, located at the first call (and again after a failed lookup). */
export function readLocated(
  fs: HostFs,
  target: Target,
  readAt: (location: CgroupLocation) => Promise<Observation<CgroupMemory>>,
): () => Promise<Observation<CgroupMemory> | undefined> {
  let location: CgroupLocation | undefined;
  return async () => {
    if (!location) {
      const found = await locateTarget(fs, target);
      if (found === undefined || found.status !== 'ok') return found;
      location = found.value;
    }
    return readAt(location);
  };
}

/** Reads the group's files at a location found by locateCgroupForPid or locateCgroupDir. */
export function readCgroupAt(fs: HostFs, loc: CgroupLocation): Promise<Observation<CgroupMemory>> {
  return loc.version === 1 ? readV1Group(fs, loc) : readV2Group(fs, loc);
}

/**
 * The mount table of the reader (/proc/self/mountinfo), because the directories are opened
 * from here: a target in another mount namespace sees other mount points. A fixture tree
 * without proc/self falls back to the target's own /proc/PID/mountinfo.
 */
async function readMounts(fs: HostFs, pid: number | 'self'): Promise<Observation<MountEntry[]>> {
  const own = await readParsed(fs, '/proc/self/mountinfo', parseMountinfo);
  if (own.status !== 'absent' || pid === 'self') return own;
  return readParsed(
    fs,
    `/proc/${pid}/mountinfo`,
    parseMountinfo,
    `process ${pid} not found (exited?)`,
  );
}

/** The cgroup mount (of the given version) with the longest mount point that holds dir. */
function mountOf(
  dir: string,
  mounts: readonly MountEntry[],
  version: 1 | 2,
): MountEntry | undefined {
  const fits = (m: MountEntry) =>
    version === 1
      ? m.fsType === 'cgroup' && m.superOptions.includes('memory')
      : m.fsType === 'cgroup2';
  let best: MountEntry | undefined;
  for (const m of mounts) {
    const under =
      m.mountPoint === '/' || dir === m.mountPoint || dir.startsWith(`${m.mountPoint}/`);
    if (fits(m) && under && (!best || m.mountPoint.length > best.mountPoint.length)) best = m;
  }
  return best;
}

/** Without a mount table: the highest ancestor that still looks like a cgroup of this version. */
async function topByMarker(fs: HostFs, dir: string, version: 1 | 2): Promise<string> {
  const marker = version === 1 ? 'memory.limit_in_bytes' : 'cgroup.controllers';
  let top = dir;
  while (top.lastIndexOf('/') > 0) {
    const parent = top.slice(0, top.lastIndexOf('/'));
    if (!(await fs.exists(`${parent}/${marker}`))) break;
    top = parent;
  }
  return top;
}

function cgroupPathOf(dir: string, mount: MountEntry): string {
  const rest = dir.slice(mount.mountPoint.length);
  const joined = `${mount.root === '/' ? '' : mount.root}${rest}`;
  return joined === '' ? '/' : joined;
}
