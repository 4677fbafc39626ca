// Hostile cases for `gomemlens trace madvise`: targets that are gone, not Go or not ours, no
// tracer, and tracers that fail, never attach, ignore SIGINT, die midway or flood their output.
// Each exits 2 with one line, or 0 with a partial result that says what is missing; no tracer
// is left running and memory stays bounded.
import { after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { hostileSuite, type HostileCase } from './support.js';
import { goSkipReason, startScenario } from '../support/go-scenario.js';

const goSkip = goSkipReason('heap-cycle');
const rootSkip = process.getuid?.() === 0 ? undefined : 'needs root (bpftrace runs as root only)';
const target = goSkip
  ? undefined
  : await startScenario('heap-cycle', { args: ['-every', '1h'], waitForUrl: false });
after(() => target?.stop());
const pid = String(target?.pid ?? 0);
const gone = String(spawnSync('true').pid);

/** A fake bpftrace in the case's directory: a shell script. */
const fake = (script: string) => (dir: string) => {
  writeFileSync(join(dir, 'bpftrace'), `#!/bin/sh\n${script}\n`);
  chmodSync(join(dir, 'bpftrace'), 0o755);
};

/** Nothing whose command line names the case's directory is still running. */
const noLeftovers = (dir: string) => {
  const left = readdirSync('/proc').filter((p) => {
    if (!/^\d+$/.test(p)) return false;
    try {
      return readFileSync(`/proc/${p}/cmdline`, 'utf8').includes(dir);
    } catch {
      return false;
    }
  });
  assert.deepEqual(left, [], `still running: ${left.join(', ')}`);
};

const ATTACHED = 'echo "madvise trace attached"';
const ONE_CALL = `${ATTACHED}; printf 'madvise 1 4 4096 0\\n        runtime.bgscavenge+72\\n;\\n'`;
const withFake = (args: string[]) => [
  'trace',
  'madvise',
  '--pid',
  pid,
  '--method',
  'bpftrace',
  '--bpftrace',
  '{dir}/bpftrace',
  ...args,
];

const cases: HostileCase[] = [
  { name: 'no --pid', args: ['trace', 'madvise'], expectCode: 2, stderr: /--pid N is required/ },
  {
    name: '--pid abc',
    args: ['trace', 'madvise', '--pid', 'abc'],
    expectCode: 2,
    stderr: /--pid wants a whole number/,
  },
  {
    name: '--method nope',
    args: ['trace', 'madvise', '--pid', '1', '--method', 'nope'],
    expectCode: 2,
    stderr: /--method wants bpftrace, strace or auto/,
  },
  {
    name: '--duration 0s',
    args: ['trace', 'madvise', '--pid', '1', '--duration', '0s'],
    expectCode: 2,
    stderr: /--duration must be more than 0/,
  },
  {
    name: 'unknown subcommand',
    args: ['trace', 'nope'],
    expectCode: 2,
    stderr: /unknown subcommand "nope"/,
  },
  {
    name: 'a process that is gone',
    args: ['trace', 'madvise', '--pid', gone],
    expectCode: 2,
    stderr: new RegExp(`process ${gone} not found`),
  },
  {
    name: 'a process that is not Go (node)',
    args: ['trace', 'madvise', '--pid', String(process.pid)],
    expectCode: 2,
    stderr: new RegExp(`process ${process.pid} is not a Go program`),
  },
  {
    name: "another user's process",
    args: ['trace', 'madvise', '--pid', pid],
    asNobody: true,
    skip: goSkip,
    expectCode: 2,
    stderr: /cannot read \/proc\/\d+\/exe: permission denied/,
  },
  {
    name: 'bpftrace missing (--bpftrace names no program)',
    args: ['trace', 'madvise', '--pid', pid, '--method', 'bpftrace', '--bpftrace', '{dir}/none'],
    skip: goSkip,
    expectCode: 2,
    stderr: /cannot use bpftrace: .*\/none is not an executable/,
  },
  {
    name: 'no tracer on PATH',
    args: ['trace', 'madvise', '--pid', pid],
    env: { PATH: '/nonexistent' },
    skip: goSkip,
    expectCode: 2,
    stderr: /no tracer works here: bpftrace is not installed .*; strace is not installed/,
  },
  {
    name: 'a tracer that fails to start',
    args: withFake([]),
    setup: fake('echo "ERROR: Could not resolve symbol: foo" >&2; exit 1'),
    skip: goSkip ?? rootSkip,
    expectCode: 2,
    stderr: /bpftrace could not trace the process: Could not resolve symbol: foo/,
    after: noLeftovers,
  },
  {
    name: 'a tracer that never attaches',
    args: withFake(['--attach-timeout', '1s']),
    setup: fake('while :; do sleep 0.2; done'),
    skip: goSkip ?? rootSkip,
    expectCode: 2,
    stderr: /bpftrace did not attach within 1s; stopped it/,
    after: noLeftovers,
  },
  {
    name: 'a tracer that ignores SIGINT',
    args: withFake(['--duration', '1s', '--json']),
    setup: fake(`trap '' INT; ${ONE_CALL}; while :; do sleep 0.2; done`),
    skip: goSkip ?? rootSkip,
    expectCode: 0,
    stdout: /bpftrace did not stop on SIGINT and was killed/,
    timeoutMs: 20_000,
    after(dir, r) {
      noLeftovers(dir);
      assert.equal(JSON.parse(r.stdout).totals.calls, 1);
    },
  },
  {
    name: 'a tracer that dies midway',
    args: withFake(['--duration', '30s']),
    setup: fake(`${ONE_CALL}; exit 3`),
    skip: goSkip ?? rootSkip,
    expectCode: 0,
    stdout: /MADV_DONTNEED +1 +4 KiB[\s\S]*bpftrace ended early/,
    timeoutMs: 20_000,
  },
  {
    name: 'a tracer that writes endless bytes without a newline',
    args: withFake(['--duration', '2s']),
    setup: fake(`${ATTACHED}; exec cat /dev/zero`),
    skip: goSkip ?? rootSkip,
    expectCode: 0,
    stdout: /No madvise calls while tracing/,
    maxRssMiB: 200,
    after: noLeftovers,
  },
  {
    name: 'a tracer that writes one endless stack',
    args: withFake(['--duration', '2s']),
    setup: fake(`${ATTACHED}; echo "madvise 1 8 4096 0"; exec yes "        main.f+1"`),
    skip: goSkip ?? rootSkip,
    expectCode: 0,
    stdout: /MADV_FREE +1/,
    maxRssMiB: 200,
    after: noLeftovers,
  },
  {
    name: 'a tracer that printed fewer calls than the kernel counted',
    args: withFake(['--duration', '1s']),
    setup: fake(`trap 'echo "@calls: 3"; exit 0' INT; ${ONE_CALL}; while :; do sleep 0.2; done`),
    skip: goSkip ?? rootSkip,
    expectCode: 0,
    stdout: /the kernel counted 3 calls, bpftrace printed 1 before it stopped: counts are low/,
    after: noLeftovers,
  },
  {
    name: 'a strace without stacks (-k)',
    args: [
      'trace',
      'madvise',
      '--pid',
      pid,
      '--method',
      'strace',
      '--strace',
      '{dir}/strace',
      '--duration',
      '1s',
    ],
    setup(dir) {
      // Refuses -k (as a strace built without libunwind/libdw does), then traces one call.
      const script = `[ "$1" = -k ] && exit 1
echo "strace: Process ${pid} attached" >&2
echo "madvise(0xc000000000, 65536, 0x4) = 0" >&2
while :; do sleep 0.2; done`;
      writeFileSync(
        join(dir, 'strace'),
        `#!/bin/sh
${script}
`,
      );
      chmodSync(join(dir, 'strace'), 0o755);
    },
    skip: goSkip,
    expectCode: 0,
    stdout:
      /no stack +1 +64 KiB[\s\S]*this strace cannot print stacks \(-k\): calling paths are unknown/,
    after: noLeftovers,
  },
];

hostileSuite('trace madvise', cases);
