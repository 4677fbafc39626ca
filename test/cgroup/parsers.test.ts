// The pure cgroup parsers on real captured files and on hand-made kernel-format text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseMountinfo } from '../../src/formats/mountinfo.js';
import { memoryV1Entry, parseProcCgroup, unifiedEntry } from '../../src/formats/proc-cgroup.js';
import { parseOomControl, parseV1MemoryStat } from '../../src/formats/cgroup-v1.js';
import { parseMemoryEvents, parseV2MemoryStat } from '../../src/formats/cgroup-v2.js';
import { parsePressure } from '../../src/formats/psi.js';
import {
  keyedCounts,
  parseCountFile,
  parseLimitFile,
  parsePidList,
} from '../../src/formats/kernel-text.js';
import { dirsUpTo, locateMemoryCgroup } from '../../src/formats/cgroup-location.js';
import { UNLIMITED } from '../../src/model/units.js';
import { ParseError } from '../../src/model/errors.js';

const CAPTURED = 'testdata/hosts/captured-v1-hybrid';
const capturedGroup = () => {
  const cg = readFileSync(join(CAPTURED, 'proc/4242/cgroup'), 'utf8');
  const path = memoryV1Entry(parseProcCgroup(cg))!.path;
  return join(CAPTURED, 'sys/fs/cgroup/memory', path);
};

test('mountinfo: fields, optional fields, octal escapes', () => {
  const text =
    '36 35 98:0 /mnt1 /mnt\\0402 rw,noatime master:1 shared:2 - ext3 /dev/root rw,errors=continue\n' +
    '41 31 0:38 / /sys/fs/cgroup/unified rw,relatime - cgroup2 cgroup2 rw\n';
  const [a, b] = parseMountinfo(text);
  assert.equal(a.mountPoint, '/mnt 2');
  assert.equal(a.root, '/mnt1');
  assert.equal(a.fsType, 'ext3');
  assert.deepEqual(a.superOptions, ['rw', 'errors=continue']);
  assert.equal(b.fsType, 'cgroup2');
  assert.throws(() => parseMountinfo('36 35 98:0 / /mnt rw\n'), ParseError);
});

test('mountinfo: the real mount table of this machine parses, memory mount found', () => {
  const mounts = parseMountinfo(readFileSync('/proc/self/mountinfo', 'utf8'));
  assert.ok(mounts.length > 3);
  const captured = parseMountinfo(readFileSync(join(CAPTURED, 'proc/self/mountinfo'), 'utf8'));
  assert.ok(captured.some((m) => m.fsType === 'cgroup' && m.superOptions.includes('memory')));
  assert.ok(captured.some((m) => m.fsType === 'cgroup2'));
});

test('/proc/PID/cgroup: v1 lines, the v2 line, paths with colons', () => {
  const entries = parseProcCgroup('4:memory:/a/b\n3:cpu,cpuacct:/x:y\n0::/u\n');
  assert.equal(memoryV1Entry(entries)?.path, '/a/b');
  assert.equal(unifiedEntry(entries)?.path, '/u');
  assert.deepEqual(entries[1].controllers, ['cpu', 'cpuacct']);
  assert.equal(entries[1].path, '/x:y');
  assert.throws(() => parseProcCgroup(''), ParseError);
  assert.throws(() => parseProcCgroup('memory:/a\n'), ParseError);
});

test('v1 memory.stat (captured): total_* values become the model, the sentinel is UNLIMITED', () => {
  const text = readFileSync(join(capturedGroup(), 'memory.stat'), 'utf8');
  const stat = parseV1MemoryStat(text);
  const line = (k: string) => Number(new RegExp(`^${k} (\\d+)$`, 'm').exec(text)![1]);
  assert.equal(stat.anon, line('total_rss'));
  assert.equal(stat.file, line('total_cache'));
  assert.equal(stat.inactiveFile, line('total_inactive_file'));
  assert.equal(stat.activeFile, line('total_active_file'));
  assert.equal(stat.hierarchicalMemoryLimit, 256 * 1024 * 1024);
  assert.ok((stat.anon ?? 0) > 1024 * 1024, 'a leaking Go process has anon memory');
  assert.equal(
    parseV1MemoryStat('rss 1\nhierarchical_memory_limit 9223372036854771712\n')
      .hierarchicalMemoryLimit,
    UNLIMITED,
  );
});

test('v1 memory.stat without total_* lines falls back to the own lines', () => {
  const stat = parseV1MemoryStat('cache 10\nrss 20\ninactive_file 5\n');
  assert.deepEqual([stat.anon, stat.file, stat.inactiveFile], [20, 10, 5]);
});

test('v1 oom_control and single-value files (captured)', () => {
  const dir = capturedGroup();
  const oom = parseOomControl(readFileSync(join(dir, 'memory.oom_control'), 'utf8'));
  assert.deepEqual(oom, { oomKillDisable: false, underOom: false, oomKill: 0 });
  assert.equal(
    parseLimitFile(readFileSync(join(dir, 'memory.limit_in_bytes'), 'utf8')),
    256 * 1024 * 1024,
  );
  assert.equal(parseLimitFile('9223372036854771712\n'), UNLIMITED);
  assert.equal(parseLimitFile('max\n'), UNLIMITED);
  assert.ok(parseCountFile(readFileSync(join(dir, 'memory.usage_in_bytes'), 'utf8')) > 0);
  assert.ok(parsePidList(readFileSync(join(dir, 'cgroup.procs'), 'utf8')).length === 1);
  assert.deepEqual(parsePidList(''), []);
  for (const bad of ['', 'max max', '-1', '12ab', '1\n2\n'])
    assert.throws(() => parseLimitFile(bad), ParseError, bad);
});

