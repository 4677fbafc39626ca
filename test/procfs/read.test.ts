// readProcess and listPids: fixture trees, this machine's /proc, vanished processes,
// permission denied and oversized files.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { hostFs, type HostFs } from '../../src/sources/hostfs.js';
import { readProcess } from '../../src/sources/procfs.js';
import { listPids } from '../../src/sources/processes.js';
import { readCgroupForPid } from '../../src/sources/cgroup.js';
import { describeMissing, valueOf } from '../../src/model/observation.js';

test('fixture: every /proc/PID source, with the environment filtered', async () => {
  const p = await readProcess(hostFs('testdata/hosts/v1-kubepods-nested'), 4242);
  assert.equal(valueOf(p.status)?.vmRss, 318464 * 1024);
  assert.equal(valueOf(p.smapsRollup)?.anonHugePages, 2048 * 1024);
  assert.deepEqual(valueOf(p.environ), {
    GOMEMLIMIT: '450MiB',
    GOGC: '100',
    GODEBUG: 'madvdontneed=0',
    AUTOMEMLIMIT: '0.9',
    GOTRACEBACK: 'crash',
  });
  assert.deepEqual(valueOf(p.cmdline), ['/usr/local/bin/api', '-listen', ':8080']);
  assert.equal(valueOf(p.exe), '/usr/local/bin/api');
});

test('fixture: missing and garbled /proc files give absent or malformed observations', async () => {
  const missing = await readProcess(hostFs('testdata/hosts/v1-missing-files'), 4242);
  assert.equal(missing.status.status, 'ok');
  for (const obs of [missing.smapsRollup, missing.environ, missing.exe])
    assert.equal(obs.status, 'absent');
  const bad = await readProcess(hostFs('testdata/hosts/v2-garbage'), 4242);
  assert.match(
    describeMissing(bad.status)!,
    /status unreadable: malformed: line 2: expected "<n> kB"/,
  );
  assert.match(describeMissing(bad.smapsRollup)!, /smaps_rollup unreadable: malformed: line 1/);
  assert.deepEqual(Object.keys(valueOf(bad.environ)!).sort(), ['GODEBUG', 'GOMEMLIMIT']);
  assert.equal(valueOf(bad.cmdline)?.length, 1);
});

test('this machine: listPids sees us and PID 1; readProcess reads our own process', async () => {
  const fs = hostFs('/');
  const pids = await listPids(fs);
  assert.ok(pids.includes(process.pid) && pids.includes(1));
  assert.deepEqual(
    pids,
    [...pids].sort((a, b) => a - b),
  );
  const me = await readProcess(fs, process.pid);
  assert.equal(valueOf(me.exe), process.execPath);
  assert.ok(valueOf(me.cmdline)?.includes(process.argv[1]), 'our cmdline names this test file');
  const status = valueOf(me.status)!;
  assert.ok(status.vmRss! > 10 * 1024 * 1024);
  assert.ok(valueOf(me.smapsRollup)!.rss > 10 * 1024 * 1024);
  assert.deepEqual(await listPids(hostFs('testdata/hosts/v2-kubepods')), [4242]);
});

/** A HostFs over "/" that kills `pid` right after its status file is read, before any other read. */
function killingAfterStatus(pid: number, exited: Promise<unknown>): HostFs {
  const real = hostFs('/');
  let killed!: () => void;
  const gate = new Promise<void>((r) => (killed = r));
  const wait = <T>(fn: () => Promise<T>) => gate.then(fn);
  return {
    ...real,
    async readText(path, max) {
      if (path !== `/proc/${pid}/status`) return wait(() => real.readText(path, max));
      const r = await real.readText(path, max);
      process.kill(pid, 'SIGKILL');
      await exited;
      killed();
      return r;
    },
    readBytes: (path, max) => wait(() => real.readBytes(path, max)),
    readLink: (path) => wait(() => real.readLink(path)),
  };
}

