/**
 * Reading other processes' cgroups from inside a cgroup namespace (a DaemonSet pod on a cgroup
 * v2 node gets a private one; so does `unshare --cgroup`). There /proc/PID/cgroup shows paths
 * relative to the reader's own namespace root ("/../../kubepods-burstable-pod1.slice/..."),
 * and a host cgroup tree mounted into the pod shows its root relative to it too ("/../../.."
 * in /proc/self/mountinfo field 4; man 7 cgroup_namespaces). Such a path cannot be mapped to
 * a directory without knowing where the namespace root sits in the host tree: it is found
 * once, as the directory at the right depth whose cgroup.procs lists this process.
 */
import { parseMountinfo, type MountEntry } from '../formats/mountinfo.js';
import { memoryV1Entry, parseProcCgroup, unifiedEntry } from '../formats/proc-cgroup.js';
import { joinPath } from '../formats/cgroup-location.js';
import type { HostFs } from './hostfs.js';

export interface CgroupNamespace {
  /** The mount of the host's tree (or an ancestor of the namespace root). */
  readonly mountPoint: string;
  /** The namespace root's directory below the mount point, as path components. */
  readonly rootParts: readonly string[];
}

/** The cgroup path of a process, as the host names it, and its directory when resolved here. */
export interface ProcessCgroup {
  readonly path: string;
  /** Set for a path outside this reader's namespace: where its files are on this host. */
  readonly dir?: string;
}

/** The files of a cgroup directory (cgroup v1 and v2 interface files); the rest are groups. */
const CONTROL_FILE =
  /^(?:(?:cgroup|memory|cpu|cpuacct|cpuset|io|blkio|pids|hugetlb|rdma|misc|net_cls|net_prio|devices|freezer|perf_event)\..+|tasks|notify_on_release|release_agent)$/;

/** Directories looked at while searching the namespace root; a node has a few thousand. */
const MAX_DIRS = 50_000;

/** Where this reader's cgroup namespace root sits in a mounted host tree; undefined if not in one. */
export async function detectCgroupNamespace(
  fs: HostFs,
  selfPid: number,
): Promise<CgroupNamespace | undefined> {
  const [cg, mi] = await Promise.all([
    fs.readText('/proc/self/cgroup'),
    fs.readText('/proc/self/mountinfo'),
  ]);
  if (cg.status !== 'ok' || mi.status !== 'ok') return undefined;
  const entries = parseProcCgroup(cg.value);
  const own = memoryV1Entry(entries) ?? unifiedEntry(entries);
  const mount = parseMountinfo(mi.value).find(
    (m) => isMemoryMount(m, own === unifiedEntry(entries)) && m.root.startsWith('/..'),
  );
  if (!own || !mount) return undefined;
  const ups = mount.root.split('/').filter(Boolean);
  if (ups.some((p) => p !== '..')) return undefined; // the mount shows a subtree: not the host's
  const below = own.path.split('/').filter(Boolean);
  const dir = await findOwnGroup(fs, mount.mountPoint, ups.length + below.length, selfPid);
  if (dir === undefined) return undefined;
  const parts = dir.split('/').filter(Boolean);
  return { mountPoint: mount.mountPoint, rootParts: parts.slice(0, parts.length - below.length) };
}

function isMemoryMount(m: MountEntry, v2: boolean): boolean {
  return v2 ? m.fsType === 'cgroup2' : m.fsType === 'cgroup' && m.superOptions.includes('memory');
}

/** Breadth-first to `depth` below the mount: the group whose cgroup.procs holds `pid`. */
async function findOwnGroup(
  fs: HostFs,
  mountPoint: string,
  depth: number,
  pid: number,
): Promise<string | undefined> {
  let level = [''];
  let seen = 0;
  for (let d = 0; d < depth && level.length > 0 && seen < MAX_DIRS; d++) {
    const next: string[] = [];
    for (const rel of level) {
      const names = await fs.list(joinPath(mountPoint, rel));
      if (names.status !== 'ok') continue;
      for (const name of names.value) if (!CONTROL_FILE.test(name)) next.push(`${rel}/${name}`);
      seen += names.value.length;
    }
    level = next;
  }
  for (const rel of level) {
    const procs = await fs.readText(joinPath(mountPoint, `${rel}/cgroup.procs`));
    if (procs.status === 'ok' && procs.value.split('\n').includes(String(pid))) return rel;
  }
  return undefined;
}

/** A process's memory cgroup path (v1 memory line, else the v2 line), resolved when outside. */
export async function processCgroup(
  fs: HostFs,
  pid: number,
  ns: CgroupNamespace | undefined,
): Promise<ProcessCgroup | undefined> {
  const text = await fs.readText(`/proc/${pid}/cgroup`);
  if (text.status !== 'ok') return undefined;
  let entries;
  try {
    entries = parseProcCgroup(text.value);
  } catch {
    return undefined; // a process that exits mid-read leaves a truncated file
  }
  const path = (memoryV1Entry(entries) ?? unifiedEntry(entries))?.path;
  if (path === undefined) return undefined;
  if (!ns) return { path };
  const parts = [...ns.rootParts];
  for (const p of path.split('/').filter(Boolean)) {
    if (p !== '..') parts.push(p);
    else if (parts.pop() === undefined) return { path };
  }
  const abs = `/${parts.join('/')}`;
  return { path: abs, dir: joinPath(ns.mountPoint, abs) };
}
