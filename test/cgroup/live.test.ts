// Real cgroups on this machine: the leaky Go scenario in child memory cgroups with limits,
// checked against the kernel's own files read at the same moment.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, rmdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { cgroupSkipReason, createTestCgroup } from '../support/cgroup.js';
import { goSkipReason, startScenario } from '../support/go-scenario.js';
import { hostFs } from '../../src/sources/hostfs.js';
import { readCgroupDir, readCgroupForPid } from '../../src/sources/cgroup.js';
import { readProcess } from '../../src/sources/procfs.js';
import { workingSet } from '../../src/analysis/working-set.js';
import { describeMissing, valueOf, type Observation } from '../../src/model/observation.js';
import type { CgroupMemory } from '../../src/model/snapshot.js';
import { MiB } from '../../src/model/units.js';
import { parsePressure } from '../../src/formats/psi.js';

const skip = cgroupSkipReason() ?? goSkipReason('leaky');
const fs = hostFs('/');

function mustOk(obs: Observation<CgroupMemory>): CgroupMemory {
  assert.equal(obs.status, 'ok', describeMissing(obs));
  return (obs as { value: CgroupMemory }).value;
}

const statLine = (text: string, key: string) =>
  Number(new RegExp(`^${key} (\\d+)$`, 'm').exec(text)![1]);
const vmRss = (pid: number) =>
  Number(/^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) * 1024;

/** Writes `mib` MiB to a file from a process inside the group, so its page cache is charged there. */
function chargePageCache(dir: string, file: string, mib: number): void {
  const script = `echo $$ > ${dir}/cgroup.procs && exec dd if=/dev/zero of=${file} bs=1M count=${mib} status=none`;
  const r = spawnSync('sh', ['-c', script]);
  assert.equal(r.status, 0, String(r.stderr));
}

test(
  'the limit set on a real child cgroup is the effective one; usage, working set and RSS match the kernel',
  { skip },
  async (t) => {
    const cg = createTestCgroup('cgsrc-limit');
    const cacheFile = join(tmpdir(), `gomemlens-cache-${process.pid}`);
    t.after(async () => {
      await cg.remove();
      rmSync(cacheFile, { force: true });
    });
    cg.setLimit(300 * MiB);
    const go = await startScenario('leaky', {
      args: ['-rate', '64KiB', '-every', '100ms', '-initial', '24MiB'],
    });
    t.after(() => go.stop());
    cg.addProcess(go.pid);
    chargePageCache(cg.dir, cacheFile, 24);
    await new Promise((r) => setTimeout(r, 400));

    const [group, proc] = await Promise.all([
      readCgroupForPid(fs, go.pid),
      readProcess(fs, go.pid),
    ]);
    const kernelUsage = Number(cg.read('memory.usage_in_bytes'));
    const kernelStat = cg.read('memory.stat');
    const kernelRss = vmRss(go.pid);

    const v = mustOk(group);
    assert.equal(v.version, 1);
    assert.equal(v.dir, cg.dir);
    assert.equal(v.path, cg.path);
    assert.deepEqual(valueOf(v.effectiveLimit), {
      limit: 300 * MiB,
      setBy: `${cg.dir}/memory.limit_in_bytes`,
    });
    assert.ok(valueOf(v.procs)?.includes(go.pid));
    const usage = valueOf(v.usage)!;
    assert.ok(Math.abs(usage - kernelUsage) <= 2 * MiB, `usage ${usage} vs kernel ${kernelUsage}`);
    const stat = valueOf(v.stat)!;
    assert.ok(
      stat.inactiveFile! >= 16 * MiB,
      'the page cache written from inside the group is inactive_file',
    );
    assert.equal(
      workingSet(usage, stat),
      usage - stat.raw.total_inactive_file,
      'v1 uses total_inactive_file',
    );
    const kernelWs = kernelUsage - statLine(kernelStat, 'total_inactive_file');
    assert.ok(
      Math.abs(workingSet(usage, stat) - kernelWs) <= 2 * MiB,
      `working set ${workingSet(usage, stat)} vs ${kernelWs}`,
    );
    assert.ok(
      workingSet(usage, stat) < usage - 16 * MiB,
      'inactive page cache is left out of the working set',
    );

    const rss = valueOf(proc.status)!.vmRss!;
    assert.ok(rss > 20 * MiB, `the Go process holds its 24 MiB: ${rss}`);
    assert.ok(Math.abs(rss - kernelRss) <= 0.05 * kernelRss, `VmRSS ${rss} vs ${kernelRss}`);
    assert.equal(valueOf(proc.cmdline)?.[1], '-rate');
    assert.match(valueOf(proc.exe)!, /dist\/go\/leaky$/);
  },
);

