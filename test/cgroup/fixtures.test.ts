// readCgroupForPid / readCgroupDir on the fixture host trees under testdata/hosts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { hostFs } from '../../src/sources/hostfs.js';
import { readCgroupDir, readCgroupForPid } from '../../src/sources/cgroup.js';
import { workingSet } from '../../src/analysis/working-set.js';
import { describeMissing, valueOf, type Observation } from '../../src/model/observation.js';
import type { CgroupMemory } from '../../src/model/snapshot.js';
import { MiB, UNLIMITED } from '../../src/model/units.js';

const tree = (name: string) => hostFs(`testdata/hosts/${name}`);

function mustOk(obs: Observation<CgroupMemory>): CgroupMemory {
  assert.equal(obs.status, 'ok', describeMissing(obs));
  return (obs as { value: CgroupMemory }).value;
}

test('v1 kubepods: the pod (parent) limit is the effective one', async () => {
  const cg = mustOk(await readCgroupForPid(tree('v1-kubepods-nested'), 4242));
  const pod = '/sys/fs/cgroup/memory/kubepods/burstable/pod1234';
  assert.equal(cg.version, 1);
  assert.equal(cg.path, '/kubepods/burstable/pod1234/ctr-abc');
  assert.equal(cg.dir, `${pod}/ctr-abc`);
  assert.equal(valueOf(cg.limit), 1024 * MiB);
  assert.deepEqual(valueOf(cg.effectiveLimit), {
    limit: 512 * MiB,
    setBy: `${pod}/memory.limit_in_bytes`,
  });
  assert.equal(valueOf(cg.usage), 352321536);
  assert.equal(valueOf(cg.peak), 415236096);
  assert.equal(valueOf(cg.oomControl)?.oomKill, 1);
  assert.equal(valueOf(cg.failcnt), 0);
  assert.deepEqual(valueOf(cg.procs), [4242, 4250]);
  assert.match(
    describeMissing(cg.events)!,
    /memory\.events not found \(cgroup v1 has no memory\.events/,
  );
  assert.equal(cg.high.status, 'absent');
  assert.equal(cg.pressure.status, 'absent');
  const stat = valueOf(cg.stat)!;
  assert.equal(workingSet(valueOf(cg.usage)!, stat), 352321536 - 25165824);
});

test('v2 kubepods: memory.max and memory.high of the pod win; events and PSI read', async () => {
  const cg = mustOk(await readCgroupForPid(tree('v2-kubepods'), 4242));
  const pod =
    '/sys/fs/cgroup/kubepods.slice/kubepods-burstable.slice/kubepods-burstable-pod5678.slice';
  assert.equal(cg.version, 2);
  assert.equal(valueOf(cg.limit), 512 * MiB);
  assert.deepEqual(valueOf(cg.effectiveLimit), { limit: 384 * MiB, setBy: `${pod}/memory.max` });
  assert.deepEqual(valueOf(cg.high), { limit: 360 * MiB, setBy: `${pod}/memory.high` });
  assert.equal(valueOf(cg.events)?.oomKill, 1);
  assert.equal(valueOf(cg.eventsLocal)?.high, 17);
  assert.equal(valueOf(cg.pressure)?.some.avg10, 1.52);
  assert.equal(valueOf(cg.peak), 390070272);
  assert.match(describeMissing(cg.failcnt)!, /cgroup v2 has no memory\.failcnt/);
  assert.equal(workingSet(valueOf(cg.usage)!, valueOf(cg.stat)!), 333447168 - 20971520);
});

test('v2 with no limit anywhere: unlimited, working set clamped at 0, old-kernel files absent', async () => {
  const cg = mustOk(await readCgroupForPid(tree('v2-no-limit'), 4242));
  assert.equal(valueOf(cg.effectiveLimit)?.limit, UNLIMITED);
  assert.equal(
    valueOf(cg.effectiveLimit)?.setBy,
    '/sys/fs/cgroup/system.slice/api.service/memory.max',
  );
  assert.equal(valueOf(cg.high)?.limit, UNLIMITED);
  assert.equal(workingSet(valueOf(cg.usage)!, valueOf(cg.stat)!), 0);
  assert.match(describeMissing(cg.peak)!, /5\.19/);
  assert.match(describeMissing(cg.eventsLocal)!, /5\.2/);
  assert.match(describeMissing(cg.pressure)!, /PSI/);
});

test('hybrid: v1 memory files, PSI from the cgroup2 unified group', async () => {
  const cg = mustOk(await readCgroupForPid(tree('hybrid'), 4242));
  assert.equal(cg.version, 1);
  assert.equal(cg.dir, '/sys/fs/cgroup/memory/system.slice/api.service');
  assert.equal(valueOf(cg.effectiveLimit)?.limit, 256 * MiB);
  assert.equal(valueOf(cg.failcnt), 3);
  assert.equal(
    cg.pressure.source,
    '/sys/fs/cgroup/unified/system.slice/api.service/memory.pressure',
  );
  assert.equal(valueOf(cg.pressure)?.some.total, 52311);
});

test('inside a v1 container: mount root mapping, hierarchical_memory_limit from an unseen ancestor', async () => {
  const cg = mustOk(await readCgroupForPid(tree('v1-container-view'), 1));
  assert.equal(cg.path, '/docker/0123abcd');
  assert.equal(cg.dir, '/sys/fs/cgroup/memory');
  assert.equal(valueOf(cg.limit), UNLIMITED);
  assert.deepEqual(valueOf(cg.effectiveLimit), {
    limit: 200 * MiB,
    setBy: '/sys/fs/cgroup/memory/memory.stat (hierarchical_memory_limit)',
  });
});

test('inside a v2 container with a cgroup namespace: "0::/" maps to the mount point', async () => {
  const cg = mustOk(await readCgroupForPid(tree('v2-cgroupns'), 1));
  assert.equal(cg.path, '/');
  assert.equal(cg.dir, '/sys/fs/cgroup');
  assert.deepEqual(valueOf(cg.effectiveLimit), {
    limit: 128 * MiB,
    setBy: '/sys/fs/cgroup/memory.max',
  });
});

test('missing files are absent observations that name the file', async () => {
  const cg = mustOk(await readCgroupForPid(tree('v1-missing-files'), 4242));
  assert.equal(valueOf(cg.effectiveLimit)?.limit, 256 * MiB);
  for (const obs of [cg.stat, cg.peak, cg.failcnt, cg.oomControl]) {
    assert.equal(obs.status, 'absent');
    assert.match(obs.source, /^\/sys\/fs\/cgroup\/memory\/app\/memory\./);
  }
});

test('garbage in every cgroup file: typed "malformed" observations, no exception', async () => {
  const cg = mustOk(await readCgroupForPid(tree('v2-garbage'), 4242));
  const checks: [Observation<unknown>, RegExp][] = [
    [
      cg.limit,
      /memory\.max unreadable: malformed: line 1: expected "max" or a byte count "lots\\n"/,
    ],
    [cg.effectiveLimit, /memory\.max unreadable: malformed/],
    [cg.high, /memory\.high unreadable: malformed/],
    [cg.usage, /memory\.current unreadable: malformed/],
    [cg.peak, /memory\.peak unreadable: malformed/],
    [cg.stat, /memory\.stat unreadable: malformed: line 2: "file" is not a number/],
    [cg.events, /memory\.events unreadable: malformed: missing max, oom, oom_kill/],
    [cg.eventsLocal, /memory\.events\.local unreadable: malformed: line 1/],
    [cg.pressure, /memory\.pressure unreadable: malformed/],
    [cg.procs, /cgroup\.procs unreadable: malformed: line 2: expected a PID "not-a-pid"/],
  ];
  for (const [obs, re] of checks) assert.match(describeMissing(obs) ?? 'ok', re);
});

test("v1 with use_hierarchy=0: the parent does not limit the child, the kernel's hierarchical limit wins", async () => {
  const cg = mustOk(await readCgroupForPid(tree('v1-no-hierarchy'), 4242));
  assert.deepEqual(valueOf(cg.effectiveLimit), {
    limit: 512 * MiB,
    setBy: '/sys/fs/cgroup/memory/batch/job/memory.limit_in_bytes',
  });
});

test('v2 without the memory controller on the group: absent with the reason, never "unlimited"', async () => {
  const cg = mustOk(await readCgroupForPid(tree('v2-no-memory-controller'), 4242));
  assert.equal(cg.version, 2);
  for (const obs of [cg.limit, cg.effectiveLimit, cg.usage, cg.stat, cg.events]) {
    assert.equal(obs.status, 'absent');
    assert.match(describeMissing(obs)!, /memory controller not enabled here/);
  }
  assert.deepEqual(valueOf(cg.procs), [4242]);
  assert.equal(valueOf(cg.pressure)?.some.total, 0);
});

test('a missing process or an unknown cgroup layout is an absent observation', async () => {
  const gone = await readCgroupForPid(tree('v2-kubepods'), 999999);
  assert.equal(gone.status, 'absent');
  assert.match(
    describeMissing(gone)!,
    /\/proc\/999999\/cgroup not found \(process 999999 not found/,
  );
});

test('readCgroupDir (--cgroup PATH) detects v1 and v2 and walks up to the mount point', async () => {
  const v2 = mustOk(
    await readCgroupDir(
      tree('v2-kubepods'),
      '/sys/fs/cgroup/kubepods.slice/kubepods-burstable.slice/kubepods-burstable-pod5678.slice/cri-containerd-def.scope/',
    ),
  );
  assert.equal(v2.version, 2);
  assert.equal(valueOf(v2.effectiveLimit)?.limit, 384 * MiB);
  const v1 = mustOk(
    await readCgroupDir(
      tree('v1-kubepods-nested'),
      '/sys/fs/cgroup/memory/kubepods/burstable/pod1234/ctr-abc',
    ),
  );
  assert.equal(v1.version, 1);
  assert.equal(
    v1.path,
    '/sys/fs/cgroup/memory/kubepods/burstable/pod1234/ctr-abc',
    'no mount table in this tree: the path is the directory',
  );
  assert.equal(valueOf(v1.effectiveLimit)?.limit, 512 * MiB);
  const captured = mustOk(
    await readCgroupDir(tree('captured-v1-hybrid'), '/sys/fs/cgroup/memory/process_api'),
  );
  assert.equal(
    captured.path,
    '/process_api',
    'the mount table maps the directory back to its cgroup path',
  );
  const nothing = await readCgroupDir(tree('v2-kubepods'), '/sys/fs/cgroup/nope');
  assert.match(describeMissing(nothing)!, /not a memory cgroup: no such directory/);
});

test('captured real v1 files: the limit set on the child group, usage, stat', async () => {
  const cg = mustOk(await readCgroupForPid(tree('captured-v1-hybrid'), 4242));
  assert.equal(cg.version, 1);
  assert.match(cg.path, /\/gomemlens-test-capture-/);
  assert.equal(valueOf(cg.effectiveLimit)?.limit, 256 * MiB);
  assert.equal(valueOf(cg.effectiveLimit)?.setBy, `${cg.dir}/memory.limit_in_bytes`);
  assert.ok(valueOf(cg.usage)! > 10 * MiB);
  assert.equal(cg.pressure.source, '/sys/fs/cgroup/unified/memory.pressure');
});

test('workingSet: cAdvisor formula, clamped, usage kept when inactive_file is unknown', () => {
  assert.equal(workingSet(100, { inactiveFile: 30, raw: {} }), 70);
  assert.equal(workingSet(100, { inactiveFile: 300, raw: {} }), 0);
  assert.equal(workingSet(100, { raw: {} }), 100);
});
