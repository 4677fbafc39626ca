// Hostile cases for `gomemlens watch -- CMD`: bad command lines, a command that is not there,
// an existing capture (nothing is started), and commands whose stderr floods or never ends a
// line. Each exits with its documented code and one stderr line on exit 2; memory stays
// bounded; no cgroup of ours is left behind.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { hostileSuite, type HostileCase } from './support.js';
import { cgroupSkipReason } from '../support/cgroup.js';
import { ownMemoryCgroupPath } from '../../src/sources/sandbox-cgroup.js';

const skip = cgroupSkipReason();

/** No gomemlens-watch-* group left under our memory cgroup by this case's watcher. */
const noGroupLeft = (_dir: string, r: { stderr: string }) => {
  const m = /started \S+ as PID \d+ in (\S+)/.exec(r.stderr);
  if (m) assert.equal(existsSync(m[1]), false, `${m[1]} left behind`);
  const own = join('/sys/fs/cgroup/memory', ownMemoryCgroupPath() ?? '');
  if (!m && existsSync(own)) {
    const mine = readdirSync(own).filter((d) => d.startsWith(`gomemlens-watch-`));
    assert.ok(mine.every((d) => !r.stderr.includes(d)));
  }
};

const cases: HostileCase[] = [
  {
    name: 'nothing after --',
    args: ['watch', '--out', '{dir}/c.ndjson', '--'],
    expectCode: 2,
    stderr: /no command given after --/,
  },
  {
    name: '--pid with -- CMD',
    args: ['watch', '--pid', '1', '--out', '{dir}/c.ndjson', '--', 'true'],
    expectCode: 2,
    stderr: /--pid does not go with -- CMD/,
  },
  {
    name: '--limit without -- CMD',
    args: ['watch', '--pid', '1', '--limit', '64MiB', '--out', '{dir}/c.ndjson'],
    expectCode: 2,
    stderr: /--limit goes with -- CMD/,
  },
  {
    name: 'a bad --limit',
    args: ['watch', '--limit', '64 apples', '--out', '{dir}/c.ndjson', '--', 'true'],
    expectCode: 2,
    stderr: /--limit wants a size/,
  },
  {
    name: 'a command that is not there',
    args: ['watch', '--out', '{dir}/c.ndjson', '--', '{dir}/no-such-program'],
    expectCode: 2,
    stderr: /cannot run .*no-such-program: not found or not executable/,
    after: (dir) => assert.equal(existsSync(join(dir, 'c.ndjson')), false),
  },
  {
    name: 'the capture exists: refused before the command starts',
    args: ['watch', '--out', '{dir}/c.ndjson', '--', 'touch', '{dir}/ran'],
    setup: (d) => writeFileSync(join(d, 'c.ndjson'), 'keep me'),
    expectCode: 2,
    stderr: /cannot create .*c\.ndjson: file exists/,
    after: (dir) => assert.equal(existsSync(join(dir, 'ran')), false, 'the command ran'),
  },
  {
    name: 'a command whose stderr never ends a line (/dev/zero), stopped at --duration',
    args: [
      'watch',
      '--duration',
      '3s',
      '--out',
      '{dir}/c.ndjson',
      '--',
      'sh',
      '-c',
      'exec cat /dev/zero >&2',
    ],
    expectCode: 0,
    maxRssMiB: 250,
    timeoutMs: 30_000,
    skip,
    after: noGroupLeft,
  },
  {
    name: 'a command flooding stderr with fake gc lines: bounded, the lines are recorded',
    args: [
      'watch',
      '--duration',
      '3s',
      '--out',
      '{dir}/c.ndjson',
      '--',
      'sh',
      '-c',
      'yes "gc 1 @0.1s 0%: 0.1+0.2+0.3 ms clock, 0.1+0.2/0.3/0.4+0.5 ms cpu, 1->2->3 MB, 4 MB goal, 0 MB stacks, 0 MB globals, 2 P" >&2',
    ],
    expectCode: 0,
    maxRssMiB: 300,
    timeoutMs: 30_000,
    skip,
    after: (dir, r) => {
      noGroupLeft(dir, r);
      const records = readFileSync(join(dir, 'c.ndjson'), 'utf8')
        .split('\n')
        .filter((l) => l.includes('"type":"gctrace"'));
      assert.ok(records.length > 0, 'gctrace lines recorded');
      assert.match(r.stderr, /gctrace lines dropped|ended by signal SIGTERM/);
    },
  },
];

hostileSuite('watch -- CMD', cases);
