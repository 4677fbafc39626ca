/**
 * A kubelet-shaped cgroup tree for tests, under a test's own sandbox cgroup (cgroup v1 memory
 * controller here): kubepods/<qos>/pod<UID>/<container ID>, as the kubelet's cgroupfs driver
 * and containerd lay it out (testdata/k8s-cgroup-paths). Each container group gets a limit;
 * remove() kills what is left inside and removes the groups bottom-up, then the sandbox.
 */
import { existsSync, mkdirSync, readFileSync, rmdirSync, writeFileSync } from 'node:fs';
import { randomBytes, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { createTestCgroup, type TestCgroup } from './cgroup.js';

export interface KubeContainer {
  readonly podUid: string;
  readonly containerId: string;
  /** The group's directory on this host. */
  readonly dir: string;
  /** The path /proc/PID/cgroup shows for a process inside. */
  readonly path: string;
}

export interface KubepodsTree {
  readonly base: TestCgroup;
  /** A container group in a (new or given) pod, with a memory limit. */
  container(limitBytes: number, podUid?: string, qos?: 'burstable' | 'besteffort'): KubeContainer;
  remove(): Promise<void>;
}

export function createKubepodsTree(label: string): KubepodsTree {
  const base = createTestCgroup(label);
  const made: string[] = [];
  const mkdir = (dir: string) => {
    if (existsSync(dir)) return;
    mkdirSync(dir);
    made.push(dir);
  };
  return {
    base,
    container(limitBytes, podUid = randomUUID(), qos = 'burstable') {
      const containerId = randomBytes(32).toString('hex');
      const rel = ['kubepods', qos, `pod${podUid}`, containerId];
      rel.forEach((_, i) => mkdir(join(base.dir, ...rel.slice(0, i + 1))));
      const dir = join(base.dir, ...rel);
      writeFileSync(join(dir, 'memory.limit_in_bytes'), String(limitBytes));
      return { podUid, containerId, dir, path: join(base.path, ...rel) };
    },
    async remove() {
      for (const dir of [...made].reverse()) await killAndRemove(dir);
      await base.remove();
    },
  };
}

async function killAndRemove(dir: string): Promise<void> {
  for (let attempt = 0; attempt < 50 && existsSync(dir); attempt++) {
    const pids = readFileSync(join(dir, 'cgroup.procs'), 'utf8').split('\n').filter(Boolean);
    for (const pid of pids) {
      try {
        process.kill(Number(pid), 'SIGKILL');
      } catch {
        // exited meanwhile
      }
    }
    try {
      rmdirSync(dir);
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 100)); // EBUSY while the killed ones are torn down
    }
  }
}