test(
  'nested: a parent limit smaller than the child limit is the effective one',
  { skip },
  async (t) => {
    const parent = createTestCgroup('cgsrc-nested');
    const childDir = join(parent.dir, 'inner');
    mkdirSync(childDir);
    const go = await startScenario('leaky', { args: ['-rate', '64KiB', '-every', '200ms'] });
    t.after(async () => {
      await go.stop();
      for (let i = 0; i < 50; i++) {
        try {
          rmdirSync(childDir);
          break;
        } catch {
          await new Promise((r) => setTimeout(r, 50));
        }
      }
      await parent.remove();
    });
    parent.setLimit(128 * MiB);
    writeFileSync(join(childDir, 'memory.limit_in_bytes'), String(512 * MiB));
    writeFileSync(join(childDir, 'cgroup.procs'), String(go.pid));

    const v = mustOk(await readCgroupForPid(fs, go.pid));
    assert.equal(v.dir, childDir);
    assert.equal(valueOf(v.limit), 512 * MiB);
    assert.deepEqual(valueOf(v.effectiveLimit), {
      limit: 128 * MiB,
      setBy: `${parent.dir}/memory.limit_in_bytes`,
    });
    assert.equal(
      valueOf(v.stat)?.hierarchicalMemoryLimit,
      128 * MiB,
      "the kernel's own min agrees",
    );
    const byDir = mustOk(await readCgroupDir(fs, childDir));
    assert.deepEqual(valueOf(byDir.effectiveLimit), valueOf(v.effectiveLimit));
    assert.equal(byDir.path, v.path);
  },
);

/** A child of the cgroup2 root on a hybrid host (no controllers, but per-group PSI), or undefined. */
function unifiedChild(label: string): string | undefined {
  const cgroups = readFileSync('/proc/self/cgroup', 'utf8');
  const own = /^0::(.*)$/m.exec(cgroups)?.[1];
  const mount = readFileSync('/proc/self/mountinfo', 'utf8')
    .split('\n')
    .find((l) => l.includes(' - cgroup2 '));
  // Only on a hybrid host: v1 owns the memory controller, cgroup2 has per-group PSI.
  if (!mount || own === undefined || !/^\d+:[^:]*\bmemory\b/m.test(cgroups)) return undefined;
  const dir = join(mount.split(' ')[4], own, `gomemlens-psi-${label}-${process.pid}`);
  mkdirSync(dir);
  return dir;
}

test(
  'an OOM kill provoked in a small group is counted by memory.oom_control; PSI saw the stall',
  { skip },
  async (t) => {
    const cg = createTestCgroup('cgsrc-oom');
    t.after(() => cg.remove());
    const psiDir = unifiedChild('oom');
    t.after(() => psiDir && rmdirSync(psiDir));
    cg.setLimit(48 * MiB);
    const go = await startScenario('leaky', { args: ['-rate', '2MiB', '-every', '20ms'] });
    t.after(() => go.stop());
    if (psiDir) writeFileSync(join(psiDir, 'cgroup.procs'), String(go.pid));
    cg.addProcess(go.pid);
    const before = mustOk(await readCgroupForPid(fs, go.pid));
    const killsBefore = valueOf(before.oomControl)!.oomKill!;
    if (psiDir)
      assert.equal(
        before.pressure.source,
        join(psiDir, 'memory.pressure'),
        'hybrid: PSI of the own cgroup2 group',
      );

    const timeout = new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), 15_000).unref());
    const end = await Promise.race([go.exited, timeout]);
    assert.notEqual(end, 'timeout', 'the leaky process should have been OOM-killed');
    assert.deepEqual(end, { code: null, signal: 'SIGKILL' });

    const gone = await readCgroupForPid(fs, go.pid);
    assert.equal(gone.status, 'absent', 'the killed process is gone');
    const after = mustOk(await readCgroupDir(fs, cg.dir));
    assert.equal(valueOf(after.oomControl)!.oomKill, killsBefore + 1);
    assert.ok(valueOf(after.failcnt)! > 0, 'usage hit the limit');
    assert.ok(valueOf(after.peak)! >= 44 * MiB, `peak ${valueOf(after.peak)} reached the limit`);
    assert.deepEqual(valueOf(after.procs), []);
    if (psiDir) {
      const psi = parsePressure(readFileSync(join(psiDir, 'memory.pressure'), 'utf8'));
      assert.ok(psi.some.total > 0, 'reclaim before the OOM kill stalled the process');
    }
  },
);
