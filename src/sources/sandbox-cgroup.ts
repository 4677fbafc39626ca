/**
 * A throw-away child memory cgroup for the demo and the tests: the only place gomemlens writes
 * to a cgroup. It is created under this process's own memory cgroup (cgroup v1 memory
 * controller, or cgroup v2 where the controller is enabled for children), given a limit, and
 * removed afterwards (killing whatever is left inside).
 */
import { existsSync, mkdirSync, readFileSync, rmdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describeFsError, hasCode } from './fs-errors.js';

export interface SandboxCgroup {
  readonly version: 1 | 2;
  /** Host directory of the group. */
  readonly dir: string;
  /** The cgroup path as /proc/PID/cgroup shows it for members. */
  readonly path: string;
  setLimit(bytes: number): void;
  addProcess(pid: number): void;
  read(file: string): string;
  /** Kills every process left inside, then removes the group. Safe to call twice. */
  remove(): Promise<void>;
}

interface Place {
  readonly version: 1 | 2;
  readonly mount: string;
  readonly own: string;
}

/** This process's memory cgroup path (v1 line "N:memory:/path"), or undefined. */
export function ownMemoryCgroupPath(): string | undefined {
  return findPlace()?.own;
}

function findPlace(): Place | undefined {
  const lines = readFileSync('/proc/self/cgroup', 'utf8').split('\n');
  const v1 = lines.find((l) => l.split(':')[1]?.split(',').includes('memory'));
  if (v1)
    return { version: 1, mount: '/sys/fs/cgroup/memory', own: v1.split(':').slice(2).join(':') };
  const v2 = lines.find((l) => l.startsWith('0::'));
  if (v2) return { version: 2, mount: '/sys/fs/cgroup', own: v2.slice(3) };
  return undefined;
}

/** Why a sandbox cgroup cannot be made here, or undefined when it can. */
export function sandboxUnavailableReason(): string | undefined {
  if (process.getuid?.() !== 0) return 'creating a memory cgroup needs root';
  const place = findPlace();
  if (!place) return 'no memory cgroup found in /proc/self/cgroup';
  const dir = join(place.mount, place.own);
  if (place.version === 1) {
    return existsSync(join(dir, 'memory.limit_in_bytes'))
      ? undefined
      : `no memory controller at ${dir}`;
  }
  const controllers = safeRead(join(dir, 'cgroup.subtree_control'));
  return controllers?.split(/\s+/).includes('memory')
    ? undefined
    : `the cgroup v2 memory controller is not enabled for children of ${dir}`;
}

export function createSandboxCgroup(label: string): SandboxCgroup {
  const place = findPlace();
  if (!place) throw new Error('no memory cgroup found in /proc/self/cgroup');
  const name = `gomemlens-${label}-${process.pid}-${Date.now().toString(36)}`;
  const path = join(place.own, name);
  const dir = join(place.mount, path);
  mkdirSync(dir);
  const limitFile = place.version === 1 ? 'memory.limit_in_bytes' : 'memory.max';
  let removed = false;
  return {
    version: place.version,
    dir,
    path,
    setLimit: (bytes) => writeFileSync(join(dir, limitFile), String(bytes)),
    addProcess: (pid) => writeFileSync(join(dir, 'cgroup.procs'), String(pid)),
    read: (file) => readFileSync(join(dir, file), 'utf8'),
    async remove() {
      if (removed || !existsSync(dir)) return;
      const failed = await killAllAndRemove(dir);
      if (failed) throw new Error(`could not remove cgroup ${dir}: ${failed}`);
      removed = true;
    },
  };
}

/**
 * The command line that runs `cmd` inside the group from its first instruction: a shell writes
 * its own PID to cgroup.procs, then execs the command (same PID), so no child escapes it.
 */
export function execInGroup(cg: SandboxCgroup, cmd: readonly string[]): string[] {
  const procs = join(cg.dir, 'cgroup.procs');
  // $0 names the shell in its own messages ("gomemlens: 1: exec: x: not found").
  return ['/bin/sh', '-c', 'echo $$ > "$1" && shift && exec "$@"', 'gomemlens', procs, ...cmd];
}

/** Undefined once the group is gone; else why rmdir still failed after 5 s of retries. */
async function killAllAndRemove(dir: string): Promise<string | undefined> {
  let why = '';
  for (let attempt = 0; attempt < 50; attempt++) {
    for (const pid of (safeRead(join(dir, 'cgroup.procs')) ?? '').split('\n').filter(Boolean)) {
      try {
        process.kill(Number(pid), 'SIGKILL');
      } catch (err) {
        if (!hasCode(err, 'ESRCH')) throw err; // ESRCH: it exited meanwhile
      }
    }
    try {
      rmdirSync(dir);
      return undefined;
    } catch (err) {
      // EBUSY while the killed processes are still being torn down: try again shortly.
      why = describeFsError(err);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  return why;
}

/** The file's text, or undefined when it does not exist. */
function safeRead(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch (err) {
    if (!hasCode(err, 'ENOENT')) throw err;
    return undefined;
  }
}