test('v2 memory.stat and memory.events (cgroup-v2.rst keys)', () => {
  const root = 'testdata/hosts/v2-kubepods/sys/fs/cgroup/kubepods.slice/kubepods-burstable.slice';
  const dir = `${root}/kubepods-burstable-pod5678.slice/cri-containerd-def.scope`;
  const stat = parseV2MemoryStat(readFileSync(`${dir}/memory.stat`, 'utf8'));
  assert.equal(stat.anon, 285212672);
  assert.equal(stat.inactiveFile, 20971520);
  assert.equal(stat.slab, 982160);
  assert.equal(stat.raw.file_mapped, 8388608);
  const events = parseMemoryEvents(readFileSync(`${dir}/memory.events`, 'utf8'));
  assert.deepEqual(events, { low: 0, high: 17, max: 4, oom: 1, oomKill: 1, oomGroupKill: 0 });
  assert.equal(
    parseMemoryEvents('low 0\nhigh 0\nmax 0\noom 0\noom_kill 2\n').oomGroupKill,
    undefined,
  );
  assert.throws(() => parseMemoryEvents('low 0\nhigh 0\n'), /missing max, oom, oom_kill/);
});

test('PSI: some and full lines, captured from this machine', () => {
  const p = parsePressure(
    readFileSync(join(CAPTURED, 'sys/fs/cgroup/unified/memory.pressure'), 'utf8'),
  );
  assert.ok(p.full !== undefined && p.some.total >= p.full.total);
  const own = parsePressure('some avg10=1.50 avg60=0.25 avg300=0.00 total=123\n');
  assert.deepEqual(own, { some: { avg10: 1.5, avg60: 0.25, avg300: 0, total: 123 } });
  assert.throws(
    () => parsePressure('full avg10=0.00 avg60=0.00 avg300=0.00 total=1\n'),
    /no "some" line/,
  );
});

test('ParseError names the line and the bad text', () => {
  try {
    parseV2MemoryStat('anon 1\nfile twelve\n');
    assert.fail('no error');
  } catch (err) {
    assert.ok(err instanceof ParseError);
    assert.equal(err.where.line, 2);
    assert.equal(err.text, 'file twelve');
    assert.match(err.message, /line 2: "file" is not a number "file twelve"/);
  }
});

test('"key value" counts: one trailing newline, 20 digits at most, every bad line named', () => {
  assert.deepEqual(
    [...keyedCounts('a 1\nb_2 20')],
    [
      ['a', 1],
      ['b_2', 20],
    ],
  );
  assert.deepEqual([...keyedCounts('a 1\n')], [['a', 1]]);
  const big = keyedCounts(
    'hierarchical_memory_limit 9223372036854771712\nx 99999999999999999999\n',
  );
  assert.equal(big.get('hierarchical_memory_limit'), Number('9223372036854771712'));
  assert.equal(big.get('x'), 1e20);
  const bad: [string, number, RegExp][] = [
    ['', 0, /empty file/],
    ['\n', 1, /expected "key value"/],
    ['a 1\n\n', 2, /expected "key value"/],
    ['a  1\n', 1, /expected "key value"/],
    ['a 1 2\n', 1, /expected "key value"/],
    ['a 1\r\n', 1, /expected "key value"/],
    [' a 1\n', 1, /expected "key value"/],
    ['1a 1\n', 1, /expected "key value"/],
    ['a-b 1\n', 1, /expected "key value"/],
    ['a\n', 1, /expected "key value"/],
    ['a 1x\n', 1, /"a" is not a number/],
    ['a -1\n', 1, /"a" is not a number/],
    ['a 123456789012345678901\n', 1, /"a" is not a number/],
  ];
  for (const [text, line, message] of bad) {
    assert.throws(
      () => keyedCounts(text),
      (err: unknown) =>
        err instanceof ParseError &&
        message.test(err.message) &&
        (line === 0 || err.where.line === line),
      JSON.stringify(text),
    );
  }
});

test('location: mount root prefix, longest root wins, namespaces', () => {
  const mounts = parseMountinfo(
    '1 0 0:1 / /sys/fs/cgroup/memory rw - cgroup cgroup rw,memory\n' +
      '2 0 0:1 /kubepods /mnt/kp rw - cgroup cgroup rw,memory\n' +
      '3 0 0:2 / /sys/fs/cgroup/unified rw - cgroup2 cgroup2 rw\n',
  );
  const at = (cg: string) => locateMemoryCgroup(parseProcCgroup(cg), mounts);
  assert.deepEqual(at('4:memory:/kubepods/pod1\n0::/x\n'), {
    ok: true,
    location: {
      version: 1,
      path: '/kubepods/pod1',
      dir: '/mnt/kp/pod1',
      top: '/mnt/kp',
      unifiedDir: '/sys/fs/cgroup/unified/x',
    },
  });
  const other = at('4:memory:/other\n');
  assert.ok(other.ok && other.location.dir === '/sys/fs/cgroup/memory/other');
  const v2 = at('0::/a/b\n');
  assert.ok(v2.ok && v2.location.version === 2 && v2.location.dir === '/sys/fs/cgroup/unified/a/b');
  assert.deepEqual(at('4:memory:/../outside\n'), {
    ok: false,
    reason: "cgroup /../outside is outside this reader's cgroup namespace",
  });
  assert.equal(locateMemoryCgroup(parseProcCgroup('1:cpu:/\n'), mounts).ok, false);
  assert.deepEqual(dirsUpTo('/m/a/b', '/m'), ['/m/a/b', '/m/a', '/m']);
  assert.deepEqual(dirsUpTo('/m', '/m'), ['/m']);
});
