/**
 * Real cgroup v1 memory groups for tests: a child of this process's own memory cgroup, with a
 * limit, that a test moves a process into. Tests skip (with the reason) where the controller
 * is missing or not writable. Always call remove() (it kills what is left inside).
 */
import { existsSync, mkdirSync, readFileSync, rmdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const V1_ROOT = '/sys/fs/cgroup/memory';

export interface TestCgroup {
  /** Host directory of the group, e.g. /sys/fs/cgroup/memory/<own>/gomemlens-test-123. */
  readonly dir: string;
  /** The cgroup path as /proc/PID/cgroup shows it for members. */
  readonly path: string;
  setLimit(bytes: number): void;
  addProcess(pid: number): void;
  read(file: string): string;
  /** Kills every process left inside, then removes the group. Safe to call twice. */
  remove(): Promise<void>;
}

/** This process's memory cgroup path (v1 line "N:memory:/path"), or undefined. */
export function ownMemoryCgroupPath(): string | undefined {
  const text = readFileSync('/proc/self/cgroup', 'utf8');
  const line = text.split('\n').find((l) => l.split(':')[1]?.split(',').includes('memory'));
  return line?.split(':').slice(2).join(':');
}

/** Why real cgroup tests cannot run here, or undefined when they can. */
export function cgroupSkipReason(): string | undefined {
  if (process.getuid?.() !== 0) return 'needs root to create memory cgroups';
  const own = ownMemoryCgroupPath();
  if (own === undefined) return 'no cgroup v1 memory controller (only v1 is writable in tests)';
  const dir = join(V1_ROOT, own);
  if (!existsSync(join(dir, 'memory.limit_in_bytes'))) return `no writable memory cgroup at ${dir}`;
  return undefined;
}

export function createTestCgroup(label: string): TestCgroup {
  const own = ownMemoryCgroupPath();
  if (own === undefined) throw new Error('no cgroup v1 memory controller');
  const name = `gomemlens-test-${label}-${process.pid}-${Date.now().toString(36)}`;
  const path = join(own, name);
  const dir = join(V1_ROOT, path);
  mkdirSync(dir);
  let removed = false;
  return {
    dir,
    path,
    setLimit(bytes) {
      writeFileSync(join(dir, 'memory.limit_in_bytes'), String(bytes));
    },
    addProcess(pid) {
      writeFileSync(join(dir, 'cgroup.procs'), String(pid));
    },
    read(file) {
      return readFileSync(join(dir, file), 'utf8');
    },
    async remove() {
      if (removed || !existsSync(dir)) return;
      for (let attempt = 0; attempt < 50; attempt++) {
        const pids = readFileSync(join(dir, 'cgroup.procs'), 'utf8').split('\n').filter(Boolean);
        for (const pid of pids) {
          try {
            process.kill(Number(pid), 'SIGKILL');
          } catch {
            // already gone
          }
        }
        try {
          rmdirSync(dir);
          removed = true;
          return;
        } catch {
          await new Promise((r) => setTimeout(r, 100));
        }
      }
      throw new Error(`could not remove test cgroup ${dir}`);
    },
  };
}
