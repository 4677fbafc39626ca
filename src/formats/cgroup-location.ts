/**
 * Where a process's memory cgroup lives on this host, worked out from /proc/PID/cgroup and a
 * mount table, never from hard-coded /sys/fs/cgroup paths (man 7 cgroups; the same mapping
 * runc and cAdvisor use): find the cgroup mount whose root (mountinfo field 4) is a prefix of
 * the cgroup path, then the directory is mount point + the rest of the path.
 */
import type { MountEntry } from './mountinfo.js';
import { memoryV1Entry, unifiedEntry, type CgroupEntry } from './proc-cgroup.js';

export interface CgroupLocation {
  readonly version: 1 | 2;
  /** The path as /proc/PID/cgroup names it. */
  readonly path: string;
  /** The group's directory on this host. */
  readonly dir: string;
  /** The mount point: the highest directory whose limits can be read from here. */
  readonly top: string;
  /** Hybrid hosts (v1 memory controller + cgroup2 mount): the v2 group, for memory.pressure. */
  readonly unifiedDir?: string;
  /** Set when the mapping had to assume something (a cgroup namespace). */
  readonly note?: string;
}

export type Located =
  | { readonly ok: true; readonly location: CgroupLocation }
  | { readonly ok: false; readonly reason: string };

export function locateMemoryCgroup(
  entries: readonly CgroupEntry[],
  mounts: readonly MountEntry[],
): Located {
  const v1 = memoryV1Entry(entries);
  const v2 = unifiedEntry(entries);
  const v1Mounts = mounts.filter((m) => m.fsType === 'cgroup' && m.superOptions.includes('memory'));
  const v2Mounts = mounts.filter((m) => m.fsType === 'cgroup2');
  const unified = v2 ? mapPath(v2.path, v2Mounts) : undefined;
  if (v1) {
    const mapped = mapPath(v1.path, v1Mounts);
    if (!mapped) return { ok: false, reason: unmapped(v1.path, 'cgroup v1 memory') };
    return {
      ok: true,
      location: { version: 1, path: v1.path, ...mapped, unifiedDir: unified?.dir },
    };
  }
  if (v2) {
    if (!unified) return { ok: false, reason: unmapped(v2.path, 'cgroup2') };
    return { ok: true, location: { version: 2, path: v2.path, ...unified } };
  }
  return { ok: false, reason: 'no memory controller: no v1 "memory" line and no v2 "0::" line' };
}

function unmapped(path: string, kind: string): string {
  return path.startsWith('/..')
    ? `cgroup ${path} is outside this reader's cgroup namespace`
    : `cgroup ${path} has no ${kind} mount here`;
}

/** Maps a cgroup path to a directory through the mount whose root is its longest prefix. */
function mapPath(
  path: string,
  mounts: readonly MountEntry[],
): { dir: string; top: string; note?: string } | undefined {
  if (path.startsWith('/..')) return undefined; // outside the reader's cgroup namespace
  let best: MountEntry | undefined;
  for (const m of mounts) {
    if (isUnder(path, m.root) && (!best || m.root.length > best.root.length)) best = m;
  }
  if (best)
    return {
      dir: joinPath(best.mountPoint, path.slice(best.root === '/' ? 0 : best.root.length)),
      top: best.mountPoint,
    };
  const first = mounts[0];
  if (!first) return undefined;
  // The mount shows a root the path does not start with: the path is relative to a cgroup
  // namespace whose root is mounted here.
  const note = `mount root ${first.root} is not a prefix of ${path}; read as relative to a cgroup namespace`;
  return { dir: joinPath(first.mountPoint, path), top: first.mountPoint, note };
}

function isUnder(path: string, root: string): boolean {
  return root === '/' || path === root || path.startsWith(`${root}/`);
}

export function joinPath(base: string, rest: string): string {
  const joined = `${base}/${rest}`.replace(/\/+/g, '/');
  return joined.length > 1 && joined.endsWith('/') ? joined.slice(0, -1) : joined;
}

/** The directory and its parents up to and including top (the group first). */
export function dirsUpTo(dir: string, top: string): string[] {
  const out = [dir];
  if (!isUnder(dir, top) || dir === top) return out;
  let d = dir;
  while (d !== top && d.includes('/')) {
    d = d.slice(0, d.lastIndexOf('/')) || '/';
    out.push(d);
    if (d === '/') break;
  }
  return out;
}