test('a process that exits mid-read: what was read is kept, the rest is absent, no exception', async () => {
  const child = spawn('sleep', ['30'], { stdio: 'ignore' });
  const exited = new Promise((r) => child.on('exit', r));
  const p = await readProcess(killingAfterStatus(child.pid!, exited), child.pid!);
  assert.equal(valueOf(p.status)?.name, 'sleep');
  for (const obs of [p.smapsRollup, p.environ, p.cmdline, p.exe]) {
    assert.equal(obs.status, 'absent', describeMissing(obs));
    assert.match(describeMissing(obs)!, new RegExp(`process ${child.pid} exited while being read`));
  }
  const cg = await readCgroupForPid(hostFs('/'), child.pid!);
  assert.equal(cg.status, 'absent');
});

test('a kernel thread: status is read, the user-memory files are absent with the reason', async (t) => {
  const kthread = readdirSync('/proc')
    .filter((n) => /^\d+$/.test(n))
    .find((n) => {
      try {
        return /^Kthread:\s+1$/m.test(readFileSync(`/proc/${n}/status`, 'utf8'));
      } catch {
        return false;
      }
    });
  if (kthread === undefined) return t.skip('no kernel thread visible in this PID namespace');
  const p = await readProcess(hostFs('/'), Number(kthread));
  assert.equal(valueOf(p.status)?.vmRss, undefined);
  assert.deepEqual(valueOf(p.cmdline), []);
  for (const obs of [p.smapsRollup, p.environ, p.exe]) {
    assert.match(describeMissing(obs)!, /a kernel thread or a zombie has no user memory/);
  }
});

test('processes that come and go while being read never make the readers throw', async () => {
  const fs = hostFs('/');
  for (let i = 0; i < 30; i++) {
    const child = spawn('true', { stdio: 'ignore' });
    const results = await Promise.all([
      readProcess(fs, child.pid!),
      readCgroupForPid(fs, child.pid!),
    ]);
    assert.ok(results[0].pid === child.pid && typeof results[1].status === 'string');
  }
});

test('permission denied: as user nobody, /proc/1/environ and exe are "unreadable", status is read', (t) => {
  if (process.getuid?.() !== 0) return t.skip('needs root to run a child as nobody');
  const code = `
    const { hostFs } = await import(${JSON.stringify(resolve('dist/src/sources/hostfs.js'))});
    const { readProcess } = await import(${JSON.stringify(resolve('dist/src/sources/procfs.js'))});
    const p = await readProcess(hostFs('/'), 1);
    console.log(JSON.stringify(p));`;
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', code], {
    uid: 65534,
    gid: 65534,
    encoding: 'utf8',
  });
  assert.equal(run.status, 0, run.stderr);
  const p = JSON.parse(run.stdout);
  assert.deepEqual(p.environ, {
    status: 'unreadable',
    source: '/proc/1/environ',
    reason: 'permission denied',
  });
  assert.equal(p.exe.reason, 'permission denied');
  assert.equal(p.status.status, 'ok');
  assert.equal(
    p.status.value.name,
    readFileSync('/proc/1/status', 'utf8').match(/^Name:\t(.*)$/m)![1],
  );
});

test('oversized files are refused with a reason, not parsed', async (t) => {
  const root = mkdtempSync(join(tmpdir(), 'gomemlens-huge-'));
  t.after(() => rmSync(root, { recursive: true, force: true }));
  mkdirSync(join(root, 'proc/77'), { recursive: true });
  const big = Buffer.alloc(8 * 1024 * 1024, 'GOGC=1\0');
  writeFileSync(join(root, 'proc/77/environ'), big);
  writeFileSync(join(root, 'proc/77/cmdline'), big);
  writeFileSync(join(root, 'proc/77/status'), `Name:\tx\n${'VmRSS:\t1 kB\n'.repeat(700_000)}`);
  const p = await readProcess(hostFs(root), 77);
  assert.match(describeMissing(p.environ)!, /environ unreadable: larger than 2097152 bytes/);
  assert.match(describeMissing(p.cmdline)!, /cmdline unreadable: larger than/);
  assert.match(describeMissing(p.status)!, /status unreadable: larger than/);
});

test('reads stop at the cap: an endless file (/dev/zero) is refused, not read forever', async () => {
  const r = await hostFs('/').readText('/dev/zero', 64 * 1024);
  assert.deepEqual(r, {
    status: 'unreadable',
    source: '/dev/zero',
    reason: 'larger than 65536 bytes',
  });
  const small = await hostFs('/').readText('/proc/self/status');
  assert.equal(small.status, 'ok');
});
